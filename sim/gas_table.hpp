// Gas a real chain would charge per contract operation, used to report what a simulated run
// would have cost on chain.
//
// PLACEHOLDER NUMBERS: these are estimates (21,000 intrinsic per transaction, ~3,000 for each
// ecrecover, ~22,000 for a cold storage write, calldata at 16 gas per non-zero byte) until the
// contracts engineer publishes measured numbers for FleekAutomator through bench/gas; replace
// them with those measurements and keep the names.
#pragma once

#include <cstdint>

namespace automator::sim::gas {

constexpr uint64_t create_task = 180000;          // task struct (4 words) + event with the URL
constexpr uint64_t cancel_task = 45000;           // flag + refund transfer
constexpr uint64_t submit_hits_base = 30000;      // intrinsic + batch overhead + HitsSubmitted
constexpr uint64_t submit_hit_accepted = 34000;   // calldata + ecrecover + slot bit + owed + HitProven
constexpr uint64_t submit_hit_rejected = 9000;    // calldata + checks + HitRejected
constexpr uint64_t report_missed = 95000;         // slot + misses + bounty + slashOperator call
constexpr uint64_t report_missed_reverted = 26000;  // a report that lost the race to a proof
constexpr uint64_t eject_operator = 40000;        // set snapshot written for the next epoch

}  // namespace automator::sim::gas
