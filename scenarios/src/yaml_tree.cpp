#include "yaml_tree.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include <yaml-cpp/eventhandler.h>

#include "wijksim/scenarios/limits.hpp"
#include "yaml_reader.hpp"

namespace wijksim::scenarios::detail {
namespace fs = std::filesystem;

namespace {

ScenarioIssue file_issue(const std::string& file, int line, int column, std::string expected, std::string got) {
  return ScenarioIssue{file, line, column, "", std::move(expected), std::move(got), false};
}

// yaml-cpp marks count from 0 and are -1 when unknown; ours count from 1, 0 = unknown.
SourceLocation location_of(const YAML::Node& node, const std::string& file) {
  const YAML::Mark mark = node.Mark();
  return SourceLocation{file, mark.line < 0 ? 0 : mark.line + 1, mark.column < 0 ? 0 : mark.column + 1};
}

// Why the UTF-8 sequence starting at text[i] is bad ("" = it is fine); `length` is its
// length when fine. A NUL byte counts as bad: it means binary data, never YAML text.
std::string utf8_problem(const std::string& text, size_t i, size_t& length) {
  const auto byte = [&](size_t k) { return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0u; };
  const unsigned c = byte(0);
  length = 1;
  if (c == 0) return "binary";
  if (c < 0x80) return "";
  if (c < 0xC2 || c > 0xF4) return "binary";  // continuation bytes, overlong C0/C1, F5..FF: never valid
  length = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  for (size_t k = 1; k < length; ++k)
    if (i + k >= text.size() || (byte(k) & 0xC0) != 0x80) return "a truncated multi-byte sequence";
  const unsigned c1 = byte(1);
  if (c == 0xE0 && c1 < 0xA0) return "an overlong encoding";
  if (c == 0xF0 && c1 < 0x90) return "an overlong encoding";
  if (c == 0xED && c1 >= 0xA0) return "a UTF-16 surrogate (U+D800..U+DFFF)";
  if (c == 0xF4 && c1 >= 0x90) return "a code point above U+10FFFF";
  return "";
}

std::string hex_byte(unsigned char c) {
  std::ostringstream s;
  s << "0x" << std::hex << static_cast<int>(c);
  return s.str();
}

// "binary data (byte 0x0 at offset 7)" or "malformed UTF-8 (... at offset 7)".
std::string describe_bad_utf8(const std::string& text, size_t offset) {
  size_t length = 0;
  const std::string why = utf8_problem(text, offset, length);
  const std::string at = " at offset " + std::to_string(offset);
  if (why == "binary") return "binary data (byte " + hex_byte(static_cast<unsigned char>(text[offset])) + at + ")";
  return "malformed UTF-8 (" + why + ", byte " + hex_byte(static_cast<unsigned char>(text[offset])) + at + ")";
}

void line_column_of(const std::string& text, size_t offset, int& line, int& column) {
  line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n'));
  const size_t line_start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  column = static_cast<int>(offset - (line_start == std::string::npos || offset == 0 ? 0 : line_start + 1)) + 1;
}

// "a scenario file" -> "a readable scenario file"; "an experiment file" -> "a readable experiment file".
std::string readable(const std::string& what) {
  const size_t space = what.find(' ');
  return "a readable " + (space == std::string::npos ? what : what.substr(space + 1));
}

const char* kind_of(mode_t mode) {
  if (S_ISFIFO(mode)) return "a named pipe (FIFO), which could block forever";
  if (S_ISCHR(mode)) return "a character device (such as /dev/zero), which may never end";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

// What the expanded tree of a YAML limit would hold, thrown from the event pass below.
struct LimitExceeded {
  YAML::Mark mark;
  std::string expected, got;
};

// One pass over the parser's events before anything is loaded: counts the documents of the
// stream (stops caring after the second) and where the second starts, and sizes the first
// document's tree with every alias expanded, from the sizes of its anchors. That sizing
// costs one step per event of the text, so a "billion laughs" file (or one nested too deep
// through aliases) is refused in the time it takes to read it; walking the expanded tree
// (TreeCheck) until its 200,000th node took 0.35 s in Release and 27 s under ASan when the
// anchor was a long string (a fuzz finding). YAML::LoadAll is not used: yaml-cpp 0.7 loops forever on some malformed
// input (found by the fuzz target: ",: a[b[4p"), HandleNextDocument returning true again
// and again.
class StreamCheck : public YAML::EventHandler {
 public:
  int documents = 0;
  YAML::Mark second;
  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++documents == 2) second = mark;
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { leaf(mark, anchor, 0); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    // An alias of an anchor still open (its own ancestor) is a cycle: counted once here,
    // refused by TreeCheck with its own message.
    const auto it = anchors_.find(anchor);
    add(mark, it == anchors_.end() ? Size{1, 0, 0} : it->second);
  }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor, const std::string& value) override {
    leaf(mark, anchor, value.size());
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor, YAML::EmitterStyle::value) override {
    open(mark, anchor);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor, YAML::EmitterStyle::value) override {
    open(mark, anchor);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Size {
    uint64_t nodes, bytes;
    uint64_t levels;  // maps and lists inside each other (a scalar: 0); while open: its children's most
  };
  struct Open {
    YAML::Mark mark;
    YAML::anchor_t anchor;
    Size size;
  };
  void open(const YAML::Mark& mark, YAML::anchor_t anchor) {
    add(mark, Size{0, 0, 1});  // the nesting check, before anything is inside (counts nothing)
    open_.push_back({mark, anchor, {1, 0, 0}});
  }
  void leaf(const YAML::Mark& mark, YAML::anchor_t anchor, uint64_t bytes) {
    const Size size{1, bytes, 0};
    if (anchor != YAML::NullAnchor) anchors_[anchor] = size;
    add(mark, size);
  }
  void close() {
    const Open done = open_.back();
    open_.pop_back();
    Size size = done.size;
    size.levels += 1;
    if (done.anchor != YAML::NullAnchor) anchors_[done.anchor] = size;
    add(done.mark, size);
  }
  // Adds a subtree to the collection it sits in (or to the document) and refuses the file
  // as soon as a limit is passed: every count stays within the limits, so no overflow.
  void add(const YAML::Mark& mark, Size size) {
    if (documents > 1) return;  // only the first document is loaded
    Size& into = open_.empty() ? total_ : open_.back().size;
    into.nodes += size.nodes;
    into.bytes += size.bytes;
    into.levels = std::max(into.levels, size.levels);
    // The subtree's deepest map or list sits open_.size() + levels - 1 levels below the root
    // (TreeCheck counts the root as 0 and refuses level kMaxNesting).
    if (open_.size() + size.levels > static_cast<uint64_t>(limits::kMaxNesting))
      throw LimitExceeded{mark, "mappings and lists nested at most " + std::to_string(limits::kMaxNesting) + " levels deep",
                          "deeper nesting"};
    if (into.nodes > limits::kMaxNodes)
      throw LimitExceeded{mark, "at most " + std::to_string(limits::kMaxNodes) + " YAML nodes, aliases (*name) expanded",
                          "more: aliases that repeat large anchors (a 'billion laughs' file?) or a very large file"};
    if (into.bytes > limits::kMaxExpandedBytes)
      throw LimitExceeded{mark,
                          "at most " + std::to_string(limits::kMaxExpandedBytes) +
                              " bytes of text (16 MiB) in all values, aliases (*name) expanded",
                          "more: aliases that repeat a long text"};
  }
  std::vector<Open> open_;                  // the collections the parser is inside, outermost first
  std::map<YAML::anchor_t, Size> anchors_;  // each anchor's expanded size once it is closed
  Size total_{0, 0, 0};
};

// Depth-first walk of a parsed tree; recursion is bounded by kMaxNesting.
class TreeCheck {
 public:
  TreeCheck(const std::string& file, std::vector<ScenarioIssue>& issues) : file_(file), issues_(issues) {}

  bool visit(const YAML::Node& node, int depth) {
    if (++nodes_ > limits::kMaxNodes)
      return fail(node, "at most " + std::to_string(limits::kMaxNodes) + " YAML nodes, aliases (*name) expanded",
                  "more: aliases that repeat large anchors (a 'billion laughs' file?) or a very large file");
    if (node.IsScalar()) {
      if ((bytes_ += node.Scalar().size()) > limits::kMaxExpandedBytes)
        return fail(node, "at most " + std::to_string(limits::kMaxExpandedBytes) +
                              " bytes of text (16 MiB) in all values, aliases (*name) expanded",
                    "more: aliases that repeat a long text");
      const size_t bad = find_bad_utf8(node.Scalar());
      if (bad != std::string::npos)
        return fail(node, "text in valid UTF-8", describe_bad_utf8(node.Scalar(), bad) + " in a value (an escape such as \\uD800?)");
      return true;
    }
    if (!node.IsMap() && !node.IsSequence()) return true;
    for (const YAML::Node& ancestor : path_)
      if (ancestor.is(node))
        return fail(node, "an alias (*name) outside its own anchor (&name)", "an anchor that contains itself (a cycle)");
    if (depth >= limits::kMaxNesting)
      return fail(node, "mappings and lists nested at most " + std::to_string(limits::kMaxNesting) + " levels deep",
                  "deeper nesting");
    path_.push_back(node);
    bool ok = true;
    if (node.IsMap()) {
      for (auto it = node.begin(); ok && it != node.end(); ++it)
        ok = visit(it->first, depth + 1) && visit(it->second, depth + 1);
    } else {
      for (auto it = node.begin(); ok && it != node.end(); ++it) ok = visit(*it, depth + 1);
    }
    path_.pop_back();
    return ok;
  }

 private:
  bool fail(const YAML::Node& node, std::string expected, std::string got) {
    const SourceLocation at = location_of(node, file_);
    issues_.push_back(file_issue(file_, at.line, at.column, std::move(expected), std::move(got)));
    return false;
  }
  const std::string& file_;
  std::vector<ScenarioIssue>& issues_;
  uint64_t nodes_ = 0, bytes_ = 0;
  std::vector<YAML::Node> path_;  // the maps and lists above the node being visited
};

}  // namespace

size_t find_bad_utf8(const std::string& text) {
  for (size_t i = 0; i < text.size();) {
    size_t length = 1;
    if (!utf8_problem(text, i, length).empty()) return i;
    i += length;
  }
  return std::string::npos;
}

bool check_tree(const YAML::Node& root, const std::string& display_name, std::vector<ScenarioIssue>& issues) {
  TreeCheck check(display_name, issues);
  return check.visit(root, 0);
}

bool read_text_file(const std::string& path, const std::string& what, std::string& text,
                    std::vector<ScenarioIssue>& issues) {
  // O_NONBLOCK: opening a FIFO for reading must not wait for a writer; fstat then refuses it.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    issues.push_back(file_issue(path, 0, 0, readable(what),
                                err == ENOENT ? std::string("no such file")
                                              : std::string("a file that cannot be read (") + std::strerror(err) + ")"));
    return false;
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    issues.push_back(file_issue(path, 0, 0, readable(what), std::string("a file that cannot be read (") + std::strerror(errno) + ")"));
    return false;
  }
  if (S_ISDIR(st.st_mode)) {
    issues.push_back(file_issue(path, 0, 0, what, "a directory"));
    return false;
  }
  if (!S_ISREG(st.st_mode)) {
    issues.push_back(file_issue(path, 1, 1, what + " (a regular file)", kind_of(st.st_mode)));
    return false;
  }
  const std::string too_large = "a file of at most " + std::to_string(limits::kMaxFileBytes) + " bytes (4 MiB)";
  if (static_cast<uint64_t>(st.st_size) > limits::kMaxFileBytes) {
    issues.push_back(file_issue(path, 1, 1, too_large, std::to_string(st.st_size) + " bytes"));
    return false;
  }
  // Read at most one byte more than the limit: a file can grow while being read, and
  // files under /proc report size 0.
  text.clear();
  char buffer[65536];
  while (text.size() <= limits::kMaxFileBytes) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      issues.push_back(file_issue(path, 0, 0, readable(what), std::string("a read error (") + std::strerror(errno) + ")"));
      return false;
    }
    if (n == 0) break;
    text.append(buffer, static_cast<size_t>(n));
  }
  if (text.size() > limits::kMaxFileBytes) {
    issues.push_back(file_issue(path, 1, 1, too_large, "a larger file"));
    return false;
  }
  return true;
}

void record_origin(const YAML::Node& node, const std::string& path, const std::string& file, OriginMap& origins) {
  origins.file[path] = file;
  if (node.IsMap()) {
    for (const auto& entry : node) record_origin(entry.second, child_path(path, entry.first.Scalar()), file, origins);
  } else if (node.IsSequence()) {
    for (size_t i = 0; i < node.size(); ++i) record_origin(node[i], index_path(path, i), file, origins);
  }
}

YAML::Node parse_yaml_text(const std::string& text, const std::string& display_name,
                           std::vector<ScenarioIssue>& issues) {
  if (text.size() > limits::kMaxFileBytes) {
    issues.push_back(file_issue(display_name, 1, 1,
                                "a text of at most " + std::to_string(limits::kMaxFileBytes) + " bytes (4 MiB)",
                                std::to_string(text.size()) + " bytes"));
    return YAML::Node(YAML::NodeType::Undefined);
  }
  const size_t offset = find_bad_utf8(text);
  if (offset != std::string::npos) {
    int line = 0, column = 0;
    line_column_of(text, offset, line, column);
    issues.push_back(file_issue(display_name, line, column, "a UTF-8 YAML text file", describe_bad_utf8(text, offset)));
    return YAML::Node(YAML::NodeType::Undefined);
  }
  YAML::Node root;
  StreamCheck counter;
  try {
    // At most two documents are looked at: the first is the file, a second is an error.
    std::istringstream in(text);
    YAML::Parser parser(in);
    while (counter.documents < 2 && parser.HandleNextDocument(counter)) {
    }
    if (counter.documents < 2) root = YAML::Load(text);
  } catch (const LimitExceeded& e) {
    issues.push_back(file_issue(display_name, e.mark.line + 1, e.mark.column + 1, e.expected, e.got));
    return YAML::Node(YAML::NodeType::Undefined);
  } catch (const YAML::ParserException& e) {
    issues.push_back(file_issue(display_name, e.mark.line + 1, e.mark.column + 1, "valid YAML syntax",
                                "a syntax error: " + e.msg));
    return YAML::Node(YAML::NodeType::Undefined);
  } catch (const YAML::Exception& e) {  // other yaml-cpp failures (e.g. bad anchors)
    issues.push_back(file_issue(display_name, e.mark.line + 1, e.mark.column + 1, "valid YAML", e.msg));
    return YAML::Node(YAML::NodeType::Undefined);
  }
  if (counter.documents > 1) {
    // A second document would be ignored: say where it starts.
    SourceLocation at{display_name, counter.second.line < 0 ? 0 : counter.second.line + 1,
                      counter.second.column < 0 ? 0 : counter.second.column + 1};
    issues.push_back(file_issue(display_name, at.line, at.column, "one YAML document per file",
                                "a second document (after a '---' separator), which would be ignored"));
    return YAML::Node(YAML::NodeType::Undefined);
  }
  if (root.IsNull()) {
    issues.push_back(file_issue(display_name, 1, 1, "a scenario mapping (name:, domains:, population:, ...)",
                                "an empty file"));
    return YAML::Node(YAML::NodeType::Undefined);
  }
  if (!root.IsMap()) {
    const SourceLocation at = location_of(root, display_name);
    issues.push_back(file_issue(display_name, at.line, at.column,
                                "a scenario mapping (name:, domains:, population:, ...) at the top level",
                                describe(root)));
    return YAML::Node(YAML::NodeType::Undefined);
  }
  if (!check_tree(root, display_name, issues)) return YAML::Node(YAML::NodeType::Undefined);
  return root;
}

void merge_into(YAML::Node base, const YAML::Node& overlay, const std::string& path,
                const std::string& overlay_file, OriginMap& origins) {
  for (const auto& entry : overlay) {
    const std::string key = entry.first.Scalar();
    const std::string key_path = child_path(path, key);
    const YAML::Node& const_base = base;
    YAML::Node existing = const_base[key];
    if (existing && existing.IsMap() && entry.second.IsMap()) {
      merge_into(existing, entry.second, key_path, overlay_file, origins);
    } else {
      base[key] = entry.second;
      record_origin(entry.second, key_path, overlay_file, origins);
      // base[key] made a new key node (no mark) or kept the base's: remember the overlay's.
      origins.key[key_path] = location_of(entry.first, overlay_file);
    }
  }
}

YAML::Node resolve_extends(YAML::Node root, const std::string& file, OriginMap& origins,
                           std::vector<ScenarioIssue>& issues, std::vector<std::string>& chain) {
  const YAML::Node& const_root = root;
  const YAML::Node extends = const_root["extends"];
  if (!extends) {
    record_origin(root, "", file, origins);
    return root;
  }
  const SourceLocation at = location_of(extends, file);
  if (!extends.IsScalar() || extends.Scalar().empty()) {
    issues.push_back(ScenarioIssue{file, at.line, at.column, "extends", "a file name (the base scenario)",
                                   describe(extends), false});
    return YAML::Node(YAML::NodeType::Undefined);
  }
  if (chain.size() > static_cast<size_t>(limits::kMaxExtendsDepth)) {
    issues.push_back(ScenarioIssue{file, at.line, at.column, "extends",
                                   "an extends: chain of at most " + std::to_string(limits::kMaxExtendsDepth) +
                                       " base files",
                                   "a longer chain (" + chain.front() + " -> ... -> " + file + " -> " +
                                       extends.Scalar() + ")",
                                   false});
    return YAML::Node(YAML::NodeType::Undefined);
  }
  const fs::path base_path = fs::path(file).parent_path() / extends.Scalar();
  std::error_code ec;
  const std::string key = fs::weakly_canonical(base_path, ec).string();
  if (std::find(chain.begin(), chain.end(), key) != chain.end()) {
    std::string cycle;
    for (const auto& f : chain) cycle += f + " -> ";
    issues.push_back(ScenarioIssue{file, at.line, at.column, "extends", "a base scenario that does not extend itself",
                                   "a cycle: " + cycle + key, false});
    return YAML::Node(YAML::NodeType::Undefined);
  }
  if (!fs::exists(base_path, ec) || fs::is_directory(base_path, ec)) {
    issues.push_back(ScenarioIssue{file, at.line, at.column, "extends",
                                   "an existing base scenario file (relative to " + file + ")",
                                   "'" + extends.Scalar() + "' (" + base_path.string() +
                                       (fs::is_directory(base_path, ec) ? " is a directory)" : " does not exist)"),
                                   false});
    return YAML::Node(YAML::NodeType::Undefined);
  }
  const size_t issues_before = issues.size();
  YAML::Node base = load_yaml_file(base_path.string(), origins, issues, chain);
  if (!base.IsDefined() || issues.size() != issues_before) return YAML::Node(YAML::NodeType::Undefined);
  root.remove("extends");
  merge_into(base, root, "", file, origins);
  return base;
}

YAML::Node load_yaml_file(const std::string& path, OriginMap& origins, std::vector<ScenarioIssue>& issues,
                          std::vector<std::string>& chain) {
  std::string text;
  if (!read_text_file(path, "a scenario file", text, issues)) return YAML::Node(YAML::NodeType::Undefined);
  YAML::Node root = parse_yaml_text(text, path, issues);
  if (!root.IsDefined()) return root;
  std::error_code ec;
  chain.push_back(fs::weakly_canonical(path, ec).string());
  YAML::Node resolved = resolve_extends(root, path, origins, issues, chain);
  chain.pop_back();
  return resolved;
}

namespace {
const std::string& origin_file(const OriginMap& origins, const std::string& path, const std::string& fallback) {
  const auto origin = origins.file.find(path);
  return origin == origins.file.end() ? fallback : origin->second;
}

void walk(const YAML::Node& node, const std::string& path, const OriginMap& origins, const std::string& default_file,
          SourceMap& where, std::vector<ScenarioIssue>& issues) {
  const std::string& file = origin_file(origins, path, default_file);
  where.set(path, location_of(node, file));
  if (node.IsMap()) {
    std::set<std::string> seen;
    for (const auto& entry : node) {
      const std::string key = entry.first.Scalar();
      const std::string key_path = child_path(path, key);
      // A key belongs to the file its value came from (an extending file, <--set>), not
      // to the file of the map it sits in.
      const auto recorded = origins.key.find(key_path);
      const SourceLocation key_at = recorded != origins.key.end()
                                        ? recorded->second
                                        : location_of(entry.first, origin_file(origins, key_path, file));
      if (!seen.insert(key).second) {
        const SourceLocation at = location_of(entry.first, file);
        issues.push_back(ScenarioIssue{at.file, at.line, at.column, key_path, "each key once in a mapping",
                                       "'" + key + "' again", false});
      }
      where.set_key(key_path, key_at);
      walk(entry.second, key_path, origins, default_file, where, issues);
    }
  } else if (node.IsSequence()) {
    for (size_t i = 0; i < node.size(); ++i) walk(node[i], index_path(path, i), origins, default_file, where, issues);
  }
}
}  // namespace

SourceMap build_source_map(const YAML::Node& root, const OriginMap& origins, const std::string& default_file,
                           std::vector<ScenarioIssue>& issues) {
  SourceMap where(default_file);
  walk(root, "", origins, default_file, where, issues);
  return where;
}

}  // namespace wijksim::scenarios::detail
