// The scenario's faults indexed for the questions the simulator asks at every step: is this
// operator down, stalled, skewed, cut off or misbehaving at time t; is the proxy or the RPC
// down. Each answer that has an end says when the condition ends.
#pragma once

#include <vector>

#include "scenario.hpp"

namespace automator::sim {

class fault_schedule {
public:
  fault_schedule(const std::vector<fault>& faults, uint32_t operators);

  bool crashed(uint32_t op, sim_time t) const { return find(op, fault::kind::crash, t) != nullptr; }
  /// End of the stall covering t, or 0 if the node is not paused.
  sim_time paused_until(uint32_t op, sim_time t) const;
  int64_t skew_us(uint32_t op, sim_time t) const;
  sim_time extra_latency(uint32_t op, sim_time t) const;
  /// End of the partition covering t, or 0.
  sim_time partitioned_until(uint32_t op, sim_time t) const;
  const fault* byzantine(uint32_t op, sim_time t) const { return find(op, fault::kind::byzantine, t); }
  /// End of the outage covering t, or 0.
  sim_time proxy_down_until(sim_time t) const { return global_until(fault::kind::proxy_outage, t); }
  sim_time rpc_down_until(sim_time t) const { return global_until(fault::kind::rpc_outage, t); }
  /// The target fault hitting task `task_id`'s target at t, or nullptr.
  const fault* target_fault(uint64_t task_id, sim_time t) const;
  /// True if a network-wide fault (proxy or RPC outage, reorg) touches [from, to]. A target
  /// fault is none: what a target does never excuses a penalty of the operator that asked.
  bool infrastructure_fault_between(sim_time from, sim_time to) const;
  /// The largest positive clock skew of any fault: how early any node may fire.
  sim_time max_lead() const { return max_lead_; }
  /// Faults of one operator (for the failover measurement).
  const std::vector<const fault*>& of(uint32_t op) const { return per_operator_[op]; }
  const std::vector<fault>& all() const { return faults_; }

private:
  const fault* find(uint32_t op, fault::kind k, sim_time t) const;
  sim_time global_until(fault::kind k, sim_time t) const;

  std::vector<fault> faults_;
  std::vector<std::vector<const fault*>> per_operator_;
  std::vector<const fault*> global_;
  sim_time max_lead_ = 0;
};

}  // namespace automator::sim
