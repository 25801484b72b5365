// proxy_client over HTTP (see http_proxy_client.hpp). The answer shape is the proxy's
// (proxy/README.md): {hit: {taskId, slot, operator, hitTimeMs, status, responseHash}, signer,
// signature, ...} on 200, {error, message} otherwise.
#include "actors/http_proxy_client.hpp"

#include <stdexcept>

#include <nlohmann/json.hpp>

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

} // namespace

http_proxy_client::http_proxy_client(net::http_client& http, std::vector<std::string> urls)
  : http_(http), urls_(std::move(urls)) {
  if (urls_.empty())
    throw std::invalid_argument("http_proxy_client: no proxy URL configured");
}

void http_proxy_client::request_hit(const hit_request& request,
                                    std::chrono::milliseconds timeout, callback cb) {
  const std::string& url = urls_[(request.task_id + request.slot + request.attempt) % urls_.size()];
  json body = {{"chainId", request.chain_id},
               {"contract", request.contract.to_checksum_hex()},
               {"taskId", std::to_string(request.task_id)},
               {"slot", request.slot},
               {"operator", request.operator_address.to_checksum_hex()}};
  net::http_request req;
  req.method = "POST";
  req.url = url;
  req.headers = {{"Content-Type", "application/json"}};
  req.body = body.dump();
  req.timeout = timeout;
  http_.submit(std::move(req), [request, url, cb = std::move(cb)](net::http_result r) {
    if (!r) {
      cb(proxy_error{true, "proxy " + url + ": " + r.error().message});
      return;
    }
    cb(parse_answer(request, url, *r));
  });
}

net::result<hit_proof, proxy_error>
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
  try {
    const json& hit = answer.at("hit");
    hit_proof proof;
    proof.ref.task_id = integer_field(hit, "taskId");
    proof.ref.slot = uint32_t(integer_field(hit, "slot"));
    proof.operator_address = eth::address::from_hex(string_field(hit, "operator")).data;
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
    if (proof.ref.task_id != request.task_id || proof.ref.slot != request.slot ||
        proof.operator_address != request.operator_address.data)
      throw std::runtime_error("the hit is for another task, slot or operator");
    return proof;
  } catch (const std::exception& e) {
    return fail(false, std::string("malformed answer: ") + e.what());
  }
}

} // namespace automator
