// The watchdog actor (see watchdog.hpp).
#include "actors/watchdog.hpp"

#include <map>
#include <optional>
#include <unordered_set>

#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <spdlog/spdlog.h>

#include "actors/in_actor.hpp"
#include "eth/automator_abi.hpp"

namespace automator {

namespace {

struct watchdog_state {
  std::optional<watchdog_config> cfg;
  std::unordered_set<slot_ref> watched;  // waiting for their deadline
  std::unordered_set<slot_ref> reported; // never report twice
  std::unordered_set<slot_ref> deadline_unknown; // missDeadline() failed: ask again when due
  std::multimap<int64_t, slot_ref> due;  // check time -> slot
  uint64_t generation = 0;
  std::optional<int64_t> wake_at;
  static inline const char* name = "watchdog";
};

using self_ptr = watchdog_internal::stateful_pointer<watchdog_state>;

watchdog_internal me(self_ptr self) { return caf::actor_cast<watchdog_internal>(self); }

void arm_wake(self_ptr self) {
  auto& st = self->state;
  st.cfg->metrics->watchdog_watched = int64_t(st.watched.size());
  if (st.due.empty())
    return;
  int64_t target = st.due.begin()->first;
  if (st.wake_at && *st.wake_at <= target)
    return;
  st.wake_at = target;
  self->scheduled_send(self, st.cfg->clock.to_time_point(target), wake_atom::value,
                       ++st.generation);
}

void check_later(self_ptr self, const slot_ref& ref, int64_t at_ms) {
  self->state.due.emplace(at_ms, ref);
  arm_wake(self);
}

void rpc_failed(self_ptr self, const slot_ref& ref, const std::string& what,
                const net::rpc_error& err) {
  auto& cfg = *self->state.cfg;
  cfg.metrics->rpc_errors++;
  spdlog::warn("watchdog: {} for task {} slot {} failed: {}", what, ref.task_id, ref.slot,
               err.message);
  check_later(self, ref, cfg.clock.now_ms() + cfg.retry_after.count());
}

/// Reads the slot's missDeadline and checks the slot then. If the read fails, it is asked
/// again after retry_after: a slot is never checked before its deadline is known.
void read_deadline(self_ptr self, const slot_ref& ref) {
  auto& st = self->state;
  st.cfg->chain->call(
    st.cfg->contract, eth::avs::encode_miss_deadline(ref.task_id, ref.slot),
    in_actor(me(self), [self, ref](net::result<eth::bytes, net::rpc_error> r) {
      if (!r) {
        self->state.deadline_unknown.insert(ref);
        return rpc_failed(self, ref, "missDeadline()", r.error());
      }
      try {
        auto deadline_s = eth::avs::decode_miss_deadline(*r);
        check_later(self, ref,
                    int64_t(deadline_s) * 1000 + self->state.cfg->margin.count());
      } catch (const eth::error& e) {
        spdlog::error("watchdog: malformed missDeadline() answer: {}", e.what());
        self->state.watched.erase(ref);
      }
    }));
}

void on_watch(self_ptr self, const slot_ref& ref) {
  auto& st = self->state;
  if (st.watched.count(ref) || st.reported.count(ref))
    return;
  st.watched.insert(ref);
  read_deadline(self, ref);
}

void check(self_ptr self, const slot_ref& ref) {
  auto& st = self->state;
  if (!st.watched.count(ref))
    return; // proven meanwhile
  st.cfg->chain->call(
    st.cfg->contract, eth::avs::encode_slot_state(ref.task_id, ref.slot),
    in_actor(me(self), [self, ref](net::result<eth::bytes, net::rpc_error> r) {
      if (!r)
        return rpc_failed(self, ref, "slotState()", r.error());
      auto& st = self->state;
      eth::slot_state state;
      try {
        state = eth::avs::decode_slot_state(*r);
      } catch (const eth::error& e) {
        spdlog::error("watchdog: malformed slotState() answer: {}", e.what());
        st.watched.erase(ref);
        return;
      }
      st.watched.erase(ref);
      st.cfg->metrics->watchdog_watched = int64_t(st.watched.size());
      if (state != eth::slot_state::pending)
        return;
      st.reported.insert(ref);
      spdlog::info("watchdog: task {} slot {} unproven past its deadline, reporting", ref.task_id,
                   ref.slot);
      self->send(st.cfg->submitter, report_missed{ref});
      st.cfg->metrics->watchdog_watched = int64_t(st.watched.size());
    }));
}

watchdog_internal::behavior_type watchdog_fn(self_ptr self, watchdog_config cfg) {
  self->state.cfg.emplace(std::move(cfg));
  return {
    [=](const watch_slot& w) { on_watch(self, w.ref); },
    [=](const slot_proven& p) {
      auto& st = self->state;
      st.watched.erase(p.ref);
      st.cfg->metrics->watchdog_watched = int64_t(st.watched.size());
    },
    [=](wake_atom, uint64_t generation) {
      auto& st = self->state;
      if (generation != st.generation)
        return;
      st.wake_at.reset();
      int64_t now = st.cfg->clock.now_ms();
      while (!st.due.empty() && st.due.begin()->first <= now) {
        auto ref = st.due.begin()->second;
        st.due.erase(st.due.begin());
        if (!st.deadline_unknown.erase(ref))
          check(self, ref);
        else if (st.watched.count(ref))
          read_deadline(self, ref);
      }
      arm_wake(self);
    },
    [=](const continuation& c) { c.run(); },
  };
}

} // namespace

watchdog_actor spawn_watchdog(caf::actor_system& sys, watchdog_config cfg) {
  return sys.spawn(watchdog_fn, std::move(cfg));
}

} // namespace automator
