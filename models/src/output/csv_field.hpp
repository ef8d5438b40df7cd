#pragma once
// Internal: RFC 4180 quoting of one CSV cell. Names come from scenario files, so a wijk
// called "Noord, oost" must not split a row.
#include <string>

namespace wijksim::output {

inline std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

}  // namespace wijksim::output
