// The scheduler actor: keeps the local task copy (persisted), computes this operator's slots
// with slot_planner and fires each one on time through the HTTP callers. One timer for
// everything: a single scheduled wake-up message carrying a generation number; a wake-up whose
// generation is stale is dropped (CAF 0.17 cannot cancel a delayed message).
#pragma once

#include <chrono>
#include <memory>
#include <vector>

#include "actors/clock_source.hpp"
#include "actors/node_metrics.hpp"
#include "eth/bytes.hpp"
#include "messages/type_ids.hpp"
#include "store/record_store.hpp"

namespace automator {

struct scheduler_config {
  eth::address operator_address;
  clock_source clock;
  std::shared_ptr<store::record_store> store;
  /// Fire requests go round-robin to these (local or remote) callers.
  std::vector<http_caller_actor> callers;
  /// Told about slots this operator backs up (may be null).
  watchdog_actor watchdog;
  std::shared_ptr<node_metrics> metrics;
  /// How often the handled-through mark is made durable while firing. A crash re-fires at most
  /// this much (delivery is at least once), never loses a slot.
  std::chrono::milliseconds persist_every{100};
  /// Run on a thread of its own (the node and the benchmark): a burst of fires then wakes idle
  /// workers at once instead of queueing behind the scheduler's own bookkeeping on the same
  /// worker. Leave false under the deterministic test coordinator.
  bool own_thread = false;
};

scheduler_actor spawn_scheduler(caf::actor_system& sys, scheduler_config cfg);

} // namespace automator
