// URL parsing for http_client and the node's configuration.
#include "net/url.hpp"

#include <algorithm>
#include <cctype>

namespace automator::net {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

[[noreturn]] void fail(std::string_view text, const std::string& why) {
  throw url_error("invalid URL \"" + std::string(text) + "\": " + why);
}

bool valid_host_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_';
}

uint16_t default_port(const std::string& scheme) { return scheme == "https" ? 443 : 80; }

}  // namespace

url parse_url(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f)
      fail(text, "contains a space or control character");
  }
  const auto sep = text.find("://");
  if (sep == std::string_view::npos) fail(text, "missing scheme (expected http:// or https://)");
  url u;
  u.scheme = lower(text.substr(0, sep));
  if (u.scheme != "http" && u.scheme != "https")
    fail(text, "unsupported scheme \"" + u.scheme + "\" (expected http or https)");

  std::string_view rest = text.substr(sep + 3);
  const auto authority_end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, authority_end);
  std::string_view tail =
      authority_end == std::string_view::npos ? std::string_view{} : rest.substr(authority_end);
  if (authority.find('@') != std::string_view::npos)
    fail(text, "user info (user:password@) is not supported");
  if (authority.empty()) fail(text, "empty host");

  std::string_view host;
  std::string_view port_text;
  if (authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) fail(text, "unterminated IPv6 literal");
    host = authority.substr(1, close - 1);
    if (host.empty()) fail(text, "empty IPv6 literal");
    for (char c : host)
      if (!std::isxdigit(static_cast<unsigned char>(c)) && c != ':' && c != '.')
        fail(text, "bad character in IPv6 literal");
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') fail(text, "unexpected text after IPv6 literal");
      port_text = after.substr(1);
      if (port_text.empty()) fail(text, "empty port");
    }
  } else {
    const auto colon = authority.find(':');
    host = authority.substr(0, colon);
    if (colon != std::string_view::npos) {
      port_text = authority.substr(colon + 1);
      if (port_text.empty()) fail(text, "empty port");
    }
    if (host.empty()) fail(text, "empty host");
    for (char c : host)
      if (!valid_host_char(c)) fail(text, std::string("bad character '") + c + "' in host");
  }
  u.host = lower(host);

  if (port_text.empty()) {
    u.port = default_port(u.scheme);
  } else {
    if (port_text.size() > 5) fail(text, "port out of range");
    unsigned value = 0;
    for (char c : port_text) {
      if (!std::isdigit(static_cast<unsigned char>(c)))
        fail(text, "port \"" + std::string(port_text) + "\" is not a number");
      value = value * 10 + static_cast<unsigned>(c - '0');
    }
    if (value == 0 || value > 65535) fail(text, "port " + std::to_string(value) + " out of range");
    u.port = static_cast<uint16_t>(value);
  }

  const auto fragment = tail.find('#');
  if (fragment != std::string_view::npos) tail = tail.substr(0, fragment);
  if (tail.empty()) {
    u.target = "/";
  } else if (tail.front() == '?') {
    u.target = "/" + std::string(tail);
  } else {
    u.target = std::string(tail);
  }
  return u;
}

std::string url::origin() const {
  return scheme + "://" + (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" +
         std::to_string(port);
}

std::string url::host_header() const {
  std::string h = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  if (port != default_port(scheme)) h += ":" + std::to_string(port);
  return h;
}

std::string url::to_string() const { return scheme + "://" + host_header() + target; }

}  // namespace automator::net
