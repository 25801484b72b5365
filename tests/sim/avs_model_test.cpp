// The contract model's rules, one by one: task creation checks, the epoch rule for operator set
// changes, the assignment, each hit RejectReason, reportMissed with slashing and bounty, and
// ejection after maxMisses taking effect only at a later epoch.
#include <doctest/doctest.h>

#include "avs_model.hpp"
#include "eth/slot_assignment.hpp"
#include "proxy_signer.hpp"

using namespace automator::sim;

namespace {

constexpr uint64_t t0 = 1800000000;  // a multiple of the epoch length
constexpr account owner = 100, reporter = 101;
const wei fee = 1000 * gwei;

protocol_params test_params() {
  protocol_params p;
  p.epoch_length_s = 3600;
  p.activation_delay_s = 600;
  p.redundancy = 3;
  p.failover_delay_s = 10;
  p.submit_window_s = 60;
  p.min_tolerance_s = 1;
  p.max_tolerance_s = 300;
  p.max_misses = 2;
  p.slash_wad = 10000000000000000ull;  // 1%
  return p;
}

struct fixture {
  proxy_signer signer{77};
  avs_model model{test_params(), [this](const signed_hit& h, account op) { return signer.verify(h, op); }, true};
  uint64_t task_id = 0;

  fixture() {
    for (account op = 0; op < 5; ++op) model.register_operator(op, 32 * ether, t0 - 4200);
    task_id = model.create_task(owner, t0 + 100, 10, 50, 2, fee, fee * 50, t0);
  }
  signed_hit hit_by(account op, uint32_t slot, int64_t offset_ms) {
    signed_hit h;
    h.task_id = task_id;
    h.slot = slot;
    h.hit_time_ms = static_cast<uint64_t>(static_cast<int64_t>(model.task(task_id).slot_time(slot)) * 1000 + offset_ms);
    h.response_tag = 5;
    h.signature = signer.sign(h, op);
    return h;
  }
  reject_reason submit_rejected(account op, const signed_hit& h) {
    std::vector<std::pair<size_t, reject_reason>> rejected;
    CHECK(model.submit_hits(op, {h}, t0 + 200, &rejected) == 0);
    REQUIRE(rejected.size() == 1);
    return rejected[0].second;
  }
};

std::string revert_of(const std::function<void()>& call) {
  try {
    call();
  } catch (const model_revert& e) {
    return e.error();
  }
  return "(no revert)";
}

}  // namespace

TEST_CASE("createTask checks its arguments like the contract") {
  fixture f;
  avs_model& m = f.model;
  CHECK(revert_of([&] { m.create_task(owner, t0 + 10, 0, 5, 2, fee, fee * 5, t0); }) == "ZeroInterval");
  CHECK(revert_of([&] { m.create_task(owner, t0 + 10, 1, 0, 2, fee, 0, t0); }) == "ZeroCount");
  CHECK(revert_of([&] { m.create_task(owner, t0 - 3, 1, 5, 2, fee, fee * 5, t0); }) == "StartInPast");
  CHECK(m.create_task(owner, t0 - 2, 1, 5, 2, fee, fee * 5, t0) == 2);  // within tolerance of now
  CHECK(revert_of([&] { m.create_task(owner, t0 + 10, 1, 5, 0, fee, fee * 5, t0); }) == "ToleranceOutOfBounds");
  CHECK(revert_of([&] { m.create_task(owner, t0 + 10, 1, 5, 2, fee, fee * 4, t0); }) == "DepositMismatch");
  CHECK(m.task_count() == 2);
  CHECK(m.task(1).deposit == fee * 50);
  CHECK(revert_of([&] { m.task(0); }) == "UnknownTask");
}

TEST_CASE("an operator set change takes effect at the first epoch boundary after the activation delay") {
  fixture f;
  // Registered at t0 - 4200: t0 - 3600 is the first boundary at or after t0 - 4200 + 600.
  CHECK(f.model.operators_at(t0 - 3601).empty());
  CHECK(f.model.operators_at(t0 - 3600).size() == 5);
  f.model.deregister_operator(4, t0 + 3000);  // + 600 = t0 + 3600: exactly a boundary
  CHECK(f.model.operators_at(t0 + 3599).size() == 5);
  CHECK(f.model.operators_at(t0 + 3600).size() == 4);
  f.model.deregister_operator(3, t0 + 3001);  // just past: the boundary after
  CHECK(f.model.operators_at(t0 + 7199).size() == 4);
  CHECK(f.model.operators_at(t0 + 7200).size() == 3);
}

TEST_CASE("assignment follows node_core/eth's slot rule on the set in effect at T(k)") {
  fixture f;
  for (uint32_t slot = 0; slot < 50; ++slot) {
    const eligibility e = f.model.eligible(f.task_id, slot);
    REQUIRE(e.size == 3);
    const size_t primary = automator::eth::primary_index(f.task_id, slot, 5);
    for (uint32_t r = 0; r < 3; ++r) CHECK(e.operators[r] == (primary + r) % 5);
  }
}

TEST_CASE("hits: accepted in the window of the submitter's rank, each reject reason otherwise") {
  fixture f;
  const eligibility e = f.model.eligible(f.task_id, 3);
  const account primary = e.operators[0], backup = e.operators[1];
  account outsider = 0;
  while (outsider == e.operators[0] || outsider == e.operators[1] || outsider == e.operators[2]) ++outsider;

  CHECK(f.submit_rejected(primary, f.hit_by(primary, 3, 3000)) == reject_reason::outside_time_window);
  CHECK(f.submit_rejected(backup, f.hit_by(backup, 3, 0)) == reject_reason::outside_time_window);
  CHECK(f.submit_rejected(outsider, f.hit_by(outsider, 3, 0)) == reject_reason::not_eligible);
  signed_hit altered = f.hit_by(primary, 3, 0);
  altered.status = 500;
  CHECK(f.submit_rejected(primary, altered) == reject_reason::bad_signature);
  CHECK(f.submit_rejected(backup, f.hit_by(primary, 3, 0)) == reject_reason::outside_time_window);
  signed_hit stolen = f.hit_by(primary, 3, 10000);  // in the backup's window but signed for the primary
  CHECK(f.submit_rejected(backup, stolen) == reject_reason::bad_signature);
  signed_hit unknown = f.hit_by(primary, 3, 0);
  unknown.task_id = 9;
  CHECK(f.submit_rejected(primary, unknown) == reject_reason::unknown_task);
  CHECK(f.submit_rejected(primary, f.hit_by(primary, 50, 0)) == reject_reason::slot_out_of_range);

  // The window is in milliseconds: 2.001 s late is outside a 2 s tolerance, 2.000 s inside.
  CHECK(f.submit_rejected(primary, f.hit_by(primary, 3, 2001)) == reject_reason::outside_time_window);
  CHECK(f.submit_rejected(primary, f.hit_by(primary, 3, -2001)) == reject_reason::outside_time_window);
  // A hit from the future (past the block's second + 1) is refused.
  std::vector<std::pair<size_t, reject_reason>> future;
  CHECK(f.model.submit_hits(primary, {f.hit_by(primary, 3, 0)}, f.model.task(f.task_id).slot_time(3) - 2, &future) == 0);
  CHECK(future.at(0).second == reject_reason::outside_time_window);
  CHECK(f.model.submit_hits(primary, {f.hit_by(primary, 3, 2000)}, t0 + 200) == 1);
  CHECK(f.model.state(f.task_id, 3) == slot_state::proven);
  CHECK(f.submit_rejected(primary, f.hit_by(primary, 3, 0)) == reject_reason::already_resolved);
  CHECK(f.model.owed(primary) == fee);
  CHECK(f.model.operator_info(primary).hits_proven == 1);
  CHECK(f.model.task(f.task_id).deposit == fee * 49);

  const eligibility e4 = f.model.eligible(f.task_id, 4);
  CHECK(f.model.submit_hits(e4.operators[2], {f.hit_by(e4.operators[2], 4, 20000)}, t0 + 200) == 1);

  // Cancelled at slot 5's time: slots up to now + tolerance + 1 stay served, the rest refunded.
  f.model.cancel_task(f.task_id, owner, f.model.task(f.task_id).slot_time(5));
  CHECK(f.model.task(f.task_id).served() == 6);
  CHECK(f.model.events().back().what == model_event::kind::task_cancelled);
  CHECK(f.model.events().back().value == fee * 44);
  CHECK(f.model.task(f.task_id).deposit == fee * (50 - 44 - 2));
  const account p9 = f.model.eligible(f.task_id, 9).operators[0];
  CHECK(f.submit_rejected(p9, f.hit_by(p9, 9, 0)) == reject_reason::task_cancelled);
  const account p5 = f.model.eligible(f.task_id, 5).operators[0];
  CHECK(f.model.submit_hits(p5, {f.hit_by(p5, 5, 0)}, t0 + 200) == 1);
  CHECK(revert_of([&] { f.model.report_missed(f.task_id, 9, reporter, t0 + 9000); }) == "SlotCancelled");
}

TEST_CASE("reportMissed: deadline, slashing, bounty, ejection at a later epoch") {
  fixture f;
  const uint64_t deadline = f.model.miss_deadline(f.task_id, 0);
  CHECK(deadline == f.model.task(f.task_id).slot_time(0) + 2 * 10 + 2 + 60);
  CHECK(revert_of([&] { f.model.report_missed(f.task_id, 0, reporter, deadline); }) == "DeadlineNotReached");
  const account primary = f.model.eligible(f.task_id, 0).operators[0];
  f.model.report_missed(f.task_id, 0, reporter, deadline + 1);
  CHECK(f.model.state(f.task_id, 0) == slot_state::missed);
  CHECK(f.model.owed(reporter) == fee);
  CHECK(f.model.operator_info(primary).misses == 1);
  CHECK(f.model.operator_info(primary).stake == 32 * ether - 32 * ether / 100);
  CHECK(revert_of([&] { f.model.report_missed(f.task_id, 0, reporter, deadline + 1); }) == "SlotAlreadyResolved");
  CHECK(revert_of([&] { f.model.report_missed(f.task_id, 50, reporter, deadline + 1); }) == "SlotOutOfRange");

  // The second miss of the same primary ejects it, from the next epoch on only.
  uint32_t slot = 1;
  while (f.model.eligible(f.task_id, slot).operators[0] != primary) ++slot;
  const uint64_t now = f.model.miss_deadline(f.task_id, slot) + 1;
  f.model.report_missed(f.task_id, slot, reporter, now);
  CHECK(f.model.operator_info(primary).ejected);
  CHECK(f.model.operators_at(now).size() == 5);
  CHECK(f.model.operators_at(t0 + 3600).size() == 4);

  size_t slashed = 0, ejected = 0;
  for (const model_event& e : f.model.events()) {
    slashed += e.what == model_event::kind::operator_slashed;
    ejected += e.what == model_event::kind::operator_ejected;
  }
  CHECK(slashed == 2);
  CHECK(ejected == 1);
}
