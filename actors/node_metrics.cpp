// Prometheus text rendering of node_metrics (see node_metrics.hpp).
#include "actors/node_metrics.hpp"

#include <algorithm>
#include <cstdio>

namespace automator {

histogram::histogram(std::vector<double> upper_bounds)
  : bounds_(std::move(upper_bounds)), counts_(bounds_.size() + 1) {}

void histogram::observe(double value) {
  auto i = size_t(std::lower_bound(bounds_.begin(), bounds_.end(), value) - bounds_.begin());
  counts_[i].fetch_add(1, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
  sum_micro_.fetch_add(uint64_t(std::max(value, 0.0) * 1e6), std::memory_order_relaxed);
}

void histogram::render(std::string& out, const std::string& name, const std::string& help) const {
  out += "# HELP " + name + " " + help + "\n# TYPE " + name + " histogram\n";
  uint64_t cumulative = 0;
  char line[160];
  for (size_t i = 0; i <= bounds_.size(); ++i) {
    cumulative += counts_[i].load(std::memory_order_relaxed);
    if (i < bounds_.size())
      std::snprintf(line, sizeof line, "%s_bucket{le=\"%g\"} %llu\n", name.c_str(), bounds_[i],
                    static_cast<unsigned long long>(cumulative));
    else
      std::snprintf(line, sizeof line, "%s_bucket{le=\"+Inf\"} %llu\n", name.c_str(),
                    static_cast<unsigned long long>(cumulative));
    out += line;
  }
  std::snprintf(line, sizeof line, "%s_sum %.6f\n%s_count %llu\n", name.c_str(),
                double(sum_micro_.load(std::memory_order_relaxed)) / 1e6, name.c_str(),
                static_cast<unsigned long long>(count_.load(std::memory_order_relaxed)));
  out += line;
}

std::string labelled_counter::clean(const std::string& raw) {
  std::string out;
  for (char c : raw) {
    if (out.size() == 32)
      break;
    if (c >= 'A' && c <= 'Z')
      c = char(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')
      out += c;
    else if (c == '_' || c == ' ')
      out += '-';
  }
  return out.empty() ? "unknown" : out;
}

void labelled_counter::add(const std::string& value) {
  auto key = clean(value);
  std::lock_guard<std::mutex> lock(mutex_);
  if (!counts_.count(key) && counts_.size() + 1 >= max_values_)
    key = "other";
  counts_[key]++;
}

uint64_t labelled_counter::get(const std::string& value) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = counts_.find(clean(value));
  return it == counts_.end() ? 0 : it->second;
}

void labelled_counter::render(std::string& out, const std::string& name,
                              const std::string& help) const {
  out += "# HELP " + name + " " + help + "\n# TYPE " + name + " counter\n";
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& [value, count] : counts_)
    out += name + "{" + label_ + "=\"" + value + "\"} " + std::to_string(count) + "\n";
}

namespace {

template <class T>
void metric(std::string& out, const char* type, const char* name, const char* help,
            const std::atomic<T>& value) {
  out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n" +
         name + " " + std::to_string(value.load(std::memory_order_relaxed)) + "\n";
}

} // namespace

std::string node_metrics::render() const {
  std::string out;
  metric(out, "counter", "automator_slots_fired_total", "Slots sent to an HTTP caller.", slots_fired);
  metric(out, "counter", "automator_slots_skipped_late_total",
         "Slots not called because their window had closed.", slots_skipped_late);
  metric(out, "counter", "automator_proxy_calls_total", "Hit requests sent to a proxy.", proxy_calls);
  metric(out, "counter", "automator_proxy_failures_total", "Hit requests that failed.", proxy_failures);
  metric(out, "counter", "automator_proofs_received_total", "Proofs handed to the prover.",
         proofs_received);
  metric(out, "counter", "automator_proofs_invalid_total",
         "Proofs refused by the prover before costing gas.", proofs_invalid);
  metric(out, "counter", "automator_hits_proven_total", "This operator's hits accepted on chain.",
         hits_proven);
  metric(out, "counter", "automator_hits_rejected_total",
         "This operator's hits the contract skipped.", hits_rejected);
  metric(out, "counter", "automator_misses_reported_total", "reportMissed transactions mined.",
         misses_reported);
  metric(out, "counter", "automator_txs_sent_total", "Transactions sent (including replacements).",
         txs_sent);
  metric(out, "counter", "automator_txs_replaced_total", "Stuck transactions re-sent with higher fees.",
         txs_replaced);
  metric(out, "counter", "automator_rpc_errors_total", "Failed chain RPC calls.", rpc_errors);
  metric(out, "gauge", "automator_chain_head_block", "Latest block seen.", chain_head);
  metric(out, "gauge", "automator_chain_processed_block", "Last confirmed block processed.",
         chain_processed);
  metric(out, "gauge", "automator_tasks_active", "Tasks with slots left in the scheduler.",
         tasks_active);
  metric(out, "gauge", "automator_scheduler_queue_depth", "Deadlines in the scheduler's heap.",
         scheduler_queue);
  metric(out, "gauge", "automator_caller_in_flight", "Proxy calls in flight.", caller_in_flight);
  metric(out, "gauge", "automator_prover_pending", "Verified proofs not yet on chain.",
         prover_pending);
  metric(out, "gauge", "automator_submitter_pending", "Transactions sent and not yet mined.",
         submitter_pending);
  metric(out, "gauge", "automator_watchdog_watched", "Slots the watchdog is watching.",
         watchdog_watched);
  metric(out, "counter", "automator_status0_retries_total",
         "Status-0 hits asked again inside their window.", status0_retries);
  status0_proofs.render(out, "automator_status0_proofs_total",
                        "Status-0 proofs handed to the prover, by the proxy's failure reason.");
  fire_drift_ms.render(out, "automator_fire_drift_ms",
                       "Milliseconds between a slot's due time and its fire.");
  submit_latency_s.render(out, "automator_submit_latency_seconds",
                          "Seconds from sending a batch to its receipt.");
  eigen.render(out);
  return out;
}

} // namespace automator
