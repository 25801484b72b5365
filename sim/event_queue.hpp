// The discrete-event queue of the fast simulator: a binary min-heap of small fixed-size events
// ordered by (time, insertion number), so events at the same instant run in the order they were
// scheduled and a run is reproducible bit for bit.
#pragma once

#include <cstdint>
#include <vector>

#include "latency.hpp"

namespace automator::sim {

struct sim_event {
  sim_time at;
  uint64_t seq;
  uint32_t type;
  uint32_t a;
  uint32_t b;
  uint32_t c;
};

class event_queue {
public:
  void push(sim_time at, uint32_t type, uint32_t a = 0, uint32_t b = 0, uint32_t c = 0) {
    heap_.push_back({at, next_seq_++, type, a, b, c});
    sift_up(heap_.size() - 1);
  }
  bool empty() const { return heap_.empty(); }
  size_t size() const { return heap_.size(); }
  const sim_event& top() const { return heap_.front(); }
  sim_event pop() {
    sim_event out = heap_.front();
    heap_.front() = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) sift_down(0);
    return out;
  }

private:
  static bool before(const sim_event& x, const sim_event& y) {
    return x.at < y.at || (x.at == y.at && x.seq < y.seq);
  }
  void sift_up(size_t i) {
    sim_event e = heap_[i];
    while (i > 0) {
      size_t parent = (i - 1) / 2;
      if (!before(e, heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = e;
  }
  void sift_down(size_t i) {
    sim_event e = heap_[i];
    const size_t n = heap_.size();
    for (;;) {
      size_t child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && before(heap_[child + 1], heap_[child])) ++child;
      if (!before(heap_[child], e)) break;
      heap_[i] = heap_[child];
      i = child;
    }
    heap_[i] = e;
  }

  std::vector<sim_event> heap_;
  uint64_t next_seq_ = 0;
};

}  // namespace automator::sim
