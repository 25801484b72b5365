// The HTTP caller actor: for each fire_request, asks a proxy for the signed hit (through the
// proxy_client seam, many requests in flight, never blocking), for a quorum-k task asks k-1
// other proxies to co-sign that hit, retries failed tries with backoff while the slot's window
// is open, and hands each proof (k signatures in ascending signer order) to the prover.
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
  /// Budget of one try; a try never outlives the slot's window either.
  std::chrono::milliseconds try_timeout{5000};
  /// First retry delay; doubles per retry.
  std::chrono::milliseconds retry_backoff{250};
  uint8_t max_attempts = 5;
};

http_caller_actor spawn_http_caller(caf::actor_system& sys, http_caller_config cfg);

} // namespace automator
