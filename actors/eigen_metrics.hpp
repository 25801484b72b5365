// The metrics of the EigenLayer AVS node specification (eigen_* names, NethermindEth/el-node-spec
// "Prometheus Metrics Specification"), next to the node's own automator_* metrics, plus the
// results of the node's health checks. Values read from the chain are kept as decimal text (wei
// amounts pass 2^64); Prometheus reads them as floats. Thread-safe: one mutex, updated a few
// times per probe round and per RPC answer.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace automator {

class eigen_metrics {
public:
  /// The RPC client's version (web3_clientVersion), the client_version label of the RPC families.
  void set_client_version(std::string v);
  /// One JSON-RPC call answered after `seconds`.
  void observe_rpc(const std::string& method, double seconds);
  void set_fees_earned_wei(std::string dec);
  void set_slashing_wad(std::string dec);
  void set_balance_wei(std::string dec);
  void set_performance_score(double score);
  /// Allocated stake per strategy of the AVS's operator set (quorum 0).
  void set_stakes(std::vector<std::pair<std::string, std::string>> strategy_to_dec);
  /// Gauges of the node's own chain view: the operator's misses and proven hits on chain, and
  /// the RPC's latest block (read by the probe, independent of the chain watcher).
  void set_operator_counts(uint64_t hits_proven, uint64_t misses);
  void set_rpc_head(uint64_t block);
  /// 1 while the gas balance is below node.min-gas-balance-wei.
  void set_gas_low(bool low);
  /// 1 while health check `id` is up, 0 while it is down or not checked yet.
  void set_check(const std::string& id, bool up);

  double performance_score() const;
  uint64_t rpc_requests(const std::string& method) const;

  /// Appends every family in Prometheus text format.
  void render(std::string& out) const;

private:
  struct rpc_family {
    uint64_t count = 0;
    double sum = 0;
    std::vector<uint64_t> buckets; // per bound, plus +Inf last
  };
  mutable std::mutex mutex_;
  std::string client_version_ = "unknown";
  std::map<std::string, rpc_family> rpc_;
  std::string fees_ = "0", slashing_ = "0", balance_;
  double score_ = 100;
  std::vector<std::pair<std::string, std::string>> stakes_;
  bool have_counts_ = false;
  uint64_t hits_proven_ = 0, misses_ = 0, rpc_head_ = 0;
  bool have_gas_ = false, gas_low_ = false;
  std::map<std::string, bool> checks_;
};

} // namespace automator
