// Schedule precision of the scheduler actor on the real clock: N active tasks at 1 s intervals
// fire into a sink actor standing in for the HTTP callers; the table shows |arrival at the
// caller - due| (p50, p99, max) per N. All slots of a 1 s task fall on whole seconds, so each
// second is one burst of N fires: the last fire of a burst is what p99/max measure. Then the
// memory per active task: the RSS growth of the process when 1,000,000 tasks are added
// (scheduler state and its store).
//   build/bench/schedule_precision [seconds-per-run]
// The store runs without fsync here: this measures timing and memory, not disk latency.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/send.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include "actors/scheduler.hpp"

using namespace automator;
using namespace std::chrono_literals;

namespace {

struct drift_log {
  std::mutex mutex;
  std::vector<int64_t> drift_ms;
};

http_caller_actor spawn_sink(caf::actor_system& sys, clock_source clock,
                             std::shared_ptr<drift_log> log) {
  return sys.spawn([clock, log](http_caller_actor::pointer) -> http_caller_actor::behavior_type {
    return {
      [clock, log](const fire_batch& b) {
        int64_t now = clock.now_ms();
        std::lock_guard<std::mutex> guard(log->mutex);
        for (const auto& f : b.fires)
          log->drift_ms.push_back(std::llabs(now - f.due_ms));
      },
      [](const fire_request&) {},
    };
  });
}

eth::address me() {
  eth::address a;
  a.data[19] = 1;
  return a;
}

std::filesystem::path fresh_dir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() /
             ("automator-bench-" + std::to_string(::getpid()) + "-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

long rss_kib() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

struct scheduler_under_test {
  std::filesystem::path dir;
  std::shared_ptr<node_metrics> metrics = std::make_shared<node_metrics>();
  scheduler_actor actor;

  scheduler_under_test(caf::actor_system& sys, const clock_source& clock, const std::string& name,
                       std::vector<http_caller_actor> sinks) {
    dir = fresh_dir(name);
    store::store_options opts;
    opts.sync = false;
    opts.compact_log_bytes = 0;
    std::shared_ptr<store::record_store> st = store::record_store::open(dir, opts);
    actor = spawn_scheduler(sys, scheduler_config{me(), clock, st, std::move(sinks), {}, metrics,
                                                  100ms, true});
    caf::anon_send(actor, operator_set_scheduled{0, {me().data}});
    caf::anon_send(actor, protocol_params{3600, 60, 1, 0, 60});
  }

  void add_tasks(size_t n, uint64_t start_s, uint32_t count) {
    // In chunks, so the mailbox never holds many messages (it would inflate the RSS measured).
    const size_t chunk = 10'000;
    for (size_t i = 0; i < n; ++i) {
      caf::anon_send(actor, task_record{i + 1, start_s, 1, count, 30, 1, 1});
      if ((i + 1) % chunk == 0 || i + 1 == n)
        while (size_t(metrics->tasks_active.load()) + chunk / 2 < i + 1 ||
               (i + 1 == n && size_t(metrics->tasks_active.load()) < n))
          std::this_thread::sleep_for(1ms);
    }
  }

  ~scheduler_under_test() {
    caf::anon_send_exit(actor, caf::exit_reason::user_shutdown);
    actor = nullptr;
  }
};

int64_t percentile(std::vector<int64_t>& v, double p) {
  if (v.empty())
    return -1;
  size_t i = std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5));
  std::nth_element(v.begin(), v.begin() + long(i), v.end());
  return v[i];
}

void precision_row(caf::actor_system& sys, const clock_source& clock, size_t n, int seconds) {
  auto log = std::make_shared<drift_log>();
  log->drift_ms.reserve(n * size_t(seconds + 1));
  auto sink = spawn_sink(sys, clock, log);
  {
    scheduler_under_test s(sys, clock, "precision-" + std::to_string(n), {sink});
    // The first slot far enough ahead that adding the tasks never makes one late.
    uint64_t start_s = uint64_t(clock.now_ms() / 1000 + 2 + int64_t(n / 20'000));
    s.add_tasks(n, start_s, uint32_t(seconds));
    int64_t end_ms = int64_t(start_s + uint64_t(seconds)) * 1000 + 500;
    while (clock.now_ms() < end_ms)
      std::this_thread::sleep_for(50ms);
  }
  caf::anon_send_exit(sink, caf::exit_reason::user_shutdown);
  std::lock_guard<std::mutex> guard(log->mutex);
  auto& d = log->drift_ms;
  size_t fired = d.size();
  auto p50 = percentile(d, 0.50), p99 = percentile(d, 0.99);
  auto max = d.empty() ? -1 : *std::max_element(d.begin(), d.end());
  std::printf("| %9zu | %6zu/%-8zu | %7lld | %7lld | %7lld |\n", n, fired, n * size_t(seconds),
              (long long)p50, (long long)p99, (long long)max);
}

void memory_row(caf::actor_system& sys, const clock_source& clock, size_t n) {
  long before = rss_kib();
  scheduler_under_test s(sys, clock, "memory", {});
  // Far in the future: the tasks are active (a cursor each) but nothing fires while measuring.
  uint64_t start_s = uint64_t(clock.now_ms() / 1000 + 86400);
  s.add_tasks(n, start_s, 1'000'000);
  long after = rss_kib();
  std::printf("| %9zu | %12.1f MiB | %12.0f B |\n", n, double(after - before) / 1024.0,
              double(after - before) * 1024.0 / double(n));
}

} // namespace

int main(int argc, char** argv) {
  int seconds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
  spdlog::set_level(spdlog::level::warn);
  caf::actor_system_config cfg;
  register_message_types(cfg);
  caf::actor_system sys{cfg};
  auto clock = clock_source::wall(sys);

  std::printf("schedule precision: tasks at 1 s intervals, %d s each, %u hardware threads\n\n",
              seconds, std::thread::hardware_concurrency());
  std::printf("| tasks     | fired/due       | p50 ms  | p99 ms  | max ms  |\n");
  std::printf("|-----------|-----------------|---------|---------|---------|\n");
  for (size_t n : {1'000, 10'000, 100'000})
    precision_row(sys, clock, n, seconds);

  std::printf("\nmemory per active task (RSS growth, scheduler state + its store)\n\n");
  std::printf("| tasks     | RSS growth       | per task       |\n");
  std::printf("|-----------|------------------|----------------|\n");
  memory_row(sys, clock, 1'000'000);
  return 0;
}
