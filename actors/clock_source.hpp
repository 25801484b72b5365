// The actors' only clock: unix milliseconds derived from CAF's actor clock, so that timers and
// "now" agree. In a node the origin is read from the system clock once at startup; under CAF's
// test coordinator (tests, simulator) the actor clock is virtual and the origin is whatever the
// test picks, so the same actor code runs in virtual time.
#pragma once

#include <chrono>
#include <cstdint>

#include <caf/actor_clock.hpp>
#include <caf/actor_system.hpp>

namespace automator {

class clock_source {
public:
  using time_point = caf::actor_clock::time_point;

  /// `unix_ms_at_origin` is the unix time at the actor clock's `origin`.
  clock_source(const caf::actor_clock& clock, int64_t unix_ms_at_origin, time_point origin)
    : clock_(&clock), unix_ms_at_origin_(unix_ms_at_origin), origin_(origin) {}

  /// Anchors the actor clock of `sys` to the system's wall clock, read once here.
  static clock_source wall(caf::actor_system& sys) {
    auto unix_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                     std::chrono::system_clock::now().time_since_epoch())
                     .count();
    return clock_source(sys.clock(), unix_ms, sys.clock().now());
  }

  /// Anchors the actor clock of `sys` (virtual under the test coordinator) at `unix_ms`.
  static clock_source at(caf::actor_system& sys, int64_t unix_ms) {
    return clock_source(sys.clock(), unix_ms, sys.clock().now());
  }

  int64_t now_ms() const {
    auto since = std::chrono::duration_cast<std::chrono::milliseconds>(clock_->now() - origin_);
    return unix_ms_at_origin_ + since.count();
  }

  /// The actor-clock time point of a unix time, for scheduled_send.
  time_point to_time_point(int64_t unix_ms) const {
    return origin_ + std::chrono::milliseconds(unix_ms - unix_ms_at_origin_);
  }

private:
  const caf::actor_clock* clock_;
  int64_t unix_ms_at_origin_;
  time_point origin_;
};

} // namespace automator
