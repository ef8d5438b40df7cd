// Name tables of the provider enums (names.hpp). The order of each table is the order
// of the enum: a static_assert ties the two together.
#include "wijksim/providers/names.hpp"

#include <array>

namespace wijksim::providers {
namespace {

constexpr std::array<std::string_view, kProviderTypeCount> kTypes{
    "wijkteam",   "gp",         "credit_bank", "debt_counselling",   "ggz",     "district_nursing",
    "addiction_care", "youth_care", "work_income", "volunteers", "welfare_activities", "shelter",
    "user"};
constexpr std::array<std::string_view, kFinancierCount> kFinanciers{
    "wmo", "jeugdwet", "participatiewet", "zvw", "wlz", "volunteers", "household"};
constexpr std::array<std::string_view, 2> kDisciplines{"fifo", "severity"};
constexpr std::array<std::string_view, 2> kDurations{"geometric", "fixed"};
constexpr std::array<std::string_view, 2> kTriggers{"intake", "discharge"};

static_assert(static_cast<int>(ProviderType::user) == kProviderTypeCount - 1);
static_assert(static_cast<int>(Financier::household) == kFinancierCount - 1);

}  // namespace

std::span<const std::string_view> provider_type_names() { return kTypes; }
std::span<const std::string_view> financier_names() { return kFinanciers; }
std::span<const std::string_view> queue_discipline_names() { return kDisciplines; }
std::span<const std::string_view> duration_kind_names() { return kDurations; }
std::span<const std::string_view> pathway_trigger_names() { return kTriggers; }

std::optional<int> find_name(std::span<const std::string_view> table, std::string_view name) {
  for (size_t i = 0; i < table.size(); ++i)
    if (table[i] == name) return static_cast<int>(i);
  return std::nullopt;
}

std::string join_names(std::span<const std::string_view> table) {
  std::string out;
  for (size_t i = 0; i < table.size(); ++i) {
    if (i > 0) out += (i + 1 == table.size()) ? " or " : ", ";
    out += table[i];
  }
  return out;
}

std::string_view name_of(ProviderType t) { return kTypes[static_cast<size_t>(t)]; }
std::string_view name_of(Financier f) { return kFinanciers[static_cast<size_t>(f)]; }
std::string_view name_of(QueueDiscipline q) { return kDisciplines[static_cast<size_t>(q)]; }
std::string_view name_of(DurationKind d) { return kDurations[static_cast<size_t>(d)]; }
std::string_view name_of(PathwayTrigger t) { return kTriggers[static_cast<size_t>(t)]; }

}  // namespace wijksim::providers
