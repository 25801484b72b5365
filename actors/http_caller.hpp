// The HTTP caller actor: for each fire_request, asks a proxy for the signed hit (through the
// proxy_client seam, many requests in flight, never blocking), for a quorum-k task asks k-1
// other proxies to co-sign that hit, retries failed tries with backoff while the slot's window
// is open (a status-0 hit too, keeping it to prove if no better one comes), and hands each proof
// (k signatures in ascending signer order, with the proxy's failure reason) to the prover.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>

#include "actors/clock_source.hpp"
#include "actors/node_metrics.hpp"
#include "actors/proxy_client.hpp"
#include "eth/bytes.hpp"
#include "messages/type_ids.hpp"

namespace automator {

struct http_caller_config {
  uint64_t chain_id = 0;
  eth::address contract;
  eth::address operator_address;
  clock_source clock;
  std::shared_ptr<proxy_client> proxy;
  prover_actor prover;
  std::shared_ptr<node_metrics> metrics;
  /// Budget of one try while another still fits in the slot's window.
  std::chrono::milliseconds try_timeout{5000};
  /// Budget of the last try inside the window, and how long after the window co-signatures are
  /// still asked: a proxy answers within 15 s (Fleek stops a function then), and its hit time
  /// is when it started serving the request.
  std::chrono::milliseconds answer_wait{15000};
  /// First retry delay; doubles per retry.
  std::chrono::milliseconds retry_backoff{250};
  uint8_t max_attempts = 5;
  /// Status-0 hits asked again (within max_attempts) before the first one is proven as it is.
  uint8_t status0_retries = 2;
};

http_caller_actor spawn_http_caller(caf::actor_system& sys, http_caller_config cfg);

} // namespace automator
