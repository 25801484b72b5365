// The slot assignment rule (docs/slot-lifecycle.md), computed locally by the node (the contract's
// eligibleOperators view is the reference; tests/vectors prove they agree):
//   h = uint256(keccak256(abi.encode(uint256 taskId, uint32 slot)))
//   primary = O[h % n], backup r = O[(h + r) % n] for r = 1 .. min(R, n) - 1
//   T(k) = start + k * interval; rank r fires no earlier than T(k) + r * failoverDelay.
// And the node's retry of a failed try inside the slot's window (slot_retry_delay), which the
// simulator's fast mode applies too.
// Task ids are u256 here, as in the contract, so any uint64_t task_id converts implicitly.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>

#include "eth/automator_types.hpp"

namespace automator::eth {

/// h mod n for the slot (n = operator count, > 0): the index of the primary in O.
/// Throws eth::error if n is 0.
size_t primary_index(const u256& id, uint32_t slot, size_t n);

/// Operators for the slot in rank order (primary first), from the sorted active set
/// `operators` and redundancy R. Empty if `operators` is empty.
std::vector<address> slot_operators(const u256& id, uint32_t slot, const std::vector<address>& operators,
                                    unsigned redundancy);

/// This operator's rank for the slot (0 = primary, r = backup r), or -1 if not assigned.
int slot_rank(const u256& id, uint32_t slot, const std::vector<address>& operators, unsigned redundancy,
              const address& me);

/// T(k) = start + k * interval (unix seconds).
inline uint64_t slot_due_time(uint64_t start, uint32_t interval, uint32_t slot) {
  return start + uint64_t(slot) * interval;
}

/// Earliest unix time rank r may fire: T(k) + r * failoverDelay.
inline uint64_t slot_fire_time(uint64_t start, uint32_t interval, uint32_t slot, unsigned rank,
                               uint32_t failover_delay) {
  return slot_due_time(start, interval, slot) + uint64_t(rank) * failover_delay;
}

/// The retry rule of the HTTP caller: the delay before the try after `attempt` (0 = the first
/// try), `base` doubled per attempt (at most 2^10 times), or nullopt when no try is left
/// (`max_attempts` made) or the next try would start at or after `deadline`, by the caller's
/// clock `now`. One unit for all of base, now and deadline (the node uses ms, the simulator us).
inline std::optional<int64_t> slot_retry_delay(int64_t base, unsigned attempt, unsigned max_attempts, int64_t now,
                                               int64_t deadline) {
  const int64_t delay = base << std::min(attempt, 10u);
  if (attempt + 1 >= max_attempts || now + delay >= deadline)
    return std::nullopt;
  return delay;
}

}  // namespace automator::eth
