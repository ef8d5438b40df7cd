// Builds the Boost.Graph view of the provider network (graph.hpp).
#include "wijksim/providers/graph.hpp"

namespace wijksim::providers {

ProviderGraph build_graph(const CompiledProviderNetwork& net) {
  const int n = static_cast<int>(net.providers.size());
  ProviderGraph g(static_cast<size_t>(n));
  for (int p = 0; p < n; ++p) {
    const auto& pr = net.providers[p];
    g[static_cast<size_t>(p)] = ProviderVertex{p, pr.name, pr.type, pr.capacity};
  }
  for (int i = 0; i < static_cast<int>(net.pathways.size()); ++i) {
    const auto& pw = net.pathways[i];
    if (pw.from < 0 || pw.from >= n || pw.to < 0 || pw.to >= n) continue;  // reported by validation
    boost::add_edge(static_cast<size_t>(pw.from), static_cast<size_t>(pw.to),
                    PathwayEdge{i, pw.delay_weeks, pw.probability, pw.loss, pw.trigger}, g);
  }
  return g;
}

}  // namespace wijksim::providers
