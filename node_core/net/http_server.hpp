// A small asynchronous HTTP/1.1 server (Beast) for the node's Prometheus /metrics and /health
// endpoints, also used by the tests and the benchmark as a real local target server.
// Keep-alive, optional TLS, one handler callback that maps a request to a response (directly,
// or later through a responder).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "net/http_types.hpp"

namespace automator::net {

class io_runtime;

struct server_request {
  std::string method;
  std::string target;  // path + query as sent
  header_list headers;
  std::string body;
};

struct server_response {
  unsigned status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
  header_list headers;  // extra headers; Content-Type/Length are set from the fields above
  /// Close the connection after this response (tests use it; normally keep-alive).
  bool close = false;
};

/// Runs on one of the runtime's threads; must not block for long. An exception escaping it
/// turns into a 500 response carrying what().
using server_handler = std::function<server_response(const server_request&)>;

/// Sends the response of one request; callable from any thread, once (later calls are ignored).
using server_responder = std::function<void(server_response)>;
/// For answers computed elsewhere (e.g. by asking an actor for its state): the handler returns
/// at once and calls `respond` later. A request never responded to holds its connection until
/// the client gives up or the server stops.
using async_server_handler =
    std::function<void(const server_request&, server_responder respond)>;

struct http_server_options {
  std::string bind_address = "127.0.0.1";
  std::uint16_t port = 0;  // 0 picks a free port; see http_server::port()
  std::size_t max_body_bytes = 1024 * 1024;
  /// Keep-alive connections idle longer than this are closed by the server.
  std::chrono::milliseconds idle_timeout{30'000};
  /// Serve HTTPS with this PEM certificate chain and private key (both or neither).
  std::string tls_cert_file;
  std::string tls_key_file;
};

class http_server {
public:
  /// Binds and starts accepting. Throws std::runtime_error naming the address and the reason
  /// (e.g. "http_server: cannot listen on 127.0.0.1:9100: Address already in use").
  http_server(io_runtime& runtime, server_handler handler, http_server_options options = {});
  http_server(io_runtime& runtime, async_server_handler handler, http_server_options options = {});
  /// Calls stop().
  ~http_server();
  http_server(const http_server&) = delete;
  http_server& operator=(const http_server&) = delete;

  /// The port actually bound.
  std::uint16_t port() const noexcept;
  /// Stops accepting and closes open connections. Idempotent.
  void stop();
  /// Connections accepted so far (tests count them to check client keep-alive).
  std::uint64_t connections_accepted() const noexcept;
  /// Requests answered so far.
  std::uint64_t requests_served() const noexcept;

  struct impl;

private:
  std::shared_ptr<impl> impl_;
};

}  // namespace automator::net
