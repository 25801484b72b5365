// Parsing and validation of the http:// and https:// URLs the node is configured with (RPC
// endpoints, proxy URLs). Anything else is rejected with a message naming the problem.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace automator::net {

/// Thrown by parse_url; what() names the URL and what is wrong with it.
class url_error : public std::invalid_argument {
public:
  using std::invalid_argument::invalid_argument;
};

struct url {
  std::string scheme;  // "http" or "https" (lowercased)
  std::string host;    // lowercased host name or IPv4 literal; IPv6 literal without brackets
  uint16_t port = 0;   // explicit port, or 80 / 443 by scheme
  std::string target;  // path + query, always starting with '/'; the fragment is dropped

  bool tls() const noexcept { return scheme == "https"; }
  /// "scheme://host:port": the key of one connection pool.
  std::string origin() const;
  /// The Host header value: host, plus ":port" when the port is not the scheme's default.
  std::string host_header() const;
  /// The whole URL in canonical form.
  std::string to_string() const;
};

/// Parses "http[s]://host[:port][/path][?query][#fragment]". Rejects other schemes, user info,
/// empty hosts, bad or out-of-range ports, spaces and control characters.
url parse_url(std::string_view text);

}  // namespace automator::net
