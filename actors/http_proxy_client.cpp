// proxy_client over HTTP (see http_proxy_client.hpp). The answer shape is the proxy's
// (proxy/README.md): {hit: {taskId, slot, operator, hitTimeMs, status, responseHash}, signer,
// signature, call: {failure, reason, ...}} on 200, {error, message} otherwise; a co-signature
// answers in the same shape.
#include "actors/http_proxy_client.hpp"

#include <set>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "actors/node_metrics.hpp"
#include "eth/u256.hpp"

namespace automator {

namespace {

using nlohmann::json;

/// A proxy refusal worth repeating later in the window: it is early, overloaded, or its chain
/// view lags (a task it does not know yet).
bool retryable_status(unsigned status) {
  return status >= 500 || status == 425 || status == 429 || status == 404 || status == 408;
}

uint64_t integer_field(const json& obj, const char* name) {
  auto it = obj.find(name);
  if (it == obj.end())
    throw std::runtime_error(std::string("missing field ") + name);
  if (it->is_number_unsigned())
    return it->get<uint64_t>();
  if (it->is_string())
    return eth::parse_u64(it->get<std::string>());
  throw std::runtime_error(std::string("field ") + name + " is not an unsigned integer");
}

std::string string_field(const json& obj, const char* name) {
  auto it = obj.find(name);
  if (it == obj.end() || !it->is_string())
    throw std::runtime_error(std::string("missing string field ") + name);
  return it->get<std::string>();
}

eth::address address_field(const json& obj, const char* name) {
  try {
    return eth::address::from_hex(string_field(obj, name));
  } catch (const eth::error& e) {
    throw std::runtime_error(std::string("field ") + name + ": " + e.what());
  }
}

/// The reason of a status-0 hit: `call.reason` (or a top-level `reason`) when the proxy gives
/// one as a string, else "unknown" (an older proxy only writes the free text `call.failure`);
/// cut to a short token, as the metrics label it becomes.
std::string failure_reason(const json& answer) {
  auto it = answer.find("call");
  if (it != answer.end() && it->is_object()) {
    auto r = it->find("reason");
    if (r != it->end() && r->is_string())
      return labelled_counter::clean(r->get<std::string>());
  }
  auto r = answer.find("reason");
  if (r != answer.end() && r->is_string())
    return labelled_counter::clean(r->get<std::string>());
  return "unknown";
}

} // namespace

http_proxy_client::http_proxy_client(net::http_client& http, std::vector<std::string> urls)
  : http_(http), urls_(std::move(urls)) {
  if (urls_.empty())
    throw std::invalid_argument("http_proxy_client: no proxy URL configured");
  if (std::set<std::string>(urls_.begin(), urls_.end()).size() != urls_.size())
    throw std::invalid_argument("http_proxy_client: a proxy URL is listed twice");
}

std::string http_proxy_client::request_body(const hit_request& request) {
  json body = {{"chainId", request.chain_id},
               {"contract", request.contract.to_checksum_hex()},
               {"taskId", std::to_string(request.task_id)},
               {"slot", request.slot},
               {"operator", request.operator_address.to_checksum_hex()}};
  if (request.cosign) {
    const hit_proof& hit = request.cosign->proof;
    body["cosign"] = {{"hitTimeMs", std::to_string(hit.hit_time_ms)},
                      {"status", hit.status},
                      {"responseHash", eth::to_hex(hit.response_hash)},
                      {"signature", eth::to_hex(hit.signatures)}};
  }
  return body.dump();
}

void http_proxy_client::request_hit(const hit_request& request,
                                    std::chrono::milliseconds timeout, callback cb) {
  const std::string& url = urls_[request.proxy % urls_.size()];
  net::http_request req;
  req.method = "POST";
  req.url = url;
  req.headers = {{"Content-Type", "application/json"}};
  req.body = request_body(request);
  req.timeout = timeout;
  http_.submit(std::move(req), [request, url, cb = std::move(cb)](net::http_result r) {
    if (!r) {
      cb(proxy_error{true, "proxy " + url + ": " + r.error().message});
      return;
    }
    cb(parse_answer(request, url, *r));
  });
}

net::result<proxy_answer, proxy_error>
http_proxy_client::parse_answer(const hit_request& request, const std::string& url,
                                const net::http_response& r) {
  auto fail = [&](bool retryable, const std::string& what) {
    return proxy_error{retryable, "proxy " + url + " (task " + std::to_string(request.task_id) +
                                    " slot " + std::to_string(request.slot) + "): " + what};
  };
  json answer = json::parse(r.body, nullptr, false);
  if (r.status != 200) {
    std::string why = "HTTP " + std::to_string(r.status);
    if (answer.is_object() && answer.contains("error") && answer["error"].is_string())
      why += " " + answer["error"].get<std::string>();
    if (answer.is_object() && answer.contains("message") && answer["message"].is_string())
      why += ": " + answer["message"].get<std::string>();
    return fail(retryable_status(r.status), why);
  }
  if (!answer.is_object())
    return fail(false, "malformed answer: not a JSON object");
  proxy_answer got;
  hit_proof& proof = got.proof;
  try {
    const json& hit = answer.at("hit");
    proof.ref.task_id = integer_field(hit, "taskId");
    proof.ref.slot = uint32_t(integer_field(hit, "slot"));
    proof.operator_address = address_field(hit, "operator").data;
    proof.hit_time_ms = integer_field(hit, "hitTimeMs");
    auto status = integer_field(hit, "status");
    if (status > 0xffff)
      throw std::runtime_error("status " + std::to_string(status) + " is not an HTTP status");
    proof.status = uint16_t(status);
    proof.response_hash = eth::hash32_from_hex(string_field(hit, "responseHash"));
    proof.signatures = eth::from_hex(string_field(answer, "signature"));
    if (proof.signatures.size() != 65)
      throw std::runtime_error("signature is " + std::to_string(proof.signatures.size()) +
                               " bytes, not 65");
    got.signer = address_field(answer, "signer");
    if (proof.status == 0)
      got.reason = failure_reason(answer);
  } catch (const std::exception& e) {
    return fail(false, std::string("malformed answer: ") + e.what());
  }
  if (proof.ref.task_id != request.task_id || proof.ref.slot != request.slot ||
      proof.operator_address != request.operator_address.data)
    return fail(false, "malformed answer: the hit is for another task, slot or operator");
  if (request.cosign) {
    const hit_proof& asked = request.cosign->proof;
    if (proof.hit_time_ms != asked.hit_time_ms || proof.status != asked.status ||
        proof.response_hash != asked.response_hash)
      return fail(false, "bad co-signature: the co-signed hit differs from the one asked for");
    if (got.signer == request.cosign->signer)
      return fail(false, "bad co-signature: the co-signer " + got.signer.to_checksum_hex() +
                           " is the hit's first signer");
  }
  return got;
}

} // namespace automator
