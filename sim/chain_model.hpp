// The simulated chain around the contract model: a mempool, blocks whose timestamps the
// contract sees, transactions executed in arrival order, and the memory of recent blocks a
// reorg replaces.
#pragma once

#include <deque>
#include <vector>

#include "avs_model.hpp"

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
  struct accepted_hit { uint64_t task_id; uint32_t slot; account by; uint64_t hit_time_ms; uint16_t status; };
  struct report { uint64_t task_id; uint32_t slot; account primary; };
  std::vector<accepted_hit> accepted;
  std::vector<reject_reason> rejected;
  std::vector<report> penalties;
  uint32_t reports_reverted = 0;
  void clear() { accepted.clear(); rejected.clear(); penalties.clear(); reports_reverted = 0; }
};

class chain_model {
public:
  chain_model(avs_model& contract, uint64_t genesis_unix_s, uint32_t reorg_memory_blocks);

  uint64_t timestamp(sim_time t) const { return genesis_ + static_cast<uint64_t>(t / us_per_s); }

  /// A transaction reaches the mempool (after the sender's RPC latency). `front` places it
  /// ahead of the others already waiting (a higher tip: front-running).
  void arrive(pending_tx tx, bool front = false);
  /// Mines everything in the mempool into one block at `t`.
  void produce_block(sim_time t, block_outcome& out);
  /// Replaces the last `depth` blocks: their transactions are mined again in the new branch
  /// with the same effect on state (no rule depends on the block they land in), so what changes
  /// is when watchers see them. Returns the slots those blocks resolved.
  std::vector<std::pair<uint64_t, uint32_t>> reorg(uint32_t depth) const;

  avs_model& contract() { return contract_; }
  size_t mempool_size() const { return mempool_.size(); }

private:
  avs_model& contract_;
  uint64_t genesis_;
  uint32_t reorg_memory_;
  std::deque<pending_tx> mempool_;
  std::deque<std::vector<std::pair<uint64_t, uint32_t>>> recent_blocks_;  // resolutions, newest last
  std::vector<std::pair<size_t, reject_reason>> rejects_scratch_;
};

}  // namespace automator::sim
