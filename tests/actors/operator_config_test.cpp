// automator-operator's configuration checks and the deployment file reader: every problem is
// reported with the option or field it is about.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>

#include "actors/deployment.hpp"
#include "actors/operator_config.hpp"
#include "deterministic_fixture.hpp"

using namespace automator;

namespace {

bool mentions(const std::vector<std::string>& problems, const std::string& needle) {
  return std::any_of(problems.begin(), problems.end(),
                     [&](const std::string& p) { return p.find(needle) != std::string::npos; });
}

} // namespace

TEST_CASE("an empty configuration names what is missing") {
  operator_config cfg;
  CHECK(mentions(cfg.problems(), "node.actors is empty"));
  cfg.actors = {"watcher", "scheduler", "caller", "prover", "submitter", "watchdog"};
  auto p = cfg.problems();
  CHECK(mentions(p, "node.rpc-url"));
  CHECK(mentions(p, "node.deployment"));
  CHECK(mentions(p, "node.key-file"));
  CHECK(mentions(p, "node.proxy-urls"));
  CHECK(mentions(p, "node.store"));
}

TEST_CASE("a split configuration needs its peers and well-formed endpoints") {
  operator_config cfg;
  cfg.actors = {"caller"};
  cfg.deployment_file = "d.json";
  cfg.operator_address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
  cfg.proxy_urls = {"http://127.0.0.1:8787"};
  CHECK(mentions(cfg.problems(), "remote.prover"));
  cfg.remote_prover = "127.0.0.1";
  CHECK(mentions(cfg.problems(), "remote.prover: expected host:port"));
  cfg.remote_prover = "127.0.0.1:4302";
  CHECK(cfg.problems().empty());
  cfg.actors.push_back("bogus");
  CHECK(mentions(cfg.problems(), "unknown actor \"bogus\""));
}

TEST_CASE("a proxy URL listed twice is a problem (quorum tasks need distinct proxies)") {
  operator_config cfg;
  cfg.actors = {"caller"};
  cfg.deployment_file = "d.json";
  cfg.operator_address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
  cfg.remote_prover = "127.0.0.1:4302";
  cfg.proxy_urls = {"http://a:8787", "http://b:8787"};
  CHECK(cfg.problems().empty());
  cfg.proxy_urls.push_back("http://a:8787");
  CHECK(mentions(cfg.problems(), "node.proxy-urls lists http://a:8787 twice"));
}

TEST_CASE("the deployment file reader names the file and the field") {
  testing::temp_dir dir;
  auto file = dir.path / "deployment.json";
  CHECK_THROWS_WITH_AS(load_deployment(file), doctest::Contains("cannot read"), std::runtime_error);
  std::ofstream(file) << R"({"chainId": 31337})";
  CHECK_THROWS_WITH_AS(load_deployment(file), doctest::Contains("\"automator\""), std::runtime_error);
  std::ofstream(file) << R"({"chainId": 31337, "automator": "0x12"})";
  CHECK_THROWS_WITH_AS(load_deployment(file), doctest::Contains("malformed"), std::runtime_error);
  std::ofstream(file) << R"({"chainId": 31337, "automator": "0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0", "deployBlock": 7})";
  auto d = load_deployment(file);
  CHECK(d.chain_id == 31337);
  CHECK(d.deploy_block == 7);
}
