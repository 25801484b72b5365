// The operator node's CAF type ID blocks: every message type, then every actor handle type.
// Include this header (not the single message headers) wherever messages are sent, so that
// CAF_ENABLE_TYPE_ID_CHECKS turns a missing registration into a compile error.
// Register both blocks with automator::register_message_types(cfg).
#pragma once

#include <caf/actor_system_config.hpp>
#include <caf/type_id.hpp>

#include "messages/actor_handles.hpp"
#include "messages/atoms.hpp"
#include "messages/chain_messages.hpp"
#include "messages/proof_messages.hpp"
#include "messages/slot_messages.hpp"

CAF_BEGIN_TYPE_ID_BLOCK(automator_messages, caf::first_custom_type_id)
  CAF_ADD_TYPE_ID(automator_messages, (automator::slot_ref))
  CAF_ADD_TYPE_ID(automator_messages, (automator::fire_request))
  CAF_ADD_TYPE_ID(automator_messages, (automator::fire_batch))
  CAF_ADD_TYPE_ID(automator_messages, (automator::slot_proven))
  CAF_ADD_TYPE_ID(automator_messages, (automator::watch_slot))
  CAF_ADD_TYPE_ID(automator_messages, (automator::report_missed))
  CAF_ADD_TYPE_ID(automator_messages, (automator::task_record))
  CAF_ADD_TYPE_ID(automator_messages, (automator::task_cancelled))
  CAF_ADD_TYPE_ID(automator_messages, (automator::operator_set_scheduled))
  CAF_ADD_TYPE_ID(automator_messages, (automator::protocol_params))
  CAF_ADD_TYPE_ID(automator_messages, (automator::proxy_signers))
  CAF_ADD_TYPE_ID(automator_messages, (automator::hit_proof))
  CAF_ADD_TYPE_ID(automator_messages, (automator::proof_candidate))
  CAF_ADD_TYPE_ID(automator_messages, (automator::proof_batch))
  CAF_ADD_TYPE_ID(automator_messages, (automator::slot_rejection))
  CAF_ADD_TYPE_ID(automator_messages, (automator::batch_outcome))
CAF_END_TYPE_ID_BLOCK(automator_messages)

CAF_BEGIN_TYPE_ID_BLOCK(automator_actors, caf::id_block::automator_messages::end)
  CAF_ADD_TYPE_ID(automator_actors, (automator::scheduler_actor))
  CAF_ADD_TYPE_ID(automator_actors, (automator::http_caller_actor))
  CAF_ADD_TYPE_ID(automator_actors, (automator::prover_actor))
  CAF_ADD_TYPE_ID(automator_actors, (automator::submitter_actor))
  CAF_ADD_TYPE_ID(automator_actors, (automator::chain_watcher_actor))
  CAF_ADD_TYPE_ID(automator_actors, (automator::watchdog_actor))
CAF_END_TYPE_ID_BLOCK(automator_actors)

namespace automator {

/// Registers both blocks; every process of a node (and every test) must call it.
inline void register_message_types(caf::actor_system_config& cfg) {
  cfg.add_message_types<caf::id_block::automator_messages>();
  cfg.add_message_types<caf::id_block::automator_actors>();
}

} // namespace automator
