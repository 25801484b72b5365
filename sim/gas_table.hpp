// Gas a real chain spends per contract operation (whole transaction gasUsed, intrinsic 21,000
// and calldata included), used to report what a simulated run would have cost on chain.
//
// MEASURED with `node bench/gas/run.mjs` against FleekAutomator on anvil (contracts at commit fe06716):
//   createTask 163,352 (a later task; the first of a quorum 197,552); submitHits batch 1: 98,358,
//   batch 10: 178,722, batch 100 (one task): 982,530, batch 100 over 10 tasks: 1,297,152.
//   Through the EigenLayer core, REAL core v1.12.0 (stand-in in brackets): reportMissed with
//   slashOperator 371,248 (143,517; the first slash on the set 518,479 / 211,917); the third miss,
//   slash + ejection (deregisterFromOperatorSets by the AVS) 531,536 (263,459); a miss while the
//   core pauses slashing 130,864 (122,916), retrySlash 335,339 (110,350); an operator's
//   registerForOperatorSets 317,564-384,570 (157,216-207,122) and deregisterFromOperatorSets
//   111,373 (65,484). The table uses the real core's figures: that is what a chain would charge.
// submitHits is fitted as base + per hit + per extra task run in the batch (the contract caches
// the task and bitmap word across consecutive hits of one task). The entries marked ESTIMATE
// are not measured by bench/gas yet.
#pragma once

#include <cstdint>

namespace automator::sim::gas {

constexpr uint64_t create_task = 163352;
constexpr uint64_t submit_hits_base = 89426;        // 98,358 minus one hit
constexpr uint64_t submit_hit_accepted = 8931;      // (982,530 - 98,358) / 99
constexpr uint64_t submit_task_switch = 34958;      // (1,297,152 - 982,530) / 9
constexpr uint64_t submit_hit_rejected = 8000;      // ESTIMATE: calldata + checks + HitRejected
constexpr uint64_t report_missed = 371248;          // real core, a later slash on the set
constexpr uint64_t report_missed_reverted = 26000;  // ESTIMATE: a report that lost the race to a proof
constexpr uint64_t cancel_task = 45000;             // ESTIMATE
constexpr uint64_t eject_operator = 160288;         // real core: 531,536 - 371,248 (deregistration, next set)

}  // namespace automator::sim::gas
