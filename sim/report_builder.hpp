// The run report built once for both modes: the fast mode (fast_network.cpp) and the actor
// mode (actors/actor_network.cpp) feed it the same facts (a proof on chain, a rejection, a
// penalty) and it counts them by one set of rules. In particular a penalty is classified by
// classify_penalty, the one definition of "deserved" behind the headline false-penalty figure.
#pragma once

#include "avs_model.hpp"
#include "fault_schedule.hpp"
#include "report.hpp"
#include "scenario.hpp"

namespace automator::sim {

enum class penalty_kind { deserved, infrastructure, false_penalty };

/// Why the primary of (task_id, slot) was penalized:
///  - deserved: it had a fault of its own (crash, stall, partition, byzantine, skew, slow
///    network) during its window [T(k) - tolerance, T(k) + tolerance];
///  - infrastructure: otherwise, a network-wide fault (proxy or RPC outage, reorg) touched
///    [T(k), the miss deadline];
///  - false_penalty: neither — a healthy primary with a reachable proxy and chain was penalized.
penalty_kind classify_penalty(const fault_schedule& faults, const scenario& s, const avs_model& contract,
                              uint64_t task_id, uint32_t slot, account primary);

class report_builder {
public:
  report_builder(const scenario& s, const fault_schedule& faults, const char* mode);

  /// A hit for the slot proven on chain, by `by`, with the proxy's hit time.
  void proven(const avs_model& contract, uint64_t task_id, uint32_t slot, account by, uint64_t hit_time_ms,
              uint16_t status);
  void rejected(reject_reason why) { ++r_.rejected[static_cast<int>(why)]; }
  /// A slot reported missed and its primary penalized.
  void penalized(const avs_model& contract, uint64_t task_id, uint32_t slot, account primary);
  /// Slots due and unresolved, money and gas, from the contract's final state.
  void finish(const avs_model& contract);

  run_report& report() { return r_; }

private:
  const scenario& s_;
  const fault_schedule& faults_;
  run_report r_;
  std::vector<size_t> sample_of_fault_;  // index into r_.failovers per scenario fault, SIZE_MAX: none
};

}  // namespace automator::sim
