// The deployment JSON written by the deploy scripts (deploy/lib/devchain.mjs and the public-chain
// scripts): which chain, which AVS contract, and the block to start following events from.
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

/// Throws std::runtime_error naming the file and the missing or malformed field.
deployment load_deployment(const std::filesystem::path& file);

} // namespace automator
