// chain_session over node_core/net's blocking JSON-RPC client.
#include "chain_session.hpp"

#include <chrono>
#include <thread>

#include "cli_error.hpp"
#include "eth/automator_abi.hpp"
#include "eth/eip1559_tx.hpp"
#include "net/http_client.hpp"
#include "net/io_runtime.hpp"
#include "net/json_rpc_client.hpp"

namespace automator::cli {

using net::json;

namespace {

tx_log parse_log(const json& l) {
  tx_log log{eth::address::from_hex(l.at("address").get<std::string>()), {}, eth::from_hex(l.at("data").get<std::string>())};
  for (const auto& t : l.at("topics")) log.topics.push_back(eth::hash32_from_hex(t.get<std::string>()));
  return log;
}

}  // namespace

struct chain_session::impl {
  net::io_runtime runtime;
  net::http_client http{runtime};
  net::json_rpc_client rpc;
  std::vector<std::string> revert_errors;
  std::optional<uint64_t> chain_id;

  impl(const std::string& url, std::vector<std::string> extra_errors) try
      : rpc(http, url), revert_errors(eth::avs::error_signatures()) {
    revert_errors.insert(revert_errors.end(), extra_errors.begin(), extra_errors.end());
  } catch (const std::exception& e) {
    throw usage_error("--rpc: \"" + url + "\": " + e.what());
  }

  // A readable reason from an RPC error: the decoded revert data when there is some.
  std::string reason(const net::rpc_error& e) const {
    if (e.kind == net::rpc_errc::rpc_error && e.data.rfind("0x", 0) == 0) {
      try {
        return "reverted: " + eth::abi::decode_revert(eth::from_hex(e.data), revert_errors).to_string();
      } catch (const eth::error&) {
        // not hex after all: fall through to the node's message
      }
    }
    return e.message;
  }

  json call(const std::string& method, json params, const std::string& what = "") {
    auto r = rpc.call_sync(method, std::move(params));
    if (!r.ok()) throw cli_error((what.empty() ? method : what) + ": " + reason(r.error()));
    return *r;
  }

  uint64_t quantity(const json& v, const std::string& what) {
    if (!v.is_string()) throw cli_error(what + ": the node answered " + v.dump() + ", not a hex quantity");
    try {
      return eth::parse_u64(v.get<std::string>());
    } catch (const eth::error& e) {
      throw cli_error(what + ": " + e.what());
    }
  }
};

chain_session::chain_session(const std::string& rpc_url, std::vector<std::string> revert_errors)
    : impl_(std::make_unique<impl>(rpc_url, std::move(revert_errors))) {}

chain_session::~chain_session() = default;

uint64_t chain_session::chain_id() {
  if (!impl_->chain_id) impl_->chain_id = impl_->quantity(impl_->call("eth_chainId", json::array()), "eth_chainId");
  return *impl_->chain_id;
}

uint64_t chain_session::latest_timestamp() {
  json block = impl_->call("eth_getBlockByNumber", {"latest", false});
  return impl_->quantity(block.value("timestamp", json()), "latest block timestamp");
}

uint64_t chain_session::latest_block() {
  return impl_->quantity(impl_->call("eth_blockNumber", json::array()), "eth_blockNumber");
}

eth::bytes chain_session::call(const eth::address& to, const eth::bytes& data) {
  json r = impl_->call("eth_call", {{{"to", to.to_hex()}, {"data", eth::to_hex(data)}}, "latest"});
  try {
    return eth::from_hex(r.get<std::string>());
  } catch (const std::exception& e) {
    throw cli_error(std::string("eth_call: malformed result: ") + e.what());
  }
}

tx_receipt chain_session::transact(const eth::private_key& key, const eth::address& to, const eth::bytes& data,
                                   const eth::u256& value, const std::string& what) {
  const std::string from = key.get_address().to_hex();
  json request = {{"from", from}, {"to", to.to_hex()}, {"data", eth::to_hex(data)}, {"value", eth::to_quantity(value)}};
  eth::eip1559_tx tx;
  tx.chain_id = chain_id();
  tx.nonce = impl_->quantity(impl_->call("eth_getTransactionCount", {from, "pending"}), "eth_getTransactionCount");
  tx.gas = impl_->quantity(impl_->call("eth_estimateGas", {request}, what), "eth_estimateGas") * 12 / 10 + 10'000;
  json block = impl_->call("eth_getBlockByNumber", {"latest", false});
  eth::u256 base_fee = block.contains("baseFeePerGas") ? impl_->quantity(block["baseFeePerGas"], "baseFeePerGas") : 0;
  tx.max_priority_fee_per_gas = impl_->quantity(impl_->call("eth_maxPriorityFeePerGas", json::array()), "eth_maxPriorityFeePerGas");
  tx.max_fee_per_gas = base_fee * 2 + tx.max_priority_fee_per_gas;
  tx.to = to;
  tx.value = value;
  tx.data = data;
  eth::signed_tx signed_tx = eth::sign(tx, key);
  impl_->call("eth_sendRawTransaction", {eth::to_hex(signed_tx.raw)}, what);

  const std::string hash = eth::to_hex(signed_tx.hash);
  for (int attempt = 0; attempt < 600; ++attempt) {
    json r = impl_->call("eth_getTransactionReceipt", {hash});
    if (r.is_null()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      continue;
    }
    tx_receipt receipt;
    receipt.hash = signed_tx.hash;
    receipt.block = impl_->quantity(r.value("blockNumber", json()), "receipt blockNumber");
    receipt.gas_used = impl_->quantity(r.value("gasUsed", json()), "receipt gasUsed");
    if (r.value("status", "") != "0x1")
      throw cli_error(what + ": transaction " + hash + " failed in block " + std::to_string(receipt.block));
    try {
      for (const auto& l : r.at("logs")) receipt.logs.push_back(parse_log(l));
    } catch (const std::exception& e) {
      throw cli_error(what + ": malformed receipt logs: " + e.what());
    }
    return receipt;
  }
  throw cli_error(what + ": transaction " + hash + " was not mined within 2 minutes");
}

void chain_session::mine(uint64_t blocks) {
  impl_->call("anvil_mine", {eth::to_quantity(blocks)}, "anvil_mine (--mine works on a local anvil only)");
}

std::vector<tx_log> chain_session::logs(const eth::address& emitter, const eth::hash32& topic0, uint64_t from_block,
                                        uint64_t to_block) {
  json filter = {{"address", emitter.to_hex()},
                 {"topics", {eth::to_hex(topic0)}},
                 {"fromBlock", eth::to_quantity(from_block)},
                 {"toBlock", eth::to_quantity(to_block)}};
  json r = impl_->call("eth_getLogs", {filter});
  std::vector<tx_log> out;
  try {
    for (const auto& l : r) out.push_back(parse_log(l));
  } catch (const std::exception& e) {
    throw cli_error(std::string("eth_getLogs: malformed log: ") + e.what());
  }
  return out;
}

}  // namespace automator::cli
