// What a misbehaving target does to one proxy call in the simulator (fault kind "target"), the
// one home of it for both modes: how long after the proxy starts serving the slot its signed
// answer is ready, the status it signs and the failure reason it gives. The proxy's hitTimeMs is
// when it started serving (before DNS), so the delay never moves the hit out of its window; a
// slow answer only shortens the time left to get the proof on chain.
#pragma once

#include <cstdint>

#include "scenario.hpp"

namespace automator::sim {

/// The real proxy's limits (proxy/src): its resolver gives up after 2 s (targetGuard.js, with
/// --dns-servers), a target call after 8 s (config.js targetTimeoutMs).
constexpr sim_time proxy_dns_timeout = 2'000 * us_per_ms;
constexpr sim_time proxy_target_timeout = 8'000 * us_per_ms;

struct target_effect {
  sim_time delay = 0;       // from the proxy's start of serving to its signed answer
  uint16_t status = 200;
  const char* reason = "";  // the proxy's call.reason for a status-0 hit
};

/// The effect of `f` (nullptr: a healthy target) on a call whose target would answer after
/// `target_latency`.
target_effect target_effect_of(const fault* f, sim_time target_latency);

}  // namespace automator::sim
