// Structural validation of the provider network (engine/src/providers/validate.cpp) and
// the Boost.Graph view it runs on.
#include <algorithm>
#include <catch2/catch.hpp>

#include "harness.hpp"
#include "wijksim/providers/graph.hpp"
#include "wijksim/providers/validate.hpp"

using namespace wijksim::providers;
using namespace wijksim::providers::test;

namespace {

const std::vector<std::string> kWijken{"north", "south"};

// Two wijkteams (one per wijk), a GP as the entry for domain 0, GGZ reached from both teams.
CompiledProviderNetwork valid_network() {
  CompiledProviderNetwork net;
  net.providers.push_back(make_provider("wt_north", ProviderType::wijkteam, 40, 12));
  net.providers.back().wijken = {0};
  net.providers.push_back(make_provider("wt_south", ProviderType::wijkteam, 40, 12));
  net.providers.back().wijken = {1};
  net.providers.push_back(make_provider("ggz", ProviderType::ggz, 30, 32));
  net.providers.push_back(make_provider("gp", ProviderType::gp, 100, 2));
  net.pathways.push_back(make_pathway(net, 0, 2, 0.3, 12));
  net.pathways.push_back(make_pathway(net, 1, 2, 0.3, 12));
  net.pathways.push_back(make_pathway(net, 3, 2, 0.2, 8));
  net.help_seeking.entry_by_domain = {{ProviderType::gp}};
  return net;
}

std::vector<NetworkIssue> of_kind(const std::vector<NetworkIssue>& all, IssueKind kind) {
  std::vector<NetworkIssue> out;
  std::copy_if(all.begin(), all.end(), std::back_inserter(out),
               [&](const NetworkIssue& i) { return i.kind == kind; });
  return out;
}

}  // namespace

TEST_CASE("a valid network has no issues and maps onto a Boost graph", "[providers][validate]") {
  const auto net = valid_network();
  CHECK(validate_network(net, kWijken).empty());
  const ProviderGraph g = build_graph(net);
  CHECK(boost::num_vertices(g) == 4);
  CHECK(boost::num_edges(g) == 3);
  CHECK(g[2].name == "ggz");
  CHECK(boost::in_degree(2, g) == 3);
  auto [e, found] = boost::edge(3, 2, g);
  REQUIRE(found);
  CHECK(g[e].delay_weeks == 8);
  CHECK(g[e].index == 2);
}

TEST_CASE("a pathway naming an unknown provider is an error naming it", "[providers][validate]") {
  auto net = valid_network();
  net.pathways[1].to = -1;
  net.pathways[1].to_name = "ggzz";
  const auto issues = of_kind(validate_network(net, kWijken), IssueKind::unknown_provider);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].pathway == 1);
  CHECK_FALSE(issues[0].warning);
  CHECK_THAT(issues[0].message, Catch::Contains("unknown provider 'ggzz' in 'to'"));
}

TEST_CASE("a wijk served by no wijkteam is an error naming the wijk", "[providers][validate]") {
  auto net = valid_network();
  net.providers[1].wijken = {0};  // wt_south now serves north only
  const auto issues = of_kind(validate_network(net, kWijken), IssueKind::wijk_without_wijkteam);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].wijk == 1);
  CHECK_THAT(issues[0].message, Catch::Contains("wijk 'south' is served by no wijkteam"));
}

TEST_CASE("negative capacity is an error naming the provider", "[providers][validate]") {
  auto net = valid_network();
  net.providers[2].capacity = -5;
  const auto issues = of_kind(validate_network(net, kWijken), IssueKind::negative_capacity);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].provider == 2);
  CHECK_THAT(issues[0].message, Catch::Contains("'ggz' has capacity -5"));
}

TEST_CASE("pathway probabilities of one provider and trigger summing above 1 are an error",
          "[providers][validate]") {
  auto net = valid_network();
  net.pathways.push_back(make_pathway(net, 0, 3, 0.8, 1));  // 0.3 + 0.8 at discharge
  net.pathways.push_back(make_pathway(net, 1, 3, 0.7, 1));  // 0.3 + 0.7 = 1: fine
  net.pathways.push_back(make_pathway(net, 1, 3, 0.9, 1, 0.0, PathwayTrigger::intake));  // other trigger
  const auto issues = of_kind(validate_network(net, kWijken), IssueKind::probability_sum_above_one);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].provider == 0);
  CHECK_THAT(issues[0].message, Catch::Contains("'wt_north' at discharge") &&
                                    Catch::Contains("summing to 1.1"));
}

TEST_CASE("a referral cycle with zero delay is an error listing the cycle", "[providers][validate]") {
  auto net = valid_network();
  net.pathways[0].delay_weeks = 0;                          // wt_north -> ggz, delay 0
  net.pathways.push_back(make_pathway(net, 2, 3, 0.1, 0));  // ggz -> gp, delay 0
  net.pathways.push_back(make_pathway(net, 3, 0, 0.1, 0));  // gp -> wt_north, delay 0
  net.pathways.push_back(make_pathway(net, 2, 1, 0.1, 3));  // ggz -> wt_south: delayed, no cycle
  const auto issues = of_kind(validate_network(net, kWijken), IssueKind::zero_delay_cycle);
  REQUIRE(issues.size() == 1);
  CHECK_THAT(issues[0].message, Catch::Contains("wt_north -> ggz -> gp -> wt_north"));
  // Giving any one pathway of the cycle a delay removes the error.
  net.pathways.back().delay_weeks = 0;  // ggz -> wt_south, still no cycle through it
  net.pathways[net.pathways.size() - 2].delay_weeks = 1;
  CHECK(of_kind(validate_network(net, kWijken), IssueKind::zero_delay_cycle).empty());
}

TEST_CASE("a provider nobody can reach is a warning, not an error", "[providers][validate]") {
  auto net = valid_network();
  net.providers.push_back(make_provider("shelter", ProviderType::shelter, 10, 20));
  net.pathways.push_back(make_pathway(net, 4, 2, 0.5, 2));  // shelter -> ggz: leads away only
  const auto all = validate_network(net, kWijken);
  const auto issues = of_kind(all, IssueKind::unreachable_provider);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].provider == 4);
  CHECK(issues[0].warning);
  CHECK_FALSE(has_errors(all));
  CHECK_THAT(issues[0].message, Catch::Contains("'shelter' cannot be reached"));
}

TEST_CASE("finalise_network builds outgoing lists and entry points per wijk", "[providers]") {
  auto net = valid_network();
  finalise_network(net, 2, 3);
  CHECK(net.out_offsets == std::vector<int>{0, 1, 2, 2, 3});
  CHECK(net.out_pathways == std::vector<int>{0, 1, 2});
  // Domain 0 -> GP (serves everyone); domains 1, 2 -> the wijk's own wijkteam.
  auto entry = [&](int w, int d) {
    const size_t i = static_cast<size_t>(w) * 3 + d;
    return std::vector<int>(net.entry_providers.begin() + net.entry_offsets[i],
                            net.entry_providers.begin() + net.entry_offsets[i + 1]);
  };
  CHECK(entry(0, 0) == std::vector<int>{3});
  CHECK(entry(1, 0) == std::vector<int>{3});
  CHECK(entry(0, 2) == std::vector<int>{0});
  CHECK(entry(1, 1) == std::vector<int>{1});
}
