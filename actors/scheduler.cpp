// The scheduler actor (see scheduler.hpp).
#include "actors/scheduler.hpp"

#include <optional>

#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <spdlog/spdlog.h>

#include "actors/scheduler_journal.hpp"
#include "actors/slot_planner.hpp"

namespace automator {

namespace {

struct scheduler_state {
  std::optional<scheduler_config> cfg;
  std::unique_ptr<slot_planner> planner;
  std::unique_ptr<scheduler_journal> journal;
  uint64_t generation = 0;
  std::optional<int64_t> wake_at;
  int64_t persisted_through = INT64_MIN;
  int64_t handled_through = INT64_MIN;
  size_t next_caller = 0;
  slot_planner::due_work work;
  static inline const char* name = "scheduler";
};

using self_ptr = scheduler_actor::stateful_pointer<scheduler_state>;

void update_gauges(self_ptr self) {
  auto& st = self->state;
  st.cfg->metrics->tasks_active = int64_t(st.planner->task_count());
  st.cfg->metrics->scheduler_queue = int64_t(st.planner->queue_depth());
}

bool dirty(const scheduler_state& st) {
  return st.handled_through > st.persisted_through;
}

/// Makes sure one wake-up is pending for the earliest of: the next deadline, and the moment the
/// handled-through mark is due to be persisted.
void arm_wake(self_ptr self) {
  auto& st = self->state;
  auto target = st.planner->next_due_ms();
  if (dirty(st)) {
    int64_t flush = st.persisted_through == INT64_MIN
                      ? st.handled_through
                      : st.persisted_through + st.cfg->persist_every.count();
    target = target ? std::min(*target, flush) : flush;
  }
  if (!target || (st.wake_at && *st.wake_at <= *target))
    return;
  st.wake_at = target;
  ++st.generation;
  self->scheduled_send(self, st.cfg->clock.to_time_point(*target), wake_atom::value,
                       st.generation);
}

void persist_progress(self_ptr self, int64_t now) {
  auto& st = self->state;
  if (!dirty(st))
    return;
  if (st.persisted_through != INT64_MIN &&
      now - st.persisted_through < st.cfg->persist_every.count())
    return;
  st.journal->save_handled_through(st.handled_through);
  st.persisted_through = st.handled_through;
}

void run_due(self_ptr self) {
  auto& st = self->state;
  auto& cfg = *st.cfg;
  int64_t now = cfg.clock.now_ms();
  st.work.clear();
  st.planner->take_ready(now, st.work);
  if (!cfg.callers.empty() && !st.work.fires.empty()) {
    // One message per caller, the fires dealt round-robin.
    std::vector<fire_batch> batches(std::min(cfg.callers.size(), st.work.fires.size()));
    for (size_t i = 0; i < st.work.fires.size(); ++i)
      batches[i % batches.size()].fires.push_back(st.work.fires[i]);
    for (auto& batch : batches)
      self->send(cfg.callers[st.next_caller++ % cfg.callers.size()], std::move(batch));
  }
  // Bookkeeping after the burst is out; a next slot already due gets an immediate wake-up.
  st.planner->advance(st.work);
  for (auto& fire : st.work.fires) {
    cfg.metrics->slots_fired++;
    cfg.metrics->fire_drift_ms.observe(double(now - fire.due_ms));
  }
  if (cfg.watchdog)
    for (auto& w : st.work.watches)
      self->send(cfg.watchdog, w);
  st.journal->erase_tasks(st.work.finished);
  if (!st.work.fires.empty() || !st.work.watches.empty())
    st.handled_through = std::max(st.handled_through, now);
  persist_progress(self, now);
  update_gauges(self);
  arm_wake(self);
}

void restore(self_ptr self) {
  auto& st = self->state;
  auto snap = st.journal->load();
  for (const auto& change : snap.operator_sets)
    st.planner->add_operator_set(change);
  if (snap.has_params)
    st.planner->set_params(snap.params.redundancy, snap.params.failover_delay);
  st.planner->skip_through(snap.handled_through_ms);
  st.handled_through = st.persisted_through = snap.handled_through_ms;
  int64_t now = st.cfg->clock.now_ms();
  std::vector<uint64_t> over;
  for (const auto& t : snap.tasks)
    if (!st.planner->add_task(t, now))
      over.push_back(t.id);
  st.journal->erase_tasks(over);
  spdlog::info("scheduler: restored {} tasks ({} finished while stopped), {} operator sets",
               st.planner->task_count(), over.size(), snap.operator_sets.size());
}

scheduler_actor::behavior_type scheduler_fn(self_ptr self, scheduler_config cfg) {
  auto& st = self->state;
  st.cfg.emplace(std::move(cfg));
  st.planner = std::make_unique<slot_planner>(st.cfg->operator_address);
  st.journal = std::make_unique<scheduler_journal>(st.cfg->store);
  restore(self);
  update_gauges(self);
  arm_wake(self);
  return {
    [=](const task_record& t) {
      auto& st = self->state;
      if (!st.planner->add_task(t, st.cfg->clock.now_ms()))
        return;
      st.journal->save_task(t);
      spdlog::debug("scheduler: task {} start {} interval {} count {}", t.id, t.start,
                    t.interval, t.count);
      update_gauges(self);
      arm_wake(self);
    },
    [=](const task_cancelled& c) {
      auto& st = self->state;
      st.planner->cancel_task(c.id, st.cfg->clock.now_ms());
      st.journal->erase_tasks({c.id});
      update_gauges(self);
    },
    [=](const operator_set_scheduled& change) {
      auto& st = self->state;
      st.planner->add_operator_set(change);
      st.journal->save_operator_set(change);
      spdlog::info("scheduler: operator set of {} from {}", change.operators.size(),
                   change.effective_from);
      update_gauges(self);
      arm_wake(self);
    },
    [=](const protocol_params& p) {
      auto& st = self->state;
      st.planner->set_params(p.redundancy, p.failover_delay);
      st.journal->save_params(p);
      update_gauges(self);
      arm_wake(self);
    },
    [=](const slot_proven& p) { self->state.planner->slot_proven(p.ref); },
    [=](wake_atom, uint64_t generation) {
      auto& st = self->state;
      if (generation != st.generation)
        return; // superseded by an earlier wake-up
      st.wake_at.reset();
      run_due(self);
    },
  };
}

} // namespace

scheduler_actor spawn_scheduler(caf::actor_system& sys, scheduler_config cfg) {
  if (cfg.own_thread)
    return sys.spawn<caf::detached>(scheduler_fn, std::move(cfg));
  return sys.spawn(scheduler_fn, std::move(cfg));
}

} // namespace automator
