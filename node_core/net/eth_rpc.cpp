// eth_rpc: each typed call is a JSON-RPC call plus one decoder; a decode failure becomes an
// rpc_errc::invalid_response naming the method, the endpoint and the field.
#include "net/eth_rpc.hpp"

#include "eth/u256.hpp"
#include "net/eth_rpc_decode.hpp"
#include "net/json_rpc_client.hpp"

namespace automator::net {

block_tag block_tag::number(std::uint64_t n) { return {eth::to_quantity(n)}; }

namespace {

/// Calls `method` and hands the decoded result (or the first error) to `cb`.
template <class T, class Decode>
void typed_call(json_rpc_client& rpc, std::string method, json params, Decode decode,
                eth_rpc::callback<T> cb) {
  rpc.call(method, std::move(params),
           [method, endpoint = rpc.endpoint(), decode = std::move(decode),
            cb = std::move(cb)](rpc_result r) {
             if (!r.ok()) return cb(r.error());
             std::optional<T> value;
             std::string why;
             try {
               value.emplace(decode(*r));
             } catch (const std::exception& e) {
               why = e.what();
             }
             if (value) return cb(std::move(*value));
             rpc_error e;
             e.kind = rpc_errc::invalid_response;
             e.method = method;
             e.message = method + " at " + endpoint + ": malformed result: " + why;
             cb(std::move(e));
           });
}

}  // namespace

void eth_rpc::chain_id(callback<std::uint64_t> cb) {
  typed_call<std::uint64_t>(rpc_, "eth_chainId", json::array(),
                            [](const json& v) { return decode::quantity_u64(v, "result"); },
                            std::move(cb));
}

void eth_rpc::block_number(callback<std::uint64_t> cb) {
  typed_call<std::uint64_t>(rpc_, "eth_blockNumber", json::array(),
                            [](const json& v) { return decode::quantity_u64(v, "result"); },
                            std::move(cb));
}

void eth_rpc::get_block(block_tag block, callback<std::optional<block_header>> cb) {
  typed_call<std::optional<block_header>>(
      rpc_, "eth_getBlockByNumber", json::array({block.text, false}),
      [](const json& v) -> std::optional<block_header> {
        if (v.is_null()) return std::nullopt;
        return decode::block(v);
      },
      std::move(cb));
}

void eth_rpc::get_logs(log_filter filter, callback<std::vector<log_entry>> cb) {
  typed_call<std::vector<log_entry>>(rpc_, "eth_getLogs",
                                     json::array({decode::filter_object(filter)}),
                                     [](const json& v) { return decode::logs(v); }, std::move(cb));
}

void eth_rpc::call(call_request tx, block_tag block, callback<eth::bytes> cb) {
  typed_call<eth::bytes>(rpc_, "eth_call", json::array({decode::call_object(tx), block.text}),
                         [](const json& v) { return decode::data(v, "result"); }, std::move(cb));
}

void eth_rpc::get_transaction_count(eth::address account, block_tag block,
                                    callback<std::uint64_t> cb) {
  typed_call<std::uint64_t>(rpc_, "eth_getTransactionCount",
                            json::array({account.to_hex(), block.text}),
                            [](const json& v) { return decode::quantity_u64(v, "result"); },
                            std::move(cb));
}

void eth_rpc::estimate_gas(call_request tx, callback<std::uint64_t> cb) {
  typed_call<std::uint64_t>(rpc_, "eth_estimateGas", json::array({decode::call_object(tx)}),
                            [](const json& v) { return decode::quantity_u64(v, "result"); },
                            std::move(cb));
}

void eth_rpc::gas_price(callback<eth::u256> cb) {
  typed_call<eth::u256>(rpc_, "eth_gasPrice", json::array(),
                        [](const json& v) { return decode::quantity(v, "result"); },
                        std::move(cb));
}

void eth_rpc::max_priority_fee_per_gas(callback<eth::u256> cb) {
  typed_call<eth::u256>(rpc_, "eth_maxPriorityFeePerGas", json::array(),
                        [](const json& v) { return decode::quantity(v, "result"); },
                        std::move(cb));
}

void eth_rpc::get_fee_history(std::uint64_t block_count, block_tag newest,
                              std::vector<double> reward_percentiles, callback<fee_history> cb) {
  typed_call<fee_history>(
      rpc_, "eth_feeHistory",
      json::array({eth::to_quantity(block_count), newest.text, reward_percentiles}),
      [](const json& v) { return decode::fees(v); }, std::move(cb));
}

void eth_rpc::send_raw_transaction(eth::bytes signed_tx, callback<eth::hash32> cb) {
  typed_call<eth::hash32>(rpc_, "eth_sendRawTransaction", json::array({eth::to_hex(signed_tx)}),
                          [](const json& v) { return decode::hash(v, "result"); }, std::move(cb));
}

void eth_rpc::get_transaction_receipt(eth::hash32 tx_hash,
                                      callback<std::optional<transaction_receipt>> cb) {
  typed_call<std::optional<transaction_receipt>>(
      rpc_, "eth_getTransactionReceipt", json::array({eth::to_hex(tx_hash)}),
      [](const json& v) -> std::optional<transaction_receipt> {
        if (v.is_null()) return std::nullopt;
        return decode::receipt(v);
      },
      std::move(cb));
}

}  // namespace automator::net
