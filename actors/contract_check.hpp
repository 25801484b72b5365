// The start-up check that the configured contract is a Fleek Automator on the RPC's chain: it
// has code and answers the AVS view params(). A wrong address otherwise leaves a node idle
// (no events ever come) while it looks healthy; with this check /health says what is wrong.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "eth/bytes.hpp"

namespace automator::net {
class json_rpc_client;
class eth_rpc;
} // namespace automator::net

namespace automator {

/// Why `contract` is not an Automator this node can serve, or nullopt when it is. Blocking:
/// call it at start-up or from the supervising thread, never from an actor or an io thread.
std::optional<std::string> contract_problem(net::json_rpc_client& rpc, net::eth_rpc& eth,
                                            const eth::address& contract, uint64_t chain_id);

} // namespace automator
