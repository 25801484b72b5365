// The proxy's requests and answers as http_proxy_client writes and reads them: a good answer
// becomes a signed hit; every malformed or refusing answer becomes an error that names the proxy
// and what is wrong, and says whether a retry inside the window can help. A co-sign request
// carries the first proxy's hit; its answer must be that hit, by another signer. A status-0
// answer carries the proxy's failure reason (or "unknown"), cut to a metrics label.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "actors/http_proxy_client.hpp"
#include "actors/node_metrics.hpp"

using namespace automator;

namespace {

const std::string url = "http://127.0.0.1:8787";
const auto op = eth::address::from_hex("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
const auto first_signer = eth::address::from_hex("0xa0Ee7A142d267C1f36714E4a8F75612F20a79720");
const auto second_signer = eth::address::from_hex("0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f");

hit_request request() {
  return hit_request{31337, eth::address{}, 12, 3, op, 0, std::nullopt};
}

/// A co-sign request for the hit good_body() describes, first signed by first_signer.
hit_request cosign_request() {
  hit_request r = request();
  proxy_answer first;
  first.proof.ref = {12, 3};
  first.proof.operator_address = op.data;
  first.proof.hit_time_ms = 1763925123456ull;
  first.proof.status = 200;
  first.proof.response_hash.fill(0x11);
  first.proof.signatures.assign(65, 0xaa);
  first.signer = first_signer;
  r.cosign = first;
  return r;
}

net::http_response answer(unsigned status, std::string body) {
  net::http_response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

std::string good_body(const std::string& slot = "3", const std::string& sig_bytes = std::string(130, 'a'),
                      const std::string& signer = second_signer.to_checksum_hex(),
                      const std::string& status = "200") {
  return R"({"hit":{"taskId":"12","slot":)" + slot +
         R"(,"operator":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","hitTimeMs":"1763925123456",)"
         R"("status":)" + status + R"(,"responseHash":"0x)" + std::string(64, '1') + R"("},"signature":"0x)" +
         sig_bytes + R"(","signer":")" + signer + R"("})";
}

void check_refused(const hit_request& req, const net::http_response& resp, const std::string& needle) {
  auto r = http_proxy_client::parse_answer(req, url, resp);
  REQUIRE_FALSE(r.ok());
  CHECK_FALSE(r.error().retryable);
  CHECK(r.error().message.find(url) != std::string::npos);
  CHECK_MESSAGE(r.error().message.find(needle) != std::string::npos, r.error().message);
}

} // namespace

TEST_CASE("a well-formed proxy answer becomes a proof") {
  auto r = http_proxy_client::parse_answer(request(), url, answer(200, good_body()));
  REQUIRE(r.ok());
  CHECK(r->proof.ref == slot_ref{12, 3});
  CHECK(r->proof.hit_time_ms == 1763925123456ull);
  CHECK(r->proof.status == 200);
  CHECK(r->proof.signatures.size() == 65);
  CHECK(r->proof.operator_address == op.data);
  CHECK(r->signer == second_signer);
}

TEST_CASE("malformed proxy answers are errors naming the problem, not retried") {
  auto check = [](const net::http_response& resp, const std::string& needle) {
    check_refused(request(), resp, needle);
  };
  check(answer(200, "<html>"), "not a JSON object");
  check(answer(200, "{}"), "hit");
  check(answer(200, good_body("4")), "another task, slot or operator");
  check(answer(200, good_body("3", "abcd")), "not 65");
  check(answer(200, good_body("\"x\"")), "slot");
  check(answer(200, good_body("3", std::string(130, 'a'), "0x00")), "field signer");
  check(answer(200, good_body("3", std::string(130, 'a'), "0xA0EE7a142d267C1f36714E4a8F75612F20a79720")),
        "EIP-55");
}

TEST_CASE("a hit request is the proxy's JSON body; a co-sign request adds the first signed hit") {
  auto plain = nlohmann::json::parse(http_proxy_client::request_body(request()));
  CHECK(plain == nlohmann::json::parse(
                   R"({"chainId":31337,"contract":"0x0000000000000000000000000000000000000000",)"
                   R"("taskId":"12","slot":3,"operator":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8"})"));
  auto body = nlohmann::json::parse(http_proxy_client::request_body(cosign_request()));
  CHECK(body["taskId"] == "12");
  CHECK(body["cosign"] == nlohmann::json{{"hitTimeMs", "1763925123456"},
                                         {"status", 200},
                                         {"responseHash", "0x" + std::string(64, '1')},
                                         {"signature", "0x" + std::string(130, 'a')}});
}

TEST_CASE("a co-sign answer over the asked hit by another signer is a co-signature") {
  auto r = http_proxy_client::parse_answer(cosign_request(), url, answer(200, good_body()));
  REQUIRE(r.ok());
  CHECK(r->signer == second_signer);
  CHECK(r->proof.hit_time_ms == 1763925123456ull);
}

TEST_CASE("a co-sign answer by the first signer or over another hit is refused") {
  check_refused(cosign_request(), answer(200, good_body("3", std::string(130, 'a'), first_signer.to_checksum_hex())),
                "is the hit's first signer");
  check_refused(cosign_request(), answer(200, good_body("3", std::string(130, 'a'), second_signer.to_checksum_hex(), "500")),
                "differs from the one asked for");
  check_refused(cosign_request(), answer(200, good_body("4")), "another task, slot or operator");
}

TEST_CASE("proxy refusals: early, overloaded or lagging ones are retried, the rest are not") {
  auto r = http_proxy_client::parse_answer(
    request(), url, answer(425, R"({"error":"too_early","message":"slot 3 is due at 10"})"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().retryable);
  CHECK(r.error().message.find("HTTP 425 too_early: slot 3 is due at 10") != std::string::npos);
  CHECK(http_proxy_client::parse_answer(request(), url, answer(503, "{}")).error().retryable);
  CHECK_FALSE(http_proxy_client::parse_answer(
                request(), url, answer(403, R"({"error":"not_eligible","message":"no"})"))
                .error()
                .retryable);
}

TEST_CASE("a status-0 answer carries the proxy's failure reason; an older proxy's none reads unknown") {
  using nlohmann::json;
  auto with_call = [](json call) {
    json body = json::parse(good_body("3", std::string(130, 'a'), second_signer.to_checksum_hex(), "0"));
    body["call"] = std::move(call);
    return body.dump();
  };
  auto reason_of = [](const std::string& body) {
    auto r = http_proxy_client::parse_answer(request(), url, answer(200, body));
    REQUIRE(r.ok());
    CHECK(r->proof.status == 0);
    return r->reason;
  };
  CHECK(reason_of(with_call({{"failure", "ECONNRESET"}, {"reason", "reset"}})) == "reset");
  CHECK(reason_of(with_call({{"failure", "ECONNRESET"}})) == "unknown"); // an older proxy
  CHECK(reason_of(good_body("3", std::string(130, 'a'), second_signer.to_checksum_hex(), "0")) == "unknown");
  CHECK(reason_of(with_call({{"reason", 7}})) == "unknown"); // not a string: ignored
  // A top-level reason is read too; a hostile one is cut to a short label.
  json top = json::parse(with_call(json::object()));
  top["reason"] = "Forbidden Address\n{evil=\"1\"}" + std::string(100, 'x');
  auto cleaned = reason_of(top.dump());
  CHECK(cleaned.size() <= 32);
  CHECK(cleaned.rfind("forbidden-address", 0) == 0);
  CHECK(cleaned.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string::npos);
  // A good hit has no reason, whatever the answer says.
  json ok = json::parse(good_body());
  ok["call"] = {{"reason", "dns"}};
  auto r = http_proxy_client::parse_answer(request(), url, answer(200, ok.dump()));
  REQUIRE(r.ok());
  CHECK(r->reason.empty());
}

TEST_CASE("status-0 proofs are counted by reason, with a bounded label set") {
  node_metrics m;
  m.status0_proofs.add("dns");
  m.status0_proofs.add("dns");
  m.status0_proofs.add("");
  for (int i = 0; i < 40; ++i)
    m.status0_proofs.add("r" + std::to_string(i));
  CHECK(m.status0_proofs.get("dns") == 2);
  CHECK(m.status0_proofs.get("unknown") == 1);
  CHECK(m.status0_proofs.get("other") > 0);
  auto text = m.render();
  CHECK(text.find("automator_status0_proofs_total{reason=\"dns\"} 2\n") != std::string::npos);
  CHECK(text.find("# TYPE automator_status0_proofs_total counter") != std::string::npos);
}
