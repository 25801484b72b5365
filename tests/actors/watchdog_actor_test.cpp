// The watchdog on the deterministic coordinator against a scripted chain: it reads a watched
// slot's missDeadline, checks slotState only after it (plus the margin), asks the submitter for
// reportMissed once for a slot still pending, and stands down for a slot proven meanwhile; an
// RPC failure is retried, and a slot whose deadline could not be read is never checked early.
#include <doctest/doctest.h>

#include <vector>

#include "actors/watchdog.hpp"
#include "deterministic_fixture.hpp"
#include "eth/automator_abi.hpp"
#include "scripted_chain.hpp"

using namespace automator;
using namespace automator::testing;
using namespace std::chrono_literals;

namespace {

const auto contract = eth::address::from_hex("0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0");

eth::bytes word(uint64_t v) {
  auto w = eth::to_be32(eth::u256(v));
  return eth::bytes(w.begin(), w.end());
}

struct watchdog_fixture : deterministic_fixture {
  std::shared_ptr<scripted_chain> chain = std::make_shared<scripted_chain>();
  std::shared_ptr<node_metrics> metrics = std::make_shared<node_metrics>();
  std::shared_ptr<std::vector<slot_ref>> reports = std::make_shared<std::vector<slot_ref>>();
  /// The slots' answers: missDeadline (unix s) and slotState.
  std::map<slot_ref, uint64_t> deadline_s;
  std::map<slot_ref, eth::slot_state> state;

  const int64_t now_s = start_unix_ms / 1000;

  watchdog_fixture() {
    chain->on_call = [this](const eth::bytes& data) -> std::optional<scripted_chain::answer<eth::bytes>> {
      for (const auto& [ref, d] : deadline_s)
        if (data == eth::avs::encode_miss_deadline(ref.task_id, ref.slot))
          return scripted_chain::answer<eth::bytes>(word(d));
      for (const auto& [ref, s] : state)
        if (data == eth::avs::encode_slot_state(ref.task_id, ref.slot))
          return scripted_chain::answer<eth::bytes>(word(uint64_t(s)));
      return std::nullopt;
    };
  }

  submitter_actor spawn_report_recorder() {
    auto log = reports;
    return track(sys.spawn([log](submitter_actor::pointer) -> submitter_actor::behavior_type {
      return {
        [](proof_batch& b) { return batch_outcome{b.batch_id, false, {}, {}, "not a submitter"}; },
        [log](const report_missed& r) { log->push_back(r.ref); },
        [](poll_atom) {},
      };
    }));
  }

  watchdog_actor spawn() {
    watchdog_config c{contract, clock, chain, spawn_report_recorder(), metrics, 2000ms, 5000ms};
    auto w = track(spawn_watchdog(sys, std::move(c)));
    run();
    return w;
  }

  /// Slot (1, k) with its deadline `after_s` seconds from now, pending on chain.
  slot_ref pending_slot(uint32_t k, int64_t after_s) {
    slot_ref ref{1, k};
    deadline_s[ref] = uint64_t(now_s + after_s);
    state[ref] = eth::slot_state::pending;
    return ref;
  }
};

} // namespace

TEST_CASE_FIXTURE(watchdog_fixture, "a slot still pending after its deadline is reported once") {
  auto w = spawn();
  auto ref = pending_slot(0, 10);
  caf::anon_send(w, watch_slot{ref});
  advance(11s);
  CHECK(reports->empty());                   // deadline passed, the margin not yet
  CHECK(chain->count("eth_call") == 1);      // missDeadline only
  advance(2s);
  REQUIRE(reports->size() == 1);
  CHECK(reports->at(0) == ref);
  // Asked again (a replayed watch_slot): never reported twice.
  caf::anon_send(w, watch_slot{ref});
  advance(20s);
  CHECK(reports->size() == 1);
}

TEST_CASE_FIXTURE(watchdog_fixture, "a slot proven before its deadline is not reported") {
  auto w = spawn();
  auto seen = pending_slot(0, 10);
  auto resolved = pending_slot(1, 10);
  caf::anon_send(w, watch_slot{seen});
  caf::anon_send(w, watch_slot{resolved});
  run();
  caf::anon_send(w, slot_proven{seen, 0});   // HitProven seen by the chain watcher
  state[resolved] = eth::slot_state::proven; // proven, but the event not seen yet
  advance(15s);
  CHECK(reports->empty());
  CHECK(metrics->watchdog_watched == 0);
}

TEST_CASE_FIXTURE(watchdog_fixture, "a failed slotState read is retried and the slot still reported") {
  auto w = spawn();
  auto ref = pending_slot(0, 10);
  caf::anon_send(w, watch_slot{ref});
  run();
  chain->fail("eth_call", scripted_chain::transport_error());
  advance(13s);
  CHECK(reports->empty());
  CHECK(metrics->rpc_errors == 1);
  advance(5s);
  REQUIRE(reports->size() == 1);
  CHECK(reports->at(0) == ref);
}

TEST_CASE_FIXTURE(watchdog_fixture, "a slot whose deadline could not be read is not checked before it") {
  auto w = spawn();
  auto ref = pending_slot(0, 60);
  chain->fail("eth_call", scripted_chain::transport_error());
  caf::anon_send(w, watch_slot{ref});
  advance(10s); // the retry asks missDeadline again, not slotState
  CHECK(reports->empty());
  CHECK(chain->count("eth_call") == 2);
  advance(55s);
  REQUIRE(reports->size() == 1);
  CHECK(reports->at(0) == ref);
}
