// Typed Ethereum JSON-RPC calls the actors need (chain id, blocks, logs, calls, nonces, gas,
// fees, raw transactions, receipts) on top of json_rpc_client. Answers are checked and decoded
// into plain structs; a malformed answer fails with rpc_errc::invalid_response naming the
// method and the field. No JSON type appears in this header.
#pragma once

#include <cstdint>
#include <functional>
#include <future>
#include <optional>
#include <string>
#include <vector>

#include "eth/bytes.hpp"
#include "eth/u256.hpp"
#include "net/result.hpp"
#include "net/rpc_error.hpp"

namespace automator::net {

class json_rpc_client;

/// A block parameter: "latest", "pending", "safe", "finalized", "earliest" or a number.
struct block_tag {
  std::string text;
  static block_tag latest() { return {"latest"}; }
  static block_tag pending() { return {"pending"}; }
  static block_tag safe() { return {"safe"}; }
  static block_tag finalized() { return {"finalized"}; }
  static block_tag earliest() { return {"earliest"}; }
  static block_tag number(std::uint64_t n);  // "0x..." quantity
};

struct block_header {
  eth::hash32 hash{};
  eth::hash32 parent_hash{};
  std::uint64_t number = 0;
  std::uint64_t timestamp = 0;                    // seconds
  std::optional<eth::u256> base_fee_per_gas;      // absent before London
};

struct log_filter {
  std::vector<eth::address> addresses;            // empty = any contract
  /// topics[i] lists the accepted values of topic i; an empty list matches anything.
  std::vector<std::vector<eth::hash32>> topics;
  block_tag from_block = block_tag::latest();
  block_tag to_block = block_tag::latest();
};

struct log_entry {
  eth::address address;
  std::vector<eth::hash32> topics;
  eth::bytes data;
  std::uint64_t block_number = 0;
  eth::hash32 block_hash{};
  eth::hash32 transaction_hash{};
  std::uint64_t transaction_index = 0;
  std::uint64_t log_index = 0;
  bool removed = false;                            // true when a reorg dropped the log
};

/// The transaction object of eth_call / eth_estimateGas.
struct call_request {
  std::optional<eth::address> from;
  eth::address to;
  eth::bytes data;
  eth::u256 value = 0;
  std::optional<std::uint64_t> gas;
};

struct fee_history {
  std::uint64_t oldest_block = 0;
  /// One more entry than blocks: the last is the next block's base fee.
  std::vector<eth::u256> base_fee_per_gas;
  std::vector<double> gas_used_ratio;
  /// Per block, one priority fee per requested percentile (empty if none were requested).
  std::vector<std::vector<eth::u256>> reward;
};

struct transaction_receipt {
  eth::hash32 transaction_hash{};
  eth::hash32 block_hash{};
  std::uint64_t block_number = 0;
  std::uint64_t transaction_index = 0;
  bool success = false;                            // status == 1
  std::uint64_t gas_used = 0;
  std::uint64_t cumulative_gas_used = 0;
  eth::u256 effective_gas_price = 0;
  eth::address from;
  std::optional<eth::address> to;                  // absent for contract creation
  std::optional<eth::address> contract_address;
  std::vector<log_entry> logs;
};

class eth_rpc {
public:
  template <class T>
  using callback = std::function<void(result<T, rpc_error>)>;

  /// `rpc` must outlive this object.
  explicit eth_rpc(json_rpc_client& rpc) : rpc_(rpc) {}

  void chain_id(callback<std::uint64_t> cb);
  void block_number(callback<std::uint64_t> cb);
  /// nullopt when the node does not know the block (yet).
  void get_block(block_tag block, callback<std::optional<block_header>> cb);
  void get_logs(log_filter filter, callback<std::vector<log_entry>> cb);
  /// The return data; a revert is an rpc_errc::rpc_error whose `data` holds the revert data.
  void call(call_request tx, block_tag block, callback<eth::bytes> cb);
  void get_transaction_count(eth::address account, block_tag block, callback<std::uint64_t> cb);
  void estimate_gas(call_request tx, callback<std::uint64_t> cb);
  void gas_price(callback<eth::u256> cb);
  void max_priority_fee_per_gas(callback<eth::u256> cb);
  void get_fee_history(std::uint64_t block_count, block_tag newest,
                       std::vector<double> reward_percentiles, callback<fee_history> cb);
  /// The transaction hash the node reports.
  void send_raw_transaction(eth::bytes signed_tx, callback<eth::hash32> cb);
  /// nullopt while the transaction is not mined.
  void get_transaction_receipt(eth::hash32 tx_hash,
                               callback<std::optional<transaction_receipt>> cb);

private:
  json_rpc_client& rpc_;
};

/// Runs one asynchronous eth_rpc call and waits for it, for CLIs and tests:
///   auto n = wait_for<uint64_t>([&](auto cb) { rpc.block_number(cb); });
/// Never call from an actor or an io_runtime thread.
template <class T, class Start>
result<T, rpc_error> wait_for(Start start) {
  auto done = std::make_shared<std::promise<result<T, rpc_error>>>();
  auto future = done->get_future();
  start(eth_rpc::callback<T>([done](result<T, rpc_error> r) { done->set_value(std::move(r)); }));
  return future.get();
}

}  // namespace automator::net
