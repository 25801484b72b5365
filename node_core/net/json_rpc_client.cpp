// json_rpc_client: JSON-RPC 2.0 requests over the pooled HTTP client; the answers are checked
// by json_rpc_answer.cpp.
#include "net/json_rpc_client.hpp"

#include <chrono>
#include <memory>

#include "net/http_client.hpp"
#include "net/json_rpc_answer.hpp"
#include "net/url.hpp"

namespace automator::net {

namespace {

json request_object(const std::string& method, const json& params, std::uint64_t id) {
  return json{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}};
}

/// Wraps `done` so the options' observer (if any) learns the call's method, time and outcome.
template <class Result, class Callback>
std::function<void(Result)> observed(const json_rpc_options& options, std::string method,
                                     Callback done, bool (*ok)(const Result&)) {
  if (!options.observer) return done;
  return [observer = options.observer, method = std::move(method), ok, done = std::move(done),
          started = std::chrono::steady_clock::now()](Result r) {
    observer(method, std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(), ok(r));
    done(std::move(r));
  };
}

bool single_ok(const rpc_result& r) { return r.ok(); }
bool batch_ok(const rpc_batch_result& r) { return r.ok(); }

}  // namespace

json_rpc_client::json_rpc_client(http_client& http, std::string endpoint, json_rpc_options options)
    : http_(http), endpoint_(parse_url(endpoint).to_string()), options_(std::move(options)) {}

http_request json_rpc_client::post_request(std::string body) const {
  http_request request;
  request.method = "POST";
  request.url = endpoint_;
  request.headers = options_.extra_headers;
  request.headers.emplace_back("Content-Type", "application/json");
  request.timeout = options_.timeout;
  request.body = std::move(body);
  return request;
}

void json_rpc_client::call(std::string method, json params, rpc_callback callback) {
  const std::uint64_t id = next_id_++;
  http_request request = post_request(request_object(method, params, id).dump());
  callback = observed<rpc_result>(options_, method, std::move(callback), single_ok);
  http_.submit(std::move(request), [site = rpc_call_site{std::move(method), endpoint_}, id,
                                    callback = std::move(callback)](http_result answer) {
    callback(interpret_answer(site, id, answer));
  });
}

rpc_result json_rpc_client::call_sync(std::string method, json params) {
  const std::uint64_t id = next_id_++;
  const auto started = std::chrono::steady_clock::now();
  const http_result answer = http_.request_sync(post_request(request_object(method, params, id).dump()));
  rpc_result result = interpret_answer(rpc_call_site{method, endpoint_}, id, answer);
  if (options_.observer)
    options_.observer(method, std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(),
                      result.ok());
  return result;
}

void json_rpc_client::call_batch(std::vector<rpc_call> calls, rpc_batch_callback callback) {
  if (calls.empty()) return callback(std::vector<rpc_result>{});
  callback = observed<rpc_batch_result>(options_, "batch", std::move(callback), batch_ok);
  json batch = json::array();
  std::vector<rpc_call_site> sites;
  std::vector<std::uint64_t> ids;
  std::string methods;
  for (auto& c : calls) {
    const std::uint64_t id = next_id_++;
    batch.push_back(request_object(c.method, c.params, id));
    methods += (methods.empty() ? "" : ",") + c.method;
    sites.push_back({c.method, endpoint_});
    ids.push_back(id);
  }
  http_.submit(post_request(batch.dump()),
               [whole = rpc_call_site{"batch[" + methods + "]", endpoint_}, sites = std::move(sites),
                ids = std::move(ids), callback = std::move(callback)](http_result answer) {
                 callback(interpret_batch_answer(whole, sites, ids, answer));
               });
}

}  // namespace automator::net
