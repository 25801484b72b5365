// The seam between the HTTP caller and the Automation Proxy: one asynchronous hit request per
// call. http_proxy_client implements it over node_core/net's pooled HTTP client; the simulator
// implements it with a model proxy. The callback may run on any thread, exactly once.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "eth/bytes.hpp"
#include "messages/proof_messages.hpp"
#include "net/result.hpp"

namespace automator {

/// The body of a proxy POST (shared/DESIGN.md "Proxy request").
struct hit_request {
  uint64_t chain_id = 0;
  eth::address contract;
  uint64_t task_id = 0;
  uint32_t slot = 0;
  eth::address operator_address;
  unsigned attempt = 0; // lets a client with several proxies fail over between them
};

/// Why a hit request failed, and whether trying again inside the slot's window can help.
struct proxy_error {
  bool retryable = false;
  std::string message; // names the proxy URL and what went wrong
};

class proxy_client {
public:
  using callback = std::function<void(net::result<hit_proof, proxy_error>)>;

  virtual ~proxy_client() = default;
  virtual void request_hit(const hit_request& request, std::chrono::milliseconds timeout,
                           callback cb) = 0;
};

} // namespace automator
