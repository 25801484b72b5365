// The node's HTTP routes (see node_api.hpp).
#include "actors/node_api.hpp"

#include <nlohmann/json.hpp>

#ifndef AUTOMATOR_VERSION
#define AUTOMATOR_VERSION "0.0.0"
#endif

namespace automator {

namespace {

net::server_response json_answer(unsigned status, const nlohmann::json& body) {
  net::server_response res;
  res.status = status;
  res.content_type = "application/json";
  res.body = body.dump() + "\n";
  return res;
}

net::server_response status_only(unsigned status, std::string text) {
  net::server_response res;
  res.status = status;
  res.body = std::move(text);
  return res;
}

/// The value of `name` in a query string ("a=1&version=v0.0.1"), if present.
std::optional<std::string> query_value(const std::string& query, const std::string& name) {
  size_t at = 0;
  while (at <= query.size()) {
    size_t end = query.find('&', at);
    if (end == std::string::npos)
      end = query.size();
    auto part = query.substr(at, end - at);
    if (part.rfind(name + "=", 0) == 0)
      return part.substr(name.size() + 1);
    at = end + 1;
  }
  return std::nullopt;
}

net::server_response eigen_route(const std::string& path, const node_health& health) {
  const std::string services = "/eigen/node/services";
  if (path == "/eigen/node")
    return json_answer(200, {{"node_name", "fleek-automator-operator"},
                             {"spec_version", node_api_spec_version},
                             {"node_version", "v" AUTOMATOR_VERSION}});
  if (path == "/eigen/node/spec-version")
    return json_answer(200, {{"api_version", node_api_spec_version}});
  if (path == "/eigen/node/version")
    return json_answer(200, {{"version", "fleek-automator-operator/v" AUTOMATOR_VERSION}});
  if (path == "/eigen/node/health") {
    auto v = health.evaluate();
    return status_only(v.eigen_status, v.text);
  }
  if (path == services) {
    net::server_response res;
    res.content_type = "application/json";
    res.body = health.services_json() + "\n";
    return res;
  }
  const std::string tail = "/health";
  if (path.rfind(services + "/", 0) == 0 && path.size() > services.size() + 1 + tail.size() &&
      path.compare(path.size() - tail.size(), tail.size(), tail) == 0) {
    auto id = path.substr(services.size() + 1, path.size() - services.size() - 1 - tail.size());
    if (auto status = health.service_status(id))
      return status_only(*status, "");
    return json_answer(404, {{"message", "unknown service: see /eigen/node/services"}});
  }
  return json_answer(404, {{"message", "not found: see /eigen/node/services"}});
}

} // namespace

net::server_response node_api_answer(const net::server_request& req, const node_health& health,
                                     const node_metrics& metrics) {
  auto q = req.target.find('?');
  const std::string path = req.target.substr(0, q);
  const std::string query = q == std::string::npos ? "" : req.target.substr(q + 1);
  net::server_response res;
  if (path == "/metrics") {
    res.content_type = "text/plain; version=0.0.4";
    res.body = metrics.render();
  } else if (path == "/health") {
    auto v = health.evaluate();
    res.status = v.health_status;
    res.body = v.text;
  } else if (path == "/eigen" || path.rfind("/eigen/", 0) == 0) {
    auto version = query_value(query, "version");
    if (version && *version != node_api_spec_version && "v" + *version != node_api_spec_version)
      return json_answer(404, {{"message", "API version not found"}});
    return eigen_route(path, health);
  } else {
    res.status = 404;
    res.body = "not found: use /metrics, /health or /eigen/node/...\n";
  }
  return res;
}

} // namespace automator
