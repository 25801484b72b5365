// The simulated node's RPC endpoint.
#include "model_chain_client.hpp"

#include "eth/abi.hpp"
#include "eth/automator_abi.hpp"

namespace automator::sim {
namespace {

net::rpc_error unreachable(const char* method) {
  net::rpc_error e;
  e.kind = net::rpc_errc::transport;
  e.method = method;
  e.message = std::string(method) + " at sim://rpc: unreachable (simulated outage)";
  return e;
}

/// A revert as a node reports it: JSON-RPC error 3 with the custom error's selector as data.
net::rpc_error reverted(const char* method, const model_revert& r) {
  net::rpc_error e;
  e.kind = net::rpc_errc::rpc_error;
  e.method = method;
  e.code = 3;
  e.message = std::string(method) + " at sim://rpc: execution reverted: " + r.what();
  for (const std::string& sig : eth::avs::error_signatures())
    if (sig.compare(0, r.error().size() + 1, r.error() + "(") == 0) {
      const auto sel = eth::abi::selector(sig);
      eth::bytes data(sel.begin(), sel.end());
      data.resize(4 + 32 * static_cast<size_t>(std::count(sig.begin(), sig.end(), ',') + (sig.find("()") == std::string::npos)), 0);
      e.data = eth::to_hex(data);
    }
  return e;
}

}  // namespace

template <class T>
void model_chain_client::later(const char* method, callback<T> cb, std::function<net::result<T, net::rpc_error>()> answer) {
  const sim_time t = l_.now();
  const sim_time delay = l_.rpc.sample(*l_.rng) + l_.faults->extra_latency(l_.node, t);
  const bool down = l_.faults->rpc_down_until(t) || l_.faults->partitioned_until(l_.node, t);
  l_.callbacks->post(t + delay, [cb = std::move(cb), answer = std::move(answer), down, method] {
    if (down) return cb(unreachable(method));
    cb(answer());
  });
}

void model_chain_client::block_number(callback<uint64_t> cb) {
  later<uint64_t>("eth_blockNumber", std::move(cb), [this] { return net::result<uint64_t, net::rpc_error>(l_.chain->head()); });
}

void model_chain_client::block(uint64_t number, callback<std::optional<net::block_header>> cb) {
  later<std::optional<net::block_header>>("eth_getBlockByNumber", std::move(cb), [this, number] {
    return net::result<std::optional<net::block_header>, net::rpc_error>(l_.chain->header(number));
  });
}

void model_chain_client::logs(eth::address, uint64_t from, uint64_t to, callback<std::vector<net::log_entry>> cb) {
  later<std::vector<net::log_entry>>("eth_getLogs", std::move(cb), [this, from, to] {
    return net::result<std::vector<net::log_entry>, net::rpc_error>(l_.chain->logs(from, to));
  });
}

void model_chain_client::call(eth::address, eth::bytes data, callback<eth::bytes> cb) {
  later<eth::bytes>("eth_call", std::move(cb), [this, data = std::move(data)]() -> net::result<eth::bytes, net::rpc_error> {
    try {
      return l_.chain->call(data, chain_now());
    } catch (const model_revert& r) {
      return reverted("eth_call", r);
    }
  });
}

void model_chain_client::estimate_gas(eth::address from, eth::address, eth::bytes data, callback<uint64_t> cb) {
  later<uint64_t>("eth_estimateGas", std::move(cb), [this, from, data = std::move(data)]() -> net::result<uint64_t, net::rpc_error> {
    try {
      return l_.chain->estimate(from, data, chain_now());
    } catch (const model_revert& r) {
      return reverted("eth_estimateGas", r);
    }
  });
}

void model_chain_client::pending_nonce(eth::address account, callback<uint64_t> cb) {
  later<uint64_t>("eth_getTransactionCount", std::move(cb), [this, account] {
    return net::result<uint64_t, net::rpc_error>(l_.chain->pending_nonce(account));
  });
}

void model_chain_client::fees(callback<fee_quote> cb) {
  later<fee_quote>("eth_feeHistory", std::move(cb), [] {
    return net::result<fee_quote, net::rpc_error>(fee_quote{eth::u256(1000000000), eth::u256(1000000000)});
  });
}

void model_chain_client::send_raw_transaction(eth::bytes raw, callback<eth::hash32> cb) {
  later<eth::hash32>("eth_sendRawTransaction", std::move(cb), [this, raw = std::move(raw)]() -> net::result<eth::hash32, net::rpc_error> {
    try {
      return l_.chain->send_raw(raw);
    } catch (const eth::error& e) {
      net::rpc_error err;
      err.kind = net::rpc_errc::rpc_error;
      err.message = std::string("eth_sendRawTransaction at sim://rpc: ") + e.what();
      return err;
    }
  });
}

void model_chain_client::receipt(eth::hash32 tx_hash, callback<std::optional<net::transaction_receipt>> cb) {
  later<std::optional<net::transaction_receipt>>("eth_getTransactionReceipt", std::move(cb), [this, tx_hash] {
    return net::result<std::optional<net::transaction_receipt>, net::rpc_error>(l_.chain->receipt(tx_hash));
  });
}

}  // namespace automator::sim
