// chain_client over a real Ethereum JSON-RPC endpoint (node_core/net's eth_rpc).
#pragma once

#include <memory>

#include "actors/chain_client.hpp"
#include "net/eth_rpc.hpp"

namespace automator {

class rpc_chain_client : public chain_client {
public:
  /// `rpc` must outlive this object.
  explicit rpc_chain_client(net::eth_rpc& rpc) : rpc_(rpc) {}

  void block_number(callback<uint64_t> cb) override;
  void block(uint64_t number, callback<std::optional<net::block_header>> cb) override;
  void logs(eth::address contract, uint64_t from, uint64_t to,
            callback<std::vector<net::log_entry>> cb) override;
  void call(eth::address to, eth::bytes data, callback<eth::bytes> cb) override;
  void estimate_gas(eth::address from, eth::address to, eth::bytes data,
                    callback<uint64_t> cb) override;
  void pending_nonce(eth::address account, callback<uint64_t> cb) override;
  void fees(callback<fee_quote> cb) override;
  void send_raw_transaction(eth::bytes raw, callback<eth::hash32> cb) override;
  void receipt(eth::hash32 tx_hash,
               callback<std::optional<net::transaction_receipt>> cb) override;

private:
  net::eth_rpc& rpc_;
};

} // namespace automator
