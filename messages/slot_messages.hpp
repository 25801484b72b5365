// Messages about single slots: which slot, the order to fire it, and news that it was proven.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include <caf/meta/type_name.hpp>

#include "messages/primitives.hpp"

namespace automator {

/// Slot `slot` of task `task_id`. Task ids are sequential on chain; the node rejects ids that do
/// not fit 64 bits when it decodes them.
struct slot_ref {
  uint64_t task_id = 0;
  uint32_t slot = 0;

  friend bool operator==(const slot_ref& a, const slot_ref& b) {
    return a.task_id == b.task_id && a.slot == b.slot;
  }
  friend bool operator!=(const slot_ref& a, const slot_ref& b) { return !(a == b); }
  friend bool operator<(const slot_ref& a, const slot_ref& b) {
    return a.task_id != b.task_id ? a.task_id < b.task_id : a.slot < b.slot;
  }
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, slot_ref& x) {
  return f(caf::meta::type_name("slot_ref"), x.task_id, x.slot);
}

/// The scheduler's order to call the proxy for one slot now.
struct fire_request {
  slot_ref ref;
  uint8_t rank = 0;         // 0: primary, r >= 1: backup r
  int64_t due_ms = 0;       // unix ms this rank fires: T(k) + r * failoverDelay
  int64_t tolerance_ms = 0; // the contract accepts a hit within due_ms +- tolerance
  uint8_t quorum = 1;       // signatures of different proxies the task's hit needs
  uint8_t attempt = 0;      // retries so far (the HTTP caller re-sends it to itself)

  int64_t window_end_ms() const { return due_ms + tolerance_ms; }
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, fire_request& x) {
  return f(caf::meta::type_name("fire_request"), x.ref, x.rank, x.due_ms, x.tolerance_ms,
           x.quorum, x.attempt);
}

/// The fire requests of one scheduler wake-up for one caller: one message per burst instead of
/// one per slot keeps a burst of thousands of due slots within milliseconds.
struct fire_batch {
  std::vector<fire_request> fires;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, fire_batch& x) {
  return f(caf::meta::type_name("fire_batch"), x.fires);
}

/// A hit accepted on chain for a slot, by any operator (from the HitProven event).
struct slot_proven {
  slot_ref ref;
  uint64_t hit_time_ms = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, slot_proven& x) {
  return f(caf::meta::type_name("slot_proven"), x.ref, x.hit_time_ms);
}

/// Ask the watchdog to check a slot after its miss deadline and report it if still unproven.
struct watch_slot {
  slot_ref ref;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, watch_slot& x) {
  return f(caf::meta::type_name("watch_slot"), x.ref);
}

/// Ask the submitter (the only holder of the key and nonces) to send reportMissed.
struct report_missed {
  slot_ref ref;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, report_missed& x) {
  return f(caf::meta::type_name("report_missed"), x.ref);
}

} // namespace automator

namespace std {
template <>
struct hash<automator::slot_ref> {
  size_t operator()(const automator::slot_ref& x) const noexcept {
    return std::hash<uint64_t>{}(x.task_id * 0x9E3779B97F4A7C15ull ^ x.slot);
  }
};
} // namespace std
