// proxy_client over HTTP(S): POSTs the hit request to one of the configured proxy URLs
// (rotating with the attempt number) and checks the JSON answer field by field.
#pragma once

#include <string>
#include <vector>

#include "actors/proxy_client.hpp"
#include "net/http_client.hpp"
#include "net/http_types.hpp"

namespace automator {

class http_proxy_client : public proxy_client {
public:
  /// `http` must outlive this object; `urls` must not be empty.
  http_proxy_client(net::http_client& http, std::vector<std::string> urls);

  void request_hit(const hit_request& request, std::chrono::milliseconds timeout,
                   callback cb) override;

  /// Turns the proxy's HTTP answer into a proof or an error naming what is wrong (public for
  /// tests: malformed answers must give clear errors).
  static net::result<hit_proof, proxy_error>
  parse_answer(const hit_request& request, const std::string& url, const net::http_response& r);

private:
  net::http_client& http_;
  std::vector<std::string> urls_;
};

} // namespace automator
