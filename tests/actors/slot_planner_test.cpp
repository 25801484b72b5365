// The scheduler's slot math: which slots this operator fires and when, lazily expanded.
#include <doctest/doctest.h>

#include "actors/slot_planner.hpp"
#include "eth/slot_assignment.hpp"

using namespace automator;

namespace {

eth::address addr(uint8_t last) {
  eth::address a;
  a.data[19] = last;
  return a;
}

operator_set_scheduled set_of(uint64_t from, std::vector<eth::address> ops) {
  std::sort(ops.begin(), ops.end());
  operator_set_scheduled change{from, {}};
  for (auto& a : ops)
    change.operators.push_back(a.data);
  return change;
}

task_record task(uint64_t id, uint64_t start, uint32_t interval, uint32_t count,
                 uint32_t tolerance = 5) {
  return task_record{id, start, interval, count, tolerance, 1, 0};
}

/// The planner of `me` in the set {me, other} with redundancy R and a 3 s failover delay.
slot_planner planner_of_two(eth::address me, eth::address other, uint8_t redundancy) {
  slot_planner p(me);
  p.set_params(redundancy, 3);
  p.add_operator_set(set_of(0, {me, other}));
  return p;
}

std::vector<fire_request> take(slot_planner& p, int64_t now_ms) {
  slot_planner::due_work work;
  p.take_due(now_ms, work);
  return work.fires;
}

} // namespace

TEST_CASE("a sole operator fires every slot at T(k), from the schedule") {
  slot_planner p(addr(1));
  p.add_operator_set(set_of(0, {addr(1)}));
  REQUIRE(p.add_task(task(7, 1000, 10, 4), 0));
  for (uint32_t k = 0; k < 4; ++k) {
    int64_t due = int64_t(1000 + 10 * k) * 1000;
    REQUIRE(p.next_due_ms() == due);
    CHECK(take(p, due - 1).empty());
    auto fires = take(p, due);
    REQUIRE(fires.size() == 1);
    CHECK(fires[0].ref == slot_ref{7, k});
    CHECK(fires[0].rank == 0);
    CHECK(fires[0].due_ms == due);
    CHECK(fires[0].window_end_ms() == due + 5000);
  }
  CHECK_FALSE(p.next_due_ms());
  CHECK(p.task_count() == 0);
}

TEST_CASE("a fire request carries its task's quorum") {
  slot_planner p(addr(1));
  p.add_operator_set(set_of(0, {addr(1)}));
  auto quorum_task = task(3, 1000, 10, 2);
  quorum_task.quorum = 2;
  REQUIRE(p.add_task(quorum_task, 0));
  REQUIRE(p.add_task(task(4, 1000, 10, 2), 0));
  auto fires = take(p, 1'000'000);
  REQUIRE(fires.size() == 2);
  for (const auto& f : fires)
    CHECK(f.quorum == (f.ref.task_id == 3 ? 2 : 1));
}

TEST_CASE("a late wake-up fires every overdue slot once, in order") {
  slot_planner p(addr(1));
  p.add_operator_set(set_of(0, {addr(1)}));
  p.add_task(task(1, 100, 1, 10), 0);
  auto fires = take(p, 104'500);
  REQUIRE(fires.size() == 5);
  for (uint32_t k = 0; k < 5; ++k)
    CHECK(fires[k].ref.slot == k);
  CHECK(p.next_due_ms() == 105'000);
}

TEST_CASE("slots whose window closed before the task arrived are skipped") {
  slot_planner p(addr(1));
  p.add_operator_set(set_of(0, {addr(1)}));
  // T(k) = 100 + 10k, tolerance 5: at 124 s slots 0..1 are closed, slot 2 (120 s) is open.
  REQUIRE(p.add_task(task(1, 100, 10, 5), 124'000));
  auto fires = take(p, 124'000);
  REQUIRE(fires.size() == 1);
  CHECK(fires[0].ref.slot == 2);
  CHECK_FALSE(p.add_task(task(2, 100, 10, 5), 1'000'000)); // all closed
  CHECK_FALSE(p.add_task(task(1, 100, 10, 5), 0));         // already known
}

TEST_CASE("primary and backup duties follow the assignment rule") {
  auto me = addr(1), other = addr(2);
  slot_planner p(me);
  p.set_params(2, 3);
  auto change = set_of(0, {me, other});
  p.add_operator_set(change);
  std::vector<eth::address> ops = {me, other};
  std::sort(ops.begin(), ops.end());
  const uint32_t count = 40;
  p.add_task(task(9, 1000, 10, count), 0);
  int primaries = 0, backups = 0;
  for (uint32_t k = 0; k < count; ++k) {
    int rank = eth::slot_rank(9, k, ops, 2, me);
    REQUIRE(rank >= 0);
    int64_t t = int64_t(1000 + 10 * k) * 1000;
    auto at_t = take(p, t);
    auto at_backup = take(p, t + 3000);
    if (rank == 0) {
      ++primaries;
      REQUIRE(at_t.size() == 1);
      CHECK(at_backup.empty());
    } else {
      ++backups;
      CHECK(at_t.empty());
      REQUIRE(at_backup.size() == 1);
      CHECK(at_backup[0].rank == 1);
      CHECK(at_backup[0].due_ms == t + 3000);
      CHECK(at_backup[0].window_end_ms() == t + 3000 + 5000);
    }
  }
  CHECK(primaries > 0);
  CHECK(backups > 0);
}

TEST_CASE("a backup stands down once a proof for its slot is seen") {
  auto me = addr(1), other = addr(2);
  slot_planner p = planner_of_two(me, other, 2);
  std::vector<eth::address> ops = {me, other};
  uint32_t k = 0;
  while (eth::slot_rank(3, k, ops, 2, me) != 1)
    ++k;
  p.add_task(task(3, 1000, 10, k + 1), 0);
  int64_t t = int64_t(1000 + 10 * k) * 1000;
  slot_planner::due_work work;
  p.take_due(t, work);
  REQUIRE(work.watches.size() == 1);
  CHECK(work.watches[0].ref == slot_ref{3, k});
  CHECK(p.backups_pending() == 1);
  p.slot_proven({3, k});
  CHECK(take(p, t + 3000).empty());
  CHECK(p.backups_pending() == 0);
}

TEST_CASE("with R = 1 the operator after the primary watches the slot without firing it") {
  auto me = addr(1), other = addr(2);
  slot_planner p = planner_of_two(me, other, 1);
  std::vector<eth::address> ops = {me, other};
  const uint32_t count = 40;
  p.add_task(task(5, 1000, 10, count), 0);
  slot_planner::due_work work;
  p.take_due(int64_t(1000 + 10 * count) * 1000, work);
  std::vector<uint32_t> fired, watched;
  for (const auto& f : work.fires)
    fired.push_back(f.ref.slot);
  for (const auto& w : work.watches)
    watched.push_back(w.ref.slot);
  CHECK(fired.size() + watched.size() == count);
  for (uint32_t k = 0; k < count; ++k) {
    bool primary = eth::slot_rank(5, k, ops, 1, me) == 0;
    CAPTURE(k);
    CHECK(std::count(fired.begin(), fired.end(), k) == (primary ? 1 : 0));
    CHECK(std::count(watched.begin(), watched.end(), k) == (primary ? 0 : 1));
  }
  CHECK(p.backups_pending() == 0);
}

TEST_CASE("the operator set in effect at T(k) decides, also after a change") {
  auto me = addr(1), other = addr(2);
  slot_planner p(me);
  p.add_operator_set(set_of(0, {me}));
  p.add_task(task(5, 1000, 10, 10), 0);
  // From 1050 s on only `other` is active: slots 5..9 are not ours.
  p.add_operator_set(set_of(1050, {other}));
  auto fires = take(p, 2'000'000);
  REQUIRE(fires.size() == 5);
  CHECK(fires.back().ref.slot == 4);
  CHECK(p.task_count() == 0);
}

TEST_CASE("an operator outside the set scans ahead without firing") {
  slot_planner p(addr(1));
  p.add_operator_set(set_of(0, {addr(2), addr(3)}));
  REQUIRE(p.add_task(task(1, 0, 1, 1000), 0));
  CHECK(p.queue_depth() == 1); // one parked scan entry, not 1000 slots
  CHECK(take(p, 2'000'000).empty());
  CHECK(p.task_count() == 0);
}

TEST_CASE("a cancelled task fires no more, including armed backups") {
  auto me = addr(1), other = addr(2);
  slot_planner p(me);
  p.set_params(2, 3);
  p.add_operator_set(set_of(0, {me, other}));
  p.add_task(task(4, 1000, 10, 100), 0);
  take(p, 1'103'500); // slot 10's window is still open, but its duties are all taken
  p.cancel_task(4, 1'103'500);
  CHECK(take(p, 3'000'000).empty());
  CHECK(p.backups_pending() == 0);
}

TEST_CASE("a cancelled task keeps the duties of the slots the contract still serves") {
  // Cancelled at t = 1,000 s with tolerance 5 s: the contract serves the slots due up to the
  // cancel block's time + 6 s. Slot k is due at 1000 + 2k s, so slots 0..3 keep their duties.
  auto me = addr(1);
  slot_planner p(me);
  p.add_operator_set(set_of(0, {me}));
  p.add_task(task(9, 1000, 2, 100), 0);
  p.cancel_task(9, 1'000'000);
  std::vector<uint32_t> fired;
  for (const auto& f : take(p, 2'000'000))
    fired.push_back(f.ref.slot);
  CHECK(fired == std::vector<uint32_t>{0, 1, 2, 3});
  CHECK(p.task_count() == 0);

  // A backup duty for a slot still served stays armed; one past the cut-off is dropped.
  auto other = addr(2);
  slot_planner q = planner_of_two(me, other, 2);
  q.add_task(task(5, 1000, 10, 100), 0);
  take(q, 1'000'000);
  size_t armed = q.backups_pending(); // slot 0's backup duty, if this operator has it
  q.cancel_task(5, 1'000'000);
  CHECK(q.backups_pending() == armed);
  auto later = take(q, 3'000'000);
  CHECK(later.size() == armed);
  for (const auto& f : later)
    CHECK(f.ref.slot == 0);
}

TEST_CASE("after a restart, deadlines handled before the stop do not fire again") {
  slot_planner p(addr(1));
  p.add_operator_set(set_of(0, {addr(1)}));
  p.skip_through(1'020'000);
  p.add_task(task(1, 1000, 10, 5, 30), 1'025'000); // slots 0..2 handled before the stop
  auto fires = take(p, 1'030'000);
  REQUIRE(fires.size() == 1);
  CHECK(fires[0].ref.slot == 3);
}
