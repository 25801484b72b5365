// Asynchronous HTTP/1.1 client with one keep-alive connection pool per origin
// (scheme+host+port), used for the proxy calls and under the JSON-RPC client.
//
// - Many requests in flight: at most max_connections_per_origin per origin (HTTP/1.1 does one
//   request per connection at a time), the rest wait in a FIFO queue of at most max_queued.
// - A connection goes back to the pool only after a complete response that allows keep-alive.
//   If a reused connection fails before any response byte arrives (the server closed it while
//   idle), the request is retried once on a fresh connection.
// - HTTPS via OpenSSL with SNI; certificates and host names are verified unless the
//   io_runtime was built with verify_tls = false.
// - submit() is thread-safe and never blocks; the callback runs exactly once, on one of the
//   io_runtime's threads (never inside submit()). Keep callbacks short: post the result to
//   an actor.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "net/http_types.hpp"
#include "net/net_error.hpp"
#include "net/result.hpp"

namespace automator::net {

class io_runtime;

struct http_client_options {
  /// Open connections per origin; also the number of requests in flight per origin.
  std::size_t max_connections_per_origin = 16;
  /// Requests waiting for a connection, over all origins; beyond this submit fails fast
  /// with net_errc::queue_full.
  std::size_t max_queued = 100'000;
  /// Largest accepted response body; a larger one fails with net_errc::body_too_large.
  std::size_t max_body_bytes = 8 * 1024 * 1024;
  /// Pooled connections idle longer than this are closed instead of reused.
  std::chrono::milliseconds idle_timeout{30'000};
  std::string user_agent = "fleek-automator-node";
};

using http_result = result<http_response, net_error>;
using http_callback = std::function<void(http_result)>;

/// Counters for tests and metrics.
struct http_client_stats {
  std::uint64_t connections_opened = 0;  // TCP connections established
  std::uint64_t requests_completed = 0;  // with a response, any status
  std::uint64_t requests_failed = 0;     // with a net_error
  std::uint64_t reused_connections = 0;  // requests served on a pooled connection
  std::uint64_t retried_stale = 0;       // retries after a reused connection failed
  std::size_t in_flight = 0;
  std::size_t queued = 0;
  std::size_t idle_connections = 0;
};

class http_client {
public:
  /// The runtime must outlive the client.
  explicit http_client(io_runtime& runtime, http_client_options options = {});
  /// Fails queued and in-flight requests with net_errc::shutting_down (their callbacks run on
  /// the runtime's threads) and closes all connections. Does not wait.
  ~http_client();
  http_client(const http_client&) = delete;
  http_client& operator=(const http_client&) = delete;

  /// Sends `request`; `callback` receives the response (any HTTP status) or a net_error.
  void submit(http_request request, http_callback callback);

  /// Blocking convenience for CLIs and tests: submit() and wait. Returns
  /// net_errc::invalid_request if called from one of the runtime's threads.
  http_result request_sync(http_request request);

  /// A consistent snapshot of the counters; callable from any thread.
  http_client_stats stats() const;

  const http_client_options& options() const noexcept;

  struct impl;

private:
  std::shared_ptr<impl> impl_;
  io_runtime& runtime_;
};

}  // namespace automator::net
