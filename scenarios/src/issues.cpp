// ScenarioIssue / ScenarioError formatting and SourceMap look-ups.
#include <sstream>

#include "wijksim/scenarios/load.hpp"
#include "wijksim/scenarios/validate.hpp"

namespace wijksim::scenarios {

// "file:line:column: key_path: expected X, got Y". An issue with an empty `expected`
// is a free-form message held in `got` (used for unknown keys, where "expected ..., got"
// reads badly: "unknown key 'worsn'; did you mean 'worsen'?").
std::string ScenarioIssue::to_string() const {
  std::ostringstream out;
  out << (file.empty() ? "<scenario>" : file);
  if (line > 0) {
    out << ':' << line << ':' << column;
  }
  out << ": ";
  if (warning) out << "warning: ";
  if (!key_path.empty()) out << key_path << ": ";
  if (expected.empty()) {
    out << got;
  } else {
    out << "expected " << expected << ", got " << got;
  }
  return out.str();
}

namespace {
std::string join_issues(const std::vector<ScenarioIssue>& issues) {
  std::string text;
  size_t errors = 0;
  for (const auto& issue : issues) errors += issue.warning ? 0 : 1;
  text = std::to_string(errors) + (errors == 1 ? " problem" : " problems") + " in scenario";
  for (const auto& issue : issues) text += "\n  " + issue.to_string();
  return text;
}
}  // namespace

ScenarioError::ScenarioError(std::vector<ScenarioIssue> issues)
    : std::runtime_error(join_issues(issues)), issues_(std::move(issues)) {}

std::string parent_key_path(const std::string& key_path) {
  const size_t cut = key_path.find_last_of(".[");
  return cut == std::string::npos ? std::string() : key_path.substr(0, cut);
}

SourceLocation SourceMap::find(const std::string& key_path) const {
  std::string path = key_path;
  for (;;) {
    auto it = where_.find(path);
    if (it != where_.end()) return it->second;
    if (path.empty()) return SourceLocation{default_file_, 0, 0};
    path = parent_key_path(path);
  }
}

SourceLocation SourceMap::find_key(const std::string& key_path) const {
  auto it = key_where_.find(key_path);
  return it != key_where_.end() ? it->second : find(key_path);
}

}  // namespace wijksim::scenarios
