// The HTTP caller actor (see http_caller.hpp).
#include "actors/http_caller.hpp"

#include <algorithm>
#include <memory>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <spdlog/spdlog.h>

#include "actors/cosign_round.hpp"
#include "actors/in_actor.hpp"
#include "eth/eip712_hit.hpp"
#include "eth/slot_assignment.hpp"

namespace automator {

namespace {

/// A status-0 hit kept while the slot is asked again: proven as it is if no better one comes.
struct kept_hit {
  size_t proxy = 0;
  proxy_answer answer;
  uint8_t retries = 0; // status-0 retries made for the slot
};

struct http_caller_state {
  std::optional<http_caller_config> cfg;
  eth::hash32 domain_separator{};
  std::unordered_set<uint64_t> short_of_proxies; // quorum tasks already reported as unfireable
  std::unordered_map<slot_ref, kept_hit> kept;
  static inline const char* name = "http_caller";
};

using self_ptr = http_caller_internal::stateful_pointer<http_caller_state>;
using answer = net::result<proxy_answer, proxy_error>;

/// The delay before the try after `attempt`, or nullopt when no try is left or it would come
/// after the slot's window closes.
std::optional<std::chrono::milliseconds> retry_delay(const http_caller_config& cfg,
                                                     uint8_t attempt, int64_t window_end_ms) {
  auto delay = eth::slot_retry_delay(cfg.retry_backoff.count(), attempt, cfg.max_attempts,
                                     cfg.clock.now_ms(), window_end_ms);
  if (!delay)
    return std::nullopt;
  return std::chrono::milliseconds(*delay);
}

/// The budget of a hit try sent now. A try after which another may follow inside the window gets
/// try_timeout; the last one (no room left in the window, or no try left) waits for the answer as
/// long as a proxy may take: its hit time is when the proxy started serving, so a late answer
/// still proves a slot asked for in time.
std::chrono::milliseconds hit_budget(const http_caller_config& cfg, const fire_request& fire) {
  int64_t left = fire.window_end_ms() - cfg.clock.now_ms();
  if (left > cfg.try_timeout.count() && fire.attempt + 1 < cfg.max_attempts)
    return cfg.try_timeout;
  return std::max(cfg.try_timeout, cfg.answer_wait);
}

void proceed(self_ptr self, const fire_request& fire, size_t proxy, proxy_answer answer);

/// Proves the slot's kept status-0 hit, if there is one; true if there was.
bool prove_kept(self_ptr self, const fire_request& fire) {
  auto& kept = self->state.kept;
  auto it = kept.find(fire.ref);
  if (it == kept.end())
    return false;
  auto hit = std::move(it->second);
  kept.erase(it);
  spdlog::info("http_caller: task {} slot {}: proving the status-0 hit ({}) after {} retries",
               fire.ref.task_id, fire.ref.slot, hit.answer.reason, hit.retries);
  proceed(self, fire, hit.proxy, std::move(hit.answer));
  return true;
}

void retry_or_give_up(self_ptr self, fire_request fire, const proxy_error& err) {
  auto& cfg = *self->state.cfg;
  cfg.metrics->proxy_failures++;
  auto delay = retry_delay(cfg, fire.attempt, fire.window_end_ms());
  if (!err.retryable || !delay) {
    if (prove_kept(self, fire))
      return;
    spdlog::warn("http_caller: giving up on task {} slot {} after {} tries: {}", fire.ref.task_id,
                 fire.ref.slot, fire.attempt + 1, err.message);
    return;
  }
  spdlog::info("http_caller: retrying task {} slot {} in {} ms: {}", fire.ref.task_id,
               fire.ref.slot, delay->count(), err.message);
  ++fire.attempt;
  self->delayed_send(self, *delay, fire);
}

bool window_open(self_ptr self, const fire_request& fire) {
  auto& cfg = *self->state.cfg;
  int64_t now = cfg.clock.now_ms();
  if (now < fire.window_end_ms())
    return true;
  if (prove_kept(self, fire))
    return false;
  cfg.metrics->slots_skipped_late++;
  spdlog::warn("http_caller: task {} slot {} window closed {} ms ago, not calling",
               fire.ref.task_id, fire.ref.slot, now - fire.window_end_ms());
  return false;
}

/// Sends one request to the proxy with the given budget; `handler` gets the answer inside the
/// actor.
template <class Handler>
void ask_proxy(self_ptr self, const fire_request& fire, size_t proxy,
               std::optional<proxy_answer> cosign, std::chrono::milliseconds budget,
               Handler handler) {
  auto& cfg = *self->state.cfg;
  hit_request req{cfg.chain_id,          cfg.contract, fire.ref.task_id, fire.ref.slot,
                  cfg.operator_address, proxy,        std::move(cosign)};
  cfg.metrics->proxy_calls++;
  cfg.metrics->caller_in_flight++;
  auto me = caf::actor_cast<http_caller_internal>(self);
  cfg.proxy->request_hit(req, budget, in_actor(me, [self, handler](answer r) mutable {
                           self->state.cfg->metrics->caller_in_flight--;
                           handler(std::move(r));
                         }));
}

void deliver(self_ptr self, const fire_request& fire, hit_proof proof, std::string reason) {
  auto& cfg = *self->state.cfg;
  cfg.metrics->proofs_received++;
  self->send(cfg.prover,
             proof_candidate{std::move(proof), fire.due_ms, fire.tolerance_ms, std::move(reason)});
}

/// Co-signatures are asked until the proxies' answers may come (see hit_budget): the hit's
/// time lies in the window, the co-signers only sign it.
int64_t cosign_deadline_ms(const http_caller_config& cfg, const fire_request& fire) {
  return fire.window_end_ms() + std::max(cfg.try_timeout, cfg.answer_wait).count();
}

void cosign(self_ptr self, const fire_request& fire, std::shared_ptr<cosign_round> round,
            size_t proxy, uint8_t attempt);

void cosign_failed(self_ptr self, const fire_request& fire, std::shared_ptr<cosign_round> round,
                   size_t proxy, uint8_t attempt, const proxy_error& err) {
  auto& cfg = *self->state.cfg;
  cfg.metrics->proxy_failures++;
  auto next = round->replace(proxy, err.retryable);
  auto delay = retry_delay(cfg, attempt, cosign_deadline_ms(cfg, fire));
  if (!next || !delay) {
    round->give_up();
    spdlog::warn("http_caller: giving up on task {} slot {}, which needs {} signatures of "
                 "different proxies: no proxy left to co-sign after: {}",
                 fire.ref.task_id, fire.ref.slot, fire.quorum, err.message);
    return;
  }
  spdlog::info("http_caller: task {} slot {}: asking proxy {} to co-sign in {} ms: {}",
               fire.ref.task_id, fire.ref.slot, *next, delay->count(), err.message);
  self->delayed_send(self, *delay, continuation{[self, fire, round, p = *next, attempt] {
                       cosign(self, fire, round, p, attempt + 1);
                     }});
}

void cosign(self_ptr self, const fire_request& fire, std::shared_ptr<cosign_round> round,
            size_t proxy, uint8_t attempt) {
  if (round->given_up())
    return;
  auto& cfg = *self->state.cfg;
  int64_t left = cosign_deadline_ms(cfg, fire) - cfg.clock.now_ms();
  if (left <= 0) {
    round->give_up();
    spdlog::warn("http_caller: giving up on task {} slot {}: its co-signatures are late",
                 fire.ref.task_id, fire.ref.slot);
    return;
  }
  auto budget = std::min(cfg.try_timeout, std::chrono::milliseconds(left));
  ask_proxy(self, fire, proxy, round->first(), budget,
            [self, fire, round, proxy, attempt](answer r) {
    if (round->given_up())
      return;
    if (!r) {
      cosign_failed(self, fire, round, proxy, attempt, r.error());
    } else if (auto error = round->add(proxy, *r)) {
      cosign_failed(self, fire, round, proxy, attempt, proxy_error{false, "proxy " +
                    std::to_string(proxy) + ": " + *error});
    } else if (round->complete()) {
      deliver(self, fire, round->combined(), round->first().reason);
    }
  });
}

/// A quorum hit: the first proxy's signed hit, then k-1 other proxies asked to co-sign it.
void start_cosign(self_ptr self, const fire_request& fire, size_t proxy, proxy_answer first) {
  auto& st = self->state;
  auto round = std::make_shared<cosign_round>(st.domain_separator, st.cfg->proxy->proxy_count(),
                                              fire.quorum, proxy, std::move(first));
  if (auto error = round->first_error()) {
    st.cfg->metrics->proxy_failures++;
    spdlog::warn("http_caller: giving up on task {} slot {}: proxy {} answered a hit that "
                 "cannot be co-signed: {}",
                 fire.ref.task_id, fire.ref.slot, proxy, *error);
    return;
  }
  for (size_t p : round->start())
    cosign(self, fire, round, p, 0);
}

void on_status0(self_ptr self, fire_request fire, size_t proxy, proxy_answer got);

/// The slot's hit is in: prove it (quorum 1) or have it co-signed.
void proceed(self_ptr self, const fire_request& fire, size_t proxy, proxy_answer answer) {
  if (fire.quorum <= 1)
    deliver(self, fire, std::move(answer.proof), std::move(answer.reason));
  else
    start_cosign(self, fire, proxy, std::move(answer));
}

void call(self_ptr self, const fire_request& fire) {
  auto& st = self->state;
  if (!window_open(self, fire))
    return;
  size_t proxies = st.cfg->proxy->proxy_count();
  if (std::max<size_t>(fire.quorum, 1) > proxies) {
    // A proof with fewer signatures is sure to be refused; the owner's quorum cannot be met here.
    if (st.short_of_proxies.insert(fire.ref.task_id).second)
      spdlog::error("http_caller: task {} needs signatures of {} different proxies, but "
                    "node.proxy-urls configures {}; not firing its slots",
                    fire.ref.task_id, fire.quorum, proxies);
    return;
  }
  // Rotating with the attempt fails over to the next proxy.
  size_t proxy = (fire.ref.task_id + fire.ref.slot + fire.attempt) % proxies;
  auto budget = hit_budget(*st.cfg, fire);
  ask_proxy(self, fire, proxy, std::nullopt, budget, [self, fire, proxy](answer r) {
    if (!r)
      retry_or_give_up(self, fire, r.error());
    else if (r->proof.status == 0)
      on_status0(self, fire, proxy, std::move(*r));
    else {
      self->state.kept.erase(fire.ref);
      proceed(self, fire, proxy, std::move(*r));
    }
  });
}

/// A status-0 hit says the target was not reached (a reset keep-alive socket, a target that was
/// down a moment): ask again, to another proxy where there is one, if a whole try still fits in
/// the window after the backoff (a quorum hit still needs its co-signatures after it); keep the
/// first status-0 hit to prove if nothing better comes.
void on_status0(self_ptr self, fire_request fire, size_t proxy, proxy_answer got) {
  auto& st = self->state;
  auto& cfg = *st.cfg;
  auto [it, first] = st.kept.try_emplace(fire.ref, kept_hit{proxy, got, 0});
  spdlog::info("http_caller: task {} slot {}: proxy {} answered status 0 ({})", fire.ref.task_id,
               fire.ref.slot, proxy, got.reason);
  auto delay = retry_delay(cfg, fire.attempt, fire.window_end_ms() - cfg.try_timeout.count());
  if (it->second.retries >= cfg.status0_retries || !delay) {
    prove_kept(self, fire);
    return;
  }
  it->second.retries++;
  cfg.metrics->status0_retries++;
  ++fire.attempt;
  self->delayed_send(self, *delay, fire);
}

http_caller_internal::behavior_type http_caller_fn(self_ptr self, http_caller_config cfg) {
  self->state.domain_separator = eth::hit_domain{cfg.chain_id, cfg.contract}.separator();
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
