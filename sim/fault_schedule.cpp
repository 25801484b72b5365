// Lookups over the scenario's faults; operators have few faults each, so a scan is enough.
#include "fault_schedule.hpp"

#include <algorithm>

namespace automator::sim {

fault_schedule::fault_schedule(const std::vector<fault>& faults, uint32_t operators)
    : faults_(faults), per_operator_(operators) {
  for (const fault& f : faults_) {
    if (f.operator_index >= 0)
      per_operator_[static_cast<size_t>(f.operator_index)].push_back(&f);
    else
      global_.push_back(&f);
    if (f.what == fault::kind::clock_skew) max_lead_ = std::max<sim_time>(max_lead_, f.skew_ms * us_per_ms);
  }
}

const fault* fault_schedule::find(uint32_t op, fault::kind k, sim_time t) const {
  for (const fault* f : per_operator_[op])
    if (f->what == k && f->active(t)) return f;
  return nullptr;
}

sim_time fault_schedule::paused_until(uint32_t op, sim_time t) const {
  const fault* f = find(op, fault::kind::pause, t);
  return f ? f->end() : 0;
}

int64_t fault_schedule::skew_us(uint32_t op, sim_time t) const {
  const fault* f = find(op, fault::kind::clock_skew, t);
  return f ? f->skew_ms * us_per_ms : 0;
}

sim_time fault_schedule::extra_latency(uint32_t op, sim_time t) const {
  const fault* f = find(op, fault::kind::slow_network, t);
  return f ? sim_time{f->extra_ms} * us_per_ms : 0;
}

sim_time fault_schedule::partitioned_until(uint32_t op, sim_time t) const {
  const fault* f = find(op, fault::kind::partition, t);
  return f ? f->end() : 0;
}

sim_time fault_schedule::global_until(fault::kind k, sim_time t) const {
  for (const fault* f : global_)
    if (f->what == k && f->active(t)) return f->end();
  return 0;
}

const fault* fault_schedule::target_fault(uint64_t task_id, sim_time t) const {
  for (const fault* f : global_)
    if (f->what == fault::kind::target && f->active(t) && task_id % f->tasks_every == 0) return f;
  return nullptr;
}

bool fault_schedule::infrastructure_fault_between(sim_time from, sim_time to) const {
  for (const fault* f : global_) {
    if (f->what == fault::kind::target) continue;
    const sim_time end = f->what == fault::kind::reorg ? f->at + 1 : f->end();
    if (f->at <= to && end >= from) return true;
  }
  return false;
}

}  // namespace automator::sim
