// Block production, transaction execution against the contract model, and what the nodes'
// chain watchers can see when.
#include "chain_model.hpp"

#include <algorithm>

namespace automator::sim {

chain_model::chain_model(avs_model& contract, uint64_t genesis_unix_s, uint32_t reorg_memory_blocks)
    : contract_(contract), genesis_(genesis_unix_s), reorg_memory_(reorg_memory_blocks) {}

void chain_model::arrive(pending_tx tx, bool front) {
  if (front)
    mempool_.push_front(std::move(tx));
  else
    mempool_.push_back(std::move(tx));
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
        out.accepted.push_back({h.task_id, h.slot, tx.sender, h.hit_time_ms, h.status});
        if (reorg_memory_) resolved.emplace_back(h.task_id, h.slot);
      }
    } else {
      try {
        const eligibility who = contract_.eligible(tx.task_id, tx.slot);
        contract_.report_missed(tx.task_id, tx.slot, tx.sender, now);
        out.penalties.push_back({tx.task_id, tx.slot, who.operators[0]});
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

std::vector<std::pair<uint64_t, uint32_t>> chain_model::reorg(uint32_t depth) const {
  std::vector<std::pair<uint64_t, uint32_t>> replaced;
  const size_t n = std::min<size_t>(depth, recent_blocks_.size());
  for (size_t i = recent_blocks_.size() - n; i < recent_blocks_.size(); ++i)
    replaced.insert(replaced.end(), recent_blocks_[i].begin(), recent_blocks_[i].end());
  return replaced;
}

}  // namespace automator::sim
