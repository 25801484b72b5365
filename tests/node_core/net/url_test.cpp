// parse_url: the forms the node accepts and clear errors for the ones it rejects.
#include <doctest/doctest.h>

#include "net/url.hpp"

using namespace automator::net;

TEST_CASE("valid http and https URLs") {
  url u = parse_url("http://127.0.0.1:8545");
  CHECK(u.scheme == "http");
  CHECK(u.host == "127.0.0.1");
  CHECK(u.port == 8545);
  CHECK(u.target == "/");
  CHECK(u.origin() == "http://127.0.0.1:8545");
  CHECK(u.host_header() == "127.0.0.1:8545");

  u = parse_url("HTTPS://Proxy.Example.com/hit?x=1#frag");
  CHECK(u.tls());
  CHECK(u.host == "proxy.example.com");
  CHECK(u.port == 443);
  CHECK(u.target == "/hit?x=1");
  CHECK(u.host_header() == "proxy.example.com");
  CHECK(u.to_string() == "https://proxy.example.com/hit?x=1");

  u = parse_url("http://[::1]:9000?q");
  CHECK(u.host == "::1");
  CHECK(u.target == "/?q");
  CHECK(u.origin() == "http://[::1]:9000");
}

TEST_CASE("malformed URLs name the problem") {
  auto error_of = [](const char* text) {
    try {
      parse_url(text);
    } catch (const url_error& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  CHECK(error_of("127.0.0.1:8545") == "invalid URL \"127.0.0.1:8545\": missing scheme (expected http:// or https://)");
  CHECK(error_of("ws://host/") == "invalid URL \"ws://host/\": unsupported scheme \"ws\" (expected http or https)");
  CHECK(error_of("http:///path") == "invalid URL \"http:///path\": empty host");
  CHECK(error_of("http://host:/") == "invalid URL \"http://host:/\": empty port");
  CHECK(error_of("http://host:0/") == "invalid URL \"http://host:0/\": port 0 out of range");
  CHECK(error_of("http://host:70000/") == "invalid URL \"http://host:70000/\": port 70000 out of range");
  CHECK(error_of("http://host:12a/") == "invalid URL \"http://host:12a/\": port \"12a\" is not a number");
  CHECK(error_of("http://user:pw@host/") == "invalid URL \"http://user:pw@host/\": user info (user:password@) is not supported");
  CHECK(error_of("http://ho st/") == "invalid URL \"http://ho st/\": contains a space or control character");
  CHECK(error_of("http://ho%st/") == "invalid URL \"http://ho%st/\": bad character '%' in host");
  CHECK(error_of("http://[::1/") == "invalid URL \"http://[::1/\": unterminated IPv6 literal");
  CHECK(error_of("") == "invalid URL \"\": missing scheme (expected http:// or https://)");
}
