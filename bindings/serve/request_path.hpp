#pragma once
// Which file a request may read: only a regular file inside the results folder. Anything
// else (a `..` or `.` segment, a hidden name, an absolute path, a backslash, a `%` left
// after the server's one decoding, i.e. double encoding, a control character, a
// symlink or hard path that resolves outside the folder) is "no such file", so the server
// answers 404 and does not tell which rule refused it.
#include <filesystem>
#include <optional>
#include <string>

namespace wijksim::serve {

// `relative`: the request path after the route's prefix, as decoded once by the server
// (e.g. "20261202-031500/brief-nl.html"); `raw_target`: the request line's target as sent.
std::optional<std::filesystem::path> file_under(const std::filesystem::path& root, const std::string& relative,
                                                const std::string& raw_target);

// A name the server itself makes (a run id, a file name): [A-Za-z0-9_-] and inner dots only.
bool plain_name(const std::string& name);

}  // namespace wijksim::serve
