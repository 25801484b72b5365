// A small doctest fixture around CAF 0.17's deterministic test coordinator: one actor system
// with scheduler.policy = testing, virtual time anchored at a chosen unix time, and helpers to
// run every pending message and to advance time in small steps (a single big step would fire a
// self-rescheduling timer only once). Nothing here blocks.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <unistd.h>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scheduler/test_coordinator.hpp>
#include <caf/send.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/clock_source.hpp"
#include "messages/type_ids.hpp"
#include "store/record_store.hpp"

namespace automator::testing {

struct test_config : caf::actor_system_config {
  test_config() {
    set("scheduler.policy", caf::atom("testing"));
    register_message_types(*this);
  }
};

/// A fresh directory under the system temp dir, removed when the object goes away.
struct temp_dir {
  std::filesystem::path path;
  temp_dir() {
    static int counter = 0;
    path = std::filesystem::temp_directory_path() /
           ("automator-actors-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~temp_dir() { std::filesystem::remove_all(path); }
  std::shared_ptr<store::record_store> open(const std::string& name) const {
    return store::record_store::open(path / name);
  }
};

struct deterministic_fixture {
  static constexpr int64_t start_unix_ms = 1'800'000'000'000;

  test_config cfg;
  caf::actor_system sys{cfg};
  caf::scheduler::test_coordinator& sched =
    dynamic_cast<caf::scheduler::test_coordinator&>(sys.scheduler());
  clock_source clock = clock_source::at(sys, start_unix_ms);

  /// Actors the fixture stops before the actor system goes away (whose destructor otherwise
  /// waits forever for actors kept alive by pending timers).
  std::vector<caf::actor> tracked;

  template <class Handle>
  Handle track(Handle h) {
    tracked.push_back(caf::actor_cast<caf::actor>(h));
    return h;
  }

  ~deterministic_fixture() {
    for (auto& a : tracked)
      caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
    tracked.clear();
    run();
    while (sched.trigger_timeouts() > 0)
      run();
  }

  /// Runs every pending message.
  void run() { sched.run(); }

  /// Advances virtual time by `total` in `step`s, delivering timers and running messages.
  void advance(std::chrono::milliseconds total,
               std::chrono::milliseconds step = std::chrono::milliseconds(10)) {
    run();
    for (auto done = std::chrono::milliseconds(0); done < total; done += step) {
      sched.advance_time(step);
      run();
    }
  }

  /// Advances virtual time to unix ms `t` (no-op if already past).
  void advance_to(int64_t t, std::chrono::milliseconds step = std::chrono::milliseconds(10)) {
    auto now = clock.now_ms();
    if (t > now)
      advance(std::chrono::milliseconds(t - now), step);
  }
};

} // namespace automator::testing
