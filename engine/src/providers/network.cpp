// Derived lookup tables of the provider network (network.hpp): outgoing pathway lists
// and the entry-point table. Built once at compile time, read every week.
#include "wijksim/providers/network.hpp"

#include <algorithm>
#include <cmath>

namespace wijksim::providers {

bool CompiledProviderNetwork::serves(int provider, int wijk) const {
  const auto& w = providers[static_cast<size_t>(provider)].wijken;
  return w.empty() || std::find(w.begin(), w.end(), wijk) != w.end();
}

namespace {

void build_outgoing(CompiledProviderNetwork& net) {
  const int n = static_cast<int>(net.providers.size());
  net.out_offsets.assign(static_cast<size_t>(n) + 1, 0);
  net.out_pathways.clear();
  for (const auto& pw : net.pathways)
    if (pw.from >= 0 && pw.from < n && pw.to >= 0 && pw.to < n) ++net.out_offsets[pw.from + 1];
  for (int p = 0; p < n; ++p) net.out_offsets[p + 1] += net.out_offsets[p];
  net.out_pathways.resize(static_cast<size_t>(net.out_offsets[n]));
  std::vector<int> fill(net.out_offsets.begin(), net.out_offsets.end() - 1);
  for (int i = 0; i < static_cast<int>(net.pathways.size()); ++i) {
    const auto& pw = net.pathways[i];
    if (pw.from >= 0 && pw.from < n && pw.to >= 0 && pw.to < n) net.out_pathways[fill[pw.from]++] = i;
  }
}

void build_entry(CompiledProviderNetwork& net, int n_wijken, int n_domains) {
  const auto& hs = net.help_seeking;
  net.entry_offsets.assign(static_cast<size_t>(n_wijken) * n_domains + 1, 0);
  net.entry_providers.clear();
  for (int w = 0; w < n_wijken; ++w) {
    for (int d = 0; d < n_domains; ++d) {
      const bool has_row = d < static_cast<int>(hs.entry_by_domain.size()) &&
                           !hs.entry_by_domain[d].empty();
      const auto& types = has_row ? hs.entry_by_domain[d] : hs.default_entry;
      for (int p = 0; p < static_cast<int>(net.providers.size()); ++p) {
        const auto t = net.providers[p].type;
        if (std::find(types.begin(), types.end(), t) != types.end() && net.serves(p, w))
          net.entry_providers.push_back(p);
      }
      net.entry_offsets[static_cast<size_t>(w) * n_domains + d + 1] =
          static_cast<int>(net.entry_providers.size());
    }
  }
}

}  // namespace

std::vector<int32_t> resolve_capacities(const CompiledProviderNetwork& net,
                                        const std::vector<uint64_t>& wijk_households) {
  std::vector<int32_t> out;
  for (int p = 0; p < static_cast<int>(net.providers.size()); ++p) {
    const auto& pr = net.providers[p];
    if (pr.capacity_share <= 0) {
      out.push_back(pr.capacity);
      continue;
    }
    uint64_t served = 0;
    for (size_t w = 0; w < wijk_households.size(); ++w)
      if (net.serves(p, static_cast<int>(w))) served += wijk_households[w];
    // Rounded down like FTE x caseload, but a provider given a share keeps one slot.
    const double slots = std::floor(pr.capacity_share * static_cast<double>(served));
    out.push_back(static_cast<int32_t>(std::clamp(slots, 1.0, 2147483647.0)));
  }
  return out;
}

void finalise_network(CompiledProviderNetwork& net, int n_wijken, int n_domains) {
  net.n_domains = n_domains;
  build_outgoing(net);
  build_entry(net, n_wijken, n_domains);
}

}  // namespace wijksim::providers
