// What a simulation run measured: slot outcomes, penalties and whether each was deserved, time
// from each operator fault to the first failover, money and gas; printed as a table and
// written as JSON. Everything but `performance` is a pure function of scenario and seed.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "avs_model.hpp"

namespace automator::sim {

struct failover_sample {
  std::string fault;        // "crash", "byzantine:withhold", ...
  uint32_t operator_index = 0;
  double fault_at_s = 0;    // since genesis
  double fault_for_s = 0;
  uint64_t slots_taken_over = 0;      // slots of this operator proven by a backup during the fault
  double first_failover_after_s = -1; // hit time of the first backup proof minus fault start; -1: none
};

struct run_report {
  std::string scenario;
  std::string mode;  // "fast" (operator behaviour modelled directly) or "actors"
  uint64_t seed = 0;
  uint32_t operators = 0;
  uint32_t tasks = 0;

  uint64_t slots_due = 0;
  uint64_t proven_by_primary = 0;
  uint64_t proven_by_backup = 0;
  uint64_t missed = 0;      // reported missed (penalized)
  uint64_t unresolved = 0;  // still pending when the run ended

  uint64_t penalties = 0;
  uint64_t penalties_deserved = 0;  // the primary had a fault of its own (crash, stall, byzantine, ...)
  uint64_t penalties_infra = 0;     // not the primary's fault, but a network-wide outage or reorg
  uint64_t penalties_false = 0;     // the primary was healthy and its proxy and chain reachable
  uint32_t operators_ejected = 0;

  uint64_t rejected[reject_reason_count] = {};
  uint64_t proxy_calls = 0;
  uint64_t proxy_refusals = 0;
  uint64_t duplicate_target_calls = 0;  // second and later calls of a slot's target (at least once)
  uint64_t reports_reverted = 0;        // reportMissed that lost the race to a late proof
  uint64_t status0_proofs = 0;          // proofs of hits the target never answered (status 0)
  uint64_t status0_retries = 0;         // status-0 hits the nodes asked again inside the window

  wei fees_paid = 0;
  wei bounties_paid = 0;
  wei stake_slashed = 0;
  gas_meter gas;
  std::vector<failover_sample> failovers;

  double virtual_seconds = 0;
  // performance (not deterministic)
  double wall_seconds = 0;
  uint64_t events = 0;
};

nlohmann::json to_json(const run_report& r, bool with_performance);
std::string to_table(const run_report& r);

}  // namespace automator::sim
