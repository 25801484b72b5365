// The run report's counting rules, shared by both modes (see report_builder.hpp).
#include "report_builder.hpp"

#include <cstdint>

namespace automator::sim {
namespace {

sim_time at_unix(const scenario& s, uint64_t unix_s) {
  return static_cast<sim_time>(unix_s - s.genesis_unix_s) * us_per_s;
}

}  // namespace

penalty_kind classify_penalty(const fault_schedule& faults, const scenario& s, const avs_model& contract,
                              uint64_t task_id, uint32_t slot, account primary) {
  const task_record& t = contract.task(task_id);
  const sim_time due = at_unix(s, t.slot_time(slot));
  const sim_time tolerance = sim_time{t.tolerance} * us_per_s;
  for (const fault* f : faults.of(primary))
    if (f->at <= due + tolerance && f->end() >= due - tolerance) return penalty_kind::deserved;
  if (faults.infrastructure_fault_between(due, at_unix(s, contract.miss_deadline(task_id, slot))))
    return penalty_kind::infrastructure;
  return penalty_kind::false_penalty;
}

report_builder::report_builder(const scenario& s, const fault_schedule& faults, const char* mode)
    : s_(s), faults_(faults) {
  r_.scenario = s.name;
  r_.mode = mode;
  r_.seed = s.seed;
  r_.operators = s.operators.count;
  r_.tasks = s.tasks.count;
  sample_of_fault_.assign(s.faults.size(), SIZE_MAX);
  for (size_t i = 0; i < s.faults.size(); ++i) {
    const fault& f = s.faults[i];
    if (f.operator_index < 0) continue;
    failover_sample sample;
    sample.fault = to_string(f.what);
    if (f.what == fault::kind::byzantine) sample.fault += std::string(":") + to_string(f.how);
    sample.operator_index = static_cast<uint32_t>(f.operator_index);
    sample.fault_at_s = static_cast<double>(f.at) / us_per_s;
    sample.fault_for_s = static_cast<double>(f.duration) / us_per_s;
    sample_of_fault_[i] = r_.failovers.size();
    r_.failovers.push_back(sample);
  }
}

void report_builder::proven(const avs_model& contract, uint64_t task_id, uint32_t slot, account by,
                            uint64_t hit_time_ms, uint16_t status) {
  if (status == 0) ++r_.status0_proofs;
  const eligibility who = contract.eligible(task_id, slot);
  if (who.operators[0] == by) {
    ++r_.proven_by_primary;
    return;
  }
  ++r_.proven_by_backup;
  // A backup's proof during a fault of the primary: the failover that fault caused.
  const sim_time due = at_unix(s_, contract.task(task_id).slot_time(slot));
  for (const fault* f : faults_.of(who.operators[0])) {
    if (!f->active(due)) continue;
    failover_sample& sample = r_.failovers[sample_of_fault_[static_cast<size_t>(f - faults_.all().data())]];
    ++sample.slots_taken_over;
    const double after =
        static_cast<double>(static_cast<sim_time>(hit_time_ms - s_.genesis_unix_s * 1000) * us_per_ms - f->at) / us_per_s;
    if (sample.first_failover_after_s < 0 || after < sample.first_failover_after_s) sample.first_failover_after_s = after;
  }
}

void report_builder::penalized(const avs_model& contract, uint64_t task_id, uint32_t slot, account primary) {
  ++r_.penalties;
  ++r_.missed;
  switch (classify_penalty(faults_, s_, contract, task_id, slot, primary)) {
    case penalty_kind::deserved: ++r_.penalties_deserved; break;
    case penalty_kind::infrastructure: ++r_.penalties_infra; break;
    case penalty_kind::false_penalty: ++r_.penalties_false; break;
  }
}

void report_builder::finish(const avs_model& contract) {
  for (uint64_t id = 1; id <= contract.task_count(); ++id) {
    const task_record& t = contract.task(id);
    r_.slots_due += t.count;
    r_.unresolved += t.count - t.proven - t.missed;
  }
  // Credits are fees (to the submitting operator) and bounties (to the reporter, a keeper or
  // an operator's watchdog): what is owed beyond the fees is bounties.
  wei fees = 0;
  for (account op = 0; op < s_.operators.count; ++op) {
    const operator_record& o = contract.operator_info(op);
    fees += o.fees_earned;
    r_.stake_slashed += o.slashed;
    r_.operators_ejected += o.ejected ? 1 : 0;
  }
  r_.fees_paid = fees;
  r_.bounties_paid = contract.owed_total() - fees;
  r_.gas = contract.gas();
}

}  // namespace automator::sim
