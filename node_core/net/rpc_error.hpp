// The error of a JSON-RPC call: which layer failed (transport, HTTP, JSON, JSON-RPC) and, for
// JSON-RPC error objects, the node's code, message and data (revert data for eth_call /
// eth_estimateGas is in `data`).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "net/net_error.hpp"

namespace automator::net {

enum class rpc_errc {
  transport,         // the HTTP request failed; see `transport` (timeouts are rpc_errc::timeout)
  timeout,           // the HTTP request timed out
  http_status,       // the server answered with a non-2xx status (and no JSON-RPC error)
  not_json,          // the body is not JSON
  invalid_response,  // JSON, but not a valid JSON-RPC 2.0 answer (no result, wrong id, ...)
                     // or a result of the wrong shape for a typed eth_* call
  rpc_error,         // the node answered with a JSON-RPC error object
};

const char* to_string(rpc_errc kind) noexcept;

struct rpc_error {
  rpc_errc kind = rpc_errc::transport;
  /// Human readable, naming the method and the endpoint, e.g.
  /// "eth_call at http://127.0.0.1:8545/: JSON-RPC error 3: execution reverted".
  std::string message;
  std::string method;
  /// For kind == transport or timeout.
  std::optional<net_errc> transport;
  /// For kind == http_status, and whenever an HTTP status was received.
  unsigned http_status = 0;
  /// For kind == rpc_error: the JSON-RPC error object's code / message.
  std::int64_t code = 0;
  std::string rpc_message;
  /// For kind == rpc_error: the error's `data`. A JSON string (as revert data "0x08c379a0...")
  /// is stored unquoted; other JSON values as their compact JSON text; absent = "".
  std::string data;
};

}  // namespace automator::net
