// Structural checks of the provider network (validate.hpp). Graph questions (cycles,
// reachability) run on the Boost.Graph view; the rest are plain loops over the data.
#include "wijksim/providers/validate.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>

#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/depth_first_search.hpp>
#include <boost/graph/filtered_graph.hpp>
#include "detail/text.hpp"

#include "wijksim/providers/graph.hpp"

namespace wijksim::providers {
namespace {

using Vertex = boost::graph_traits<ProviderGraph>::vertex_descriptor;
using Edge = boost::graph_traits<ProviderGraph>::edge_descriptor;

void check_values(const CompiledProviderNetwork& net, size_t n_wijken,
                  std::vector<NetworkIssue>& out) {
  for (int p = 0; p < static_cast<int>(net.providers.size()); ++p) {
    const auto& pr = net.providers[p];
    if (pr.capacity < 0)
      out.push_back({IssueKind::negative_capacity, false, p, -1, -1,
                     detail::cat("provider '", pr.name, "' has capacity ", pr.capacity, "; expected a number of concurrent clients >= 0")});
    if (!(pr.mean_weeks >= 1.0))
      out.push_back({IssueKind::bad_value, false, p, -1, -1,
                     detail::cat("provider '", pr.name, "' has mean service duration ", pr.mean_weeks, " weeks; expected >= 1")});
    if (!(pr.dropout_weekly >= 0.0 && pr.dropout_weekly <= 1.0))
      out.push_back({IssueKind::bad_value, false, p, -1, -1,
                     detail::cat("provider '", pr.name, "' has weekly drop-out ", pr.dropout_weekly, "; expected a probability in [0, 1]")});
    for (int w : pr.wijken)
      if (w < 0 || static_cast<size_t>(w) >= n_wijken)
        out.push_back({IssueKind::bad_value, false, p, -1, -1,
                       detail::cat("provider '", pr.name, "' serves wijk index ", w, ", which does not exist")});
  }
  const int n = static_cast<int>(net.providers.size());
  for (int i = 0; i < static_cast<int>(net.pathways.size()); ++i) {
    const auto& pw = net.pathways[i];
    for (auto [idx, name, end] : {std::tuple{pw.from, &pw.from_name, "from"},
                                  std::tuple{pw.to, &pw.to_name, "to"}})
      if (idx < 0 || idx >= n)
        out.push_back({IssueKind::unknown_provider, false, -1, i, -1,
                       detail::cat("pathway ", i, " ('", pw.from_name, "' -> '", pw.to_name, "'): unknown provider '", *name, "' in '", end, "'; expected the name of a provider in this scenario")});
    if (!(pw.probability >= 0.0 && pw.probability <= 1.0) || !(pw.loss >= 0.0 && pw.loss <= 1.0))
      out.push_back({IssueKind::bad_value, false, -1, i, -1,
                     detail::cat("pathway '", pw.from_name, "' -> '", pw.to_name, "': probability ", pw.probability, " and loss ", pw.loss, " must both be in [0, 1]")});
    if (pw.delay_weeks < 0)
      out.push_back({IssueKind::bad_value, false, -1, i, -1,
                     detail::cat("pathway '", pw.from_name, "' -> '", pw.to_name, "': delay ", pw.delay_weeks, " weeks; expected >= 0")});
  }
}

// Pathways from one provider with one trigger are alternatives of one draw.
void check_probability_sums(const CompiledProviderNetwork& net, std::vector<NetworkIssue>& out) {
  std::map<std::pair<int, int>, std::pair<double, int>> sums;  // (from, trigger) -> (sum, last)
  for (int i = 0; i < static_cast<int>(net.pathways.size()); ++i) {
    const auto& pw = net.pathways[i];
    if (pw.from < 0) continue;
    auto& s = sums[{pw.from, static_cast<int>(pw.trigger)}];
    s.first += pw.probability;
    s.second = i;
  }
  for (const auto& [key, s] : sums)
    if (s.first > 1.0 + 1e-9)
      out.push_back({IssueKind::probability_sum_above_one, false, key.first, s.second, -1,
                     detail::cat("pathways from provider '", net.providers[key.first].name, "' at ", name_of(static_cast<PathwayTrigger>(key.second)), " have probabilities summing to ", s.first, "; expected at most 1")});
}

void check_coverage(const CompiledProviderNetwork& net, std::span<const std::string> wijk_names,
                    std::vector<NetworkIssue>& out) {
  for (int w = 0; w < static_cast<int>(wijk_names.size()); ++w) {
    bool covered = false;
    for (int p = 0; p < static_cast<int>(net.providers.size()) && !covered; ++p)
      covered = net.providers[p].type == ProviderType::wijkteam && net.serves(p, w);
    if (!covered)
      out.push_back({IssueKind::wijk_without_wijkteam, false, -1, -1, w,
                     detail::cat("wijk '", wijk_names[w], "' is served by no wijkteam; expected at least one provider of type wijkteam whose 'wijken' include it (or omit 'wijken' to serve the whole city)")});
  }
}

struct ZeroDelay {
  const ProviderGraph* g = nullptr;
  bool operator()(const Edge& e) const { return (*g)[e].delay_weeks == 0; }
};

// DFS on the zero-delay subgraph: every back edge closes a cycle, read off the tree.
struct CycleFinder : boost::default_dfs_visitor {
  std::vector<Vertex>* parent;
  std::vector<std::pair<Edge, std::vector<Vertex>>>* cycles;
  template <class G> void tree_edge(const Edge& e, const G& g) {
    (*parent)[boost::target(e, g)] = boost::source(e, g);
  }
  template <class G> void back_edge(const Edge& e, const G& g) {
    std::vector<Vertex> path{boost::target(e, g)};
    std::vector<Vertex> up;
    for (Vertex v = boost::source(e, g); v != boost::target(e, g); v = (*parent)[v]) up.push_back(v);
    path.insert(path.end(), up.rbegin(), up.rend());
    cycles->push_back({e, std::move(path)});
  }
};

void check_zero_delay_cycles(const CompiledProviderNetwork& net, const ProviderGraph& g,
                             std::vector<NetworkIssue>& out) {
  boost::filtered_graph<ProviderGraph, ZeroDelay> zg(g, ZeroDelay{&g});
  std::vector<Vertex> parent(boost::num_vertices(g));
  for (size_t v = 0; v < parent.size(); ++v) parent[v] = v;
  std::vector<std::pair<Edge, std::vector<Vertex>>> cycles;
  boost::depth_first_search(zg, boost::visitor(CycleFinder{{}, &parent, &cycles}));
  for (const auto& [e, path] : cycles) {
    std::string names;
    for (Vertex v : path) names += net.providers[v].name + " -> ";
    names += net.providers[path.front()].name;
    out.push_back({IssueKind::zero_delay_cycle, false, static_cast<int>(path.front()), g[e].index,
                   -1,
                   detail::cat("referral cycle with zero delay: ", names, "; a household could be passed around forever within one week; expected a delay >= 1 on at least one of these pathways")});
  }
}

struct Discover : boost::default_bfs_visitor {};

void check_reachability(const CompiledProviderNetwork& net, const ProviderGraph& g,
                        std::vector<NetworkIssue>& out) {
  const auto& hs = net.help_seeking;
  std::set<ProviderType> entry_types(hs.default_entry.begin(), hs.default_entry.end());
  for (const auto& row : hs.entry_by_domain) entry_types.insert(row.begin(), row.end());
  std::vector<Vertex> sources;
  for (int p = 0; p < static_cast<int>(net.providers.size()); ++p)
    if (entry_types.count(net.providers[p].type)) sources.push_back(static_cast<Vertex>(p));
  std::vector<boost::default_color_type> color(boost::num_vertices(g), boost::white_color);
  auto color_map = boost::make_iterator_property_map(
      color.begin(), boost::get(boost::vertex_index, g));
  boost::queue<Vertex> buffer;
  if (!sources.empty())
    boost::breadth_first_search(g, sources.begin(), sources.end(), buffer, Discover{}, color_map);
  for (int p = 0; p < static_cast<int>(net.providers.size()); ++p)
    if (color[p] == boost::white_color)
      out.push_back({IssueKind::unreachable_provider, true, p, -1, -1,
                     detail::cat("provider '", net.providers[p].name, "' cannot be reached: it is no entry point for help-seeking and no pathway leads to it from one")});
}

}  // namespace

std::vector<NetworkIssue> validate_network(const CompiledProviderNetwork& net,
                                           std::span<const std::string> wijk_names) {
  std::vector<NetworkIssue> out;
  if (!net.enabled()) return out;
  check_values(net, wijk_names.size(), out);
  check_probability_sums(net, out);
  check_coverage(net, wijk_names, out);
  const ProviderGraph g = build_graph(net);
  check_zero_delay_cycles(net, g, out);
  check_reachability(net, g, out);
  return out;
}

bool has_errors(const std::vector<NetworkIssue>& issues) {
  return std::any_of(issues.begin(), issues.end(), [](const auto& i) { return !i.warning; });
}

}  // namespace wijksim::providers
