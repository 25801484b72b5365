// Shape checks and decoding of eth_* answers (see eth_rpc_decode.hpp).
#include "net/eth_rpc_decode.hpp"

#include "eth/u256.hpp"
#include "net/json_limits.hpp"

namespace automator::net::decode {
namespace {

[[noreturn]] void bad(std::string_view field, const std::string& why) {
  throw rpc_decode_error(std::string(field) + ": " + why);
}

const std::string& text(const json& value, std::string_view field) {
  if (!value.is_string()) bad(field, "expected a hex string, got " + describe(value));
  return value.get_ref<const std::string&>();
}

const json& member(const json& object, const char* name, std::string_view where) {
  if (!object.is_object()) bad(where, "expected an object, got " + describe(object));
  auto it = object.find(name);
  if (it == object.end()) bad(std::string(where) + "." + name, "missing");
  return *it;
}

/// Wraps the eth library's parse errors so they name the JSON field.
template <class F>
auto field_value(std::string_view field, F&& parse) -> decltype(parse()) {
  try {
    return parse();
  } catch (const rpc_decode_error&) {
    throw;
  } catch (const std::exception& e) {
    bad(field, e.what());
  }
}

bool has_value(const json& object, const char* name) {
  auto it = object.find(name);
  return it != object.end() && !it->is_null();
}

}  // namespace

eth::u256 quantity(const json& value, std::string_view field) {
  const std::string& s = text(value, field);
  if (s.size() < 3 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X'))
    bad(field, "expected a 0x-prefixed quantity, got \"" + s + "\"");
  return field_value(field, [&] { return eth::parse_u256(s); });
}

std::uint64_t quantity_u64(const json& value, std::string_view field) {
  const eth::u256 v = quantity(value, field);
  return field_value(field, [&] { return eth::to_u64(v, field); });
}

eth::hash32 hash(const json& value, std::string_view field) {
  const std::string& s = text(value, field);
  return field_value(field, [&] { return eth::hash32_from_hex(s); });
}

eth::address address(const json& value, std::string_view field) {
  const std::string& s = text(value, field);
  return field_value(field, [&] { return eth::address::from_hex(s); });
}

eth::bytes data(const json& value, std::string_view field) {
  const std::string& s = text(value, field);
  if (s.size() < 2 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X'))
    bad(field, "expected 0x-prefixed data");
  return field_value(field, [&] { return eth::from_hex(s); });
}

block_header block(const json& v) {
  block_header b;
  b.hash = hash(member(v, "hash", "block"), "block.hash");
  b.parent_hash = hash(member(v, "parentHash", "block"), "block.parentHash");
  b.number = quantity_u64(member(v, "number", "block"), "block.number");
  b.timestamp = quantity_u64(member(v, "timestamp", "block"), "block.timestamp");
  if (has_value(v, "baseFeePerGas"))
    b.base_fee_per_gas = quantity(v["baseFeePerGas"], "block.baseFeePerGas");
  return b;
}

log_entry log(const json& v) {
  log_entry l;
  l.address = address(member(v, "address", "log"), "log.address");
  const json& topics = member(v, "topics", "log");
  if (!topics.is_array()) bad("log.topics", "expected an array");
  for (const auto& t : topics) l.topics.push_back(hash(t, "log.topics[]"));
  l.data = data(member(v, "data", "log"), "log.data");
  l.block_number = quantity_u64(member(v, "blockNumber", "log"), "log.blockNumber");
  l.block_hash = hash(member(v, "blockHash", "log"), "log.blockHash");
  l.transaction_hash = hash(member(v, "transactionHash", "log"), "log.transactionHash");
  l.transaction_index =
      quantity_u64(member(v, "transactionIndex", "log"), "log.transactionIndex");
  l.log_index = quantity_u64(member(v, "logIndex", "log"), "log.logIndex");
  if (has_value(v, "removed")) {
    if (!v["removed"].is_boolean()) bad("log.removed", "expected a boolean");
    l.removed = v["removed"].get<bool>();
  }
  return l;
}

std::vector<log_entry> logs(const json& v) {
  if (!v.is_array()) bad("logs", "expected an array, got " + describe(v));
  std::vector<log_entry> out;
  out.reserve(v.size());
  for (const auto& item : v) out.push_back(log(item));
  return out;
}

transaction_receipt receipt(const json& v) {
  transaction_receipt r;
  r.transaction_hash = hash(member(v, "transactionHash", "receipt"), "receipt.transactionHash");
  r.block_hash = hash(member(v, "blockHash", "receipt"), "receipt.blockHash");
  r.block_number = quantity_u64(member(v, "blockNumber", "receipt"), "receipt.blockNumber");
  r.transaction_index =
      quantity_u64(member(v, "transactionIndex", "receipt"), "receipt.transactionIndex");
  const std::uint64_t status = quantity_u64(member(v, "status", "receipt"), "receipt.status");
  if (status > 1) bad("receipt.status", "expected 0x0 or 0x1");
  r.success = status == 1;
  r.gas_used = quantity_u64(member(v, "gasUsed", "receipt"), "receipt.gasUsed");
  r.cumulative_gas_used =
      quantity_u64(member(v, "cumulativeGasUsed", "receipt"), "receipt.cumulativeGasUsed");
  r.effective_gas_price =
      quantity(member(v, "effectiveGasPrice", "receipt"), "receipt.effectiveGasPrice");
  r.from = address(member(v, "from", "receipt"), "receipt.from");
  if (has_value(v, "to")) r.to = address(v["to"], "receipt.to");
  if (has_value(v, "contractAddress"))
    r.contract_address = address(v["contractAddress"], "receipt.contractAddress");
  r.logs = logs(member(v, "logs", "receipt"));
  return r;
}

fee_history fees(const json& v) {
  fee_history f;
  f.oldest_block = quantity_u64(member(v, "oldestBlock", "feeHistory"), "feeHistory.oldestBlock");
  const json& base = member(v, "baseFeePerGas", "feeHistory");
  if (!base.is_array()) bad("feeHistory.baseFeePerGas", "expected an array");
  for (const auto& b : base) f.base_fee_per_gas.push_back(quantity(b, "feeHistory.baseFeePerGas[]"));
  const json& ratio = member(v, "gasUsedRatio", "feeHistory");
  if (!ratio.is_array()) bad("feeHistory.gasUsedRatio", "expected an array");
  for (const auto& r : ratio) {
    if (!r.is_number()) bad("feeHistory.gasUsedRatio[]", "expected a number");
    f.gas_used_ratio.push_back(r.get<double>());
  }
  if (has_value(v, "reward")) {
    const json& reward = v["reward"];
    if (!reward.is_array()) bad("feeHistory.reward", "expected an array");
    for (const auto& block : reward) {
      if (!block.is_array()) bad("feeHistory.reward[]", "expected an array");
      std::vector<eth::u256> row;
      for (const auto& p : block) row.push_back(quantity(p, "feeHistory.reward[][]"));
      f.reward.push_back(std::move(row));
    }
  }
  return f;
}

json call_object(const call_request& tx) {
  json o = {{"to", tx.to.to_hex()}, {"data", eth::to_hex(tx.data)}};
  if (tx.from) o["from"] = tx.from->to_hex();
  if (tx.value != 0) o["value"] = eth::to_quantity(tx.value);
  if (tx.gas) o["gas"] = eth::to_quantity(*tx.gas);
  return o;
}

json filter_object(const log_filter& filter) {
  json o = {{"fromBlock", filter.from_block.text}, {"toBlock", filter.to_block.text}};
  if (filter.addresses.size() == 1) {
    o["address"] = filter.addresses.front().to_hex();
  } else if (!filter.addresses.empty()) {
    json list = json::array();
    for (const auto& a : filter.addresses) list.push_back(a.to_hex());
    o["address"] = list;
  }
  if (!filter.topics.empty()) {
    json topics = json::array();
    for (const auto& alternatives : filter.topics) {
      if (alternatives.empty()) {
        topics.push_back(nullptr);
      } else if (alternatives.size() == 1) {
        topics.push_back(eth::to_hex(alternatives.front()));
      } else {
        json any = json::array();
        for (const auto& t : alternatives) any.push_back(eth::to_hex(t));
        topics.push_back(any);
      }
    }
    o["topics"] = topics;
  }
  return o;
}

}  // namespace automator::net::decode
