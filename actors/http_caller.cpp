// The HTTP caller actor (see http_caller.hpp).
#include "actors/http_caller.hpp"

#include <algorithm>
#include <optional>

#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <spdlog/spdlog.h>

#include "actors/in_actor.hpp"

namespace automator {

namespace {

struct http_caller_state {
  std::optional<http_caller_config> cfg;
  static inline const char* name = "http_caller";
};

using self_ptr = http_caller_actor::stateful_pointer<http_caller_state>;

void retry_or_give_up(self_ptr self, fire_request fire, const proxy_error& err) {
  auto& cfg = *self->state.cfg;
  cfg.metrics->proxy_failures++;
  auto delay = cfg.retry_backoff * (1 << std::min<int>(fire.attempt, 10));
  int64_t retry_at = cfg.clock.now_ms() + delay.count();
  if (!err.retryable || fire.attempt + 1 >= cfg.max_attempts ||
      retry_at >= fire.window_end_ms()) {
    spdlog::warn("http_caller: giving up on task {} slot {} after {} tries: {}", fire.ref.task_id,
                 fire.ref.slot, fire.attempt + 1, err.message);
    return;
  }
  spdlog::info("http_caller: retrying task {} slot {} in {} ms: {}", fire.ref.task_id,
               fire.ref.slot, delay.count(), err.message);
  ++fire.attempt;
  self->delayed_send(self, delay, fire);
}

void call(self_ptr self, const fire_request& fire) {
  auto& cfg = *self->state.cfg;
  int64_t now = cfg.clock.now_ms();
  if (now >= fire.window_end_ms()) {
    cfg.metrics->slots_skipped_late++;
    spdlog::warn("http_caller: task {} slot {} window closed {} ms ago, not calling",
                 fire.ref.task_id, fire.ref.slot, now - fire.window_end_ms());
    return;
  }
  hit_request req{cfg.chain_id, cfg.contract, fire.ref.task_id, fire.ref.slot,
                  cfg.operator_address, fire.attempt};
  auto budget = std::min(cfg.try_timeout, std::chrono::milliseconds(fire.window_end_ms() - now));
  cfg.metrics->proxy_calls++;
  cfg.metrics->caller_in_flight++;
  auto me = caf::actor_cast<http_caller_actor>(self);
  cfg.proxy->request_hit(
    req, budget,
    in_actor(me, [self, fire](net::result<hit_proof, proxy_error> r) {
      auto& cfg = *self->state.cfg;
      cfg.metrics->caller_in_flight--;
      if (!r) {
        retry_or_give_up(self, fire, r.error());
        return;
      }
      cfg.metrics->proofs_received++;
      self->send(cfg.prover, proof_candidate{std::move(*r), fire.due_ms, fire.tolerance_ms});
    }));
}

http_caller_actor::behavior_type http_caller_fn(self_ptr self, http_caller_config cfg) {
  self->state.cfg.emplace(std::move(cfg));
  return {
    [=](const fire_batch& batch) {
      for (const auto& fire : batch.fires)
        call(self, fire);
    },
    [=](const fire_request& fire) { call(self, fire); },
    [=](const continuation& c) { c.run(); },
  };
}

} // namespace

http_caller_actor spawn_http_caller(caf::actor_system& sys, http_caller_config cfg) {
  return sys.spawn(http_caller_fn, std::move(cfg));
}

} // namespace automator
