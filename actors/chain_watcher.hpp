// The chain watcher actor: follows the AVS contract's events from the last processed block,
// `confirmations` blocks behind the head, in ranges of at most `max_range` blocks. The cursor
// (next block, hash of the last processed one) is persisted after each range, so a restart or
// an RPC outage replays exactly what was missed. A reorg is detected when the stored hash no
// longer matches the chain; the watcher then rewinds `reorg_rewind` blocks and replays (every
// receiver handles a repeated event idempotently).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>

#include "actors/chain_client.hpp"
#include "actors/node_metrics.hpp"
#include "eth/bytes.hpp"
#include "messages/type_ids.hpp"
#include "store/record_store.hpp"

namespace automator {

struct chain_watcher_config {
  eth::address contract;
  uint64_t deploy_block = 0;
  uint64_t confirmations = 2;
  uint64_t max_range = 2000;
  uint64_t reorg_rewind = 64;
  std::chrono::milliseconds poll_interval{1000};
  std::shared_ptr<chain_client> chain;
  std::shared_ptr<store::record_store> store;
  scheduler_actor scheduler; // any of these may be null when not run by this process
  prover_actor prover;
  watchdog_actor watchdog;
  std::shared_ptr<node_metrics> metrics;
};

chain_watcher_actor spawn_chain_watcher(caf::actor_system& sys, chain_watcher_config cfg);

} // namespace automator
