// The transport errors of the HTTP client and server: a code the caller can branch on plus a
// message for humans that names the URL and what went wrong.
#pragma once

#include <string>

namespace automator::net {

enum class net_errc {
  invalid_url,         // the request URL does not parse (see url.hpp)
  invalid_request,     // bad method, header or a request the client cannot send
  resolve_failed,      // DNS lookup failed
  connect_failed,      // TCP connect refused / unreachable
  tls,                 // TLS handshake or certificate verification failed
  timeout,             // connect + write + read did not finish within request::timeout
  write_failed,        // the connection broke while sending the request
  read_failed,         // the connection broke while reading the response
  malformed_response,  // the answer is not valid HTTP/1.1
  body_too_large,      // the response body exceeds http_client_options::max_body_bytes
  queue_full,          // more requests waiting than http_client_options::max_queued
  shutting_down,       // the client was destroyed or its runtime stopped before completion
};

/// Stable lowercase name of a code ("connect_failed"), for logs and metrics labels.
const char* to_string(net_errc code) noexcept;

struct net_error {
  net_errc code;
  std::string message;  // e.g. "http://127.0.0.1:9/x: connect failed: Connection refused"
};

}  // namespace automator::net
