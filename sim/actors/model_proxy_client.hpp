// actors/proxy_client.hpp implemented by a model proxy for one simulated node: after the drawn
// proxy and target latencies it refuses a slot not due now for the requesting operator's rank
// (as the real proxy does with eligibleOperators), or answers with a Hit signed with the proxy
// key over the EIP-712 digest, hitTimeMs being the proxy's (true) clock when it started serving the
// request; a target fault (sim/target_fault.hpp) delays the answer and sets its status and reason.
// The simulated network has one proxy, so it refuses to co-sign (quorum tasks need several).
#pragma once

#include <memory>
#include <set>
#include <tuple>
#include <unordered_set>

#include "actors/proxy_client.hpp"
#include "eth/secp256k1.hpp"
#include "model_chain_client.hpp"

namespace automator::sim {

/// What the proxy saw across all nodes: calls it answered, refusals, and second and later
/// calls of one slot's target (delivery is at least once).
struct proxy_stats {
  uint64_t calls = 0;
  uint64_t refusals = 0;
  uint64_t duplicates = 0;
  uint64_t status0_repeats = 0;  // calls by an operator whose earlier call of the slot answered status 0
  std::unordered_set<uint64_t> called;  // task_id << 32 | slot
  std::set<std::tuple<uint64_t, uint32_t, account>> status0;  // (task, slot, operator) answered status 0
};

class model_proxy_client : public automator::proxy_client {
public:
  model_proxy_client(node_link link, std::shared_ptr<const eth::private_key> key, latency proxy, latency target,
                     prng* proxy_rng, prng* target_rng, avs_model* contract, proxy_stats* stats)
      : l_(std::move(link)), key_(std::move(key)), proxy_(proxy), target_(target), proxy_rng_(proxy_rng),
        target_rng_(target_rng), contract_(contract), stats_(stats) {}

  size_t proxy_count() const override { return 1; }
  void request_hit(const hit_request& request, std::chrono::milliseconds timeout, callback cb) override;

private:
  node_link l_;
  std::shared_ptr<const eth::private_key> key_;
  latency proxy_, target_;
  prng* proxy_rng_;
  prng* target_rng_;
  avs_model* contract_;
  proxy_stats* stats_;
};

}  // namespace automator::sim
