// json_rpc_client against local servers that answer the way broken or unusual nodes do: each
// bad answer maps to its rpc_errc with a message naming method and endpoint; JSON-RPC error
// objects keep code, message and data; batches match answers to calls by id.
#include <doctest/doctest.h>

#include <future>

#include "net/http_client.hpp"
#include "net/http_server.hpp"
#include "net/io_runtime.hpp"
#include "net/json_rpc_client.hpp"
#include "net/url.hpp"
#include "raw_server.hpp"

using namespace automator::net;
using automator::net::test::raw_server;
using automator::net::test::unused_port;
using namespace std::chrono_literals;

namespace {

/// A JSON-RPC "node" whose answer to each request is computed by `answer` from the request.
struct canned_node {
  explicit canned_node(std::function<server_response(const json& request)> answer)
      : server(runtime, [answer](const server_request& r) { return answer(json::parse(r.body)); }) {}

  std::string url() const { return "http://127.0.0.1:" + std::to_string(server.port()) + "/rpc"; }

  io_runtime runtime;
  http_server server;
};

server_response json_answer(const json& body, unsigned status = 200) {
  return {status, "application/json", body.dump(), {}, false};
}

rpc_error failure(const std::string& url, const std::string& method = "eth_test") {
  io_runtime runtime;
  http_client http(runtime);
  json_rpc_client rpc(http, url, json_rpc_options{300ms, {}});
  auto r = rpc.call_sync(method);
  REQUIRE_FALSE(r.ok());
  return r.error();
}

}  // namespace

TEST_CASE("a result comes back as JSON") {
  canned_node node([](const json& req) {
    CHECK(req["jsonrpc"] == "2.0");
    CHECK(req["method"] == "eth_add");
    return json_answer({{"jsonrpc", "2.0"}, {"id", req["id"]},
                        {"result", req["params"][0].get<int>() + req["params"][1].get<int>()}});
  });
  io_runtime runtime;
  http_client http(runtime);
  json_rpc_client rpc(http, node.url());
  auto r = rpc.call_sync("eth_add", json::array({2, 3}));
  REQUIRE(r.ok());
  CHECK(*r == 5);
}

TEST_CASE("JSON-RPC error objects keep code, message and data") {
  canned_node node([](const json& req) {
    return json_answer({{"jsonrpc", "2.0"}, {"id", req["id"]},
                        {"error", {{"code", 3}, {"message", "execution reverted"},
                                   {"data", "0x08c379a0"}}}});
  });
  const rpc_error e = failure(node.url(), "eth_call");
  CHECK(e.kind == rpc_errc::rpc_error);
  CHECK(e.code == 3);
  CHECK(e.rpc_message == "execution reverted");
  CHECK(e.data == "0x08c379a0");
  CHECK(e.method == "eth_call");
  CHECK(e.message == "eth_call at " + node.url() + ": JSON-RPC error 3: execution reverted (data: 0x08c379a0)");
}

TEST_CASE("an error object sent with an HTTP error status is still the JSON-RPC error") {
  canned_node node([](const json& req) {
    return json_answer({{"jsonrpc", "2.0"}, {"id", req["id"]},
                        {"error", {{"code", -32005}, {"message", "rate limited"}}}},
                       429);
  });
  const rpc_error e = failure(node.url());
  CHECK(e.kind == rpc_errc::rpc_error);
  CHECK(e.code == -32005);
  CHECK(e.http_status == 429);
}

TEST_CASE("HTTP errors without a JSON-RPC body") {
  canned_node node([](const json&) {
    return server_response{502, "text/html", "<html>bad gateway</html>", {}, false};
  });
  const rpc_error e = failure(node.url());
  CHECK(e.kind == rpc_errc::http_status);
  CHECK(e.http_status == 502);
  CHECK(e.message.find("HTTP status 502") != std::string::npos);
  CHECK(e.message.find("bad gateway") != std::string::npos);
}

TEST_CASE("bodies that are not JSON") {
  canned_node node([](const json&) {
    return server_response{200, "text/plain", "definitely not json", {}, false};
  });
  const rpc_error e = failure(node.url());
  CHECK(e.kind == rpc_errc::not_json);
  CHECK(e.message.find("definitely not json") != std::string::npos);
}

TEST_CASE("JSON that is not a JSON-RPC answer") {
  SUBCASE("no result and no error") {
    canned_node node([](const json& req) { return json_answer({{"jsonrpc", "2.0"}, {"id", req["id"]}}); });
    const rpc_error e = failure(node.url());
    CHECK(e.kind == rpc_errc::invalid_response);
    CHECK(e.message.find("neither result nor error") != std::string::npos);
  }
  SUBCASE("wrong id") {
    canned_node node([](const json&) { return json_answer({{"jsonrpc", "2.0"}, {"id", 999}, {"result", 1}}); });
    const rpc_error e = failure(node.url());
    CHECK(e.kind == rpc_errc::invalid_response);
    CHECK(e.message.find("does not match") != std::string::npos);
  }
  SUBCASE("not an object") {
    canned_node node([](const json&) { return json_answer(json::array({1, 2})); });
    CHECK(failure(node.url()).kind == rpc_errc::invalid_response);
  }
  SUBCASE("malformed error object") {
    canned_node node([](const json& req) { return json_answer({{"id", req["id"]}, {"error", "boom"}}); });
    const rpc_error e = failure(node.url());
    CHECK(e.kind == rpc_errc::invalid_response);
    CHECK(e.message.find("malformed JSON-RPC error object") != std::string::npos);
  }
}

TEST_CASE("transport failures and timeouts") {
  const rpc_error refused =
      failure("http://127.0.0.1:" + std::to_string(unused_port()) + "/", "eth_blockNumber");
  CHECK(refused.kind == rpc_errc::transport);
  CHECK(refused.transport == net_errc::connect_failed);
  CHECK(refused.message.rfind("eth_blockNumber at http://127.0.0.1:", 0) == 0);

  raw_server hanging(raw_server::behavior::hang);
  const rpc_error slow = failure(hanging.url());
  CHECK(slow.kind == rpc_errc::timeout);
  CHECK(slow.transport == net_errc::timeout);
}

TEST_CASE("an invalid endpoint is rejected when the client is made") {
  io_runtime runtime;
  http_client http(runtime);
  CHECK_THROWS_AS(json_rpc_client(http, "localhost:8545"), url_error);
}

TEST_CASE("batches match answers to calls by id, whatever their order") {
  canned_node node([](const json& batch) {
    json answers = json::array();
    for (auto it = batch.rbegin(); it != batch.rend(); ++it) {
      const json& call = *it;
      if (call["method"] == "bad")
        answers.push_back({{"jsonrpc", "2.0"}, {"id", call["id"]},
                           {"error", {{"code", -32601}, {"message", "method not found"}}}});
      else if (call["method"] != "lost")
        answers.push_back({{"jsonrpc", "2.0"}, {"id", call["id"]}, {"result", call["method"]}});
    }
    return json_answer(answers);
  });
  io_runtime runtime;
  http_client http(runtime);
  json_rpc_client rpc(http, node.url());
  std::promise<rpc_batch_result> done;
  rpc.call_batch({{"a", json::array()}, {"bad", json::array()}, {"lost", json::array()}, {"b", json::array()}},
                 [&](rpc_batch_result r) { done.set_value(std::move(r)); });
  auto r = done.get_future().get();
  REQUIRE(r.ok());
  REQUIRE(r->size() == 4);
  CHECK((*r)[0].value() == "a");
  CHECK((*r)[1].error().code == -32601);
  CHECK((*r)[2].error().kind == rpc_errc::invalid_response);
  CHECK((*r)[3].value() == "b");
}
