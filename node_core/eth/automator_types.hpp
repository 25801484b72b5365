// The AVS contract's structs and enums (IFleekAutomator.sol) as plain C++ types.
// Task ids are uint64_t: the contract numbers tasks from a counter, and decoding a larger id
// throws. The exception is `hit`, the EIP-712 struct, which takes any uint256 task id like the
// contract does. Wei amounts are u256.
#pragma once

#include "eth/u256.hpp"

namespace automator::eth {

using task_id = uint64_t;

enum class http_method : uint8_t { get = 0, post = 1, put = 2, patch = 3, del = 4 };
enum class slot_state : uint8_t { pending = 0, proven = 1, missed = 2 };
enum class reject_reason : uint8_t {
  unknown_task = 0,
  task_cancelled = 1,
  slot_out_of_range = 2,
  outside_time_window = 3,
  already_resolved = 4,
  not_eligible = 5,
  bad_signature = 6,
  task_paused = 7,
};

/// "GET", "POST", ...; and back (case-insensitive; throws eth::error on an unknown name).
std::string to_string(http_method m);
http_method parse_http_method(std::string_view name);
std::string to_string(slot_state s);      // "pending", "proven", "missed"
std::string to_string(reject_reason r);   // "UnknownTask", ...

/// IFleekAutomator.Task
struct task {
  address owner;
  uint64_t start = 0;
  uint32_t interval = 0;
  uint32_t count = 0;
  uint32_t tolerance = 0;
  http_method method = http_method::get;
  uint8_t quorum = 1;
  bool cancelled = false;
  u256 fee_per_hit = 0;
  u256 deposit = 0;
  uint32_t proven = 0;
  uint32_t missed = 0;
  uint64_t created_block = 0;
  hash32 target_hash{};
  hash32 body_hash{};
};

/// IFleekAutomator.Hit: what the proxy signs (EIP-712, see eip712_hit.hpp).
struct hit {
  u256 task = 0;
  uint32_t slot = 0;
  address operator_;
  uint64_t hit_time_ms = 0;
  uint16_t status = 0;
  hash32 response_hash{};
};

/// IFleekAutomator.SignedHit: one proof as submitted (operator = msg.sender). `signatures`
/// is quorum 65-byte r||s||v signatures concatenated in ascending signer-address order.
struct signed_hit {
  task_id task = 0;
  uint32_t slot = 0;
  uint64_t hit_time_ms = 0;
  uint16_t status = 0;
  hash32 response_hash{};
  bytes signatures;
};

/// IFleekAutomator.OperatorInfo
struct operator_info {
  bool registered = false;
  bool ejected = false;
  uint32_t misses = 0;
  uint32_t hits_proven = 0;
  u256 fees_earned = 0;
};

/// IFleekAutomator.Params
struct params {
  uint32_t epoch_length = 0;
  uint32_t activation_delay = 0;
  uint8_t redundancy = 0;
  uint32_t failover_delay = 0;
  uint32_t submit_window = 0;
  uint32_t min_tolerance = 0;
  uint32_t max_tolerance = 0;
  uint32_t max_misses = 0;
  uint64_t slash_wad = 0;
  uint16_t max_url_length = 0;
  uint16_t max_body_length = 0;
};

/// Arguments of createTask; msg.value must be fee_per_hit * count.
struct new_task {
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

}  // namespace automator::eth
