// The deployment JSON written by the deploy scripts (deploy/lib/devchain.mjs and the public-chain
// scripts): which chain, which AVS contract, and the block to start following events from. The
// file is read by its one reader, eth::read_deployment_file (node_core/eth/deployment_file.hpp).
#pragma once

#include <cstdint>
#include <filesystem>

#include "eth/bytes.hpp"

namespace automator {

struct deployment {
  uint64_t chain_id = 0;
  eth::address automator;
  uint64_t deploy_block = 0;
};

/// Throws eth::deployment_error (a std::runtime_error) naming the file and the missing or
/// malformed field. deployBlock is optional here (0: follow from genesis).
deployment load_deployment(const std::filesystem::path& file);

} // namespace automator
