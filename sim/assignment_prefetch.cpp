// The helper thread of assignment_prefetch: slot-major, one published row at a time.
#include "assignment_prefetch.hpp"

#include <algorithm>

#include "eth/slot_assignment.hpp"

namespace automator::sim {

assignment_prefetch::assignment_prefetch(std::vector<uint32_t> slot_counts, size_t n)
    : counts_(std::move(slot_counts)), n_(n) {
  if (n_ == 0 || n_ > UINT16_MAX) return;  // nothing to prefetch; primary() computes nothing here
  base_.resize(counts_.size());
  uint64_t total = 0;
  for (size_t i = 0; i < counts_.size(); ++i) {
    base_[i] = total;
    total += counts_[i];
  }
  primaries_.resize(total);
  helper_ = std::thread([this] { fill(); });
}

assignment_prefetch::~assignment_prefetch() {
  stop_.store(true, std::memory_order_relaxed);
  if (helper_.joinable()) helper_.join();
}

void assignment_prefetch::fill() {
  const uint32_t rows = counts_.empty() ? 0 : *std::max_element(counts_.begin(), counts_.end());
  for (uint32_t slot = 0; slot < rows && !stop_.load(std::memory_order_relaxed); ++slot) {
    for (size_t i = 0; i < counts_.size(); ++i)
      if (slot < counts_[i]) primaries_[base_[i] + slot] = static_cast<uint16_t>(eth::primary_index(i + 1, slot, n_));
    rows_done_.store(slot + 1, std::memory_order_release);
  }
}

}  // namespace automator::sim
