// The scheduler actor on the deterministic coordinator: fires on time in virtual time, one
// wake-up at a time, and does not fire again after a restart from its store.
#include <doctest/doctest.h>

#include <vector>

#include "actors/scheduler.hpp"
#include "deterministic_fixture.hpp"

using namespace automator;
using namespace automator::testing;
using namespace std::chrono_literals;

namespace {

struct fired {
  fire_request request;
  int64_t at_ms;
};

/// Stands in for the HTTP callers: records each fire request with its arrival time.
http_caller_actor spawn_recorder(caf::actor_system& sys, const clock_source& clock,
                                 std::shared_ptr<std::vector<fired>> log) {
  return sys.spawn([clock, log](http_caller_actor::pointer) -> http_caller_actor::behavior_type {
    return {
      [clock, log](const fire_batch& b) {
        for (const auto& f : b.fires)
          log->push_back({f, clock.now_ms()});
      },
      [clock, log](const fire_request& f) { log->push_back({f, clock.now_ms()}); },
    };
  });
}

eth::address me() {
  eth::address a;
  a.data[19] = 1;
  return a;
}

struct scheduler_fixture : deterministic_fixture {
  temp_dir dir;
  std::shared_ptr<std::vector<fired>> log = std::make_shared<std::vector<fired>>();
  std::shared_ptr<node_metrics> metrics = std::make_shared<node_metrics>();

  scheduler_actor spawn() {
    scheduler_config c{me(), clock, dir.open("scheduler"),
                       {track(spawn_recorder(sys, clock, log))}, {}, metrics, 100ms};
    auto s = track(spawn_scheduler(sys, std::move(c)));
    run();
    return s;
  }

  int64_t start_s() const { return start_unix_ms / 1000; }
};

} // namespace

TEST_CASE_FIXTURE(scheduler_fixture, "the scheduler fires each slot at its due time") {
  auto s = spawn();
  caf::anon_send(s, operator_set_scheduled{0, {me().data}});
  caf::anon_send(s, protocol_params{3600, 60, 1, 0, 60});
  caf::anon_send(s, task_record{1, uint64_t(start_s() + 2), 1, 5, 2, 1, 10});
  caf::anon_send(s, task_record{2, uint64_t(start_s() + 3), 2, 3, 2, 1, 10});
  run();
  advance(10s);
  REQUIRE(log->size() == 8);
  for (const auto& f : *log) {
    CHECK(f.at_ms == f.request.due_ms); // virtual time: exactly on time
  }
  CHECK(metrics->slots_fired == 8);
  CHECK(metrics->tasks_active == 0);
}

TEST_CASE_FIXTURE(scheduler_fixture, "a cancelled task stops firing after the slots the contract still serves") {
  auto s = spawn();
  caf::anon_send(s, operator_set_scheduled{0, {me().data}});
  caf::anon_send(s, task_record{1, uint64_t(start_s() + 1), 1, 100, 2, 1, 10});
  advance(3500ms);
  auto before = log->size();
  CHECK(before == 3);
  caf::anon_send(s, task_cancelled{1, 11});
  advance(5s);
  // Cancelled at start + 3.5 s with tolerance 2 s: the contract still serves (and could report)
  // the slots due up to the cancel + 3 s, here the 3 due at start + 4, 5 and 6 s.
  CHECK(log->size() == before + 3);
  advance(5s);
  CHECK(log->size() == before + 3);
}

TEST_CASE_FIXTURE(scheduler_fixture, "after a restart the scheduler resumes without firing twice") {
  {
    auto s = spawn();
    caf::anon_send(s, operator_set_scheduled{0, {me().data}});
    caf::anon_send(s, task_record{1, uint64_t(start_s() + 1), 1, 10, 5, 1, 10});
    advance(3500ms); // slots 0..2 fired
    CHECK(log->size() == 3);
    caf::anon_send_exit(s, caf::exit_reason::user_shutdown);
    run();
  }
  advance(500ms); // down for a moment; slot 3 (at +4 s) is still ahead
  auto s = spawn();
  advance(3s);
  std::vector<uint32_t> slots;
  for (const auto& f : *log)
    slots.push_back(f.request.ref.slot);
  CHECK(slots == std::vector<uint32_t>{0, 1, 2, 3, 4, 5, 6});
}

TEST_CASE_FIXTURE(scheduler_fixture, "a slot whose window passed while stopped is not fired late") {
  {
    auto s = spawn();
    caf::anon_send(s, operator_set_scheduled{0, {me().data}});
    caf::anon_send(s, task_record{1, uint64_t(start_s() + 1), 10, 3, 2, 1, 10});
    advance(1500ms);
    CHECK(log->size() == 1);
    caf::anon_send_exit(s, caf::exit_reason::user_shutdown);
    run();
  }
  advance(12s); // slot 1 (at +11 s, tolerance 2 s) passes while the node is down
  auto s = spawn();
  advance(10s);
  REQUIRE(log->size() == 2);
  CHECK(log->back().request.ref.slot == 2);
}
