// The CLI's connection to the chain: read-only calls with readable reverts, and transactions
// signed with the user's key (EIP-1559), sent and waited for.
#pragma once

#include <memory>
#include <optional>

#include "eth/abi.hpp"
#include "eth/secp256k1.hpp"

namespace automator::cli {

struct tx_log {
  eth::address emitter;
  std::vector<eth::hash32> topics;
  eth::bytes data;
};

struct tx_receipt {
  eth::hash32 hash{};
  uint64_t block = 0;
  uint64_t gas_used = 0;
  std::vector<tx_log> logs;
};

class chain_session {
public:
  /// Connects lazily; `revert_errors` are extra custom error signatures (beyond the AVS's) used
  /// to make revert data readable, e.g. those of the EigenLayer stand-in.
  explicit chain_session(const std::string& rpc_url, std::vector<std::string> revert_errors = {});
  ~chain_session();

  uint64_t chain_id();
  /// Timestamp of the latest block.
  uint64_t latest_timestamp();
  uint64_t latest_block();

  /// eth_call; a revert throws cli_error with the decoded reason ("UnknownTask(7)").
  eth::bytes call(const eth::address& to, const eth::bytes& data);

  /// Estimates gas (a revert throws with its reason), signs, sends and waits for the receipt;
  /// a failed transaction throws. `what` names the step in messages.
  tx_receipt transact(const eth::private_key& key, const eth::address& to, const eth::bytes& data,
                      const eth::u256& value, const std::string& what);

  /// Mines `blocks` blocks at once (anvil_mine): local development chains only.
  void mine(uint64_t blocks);

  /// eth_getLogs of one contract and topic0 over a block range.
  std::vector<tx_log> logs(const eth::address& emitter, const eth::hash32& topic0, uint64_t from_block,
                           uint64_t to_block);

private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace automator::cli
