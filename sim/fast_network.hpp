// The fast simulation mode: a discrete-event run of a whole network in which each operator
// node's behaviour (fire at T(k) + r * failoverDelay unless a proof was seen, call the proxy
// with retries inside the tolerance window, batch proofs by size and age, submit, resubmit after
// a restart) is modelled directly instead of running the CAF actors. It exists for speed (the
// actor mode runs the real node code, see sim/README.md) and for fault studies at scale.
//
// Ground truth for penalties: every slot remembers whether its primary failed for a reason of
// its own (crash, stall, skew, partition, slow network, byzantine) or because a network-wide
// fault (proxy or RPC outage, reorg) was in the way; a penalty with neither is a false penalty.
// What a target does (fault kind "target") is never an excuse: its penalties count as false.
#pragma once

#include <deque>
#include <map>
#include <tuple>
#include <vector>

#include "chain_model.hpp"
#include "event_queue.hpp"
#include "fault_schedule.hpp"
#include "proxy_signer.hpp"
#include "report.hpp"
#include "report_builder.hpp"

namespace automator::sim {

class fast_network {
public:
  explicit fast_network(const scenario& s);
  run_report run();

private:
  enum event_type : uint32_t { slot_due, fire, hit_ready, batch_age, tx_arrive, block, report_due, fault_point, backup_duty };
  static constexpr size_t duty_lanes = 9;  // lanes 9.. hold backup duties, one per rank

  struct node {
    std::vector<signed_hit> batch;  // proofs held (persisted by the prover) until submitted
    uint32_t batch_generation = 0;
    bool has_last_hit = false;
    signed_hit last_hit;            // for the replaying byzantine behaviour
  };
  struct in_flight {
    signed_hit hit;
    account op;
    uint32_t rank;
    uint32_t attempt = 0;
  };
  /// A status-0 hit the node keeps while it asks again (as the real http_caller does).
  struct kept_hit {
    signed_hit hit;
    uint32_t retries = 0;
  };
  enum slot_flag : uint8_t { target_called = 1 };
  /// What the simulator knows about a slot beyond the contract: when the nodes' chain watchers
  /// see it resolved (confirmations and RPC lag after its block; an RPC outage or a reorg delays
  /// it) and whether its target was called. Whether a penalty was deserved is no flag here:
  /// report_builder.hpp's classify_penalty decides it, from the scenario's faults, in both modes.
  struct slot_info {
    uint32_t visible_ms = 0;  // 0: not resolved on chain yet
    uint8_t flags = 0;
  };

  void setup();
  void on_slot_due(sim_time t, uint64_t task_id, uint32_t slot);
  void on_fire(sim_time t, uint64_t task_id, uint32_t slot, uint32_t rank, account op, uint32_t attempt);
  void on_backup_duty(sim_time t, uint64_t task_id, uint32_t slot, uint32_t rank, account op);
  sim_time duty_time(sim_time now, const task_record& task, uint32_t slot, uint32_t rank, account op) const;
  void plan_next_duty(sim_time t, uint64_t task_id, uint32_t slot, uint32_t rank, const eligibility& who);
  void on_hit_ready(sim_time t, uint32_t flight);
  bool retry_status0(sim_time t, const in_flight& flight);
  void prove_kept(sim_time t, uint64_t task_id, uint32_t slot, account op);
  void take(sim_time t, account op, const signed_hit& hit);
  void on_batch_age(sim_time t, account op, uint32_t generation);
  void on_tx_arrive(sim_time t, uint32_t tx);
  void on_block(sim_time t);
  void on_report_due(sim_time t, uint64_t task_id, uint32_t slot);
  void on_fault_point(sim_time t, uint32_t fault_index);

  void schedule(sim_time at, uint32_t type, uint32_t a = 0, uint32_t b = 0, uint32_t c = 0);
  void flush(sim_time t, account op);
  void send_tx(sim_time t, pending_tx tx, sim_time extra_delay);
  // Slot-major (slot k of every task side by side): the run moves through slot k of all tasks
  // at once, so the slots it touches share cache lines instead of being a task's length apart.
  slot_info& info(uint64_t task_id, uint32_t slot) { return slots_[uint64_t{slot} * s_.tasks.count + task_id - 1]; }
  uint8_t& flags(uint64_t task_id, uint32_t slot) { return info(task_id, slot).flags; }
  void set_visible(uint64_t task_id, uint32_t slot, sim_time seen);
  bool seen_resolved(uint64_t task_id, uint32_t slot, sim_time t) {
    const uint32_t v = info(task_id, slot).visible_ms;
    return v != 0 && sim_time{v} * us_per_ms <= t;
  }
  sim_time at_unix(uint64_t unix_s) const { return static_cast<sim_time>(unix_s - s_.genesis_unix_s) * us_per_s; }
  uint64_t unix_ms(sim_time t) const { return s_.genesis_unix_s * 1000 + static_cast<uint64_t>(t / us_per_ms); }

  const scenario& s_;
  fault_schedule faults_;
  proxy_signer signer_;
  avs_model contract_;
  chain_model chain_;
  prng rng_rpc_, rng_proxy_, rng_target_, rng_block_, rng_setup_;
  event_queue queue_;
  std::vector<node> nodes_;
  std::vector<in_flight> flights_;
  std::vector<uint32_t> free_flights_;
  std::vector<pending_tx> txs_;
  std::vector<uint32_t> free_txs_;
  std::vector<slot_info> slots_;
  std::map<std::tuple<uint64_t, uint32_t, account>, kept_hit> kept_;  // by (task, slot, operator)
  sim_time watch_lag_ = 0;
  block_outcome outcome_;
  account keeper_ = 0;
  account owner_ = 0;
  sim_time lead_ = 0;
  report_builder builder_{s_, faults_, "fast"};
};

}  // namespace automator::sim
