// The seam between the actors and an Ethereum node: the asynchronous calls the chain watcher,
// prover, submitter and watchdog need, nothing more. rpc_chain_client implements it over
// node_core/net's JSON-RPC client; the simulator implements it with a model chain.
// Callbacks may run on any thread, exactly once; actors wrap them with in_actor().
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "eth/bytes.hpp"
#include "eth/u256.hpp"
#include "net/eth_rpc.hpp"
#include "net/result.hpp"
#include "net/rpc_error.hpp"

namespace automator {

/// Fees for the next block: its base fee and a priority fee (tip) suggestion.
struct fee_quote {
  eth::u256 base_fee = 0;
  eth::u256 priority_fee = 0;
};

class chain_client {
public:
  template <class T>
  using callback = std::function<void(net::result<T, net::rpc_error>)>;

  virtual ~chain_client() = default;

  virtual void block_number(callback<uint64_t> cb) = 0;
  /// nullopt when the node does not have the block.
  virtual void block(uint64_t number, callback<std::optional<net::block_header>> cb) = 0;
  /// Logs of `contract` in blocks [from, to].
  virtual void logs(eth::address contract, uint64_t from, uint64_t to,
                    callback<std::vector<net::log_entry>> cb) = 0;
  /// eth_call at the latest block; a revert fails with kind rpc_error and the revert data.
  virtual void call(eth::address to, eth::bytes data, callback<eth::bytes> cb) = 0;
  virtual void estimate_gas(eth::address from, eth::address to, eth::bytes data,
                            callback<uint64_t> cb) = 0;
  /// The account's next nonce, counting pending transactions.
  virtual void pending_nonce(eth::address account, callback<uint64_t> cb) = 0;
  virtual void fees(callback<fee_quote> cb) = 0;
  virtual void send_raw_transaction(eth::bytes raw, callback<eth::hash32> cb) = 0;
  /// nullopt while the transaction is not mined.
  virtual void receipt(eth::hash32 tx_hash,
                       callback<std::optional<net::transaction_receipt>> cb) = 0;
};

} // namespace automator
