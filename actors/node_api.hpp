// The routes of the node's HTTP endpoint: Prometheus /metrics, /health, and the EigenLayer AVS
// Node API (NethermindEth/el-node-spec "AVS Node API" v0.0.1): /eigen/node, spec-version,
// version, health (200 / 206 / 503), services and each service's health.
#pragma once

#include "actors/node_health.hpp"
#include "actors/node_metrics.hpp"
#include "net/http_server.hpp"

namespace automator {

/// The node API version this node answers (the specification's version).
inline constexpr const char* node_api_spec_version = "v0.0.1";

/// The answer to one request. Never blocks (reads the health table and the metrics).
net::server_response node_api_answer(const net::server_request& req, const node_health& health,
                                     const node_metrics& metrics);

} // namespace automator
