// The scheduler's pure logic, without CAF: the local task copy, which of each task's slots this
// operator must fire (primary at T(k), backup r at T(k) + r * failoverDelay unless a proof was
// seen) or watch for a miss (its backups, and with R = 1 the slots it would back up first),
// and one min-heap of deadlines from which the actor takes everything due.
//
// Slots are expanded lazily: each task has one cursor in the heap (its next slot with a role),
// so memory grows with the number of tasks, not slots. Deadlines always come from the
// schedule (T(k) = start + k * interval), never from "now + interval".
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "actors/deadline_heap.hpp"
#include "actors/operator_set_history.hpp"
#include "eth/bytes.hpp"
#include "messages/chain_messages.hpp"
#include "messages/slot_messages.hpp"

namespace automator {

class slot_planner {
public:
  /// What became due in one take_due call.
  struct due_work {
    std::vector<fire_request> fires;   // in due order
    std::vector<watch_slot> watches;   // slots this operator backs up, or watches where R = 1
    std::vector<uint64_t> finished;    // tasks whose last slot has been handled
    void clear() { fires.clear(); watches.clear(); finished.clear(); }
  };

  explicit slot_planner(eth::address self);

  /// Redundancy R and failoverDelay (seconds) from the contract's Params.
  void set_params(uint8_t redundancy, uint32_t failover_delay_s);
  void add_operator_set(const operator_set_scheduled& change);

  /// Adds a task; slots whose window closed before `now_ms` are skipped. Returns false if the
  /// task is already known or has no slot left to fire.
  bool add_task(const task_record& task, int64_t now_ms);
  /// The owner cancelled the task, seen at `now_ms`. The contract still serves (and can still
  /// penalize) every slot due up to the cancel block's time + tolerance + 1, and that block is
  /// no later than now: the slots due up to now + tolerance + 1 keep their duties, the rest go.
  void cancel_task(uint64_t task_id, int64_t now_ms);
  /// A hit for the slot is on chain: a backup duty for it stands down.
  void slot_proven(const slot_ref& ref);

  /// After a restart: every deadline at or before `ms` was handled before the stop, so it is
  /// consumed without firing again.
  void skip_through(int64_t ms) { skip_through_ms_ = ms; }

  /// Takes the fires due at or before `now_ms` without expanding the tasks' next slots, so a
  /// burst of fires goes out before the (hashing) work of finding each task's next slot.
  /// Call advance() after sending them.
  void take_ready(int64_t now_ms, due_work& out);
  /// Queues the next slot of every task taken by take_ready.
  void advance(due_work& out);
  /// take_ready and advance until nothing at or before `now_ms` is left.
  void take_due(int64_t now_ms, due_work& out);
  /// The earliest deadline in the heap.
  std::optional<int64_t> next_due_ms() const;

  const operator_set_history& operator_sets() const { return sets_; }
  size_t task_count() const { return tasks_.size(); }
  size_t queue_depth() const { return heap_.size(); }
  size_t backups_pending() const { return pending_backups_.size(); }
  bool has_task(uint64_t task_id) const { return tasks_.count(task_id) != 0; }

  /// How many slots one cursor step examines before parking a scan entry (bounds the work per
  /// step when this operator has no role in a long run of slots).
  static constexpr uint32_t scan_limit = 64;

private:
  struct task_state {
    uint64_t start;
    uint32_t interval;
    uint32_t count;
    uint32_t tolerance;
    uint32_t next_slot; // first slot whose cursor has not been taken yet
    uint8_t quorum;
  };

  int64_t slot_ms(const task_state& t, uint32_t slot) const;
  /// Positions with a role: the R that fire, and with R = 1 position 1 too, which only watches,
  /// so that some node reports a primary's miss even without backups.
  unsigned watch_depth() const { return std::max<unsigned>(redundancy_, 2); }
  /// Finds the task's next slot with a role from `from` on and queues it; false if none is left.
  bool push_cursor(uint64_t id, const task_state& t, uint32_t from);
  void rebuild_cursors();
  void take(const deadline_entry& e, due_work& out);

  eth::address self_;
  uint8_t redundancy_ = 1;
  uint32_t failover_delay_s_ = 0;
  int64_t skip_through_ms_ = INT64_MIN;
  operator_set_history sets_;
  std::unordered_map<uint64_t, task_state> tasks_;
  deadline_heap heap_;
  std::unordered_map<slot_ref, fire_request> pending_backups_;
  std::vector<slot_ref> to_advance_; // task and the slot to continue from, after take_ready
};

} // namespace automator
