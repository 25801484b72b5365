// JSON from outside the node with hostile shapes: an answer nested 58,207 levels deep (issue
// 11: it segfaulted the node through json::dump() in an error message) comes back as an
// rpc_error, through a real local server and through the answer checks directly; error
// messages describe untrusted values in a few words instead of dumping them.
#include <doctest/doctest.h>

#include "net/eth_rpc_decode.hpp"
#include "net/http_client.hpp"
#include "net/http_server.hpp"
#include "net/io_runtime.hpp"
#include "net/json_limits.hpp"
#include "net/json_rpc_client.hpp"

using namespace automator::net;
using namespace std::chrono_literals;

namespace {

std::string nested_array(size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

std::string answer_with_result(const std::string& result) {
  return R"({"jsonrpc":"2.0","id":1,"result":)" + result + "}";
}

http_result ok_body(std::string body) {
  http_response r;
  r.status = 200;
  r.body = std::move(body);
  return r;
}

}  // namespace

TEST_CASE("json_nesting counts brackets outside strings, without recursion") {
  CHECK(json_nesting("1") == 0);
  CHECK(json_nesting(R"({"a":[1,{"b":[]}]})") == 4);
  CHECK(json_nesting(R"(["[[[[", "\"[[[[", {"k\\":"]]]]"}])") == 2);
  CHECK(json_nesting(nested_array(1'000'000), 64) == 65);  // stops counting past the limit
  std::string why;
  CHECK(parse_bounded_json(nested_array(64), why).is_array());
  CHECK(parse_bounded_json(nested_array(65), why).is_discarded());
  CHECK(why == "nests deeper than 64 levels");
  CHECK(parse_bounded_json("{oops", why).is_discarded());
  CHECK(why == "not JSON");
}

TEST_CASE("describe() names a value in a few words") {
  CHECK(describe(json::parse(R"([1,2,3])")) == "an array of 3 items");
  CHECK(describe(json::parse(R"({"a":1,"b":[2]})")) == R"(an object with keys "a", "b")");
  CHECK(describe(json::object()) == "an empty object");
  CHECK(describe(json(std::string(500, 'x'))).size() < 100);
  CHECK(describe(json(12)) == "12");
  CHECK(describe(json(nullptr)) == "null");
}

TEST_CASE("a 58,207-deep answer is an rpc_error, not a crash") {
  const std::string deep = answer_with_result(nested_array(58'207));
  CHECK(deep.size() > 116'000);
  SUBCASE("through the answer checks") {
    rpc_result r = interpret_answer(rpc_call_site{"eth_getLogs", "http://127.0.0.1:1/"}, 1, ok_body(deep));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == rpc_errc::invalid_response);
    CHECK(r.error().message == "eth_getLogs at http://127.0.0.1:1/: answer nests deeper than 64 levels");
    rpc_batch_result b = interpret_batch_answer(rpc_call_site{"batch[x]", "e"}, {{"x", "e"}}, {1}, ok_body(deep));
    CHECK_FALSE(b.ok());
  }
  SUBCASE("from a real server") {
    io_runtime runtime;
    http_server server(runtime, [&](const server_request&) {
      return server_response{200, "application/json", deep, {}, false};
    });
    http_client http(runtime);
    json_rpc_client rpc(http, "http://127.0.0.1:" + std::to_string(server.port()) + "/");
    rpc_result r = rpc.call_sync("eth_getLogs");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().kind == rpc_errc::invalid_response);
    CHECK(r.error().message.find("nests deeper than 64 levels") != std::string::npos);
  }
}

TEST_CASE("error messages about untrusted values stay short") {
  // 60 levels pass the bound; the messages name the shape instead of dumping the tree.
  const json deep = json::parse(nested_array(60));
  CHECK_THROWS_WITH_AS(decode::logs(json::parse(R"({"x":)" + nested_array(60) + "}")),
                       R"(logs: expected an array, got an object with keys "x")", decode::rpc_decode_error);
  CHECK_THROWS_WITH_AS(decode::hash(deep, "block.hash"), "block.hash: expected a hex string, got an array of 1 item",
                       decode::rpc_decode_error);
  CHECK_THROWS_WITH_AS(decode::block(deep), "block: expected an object, got an array of 1 item",
                       decode::rpc_decode_error);
  const std::string wrong_id = R"({"jsonrpc":"2.0","id":)" + nested_array(60) + R"(,"result":1})";
  rpc_result r = interpret_answer(rpc_call_site{"eth_x", "e"}, 1, ok_body(wrong_id));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message == "eth_x at e: answer id an array of 1 item does not match request id 1");
  const std::string bad_error = R"({"jsonrpc":"2.0","id":1,"error":)" + nested_array(60) + "}";
  r = interpret_answer(rpc_call_site{"eth_x", "e"}, 1, ok_body(bad_error));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message == "eth_x at e: malformed JSON-RPC error object: an array of 1 item");
}
