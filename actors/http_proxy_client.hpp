// proxy_client over HTTP(S): POSTs the hit or co-sign request to the chosen one of the
// configured proxy URLs and checks the JSON answer field by field.
#pragma once

#include <string>
#include <vector>

#include "actors/proxy_client.hpp"
#include "net/http_client.hpp"
#include "net/http_types.hpp"

namespace automator {

class http_proxy_client : public proxy_client {
public:
  /// `http` must outlive this object; `urls` must not be empty nor list a URL twice (each one
  /// counts as a distinct proxy for quorum tasks).
  http_proxy_client(net::http_client& http, std::vector<std::string> urls);

  size_t proxy_count() const override { return urls_.size(); }
  void request_hit(const hit_request& request, std::chrono::milliseconds timeout,
                   callback cb) override;

  /// The JSON body of the POST (public for tests: the proxy parses it strictly).
  static std::string request_body(const hit_request& request);

  /// Turns the proxy's HTTP answer into a signed hit or an error naming what is wrong (public
  /// for tests: malformed answers must give clear errors). For a co-sign request the answer
  /// must be over the requested hit and by another signer.
  static net::result<proxy_answer, proxy_error>
  parse_answer(const hit_request& request, const std::string& url, const net::http_response& r);

private:
  net::http_client& http_;
  std::vector<std::string> urls_;
};

} // namespace automator
