#pragma once
// The rows of the key lists (wijksim/scenarios/keys.hpp) as data, and the generic walks
// over them: read a mapping's keys (MapCursor), check their ranges (validate), write them
// (scenario.resolved.yaml, both layouts) and describe them (docs/scenario-keys.md).
// Internal to wijksim::scenarios. rows<S>() is defined in schema.cpp, one per spec struct.
#include <functional>
#include <ostream>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "wijksim/scenarios/spec.hpp"
#include "yaml_reader.hpp"

namespace wijksim::scenarios::detail {

enum class Flags : uint8_t {
  opt,  // may be left out (the default stays)
  req,  // must be written
  own,  // read and written by the section's own code (nested mappings, matrices)
};

enum class CheckKind : uint8_t {
  any,          // every value of the type
  nonempty,     // a non-empty text
  probability,  // [0, 1]
  share,        // [0, 1]
  non_negative, // [0, max double]
  positive,     // (0, inf)
  interval,     // [lo, hi]
  below,        // [lo, hi)
  one_of,       // one of names() (or "" when empty_ok)
  own,          // checked by the section's own validation (cross-field); text documents it
  elsewhere,    // checked on the compiled provider network; text documents it
  enumeration,  // like elsewhere, a fixed list of words (written unquoted by the network emitter)
};

struct Check {
  CheckKind kind = CheckKind::any;
  double lo = 0, hi = 0;
  std::string expected;       // the "expected ..." of the message (below lo, or any failure)
  std::string expected_high;  // above hi, when it says something else
  const std::vector<std::string>& (*names)() = nullptr;
  bool empty_ok = false;
};

inline Check any() { return {}; }
inline Check nonempty(const char* expected) { return {CheckKind::nonempty, 0, 0, expected}; }
inline Check probability() { return {CheckKind::probability, 0, 1, "a probability in [0, 1]"}; }
inline Check share() { return {CheckKind::share, 0, 1, "a share in [0, 1]"}; }
inline Check non_negative() { return {CheckKind::non_negative, 0, 1.7976931348623157e308, "a finite number >= 0"}; }
inline Check positive() { return {CheckKind::positive, 0, 0, "a finite number > 0"}; }
inline Check interval(double lo, double hi, const char* expected, const char* expected_high = "") {
  return {CheckKind::interval, lo, hi, expected, expected_high};
}
inline Check below(double lo, double hi, const char* expected) { return {CheckKind::below, lo, hi, expected}; }
inline Check one_of(const std::vector<std::string>& (*names)(), const char* expected, bool empty_ok = false) {
  return {CheckKind::one_of, 0, 0, expected, "", names, empty_ok};
}
inline Check own(const char* documented) { return {CheckKind::own, 0, 0, documented}; }
inline Check elsewhere(const char* documented) { return {CheckKind::elsewhere, 0, 0, documented}; }
inline Check enumeration(const char* documented) { return {CheckKind::enumeration, 0, 0, documented}; }

template <class S>
using Member = std::variant<std::monostate, bool S::*, int S::*, long long S::*, unsigned long long S::*,
                            double S::*, std::string S::*, Numbers S::*, Integers S::*, Names S::*,
                            NumberMap S::*, LevelMap S::*, NamesMap S::*, Matrix S::*>;

// A member of a type the generic walks know, or monostate (a nested section: own code).
template <class S, class M>
Member<S> member_of(M S::*m) {
  using P = M S::*;
  constexpr bool known = []<class... T>(std::variant<T...>*) {
    return (std::is_same_v<P, T> || ...);
  }(static_cast<Member<S>*>(nullptr));
  if constexpr (known) return Member<S>(std::in_place_type<P>, m);
  else return Member<S>(std::monostate{});
}

template <class S>
struct Row {
  std::string key;
  Member<S> member;
  Flags flags;
  Check check;
  std::string unit, description, source;
};

template <class S>
const std::vector<Row<S>>& rows();
template <> const std::vector<Row<ScenarioSpec>>& rows<ScenarioSpec>();
template <> const std::vector<Row<DomainSpec>>& rows<DomainSpec>();
template <> const std::vector<Row<DynamicsSpec>>& rows<DynamicsSpec>();
template <> const std::vector<Row<LifeEventSpec>>& rows<LifeEventSpec>();
template <> const std::vector<Row<DebtSpec>>& rows<DebtSpec>();
template <> const std::vector<Row<IncomeSpec>>& rows<IncomeSpec>();
template <> const std::vector<Row<PopulationSpec>>& rows<PopulationSpec>();
template <> const std::vector<Row<WijkSpec>>& rows<WijkSpec>();
template <> const std::vector<Row<ProviderSpec>>& rows<ProviderSpec>();
template <> const std::vector<Row<PathwaySpec>>& rows<PathwaySpec>();
template <> const std::vector<Row<HelpSeekingSpec>>& rows<HelpSeekingSpec>();
template <> const std::vector<Row<InterventionSpec>>& rows<InterventionSpec>();
template <> const std::vector<Row<TargetSpec>>& rows<TargetSpec>();
template <> const std::vector<Row<CostsSpec>>& rows<CostsSpec>();
template <> const std::vector<Row<SocietalCostSpec>>& rows<SocietalCostSpec>();

// Value text as the resolved YAML writes it (emit.cpp layout): doubles in their shortest
// round-trip form, strings double-quoted, lists and maps in flow style.
std::string yaml_number(double x);
std::string yaml_quoted(const std::string& s);
std::string value_text(bool v);
std::string value_text(int v);
std::string value_text(long long v);
std::string value_text(unsigned long long v);
std::string value_text(double v);
std::string value_text(const std::string& v);
std::string value_text(const Numbers& v);
std::string value_text(const Integers& v);
std::string value_text(const Names& v);
std::string value_text(const NumberMap& v);
std::string value_text(const LevelMap& v);
std::string value_text(const NamesMap& v);
std::string value_text(const Matrix& v);

// Reads every opt/req row of S from `map` into `out`.
template <class S>
void read_rows(MapCursor& map, S& out) {
  for (const auto& row : rows<S>()) {
    if (row.flags == Flags::own) continue;
    std::visit([&](auto m) {
      if constexpr (!std::is_same_v<decltype(m), std::monostate>)
        map.read(row.key, out.*m, row.flags == Flags::req);
    }, row.member);
  }
}

// Writes the rows of S, one `key: value` line each; the first line starts with `first`
// (e.g. "  - "), the others with `indent`. An own row calls own_row(key, prefix).
template <class S>
void emit_rows(std::ostream& out, const S& spec, const std::string& first, const std::string& indent,
               const std::function<void(const std::string& key, const std::string& prefix)>& own_row = {}) {
  bool is_first = true;
  for (const auto& row : rows<S>()) {
    const std::string& prefix = is_first ? first : indent;
    is_first = false;
    if (row.flags == Flags::own) {
      if (own_row) own_row(row.key, prefix);
      continue;
    }
    std::visit([&](auto m) {
      if constexpr (!std::is_same_v<decltype(m), std::monostate>)
        out << prefix << row.key << ": " << value_text(spec.*m) << "\n";
    }, row.member);
  }
}

// The same through YAML::Emitter (the provider sections' layout): free text
// double-quoted, enumerations plain, lists and maps in flow style.
template <class S>
void emit_rows_yaml(YAML::Emitter& e, const S& spec) {
  for (const auto& row : rows<S>()) {
    if (row.flags == Flags::own) continue;
    std::visit([&](auto m) {
      using M = decltype(m);
      if constexpr (!std::is_same_v<M, std::monostate>) {
        const auto& v = spec.*m;
        using V = std::decay_t<decltype(v)>;
        e << YAML::Key << row.key << YAML::Value;
        if constexpr (std::is_same_v<V, std::string>) {
          if (row.check.kind == CheckKind::enumeration) e << v;
          else e << YAML::DoubleQuoted << v;
        } else if constexpr (std::is_same_v<V, NamesMap>) {
          e << YAML::BeginMap;
          for (const auto& [key, names] : v) e << YAML::Key << YAML::DoubleQuoted << key << YAML::Value << YAML::Flow << names;
          e << YAML::EndMap;
        } else if constexpr (std::is_arithmetic_v<V>) {
          e << v;
        } else {
          e << YAML::Flow << v;
        }
      }
    }, row.member);
  }
}

// Every range issue of the checkable rows of `spec` (kinds any .. one_of), at path.key.
using Report = std::function<void(const std::string& key_path, std::string expected, std::string got)>;
// A row whose check is own(...) calls own(key) in its place, so that the section's own
// checks keep their place in the order of the rows.
template <class S>
void check_rows(const S& spec, const std::string& path, const Report& report,
                const std::function<void(const std::string& key)>& own = {});

}  // namespace wijksim::scenarios::detail
