// Decoding of eth_* JSON-RPC answers into the eth_rpc structs. Each function checks the JSON
// shape and throws rpc_decode_error naming the field ("block.parentHash: ...") on anything
// malformed. Used by eth_rpc.cpp and by the tests that feed it bad answers.
#pragma once

#include <stdexcept>
#include <string_view>

#include <nlohmann/json.hpp>

#include "net/eth_rpc.hpp"

namespace automator::net::decode {

using nlohmann::json;

class rpc_decode_error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// A JSON-RPC QUANTITY: a string "0x" + hex digits.
eth::u256 quantity(const json& value, std::string_view field);
std::uint64_t quantity_u64(const json& value, std::string_view field);
/// DATA of exactly 32 bytes.
eth::hash32 hash(const json& value, std::string_view field);
eth::address address(const json& value, std::string_view field);
/// DATA of any length.
eth::bytes data(const json& value, std::string_view field);

block_header block(const json& value);
log_entry log(const json& value);
std::vector<log_entry> logs(const json& value);
transaction_receipt receipt(const json& value);
fee_history fees(const json& value);

/// The JSON transaction object of eth_call / eth_estimateGas.
json call_object(const call_request& tx);
/// The filter object of eth_getLogs.
json filter_object(const log_filter& filter);

}  // namespace automator::net::decode
