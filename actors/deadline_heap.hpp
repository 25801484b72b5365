// The scheduler's single queue of upcoming deadlines: a binary min-heap of small entries, at
// most one "cursor" per task (its next slot with a role for this operator) plus one entry per
// backup duty in flight. 24 bytes per entry keeps a million tasks in a few dozen MiB.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <vector>

namespace automator {

struct deadline_entry {
  enum kind_t : uint8_t {
    cursor, // T(k) of the task's next slot with a role: fire (primary) or arm a backup duty
    backup, // T(k) + r * failoverDelay: fire unless a proof was seen meanwhile
    scan,   // no role found within the scan limit: continue scanning from `slot` at `due_ms`
  };
  int64_t due_ms = 0;
  uint64_t task_id = 0;
  uint32_t slot = 0;
  uint8_t rank = 0;
  kind_t kind = cursor;
};

class deadline_heap {
public:
  void push(const deadline_entry& e) {
    entries_.push_back(e);
    std::push_heap(entries_.begin(), entries_.end(), later);
  }

  const deadline_entry& top() const { return entries_.front(); }

  deadline_entry pop() {
    std::pop_heap(entries_.begin(), entries_.end(), later);
    auto e = entries_.back();
    entries_.pop_back();
    return e;
  }

  bool empty() const { return entries_.empty(); }
  size_t size() const { return entries_.size(); }

  /// Drops every entry matching `pred` (O(n), for rare rebuilds such as operator set changes).
  template <class Pred>
  void remove_if(Pred pred) {
    entries_.erase(std::remove_if(entries_.begin(), entries_.end(), pred), entries_.end());
    std::make_heap(entries_.begin(), entries_.end(), later);
  }

  void reserve(size_t n) { entries_.reserve(n); }

private:
  static bool later(const deadline_entry& a, const deadline_entry& b) {
    return a.due_ms > b.due_ms;
  }
  std::vector<deadline_entry> entries_;
};

} // namespace automator
