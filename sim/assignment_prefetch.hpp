// Computes every slot's primary index (keccak256 of the slot, mod n: a third of a run's work)
// on a helper thread while the run goes on, in the order the run asks for them (slot 0 of every
// task, then slot 1, ...). A value is taken only once the helper has published its row; before
// that the caller computes it itself, so results never depend on the helper's progress.
#pragma once

#include <atomic>
#include <cstdint>
#include <thread>
#include <vector>

namespace automator::sim {

class assignment_prefetch {
public:
  /// Starts the helper for tasks 1..slot_counts.size() (slot_counts[i] = task i + 1's slot
  /// count) and an operator set of n (> 0).
  assignment_prefetch(std::vector<uint32_t> slot_counts, size_t n);
  ~assignment_prefetch();
  assignment_prefetch(const assignment_prefetch&) = delete;
  assignment_prefetch& operator=(const assignment_prefetch&) = delete;

  /// The primary index of the slot for a set of n, or SIZE_MAX if the helper has not got there
  /// (or computed for another n, or another task).
  size_t primary(uint64_t task_id, uint32_t slot, size_t n) const {
    if (n != n_ || task_id == 0 || task_id > counts_.size() || slot >= counts_[task_id - 1] ||
        slot >= rows_done_.load(std::memory_order_acquire))
      return SIZE_MAX;
    return primaries_[base_[task_id - 1] + slot];
  }

private:
  void fill();

  const std::vector<uint32_t> counts_;
  const size_t n_;
  std::vector<uint64_t> base_;        // first entry of each task in primaries_
  std::vector<uint16_t> primaries_;   // written by the helper before it publishes the row
  std::atomic<uint32_t> rows_done_{0};
  std::atomic<bool> stop_{false};
  std::thread helper_;
};

}  // namespace automator::sim
