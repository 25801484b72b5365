// HTTPS against a local TLS http_server whose self-signed certificate is made at test time:
// verification against an explicit CA file, rejection without it or for the wrong host name,
// the devnet switch that turns verification off, and keep-alive over TLS.
#include <doctest/doctest.h>

#include "net/http_client.hpp"
#include "net/http_server.hpp"
#include "net/io_runtime.hpp"
#include "test_tls_cert.hpp"

using namespace automator::net;
using automator::net::test::test_tls_cert;

namespace {

struct tls_fixture {
  test_tls_cert cert;
  io_runtime server_runtime;
  http_server server{server_runtime,
                     [](const server_request& r) {
                       return server_response{200, "text/plain", "secure " + r.target, {}, false};
                     },
                     http_server_options{"127.0.0.1", 0, 1 << 20, std::chrono::seconds(30),
                                         cert.cert_file(), cert.key_file()}};

  std::string url(const std::string& host) const {
    return "https://" + host + ":" + std::to_string(server.port()) + "/x";
  }
};

http_request get(const std::string& url) {
  http_request req;
  req.url = url;
  return req;
}

}  // namespace

TEST_CASE_FIXTURE(tls_fixture, "a certificate signed by a trusted CA file is accepted") {
  io_runtime runtime(io_runtime_options{1, true, cert.cert_file()});
  http_client client(runtime);
  for (int i = 0; i < 3; ++i) {
    auto r = client.request_sync(get(url("localhost")));
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
    CHECK(r->body == "secure /x");
  }
  CHECK(server.connections_accepted() == 1);
}

TEST_CASE_FIXTURE(tls_fixture, "an untrusted certificate fails with a tls error") {
  io_runtime runtime;
  http_client client(runtime);
  auto r = client.request_sync(get(url("localhost")));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == net_errc::tls);
  CHECK(r.error().message.find("certificate verify failed") != std::string::npos);
}

TEST_CASE_FIXTURE(tls_fixture, "a certificate for another host name fails verification") {
  io_runtime runtime(io_runtime_options{1, true, cert.cert_file()});
  http_client client(runtime);
  auto r = client.request_sync(get(url("127.0.0.1")));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == net_errc::tls);
}

TEST_CASE_FIXTURE(tls_fixture, "verification can be turned off for devnets") {
  io_runtime runtime(io_runtime_options{1, false, ""});
  http_client client(runtime);
  auto r = client.request_sync(get(url("127.0.0.1")));
  REQUIRE(r.ok());
  CHECK(r->body == "secure /x");
}

TEST_CASE("a missing CA file is a clear error") {
  CHECK_THROWS_WITH_AS(io_runtime(io_runtime_options{1, true, "/nonexistent/ca.pem"}),
                       doctest::Contains("/nonexistent/ca.pem"), std::runtime_error);
}

TEST_CASE("a plain HTTP client talking to a TLS port gets a clear error") {
  tls_fixture f;
  io_runtime runtime;
  http_client client(runtime);
  auto r = client.request_sync(get("http://127.0.0.1:" + std::to_string(f.server.port()) + "/"));
  REQUIRE_FALSE(r.ok());
}
