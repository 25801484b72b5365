// actors/chain_client.hpp implemented over the virtual chain for one simulated node: every
// answer arrives after a drawn RPC latency; during an RPC outage or the node's partition the
// call fails like a dead endpoint.
#pragma once

#include <functional>

#include "actors/chain_client.hpp"
#include "callback_queue.hpp"
#include "fault_schedule.hpp"
#include "virtual_chain.hpp"

namespace automator::sim {

struct node_link {
  virtual_chain* chain;
  callback_queue* callbacks;
  const fault_schedule* faults;
  prng* rng;
  latency rpc;
  uint32_t node;
  std::function<sim_time()> now;
  uint64_t genesis_unix_s;
};

class model_chain_client : public automator::chain_client {
public:
  explicit model_chain_client(node_link link) : l_(std::move(link)) {}

  void block_number(callback<uint64_t> cb) override;
  void block(uint64_t number, callback<std::optional<net::block_header>> cb) override;
  void logs(eth::address contract, uint64_t from, uint64_t to, callback<std::vector<net::log_entry>> cb) override;
  void call(eth::address to, eth::bytes data, callback<eth::bytes> cb) override;
  void estimate_gas(eth::address from, eth::address to, eth::bytes data, callback<uint64_t> cb) override;
  void pending_nonce(eth::address account, callback<uint64_t> cb) override;
  void fees(callback<fee_quote> cb) override;
  void send_raw_transaction(eth::bytes raw, callback<eth::hash32> cb) override;
  void receipt(eth::hash32 tx_hash, callback<std::optional<net::transaction_receipt>> cb) override;

private:
  /// Runs `answer` (which calls back) after the node's RPC latency, or fails it if unreachable.
  template <class T>
  void later(const char* method, callback<T> cb, std::function<net::result<T, net::rpc_error>()> answer);
  uint64_t chain_now() const { return l_.genesis_unix_s + static_cast<uint64_t>(l_.now() / us_per_s); }

  node_link l_;
};

}  // namespace automator::sim
