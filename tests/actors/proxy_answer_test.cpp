// The proxy's answers as http_proxy_client reads them: a good answer becomes a proof; every
// malformed or refusing answer becomes an error that names the proxy and what is wrong, and
// says whether a retry inside the window can help.
#include <doctest/doctest.h>

#include "actors/http_proxy_client.hpp"

using namespace automator;

namespace {

const std::string url = "http://127.0.0.1:8787";
const auto op = eth::address::from_hex("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");

hit_request request() {
  return hit_request{31337, eth::address{}, 12, 3, op, 0};
}

net::http_response answer(unsigned status, std::string body) {
  net::http_response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

std::string good_body(const std::string& slot = "3", const std::string& sig_bytes = std::string(130, 'a')) {
  return R"({"hit":{"taskId":"12","slot":)" + slot +
         R"(,"operator":"0x70997970C51812dc3A010C7d01b50e0d17dc79C8","hitTimeMs":"1763925123456",)"
         R"("status":200,"responseHash":"0x)" + std::string(64, '1') + R"("},"signature":"0x)" +
         sig_bytes + R"(","signer":"0x00"})";
}

} // namespace

TEST_CASE("a well-formed proxy answer becomes a proof") {
  auto r = http_proxy_client::parse_answer(request(), url, answer(200, good_body()));
  REQUIRE(r.ok());
  CHECK(r->ref == slot_ref{12, 3});
  CHECK(r->hit_time_ms == 1763925123456ull);
  CHECK(r->status == 200);
  CHECK(r->signatures.size() == 65);
  CHECK(r->operator_address == op.data);
}

TEST_CASE("malformed proxy answers are errors naming the problem, not retried") {
  auto check = [](const net::http_response& resp, const std::string& needle) {
    auto r = http_proxy_client::parse_answer(request(), url, resp);
    REQUIRE_FALSE(r.ok());
    CHECK_FALSE(r.error().retryable);
    CHECK(r.error().message.find(url) != std::string::npos);
    CHECK_MESSAGE(r.error().message.find(needle) != std::string::npos, r.error().message);
  };
  check(answer(200, "<html>"), "not a JSON object");
  check(answer(200, "{}"), "hit");
  check(answer(200, good_body("4")), "another task, slot or operator");
  check(answer(200, good_body("3", "abcd")), "not 65");
  check(answer(200, good_body("\"x\"")), "slot");
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
