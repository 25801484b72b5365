// chain_client over eth_rpc (see rpc_chain_client.hpp).
#include "actors/rpc_chain_client.hpp"

namespace automator {

void rpc_chain_client::block_number(callback<uint64_t> cb) {
  rpc_.block_number(std::move(cb));
}

void rpc_chain_client::block(uint64_t number, callback<std::optional<net::block_header>> cb) {
  rpc_.get_block(net::block_tag::number(number), std::move(cb));
}

void rpc_chain_client::logs(eth::address contract, uint64_t from, uint64_t to,
                            callback<std::vector<net::log_entry>> cb) {
  net::log_filter filter;
  filter.addresses = {contract};
  filter.from_block = net::block_tag::number(from);
  filter.to_block = net::block_tag::number(to);
  rpc_.get_logs(std::move(filter), std::move(cb));
}

void rpc_chain_client::call(eth::address to, eth::bytes data, callback<eth::bytes> cb) {
  net::call_request req;
  req.to = to;
  req.data = std::move(data);
  rpc_.call(std::move(req), net::block_tag::latest(), std::move(cb));
}

void rpc_chain_client::estimate_gas(eth::address from, eth::address to, eth::bytes data,
                                    callback<uint64_t> cb) {
  net::call_request req;
  req.from = from;
  req.to = to;
  req.data = std::move(data);
  rpc_.estimate_gas(std::move(req), std::move(cb));
}

void rpc_chain_client::pending_nonce(eth::address account, callback<uint64_t> cb) {
  rpc_.get_transaction_count(account, net::block_tag::pending(), std::move(cb));
}

void rpc_chain_client::fees(callback<fee_quote> cb) {
  // One eth_feeHistory call gives the next block's base fee and the median recent tip.
  rpc_.get_fee_history(
    1, net::block_tag::latest(), {50.0},
    [cb = std::move(cb)](net::result<net::fee_history, net::rpc_error> r) {
      if (!r) {
        cb(r.error());
        return;
      }
      if (r->base_fee_per_gas.empty()) {
        net::rpc_error err{};
        err.kind = net::rpc_errc::invalid_response;
        err.method = "eth_feeHistory";
        err.message = "eth_feeHistory: the answer has no baseFeePerGas";
        cb(std::move(err));
        return;
      }
      fee_quote q;
      q.base_fee = r->base_fee_per_gas.back();
      if (!r->reward.empty() && !r->reward.front().empty())
        q.priority_fee = r->reward.front().front();
      cb(q);
    });
}

void rpc_chain_client::send_raw_transaction(eth::bytes raw, callback<eth::hash32> cb) {
  rpc_.send_raw_transaction(std::move(raw), std::move(cb));
}

void rpc_chain_client::receipt(eth::hash32 tx_hash,
                               callback<std::optional<net::transaction_receipt>> cb) {
  rpc_.get_transaction_receipt(tx_hash, std::move(cb));
}

} // namespace automator
