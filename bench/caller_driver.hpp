// The http_caller row of http_throughput: slots fired and answered per second through the real
// http_caller actor and http_proxy_client over the pooled http_client, so the number includes
// the actor, its messages, the JSON request and the strict answer parsing.
#pragma once

#include <cstdint>
#include <string>

#include "actors/proxy_client.hpp"
#include "closed_loop.hpp"

/// The request the driven caller sends for (task, slot); the other rows post its body too, so
/// every row makes the server do the same work.
automator::hit_request caller_request(std::uint64_t task, std::uint32_t slot);

/// Closed loop against the proxy at `url`: `connections` slots in flight (one per task, the
/// next slot fired when the proof of the last one arrives) and as many pooled connections.
/// Latencies are fire to proof; errors are the caller's failed tries and skipped slots.
measurement run_caller(const std::string& url, int connections, int seconds);
