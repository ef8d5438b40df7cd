#pragma once
// Where each value of a scenario was written, and the cross-field validation pass.
//
// The loader walks the final YAML tree (after `extends:` merging and `--set` overrides)
// and records, for every key path, the file and 1-based line/column it came from. The
// validate() pass works on the ScenarioSpec alone (so it also checks specs built in code,
// e.g. by experiments) and asks the SourceMap only to place its issues; with an empty
// SourceMap the issues carry the key path but no file position.
#include <map>
#include <string>
#include <vector>

#include "wijksim/scenarios/load.hpp"
#include "wijksim/scenarios/spec.hpp"

namespace wijksim::scenarios {

struct SourceLocation {
  std::string file;
  int line = 0;    // 1-based; 0 = unknown
  int column = 0;  // 1-based; 0 = unknown
};

class SourceMap {
 public:
  explicit SourceMap(std::string default_file = "") : default_file_(std::move(default_file)) {}
  void set(const std::string& key_path, SourceLocation where) { where_[key_path] = std::move(where); }
  // The location of key_path or, when that key was not written (a default, a missing
  // required key), of its nearest written ancestor: the map where it should have been.
  SourceLocation find(const std::string& key_path) const;
  bool contains(const std::string& key_path) const { return where_.count(key_path) != 0; }
  // Where the key itself (not its value) was written: for "unknown key" and "no such
  // domain" messages about a map key. Falls back to find().
  void set_key(const std::string& key_path, SourceLocation where) { key_where_[key_path] = std::move(where); }
  SourceLocation find_key(const std::string& key_path) const;
  const std::string& default_file() const { return default_file_; }

 private:
  std::string default_file_;
  std::map<std::string, SourceLocation> where_;
  std::map<std::string, SourceLocation> key_where_;
};

// `population.wijken[2].households` -> `population.wijken[2]`; `a` -> ``.
std::string parent_key_path(const std::string& key_path);

// Cross-field rules (ranges, sums, sizes, names that must exist). Returns every issue
// found; does not throw. Errors and warnings are told apart by ScenarioIssue::warning.
std::vector<ScenarioIssue> validate(const ScenarioSpec& spec, const SourceMap& where = SourceMap());

// The allowed values of the enumerated string fields (life_events[].applies_to and
// life_events[].work_status), in their compiled enum order.
const std::vector<std::string>& event_eligibility_names();
const std::vector<std::string>& work_status_names();
// age_groups keys, in the order of CompiledWijk::age_group_share.
const std::vector<std::string>& age_group_keys();

}  // namespace wijksim::scenarios
