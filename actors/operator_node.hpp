// Builds one process of an operator node from its configuration: the network runtime, the
// chain and proxy clients, the stores, the /metrics and /health endpoint, and the actors this
// process runs, connected to the ones it reaches in other processes (CAF middleman).
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include <caf/actor.hpp>
#include <caf/actor_system.hpp>

#include "actors/node_metrics.hpp"
#include "actors/operator_config.hpp"

namespace automator {

class operator_node {
public:
  /// Throws std::runtime_error naming what is wrong (unreadable key, unreachable RPC, wrong
  /// chain, store that cannot be opened, peer process not reachable in time, ...).
  operator_node(const operator_config& cfg, caf::actor_system& sys);
  ~operator_node();

  /// The actors running in this process, with their names, for monitoring.
  const std::vector<std::pair<std::string, caf::actor>>& local_actors() const { return actors_; }
  /// Actors of this node in other processes (the prover, HTTP callers), each with the id of its
  /// health check: the supervisor monitors them and reports one that goes away.
  const std::vector<std::pair<std::string, caf::actor>>& remote_actors() const { return remotes_; }
  /// Marks the node unhealthy (/health answers 503 with `why`).
  void set_unhealthy(std::string why);
  /// Sets health check `id` (see node_health.hpp); unknown ids are ignored.
  void set_check(const std::string& id, bool up, std::string detail = "");
  /// Checks that the configured contract has code and answers the Automator's params() view;
  /// while it does not, /health answers 503 with the reason. Blocking (the RPC round trips):
  /// call it from the supervising thread only. Returns whether the contract is good.
  bool check_contract();

  struct runtime;

private:
  void build(const operator_config& cfg, caf::actor_system& sys);

  std::unique_ptr<runtime> rt_;
  std::vector<std::pair<std::string, caf::actor>> actors_;
  std::vector<std::pair<std::string, caf::actor>> remotes_;
};

} // namespace automator
