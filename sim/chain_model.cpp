// Block production, transaction execution against the contract model, and what the nodes'
// chain watchers can see when.
#include "chain_model.hpp"

#include <algorithm>

namespace automator::sim {

chain_model::chain_model(avs_model& contract, const fault_schedule& faults, uint64_t genesis_unix_s,
                         sim_time watch_lag, uint32_t reorg_memory_blocks)
    : contract_(contract), faults_(faults), genesis_(genesis_unix_s), watch_lag_(watch_lag),
      reorg_memory_(reorg_memory_blocks) {}

void chain_model::index_slots() {
  slot_base_.assign(contract_.task_count() + 1, 0);  // task ids start at 1
  uint64_t total = 0;
  for (uint64_t id = 1; id <= contract_.task_count(); ++id) {
    slot_base_[id] = total;
    total += contract_.task(id).count;
  }
  visible_ms_.assign(total, 0);
}

void chain_model::arrive(pending_tx tx, bool front) {
  if (front)
    mempool_.push_front(std::move(tx));
  else
    mempool_.push_back(std::move(tx));
}

void chain_model::set_visible(uint64_t task_id, uint32_t slot, sim_time t) {
  sim_time seen = t + watch_lag_;
  if (sim_time rpc_back = faults_.rpc_down_until(seen)) seen = rpc_back + watch_lag_;
  uint32_t& v = visible_ms_[slot_base_[task_id] + slot];
  v = std::max<uint32_t>(v, static_cast<uint32_t>((seen + us_per_ms - 1) / us_per_ms));
}

void chain_model::produce_block(sim_time t, block_outcome& out) {
  const uint64_t now = timestamp(t);
  std::vector<std::pair<uint64_t, uint32_t>> resolved;
  while (!mempool_.empty()) {
    pending_tx tx = std::move(mempool_.front());
    mempool_.pop_front();
    if (tx.what == pending_tx::kind::submit_hits) {
      rejects_scratch_.clear();
      contract_.submit_hits(tx.sender, tx.hits, now, &rejects_scratch_);
      auto next_reject = rejects_scratch_.begin();
      for (size_t i = 0; i < tx.hits.size(); ++i) {
        if (next_reject != rejects_scratch_.end() && next_reject->first == i) {
          out.rejected.push_back(next_reject->second);
          ++next_reject;
          continue;
        }
        const signed_hit& h = tx.hits[i];
        out.accepted.push_back({h.task_id, h.slot, tx.sender, h.hit_time_ms});
        set_visible(h.task_id, h.slot, t);
        if (reorg_memory_) resolved.emplace_back(h.task_id, h.slot);
      }
    } else {
      try {
        const eligibility who = contract_.eligible(tx.task_id, tx.slot);
        contract_.report_missed(tx.task_id, tx.slot, tx.sender, now);
        out.penalties.push_back({tx.task_id, tx.slot, who.operators[0]});
        set_visible(tx.task_id, tx.slot, t);
        if (reorg_memory_) resolved.emplace_back(tx.task_id, tx.slot);
      } catch (const model_revert&) {
        contract_.charge_reverted_report();
        ++out.reports_reverted;
      }
    }
  }
  if (reorg_memory_) {
    recent_blocks_.push_back(std::move(resolved));
    if (recent_blocks_.size() > reorg_memory_) recent_blocks_.pop_front();
  }
}

std::vector<std::pair<uint64_t, uint32_t>> chain_model::reorg(sim_time t, uint32_t depth, sim_time block_interval) {
  // The replaced blocks' transactions are mined again in the new branch with the same effect
  // on state (no hit depends on block time), so what changes is when watchers see them.
  std::vector<std::pair<uint64_t, uint32_t>> moved;
  const sim_time back = t + sim_time{depth} * block_interval;
  const size_t n = std::min<size_t>(depth, recent_blocks_.size());
  for (size_t i = recent_blocks_.size() - n; i < recent_blocks_.size(); ++i)
    for (const auto& [task_id, slot] : recent_blocks_[i]) {
      set_visible(task_id, slot, back);
      moved.emplace_back(task_id, slot);
    }
  return moved;
}

}  // namespace automator::sim
