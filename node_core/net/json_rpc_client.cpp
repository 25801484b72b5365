// json_rpc_client: JSON-RPC 2.0 requests and the checks that turn every bad answer into an
// rpc_error naming the method, the endpoint and the failing layer.
#include "net/json_rpc_client.hpp"

#include <memory>
#include <unordered_map>

#include "net/http_client.hpp"
#include "net/url.hpp"

namespace automator::net {

const char* to_string(rpc_errc kind) noexcept {
  switch (kind) {
    case rpc_errc::transport: return "transport";
    case rpc_errc::timeout: return "timeout";
    case rpc_errc::http_status: return "http_status";
    case rpc_errc::not_json: return "not_json";
    case rpc_errc::invalid_response: return "invalid_response";
    case rpc_errc::rpc_error: return "rpc_error";
  }
  return "unknown";
}

namespace {

/// Context for error messages: "eth_call at http://host:port/".
struct call_site {
  std::string method;
  std::string endpoint;

  rpc_error error(rpc_errc kind, const std::string& what, unsigned status = 0) const {
    rpc_error e;
    e.kind = kind;
    e.message = method + " at " + endpoint + ": " + what;
    e.method = method;
    e.http_status = status;
    return e;
  }
};

std::string snippet(const std::string& body) {
  constexpr std::size_t max = 200;
  return body.size() <= max ? body : body.substr(0, max) + "...";
}

/// The JSON-RPC error object `err` as an rpc_error (code, message and data kept).
rpc_error from_error_object(const call_site& site, const json& err, unsigned status) {
  if (!err.is_object() || !err.contains("code") || !err["code"].is_number_integer())
    return site.error(rpc_errc::invalid_response,
                      "malformed JSON-RPC error object: " + snippet(err.dump()), status);
  rpc_error e = site.error(rpc_errc::rpc_error, "", status);
  e.code = err["code"].get<std::int64_t>();
  if (err.contains("message") && err["message"].is_string())
    e.rpc_message = err["message"].get<std::string>();
  if (err.contains("data") && !err["data"].is_null())
    e.data = err["data"].is_string() ? err["data"].get<std::string>() : err["data"].dump();
  e.message = site.method + " at " + site.endpoint + ": JSON-RPC error " +
              std::to_string(e.code) + ": " + e.rpc_message +
              (e.data.empty() ? "" : " (data: " + snippet(e.data) + ")");
  return e;
}

/// One JSON-RPC response object -> result or error, checking version and id.
rpc_result from_response_object(const call_site& site, const json& answer, std::uint64_t id,
                                unsigned status) {
  if (!answer.is_object())
    return site.error(rpc_errc::invalid_response, "answer is not a JSON object", status);
  if (answer.contains("error") && !answer["error"].is_null())
    return from_error_object(site, answer["error"], status);
  if (!answer.contains("id") || answer["id"] != json(id))
    return site.error(rpc_errc::invalid_response,
                      "answer id " + (answer.contains("id") ? answer["id"].dump() : "missing") +
                          " does not match request id " + std::to_string(id),
                      status);
  if (!answer.contains("result"))
    return site.error(rpc_errc::invalid_response,
                      "answer has neither result nor error: " + snippet(answer.dump()), status);
  return answer["result"];
}

/// The HTTP layer's verdict: a transport error, or the parsed JSON body. A non-2xx status
/// with a JSON-RPC error body is reported as that error (nodes answer 4xx/5xx with one).
result<json, rpc_error> parse_http(const call_site& site, const http_result& answer) {
  if (!answer.ok()) {
    const net_error& ne = answer.error();
    rpc_error e = site.error(ne.code == net_errc::timeout ? rpc_errc::timeout : rpc_errc::transport,
                             ne.message);
    e.transport = ne.code;
    return e;
  }
  const http_response& r = *answer;
  json body = json::parse(r.body, nullptr, false);
  const bool ok_status = r.status >= 200 && r.status < 300;
  if (body.is_discarded()) {
    if (!ok_status)
      return site.error(rpc_errc::http_status,
                        "HTTP status " + std::to_string(r.status) + ": " + snippet(r.body),
                        r.status);
    return site.error(rpc_errc::not_json, "answer is not JSON: " + snippet(r.body), r.status);
  }
  if (!ok_status) {
    if (body.is_object() && body.contains("error") && !body["error"].is_null())
      return from_error_object(site, body["error"], r.status);
    return site.error(rpc_errc::http_status,
                      "HTTP status " + std::to_string(r.status) + ": " + snippet(r.body), r.status);
  }
  return body;
}

}  // namespace

namespace {

/// A call's answer: the HTTP verdict, then the JSON-RPC response object.
rpc_result interpret(const call_site& site, std::uint64_t id, const http_result& answer) {
  auto body = parse_http(site, answer);
  if (!body.ok()) return body.error();
  return from_response_object(site, *body, id, answer->status);
}

json request_object(const std::string& method, const json& params, std::uint64_t id) {
  return json{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}};
}

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
  http_.submit(std::move(request),
               [site = call_site{std::move(method), endpoint_}, id,
                callback = std::move(callback)](http_result answer) {
                 callback(interpret(site, id, answer));
               });
}

rpc_result json_rpc_client::call_sync(std::string method, json params) {
  const std::uint64_t id = next_id_++;
  const http_result answer =
      http_.request_sync(post_request(request_object(method, params, id).dump()));
  return interpret(call_site{std::move(method), endpoint_}, id, answer);
}

void json_rpc_client::call_batch(std::vector<rpc_call> calls, rpc_batch_callback callback) {
  if (calls.empty()) return callback(std::vector<rpc_result>{});
  json batch = json::array();
  std::vector<call_site> sites;
  std::vector<std::uint64_t> ids;
  std::string methods;
  for (auto& c : calls) {
    const std::uint64_t id = next_id_++;
    batch.push_back(request_object(c.method, c.params, id));
    methods += (methods.empty() ? "" : ",") + c.method;
    sites.push_back({c.method, endpoint_});
    ids.push_back(id);
  }
  http_.submit(post_request(batch.dump()), [whole = call_site{"batch[" + methods + "]", endpoint_},
                                    sites = std::move(sites), ids = std::move(ids),
                                    callback = std::move(callback)](http_result answer) {
    auto body = parse_http(whole, answer);
    if (!body.ok()) return callback(body.error());
    if (body->is_object() && body->contains("error"))
      return callback(from_error_object(whole, (*body)["error"], answer->status));
    if (!body->is_array())
      return callback(whole.error(rpc_errc::invalid_response, "batch answer is not an array",
                                  answer->status));
    std::unordered_map<std::uint64_t, const json*> by_id;
    for (const auto& item : *body)
      if (item.is_object() && item.contains("id") && item["id"].is_number_unsigned())
        by_id[item["id"].get<std::uint64_t>()] = &item;
    std::vector<rpc_result> results;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      auto it = by_id.find(ids[i]);
      if (it == by_id.end()) {
        results.push_back(sites[i].error(rpc_errc::invalid_response,
                                         "batch answer has no entry for id " +
                                             std::to_string(ids[i]),
                                         answer->status));
      } else {
        results.push_back(from_response_object(sites[i], *it->second, ids[i], answer->status));
      }
    }
    callback(std::move(results));
  });
}

}  // namespace automator::net
