// The request and response types of the HTTP client and server: plain structs without any
// Beast type in them.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace automator::net {

/// Header fields in the order sent / received. Names compare case-insensitively.
using header_list = std::vector<std::pair<std::string, std::string>>;

/// The value of the first header named `name` (case-insensitive), or "" if there is none.
std::string_view find_header(const header_list& headers, std::string_view name) noexcept;

struct http_request {
  std::string method = "GET";
  std::string url;      // absolute http:// or https:// URL (see url.hpp)
  header_list headers;  // Host, Content-Length and User-Agent are added by the client
  std::string body;
  /// Budget for connect + TLS handshake + write + read of this request once it has a
  /// connection (time spent queued behind the per-origin cap is not counted).
  std::chrono::milliseconds timeout{10'000};
};

struct http_response {
  unsigned status = 0;
  header_list headers;
  std::string body;
  /// From submission to the complete response, including time in the queue.
  std::chrono::microseconds elapsed{0};

  std::string_view header(std::string_view name) const noexcept {
    return find_header(headers, name);
  }
};

}  // namespace automator::net
