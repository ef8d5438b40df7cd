#pragma once
// Enumerations of the provider network with their YAML names. The loader resolves names
// to these values once; the weekly loop only sees the enums. Name tables are the single
// source for parsing, error messages ("expected one of ...") and output column labels.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace wijksim::providers {

// Built-in provider types. A scenario may also name its own type; it is then `user`
// and CompiledProvider::type_name keeps the written name.
enum class ProviderType : uint8_t {
  wijkteam = 0, gp, credit_bank, debt_counselling, ggz, district_nursing, addiction_care,
  youth_care, work_income, volunteers, welfare_activities, shelter, user
};
inline constexpr int kProviderTypeCount = 13;

// Who pays for a client-week (the "wrong pocket" outputs are per financier).
enum class Financier : uint8_t {
  wmo = 0, jeugdwet, participatiewet, zvw, wlz, volunteers, household
};
inline constexpr int kFinancierCount = 7;

// Order of admission from a queue. Ties are always broken by waiting time, then by
// household id, so admission never depends on arrival order within a week.
enum class QueueDiscipline : uint8_t { fifo = 0, severity = 1 };

// Service length: geometric (ends each week with probability 1/mean, memoryless) or
// fixed (exactly round(mean) weeks).
enum class DurationKind : uint8_t { geometric = 0, fixed = 1 };

// When a pathway is considered: on intake (the provider assesses and passes the
// household on instead of serving it) or at the end of service.
enum class PathwayTrigger : uint8_t { intake = 0, discharge = 1 };

std::span<const std::string_view> provider_type_names();  // index = enum value
std::span<const std::string_view> financier_names();
std::span<const std::string_view> queue_discipline_names();
std::span<const std::string_view> duration_kind_names();
std::span<const std::string_view> pathway_trigger_names();

// Name -> index in the table above, or nullopt (the loader then reports the table).
std::optional<int> find_name(std::span<const std::string_view> table, std::string_view name);
// "a, b or c": for "expected one of ..." messages.
std::string join_names(std::span<const std::string_view> table);

std::string_view name_of(ProviderType t);
std::string_view name_of(Financier f);
std::string_view name_of(QueueDiscipline q);
std::string_view name_of(DurationKind d);
std::string_view name_of(PathwayTrigger t);

}  // namespace wijksim::providers
