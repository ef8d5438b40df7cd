#pragma once
// The provider network as a Boost.Graph: providers are vertices, referral pathways are
// edges, both with bundled properties. Used at load time for the structural checks
// (validate.hpp) and for tools that want graph algorithms; the weekly loop reads the
// flat CompiledProviderNetwork instead.
#include <cstdint>
#include <string>

#include <boost/graph/adjacency_list.hpp>

#include "wijksim/providers/network.hpp"

namespace wijksim::providers {

struct ProviderVertex {
  int index = -1;                   // into CompiledProviderNetwork::providers
  std::string name;
  ProviderType type = ProviderType::wijkteam;
  int32_t capacity = 0;
};

struct PathwayEdge {
  int index = -1;                   // into CompiledProviderNetwork::pathways
  int delay_weeks = 0;
  double probability = 0;
  double loss = 0;
  PathwayTrigger trigger = PathwayTrigger::discharge;
};

// vecS/vecS: vertex descriptor == provider index, so results map back without lookup.
using ProviderGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS,
                                            ProviderVertex, PathwayEdge>;

// One vertex per provider (in order); one edge per pathway whose endpoints are known.
ProviderGraph build_graph(const CompiledProviderNetwork& net);

}  // namespace wijksim::providers
