// The process's Prometheus metrics: counters, gauges and histograms the actors update
// (lock-free atomics, shared by every actor of the process) and render() for /metrics.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "actors/eigen_metrics.hpp"

namespace automator {

/// A fixed-bucket histogram (cumulative on output, as Prometheus expects).
class histogram {
public:
  explicit histogram(std::vector<double> upper_bounds);
  void observe(double value);
  /// Appends the metric family `name` in Prometheus text format.
  void render(std::string& out, const std::string& name, const std::string& help) const;

private:
  std::vector<double> bounds_;
  std::vector<std::atomic<uint64_t>> counts_; // per bucket, plus +Inf last
  std::atomic<uint64_t> count_{0};
  std::atomic<uint64_t> sum_micro_{0}; // sum in millionths, to stay an integer atomic
};

/// A counter with one label whose values come from outside (a proxy's word): a value is cut to
/// [a-z0-9-], at most 32 characters, and past `max_values` distinct values counts as "other",
/// so a proxy cannot grow the node's memory or break the text format.
class labelled_counter {
public:
  explicit labelled_counter(std::string label, size_t max_values = 16)
    : label_(std::move(label)), max_values_(max_values) {}
  void add(const std::string& value);
  uint64_t get(const std::string& value) const;
  /// Appends the metric family `name` in Prometheus text format (nothing but HELP and TYPE
  /// while no value was counted).
  void render(std::string& out, const std::string& name, const std::string& help) const;
  /// The label value `raw` is counted under.
  static std::string clean(const std::string& raw);

private:
  std::string label_;
  size_t max_values_;
  mutable std::mutex mutex_;
  std::map<std::string, uint64_t> counts_;
};

struct node_metrics {
  std::atomic<uint64_t> slots_fired{0};        // fire requests sent to the HTTP callers
  std::atomic<uint64_t> slots_skipped_late{0}; // fire requests whose window had closed
  std::atomic<uint64_t> proxy_calls{0};
  std::atomic<uint64_t> proxy_failures{0};
  std::atomic<uint64_t> proofs_received{0};
  std::atomic<uint64_t> proofs_invalid{0};
  std::atomic<uint64_t> hits_proven{0};   // accepted on chain (ours)
  std::atomic<uint64_t> hits_rejected{0}; // skipped by the contract (ours)
  std::atomic<uint64_t> misses_reported{0};
  std::atomic<uint64_t> txs_sent{0};
  std::atomic<uint64_t> txs_replaced{0};
  std::atomic<uint64_t> rpc_errors{0};
  std::atomic<uint64_t> chain_head{0};
  std::atomic<uint64_t> chain_processed{0};
  std::atomic<int64_t> tasks_active{0};
  std::atomic<int64_t> scheduler_queue{0};
  std::atomic<int64_t> caller_in_flight{0};
  std::atomic<int64_t> prover_pending{0};
  std::atomic<int64_t> submitter_pending{0};
  std::atomic<int64_t> watchdog_watched{0};
  std::atomic<uint64_t> status0_retries{0}; // status-0 hits asked again inside the window
  labelled_counter status0_proofs{"reason"}; // status-0 proofs handed to the prover, by reason
  histogram fire_drift_ms{{1, 2, 5, 10, 20, 50, 100, 250, 500, 1000, 5000}};
  histogram submit_latency_s{{1, 2, 5, 10, 20, 30, 60, 120, 300}};
  eigen_metrics eigen; // the EigenLayer node spec's families and the health checks

  std::string render() const;
};

} // namespace automator
