// The run report as JSON (for tools and the determinism test) and as a text table (for people).
#include "report.hpp"

#include <cstdio>
#include <sstream>

namespace automator::sim {

nlohmann::json to_json(const run_report& r, bool with_performance) {
  using nlohmann::json;
  json rejected = json::object();
  for (int i = 0; i < reject_reason_count; ++i)
    if (r.rejected[i]) rejected[to_string(static_cast<reject_reason>(i))] = r.rejected[i];
  json failovers = json::array();
  for (const failover_sample& f : r.failovers)
    failovers.push_back({{"fault", f.fault},
                         {"operator", f.operator_index},
                         {"at_s", f.fault_at_s},
                         {"for_s", f.fault_for_s},
                         {"slots_taken_over", f.slots_taken_over},
                         {"first_failover_after_s", f.first_failover_after_s < 0 ? json(nullptr) : json(f.first_failover_after_s)}});
  json out = {
      {"scenario", r.scenario},
      {"mode", r.mode},
      {"seed", r.seed},
      {"operators", r.operators},
      {"tasks", r.tasks},
      {"virtual_seconds", r.virtual_seconds},
      {"slots", {{"due", r.slots_due},
                 {"proven_by_primary", r.proven_by_primary},
                 {"proven_by_backup", r.proven_by_backup},
                 {"missed", r.missed},
                 {"unresolved", r.unresolved}}},
      {"penalties", {{"applied", r.penalties},
                     {"deserved", r.penalties_deserved},
                     {"infrastructure", r.penalties_infra},
                     {"false", r.penalties_false},
                     {"operators_ejected", r.operators_ejected},
                     {"stake_slashed_wei", to_dec(r.stake_slashed)}}},
      {"hits", {{"proxy_calls", r.proxy_calls},
                {"proxy_refusals", r.proxy_refusals},
                {"duplicate_target_calls", r.duplicate_target_calls},
                {"rejected", rejected},
                {"reports_reverted", r.reports_reverted},
                {"status0_proofs", r.status0_proofs},
                {"status0_retries", r.status0_retries}}},
      {"failovers", failovers},
      {"money", {{"fees_paid_wei", to_dec(r.fees_paid)}, {"bounties_paid_wei", to_dec(r.bounties_paid)}}},
      {"gas", {{"total", r.gas.total},
               {"transactions", r.gas.transactions},
               {"create_task", r.gas.create_task},
               {"submit_hits", r.gas.submit_hits},
               {"report_missed", r.gas.report_missed},
               {"ejections", r.gas.ejections},
               {"table", "sim/gas_table.hpp (measured by bench/gas where not marked ESTIMATE)"}}},
  };
  if (with_performance) {
    const double rate = r.wall_seconds > 0 ? static_cast<double>(r.slots_due) / r.wall_seconds : 0;
    out["performance"] = {{"wall_seconds", r.wall_seconds}, {"events", r.events}, {"slots_per_second", rate}};
  }
  return out;
}

std::string to_table(const run_report& r) {
  std::ostringstream out;
  auto row = [&](const std::string& name, const std::string& value) {
    char line[160];
    std::snprintf(line, sizeof line, "  %-34s %s\n", name.c_str(), value.c_str());
    out << line;
  };
  auto num = [](auto v) { return std::to_string(v); };
  auto pct = [&](uint64_t part) {
    char text[64];
    std::snprintf(text, sizeof text, "%llu (%.3f%%)", static_cast<unsigned long long>(part),
                  r.slots_due ? 100.0 * static_cast<double>(part) / static_cast<double>(r.slots_due) : 0.0);
    return std::string(text);
  };
  out << "scenario " << r.scenario << " (mode " << r.mode << ", seed " << r.seed << "): " << r.operators
      << " operators, " << r.tasks << " tasks, " << r.virtual_seconds << " s virtual\n";
  row("slots due", num(r.slots_due));
  row("proven on time by the primary", pct(r.proven_by_primary));
  row("proven by a backup", pct(r.proven_by_backup));
  row("missed (penalized)", pct(r.missed));
  row("unresolved at end", pct(r.unresolved));
  row("penalties applied", num(r.penalties));
  row("  deserved (primary at fault)", num(r.penalties_deserved));
  row("  network-wide outage or reorg", num(r.penalties_infra));
  row("  FALSE (healthy primary)", num(r.penalties_false));
  row("operators ejected", num(r.operators_ejected));
  row("stake slashed (wei)", to_dec(r.stake_slashed));
  row("proxy calls / refusals", num(r.proxy_calls) + " / " + num(r.proxy_refusals));
  row("duplicate target calls", num(r.duplicate_target_calls));
  row("status-0 proofs / retries", num(r.status0_proofs) + " / " + num(r.status0_retries));
  for (int i = 0; i < reject_reason_count; ++i)
    if (r.rejected[i]) row(std::string("hits rejected: ") + to_string(static_cast<reject_reason>(i)), num(r.rejected[i]));
  row("reportMissed reverted (late proof)", num(r.reports_reverted));
  row("fees paid to operators (wei)", to_dec(r.fees_paid));
  row("bounties paid to reporters (wei)", to_dec(r.bounties_paid));
  row("gas (sim/gas_table.hpp)", num(r.gas.total) + " in " + num(r.gas.transactions) + " transactions");
  for (const failover_sample& f : r.failovers) {
    char text[160];
    if (f.first_failover_after_s < 0)
      std::snprintf(text, sizeof text, "no failover needed (%llu slots taken over)",
                    static_cast<unsigned long long>(f.slots_taken_over));
    else
      std::snprintf(text, sizeof text, "first backup proof after %.3f s, %llu slots taken over",
                    f.first_failover_after_s, static_cast<unsigned long long>(f.slots_taken_over));
    char name[96];
    std::snprintf(name, sizeof name, "fault %s op %u at %.0f s", f.fault.c_str(), f.operator_index, f.fault_at_s);
    row(name, text);
  }
  if (r.wall_seconds > 0) {
    char text[96];
    std::snprintf(text, sizeof text, "%.3f s wall, %.0f slots/s, %llu events", r.wall_seconds,
                  static_cast<double>(r.slots_due) / r.wall_seconds, static_cast<unsigned long long>(r.events));
    row("performance", text);
  }
  return out.str();
}

}  // namespace automator::sim
