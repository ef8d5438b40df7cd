// wijksim_key_reference [FILE]: writes the scenario key reference generated from the
// schema (wijksim/scenarios/schema.hpp) to FILE, or to stdout without one. The checked-in
// copy is docs/scenario-keys.md; tests/scenarios/test_schema.cpp fails when it is stale.
#include <fstream>
#include <iostream>

#include "wijksim/scenarios/schema.hpp"

int main(int argc, char** argv) {
  const std::string text = wijksim::scenarios::key_reference_markdown();
  if (argc < 2) {
    std::cout << text;
    return 0;
  }
  std::ofstream out(argv[1], std::ios::binary);
  out << text;
  if (!out) {
    std::cerr << "wijksim_key_reference: cannot write " << argv[1] << "\n";
    return 1;
  }
  return 0;
}
