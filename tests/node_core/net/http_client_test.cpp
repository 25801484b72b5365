// http_client against the library's own http_server: requests and responses, keep-alive reuse
// (counted at the server), the per-origin cap and the queue, reconnecting once after the
// server closed an idle connection, and many requests in flight.
#include <doctest/doctest.h>

#include <atomic>
#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>

#include "net/http_client.hpp"
#include "net/http_server.hpp"
#include "net/io_runtime.hpp"

using namespace automator::net;
using namespace std::chrono_literals;

namespace {

/// An echo server: answers with the method, target and body it got.
server_response echo(const server_request& r) {
  server_response out;
  out.content_type = "application/json";
  out.body = r.method + " " + r.target + " " + r.body;
  out.headers.emplace_back("X-Seen-Header", std::string(find_header(r.headers, "X-Test")));
  if (r.target == "/fail") throw std::runtime_error("handler exploded");
  if (r.target == "/teapot") out.status = 418;
  return out;
}

std::string url_of(const http_server& s, const std::string& path) {
  return "http://127.0.0.1:" + std::to_string(s.port()) + path;
}

/// Waits until `n` callbacks have run.
class countdown {
public:
  explicit countdown(int n) : left_(n) {}
  void done() {
    std::lock_guard lock(m_);
    if (--left_ == 0) cv_.notify_all();
  }
  bool wait(std::chrono::seconds limit) {
    std::unique_lock lock(m_);
    return cv_.wait_for(lock, limit, [&] { return left_ == 0; });
  }

private:
  std::mutex m_;
  std::condition_variable cv_;
  int left_;
};

}  // namespace

TEST_CASE("GET and POST with headers, bodies and any status") {
  io_runtime runtime;
  http_server server(runtime, echo);
  http_client client(runtime);

  http_request get;
  get.url = url_of(server, "/hello?x=1");
  get.headers.emplace_back("X-Test", "yes");
  auto r = client.request_sync(get);
  REQUIRE(r.ok());
  CHECK(r->status == 200);
  CHECK(r->body == "GET /hello?x=1 ");
  CHECK(r->header("x-seen-header") == "yes");
  CHECK(r->header("content-type") == "application/json");
  CHECK(r->elapsed.count() > 0);

  http_request post;
  post.method = "POST";
  post.url = url_of(server, "/teapot");
  post.body = R"({"a":1})";
  r = client.request_sync(post);
  REQUIRE(r.ok());
  CHECK(r->status == 418);
  CHECK(r->body == R"(POST /teapot {"a":1})");

  http_request failing;
  failing.url = url_of(server, "/fail");
  r = client.request_sync(failing);
  REQUIRE(r.ok());
  CHECK(r->status == 500);
  CHECK(r->body.find("handler exploded") != std::string::npos);
}

TEST_CASE("sequential requests reuse one keep-alive connection") {
  io_runtime runtime;
  http_server server(runtime, echo);
  http_client client(runtime);
  for (int i = 0; i < 20; ++i) {
    http_request req;
    req.url = url_of(server, "/n" + std::to_string(i));
    REQUIRE(client.request_sync(req).ok());
  }
  CHECK(server.connections_accepted() == 1);
  CHECK(client.stats().connections_opened == 1);
  CHECK(client.stats().reused_connections == 19);
  CHECK(client.stats().idle_connections == 1);
}

TEST_CASE("many requests in flight stay within the per-origin cap; the rest queue") {
  io_runtime runtime({2});
  http_server server(runtime, [](const server_request& r) {
    std::this_thread::sleep_for(2ms);
    return server_response{200, "text/plain", r.target, {}, false};
  });
  http_client_options options;
  options.max_connections_per_origin = 4;
  http_client client(runtime, options);

  constexpr int n = 200;
  countdown left(n);
  std::atomic<int> ok{0};
  std::vector<std::thread> submitters;
  for (int t = 0; t < 4; ++t) {
    submitters.emplace_back([&, t] {
      for (int i = t; i < n; i += 4) {
        http_request req;
        req.url = url_of(server, "/" + std::to_string(i));
        client.submit(req, [&, i](http_result r) {
          if (r.ok() && r->body == "/" + std::to_string(i)) ++ok;
          left.done();
        });
      }
    });
  }
  for (auto& t : submitters) t.join();
  REQUIRE(left.wait(30s));
  CHECK(ok == n);
  CHECK(server.connections_accepted() <= 4);
  const auto stats = client.stats();
  CHECK(stats.requests_completed == n);
  CHECK(stats.in_flight == 0);
  CHECK(stats.queued == 0);
}

TEST_CASE("a connection the server closed while idle is replaced once, transparently") {
  io_runtime runtime;
  http_server_options server_options;
  server_options.idle_timeout = 100ms;
  http_server server(runtime, echo, server_options);
  http_client client(runtime);

  http_request req;
  req.url = url_of(server, "/first");
  REQUIRE(client.request_sync(req).ok());
  std::this_thread::sleep_for(300ms);  // the server drops the idle connection
  req.url = url_of(server, "/second");
  auto r = client.request_sync(req);
  REQUIRE(r.ok());
  CHECK(r->body == "GET /second ");
  CHECK(server.connections_accepted() == 2);
  CHECK(client.stats().retried_stale == 1);
}

TEST_CASE("pooled connections idle longer than the client's idle_timeout are not reused") {
  io_runtime runtime;
  http_server server(runtime, echo);
  http_client_options options;
  options.idle_timeout = 50ms;
  http_client client(runtime, options);
  http_request req;
  req.url = url_of(server, "/");
  REQUIRE(client.request_sync(req).ok());
  std::this_thread::sleep_for(120ms);
  REQUIRE(client.request_sync(req).ok());
  CHECK(server.connections_accepted() == 2);
  CHECK(client.stats().retried_stale == 0);
}

TEST_CASE("a response with Connection: close is not pooled") {
  io_runtime runtime;
  http_server server(runtime, [](const server_request&) {
    return server_response{200, "text/plain", "bye", {}, true};
  });
  http_client client(runtime);
  http_request req;
  req.url = url_of(server, "/");
  for (int i = 0; i < 3; ++i) REQUIRE(client.request_sync(req).ok());
  CHECK(server.connections_accepted() == 3);
  CHECK(client.stats().reused_connections == 0);
}

TEST_CASE("request_sync from an io_runtime thread fails instead of deadlocking") {
  io_runtime runtime;
  http_server server(runtime, echo);
  http_client client(runtime);
  std::promise<http_result> inner;
  http_request req;
  req.url = url_of(server, "/");
  client.submit(req, [&](http_result) { inner.set_value(client.request_sync(req)); });
  auto r = inner.get_future().get();
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == net_errc::invalid_request);
}

TEST_CASE("the server refuses request bodies over its limit with 413") {
  io_runtime runtime;
  http_server_options options;
  options.max_body_bytes = 1000;
  http_server server(runtime, echo, options);
  http_client client(runtime);
  http_request req;
  req.method = "POST";
  req.url = url_of(server, "/upload");
  req.body = std::string(5000, 'x');
  auto r = client.request_sync(req);
  REQUIRE(r.ok());
  CHECK(r->status == 413);
  req.body = std::string(500, 'x');
  r = client.request_sync(req);
  REQUIRE(r.ok());
  CHECK(r->status == 200);
}

TEST_CASE("an asynchronous handler may answer later, from another thread") {
  io_runtime runtime;
  std::vector<std::thread> answerers;
  std::mutex answerers_mutex;
  http_server server(runtime, async_server_handler([&](const server_request& r,
                                                       server_responder respond) {
    std::lock_guard lock(answerers_mutex);
    answerers.emplace_back([respond, target = r.target] {
      std::this_thread::sleep_for(20ms);
      respond({200, "text/plain", "later " + target, {}, false});
      respond({500, "text/plain", "ignored second answer", {}, false});
    });
  }));
  http_client client(runtime);
  for (int i = 0; i < 3; ++i) {
    http_request req;
    req.url = url_of(server, "/" + std::to_string(i));
    auto r = client.request_sync(req);
    REQUIRE(r.ok());
    CHECK(r->body == "later /" + std::to_string(i));
  }
  CHECK(server.connections_accepted() == 1);
  for (auto& t : answerers) t.join();
}
