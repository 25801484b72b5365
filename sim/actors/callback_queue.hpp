// Completions the actor mode's model clients deliver later in virtual time (an RPC answer after
// its latency, a proxy's signed hit after the call). The driver runs the due ones between steps
// of CAF's test coordinator; each callback posts a continuation to its actor.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <utility>

#include "latency.hpp"

namespace automator::sim {

class callback_queue {
public:
  void post(sim_time at, std::function<void()> fn) { queue_.emplace(std::make_pair(at, next_++), std::move(fn)); }
  /// Runs every callback due at or before `now`, in (time, posting) order.
  void run_due(sim_time now) {
    while (!queue_.empty() && queue_.begin()->first.first <= now) {
      auto fn = std::move(queue_.begin()->second);
      queue_.erase(queue_.begin());
      fn();
    }
  }

private:
  std::map<std::pair<sim_time, uint64_t>, std::function<void()>> queue_;
  uint64_t next_ = 0;
};

}  // namespace automator::sim
