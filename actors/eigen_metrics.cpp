// Prometheus text of the eigen_* families and the health-check gauges (see eigen_metrics.hpp).
#include "actors/eigen_metrics.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>


namespace automator {

namespace {

constexpr std::array<double, 10> rpc_bounds{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10};
const size_t max_methods = 32; // the node calls about a dozen; past this, "other"

/// A label value from outside text: at most 64 characters of [A-Za-z0-9_./-] (a method keeps
/// its case, eth_getBlockByNumber; a client version its '/' and '.').
std::string label_value(const std::string& raw) {
  std::string kept;
  for (char c : raw.substr(0, 64))
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '/' || c == '.' || c == '-' || c == '_')
      kept += c;
  return kept.empty() ? "unknown" : kept;
}

void head(std::string& out, const char* name, const char* type, const char* help) {
  out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
}

} // namespace

void eigen_metrics::set_client_version(std::string v) {
  std::lock_guard<std::mutex> lock(mutex_);
  client_version_ = label_value(v);
}

void eigen_metrics::observe_rpc(const std::string& method, double seconds) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string key = label_value(method);
  if (!rpc_.count(key) && rpc_.size() >= max_methods)
    key = "other";
  auto& f = rpc_[key];
  if (f.buckets.empty())
    f.buckets.assign(rpc_bounds.size() + 1, 0);
  auto i = size_t(std::lower_bound(rpc_bounds.begin(), rpc_bounds.end(), seconds) - rpc_bounds.begin());
  f.buckets[i]++;
  f.count++;
  f.sum += std::max(seconds, 0.0);
}

void eigen_metrics::set_fees_earned_wei(std::string dec) { std::lock_guard<std::mutex> l(mutex_); fees_ = std::move(dec); }
void eigen_metrics::set_slashing_wad(std::string dec) { std::lock_guard<std::mutex> l(mutex_); slashing_ = std::move(dec); }
void eigen_metrics::set_balance_wei(std::string dec) { std::lock_guard<std::mutex> l(mutex_); balance_ = std::move(dec); }
void eigen_metrics::set_performance_score(double s) { std::lock_guard<std::mutex> l(mutex_); score_ = s; }
void eigen_metrics::set_stakes(std::vector<std::pair<std::string, std::string>> s) {
  std::lock_guard<std::mutex> l(mutex_);
  stakes_ = std::move(s);
}
void eigen_metrics::set_operator_counts(uint64_t hits, uint64_t misses) {
  std::lock_guard<std::mutex> l(mutex_);
  have_counts_ = true;
  hits_proven_ = hits;
  misses_ = misses;
}
void eigen_metrics::set_rpc_head(uint64_t block) { std::lock_guard<std::mutex> l(mutex_); rpc_head_ = block; }
void eigen_metrics::set_gas_low(bool low) {
  std::lock_guard<std::mutex> l(mutex_);
  have_gas_ = true;
  gas_low_ = low;
}
void eigen_metrics::set_check(const std::string& id, bool up) { std::lock_guard<std::mutex> l(mutex_); checks_[id] = up; }

double eigen_metrics::performance_score() const { std::lock_guard<std::mutex> l(mutex_); return score_; }
uint64_t eigen_metrics::rpc_requests(const std::string& method) const {
  std::lock_guard<std::mutex> l(mutex_);
  auto it = rpc_.find(method);
  return it == rpc_.end() ? 0 : it->second.count;
}

void eigen_metrics::render(std::string& out) const {
  std::lock_guard<std::mutex> lock(mutex_);
  char line[256];
  head(out, "eigen_fees_earned_total", "counter", "Fees the AVS contract credited to this operator (operatorInfo.feesEarned).");
  out += "eigen_fees_earned_total{token=\"ETH\",unit=\"wei\"} " + fees_ + "\n";
  head(out, "eigen_slashing_incurred_total", "counter",
       "Slashing of this operator: sum of its OperatorSlashed wads (1e18 = all of its allocated magnitude).");
  out += "eigen_slashing_incurred_total{token=\"stake\",unit=\"wad\"} " + slashing_ + "\n";
  head(out, "eigen_balance_total", "gauge", "The operator's gas balance (the key that sends the node's transactions).");
  if (!balance_.empty())
    out += "eigen_balance_total{token=\"ETH\",unit=\"wei\"} " + balance_ + "\n";
  head(out, "eigen_performance_score", "gauge",
       "100 * slots proven / slots due for this operator over the performance window (100 when none were due).");
  std::snprintf(line, sizeof line, "eigen_performance_score %.2f\n", score_);
  out += line;
  head(out, "eigen_registered_stakes", "gauge", "The operator's allocated stake in the AVS's operator set, per strategy.");
  for (const auto& [strategy, stake] : stakes_)
    out += "eigen_registered_stakes{quorum_number=\"0\",quorum_name=\"operator-set-0\",strategy=\"" + strategy +
           "\"} " + stake + "\n";
  head(out, "eigen_rpc_request_duration_seconds", "histogram", "Duration of the node's JSON-RPC calls, by method.");
  for (const auto& [method, f] : rpc_) {
    const std::string labels = "method=\"" + method + "\",client_version=\"" + client_version_ + "\"";
    uint64_t cumulative = 0;
    for (size_t i = 0; i <= rpc_bounds.size(); ++i) {
      cumulative += f.buckets[i];
      if (i < rpc_bounds.size())
        std::snprintf(line, sizeof line, "eigen_rpc_request_duration_seconds_bucket{%s,le=\"%g\"} %llu\n",
                      labels.c_str(), rpc_bounds[i], static_cast<unsigned long long>(cumulative));
      else
        std::snprintf(line, sizeof line, "eigen_rpc_request_duration_seconds_bucket{%s,le=\"+Inf\"} %llu\n",
                      labels.c_str(), static_cast<unsigned long long>(cumulative));
      out += line;
    }
    std::snprintf(line, sizeof line, "eigen_rpc_request_duration_seconds_sum{%s} %.6f\neigen_rpc_request_duration_seconds_count{%s} %llu\n",
                  labels.c_str(), f.sum, labels.c_str(), static_cast<unsigned long long>(f.count));
    out += line;
  }
  head(out, "eigen_rpc_request_total", "counter", "The node's JSON-RPC calls, by method.");
  for (const auto& [method, f] : rpc_)
    out += "eigen_rpc_request_total{method=\"" + method + "\",client_version=\"" + client_version_ + "\"} " +
           std::to_string(f.count) + "\n";
  head(out, "automator_operator_hits_proven", "gauge", "This operator's hits proven, as the contract counts them.");
  if (have_counts_)
    out += "automator_operator_hits_proven " + std::to_string(hits_proven_) + "\n";
  head(out, "automator_operator_misses", "gauge", "Slots this operator missed as primary, as the contract counts them.");
  if (have_counts_)
    out += "automator_operator_misses " + std::to_string(misses_) + "\n";
  head(out, "automator_rpc_head_block", "gauge", "The RPC's latest block, read by the health probe.");
  out += "automator_rpc_head_block " + std::to_string(rpc_head_) + "\n";
  head(out, "automator_gas_balance_low", "gauge", "1 while the gas balance is below node.min-gas-balance-wei.");
  if (have_gas_)
    out += std::string("automator_gas_balance_low ") + (gas_low_ ? "1" : "0") + "\n";
  head(out, "automator_health_check", "gauge", "1 while a health check (see /eigen/node/services) is up.");
  for (const auto& [id, up] : checks_)
    out += "automator_health_check{check=\"" + id + "\"} " + (up ? "1" : "0") + "\n";
}

} // namespace automator
