// Gas a real chain spends per contract operation (whole transaction gasUsed, intrinsic 21,000
// and calldata included), used to report what a simulated run would have cost on chain.
//
// MEASURED with `node bench/gas/run.mjs` against FleekAutomator on anvil (commit d13750a):
//   createTask 174,683; submitHits batch 1: 98,358, batch 10: 178,770, batch 100 (one task):
//   982,662, batch 100 over 10 tasks: 1,297,140; reportMissed with slashOperator 178,950.
// submitHits is fitted as base + per hit + per extra task run in the batch (the contract caches
// the task and bitmap word across consecutive hits of one task). The entries marked ESTIMATE
// are not measured by bench/gas yet.
#pragma once

#include <cstdint>

namespace automator::sim::gas {

constexpr uint64_t create_task = 174683;
constexpr uint64_t submit_hits_base = 89426;        // 98,358 minus one hit
constexpr uint64_t submit_hit_accepted = 8932;      // (982,662 - 98,358) / 99
constexpr uint64_t submit_task_switch = 34942;      // (1,297,140 - 982,662) / 9
constexpr uint64_t submit_hit_rejected = 8000;      // ESTIMATE: calldata + checks + HitRejected
constexpr uint64_t report_missed = 178950;
constexpr uint64_t report_missed_reverted = 26000;  // ESTIMATE: a report that lost the race to a proof
constexpr uint64_t cancel_task = 45000;             // ESTIMATE
constexpr uint64_t eject_operator = 40000;          // ESTIMATE: the next set written on ejection

}  // namespace automator::sim::gas
