// The discrete-event queue of the fast simulator, ordered by (time, insertion number) so events
// at the same instant run in the order they were scheduled and a run is reproducible bit for bit.
//
// Most events are scheduled in time order within their kind (slot k+1 of every task is one
// interval after slot k, each miss deadline a fixed time after its slot), so each kind has a
// FIFO lane that takes an event in O(1) when it is not earlier than the lane's last one; only
// the rest (random latencies) go to the binary heap. pop() takes the earliest of the heap top
// and the lane fronts, which gives exactly the order a single heap would.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
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
  static constexpr size_t lanes = 25;

  /// Schedules an event; `lane` (< lanes) groups events that are usually pushed in time order.
  void push(sim_time at, size_t lane, uint32_t type, uint32_t a = 0, uint32_t b = 0, uint32_t c = 0) {
    const sim_event e{at, next_seq_++, type, a, b, c};
    std::deque<sim_event>& l = lanes_[lane];
    if (l.empty() || l.back().at <= at) {
      l.push_back(e);
    } else {
      heap_.push_back(e);
      sift_up(heap_.size() - 1);
    }
    ++size_;
  }
  bool empty() const { return size_ == 0; }
  size_t size() const { return size_; }
  /// Time of the earliest event; the queue must not be empty.
  sim_time next_time() const { return peek().at; }

  sim_event pop() {
    const sim_event* best = heap_.empty() ? nullptr : &heap_.front();
    size_t best_lane = lanes;
    for (size_t i = 0; i < lanes; ++i)
      if (!lanes_[i].empty() && (!best || before(lanes_[i].front(), *best))) {
        best = &lanes_[i].front();
        best_lane = i;
      }
    const sim_event out = *best;
    --size_;
    if (best_lane < lanes) {
      lanes_[best_lane].pop_front();
    } else {
      heap_.front() = heap_.back();
      heap_.pop_back();
      if (!heap_.empty()) sift_down(0);
    }
    return out;
  }

private:
  const sim_event& peek() const {
    const sim_event* best = heap_.empty() ? nullptr : &heap_.front();
    for (const auto& l : lanes_)
      if (!l.empty() && (!best || before(l.front(), *best))) best = &l.front();
    return *best;
  }
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
  std::array<std::deque<sim_event>, lanes> lanes_;
  uint64_t next_seq_ = 0;
  size_t size_ = 0;
};

}  // namespace automator::sim
