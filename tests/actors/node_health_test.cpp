// The node's health rules and HTTP routes (actors/node_health.*, actors/node_api.*): which
// checks make /health fail, when the EigenLayer node API answers 200, 206 or 503, the services
// list and each service's health, the spec-version and version answers, unknown routes; and the
// eigen_* metrics' text (performance score, RPC families, label hygiene).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "actors/node_api.hpp"
#include "actors/node_probe.hpp"

using namespace automator;

namespace {

net::server_response get(const node_health& h, const node_metrics& m, const std::string& target) {
  net::server_request req;
  req.method = "GET";
  req.target = target;
  return node_api_answer(req, h, m);
}

bool has(const std::string& text, const std::string& needle) { return text.find(needle) != std::string::npos; }

} // namespace

TEST_CASE("health: a check not yet made is starting (503, node API 206); all up is 200") {
  node_metrics m;
  node_health h(&m.eigen);
  h.add("chain-rpc", "Chain RPC", "the RPC answers");
  h.add("contract", "Automator contract", "is an Automator");
  auto v = h.evaluate();
  CHECK(v.health_status == 503);
  CHECK(v.eigen_status == 206);
  CHECK(has(v.text, "chain-rpc: not checked yet"));
  h.set("chain-rpc", true);
  h.set("contract", true);
  v = h.evaluate();
  CHECK(v.health_status == 200);
  CHECK(v.eigen_status == 200);
  CHECK(v.text == "ok\n");
  CHECK(has(m.render(), "automator_health_check{check=\"contract\"} 1"));
}

TEST_CASE("health: a needed check down is 503 everywhere and names the reason") {
  node_metrics m;
  node_health h(&m.eigen);
  h.add("gas-balance", "Gas balance", "enough gas");
  h.set("gas-balance", false, "gas balance of 0xabc is 5 wei, below node.min-gas-balance-wei 10");
  auto v = h.evaluate();
  CHECK(v.health_status == 503);
  CHECK(v.eigen_status == 503);
  CHECK(has(v.text, "gas-balance: gas balance of 0xabc is 5 wei"));
  CHECK(has(m.render(), "automator_health_check{check=\"gas-balance\"} 0"));
  CHECK(get(h, m, "/health").status == 503);
  CHECK(get(h, m, "/eigen/node/health").status == 503);
  CHECK(get(h, m, "/eigen/node/services/gas-balance/health").status == 503);
}

TEST_CASE("health: one proxy of two down is partial (200, node API 206); all down is 503") {
  node_metrics m;
  node_health h(&m.eigen);
  h.add("proxy-0", "Automation Proxy", "p0", "proxy");
  h.add("proxy-1", "Automation Proxy", "p1", "proxy");
  h.set("proxy-0", true);
  h.set("proxy-1", false, "cannot reach the proxy http://127.0.0.1:9");
  auto v = h.evaluate();
  CHECK(v.health_status == 200);
  CHECK(v.eigen_status == 206);
  CHECK(has(v.text, "partially degraded:\nproxy-1: cannot reach"));
  h.set("proxy-0", false, "cannot reach the proxy http://127.0.0.1:8");
  v = h.evaluate();
  CHECK(v.health_status == 503);
  CHECK(v.eigen_status == 503);
  CHECK(has(v.text, "no proxy reachable:\nproxy-0: cannot reach"));
}

TEST_CASE("node API: services, each service's health, spec-version, version, unknown routes") {
  node_metrics m;
  node_health h(&m.eigen);
  h.add("chain-rpc", "Chain RPC", "the RPC answers");
  h.add("operator-set", "Operator set", "in the active set");
  h.set("chain-rpc", true);
  h.set("operator-set", false, "operator 0x1 is not registered \xff"); // invalid UTF-8 never throws
  auto services = get(h, m, "/eigen/node/services");
  CHECK(services.status == 200);
  CHECK(services.content_type == "application/json");
  auto j = nlohmann::json::parse(services.body)["services"];
  REQUIRE(j.size() == 2);
  CHECK(j[0]["id"] == "chain-rpc");
  CHECK(j[0]["status"] == "Up");
  CHECK(j[1]["status"] == "Down");
  CHECK(j[1]["name"] == "Operator set");
  CHECK(j[1]["description"] == "in the active set");
  CHECK(get(h, m, "/eigen/node/services/chain-rpc/health").status == 200);
  CHECK(get(h, m, "/eigen/node/services/operator-set/health").status == 503);
  CHECK(get(h, m, "/eigen/node/services/nope/health").status == 404);
  CHECK(get(h, m, "/eigen/node/services//health").status == 404);
  CHECK(nlohmann::json::parse(get(h, m, "/eigen/node/spec-version").body)["api_version"] == "v0.0.1");
  auto version = nlohmann::json::parse(get(h, m, "/eigen/node/version").body)["version"].get<std::string>();
  CHECK(version.rfind("fleek-automator-operator/v", 0) == 0);
  CHECK(nlohmann::json::parse(get(h, m, "/eigen/node").body)["spec_version"] == "v0.0.1");
  CHECK(get(h, m, "/eigen/node/spec-version?version=v0.0.1").status == 200);
  auto wrong = get(h, m, "/eigen/node/spec-version?version=v2.0.0");
  CHECK(wrong.status == 404);
  CHECK(has(wrong.body, "API version not found"));
  CHECK(get(h, m, "/eigen/nothing").status == 404);
  CHECK(get(h, m, "/nothing").status == 404);
  CHECK(get(h, m, "/metrics?x=1").status == 200);
}

TEST_CASE("performance score: proven over due in the window, 100 when nothing was due") {
  CHECK(performance_score(10, 2, 10, 2) == 100);
  CHECK(performance_score(10, 2, 19, 3) == doctest::Approx(90));
  CHECK(performance_score(0, 0, 0, 4) == 0);
  CHECK(performance_score(5, 5, 3, 3) == 100); // counters that went back (a new contract): nothing due
}

TEST_CASE("eigen metrics: spec names and labels, RPC families by method, label hygiene") {
  node_metrics m;
  m.eigen.set_client_version("anvil/v1.7.1 \"evil\"\n{x}");
  m.eigen.observe_rpc("eth_getBlockByNumber", 0.003);
  m.eigen.observe_rpc("eth_getBlockByNumber", 0.2);
  m.eigen.observe_rpc("bad\"method\n", 0.001);
  m.eigen.set_fees_earned_wei("123456789012345678901234");
  m.eigen.set_balance_wei("5");
  m.eigen.set_performance_score(87.5);
  m.eigen.set_stakes({{"0xStrategy", "1000"}});
  auto text = m.render();
  CHECK(has(text, "eigen_fees_earned_total{token=\"ETH\",unit=\"wei\"} 123456789012345678901234\n"));
  CHECK(has(text, "eigen_balance_total{token=\"ETH\",unit=\"wei\"} 5\n"));
  CHECK(has(text, "eigen_slashing_incurred_total{token=\"stake\",unit=\"wad\"} 0\n"));
  CHECK(has(text, "eigen_performance_score 87.50\n"));
  CHECK(has(text, "eigen_registered_stakes{quorum_number=\"0\",quorum_name=\"operator-set-0\",strategy=\"0xStrategy\"} 1000\n"));
  CHECK(has(text, "eigen_rpc_request_total{method=\"eth_getBlockByNumber\",client_version=\"anvil/v1.7.1evilx\"} 2\n"));
  CHECK(has(text, "eigen_rpc_request_duration_seconds_bucket{method=\"eth_getBlockByNumber\",client_version=\"anvil/v1.7.1evilx\",le=\"0.005\"} 1\n"));
  CHECK(has(text, "eigen_rpc_request_total{method=\"badmethod\""));
  CHECK(m.eigen.rpc_requests("eth_getBlockByNumber") == 2);
  for (int i = 0; i < 100; ++i)
    m.eigen.observe_rpc("m" + std::to_string(i), 0.001);
  CHECK(m.eigen.rpc_requests("other") > 0); // a flood of method names cannot grow the text without bound
}
