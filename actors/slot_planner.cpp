// The scheduler's slot expansion and deadline heap (see slot_planner.hpp).
#include "actors/slot_planner.hpp"

#include <algorithm>

#include "eth/slot_assignment.hpp"

namespace automator {

slot_planner::slot_planner(eth::address self) : self_(self) {}

void slot_planner::set_params(uint8_t redundancy, uint32_t failover_delay_s) {
  if (redundancy == redundancy_ && failover_delay_s == failover_delay_s_)
    return;
  redundancy_ = std::max<uint8_t>(redundancy, 1);
  failover_delay_s_ = failover_delay_s;
  rebuild_cursors();
}

void slot_planner::add_operator_set(const operator_set_scheduled& change) {
  sets_.add(change);
  rebuild_cursors();
}

int64_t slot_planner::slot_ms(const task_state& t, uint32_t slot) const {
  return int64_t(eth::slot_due_time(t.start, t.interval, slot)) * 1000;
}

bool slot_planner::add_task(const task_record& task, int64_t now_ms) {
  if (task.count == 0 || task.interval == 0 || tasks_.count(task.id))
    return false;
  task_state t{task.start, task.interval, task.count, task.tolerance, 0, task.quorum};
  // First slot whose window T(k) + tolerance has not closed yet.
  int64_t late_ms = now_ms - int64_t(task.start + task.tolerance) * 1000;
  if (late_ms > 0) {
    int64_t step = int64_t(task.interval) * 1000;
    t.next_slot = uint32_t(std::min<int64_t>((late_ms + step - 1) / step, task.count));
  }
  if (t.next_slot >= t.count)
    return false;
  tasks_.emplace(task.id, t);
  if (!push_cursor(task.id, t, t.next_slot)) {
    tasks_.erase(task.id);
    return false;
  }
  return true;
}

void slot_planner::cancel_task(uint64_t task_id, int64_t now_ms) {
  auto task = tasks_.find(task_id);
  // Slots still served: those due at or before now + tolerance + 1 (TaskRegistry.cancelTask's
  // cut-off, taken at a block no later than now). Dropping one would leave a slot the contract
  // can still report unfired.
  uint32_t served = 0;
  if (task != tasks_.end()) {
    const task_state& t = task->second;
    int64_t last_ms = now_ms + (int64_t(t.tolerance) + 1) * 1000;
    int64_t first_ms = int64_t(t.start) * 1000;
    if (last_ms >= first_ms)
      served = uint32_t(std::min<int64_t>((last_ms - first_ms) / (int64_t(t.interval) * 1000) + 1, t.count));
    if (t.next_slot >= served)
      tasks_.erase(task); // heap entries of the task are dropped lazily when they come up
    else
      task->second.count = served; // cursors past the new end finish the task when they come up
  }
  for (auto it = pending_backups_.begin(); it != pending_backups_.end();) {
    bool dropped = it->first.task_id == task_id && it->first.slot >= served;
    it = dropped ? pending_backups_.erase(it) : std::next(it);
  }
}

void slot_planner::slot_proven(const slot_ref& ref) {
  pending_backups_.erase(ref);
}

bool slot_planner::push_cursor(uint64_t id, const task_state& t, uint32_t from) {
  uint32_t end = uint32_t(std::min<uint64_t>(uint64_t(from) + scan_limit, t.count));
  for (uint32_t k = from; k < end; ++k) {
    const auto& set = sets_.at(eth::slot_due_time(t.start, t.interval, k));
    if (set.empty())
      continue;
    int rank = eth::slot_rank(id, k, set, watch_depth(), self_);
    if (rank >= 0) {
      heap_.push({slot_ms(t, k), id, k, uint8_t(rank), deadline_entry::cursor});
      return true;
    }
  }
  if (end >= t.count)
    return false;
  heap_.push({slot_ms(t, end), id, end, 0, deadline_entry::scan});
  return true;
}

void slot_planner::rebuild_cursors() {
  heap_.remove_if([](const deadline_entry& e) { return e.kind != deadline_entry::backup; });
  for (auto it = tasks_.begin(); it != tasks_.end();) {
    if (push_cursor(it->first, it->second, it->second.next_slot))
      ++it;
    else
      it = tasks_.erase(it);
  }
}

void slot_planner::take_ready(int64_t now_ms, due_work& out) {
  while (!heap_.empty() && heap_.top().due_ms <= now_ms)
    take(heap_.pop(), out);
}

void slot_planner::advance(due_work& out) {
  for (const auto& [id, from] : to_advance_) {
    auto it = tasks_.find(id);
    if (it == tasks_.end())
      continue; // cancelled meanwhile
    if (!push_cursor(id, it->second, from)) {
      tasks_.erase(it);
      out.finished.push_back(id);
    }
  }
  to_advance_.clear();
}

void slot_planner::take_due(int64_t now_ms, due_work& out) {
  do {
    take_ready(now_ms, out);
    advance(out);
  } while (!heap_.empty() && heap_.top().due_ms <= now_ms);
}

void slot_planner::take(const deadline_entry& e, due_work& out) {
  bool replay = e.due_ms <= skip_through_ms_;
  slot_ref ref{e.task_id, e.slot};
  if (e.kind == deadline_entry::backup) {
    auto it = pending_backups_.find(ref);
    if (it == pending_backups_.end())
      return; // stood down: proof seen or task cancelled
    if (!replay)
      out.fires.push_back(it->second);
    pending_backups_.erase(it);
    return;
  }
  auto it = tasks_.find(e.task_id);
  if (it == tasks_.end())
    return; // cancelled
  task_state& t = it->second;
  uint32_t next = e.slot;
  if (e.slot >= t.count) {
    to_advance_.push_back(slot_ref{e.task_id, e.slot}); // past a cancelled task's served slots
    return;
  }
  if (e.kind == deadline_entry::cursor) {
    next = e.slot + 1;
    t.next_slot = next;
    int64_t due = int64_t(eth::slot_fire_time(t.start, t.interval, e.slot, e.rank, failover_delay_s_)) * 1000;
    fire_request fire{ref, e.rank, due, int64_t(t.tolerance) * 1000, t.quorum, 0};
    if (e.rank >= redundancy_) {
      if (!replay)
        out.watches.push_back(watch_slot{ref}); // the watcher of an R = 1 slot: no fire
    } else if (e.rank == 0) {
      if (!replay)
        out.fires.push_back(fire);
    } else {
      pending_backups_[ref] = fire;
      heap_.push({due, e.task_id, e.slot, e.rank, deadline_entry::backup});
      if (!replay)
        out.watches.push_back(watch_slot{ref});
    }
  }
  to_advance_.push_back(slot_ref{e.task_id, next});
}

std::optional<int64_t> slot_planner::next_due_ms() const {
  if (heap_.empty())
    return std::nullopt;
  return heap_.top().due_ms;
}

} // namespace automator
