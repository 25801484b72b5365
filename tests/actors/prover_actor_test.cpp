// The prover actor on the deterministic coordinator: checks proofs with real signatures before
// they cost gas, batches by size and by age (virtual time), keeps proofs in its store until a
// mined batch resolves them, and retries a batch that did not make it on chain.
#include <doctest/doctest.h>

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
  std::shared_ptr<node_metrics> metrics = std::make_shared<node_metrics>();

  submitter_actor spawn_batch_recorder() {
    auto log = batches;
    return track(sys.spawn([log](submitter_actor::pointer) -> submitter_actor::behavior_type {
      return {
        [log](proof_batch& b) { log->push_back(std::move(b)); },
        [](const report_missed&) {},
        [](poll_atom) {},
        [](const continuation& c) { c.run(); },
      };
    }));
  }

  prover_actor spawn(std::shared_ptr<store::record_store> store) {
    prover_config c{chain_id, contract, operator_address, clock, std::move(store),
                    spawn_batch_recorder(), metrics, 2, 1000ms};
    auto p = track(spawn_prover(sys, std::move(c)));
    caf::anon_send(p, proxy_signers{{proxy_key.get_address().data}});
    run();
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
  auto p = spawn(store);
  caf::anon_send(p, signed_candidate(0, proxy_key));
  caf::anon_send(p, signed_candidate(1, proxy_key));
  run();
  REQUIRE(batches->size() == 1);
  CHECK(proof_journal(store).load().size() == 2);
  // Not on chain (RPC down): the same proofs go out again after the batch age.
  caf::anon_send(p, batch_outcome{batches->at(0).batch_id, false, {}, {}, "rpc down"});
  advance(1100ms);
  REQUIRE(batches->size() == 2);
  CHECK(batches->at(1).proofs.size() == 2);
  caf::anon_send(p, batch_outcome{batches->at(1).batch_id, true, {{1, 0}}, {{{1, 1}, 4}}, {}});
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
