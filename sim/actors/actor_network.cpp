// Assembly of the simulated nodes from the real actors and the virtual-time driver loop.
#include "actor_network.hpp"

#include <chrono>
#include <filesystem>
#include <memory>

#include <unistd.h>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scheduler/test_coordinator.hpp>
#include <caf/send.hpp>
#include <spdlog/spdlog.h>

#include "actors/chain_watcher.hpp"
#include "actors/http_caller.hpp"
#include "actors/prover.hpp"
#include "actors/scheduler.hpp"
#include "actors/submitter.hpp"
#include "actors/watchdog.hpp"
#include "eth/keccak.hpp"
#include "fault_schedule.hpp"
#include "report_builder.hpp"
#include "messages/type_ids.hpp"
#include "model_chain_client.hpp"
#include "model_proxy_client.hpp"
#include "virtual_chain.hpp"

namespace automator::sim {
namespace {

constexpr uint64_t chain_id = 31337;

struct actor_config : caf::actor_system_config {
  actor_config() {
    set("scheduler.policy", caf::atom("testing"));
    register_message_types(*this);
  }
};

std::shared_ptr<const eth::private_key> key_from(uint64_t seed, const std::string& who) {
  const eth::hash32 h = eth::keccak256("automator-sim key " + std::to_string(seed) + " " + who);
  return std::make_shared<const eth::private_key>(eth::private_key::from_hex(eth::to_hex(h)));
}

/// One operator node: its actors, store and seams.
struct node {
  std::shared_ptr<const eth::private_key> key;
  std::filesystem::path dir;
  std::shared_ptr<model_chain_client> chain;
  std::shared_ptr<model_proxy_client> proxy;
  std::vector<caf::actor> actors;
  bool up = false;
};

}  // namespace

run_report run_actor_network(const scenario& s, sim_time step) {
  for (const fault& f : s.faults)
    if (f.what == fault::kind::pause || f.what == fault::kind::clock_skew || f.what == fault::kind::byzantine ||
        f.what == fault::kind::reorg)
      throw scenario_error(s.name + ": the actor mode does not model " + std::string(to_string(f.what)) +
                           " faults yet; use the fast mode");
  const auto wall_start = std::chrono::steady_clock::now();
  // The nodes log every batch; a simulation of many nodes keeps warnings and errors only.
  const auto log_level = spdlog::get_level();
  spdlog::set_level(spdlog::level::warn);
  const uint32_t n = s.operators.count;
  const fault_schedule faults(s.faults, n);

  // Keys, sorted by address so account ids follow the contract's operator order.
  std::vector<std::shared_ptr<const eth::private_key>> keys;
  for (uint32_t i = 0; i < n; ++i) keys.push_back(key_from(s.seed, "operator " + std::to_string(i)));
  std::sort(keys.begin(), keys.end(), [](const auto& a, const auto& b) { return a->get_address() < b->get_address(); });
  std::vector<eth::address> addresses;
  for (const auto& k : keys) addresses.push_back(k->get_address());
  const auto proxy_key = key_from(s.seed, "proxy");
  const auto owner_key = key_from(s.seed, "task owner");

  eth::hit_domain domain{chain_id, eth::address::from_hex("0x00000000000000000000000000000000000a0701")};
  avs_model contract(s.params, [](const signed_hit& h, account) { return h.signature == 1; }, true);
  virtual_chain chain(contract, domain, addresses, proxy_key->get_address(), s.genesis_unix_s);
  const account owner = chain.account_of(owner_key->get_address());

  const uint64_t registered_at = s.genesis_unix_s - s.params.epoch_length_s - s.params.activation_delay_s;
  const wei stake = static_cast<wei>(s.operators.stake_eth * 1e9) * gwei;
  for (account op = 0; op < n; ++op) contract.register_operator(op, stake, registered_at);
  prng setup_rng = prng(s.seed).fork(5);
  const uint32_t slots = s.tasks.duration_s / s.tasks.interval_s;
  const wei fee = wei{s.tasks.fee_per_hit_gwei} * gwei;
  for (uint32_t i = 0; i < s.tasks.count; ++i) {
    const uint64_t start = s.genesis_unix_s + 30 + (s.tasks.start_spread_s ? setup_rng.below(s.tasks.start_spread_s) : 0);
    contract.create_task(owner, start, s.tasks.interval_s, slots, s.tasks.tolerance_s, fee, fee * slots, registered_at);
  }
  chain.capture_setup_events();
  chain.produce_block(s.genesis_unix_s);

  actor_config cfg;
  caf::actor_system sys{cfg};
  auto& sched = dynamic_cast<caf::scheduler::test_coordinator&>(sys.scheduler());
  const clock_source clock = clock_source::at(sys, static_cast<int64_t>(s.genesis_unix_s) * 1000);
  sim_time now = 0;
  callback_queue callbacks;
  prng rng_rpc = prng(s.seed).fork(1), rng_proxy = prng(s.seed).fork(2), rng_target = prng(s.seed).fork(3),
       rng_block = prng(s.seed).fork(4);

  const auto root = std::filesystem::temp_directory_path() /
                    ("automator-sim-" + std::to_string(::getpid()) + "-" + std::to_string(s.seed));
  std::filesystem::remove_all(root);
  std::vector<node> nodes(n);
  proxy_stats proxy_seen;
  auto start_node = [&](account op) {
    node& nd = nodes[op];
    nd.key = keys[op];
    nd.dir = root / ("node-" + std::to_string(op));
    std::filesystem::create_directories(nd.dir);
    node_link link{&chain, &callbacks, &faults, &rng_rpc, s.latency_ms.rpc, op, [&now] { return now; }, s.genesis_unix_s};
    nd.chain = std::make_shared<model_chain_client>(link);
    nd.proxy = std::make_shared<model_proxy_client>(link, proxy_key, s.latency_ms.proxy, s.latency_ms.target,
                                                    &rng_proxy, &rng_target, &contract, &proxy_seen);
    store::store_options options;
    options.sync = false;  // the simulated disk never loses an acknowledged write
    std::shared_ptr<store::record_store> store = store::record_store::open(nd.dir, options);
    auto metrics = std::make_shared<node_metrics>();
    const eth::address me = nd.key->get_address();

    submitter_config sub{chain_id, domain.verifying_contract, nd.key, clock, nd.chain, metrics};
    auto submitter = spawn_submitter(sys, sub);
    prover_config pc{chain_id, domain.verifying_contract, me, clock, store, submitter, metrics};
    pc.batch_size = s.node.batch_size;
    pc.batch_age = std::chrono::milliseconds(s.node.batch_age_ms);
    auto prover = spawn_prover(sys, pc);
    http_caller_config hc{chain_id, domain.verifying_contract, me, clock, nd.proxy, prover, metrics};
    hc.retry_backoff = std::chrono::milliseconds(s.node.retry_backoff_ms);
    hc.max_attempts = static_cast<uint8_t>(s.node.max_attempts);
    hc.try_timeout = std::chrono::milliseconds(s.node.try_timeout_ms);
    hc.status0_retries = static_cast<uint8_t>(std::min<uint32_t>(s.node.status0_retries, 255));
    auto caller = spawn_http_caller(sys, hc);
    watchdog_config wc{domain.verifying_contract, clock, nd.chain, submitter, metrics};
    auto watchdog = spawn_watchdog(sys, wc);
    scheduler_config sc{me, clock, store, {caller}, watchdog, metrics};
    auto scheduler = spawn_scheduler(sys, sc);
    chain_watcher_config cw;
    cw.contract = domain.verifying_contract;
    cw.confirmations = s.node.confirmations;
    cw.poll_interval = std::chrono::milliseconds(500);
    cw.chain = nd.chain;
    cw.store = store;
    cw.scheduler = scheduler;
    cw.prover = prover;
    cw.watchdog = watchdog;
    cw.metrics = metrics;
    auto watcher = spawn_chain_watcher(sys, cw);
    nd.actors = {caf::actor_cast<caf::actor>(submitter), caf::actor_cast<caf::actor>(prover),
                 caf::actor_cast<caf::actor>(caller),    caf::actor_cast<caf::actor>(watchdog),
                 caf::actor_cast<caf::actor>(scheduler), caf::actor_cast<caf::actor>(watcher)};
    nd.up = true;
  };
  auto stop_node = [&](account op) {
    for (auto& a : nodes[op].actors) caf::anon_send_exit(a, caf::exit_reason::kill);
    nodes[op].actors.clear();
    nodes[op].up = false;
  };
  for (account op = 0; op < n; ++op) start_node(op);

  sim_time next_block = s.latency_ms.block_time.sample(rng_block);
  const sim_time horizon = s.horizon() + 30 * us_per_s;
  uint64_t steps = 0;
  while (now <= horizon) {
    for (account op = 0; op < n; ++op) {
      const bool crashed = faults.crashed(op, now);
      if (crashed && nodes[op].up) stop_node(op);
      if (!crashed && !nodes[op].up) start_node(op);
    }
    callbacks.run_due(now);
    while (next_block <= now) {
      chain.produce_block(s.genesis_unix_s + static_cast<uint64_t>(next_block / us_per_s));
      next_block += std::max<sim_time>(1, s.latency_ms.block_time.sample(rng_block));
    }
    sched.run();
    now += step;
    sched.advance_time(std::chrono::microseconds(step));
    sched.run();
    ++steps;
  }
  for (account op = 0; op < n; ++op)
    if (nodes[op].up) stop_node(op);
  sched.run();
  while (sched.trigger_timeouts() > 0) sched.run();
  std::filesystem::remove_all(root);
  spdlog::set_level(log_level);

  // ---- the report, from the contract's events, by the rules both modes share
  report_builder report(s, faults, "actors");
  for (const model_event& e : contract.events()) {
    if (e.what == model_event::kind::hit_proven)
      report.proven(contract, e.task_id, e.slot, e.who, e.a, static_cast<uint16_t>(e.b));
    else if (e.what == model_event::kind::hit_rejected)
      report.rejected(static_cast<reject_reason>(e.b));
    else if (e.what == model_event::kind::slot_missed)
      report.penalized(contract, e.task_id, e.slot, e.who);
  }
  report.finish(contract);
  run_report& r = report.report();
  r.proxy_calls = proxy_seen.calls;
  r.proxy_refusals = proxy_seen.refusals;
  r.duplicate_target_calls = proxy_seen.duplicates;
  r.status0_retries = proxy_seen.status0_repeats;
  r.virtual_seconds = static_cast<double>(now) / us_per_s;
  r.events = steps;
  r.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  return r;
}

}  // namespace automator::sim
