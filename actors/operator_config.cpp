// Options and validation of automator-operator (see operator_config.hpp).
#include "actors/operator_config.hpp"

#include <algorithm>
#include <stdexcept>

#include <caf/config_option_adder.hpp>

#include "eth/u256.hpp"

namespace automator {

namespace {

const std::vector<std::string> known_actors = {"watcher", "scheduler", "caller",
                                               "prover",  "submitter", "watchdog"};

} // namespace

operator_config::operator_config() {
  opt_group{custom_options_, "node"}
    .add(rpc_url, "rpc-url", "Ethereum JSON-RPC endpoint (http or https)")
    .add(deployment_file, "deployment", "deployment JSON (chainId, automator, deployBlock)")
    .add(contract, "contract", "AVS contract address (instead of --node.deployment)")
    .add(chain_id, "chain-id", "chain id (with --node.contract)")
    .add(deploy_block, "deploy-block", "first block to follow (with --node.contract)")
    .add(key_file, "key-file", "file holding the operator's private key (hex, chmod 600)")
    .add(keystore, "keystore", "encrypted keystore v3 of the key (instead of key-file)")
    .add(keystore_password_file, "keystore-password-file", "file holding the keystore's password")
    .add(operator_address, "operator-address", "operator address where no key is loaded")
    .add(proxy_urls, "proxy-urls", "Automation Proxy URLs")
    .add(store_dir, "store", "directory of the node's crash-safe store")
    .add(metrics_port, "metrics-port", "port of /metrics and /health (0: off)")
    .add(metrics_bind, "metrics-bind", "address /metrics and /health listen on")
    .add(actors, "actors", "actors run in this process")
    .add(log_level, "log-level", "trace, debug, info, warn or error")
    .add(min_gas_balance_wei, "min-gas-balance-wei",
         "gas balance (wei) below which /health fails where the submitter runs")
    .add(probe_interval_ms, "probe-interval-ms", "how often /health's checks are made again")
    .add(performance_window_s, "performance-window-s", "window of eigen_performance_score");
  opt_group{custom_options_, "chain"}
    .add(confirmations, "confirmations", "blocks an event must be buried under")
    .add(poll_interval_ms, "poll-interval-ms", "how often to look for new blocks")
    .add(max_range, "max-range", "most blocks per eth_getLogs");
  opt_group{custom_options_, "caller"}
    .add(callers, "count", "HTTP caller actors in this process")
    .add(try_timeout_ms, "try-timeout-ms", "budget of one proxy call")
    .add(max_attempts, "max-attempts", "proxy calls per slot at most");
  opt_group{custom_options_, "prover"}
    .add(batch_size, "batch-size", "proofs per submitHits transaction at most")
    .add(batch_age_ms, "batch-age-ms", "longest wait of a proof for a fuller batch");
  opt_group{custom_options_, "submitter"}
    .add(receipt_poll_ms, "receipt-poll-ms", "how often to look for receipts")
    .add(stuck_after_ms, "stuck-after-ms", "replace a transaction unmined this long");
  opt_group{custom_options_, "remote"}
    .add(remote_prover, "prover", "host:port of the prover in another process")
    .add(remote_callers, "callers", "host:port of HTTP callers in other processes")
    .add(connect_timeout_s, "connect-timeout-s", "how long to keep trying to reach them");
  opt_group{custom_options_, "publish"}
    .add(publish_prover_port, "prover-port", "offer the prover to other processes here")
    .add(publish_caller_port, "caller-port", "offer the HTTP caller to other processes here")
    .add(publish_bind, "bind", "address published actors listen on");
}

bool operator_config::runs(const std::string& actor) const {
  return std::find(actors.begin(), actors.end(), actor) != actors.end();
}

bool operator_config::needs_middleman() const {
  return !remote_prover.empty() || !remote_callers.empty() || publish_prover_port != 0 ||
         publish_caller_port != 0;
}

std::pair<std::string, uint16_t> parse_endpoint(const std::string& text, const std::string& what) {
  auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size())
    throw std::invalid_argument(what + ": expected host:port, got \"" + text + "\"");
  try {
    size_t used = 0;
    auto port = std::stoul(text.substr(colon + 1), &used);
    if (used != text.size() - colon - 1 || port == 0 || port > 65535)
      throw std::out_of_range("port");
    return {text.substr(0, colon), uint16_t(port)};
  } catch (const std::logic_error&) {
    throw std::invalid_argument(what + ": bad port in \"" + text + "\"");
  }
}

std::vector<std::string> operator_config::problems() const {
  std::vector<std::string> out;
  if (actors.empty())
    out.push_back("node.actors is empty: name the actors this process runs (" +
                  std::string("watcher, scheduler, caller, prover, submitter, watchdog)"));
  for (const auto& a : actors)
    if (std::find(known_actors.begin(), known_actors.end(), a) == known_actors.end())
      out.push_back("node.actors: unknown actor \"" + a + "\"");
  bool chain_user = runs("watcher") || runs("submitter") || runs("watchdog");
  if (chain_user && rpc_url.empty())
    out.push_back("node.rpc-url is required where watcher, submitter or watchdog run");
  if (deployment_file.empty() && (contract.empty() || chain_id == 0))
    out.push_back("node.deployment (or node.contract and node.chain-id) is required");
  if (runs("submitter") && key_file.empty() && keystore.empty())
    out.push_back("node.key-file (or node.keystore) is required where the submitter runs");
  if (!key_file.empty() && !keystore.empty())
    out.push_back("node.key-file and node.keystore both name a key: give one");
  if (key_file.empty() && keystore.empty() && operator_address.empty())
    out.push_back("node.operator-address is required where no node.key-file is loaded");
  if (runs("caller") && proxy_urls.empty())
    out.push_back("node.proxy-urls is required where callers run");
  for (auto it = proxy_urls.begin(); it != proxy_urls.end(); ++it)
    if (std::find(proxy_urls.begin(), it, *it) != it)
      out.push_back("node.proxy-urls lists " + *it + " twice (quorum tasks need distinct proxies)");
  bool stateful = runs("watcher") || runs("scheduler") || runs("prover");
  if (stateful && store_dir.empty())
    out.push_back("node.store is required where watcher, scheduler or prover run");
  if (runs("scheduler") && !runs("caller") && remote_callers.empty())
    out.push_back("the scheduler needs callers: run \"caller\" here or set remote.callers");
  if (runs("caller") && !runs("prover") && remote_prover.empty())
    out.push_back("callers need the prover: run \"prover\" here or set remote.prover");
  if (runs("prover") && !runs("submitter"))
    out.push_back("the prover must run in the process of the submitter (which holds the key)");
  if (runs("watcher") && !runs("scheduler"))
    out.push_back("the watcher must run in the process of the scheduler");
  try {
    eth::parse_u256(min_gas_balance_wei);
  } catch (const eth::error& e) {
    out.push_back(std::string("node.min-gas-balance-wei: ") + e.what());
  }
  if (probe_interval_ms < 100)
    out.push_back("node.probe-interval-ms must be at least 100");
  if (batch_size == 0)
    out.push_back("prover.batch-size must be at least 1");
  if (callers == 0 && runs("caller"))
    out.push_back("caller.count must be at least 1");
  try {
    if (!remote_prover.empty())
      parse_endpoint(remote_prover, "remote.prover");
    for (const auto& c : remote_callers)
      parse_endpoint(c, "remote.callers");
  } catch (const std::invalid_argument& e) {
    out.push_back(e.what());
  }
  return out;
}

} // namespace automator
