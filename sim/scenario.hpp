// A simulation scenario: the network (operators, tasks, protocol parameters, latencies) and
// the faults to inject, as read from a JSON file in sim/scenarios/. The file format is
// documented in sim/README.md; malformed files throw scenario_error naming the offending key.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "latency.hpp"

namespace automator::sim {

class scenario_error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// Protocol parameters as the contract holds them (IFleekAutomator.Params).
struct protocol_params {
  uint32_t epoch_length_s = 3600;
  uint32_t activation_delay_s = 600;
  uint32_t redundancy = 3;
  uint32_t failover_delay_s = 5;
  uint32_t submit_window_s = 60;
  uint32_t min_tolerance_s = 1;
  uint32_t max_tolerance_s = 300;
  uint32_t max_misses = 10;
  uint64_t slash_wad = 1000000000000000ull;  // 0.1% of stake per missed slot
};

struct operator_spec {
  uint32_t count = 3;
  double stake_eth = 32;
};

struct task_spec {
  uint32_t count = 1;
  uint32_t interval_s = 10;
  uint32_t duration_s = 3600;   // slots per task = duration / interval
  uint32_t tolerance_s = 2;
  uint32_t start_spread_s = 0;  // task starts are spread uniformly over [0, spread)
  uint64_t fee_per_hit_gwei = 1000;
};

/// How an operator node behaves (the knobs of the real node's config that matter here).
struct node_spec {
  uint32_t batch_size = 64;          // prover flushes at this many proofs ...
  uint32_t batch_age_ms = 2000;      // ... or when the oldest proof is this old
  uint32_t confirmations = 1;        // chain_watcher's confirmation depth
  uint32_t retry_backoff_ms = 250;   // http_caller's first retry delay, doubled per retry ...
  uint32_t max_attempts = 5;         // ... for at most this many tries inside the window
  uint32_t try_timeout_ms = 5000;    // a try's budget while another fits in the window; a
                                     // status-0 hit is asked again only if one still does
  uint32_t status0_retries = 2;      // status-0 hits asked again before the first is proven
};

struct latencies {
  latency rpc{latency::kind::lognormal, 40, 0, 0.4, 2000};
  latency proxy{latency::kind::lognormal, 30, 0, 0.4, 2000};
  latency target{latency::kind::lognormal, 80, 0, 0.6, 5000};
  latency block_time{latency::kind::constant, 2000};
};

struct fault {
  enum class kind {
    crash,         // node down, restarts after `for`
    pause,         // whole node stalls (GC-like); work queued meanwhile runs at the end
    clock_skew,    // node clock off by skew_ms
    slow_network,  // extra_ms added to every call the node makes
    partition,     // node reaches neither proxy nor RPC
    proxy_outage,  // the proxy answers nobody
    rpc_outage,    // the chain's RPC answers nobody (no reads, no tx submission)
    reorg,         // the last `depth` blocks are replaced; their events reappear later
    byzantine,     // operator misbehaves as `behavior` says
    target         // tasks' targets misbehave as `target_how` says (see target_fault.hpp)
  };
  enum class behavior { none, withhold, late, replay, alter, steal };
  enum class target_behavior {
    none, slow_dns, failing_dns, slow_connect, slow_headers, hang, reset, huge_body, redirect, forbidden_address
  };

  kind what = kind::crash;
  behavior how = behavior::none;
  int32_t operator_index = -1;  // whom; -1 for network-wide faults
  sim_time at = 0;
  sim_time duration = 0;
  int64_t skew_ms = 0;
  uint32_t extra_ms = 0;
  uint32_t depth = 0;
  uint32_t late_s = 0;
  target_behavior target_how = target_behavior::none;
  uint32_t delay_ms = 0;     // target: how slow slow_dns, slow_headers and huge_body are (0: default)
  uint32_t tasks_every = 1;  // target: the fault hits the tasks whose id is a multiple of this

  sim_time end() const { return at + duration; }
  bool active(sim_time t) const { return t >= at && t < end(); }
};

const char* to_string(fault::kind k);
const char* to_string(fault::behavior b);
const char* to_string(fault::target_behavior b);

struct scenario {
  std::string name;
  std::string description;
  uint64_t seed = 1;
  uint64_t genesis_unix_s = 1800000000;
  protocol_params params;
  operator_spec operators;
  task_spec tasks;
  node_spec node;
  latencies latency_ms;
  std::vector<fault> faults;

  /// Virtual time after which the run stops: the last slot's miss deadline plus a margin.
  sim_time horizon() const;
  uint64_t slots_total() const;
};

/// Parses a scenario from JSON text; `origin` (a file name) prefixes error messages.
scenario parse_scenario(const std::string& json_text, const std::string& origin);
/// Reads and parses a scenario file; throws scenario_error for unreadable or malformed files.
scenario load_scenario(const std::filesystem::path& file);

}  // namespace automator::sim
