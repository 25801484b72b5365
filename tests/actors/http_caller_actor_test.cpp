// The HTTP caller actor on the deterministic coordinator, against a small proxy_client of its
// own that signs with real secp256k1 keys (one per proxy): a quorum-k hit is signed by the
// first proxy and co-signed by k-1 others, its signatures go to the prover in ascending signer
// order, failed co-signatures are retried inside the window, and a task whose quorum the
// configured proxies cannot meet is not fired. A status-0 hit is asked again while a whole try
// fits in the window, and proven as it is (with the proxy's reason) when nothing better comes;
// the last try of a short window waits for the proxy's answer past the window's end.
#include <doctest/doctest.h>

#include <deque>
#include <map>
#include <vector>

#include "actors/http_caller.hpp"
#include "actors/proof_check.hpp"
#include "deterministic_fixture.hpp"
#include "eth/eip712_hit.hpp"
#include "eth/keccak.hpp"
#include "eth/secp256k1.hpp"

using namespace automator;
using namespace automator::testing;
using namespace std::chrono_literals;

namespace {

// anvil's development keys 7, 8 and 9; their addresses sort 7 < 8 < 9.
const char* const key7 = "0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356";
const char* const key8 = "0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97";
const char* const key9 = "0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6";
const auto operator_address = eth::address::from_hex("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
const auto contract = eth::address::from_hex("0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0");
constexpr uint64_t chain_id = 31337;
const eth::hash32 domain = eth::hit_domain{chain_id, contract}.separator();

/// Proxies that answer at once: proxy i signs with keys[i]; a hit request is "called" now, a
/// co-sign request signs the given hit. Scripted failures per proxy come first.
class keyed_proxies : public proxy_client {
public:
  keyed_proxies(std::vector<const char*> keys, clock_source clock) : clock_(clock) {
    for (auto k : keys)
      keys_.push_back(eth::private_key::from_hex(k));
  }

  size_t proxy_count() const override { return keys_.size(); }

  void request_hit(const hit_request& request, std::chrono::milliseconds budget,
                   callback cb) override {
    requests.push_back(request);
    budgets.push_back(budget);
    auto& scripted = failures[request.proxy];
    if (!scripted.empty()) {
      auto err = scripted.front();
      scripted.pop_front();
      cb(err);
      return;
    }
    hit_proof p;
    if (request.cosign) {
      p = request.cosign->proof;
    } else {
      p.ref = {request.task_id, request.slot};
      p.operator_address = request.operator_address.data;
      p.hit_time_ms = uint64_t(clock_.now_ms());
      p.status = 200;
      p.response_hash = eth::keccak256("target response");
    }
    std::string reason;
    auto& status0 = status0_reasons[request.proxy];
    if (!request.cosign && !status0.empty()) {
      p.status = 0;
      reason = status0.front();
      status0.pop_front();
    }
    const auto& key = keys_.at(request.proxy);
    p.signatures = key.sign(proof_digest(domain, p)).to_rsv();
    cb(proxy_answer{p, key.get_address(), reason});
  }

  std::vector<hit_request> requests;
  std::vector<std::chrono::milliseconds> budgets;
  std::map<size_t, std::deque<proxy_error>> failures;
  /// Scripted status-0 answers to hit requests, per proxy, with the reason each one gives.
  std::map<size_t, std::deque<std::string>> status0_reasons;

private:
  clock_source clock_;
  std::vector<eth::private_key> keys_;
};

eth::address address_of(const char* key) {
  return eth::private_key::from_hex(key).get_address();
}

/// The signers of a proof's signatures, in their order.
std::vector<eth::address> signers_of(const hit_proof& p) {
  auto digest = proof_digest(domain, p);
  std::vector<eth::address> out;
  for (size_t off = 0; off + 65 <= p.signatures.size(); off += 65)
    out.push_back(eth::recover_signer(digest, eth::signature::from_rsv(p.signatures.data() + off, 65)));
  return out;
}

struct caller_fixture : deterministic_fixture {
  std::shared_ptr<std::vector<proof_candidate>> candidates =
    std::make_shared<std::vector<proof_candidate>>();
  std::shared_ptr<node_metrics> metrics = std::make_shared<node_metrics>();
  std::shared_ptr<keyed_proxies> proxies;

  prover_actor spawn_candidate_recorder() {
    auto log = candidates;
    return track(sys.spawn([log](prover_actor::pointer) -> prover_actor::behavior_type {
      return {
        [log](proof_candidate& c) { log->push_back(std::move(c)); },
        [](const slot_proven&) {},
        [](const proxy_signers&) {},
        [](age_atom, uint64_t) {},
      };
    }));
  }

  http_caller_actor spawn(std::vector<const char*> keys) {
    proxies = std::make_shared<keyed_proxies>(std::move(keys), clock);
    http_caller_config c{chain_id, contract, operator_address, clock, proxies, spawn_candidate_recorder(), metrics};
    return track(spawn_http_caller(sys, std::move(c)));
  }

  fire_request fire(uint32_t slot, uint8_t quorum, int64_t tolerance_ms = 5000) const {
    return fire_request{{1, slot}, 0, clock.now_ms(), tolerance_ms, quorum, 0};
  }

  /// What the prover would say about the proof, knowing these registered signers.
  std::optional<std::string> verdict(const proof_candidate& c, std::vector<const char*> keys) const {
    std::unordered_set<eth::address> registered;
    for (auto k : keys)
      registered.insert(address_of(k));
    return check_proof(c, domain, operator_address, registered);
  }
};

} // namespace

TEST_CASE_FIXTURE(caller_fixture, "a quorum-2 hit is co-signed by the other proxy, signers ascending") {
  auto caller = spawn({key9, key8});
  // Slot 0 goes to proxy 1 first (key 8, the lower address), slot 1 to proxy 0 (key 9).
  caf::anon_send(caller, fire_batch{{fire(0, 2), fire(1, 2)}});
  run();
  REQUIRE(candidates->size() == 2);
  for (const auto& c : *candidates) {
    CHECK(c.proof.signatures.size() == 130);
    CHECK(signers_of(c.proof) == std::vector<eth::address>{address_of(key8), address_of(key9)});
    CHECK(verdict(c, {key8, key9}) == std::nullopt);
  }
  REQUIRE(proxies->requests.size() == 4);
  CHECK(proxies->requests[0].proxy == 1);
  CHECK_FALSE(proxies->requests[0].cosign);
  CHECK(proxies->requests[2].proxy == 0);
  REQUIRE(proxies->requests[2].cosign);
  CHECK(proxies->requests[2].cosign->signer == address_of(key8));
  CHECK(metrics->proofs_received == 2);
}

TEST_CASE_FIXTURE(caller_fixture, "a quorum-1 hit keeps its single signature") {
  auto caller = spawn({key9, key8});
  caf::anon_send(caller, fire(0, 1));
  run();
  REQUIRE(candidates->size() == 1);
  CHECK(candidates->at(0).proof.signatures.size() == 65);
  CHECK(proxies->requests.size() == 1);
}

TEST_CASE_FIXTURE(caller_fixture, "a quorum the configured proxies cannot meet is not fired") {
  auto caller = spawn({key9});
  caf::anon_send(caller, fire_batch{{fire(0, 2), fire(1, 2)}});
  advance(6s);
  CHECK(proxies->requests.empty());
  CHECK(candidates->empty());
}

TEST_CASE_FIXTURE(caller_fixture, "a failed co-signature is retried after the backoff") {
  auto caller = spawn({key9, key8});
  proxies->failures[0].push_back(proxy_error{true, "proxy 0: HTTP 503"});
  caf::anon_send(caller, fire(0, 2)); // proxy 1 signs, proxy 0 co-signs
  run();
  CHECK(candidates->empty());
  advance(300ms);
  REQUIRE(candidates->size() == 1);
  CHECK(verdict(candidates->at(0), {key8, key9}) == std::nullopt);
  CHECK(proxies->requests.size() == 3);
  CHECK(metrics->proxy_failures == 1);
}

TEST_CASE_FIXTURE(caller_fixture, "a proxy refusing to co-sign is replaced by a spare one") {
  auto caller = spawn({key9, key8, key7});
  proxies->failures[2].push_back(proxy_error{false, "proxy 2: HTTP 409 already_cosigned"});
  caf::anon_send(caller, fire(0, 2)); // proxy 1 signs, proxy 2 refuses, proxy 0 co-signs
  advance(300ms);
  REQUIRE(candidates->size() == 1);
  CHECK(signers_of(candidates->at(0).proof) ==
        std::vector<eth::address>{address_of(key8), address_of(key9)});
  REQUIRE(proxies->requests.size() == 3);
  CHECK(proxies->requests[2].proxy == 0);
}

TEST_CASE_FIXTURE(caller_fixture, "a co-signature by the first signer's key does not count") {
  auto caller = spawn({key9, key9});
  caf::anon_send(caller, fire(0, 2));
  advance(6s);
  CHECK(candidates->empty());
  CHECK(proxies->requests.size() == 2);
}

TEST_CASE_FIXTURE(caller_fixture, "a co-signature is tried at most max_attempts times") {
  auto caller = spawn({key9, key8});
  for (int i = 0; i < 10; ++i)
    proxies->failures[0].push_back(proxy_error{true, "proxy 0: timeout"});
  caf::anon_send(caller, fire(0, 2));
  advance(10s);
  CHECK(candidates->empty());
  for (const auto& r : proxies->requests)
    CHECK(r.proxy < 2);
  CHECK(proxies->requests.size() == 6); // the hit, then 5 co-sign tries (0, 250, 750, 1750, 3750 ms)
}

// Task 1, slot 0 goes to proxy (1 + 0 + attempt) % 2: proxy 1 first, then proxy 0.

TEST_CASE_FIXTURE(caller_fixture, "a status-0 hit is asked again, of the other proxy, and the good one is proven") {
  auto caller = spawn({key9, key8});
  proxies->status0_reasons[1].push_back("reset");
  caf::anon_send(caller, fire(0, 1, 30000));
  run();
  CHECK(candidates->empty());
  advance(300ms);
  REQUIRE(candidates->size() == 1);
  CHECK(candidates->at(0).proof.status == 200);
  CHECK(candidates->at(0).reason.empty());
  REQUIRE(proxies->requests.size() == 2);
  CHECK(proxies->requests[1].proxy == 0);
  CHECK(metrics->status0_retries == 1);
}

TEST_CASE_FIXTURE(caller_fixture, "a slot whose hits stay status 0 is proven by its first hit, with the reason") {
  auto caller = spawn({key9, key8});
  for (int i = 0; i < 5; ++i) {
    proxies->status0_reasons[0].push_back("connect");
    proxies->status0_reasons[1].push_back("reset");
  }
  int64_t first_hit = clock.now_ms();
  caf::anon_send(caller, fire(0, 1, 30000));
  advance(2s);
  REQUIRE(candidates->size() == 1);
  CHECK(candidates->at(0).proof.status == 0);
  CHECK(candidates->at(0).proof.hit_time_ms == uint64_t(first_hit));
  CHECK(candidates->at(0).reason == "reset");
  CHECK(verdict(candidates->at(0), {key8, key9}) == std::nullopt);
  CHECK(proxies->requests.size() == 3); // the hit and status0_retries = 2 retries
  CHECK(metrics->status0_retries == 2);
  advance(30s);
  CHECK(candidates->size() == 1);
}

TEST_CASE_FIXTURE(caller_fixture, "no status-0 retry when a whole try no longer fits in the window") {
  auto caller = spawn({key9, key8});
  proxies->status0_reasons[1].push_back("dns");
  caf::anon_send(caller, fire(0, 1, 1000));
  run();
  REQUIRE(candidates->size() == 1);
  CHECK(candidates->at(0).proof.status == 0);
  CHECK(candidates->at(0).reason == "dns");
  CHECK(proxies->requests.size() == 1);
  CHECK(metrics->status0_retries == 0);
}

TEST_CASE_FIXTURE(caller_fixture, "a status-0 retry that fails falls back to the kept hit") {
  auto caller = spawn({key9, key8});
  proxies->status0_reasons[1].push_back("timeout");
  proxies->failures[0].push_back(proxy_error{false, "proxy 0: HTTP 400 bad_request"});
  caf::anon_send(caller, fire(0, 1, 30000));
  advance(300ms);
  REQUIRE(candidates->size() == 1);
  CHECK(candidates->at(0).proof.status == 0);
  CHECK(candidates->at(0).reason == "timeout");
}

TEST_CASE_FIXTURE(caller_fixture, "a quorum-2 status-0 hit is asked again, then the good one co-signed") {
  auto caller = spawn({key9, key8});
  proxies->status0_reasons[1].push_back("reset");
  caf::anon_send(caller, fire(0, 2, 30000));
  advance(300ms);
  REQUIRE(candidates->size() == 1);
  CHECK(candidates->at(0).proof.status == 200);
  CHECK(candidates->at(0).proof.signatures.size() == 130);
  CHECK(verdict(candidates->at(0), {key8, key9}) == std::nullopt);
}

TEST_CASE_FIXTURE(caller_fixture, "the last try of a short window waits for the proxy's answer past it") {
  auto caller = spawn({key9, key8});
  caf::anon_send(caller, fire(0, 1, 1000));
  caf::anon_send(caller, fire(1, 1, 30000));
  run();
  REQUIRE(proxies->budgets.size() == 2);
  CHECK(proxies->budgets[0] == 15000ms); // 1 s left: the proxy may take up to 15 s
  CHECK(proxies->budgets[1] == 5000ms);  // room for another try: try_timeout
}

TEST_CASE_FIXTURE(caller_fixture, "the last of max_attempts tries waits for the proxy's answer") {
  auto caller = spawn({key9, key8});
  for (int i = 0; i < 4; ++i)
    proxies->failures[(1 + i) % 2].push_back(proxy_error{true, "proxy: timeout"});
  caf::anon_send(caller, fire(0, 1, 60000));
  advance(10s);
  REQUIRE(proxies->budgets.size() == 5);
  CHECK(proxies->budgets[3] == 5000ms);
  CHECK(proxies->budgets[4] == 15000ms); // the fifth and last try
  CHECK(candidates->size() == 1);
}
