// The command line and INI configuration of automator-operator (a CAF actor_system_config, so
// `--config-file=config/NAME.ini` and `--node.rpc-url=...` both work). Which actors run in this
// process and which live in another (reached through the CAF middleman) is configured here too.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <caf/actor_system_config.hpp>

namespace automator {

class operator_config : public caf::actor_system_config {
public:
  operator_config();

  // [node]
  std::string rpc_url;
  std::string deployment_file; // deployment JSON; or contract + chain-id below
  std::string contract;
  uint64_t chain_id = 0;
  uint64_t deploy_block = 0;
  std::string key_file;         // needed where the submitter runs
  std::string keystore;         // or an encrypted keystore v3 (eth/keystore.hpp) instead of key_file
  std::string keystore_password_file; // its password; else $AUTOMATOR_KEYSTORE_PASSWORD[_FILE]
  std::string operator_address; // where only callers run (no key in that process)
  std::vector<std::string> proxy_urls;
  std::string store_dir;
  uint16_t metrics_port = 0; // 0: no /metrics and /health endpoint
  std::string metrics_bind = "127.0.0.1";
  /// Actors run here: any of watcher, scheduler, caller, prover, submitter, watchdog.
  std::vector<std::string> actors;
  std::string log_level = "info";
  /// Gas balance (wei, decimal) below which /health fails where the submitter runs: 0.01 ETH.
  std::string min_gas_balance_wei = "10000000000000000";
  uint64_t probe_interval_ms = 5000;   // health probe: chain, operator set, gas, proxies
  uint64_t performance_window_s = 3600; // eigen_performance_score's window

  // [chain]
  uint64_t confirmations = 2;
  uint64_t poll_interval_ms = 1000;
  uint64_t max_range = 2000;

  // [caller]
  uint64_t callers = 2;
  uint64_t try_timeout_ms = 5000;
  uint64_t max_attempts = 5;

  // [prover]
  uint64_t batch_size = 32;
  uint64_t batch_age_ms = 2000;

  // [submitter]
  uint64_t receipt_poll_ms = 1000;
  uint64_t stuck_after_ms = 15000;

  // [remote]: actors of this node living in another process ("host:port" each)
  std::string remote_prover;
  std::vector<std::string> remote_callers;
  uint64_t connect_timeout_s = 60;

  // [publish]: local actors offered to the node's other processes (0: not published)
  uint16_t publish_prover_port = 0;
  uint16_t publish_caller_port = 0;
  std::string publish_bind = "127.0.0.1";

  bool runs(const std::string& actor) const;
  bool needs_middleman() const;
  /// Every problem with the configuration, each naming the option; empty if it is usable.
  std::vector<std::string> problems() const;
};

/// Splits "host:port"; throws std::invalid_argument naming `what` if it is malformed.
std::pair<std::string, uint16_t> parse_endpoint(const std::string& text, const std::string& what);

} // namespace automator
