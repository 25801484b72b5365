// Closed-loop load for the rows of http_throughput: a fixed number of requests always in flight,
// each completion sending the next one, latencies recorded only while measuring.
#pragma once

#include <cstdint>
#include <memory>

struct measurement {
  double requests_per_second = 0;
  double p50_ms = 0;
  double p99_ms = 0;
  std::uint64_t errors = 0;
};

/// Copies share one loop, so completion callbacks can hold it by value and outlive the driver.
class closed_loop {
public:
  explicit closed_loop(int in_flight);

  /// One request finished (on whatever thread completes it). Returns whether to send the next
  /// one: false once measure() is winding the loop down.
  bool completed(bool ok, double latency_ms) const;

  /// Call on the driver thread once the first `in_flight` requests are sent: 1 s of warm-up,
  /// `seconds` measured, then waits for the requests still in flight to come back.
  measurement measure(int seconds) const;

private:
  struct state;
  std::shared_ptr<state> state_;
};
