// The simulated chain around the contract model: a mempool, blocks produced at drawn block
// times whose timestamps the contract sees, transactions executed in arrival order, reorgs, and
// when each resolved slot becomes visible to the nodes' chain watchers (confirmation depth and
// RPC lag; an RPC outage or a reorg delays it).
#pragma once

#include <deque>
#include <vector>

#include "avs_model.hpp"
#include "fault_schedule.hpp"

namespace automator::sim {

struct pending_tx {
  enum class kind : uint8_t { submit_hits, report_missed };
  kind what = kind::submit_hits;
  account sender = 0;
  std::vector<signed_hit> hits;
  uint64_t task_id = 0;
  uint32_t slot = 0;
};

/// What one block did, for the simulator's bookkeeping.
struct block_outcome {
  struct accepted_hit { uint64_t task_id; uint32_t slot; account by; uint64_t hit_time_ms; };
  struct report { uint64_t task_id; uint32_t slot; account primary; };
  std::vector<accepted_hit> accepted;
  std::vector<reject_reason> rejected;
  std::vector<report> penalties;
  uint32_t reports_reverted = 0;
  void clear() { accepted.clear(); rejected.clear(); penalties.clear(); reports_reverted = 0; }
};

class chain_model {
public:
  chain_model(avs_model& contract, const fault_schedule& faults, uint64_t genesis_unix_s, sim_time watch_lag,
              uint32_t reorg_memory_blocks);

  uint64_t timestamp(sim_time t) const { return genesis_ + static_cast<uint64_t>(t / us_per_s); }
  /// Call after every task is created: sizes the per-slot visibility table.
  void index_slots();

  /// A transaction reaches the mempool (after the sender's RPC latency). `front` places it
  /// ahead of the others already waiting (a higher tip: front-running).
  void arrive(pending_tx tx, bool front = false);
  /// Mines everything in the mempool into one block at `t`.
  void produce_block(sim_time t, block_outcome& out);
  /// Replaces the last `depth` blocks at `t`: their events vanish and reappear after the new
  /// blocks are mined. Returns the slots whose visibility moved (for the ground truth).
  std::vector<std::pair<uint64_t, uint32_t>> reorg(sim_time t, uint32_t depth, sim_time block_interval);

  /// True if a node's chain watcher at time t knows the slot is resolved.
  bool seen_resolved(uint64_t task_id, uint32_t slot, sim_time t) const {
    const uint32_t v = visible_ms_[slot_base_[task_id] + slot];
    return v != 0 && sim_time{v} * us_per_ms <= t;
  }
  avs_model& contract() { return contract_; }
  size_t mempool_size() const { return mempool_.size(); }

private:
  void set_visible(uint64_t task_id, uint32_t slot, sim_time t);

  avs_model& contract_;
  const fault_schedule& faults_;
  uint64_t genesis_;
  sim_time watch_lag_;
  uint32_t reorg_memory_;
  std::deque<pending_tx> mempool_;
  std::vector<uint64_t> slot_base_;
  std::vector<uint32_t> visible_ms_;  // 0: not visible yet
  std::deque<std::vector<std::pair<uint64_t, uint32_t>>> recent_blocks_;  // resolutions, newest last
  std::vector<std::pair<size_t, reject_reason>> rejects_scratch_;
};

}  // namespace automator::sim
