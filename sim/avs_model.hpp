// An in-memory model of the FleekAutomator contract (contracts/src/interfaces/
// IFleekAutomator.sol, docs/): tasks and slot states, the operator set history with
// epochs and activation delay, slot assignment, the hit acceptance rules with the contract's
// RejectReason values, reportMissed with slashing of a modelled stake, ejection, fees, owed
// amounts and bounties, an optional event log, and the gas a real chain would have spent.
//
// Calls that revert on chain throw model_revert carrying the Solidity custom error's name.
// Accounts are dense ids: operators first (in ascending address order, so sorting ids sorts
// addresses as the contract does), then any other account (task owners, reporters).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "assignment_prefetch.hpp"
#include "eth/slot_assignment.hpp"
#include "scenario.hpp"
#include "wei.hpp"

namespace automator::sim {

using account = uint32_t;

enum class slot_state : uint8_t { pending = 0, proven = 1, missed = 2 };

enum class reject_reason : uint8_t {
  unknown_task,
  task_cancelled,
  slot_out_of_range,
  outside_time_window,
  already_resolved,
  not_eligible,
  bad_signature,
  task_paused
};
constexpr int reject_reason_count = 8;
const char* to_string(reject_reason r);  // the Solidity enum member's name

/// A reverted call: `error` is the contract's custom error name ("DeadlineNotReached").
class model_revert : public std::runtime_error {
public:
  model_revert(std::string error, const std::string& detail)
      : std::runtime_error(error + ": " + detail), error_(std::move(error)) {}
  const std::string& error() const { return error_; }

private:
  std::string error_;
};

/// One proof as submitted (IFleekAutomator.SignedHit); the operator is the submitter.
struct signed_hit {
  uint64_t task_id = 0;
  uint32_t slot = 0;
  uint64_t hit_time_ms = 0;
  uint16_t status = 200;
  uint64_t response_tag = 0;  // stands for responseHash
  uint64_t signature = 0;     // checked by the model's signature_check
};

/// Decides whether a hit's signature is a registered proxy's signature over the Hit with
/// `submitter` as operator (the contract's BadSignature check).
using signature_check = std::function<bool(const signed_hit&, account submitter)>;

struct model_event {
  enum class kind : uint8_t {
    task_created, task_cancelled, hit_proven, hit_rejected, hits_submitted, slot_missed,
    operator_slashed, operator_ejected, operator_registered, operator_deregistered, operator_set_scheduled
  };
  model_event(kind k, uint64_t task = 0, uint32_t s = 0, account w = 0, account o = 0)
      : what(k), task_id(task), slot(s), who(w), other(o) {}

  kind what;
  uint64_t task_id = 0;
  uint32_t slot = 0;
  account who = 0;       // operator / owner / primary
  account other = 0;     // reporter
  uint64_t a = 0;        // hitTimeMs / accepted / slashId / misses / effectiveFrom
  uint64_t b = 0;        // status / rejected / wad / reason
  wei value = 0;         // bounty / refund / fee
  std::vector<account> operators;  // operator_set_scheduled
};
const char* to_string(model_event::kind k);  // the Solidity event's name

struct task_record {
  account owner = 0;
  uint64_t start = 0;
  uint32_t interval = 0;
  uint32_t count = 0;
  uint32_t tolerance = 0;
  uint8_t quorum = 1;
  bool cancelled = false;
  uint32_t cancelled_from = 0;  // first slot no longer served once cancelled
  wei fee_per_hit = 0;
  wei deposit = 0;
  uint32_t proven = 0;
  uint32_t missed = 0;
  /// One word per slot: bits 0-1 the slot_state; bits 2-15 and 16-31 cache the primary's index
  /// h % n and the set size n it was computed for (keccak256 once per slot instead of once per
  /// query; keyed by n, so a later set change never leaves a stale entry). One array, so a
  /// slot's state and assignment share a cache line.
  std::vector<uint32_t> cells;

  slot_state state_of(uint32_t slot) const { return static_cast<slot_state>(cells[slot] & 3); }
  void set_state(uint32_t slot, slot_state s) { cells[slot] = (cells[slot] & ~3u) | static_cast<uint32_t>(s); }
  uint64_t slot_time(uint32_t slot) const { return eth::slot_due_time(start, interval, slot); }
  /// When rank r may fire (unix seconds): the node's rule, eth::slot_fire_time.
  uint64_t fire_time(uint32_t slot, uint32_t rank, uint32_t failover_delay_s) const {
    return eth::slot_fire_time(start, interval, slot, rank, failover_delay_s);
  }
  /// Slots still served: all of them, or those before the cut-off of a cancelled task.
  uint32_t served() const { return cancelled ? cancelled_from : count; }
};

struct operator_record {
  bool registered = false;
  bool ejected = false;
  uint32_t misses = 0;
  uint32_t hits_proven = 0;
  wei fees_earned = 0;
  wei stake = 0;       // modelled slashable stake
  wei slashed = 0;
};

struct gas_meter {
  uint64_t total = 0;
  uint64_t create_task = 0, cancel_task = 0, submit_hits = 0, report_missed = 0, ejections = 0;
  uint64_t transactions = 0;
};

/// The slot's primary and backups (index r = backup position), as the operators of
/// IFleekAutomator.eligibleOperators (backup r may fire from T(k) + r * failoverDelay).
struct eligibility {
  account operators[16];
  uint32_t size = 0;
};

class avs_model {
public:
  avs_model(protocol_params params, signature_check check, bool keep_events);

  // ---- operators (the AllocationManager's registrar callbacks)
  void register_operator(account op, wei stake, uint64_t now);
  void deregister_operator(account op, uint64_t now);

  // ---- tasks (ids run from 1 to task_count(), as in the contract)
  uint64_t create_task(account owner, uint64_t start, uint32_t interval, uint32_t count, uint32_t tolerance,
                       wei fee_per_hit, wei value, uint64_t now);
  void cancel_task(uint64_t task_id, account caller, uint64_t now);

  // ---- proofs and penalties
  /// Returns the number accepted; `reasons`, when given, receives one entry per rejected hit.
  uint32_t submit_hits(account submitter, const std::vector<signed_hit>& hits, uint64_t now,
                       std::vector<std::pair<size_t, reject_reason>>* rejected = nullptr);
  void report_missed(uint64_t task_id, uint32_t slot, account reporter, uint64_t now);
  /// Gas of a reportMissed that reverted because it lost the race to a proof (for the meter).
  void charge_reverted_report();

  // ---- views
  const task_record& task(uint64_t task_id) const;
  uint64_t task_count() const { return tasks_.size(); }
  bool task_exists(uint64_t task_id) const { return task_id >= 1 && task_id <= tasks_.size(); }
  slot_state state(uint64_t task_id, uint32_t slot) const;
  const std::vector<account>& operators_at(uint64_t timestamp) const;
  eligibility eligible(uint64_t task_id, uint32_t slot) const;
  /// Has a helper thread compute the primaries of the tasks created so far, for a set the
  /// size of the latest one, ahead of eligible() (which computes any it has not got to itself).
  void prefetch_assignments();
  uint64_t miss_deadline(uint64_t task_id, uint32_t slot) const;
  wei owed(account a) const { return a < owed_.size() ? owed_[a] : 0; }
  /// Everything owed to every account (fees and bounties).
  wei owed_total() const {
    wei sum = 0;
    for (wei w : owed_) sum += w;
    return sum;
  }
  const operator_record& operator_info(account op) const;
  const protocol_params& params() const { return params_; }
  const gas_meter& gas() const { return gas_; }
  const std::vector<model_event>& events() const { return events_; }

private:
  struct set_change {
    uint64_t effective_from;
    std::vector<account> operators;
  };

  /// Sets below this size have their primary cached in task_record::cells (14 bits).
  static constexpr size_t cacheable_set = size_t{1} << 14;
  /// h % n from the slot's cache word, computing and storing it if it was for another n.
  size_t cached_primary(uint64_t task_id, uint32_t slot, size_t n) const;
  task_record& existing_slot(uint64_t task_id, uint32_t slot);
  /// Schedules `next` as the set from the first epoch boundary activationDelay after `now`,
  /// replacing a change not yet in effect (OperatorSetSchedule.schedule).
  void schedule_set(std::vector<account> next, uint64_t now);
  void remove_from_set(account op, uint64_t now);
  void credit(account a, wei amount);
  void emit(model_event e);

  protocol_params params_;
  signature_check check_;
  bool keep_events_;
  mutable std::vector<task_record> tasks_;  // mutable: eligible() fills the assignment cache
  std::vector<operator_record> operators_;
  std::vector<set_change> set_history_;  // ascending effective_from
  std::vector<account> latest_set_;      // the last scheduled set
  std::vector<wei> owed_;
  uint64_t next_slash_id_ = 1;
  gas_meter gas_;
  std::vector<model_event> events_;
  std::unique_ptr<assignment_prefetch> prefetch_;
};

}  // namespace automator::sim
