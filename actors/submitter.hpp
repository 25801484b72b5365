// The submitter actor, the only holder of the operator key: turns proof batches into
// submitHits and watchdog findings into reportMissed EIP-1559 transactions. It owns the nonce
// (fetched once, then counted locally; refetched when the node says it is off), prices with
// the next block's base fee plus a tip, follows receipts by polling, replaces a transaction
// that stays unmined past `stuck_after` with the same nonce and higher fees, and tells the
// prover which hits of a batch the contract accepted or rejected (HitProven / HitRejected
// logs): a proof_batch is a typed request, answered through a response promise once the
// transaction is mined or cannot be sent, so it needs no prover handle at spawn.
#pragma once

#include <chrono>
#include <memory>

#include "actors/chain_client.hpp"
#include "actors/clock_source.hpp"
#include "actors/node_metrics.hpp"
#include "eth/secp256k1.hpp"
#include "messages/type_ids.hpp"

namespace automator {

struct submitter_config {
  uint64_t chain_id = 0;
  eth::address contract;
  std::shared_ptr<const eth::private_key> key;
  clock_source clock;
  std::shared_ptr<chain_client> chain;
  std::shared_ptr<node_metrics> metrics;
  std::chrono::milliseconds poll_interval{1000};
  std::chrono::milliseconds stuck_after{15000};
  /// Lowest tip offered (wei), whatever the node suggests.
  eth::u256 min_priority_fee = 1'000'000'000;
  /// Transactions sent and not yet mined.
  size_t max_pending = 8;
};

submitter_actor spawn_submitter(caf::actor_system& sys, submitter_config cfg);

} // namespace automator
