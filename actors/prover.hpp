// The prover actor: checks each proof before it costs gas (proof_check), persists it until its
// slot is resolved on chain, and hands batches to the submitter (a request each, answered with
// the batch's outcome) when a batch is full or its oldest proof has waited `batch_age` (one age
// timer with a generation number). A slot is let go once, on the first of the chain watcher's
// slot_proven and the outcome of a batch carrying it.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>

#include "actors/clock_source.hpp"
#include "actors/node_metrics.hpp"
#include "eth/bytes.hpp"
#include "messages/type_ids.hpp"
#include "store/record_store.hpp"

namespace automator {

struct prover_config {
  uint64_t chain_id = 0;
  eth::address contract;
  eth::address operator_address;
  clock_source clock;
  std::shared_ptr<store::record_store> store;
  submitter_actor submitter;
  std::shared_ptr<node_metrics> metrics;
  size_t batch_size = 32;
  std::chrono::milliseconds batch_age{2000};
  /// Batches handed to the submitter and not yet resolved.
  size_t max_batches_in_flight = 4;
};

prover_actor spawn_prover(caf::actor_system& sys, prover_config cfg);

} // namespace automator
