// The actor mode: every operator node is the real node's six CAF actors (actors/: scheduler,
// http_caller, prover, submitter, chain_watcher, watchdog) with its own store, key and metrics,
// all in one actor system on CAF's deterministic test coordinator with virtual time. Their
// seams are the simulator's: model_chain_client over the virtual chain (the contract model),
// model_proxy_client, and a clock_source anchored at the scenario's genesis. Time advances in
// fixed steps; RPC and proxy answers arrive after drawn latencies.
//
// Supported faults: crash (the node's actors are killed and respawned on the same store),
// partition, slow network, proxy and RPC outages. Slower than the fast mode by orders of
// magnitude (real secp256k1 signatures and ABI encoding per hit), so for small networks.
#pragma once

#include "report.hpp"
#include "scenario.hpp"

namespace automator::sim {

/// Throws scenario_error for a fault kind the actor mode does not model.
run_report run_actor_network(const scenario& s, sim_time step = 20 * us_per_ms);

}  // namespace automator::sim
