// Typed handles of the operator node's actors (CAF 0.17 syntax). Each public interface lists
// what other actors (and the actor itself, through its timers) may send it; that is what is
// spawned into configs, published to other processes and faked in tests. An actor that posts
// continuations to itself (in_actor.hpp) runs as its `_internal` handle, the public one
// extended with reacts_to<continuation> (a closure, which never leaves the process); as VAST
// marks its internal handlers, the extension is not part of what other actors see.
#pragma once

#include <cstdint>

#include <caf/replies_to.hpp>
#include <caf/typed_actor.hpp>

#include "messages/atoms.hpp"
#include "messages/chain_messages.hpp"
#include "messages/continuation.hpp"
#include "messages/proof_messages.hpp"
#include "messages/slot_messages.hpp"

namespace automator {

/// Keeps the task copy and fires this operator's slots on time (one wake-up timer).
using scheduler_actor = caf::typed_actor<
  caf::reacts_to<task_record>, caf::reacts_to<task_cancelled>,
  caf::reacts_to<operator_set_scheduled>, caf::reacts_to<protocol_params>,
  caf::reacts_to<slot_proven>, caf::reacts_to<wake_atom, uint64_t>>;

/// Calls the proxy for each fire request (the scheduler sends a fire_batch per wake-up) and
/// passes the signed hit (co-signed by other proxies for quorum tasks) on to the prover; a
/// failed try is retried by re-sending the single fire_request to itself, a failed co-sign try
/// by a delayed continuation, inside the slot's window.
using http_caller_actor = caf::typed_actor<caf::reacts_to<fire_batch>, caf::reacts_to<fire_request>>;
using http_caller_internal = http_caller_actor::extend<caf::reacts_to<continuation>>;

/// Verifies hits, keeps them until they are on chain, batches them for the submitter (a request
/// per batch, answered with its batch_outcome).
using prover_actor = caf::typed_actor<
  caf::reacts_to<proof_candidate>, caf::reacts_to<slot_proven>, caf::reacts_to<proxy_signers>,
  caf::reacts_to<age_atom, uint64_t>>;

/// Holds the operator key: sends submitHits and reportMissed transactions and follows them. A
/// proof_batch is a request: the reply, once the transaction is mined (or cannot be sent), says
/// which hits the contract accepted or rejected.
using submitter_actor =
  caf::typed_actor<caf::replies_to<proof_batch>::with<batch_outcome>, caf::reacts_to<report_missed>,
                   caf::reacts_to<poll_atom>>;
using submitter_internal = submitter_actor::extend<caf::reacts_to<continuation>>;

/// Follows the contract's events with a confirmation depth.
using chain_watcher_actor = caf::typed_actor<caf::reacts_to<poll_atom>>;
using chain_watcher_internal = chain_watcher_actor::extend<caf::reacts_to<continuation>>;

/// Reports slots still unproven after their miss deadline (bounty).
using watchdog_actor =
  caf::typed_actor<caf::reacts_to<watch_slot>, caf::reacts_to<slot_proven>,
                   caf::reacts_to<wake_atom, uint64_t>>;
using watchdog_internal = watchdog_actor::extend<caf::reacts_to<continuation>>;

} // namespace automator
