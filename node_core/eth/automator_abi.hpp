// Typed calldata encoders, return-data decoders, event decoders and revert decoding for the
// AVS contract (contracts/src/interfaces/IFleekAutomator.sol). encode_* return the full
// calldata (selector + arguments) for eth_call / transactions; decode_* take the return data.
// Decoders throw eth::error naming the function when the data is malformed.
#pragma once

#include <array>
#include <optional>

#include "eth/abi.hpp"
#include "eth/automator_types.hpp"

namespace automator::eth::avs {

// ------------------------------------------------------------------ calls

bytes encode_create_task(const new_task& t);
task_id decode_create_task(const bytes& ret);
bytes encode_cancel_task(task_id id);

bytes encode_get_task(task_id id);
task decode_get_task(const bytes& ret);
bytes encode_task_count();
uint64_t decode_task_count(const bytes& ret);
bytes encode_slot_state(task_id id, uint32_t slot);
slot_state decode_slot_state(const bytes& ret);
bytes encode_slot_time(task_id id, uint32_t slot);
uint64_t decode_slot_time(const bytes& ret);

bytes encode_operators_at(uint64_t timestamp);
std::vector<address> decode_operators_at(const bytes& ret);
/// Primary first, then backups; earliest[i] is the first unix time operators[i] may fire.
struct eligible {
  std::vector<address> operators;
  std::vector<uint64_t> earliest;
};
bytes encode_eligible_operators(task_id id, uint32_t slot);
eligible decode_eligible_operators(const bytes& ret);
bytes encode_miss_deadline(task_id id, uint32_t slot);
uint64_t decode_miss_deadline(const bytes& ret);

bytes encode_hit_digest(const hit& h);
hash32 decode_hit_digest(const bytes& ret);
bytes encode_submit_hits(const std::vector<signed_hit>& hits);
uint64_t decode_submit_hits(const bytes& ret);  // number accepted
bytes encode_report_missed(task_id id, uint32_t slot);

bytes encode_owed(const address& account);
u256 decode_owed(const bytes& ret);
bytes encode_withdraw();

bytes encode_operator_info(const address& op);
operator_info decode_operator_info(const bytes& ret);
bytes encode_is_proxy_signer(const address& signer);
bool decode_is_proxy_signer(const bytes& ret);
bytes encode_proxy_signers();
std::vector<address> decode_proxy_signers(const bytes& ret);
bytes encode_add_proxy_signer(const address& signer);
bytes encode_params();
params decode_params(const bytes& ret);

// ------------------------------------------------------------------ events

struct task_created {
  task_id task = 0;
  address owner;
  std::string url;
  http_method method = http_method::get;
  bytes body;
  uint64_t start = 0;
  uint32_t interval = 0;
  uint32_t count = 0;
  uint32_t tolerance = 0;
  uint8_t quorum = 1;
  u256 fee_per_hit = 0;
};
struct task_cancelled { task_id task = 0; u256 refund = 0; };
/// HitProven carries slot, status and hitTimeMs packed into one word (IFleekAutomator.sol); its
/// operator is the transaction's sender, which no reader of the event here needs.
struct hit_proven { task_id task = 0; uint32_t slot = 0; uint64_t hit_time_ms = 0; uint16_t status = 0; };
struct hit_rejected { task_id task = 0; uint32_t slot = 0; address operator_; reject_reason reason{}; };
struct hits_submitted { address operator_; u256 accepted = 0; u256 rejected = 0; };
struct slot_missed { task_id task = 0; uint32_t slot = 0; address primary; address reporter; u256 bounty = 0; };
struct operator_slashed { address operator_; u256 slash_id = 0; uint64_t wad = 0; };
struct operator_ejected { address operator_; uint32_t misses = 0; };
struct operator_registered { address operator_; };
struct operator_deregistered { address operator_; };
struct operator_set_scheduled { uint64_t effective_from = 0; std::vector<address> operators; };
struct proxy_signer_added { address signer; };
struct proxy_signer_removed { address signer; };
struct withdrawn { address account; u256 amount = 0; };
struct params_updated { params p; };
/// A miss was recorded and paid but the core refused the slash for now (paused): retrySlash later.
struct slash_deferred { address operator_; task_id task = 0; uint32_t slot = 0; std::array<uint8_t, 4> reason{}; };
/// A miss was recorded and paid; the core will never take the slash (operator not slashable).
struct slash_skipped { address operator_; task_id task = 0; uint32_t slot = 0; std::array<uint8_t, 4> reason{}; };
/// The AVS removed the operator but the core refused to deregister it for now (removeUnstaked retries).
struct core_deregistration_deferred { address operator_; std::array<uint8_t, 4> reason{}; };

using event = std::variant<task_created, task_cancelled, hit_proven, hit_rejected, hits_submitted,
                           slot_missed, operator_slashed, operator_ejected, operator_registered,
                           operator_deregistered, operator_set_scheduled, proxy_signer_added,
                           proxy_signer_removed, withdrawn, params_updated, slash_deferred,
                           slash_skipped, core_deregistration_deferred>;

/// The event declarations, exactly as in IFleekAutomator.sol (enums as uint8, structs as tuples).
const std::vector<std::string>& event_declarations();
/// topic0 of every AVS event (for an eth_getLogs filter on topic position 0).
const std::vector<hash32>& event_topics();
/// topic0 of one event by name, e.g. topic_of("HitProven"); throws eth::error for an unknown name.
const hash32& topic_of(std::string_view event_name);

/// Decodes one AVS log from its topics and data (e.g. of a net::log_entry). std::nullopt if
/// topic0 is not an AVS event (or there are no topics); throws eth::error naming the event if
/// topic0 matches but the topics or data are malformed.
std::optional<event> decode_event(const std::vector<hash32>& topics, const bytes& data);

// ------------------------------------------------------------------ errors

/// Custom error signatures of IFleekAutomator, e.g. "UnknownTask(uint256)".
const std::vector<std::string>& error_signatures();
/// Revert data of an AVS call made readable, e.g. "UnknownTask(7)".
abi::revert_info decode_revert(const bytes& data);

}  // namespace automator::eth::avs
