// Wiring of an operator node process (see operator_node.hpp).
#include "actors/operator_node.hpp"

#include <chrono>
#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <thread>

#include <caf/actor_cast.hpp>
#include <caf/send.hpp>
#include <caf/io/middleman.hpp>
#include <spdlog/spdlog.h>

#include "actors/chain_watcher.hpp"
#include "actors/contract_check.hpp"
#include "actors/deployment.hpp"
#include "actors/http_caller.hpp"
#include "actors/http_proxy_client.hpp"
#include "actors/node_api.hpp"
#include "actors/node_health.hpp"
#include "actors/node_probe.hpp"
#include "actors/prover.hpp"
#include "actors/rpc_chain_client.hpp"
#include "actors/scheduler.hpp"
#include "actors/submitter.hpp"
#include "actors/watchdog.hpp"
#include "eth/keystore.hpp"
#include "net/eth_rpc.hpp"
#include "net/http_client.hpp"
#include "net/http_server.hpp"
#include "net/io_runtime.hpp"
#include "net/json_rpc_client.hpp"
#include "store/record_store.hpp"

namespace automator {

/// Everything the actors use by reference, destroyed after them (members in dependency order).
struct operator_node::runtime {
  std::unique_ptr<net::io_runtime> io;
  std::unique_ptr<net::http_client> http;
  std::unique_ptr<net::json_rpc_client> rpc;
  std::unique_ptr<net::eth_rpc> eth_rpc;
  std::shared_ptr<chain_client> chain;
  std::shared_ptr<node_metrics> metrics = std::make_shared<node_metrics>();
  std::shared_ptr<node_health> health = std::make_shared<node_health>(&metrics->eigen);
  std::unique_ptr<net::http_server> metrics_server;
  eth::address contract;
  uint64_t chain_id = 0;
  std::mutex health_mutex;
  std::string contract_problem; // set while the configured contract is not an Automator
};

namespace {

std::shared_ptr<store::record_store> open_store(const operator_config& cfg, const char* name) {
  auto dir = std::filesystem::path(cfg.store_dir) / name;
  try {
    std::filesystem::create_directories(dir);
    return store::record_store::open(dir);
  } catch (const std::exception& e) {
    throw std::runtime_error("cannot open the store " + dir.string() + ": " + e.what());
  }
}

/// Connects to an actor published by another process of this node, retrying while it starts.
template <class Handle>
Handle connect(caf::actor_system& sys, const operator_config& cfg, const std::string& endpoint,
               const std::string& what) {
  auto [host, port] = parse_endpoint(endpoint, what);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(cfg.connect_timeout_s);
  for (;;) {
    auto h = sys.middleman().remote_actor<Handle>(host, port);
    if (h) {
      spdlog::info("connected to the {} at {}", what, endpoint);
      return *h;
    }
    if (std::chrono::steady_clock::now() >= deadline)
      throw std::runtime_error("cannot reach the " + what + " at " + endpoint + " within " +
                               std::to_string(cfg.connect_timeout_s) +
                               " s: " + sys.render(h.error()));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
  }
}

template <class Handle>
void publish(caf::actor_system& sys, const operator_config& cfg, const Handle& h, uint16_t port,
             const std::string& what) {
  auto r = sys.middleman().publish(h, port, cfg.publish_bind.c_str(), true);
  if (!r)
    throw std::runtime_error("cannot publish the " + what + " on " + cfg.publish_bind + ":" +
                             std::to_string(port) + ": " + sys.render(r.error()));
  spdlog::info("{} published on {}:{}", what, cfg.publish_bind, *r);
}

deployment deployment_of(const operator_config& cfg) {
  if (!cfg.deployment_file.empty())
    return load_deployment(cfg.deployment_file);
  deployment d;
  d.chain_id = cfg.chain_id;
  d.deploy_block = cfg.deploy_block;
  try {
    d.automator = eth::address::from_hex(cfg.contract);
  } catch (const eth::error& e) {
    throw std::runtime_error(std::string("node.contract: ") + e.what());
  }
  return d;
}

} // namespace

operator_node::operator_node(const operator_config& cfg, caf::actor_system& sys)
  : rt_(std::make_unique<runtime>()) {
  try {
    build(cfg, sys);
  } catch (...) {
    // Actors already spawned use the runtime: stop them before it goes away.
    for (const auto& [name, a] : actors_)
      caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
    sys.await_all_actors_done();
    throw;
  }
}

void operator_node::build(const operator_config& cfg, caf::actor_system& sys) {
  auto& rt = *rt_;
  auto dep = deployment_of(cfg);
  std::shared_ptr<const eth::private_key> key;
  eth::address operator_address;
  if (!cfg.key_file.empty() || !cfg.keystore.empty()) {
    key = std::make_shared<const eth::private_key>(cfg.keystore.empty()
                                                       ? eth::private_key::from_file(cfg.key_file)
                                                       : eth::load_keystore(cfg.keystore, cfg.keystore_password_file));
    operator_address = key->get_address();
  } else {
    try {
      operator_address = eth::address::from_hex(cfg.operator_address);
    } catch (const eth::error& e) {
      throw std::runtime_error(std::string("node.operator-address: ") + e.what());
    }
  }
  spdlog::info("operator {} on chain {}, contract {}", operator_address.to_checksum_hex(),
               dep.chain_id, dep.automator.to_checksum_hex());

  rt.io = std::make_unique<net::io_runtime>();
  rt.http = std::make_unique<net::http_client>(*rt.io);
  if (cfg.runs("watcher") || cfg.runs("submitter") || cfg.runs("watchdog")) {
    try {
      net::json_rpc_options ro;
      auto metrics = rt.metrics;
      ro.observer = [metrics](const std::string& method, double seconds, bool) {
        metrics->eigen.observe_rpc(method, seconds);
      };
      rt.rpc = std::make_unique<net::json_rpc_client>(*rt.http, cfg.rpc_url, std::move(ro));
    } catch (const std::exception& e) {
      throw std::runtime_error("node.rpc-url \"" + cfg.rpc_url + "\": " + e.what());
    }
    rt.eth_rpc = std::make_unique<net::eth_rpc>(*rt.rpc);
    auto id = net::wait_for<uint64_t>([&](auto cb) { rt.eth_rpc->chain_id(cb); });
    if (!id)
      throw std::runtime_error("cannot reach the chain: " + id.error().message);
    if (*id != dep.chain_id)
      throw std::runtime_error("node.rpc-url serves chain " + std::to_string(*id) +
                               ", but the deployment is on chain " + std::to_string(dep.chain_id));
    rt.chain = std::make_shared<rpc_chain_client>(*rt.eth_rpc);
    rt.contract = dep.automator;
    rt.chain_id = dep.chain_id;
    if (auto v = rt.rpc->call_sync("web3_clientVersion"); v && v->is_string())
      rt.metrics->eigen.set_client_version(v->get<std::string>());
  }
  auto clock = clock_source::wall(sys);
  auto add = [&](const std::string& name, auto handle) {
    actors_.emplace_back(name, caf::actor_cast<caf::actor>(handle));
    return handle;
  };

  submitter_actor submitter;
  if (cfg.runs("submitter"))
    submitter = add("submitter", spawn_submitter(sys, submitter_config{
      dep.chain_id, dep.automator, key, clock, rt.chain, rt.metrics,
      std::chrono::milliseconds(cfg.receipt_poll_ms), std::chrono::milliseconds(cfg.stuck_after_ms)}));

  prover_actor prover;
  if (cfg.runs("prover")) {
    prover_config pc{dep.chain_id, dep.automator, operator_address, clock, open_store(cfg, "prover"),
                     submitter, rt.metrics, size_t(cfg.batch_size),
                     std::chrono::milliseconds(cfg.batch_age_ms)};
    prover = add("prover", spawn_prover(sys, std::move(pc)));
    if (cfg.publish_prover_port)
      publish(sys, cfg, prover, cfg.publish_prover_port, "prover");
  } else if (!cfg.remote_prover.empty() && cfg.runs("caller")) {
    prover = connect<prover_actor>(sys, cfg, cfg.remote_prover, "prover");
    rt.health->add("prover-link", "Prover process", "the prover at " + cfg.remote_prover + " (another process of this node)");
    rt.health->set("prover-link", true);
    remotes_.emplace_back("prover-link", caf::actor_cast<caf::actor>(prover));
  }

  std::vector<http_caller_actor> callers;
  if (cfg.runs("caller")) {
    auto proxy = std::make_shared<http_proxy_client>(*rt.http, cfg.proxy_urls);
    for (uint64_t i = 0; i < cfg.callers; ++i) {
      http_caller_config hc{dep.chain_id, dep.automator, operator_address, clock, proxy, prover,
                            rt.metrics, std::chrono::milliseconds(cfg.try_timeout_ms)};
      hc.max_attempts = uint8_t(std::min<uint64_t>(cfg.max_attempts, 255));
      callers.push_back(add("caller", spawn_http_caller(sys, std::move(hc))));
    }
    if (cfg.publish_caller_port)
      publish(sys, cfg, callers.front(), cfg.publish_caller_port, "HTTP caller");
  }
  if (cfg.runs("scheduler"))
    for (const auto& endpoint : cfg.remote_callers) {
      callers.push_back(connect<http_caller_actor>(sys, cfg, endpoint, "HTTP caller"));
      auto id = "caller-link-" + std::to_string(remotes_.size());
      rt.health->add(id, "HTTP callers process", "the HTTP callers at " + endpoint + " (another process of this node)",
                     "HTTP callers process");
      rt.health->set(id, true);
      remotes_.emplace_back(id, caf::actor_cast<caf::actor>(callers.back()));
    }

  watchdog_actor watchdog;
  if (cfg.runs("watchdog"))
    watchdog = add("watchdog", spawn_watchdog(sys, watchdog_config{dep.automator, clock, rt.chain,
                                                                   submitter, rt.metrics}));

  scheduler_actor scheduler;
  if (cfg.runs("scheduler"))
    scheduler = add("scheduler", spawn_scheduler(sys, scheduler_config{
      operator_address, clock, open_store(cfg, "scheduler"), callers, watchdog, rt.metrics,
      std::chrono::milliseconds(100), true}));

  if (cfg.runs("watcher")) {
    chain_watcher_config wc;
    wc.contract = dep.automator;
    wc.deploy_block = dep.deploy_block;
    wc.confirmations = cfg.confirmations;
    wc.max_range = std::max<uint64_t>(cfg.max_range, 1);
    wc.poll_interval = std::chrono::milliseconds(cfg.poll_interval_ms);
    wc.chain = rt.chain;
    wc.store = open_store(cfg, "watcher");
    wc.scheduler = scheduler;
    wc.prover = prover;
    wc.watchdog = watchdog;
    wc.metrics = rt.metrics;
    add("watcher", spawn_chain_watcher(sys, std::move(wc)));
  }

  // The probe and the health checks: the contract first, synchronously, so /health names a
  // wrong contract from its first answer.
  if (rt.rpc) {
    rt.health->add("contract", "Automator contract", "the contract " + dep.automator.to_checksum_hex() + " is an Automator on chain " + std::to_string(dep.chain_id));
    check_contract();
  }
  node_probe_config pc;
  pc.contract = dep.automator;
  pc.operator_address = operator_address;
  pc.deploy_block = dep.deploy_block;
  pc.max_log_range = cfg.max_range;
  pc.rpc = rt.rpc.get();
  pc.http = rt.http.get();
  if (cfg.runs("caller"))
    pc.proxy_urls = cfg.proxy_urls;
  pc.check_gas = cfg.runs("submitter");
  pc.min_gas_wei = eth::parse_u256(cfg.min_gas_balance_wei);
  pc.interval = std::chrono::milliseconds(cfg.probe_interval_ms);
  pc.performance_window = std::chrono::seconds(cfg.performance_window_s);
  pc.metrics = rt.metrics;
  pc.health = rt.health;
  add("probe", spawn_node_probe(sys, std::move(pc)));
  rt.health->add("process", "Node process", "every actor of this process runs");
  rt.health->set("process", true);

  if (cfg.metrics_port) {
    net::http_server_options so;
    so.bind_address = cfg.metrics_bind;
    so.port = cfg.metrics_port;
    auto* r = rt_.get();
    rt.metrics_server = std::make_unique<net::http_server>(
      *rt.io, [r](const net::server_request& req) { return node_api_answer(req, *r->health, *r->metrics); }, so);
    spdlog::info("metrics on http://{}:{}/metrics, health on /health and /eigen/node/health", cfg.metrics_bind,
                 rt.metrics_server->port());
  }
}

bool operator_node::check_contract() {
  auto& rt = *rt_;
  if (!rt.rpc)
    return true; // a process without the chain (HTTP callers only) has nothing to check
  auto problem = contract_problem(*rt.rpc, *rt.eth_rpc, rt.contract, rt.chain_id);
  std::lock_guard<std::mutex> guard(rt.health_mutex);
  if (problem && *problem != rt.contract_problem)
    spdlog::error("{}; /health answers 503 until it is", *problem);
  else if (!problem && !rt.contract_problem.empty())
    spdlog::info("the contract {} answers as an Automator now", rt.contract.to_checksum_hex());
  rt.contract_problem = problem.value_or("");
  rt.health->set("contract", !problem, problem.value_or(""));
  return !problem;
}

operator_node::~operator_node() = default;

void operator_node::set_unhealthy(std::string why) { rt_->health->set("process", false, std::move(why)); }

void operator_node::set_check(const std::string& id, bool up, std::string detail) {
  rt_->health->set(id, up, std::move(detail));
}

} // namespace automator
