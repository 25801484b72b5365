// Closed-loop load for the rows of http_throughput (see closed_loop.hpp).
#include "closed_loop.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

using namespace std::chrono;

struct closed_loop::state {
  std::mutex mutex;
  std::vector<double> latencies_ms;
  std::atomic<bool> measuring{false};
  std::atomic<bool> stopping{false};
  std::atomic<std::uint64_t> completed{0};
  std::atomic<std::uint64_t> errors{0};
  std::atomic<int> active{0};
  std::promise<void> drained;
};

closed_loop::closed_loop(int in_flight) : state_(std::make_shared<state>()) {
  state_->latencies_ms.reserve(4'000'000);
  state_->active = in_flight;
}

bool closed_loop::completed(bool ok, double latency_ms) const {
  auto& s = *state_;
  if (s.measuring) {
    if (ok) {
      ++s.completed;
      std::lock_guard lock(s.mutex);
      s.latencies_ms.push_back(latency_ms);
    } else {
      ++s.errors;
    }
  }
  if (s.stopping) {
    if (--s.active == 0) s.drained.set_value();
    return false;
  }
  return true;
}

measurement closed_loop::measure(int seconds) const {
  auto& s = *state_;
  std::this_thread::sleep_for(1s);
  s.measuring = true;
  const auto start = steady_clock::now();
  std::this_thread::sleep_for(std::chrono::seconds(seconds));
  s.measuring = false;
  const double elapsed = duration<double>(steady_clock::now() - start).count();
  s.stopping = true;
  // Bounded: the HTTP caller gives up on a slot without telling the prover, so a lane whose
  // slot failed never comes back (its failures show in the row's errors).
  s.drained.get_future().wait_for(10s);

  measurement m;
  m.requests_per_second = static_cast<double>(s.completed) / elapsed;
  m.errors = s.errors;
  std::lock_guard lock(s.mutex);
  auto& l = s.latencies_ms;
  if (!l.empty()) {
    std::sort(l.begin(), l.end());
    m.p50_ms = l[l.size() / 2];
    m.p99_ms = l[std::min(l.size() - 1, l.size() * 99 / 100)];
  }
  return m;
}
