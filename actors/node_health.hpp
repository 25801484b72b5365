// The node's health checks: one entry per thing the node needs to do its job (the chain RPC,
// the contract, the operator's place in the active set, the gas balance, each proxy, each peer
// process, each local actor), set by whoever observes it (the probe actor, the supervisor).
// evaluate() turns them into /health (200 only when the node can do its job, else 503 naming
// every problem) and the EigenLayer node API's health (200 / 206 partially / 503); the same
// entries are the API's "services". Thread-safe.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace automator {

class eigen_metrics;

enum class check_status { initializing, up, down };

class node_health {
public:
  /// `gauges` (optional) gets automator_health_check{check=id} on every change.
  explicit node_health(eigen_metrics* gauges = nullptr) : gauges_(gauges) {}

  /// Declares a check, initializing until first set. Checks of one non-empty `group` (the
  /// proxies, the remote callers) are alternatives: one down is a partial problem, all down
  /// leaves the node unable to work. A check without a group is needed on its own.
  void add(std::string id, std::string name, std::string description, std::string group = "");
  /// Sets a declared check (unknown ids are ignored); `detail` says what is wrong when down.
  void set(const std::string& id, bool up, std::string detail = "");
  bool has(const std::string& id) const;

  struct verdict {
    unsigned health_status = 200; // /health: 200 or 503
    unsigned eigen_status = 200;  // /eigen/node/health: 200, 206 or 503
    std::string text;             // "ok\n", or one line per problem
  };
  verdict evaluate() const;
  /// The node API's {"services":[{id,name,description,status}]} (status Up, Down, Initializing).
  std::string services_json() const;
  /// 200 up, 206 initializing, 503 down; nullopt for an unknown id.
  std::optional<unsigned> service_status(const std::string& id) const;

private:
  struct entry {
    std::string id, name, description, group;
    check_status status = check_status::initializing;
    std::string detail;
  };
  mutable std::mutex mutex_;
  std::vector<entry> entries_;
  eigen_metrics* gauges_;
};

} // namespace automator
