// The node's probe: every interval it asks the chain and the proxies what the node's health and
// the EigenLayer metrics need, asynchronously (callbacks come back as continuations, no handler
// blocks): the RPC's head block, the operator's place in the active set (operatorsAt,
// operatorInfo: fees, proven hits, misses), its gas balance against node.min-gas-balance-wei,
// its allocated stake, its OperatorSlashed events, and whether each proxy answers at all.
// Results go into node_health (checks chain-rpc, operator-set, gas-balance, proxy-N) and
// node_metrics::eigen.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <caf/actor_system.hpp>
#include <caf/typed_actor.hpp>

#include "actors/node_health.hpp"
#include "actors/node_metrics.hpp"
#include "eth/bytes.hpp"
#include "eth/u256.hpp"
#include "messages/atoms.hpp"
#include "messages/continuation.hpp"

namespace automator::net {
class json_rpc_client;
class http_client;
} // namespace automator::net

namespace automator {

/// What others may send the probe: its poll tick. It runs as node_probe_internal, which also
/// takes the continuations it posts to itself (messages/actor_handles.hpp's convention).
using node_probe_actor = caf::typed_actor<caf::reacts_to<poll_atom>>;
using node_probe_internal = node_probe_actor::extend<caf::reacts_to<continuation>>;

struct node_probe_config {
  eth::address contract;
  eth::address operator_address;
  uint64_t deploy_block = 0;
  uint64_t max_log_range = 2000; // blocks per eth_getLogs (chain.max-range: what the RPC allows)
  net::json_rpc_client* rpc = nullptr; // null: this process has no chain (callers only)
  net::http_client* http = nullptr;
  std::vector<std::string> proxy_urls; // checked where callers run
  bool check_gas = false;              // where the submitter (the key) runs
  eth::u256 min_gas_wei = 0;
  std::chrono::milliseconds interval{5000};
  std::chrono::seconds performance_window{3600};
  std::shared_ptr<node_metrics> metrics;
  std::shared_ptr<node_health> health;
};

/// Declares the probe's checks in cfg.health and starts the first round at once.
node_probe_actor spawn_node_probe(caf::actor_system& sys, node_probe_config cfg);

/// The performance score: 100 * proven / (proven + missed) over the samples' window, 100 when
/// no slot was due. Samples are (hits proven, misses) as the contract counts them, oldest first.
double performance_score(uint64_t first_hits, uint64_t first_misses, uint64_t last_hits,
                         uint64_t last_misses);

} // namespace automator
