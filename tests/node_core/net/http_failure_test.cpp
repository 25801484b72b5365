// Every way an HTTP exchange can fail ends in exactly one callback with a net_error naming the
// URL and the reason: refused connections, hanging servers, malformed, truncated and
// oversized answers, bad URLs, a full queue and a client shut down with requests pending.
#include <doctest/doctest.h>

#include <future>

#include "net/http_client.hpp"
#include "net/http_server.hpp"
#include "net/io_runtime.hpp"
#include "raw_server.hpp"

using namespace automator::net;
using automator::net::test::raw_server;
using automator::net::test::unused_port;
using namespace std::chrono_literals;

namespace {

net_error failure(http_client& client, http_request req) {
  auto r = client.request_sync(std::move(req));
  REQUIRE_FALSE(r.ok());
  return r.error();
}

http_request get(const std::string& url, std::chrono::milliseconds timeout = 5000ms) {
  http_request req;
  req.url = url;
  req.timeout = timeout;
  return req;
}

}  // namespace

TEST_CASE("connection refused") {
  io_runtime runtime;
  http_client client(runtime);
  const std::string url = "http://127.0.0.1:" + std::to_string(unused_port()) + "/";
  const net_error e = failure(client, get(url));
  CHECK(e.code == net_errc::connect_failed);
  CHECK(e.message.find(url) != std::string::npos);
  CHECK(e.message.find("refused") != std::string::npos);
}

TEST_CASE("a server that never answers times out within the request's budget") {
  io_runtime runtime;
  http_client client(runtime);
  raw_server server(raw_server::behavior::hang);
  const auto start = std::chrono::steady_clock::now();
  const net_error e = failure(client, get(server.url(), 300ms));
  const auto took = std::chrono::steady_clock::now() - start;
  CHECK(e.code == net_errc::timeout);
  CHECK(e.message.find("300 ms") != std::string::npos);
  CHECK(took >= 300ms);
  CHECK(took < 2s);
  CHECK(client.stats().in_flight == 0);
}

TEST_CASE("malformed answers") {
  io_runtime runtime;
  http_client client(runtime);
  SUBCASE("not HTTP at all") {
    raw_server server(raw_server::behavior::reply_and_close, "hello there\r\n\r\n");
    CHECK(failure(client, get(server.url())).code == net_errc::malformed_response);
  }
  SUBCASE("bad status line") {
    raw_server server(raw_server::behavior::reply_and_close, "HTTP/1.1 abc OK\r\n\r\n");
    CHECK(failure(client, get(server.url())).code == net_errc::malformed_response);
  }
  SUBCASE("bad chunked encoding") {
    raw_server server(raw_server::behavior::reply_and_close,
                      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n");
    CHECK(failure(client, get(server.url())).code == net_errc::malformed_response);
  }
  SUBCASE("body shorter than Content-Length") {
    raw_server server(raw_server::behavior::reply_and_close,
                      "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this");
    const net_error e = failure(client, get(server.url()));
    CHECK(e.code == net_errc::malformed_response);
    CHECK(e.message.find("partial message") != std::string::npos);
  }
  SUBCASE("connection closed before any answer") {
    raw_server server(raw_server::behavior::reply_and_close, "");
    const net_error e = failure(client, get(server.url()));
    CHECK(e.code == net_errc::read_failed);
    CHECK(e.message.find("before a complete response") != std::string::npos);
  }
}

TEST_CASE("a body without Content-Length ends at connection close") {
  io_runtime runtime;
  http_client client(runtime);
  raw_server server(raw_server::behavior::reply_and_close, "HTTP/1.1 200 OK\r\n\r\nuntil close");
  auto r = client.request_sync(get(server.url()));
  REQUIRE(r.ok());
  CHECK(r->body == "until close");
}

TEST_CASE("oversized bodies are refused") {
  io_runtime runtime;
  http_server server(runtime, [](const server_request&) {
    return server_response{200, "text/plain", std::string(200'000, 'x'), {}, false};
  });
  http_client_options options;
  options.max_body_bytes = 100'000;
  http_client client(runtime, options);
  const net_error e = failure(
      client, get("http://127.0.0.1:" + std::to_string(server.port()) + "/big"));
  CHECK(e.code == net_errc::body_too_large);
  CHECK(e.message.find("100000") != std::string::npos);
}

TEST_CASE("an invalid URL fails in the callback, not in submit") {
  io_runtime runtime;
  http_client client(runtime);
  const net_error e = failure(client, get("ftp://example.com/"));
  CHECK(e.code == net_errc::invalid_url);
  CHECK(e.message.find("unsupported scheme") != std::string::npos);
}

TEST_CASE("unknown host names fail to resolve") {
  io_runtime runtime;
  http_client client(runtime);
  CHECK(failure(client, get("http://no-such-host.invalid/")).code == net_errc::resolve_failed);
}

TEST_CASE("a full queue fails fast") {
  io_runtime runtime;
  raw_server server(raw_server::behavior::hang);
  http_client_options options;
  options.max_connections_per_origin = 1;
  options.max_queued = 1;
  http_client client(runtime, options);
  std::promise<net_errc> first, second, third;
  client.submit(get(server.url(), 500ms), [&](http_result r) { first.set_value(r.error().code); });
  client.submit(get(server.url(), 500ms), [&](http_result r) { second.set_value(r.error().code); });
  client.submit(get(server.url(), 500ms), [&](http_result r) { third.set_value(r.error().code); });
  CHECK(third.get_future().get() == net_errc::queue_full);
  CHECK(first.get_future().get() == net_errc::timeout);
  CHECK(second.get_future().get() == net_errc::timeout);
}

TEST_CASE("destroying the client fails pending requests with shutting_down") {
  io_runtime runtime;
  raw_server server(raw_server::behavior::hang);
  std::promise<net_errc> in_flight, queued;
  {
    http_client_options options;
    options.max_connections_per_origin = 1;
    http_client client(runtime, options);
    client.submit(get(server.url()), [&](http_result r) { in_flight.set_value(r.error().code); });
    client.submit(get(server.url()), [&](http_result r) { queued.set_value(r.error().code); });
    std::this_thread::sleep_for(100ms);
  }
  CHECK(queued.get_future().get() == net_errc::shutting_down);
  CHECK(in_flight.get_future().get() == net_errc::shutting_down);
}

TEST_CASE("methods and headers that would corrupt the request are refused") {
  io_runtime runtime;
  http_client client(runtime);
  http_request req = get("http://127.0.0.1:1/");
  req.method = "GE T";
  CHECK(failure(client, req).code == net_errc::invalid_request);
  req.method = "GET";
  req.headers = {{"X-Evil", "a\r\nInjected: yes"}};
  const net_error e = failure(client, req);
  CHECK(e.code == net_errc::invalid_request);
  CHECK(e.message.find("X-Evil") != std::string::npos);
  req.headers = {{"Bad Name", "x"}};
  CHECK(failure(client, req).code == net_errc::invalid_request);
}
