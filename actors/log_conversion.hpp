// Decodes an AVS log as the JSON-RPC client returns it into the typed event of node_core/eth.
#pragma once

#include <optional>

#include "eth/automator_abi.hpp"
#include "net/eth_rpc.hpp"

namespace automator {

/// nullopt for a log that is not an AVS event; throws eth::error for a malformed AVS log.
inline std::optional<eth::avs::event> decode_avs_log(const net::log_entry& log) {
  return eth::avs::decode_event(log.topics, log.data);
}

} // namespace automator
