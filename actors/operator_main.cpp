// automator-operator: runs one process of an operator node.
//   automator-operator --config-file=config/single-process.ini
// Exit codes: 0 stopped by SIGINT/SIGTERM, 1 an actor or the setup failed, 2 bad configuration.
#include <atomic>
#include <csignal>
#include <iostream>

#include <caf/actor_system.hpp>
#include <caf/io/middleman.hpp>
#include <caf/scoped_actor.hpp>
#include <spdlog/spdlog.h>

#include "actors/operator_config.hpp"
#include "actors/operator_node.hpp"
#include "messages/type_ids.hpp"

namespace {

std::atomic<bool> stop_requested{false};

void on_signal(int) { stop_requested = true; }

/// Waits for a stop signal or the end of any local actor; returns the exit code.
int supervise(caf::actor_system& sys, automator::operator_node& node) {
  caf::scoped_actor self{sys};
  for (const auto& [name, a] : node.local_actors())
    self->monitor(a);
  // Peers in other processes: one that goes away is reported loudly and turns its health
  // check down; this process keeps running (its stored tasks and proofs stay).
  for (const auto& [id, a] : node.remote_actors())
    self->monitor(a);
  int code = 0;
  bool running = true;
  // A wrong contract address is checked again every few seconds: it may be deployed late.
  bool contract_ok = node.check_contract();
  auto next_check = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  while (running && !stop_requested) {
    if (!contract_ok && std::chrono::steady_clock::now() >= next_check) {
      contract_ok = node.check_contract();
      next_check = std::chrono::steady_clock::now() + std::chrono::seconds(3);
    }
    self->receive(
      [&](const caf::down_msg& down) {
        for (const auto& [id, a] : node.remote_actors())
          if (a.address() == down.source) {
            auto why = "lost the " + id + " peer: " + sys.render(down.reason);
            spdlog::critical("{}; /health answers 503 while no peer of its kind is up", why);
            node.set_check(id, false, why);
            return;
          }
        std::string name = "actor";
        for (const auto& [n, a] : node.local_actors())
          if (a.address() == down.source)
            name = n;
        spdlog::critical("the {} stopped: {}; shutting down (stored tasks and proofs are kept)",
                         name, sys.render(down.reason));
        node.set_unhealthy(name + " stopped");
        code = 1;
        running = false;
      },
      caf::after(std::chrono::milliseconds(250)) >> [] {});
  }
  for (const auto& [name, a] : node.local_actors())
    caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
  return code;
}

} // namespace

int main(int argc, char** argv) {
  automator::operator_config cfg;
  automator::register_message_types(cfg);
  if (auto err = cfg.parse(argc, argv)) {
    std::cerr << "automator-operator: bad configuration: " << caf::actor_system_config::render(err)
              << "\n";
    return 2;
  }
  if (cfg.cli_helptext_printed)
    return 0;
  auto problems = cfg.problems();
  if (!problems.empty()) {
    for (const auto& p : problems)
      std::cerr << "automator-operator: bad configuration: " << p << "\n";
    return 2;
  }
  spdlog::set_level(spdlog::level::from_str(cfg.log_level));
  if (cfg.needs_middleman())
    cfg.load<caf::io::middleman>();
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  caf::actor_system sys{cfg};
  int code = 0;
  try {
    automator::operator_node node(cfg, sys);
    spdlog::info("automator-operator running {} actors", node.local_actors().size());
    code = supervise(sys, node);
    sys.await_all_actors_done(); // before the node's runtime goes away
  } catch (const std::exception& e) {
    spdlog::critical("automator-operator: {}", e.what());
    code = 1;
  }
  return code;
}
