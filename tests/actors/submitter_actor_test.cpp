// The submitter on the deterministic coordinator against a scripted chain: a proof batch is a
// request answered with the batch's outcome once mined (which hits the contract accepted, from
// the receipt's HitProven logs); a transaction unmined past `stuck_after` is sent again with the
// same nonce and higher fees, and the mined version answers once; a "nonce too low" refusal (the
// node's typed JSON-RPC error) makes it re-read the nonce and send the job again; a batch that
// would revert is answered at once, not sent.
#include <doctest/doctest.h>

#include <vector>

#include <caf/event_based_actor.hpp>

#include "actors/submitter.hpp"
#include "deterministic_fixture.hpp"
#include "eth/abi.hpp"
#include "eth/automator_abi.hpp"
#include "scripted_chain.hpp"

using namespace automator;
using namespace automator::testing;
using namespace std::chrono_literals;

namespace {

const auto contract = eth::address::from_hex("0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0");
// anvil's development account 1 operates.
const auto operator_key = std::make_shared<const eth::private_key>(eth::private_key::from_hex(
  "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"));

/// A HitProven(task, slot) log of the contract.
net::log_entry hit_proven_log(uint64_t task, uint32_t slot) {
  net::log_entry l;
  l.address = contract;
  l.topics = {eth::avs::topic_of("HitProven"), eth::to_be32(eth::u256(task))};
  eth::u256 packed = eth::u256(slot) | eth::u256(200) << 32 | eth::u256(1'800'000'000'000ull) << 48;
  l.data = eth::abi::encode("uint256", {packed});
  return l;
}

proof_batch batch_of(uint64_t id, std::vector<uint32_t> slots) {
  proof_batch b{id, {}};
  for (auto k : slots) {
    hit_proof p;
    p.ref = {1, k};
    p.operator_address = operator_key->get_address().data;
    p.hit_time_ms = 1'800'000'000'000ull;
    p.status = 200;
    p.signatures.assign(65, 1);
    b.proofs.push_back(p);
  }
  return b;
}

struct submitter_fixture : deterministic_fixture {
  std::shared_ptr<scripted_chain> chain = std::make_shared<scripted_chain>();
  std::shared_ptr<node_metrics> metrics = std::make_shared<node_metrics>();
  std::shared_ptr<std::vector<batch_outcome>> outcomes = std::make_shared<std::vector<batch_outcome>>();

  submitter_actor spawn() {
    submitter_config c{31337, contract, operator_key, clock, chain, metrics, 1000ms, 5000ms};
    auto s = track(spawn_submitter(sys, std::move(c)));
    run();
    return s;
  }

  /// Asks `s` with `batch` as the prover does, keeping the answer.
  void ask(submitter_actor s, proof_batch batch) {
    auto log = outcomes;
    track(sys.spawn([s, log, batch](caf::event_based_actor* self) {
      self->request(s, caf::infinite, batch).then([log](batch_outcome& o) { log->push_back(std::move(o)); });
    }));
    run();
  }
};

} // namespace

TEST_CASE_FIXTURE(submitter_fixture, "a batch is answered with its outcome once mined") {
  chain->nonce = 7;
  auto s = spawn();
  ask(s, batch_of(1, {0, 1}));
  REQUIRE(chain->sent_raw.size() == 1);
  CHECK(chain->sent(0).nonce == 7);
  advance(1100ms);
  CHECK(outcomes->empty()); // not mined yet
  // The contract accepted slot 0 and skipped slot 1 (its HitRejected is not needed here).
  chain->mine(0, true, {hit_proven_log(1, 0)});
  advance(1100ms);
  REQUIRE(outcomes->size() == 1);
  CHECK(outcomes->at(0).batch_id == 1);
  CHECK(outcomes->at(0).mined);
  CHECK(outcomes->at(0).accepted == std::vector<slot_ref>{{1, 0}});
  // The next transaction counts the nonce on locally.
  ask(s, batch_of(2, {2}));
  REQUIRE(chain->sent_raw.size() == 2);
  CHECK(chain->sent(1).nonce == 8);
  CHECK(chain->count("eth_getTransactionCount") == 1);
}

TEST_CASE_FIXTURE(submitter_fixture, "a stuck transaction is replaced with the same nonce and higher fees") {
  auto s = spawn();
  ask(s, batch_of(1, {0}));
  REQUIRE(chain->sent_raw.size() == 1);
  advance(6s);
  REQUIRE(chain->sent_raw.size() == 2);
  auto first = chain->sent(0), second = chain->sent(1);
  CHECK(second.nonce == first.nonce);
  CHECK(second.max_priority_fee > first.max_priority_fee + first.max_priority_fee / 10);
  CHECK(second.max_fee > first.max_fee + first.max_fee / 10);
  CHECK(metrics->txs_replaced == 1);
  // The replacement is mined: one answer; the first version's receipt never comes.
  chain->mine(1, true, {hit_proven_log(1, 0)});
  advance(1100ms);
  REQUIRE(outcomes->size() == 1);
  CHECK(outcomes->at(0).mined);
  advance(10s);
  CHECK(outcomes->size() == 1);
}

TEST_CASE_FIXTURE(submitter_fixture, "a nonce-too-low refusal re-reads the nonce and sends the job again") {
  // The node counts 3, but another sender uses nonce 3 meanwhile: the node refuses the
  // transaction with anvil's typed error, and counts 4 when asked again.
  chain->nonces = {3};
  chain->nonce = 4;
  auto s = spawn();
  chain->send_answers.push_back(scripted_chain::node_error(-32003, "nonce too low"));
  ask(s, batch_of(1, {0}));
  REQUIRE(chain->sent_raw.size() == 2);
  CHECK(chain->sent(0).nonce == 3);
  CHECK(chain->sent(1).nonce == 4);
  CHECK(chain->count("eth_getTransactionCount") == 2);
  chain->mine(1, true, {hit_proven_log(1, 0)});
  advance(1100ms);
  REQUIRE(outcomes->size() == 1);
  CHECK(outcomes->at(0).mined);
}

TEST_CASE_FIXTURE(submitter_fixture, "a refusal that is not about the nonce keeps the transaction") {
  auto s = spawn();
  // The same words in a transport error (say, a proxy's error page) are no nonce refusal.
  chain->send_answers.push_back(scripted_chain::transport_error("nonce too low"));
  ask(s, batch_of(1, {0}));
  REQUIRE(chain->sent_raw.size() == 1);
  CHECK(chain->count("eth_getTransactionCount") == 1);
  advance(6s); // the stuck-transaction rule sends it again, same nonce
  REQUIRE(chain->sent_raw.size() == 2);
  CHECK(chain->sent(1).nonce == chain->sent(0).nonce);
}

TEST_CASE_FIXTURE(submitter_fixture, "a batch that would revert is answered at once and not sent") {
  auto s = spawn();
  chain->fail("eth_estimateGas", scripted_chain::node_error(3, "execution reverted"));
  ask(s, batch_of(1, {0}));
  REQUIRE(outcomes->size() == 1);
  CHECK_FALSE(outcomes->at(0).mined);
  CHECK(outcomes->at(0).error.find("would revert") != std::string::npos);
  CHECK(chain->sent_raw.empty());
}
