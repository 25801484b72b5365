// JSON-RPC answer checks (see json_rpc_answer.hpp). Error messages describe untrusted JSON
// with net::describe, never with json::dump() of a whole tree.
#include "net/json_rpc_answer.hpp"

#include <unordered_map>

#include "net/json_limits.hpp"

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

rpc_error rpc_call_site::error(rpc_errc kind, const std::string& what, unsigned status) const {
  rpc_error e;
  e.kind = kind;
  e.message = method + " at " + endpoint + ": " + what;
  e.method = method;
  e.http_status = status;
  return e;
}

namespace {

std::string snippet(const std::string& body) {
  constexpr std::size_t max = 200;
  return body.size() <= max ? body : body.substr(0, max) + "...";
}

/// The JSON-RPC error object `err` as an rpc_error (code, message and data kept).
rpc_error from_error_object(const rpc_call_site& site, const json& err, unsigned status) {
  if (!err.is_object() || !err.contains("code") || !err["code"].is_number_integer())
    return site.error(rpc_errc::invalid_response, "malformed JSON-RPC error object: " + describe(err), status);
  rpc_error e = site.error(rpc_errc::rpc_error, "", status);
  e.code = err["code"].get<std::int64_t>();
  if (err.contains("message") && err["message"].is_string()) e.rpc_message = err["message"].get<std::string>();
  // dump() is safe here: the body passed the nesting bound; `replace` keeps bad UTF-8 from throwing.
  if (err.contains("data") && !err["data"].is_null())
    e.data = err["data"].is_string() ? err["data"].get<std::string>()
                                     : err["data"].dump(-1, ' ', false, json::error_handler_t::replace);
  e.message = site.method + " at " + site.endpoint + ": JSON-RPC error " + std::to_string(e.code) + ": " +
              e.rpc_message + (e.data.empty() ? "" : " (data: " + snippet(e.data) + ")");
  return e;
}

/// One JSON-RPC response object -> result or error, checking version and id.
rpc_result from_response_object(const rpc_call_site& site, const json& answer, std::uint64_t id, unsigned status) {
  if (!answer.is_object()) return site.error(rpc_errc::invalid_response, "answer is not a JSON object", status);
  if (answer.contains("error") && !answer["error"].is_null()) return from_error_object(site, answer["error"], status);
  if (!answer.contains("id") || answer["id"] != json(id))
    return site.error(rpc_errc::invalid_response,
                      "answer id " + (answer.contains("id") ? describe(answer["id"]) : "missing") +
                          " does not match request id " + std::to_string(id),
                      status);
  if (!answer.contains("result"))
    return site.error(rpc_errc::invalid_response, "answer has neither result nor error: " + describe(answer),
                      status);
  return answer["result"];
}

/// The HTTP layer's verdict: a transport error, or the parsed JSON body. A non-2xx status
/// with a JSON-RPC error body is reported as that error (nodes answer 4xx/5xx with one).
result<json, rpc_error> parse_http(const rpc_call_site& site, const http_result& answer) {
  if (!answer.ok()) {
    const net_error& ne = answer.error();
    rpc_error e = site.error(ne.code == net_errc::timeout ? rpc_errc::timeout : rpc_errc::transport, ne.message);
    e.transport = ne.code;
    return e;
  }
  const http_response& r = *answer;
  std::string why;
  json body = parse_bounded_json(r.body, why);
  const bool ok_status = r.status >= 200 && r.status < 300;
  if (body.is_discarded()) {
    if (!ok_status)
      return site.error(rpc_errc::http_status, "HTTP status " + std::to_string(r.status) + ": " + snippet(r.body),
                        r.status);
    if (why != "not JSON") return site.error(rpc_errc::invalid_response, "answer " + why, r.status);
    return site.error(rpc_errc::not_json, "answer is not JSON: " + snippet(r.body), r.status);
  }
  if (!ok_status) {
    if (body.is_object() && body.contains("error") && !body["error"].is_null())
      return from_error_object(site, body["error"], r.status);
    return site.error(rpc_errc::http_status, "HTTP status " + std::to_string(r.status) + ": " + snippet(r.body),
                      r.status);
  }
  return body;
}

}  // namespace

rpc_result interpret_answer(const rpc_call_site& site, std::uint64_t id, const http_result& answer) {
  auto body = parse_http(site, answer);
  if (!body.ok()) return body.error();
  return from_response_object(site, *body, id, answer->status);
}

rpc_batch_result interpret_batch_answer(const rpc_call_site& whole, const std::vector<rpc_call_site>& sites,
                                        const std::vector<std::uint64_t>& ids, const http_result& answer) {
  auto body = parse_http(whole, answer);
  if (!body.ok()) return body.error();
  if (body->is_object() && body->contains("error"))
    return from_error_object(whole, (*body)["error"], answer->status);
  if (!body->is_array())
    return whole.error(rpc_errc::invalid_response, "batch answer is not an array", answer->status);
  std::unordered_map<std::uint64_t, const json*> by_id;
  for (const auto& item : *body)
    if (item.is_object() && item.contains("id") && item["id"].is_number_unsigned())
      by_id[item["id"].get<std::uint64_t>()] = &item;
  std::vector<rpc_result> results;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    auto it = by_id.find(ids[i]);
    if (it == by_id.end())
      results.push_back(sites[i].error(rpc_errc::invalid_response,
                                       "batch answer has no entry for id " + std::to_string(ids[i]), answer->status));
    else
      results.push_back(from_response_object(sites[i], *it->second, ids[i], answer->status));
  }
  return results;
}

}  // namespace automator::net
