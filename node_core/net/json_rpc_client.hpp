// JSON-RPC 2.0 over the pooled HTTP client (one endpoint URL per client): single calls, batches
// and a blocking call_sync for CLIs and tests. Every failure is an rpc_error that names the
// method, the endpoint and the failing layer.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "net/http_types.hpp"
#include "net/json_rpc_answer.hpp"
#include "net/result.hpp"
#include "net/rpc_error.hpp"

namespace automator::net {

class http_client;

using rpc_callback = std::function<void(rpc_result)>;

struct rpc_call {
  std::string method;
  json params = json::array();
};

using rpc_batch_callback = std::function<void(rpc_batch_result)>;

struct json_rpc_options {
  std::chrono::milliseconds timeout{10'000};
  header_list extra_headers;  // e.g. an Authorization header for a hosted RPC
  /// Called once per answered call (a batch: once, method "batch") with the method, the
  /// seconds it took and whether it succeeded; on the thread that completes the call. For
  /// metrics (the node's eigen_rpc_request_* families); must not block.
  std::function<void(const std::string& method, double seconds, bool ok)> observer;
};

class json_rpc_client {
public:
  /// `http` must outlive this client. Throws url_error if `endpoint` is not a valid URL.
  json_rpc_client(http_client& http, std::string endpoint, json_rpc_options options = {});

  /// Calls `method` with `params` (an array or object); the callback gets the `result` member
  /// or an rpc_error. Thread-safe, never blocks; the callback runs on an io_runtime thread.
  void call(std::string method, json params, rpc_callback callback);

  /// Sends all calls in one JSON-RPC batch request. The outer result fails only when the
  /// batch as a whole failed (transport, HTTP, non-JSON, not an array, missing ids); each
  /// call's own error is in its entry. An empty batch completes at once, in this thread.
  void call_batch(std::vector<rpc_call> calls, rpc_batch_callback callback);

  /// Blocking call for CLIs and tests; never from an actor. From an io_runtime thread it
  /// fails with a transport error (net_errc::invalid_request) instead of deadlocking.
  rpc_result call_sync(std::string method, json params = json::array());

  const std::string& endpoint() const noexcept { return endpoint_; }

private:
  http_request post_request(std::string body) const;

  http_client& http_;
  std::string endpoint_;
  json_rpc_options options_;
  std::atomic<std::uint64_t> next_id_{1};
};

}  // namespace automator::net
