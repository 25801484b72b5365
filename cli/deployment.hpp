// The deployment file written by the deploy scripts (deploy/out/deployment-<chainId>.json):
// which contracts to talk to. The file has one reader, eth::read_deployment_file
// (node_core/eth/deployment_file.hpp); this is what the CLI requires of it.
#pragma once

#include <filesystem>
#include <optional>

#include "eth/bytes.hpp"

namespace automator::cli {

struct deployment {
  uint64_t chain_id = 0;
  eth::address automator;
  eth::address allocation_manager;
  eth::address delegation_manager;
  eth::address strategy;
  /// The real core's StrategyManager (optional: also found through the DelegationManager; the
  /// stand-in has none).
  std::optional<eth::address> strategy_manager;
  uint32_t operator_set_id = 0;
  uint64_t deploy_block = 0;

  /// Reads and checks the file; throws cli_error naming the file and the missing or bad field.
  static deployment load(const std::filesystem::path& file);
};

}  // namespace automator::cli
