// The target fault model (see target_fault.hpp).
#include "target_fault.hpp"

#include <algorithm>

namespace automator::sim {

target_effect target_effect_of(const fault* f, sim_time target_latency) {
  if (!f) return {target_latency, 200, ""};
  auto slow = [&](uint32_t default_ms) { return sim_time{f->delay_ms ? f->delay_ms : default_ms} * us_per_ms; };
  using b = fault::target_behavior;
  switch (f->target_how) {
    case b::slow_dns: return {std::min(slow(1'500), proxy_dns_timeout) + target_latency, 200, ""};
    case b::failing_dns: return {proxy_dns_timeout, 0, "dns"};
    case b::slow_connect: return {proxy_target_timeout, 0, "timeout"};
    case b::slow_headers: return {std::min(slow(3'000) + target_latency, proxy_target_timeout), 200, ""};
    case b::hang: return {proxy_target_timeout, 0, "timeout"};
    case b::reset: return {target_latency, 0, "reset"};
    case b::huge_body: return {std::min(target_latency + slow(500), proxy_target_timeout), 200, ""};  // cut at 1 MiB
    case b::redirect: return {target_latency, 302, ""};  // followed by no one: the 3xx is the result
    case b::forbidden_address: return {0, 0, "forbidden-address"};  // refused before any connect
    case b::none: break;
  }
  return {target_latency, 200, ""};
}

}  // namespace automator::sim
