// The prover actor on the deterministic coordinator: checks proofs with real signatures before
// they cost gas, batches by size and by age (virtual time), keeps proofs in its store until a
// mined batch resolves them, and retries a batch that did not make it on chain.
#include <doctest/doctest.h>

#include <map>
#include <vector>

#include "actors/prover.hpp"
#include "actors/proof_journal.hpp"
#include "deterministic_fixture.hpp"
#include "eth/eip712_hit.hpp"
#include "eth/secp256k1.hpp"

using namespace automator;
using namespace automator::testing;
using namespace std::chrono_literals;

namespace {

// anvil's well-known development keys: account 9 signs as the proxy, account 1 operates.
const auto proxy_key = eth::private_key::from_hex(
  "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6");
const auto other_key = eth::private_key::from_hex(
  "0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356");
const auto operator_address = eth::address::from_hex("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
const auto contract = eth::address::from_hex("0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0");
constexpr uint64_t chain_id = 31337;

/// A proof for slot `slot` of task 1 (T(k) = 1000 + k s, tolerance 5 s) signed by `key`.
proof_candidate signed_candidate(uint32_t slot, const eth::private_key& key,
                                 int64_t hit_offset_ms = 200) {
  int64_t slot_ms = (1000 + int64_t(slot)) * 1000;
  hit_proof p;
  p.ref = {1, slot};
  p.operator_address = operator_address.data;
  p.hit_time_ms = uint64_t(slot_ms + hit_offset_ms);
  p.status = 200;
  p.response_hash[0] = 0xab;
  eth::hit h{1, slot, operator_address, p.hit_time_ms, p.status, p.response_hash};
  auto digest = eth::hit_digest(eth::hit_domain{chain_id, contract}, h);
  p.signatures = key.sign(digest).to_rsv();
  return {p, slot_ms, 5000, {}};
}

struct prover_fixture : deterministic_fixture {
  temp_dir dir;
  std::shared_ptr<std::vector<proof_batch>> batches = std::make_shared<std::vector<proof_batch>>();
  /// The recorder's promise per batch: the submitter's answer to the prover's request.
  using replies_map = std::map<uint64_t, caf::typed_response_promise<batch_outcome>>;
  std::shared_ptr<replies_map> replies = std::make_shared<replies_map>();
  std::shared_ptr<node_metrics> metrics = std::make_shared<node_metrics>();

  /// Stands in for the submitter; the test answers a batch by sending the recorder its outcome,
  /// which the recorder delivers through the batch's response promise (inside the actor).
  using recorder_actor = submitter_actor::extend<caf::reacts_to<batch_outcome>>;
  recorder_actor recorder;

  submitter_actor spawn_batch_recorder() {
    auto log = batches;
    auto promises = replies;
    recorder = track(sys.spawn([log, promises](recorder_actor::pointer self) -> recorder_actor::behavior_type {
      return {
        [=](proof_batch& b) -> caf::typed_response_promise<batch_outcome> {
          auto reply = self->make_response_promise<batch_outcome>();
          (*promises)[b.batch_id] = reply;
          log->push_back(std::move(b));
          return reply;
        },
        [](const report_missed&) {},
        [](poll_atom) {},
        [=](batch_outcome& o) {
          auto it = promises->find(o.batch_id);
          if (it == promises->end())
            return;
          it->second.deliver(std::move(o));
          promises->erase(it);
        },
      };
    }));
    return recorder;
  }

  /// Answers the prover's request for the outcome's batch, as the submitter does.
  void answer(batch_outcome outcome) {
    REQUIRE(replies->count(outcome.batch_id) == 1);
    caf::anon_send(recorder, std::move(outcome));
  }

  prover_actor spawn(std::shared_ptr<store::record_store> store) {
    prover_config c{chain_id, contract, operator_address, clock, std::move(store),
                    spawn_batch_recorder(), metrics, 2, 1000ms};
    auto p = track(spawn_prover(sys, std::move(c)));
    caf::anon_send(p, proxy_signers{{proxy_key.get_address().data}});
    run();
    return p;
  }

  /// A prover with one full batch (slots 0 and 1 of task 1) in flight.
  prover_actor spawn_with_full_batch(std::shared_ptr<store::record_store> store) {
    auto p = spawn(std::move(store));
    caf::anon_send(p, signed_candidate(0, proxy_key));
    caf::anon_send(p, signed_candidate(1, proxy_key));
    run();
    REQUIRE(batches->size() == 1);
    return p;
  }
};

} // namespace

TEST_CASE_FIXTURE(prover_fixture, "the prover batches by size at once and by age after a wait") {
  auto p = spawn(dir.open("prover"));
  caf::anon_send(p, signed_candidate(0, proxy_key));
  run();
  CHECK(batches->empty());
  advance(1100ms);
  REQUIRE(batches->size() == 1);
  CHECK(batches->at(0).proofs.size() == 1);
  caf::anon_send(p, signed_candidate(1, proxy_key));
  caf::anon_send(p, signed_candidate(2, proxy_key));
  run();
  REQUIRE(batches->size() == 2);
  CHECK(batches->at(1).proofs.size() == 2);
}

TEST_CASE_FIXTURE(prover_fixture, "the prover refuses proofs the contract would refuse") {
  auto p = spawn(dir.open("prover"));
  caf::anon_send(p, signed_candidate(0, other_key));          // unregistered signer
  caf::anon_send(p, signed_candidate(1, proxy_key, 9000));    // outside the 5 s window
  auto tampered = signed_candidate(2, proxy_key);
  tampered.proof.status = 500;                                // signature no longer matches
  caf::anon_send(p, tampered);
  advance(2s);
  CHECK(batches->empty());
  CHECK(metrics->proofs_invalid == 3);
}

TEST_CASE_FIXTURE(prover_fixture, "proofs stay stored until a mined batch resolves them") {
  auto store = dir.open("prover");
  spawn_with_full_batch(store);
  CHECK(proof_journal(store).load().size() == 2);
  // Not on chain (RPC down): the same proofs go out again after the batch age.
  answer(batch_outcome{batches->at(0).batch_id, false, {}, {}, "rpc down"});
  advance(1100ms);
  REQUIRE(batches->size() == 2);
  CHECK(batches->at(1).proofs.size() == 2);
  answer(batch_outcome{batches->at(1).batch_id, true, {{1, 0}}, {{{1, 1}, 4}}, {}});
  run();
  CHECK(proof_journal(store).load().empty());
  CHECK(metrics->hits_proven == 1);
  CHECK(metrics->hits_rejected == 1);
}

TEST_CASE_FIXTURE(prover_fixture, "a restarted prover sends the proofs it stored before") {
  {
    auto p = spawn(dir.open("prover"));
    caf::anon_send(p, signed_candidate(0, proxy_key));
    run();
    caf::anon_send_exit(p, caf::exit_reason::user_shutdown);
    run();
  }
  batches->clear();
  auto p = spawn(dir.open("prover"));
  advance(1100ms);
  REQUIRE(batches->size() == 1);
  CHECK(batches->at(0).proofs.at(0).ref == slot_ref{1, 0});
}

TEST_CASE_FIXTURE(prover_fixture, "a slot proven while its batch is in flight is let go once and not sent again") {
  auto store = dir.open("prover");
  auto p = spawn_with_full_batch(store);
  // Another operator's proof of slot 0 is confirmed first: the prover lets go of it at once.
  caf::anon_send(p, slot_proven{{1, 0}, 0});
  run();
  CHECK(proof_journal(store).load().size() == 1);
  // The batch did not make it: only slot 1 goes out again.
  answer(batch_outcome{batches->at(0).batch_id, false, {}, {}, "rpc down"});
  advance(1100ms);
  REQUIRE(batches->size() == 2);
  REQUIRE(batches->at(1).proofs.size() == 1);
  CHECK(batches->at(1).proofs.at(0).ref == slot_ref{1, 1});
}
