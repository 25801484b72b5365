// The contract model's rules. Each function mirrors one FleekAutomator function: same checks in
// the same order, same revert names, same events; the differential test (tests/sim) holds the
// two to that.
#include "avs_model.hpp"

#include <algorithm>
#include <climits>

#include "eth/slot_assignment.hpp"
#include "gas_table.hpp"

namespace automator::sim {

const char* to_string(reject_reason r) {
  static const char* names[] = {"UnknownTask",  "TaskCancelled", "SlotOutOfRange", "OutsideTimeWindow",
                                "AlreadyResolved", "NotEligible", "BadSignature",   "TaskPaused"};
  return names[static_cast<int>(r)];
}

const char* to_string(model_event::kind k) {
  static const char* names[] = {"TaskCreated",       "TaskCancelled",        "HitProven",
                                "HitRejected",       "HitsSubmitted",        "SlotMissed",
                                "OperatorSlashed",   "OperatorEjected",      "OperatorRegistered",
                                "OperatorDeregistered", "OperatorSetScheduled"};
  return names[static_cast<int>(k)];
}

avs_model::avs_model(protocol_params params, signature_check check, bool keep_events)
    : params_(params), check_(std::move(check)), keep_events_(keep_events) {}

void avs_model::emit(model_event e) {
  if (keep_events_) events_.push_back(std::move(e));
}

void avs_model::credit(account a, wei amount) {
  if (owed_.size() <= a) owed_.resize(a + 1, 0);
  owed_[a] += amount;
}

// ------------------------------------------------------------------------------- operators

void avs_model::register_operator(account op, wei stake, uint64_t now) {
  if (operators_.size() <= op) operators_.resize(op + 1);
  operator_record& o = operators_[op];
  o.registered = true;
  o.stake = stake;
  emit({model_event::kind::operator_registered, 0, 0, op});
  if (o.ejected) return;
  auto at = std::lower_bound(latest_set_.begin(), latest_set_.end(), op);
  if (at != latest_set_.end() && *at == op) return;
  std::vector<account> next = latest_set_;
  next.insert(next.begin() + (at - latest_set_.begin()), op);
  schedule_set(std::move(next), now);
}

void avs_model::deregister_operator(account op, uint64_t now) {
  if (operators_.size() <= op) operators_.resize(op + 1);
  operators_[op].registered = false;
  emit({model_event::kind::operator_deregistered, 0, 0, op});
  remove_from_set(op, now);
}

void avs_model::remove_from_set(account op, uint64_t now) {
  auto at = std::lower_bound(latest_set_.begin(), latest_set_.end(), op);
  if (at == latest_set_.end() || *at != op) return;
  std::vector<account> next = latest_set_;
  next.erase(next.begin() + (at - latest_set_.begin()));
  schedule_set(std::move(next), now);
}

void avs_model::schedule_set(std::vector<account> next, uint64_t now) {
  // The first epoch boundary at or after now + activationDelay: every node has had the delay
  // to learn of the change before any slot uses it.
  const uint64_t epoch = params_.epoch_length_s;
  const uint64_t boundary = (now + params_.activation_delay_s + epoch - 1) / epoch * epoch;
  latest_set_ = next;
  uint64_t effective = boundary;
  if (!set_history_.empty() && set_history_.back().effective_from >= boundary) {
    set_history_.back().operators = std::move(next);
    effective = set_history_.back().effective_from;
  } else {
    set_history_.push_back({boundary, std::move(next)});
  }
  model_event e{model_event::kind::operator_set_scheduled};
  e.a = effective;
  e.operators = latest_set_;
  emit(std::move(e));
}

const std::vector<account>& avs_model::operators_at(uint64_t timestamp) const {
  static const std::vector<account> none;
  auto it = std::upper_bound(set_history_.begin(), set_history_.end(), timestamp,
                             [](uint64_t t, const set_change& c) { return t < c.effective_from; });
  return it == set_history_.begin() ? none : std::prev(it)->operators;
}

const operator_record& avs_model::operator_info(account op) const {
  static const operator_record unknown;
  return op < operators_.size() ? operators_[op] : unknown;
}

// ------------------------------------------------------------------------------------ tasks

uint64_t avs_model::create_task(account owner, uint64_t start, uint32_t interval, uint32_t count,
                                uint32_t tolerance, wei fee_per_hit, wei value, uint64_t now) {
  if (interval == 0) throw model_revert("ZeroInterval", "interval is 0");
  if (count == 0) throw model_revert("ZeroCount", "count is 0");
  if (tolerance < params_.min_tolerance_s || tolerance > params_.max_tolerance_s)
    throw model_revert("ToleranceOutOfBounds", std::to_string(tolerance));
  if (start + tolerance < now) throw model_revert("StartInPast", std::to_string(start) + " < " + std::to_string(now));
  const wei required = fee_per_hit * count;
  if (value != required) throw model_revert("DepositMismatch", to_dec(value) + " != " + to_dec(required));
  task_record t;
  t.owner = owner;
  t.start = start;
  t.interval = interval;
  t.count = count;
  t.tolerance = tolerance;
  t.fee_per_hit = fee_per_hit;
  t.deposit = value;
  t.cells.assign(count, 0);
  tasks_.push_back(std::move(t));
  const uint64_t id = tasks_.size();
  model_event e{model_event::kind::task_created, id, 0, owner};
  e.value = fee_per_hit;
  emit(std::move(e));
  gas_.create_task += gas::create_task;
  gas_.total += gas::create_task;
  ++gas_.transactions;
  return id;
}

void avs_model::cancel_task(uint64_t task_id, account caller, uint64_t now) {
  if (!task_exists(task_id)) throw model_revert("UnknownTask", std::to_string(task_id));
  task_record& t = tasks_[task_id - 1];
  if (t.owner != caller) throw model_revert("NotTaskOwner", std::to_string(task_id));
  if (t.cancelled) throw model_revert("TaskAlreadyCancelled", std::to_string(task_id));
  // Slots a hit signed now could still claim stay served (and paid); the rest are refunded.
  const uint64_t last_served = now + t.tolerance + 1;
  uint32_t cutoff = 0;
  if (last_served >= t.start) cutoff = static_cast<uint32_t>(std::min<uint64_t>((last_served - t.start) / t.interval + 1, t.count));
  t.cancelled = true;
  t.cancelled_from = cutoff;
  const wei refund = t.fee_per_hit * (t.count - cutoff);
  t.deposit -= refund;  // sent to the owner at once, not owed
  model_event e{model_event::kind::task_cancelled, task_id, 0, caller};
  e.value = refund;
  emit(std::move(e));
  gas_.cancel_task += gas::cancel_task;
  gas_.total += gas::cancel_task;
  ++gas_.transactions;
}

const task_record& avs_model::task(uint64_t task_id) const {
  if (!task_exists(task_id)) throw model_revert("UnknownTask", std::to_string(task_id));
  return tasks_[task_id - 1];
}

slot_state avs_model::state(uint64_t task_id, uint32_t slot) const {
  const task_record& t = task(task_id);
  if (slot >= t.count) throw model_revert("SlotOutOfRange", std::to_string(slot));
  return t.state_of(slot);
}

size_t avs_model::cached_primary(uint64_t task_id, uint32_t slot, size_t n) const {
  uint32_t& cell = tasks_[task_id - 1].cells[slot];
  if ((cell >> 16) != n) cell = static_cast<uint32_t>(n << 16 | eth::primary_index(task_id, slot, n) << 2) | (cell & 3);
  return (cell >> 2) & 0x3FFF;
}

void avs_model::prefetch_assignments() {
  std::vector<uint32_t> counts;
  counts.reserve(tasks_.size());
  for (const task_record& t : tasks_) counts.push_back(t.count);
  prefetch_ = std::make_unique<assignment_prefetch>(std::move(counts), latest_set_.size());
}

eligibility avs_model::eligible(uint64_t task_id, uint32_t slot) const {
  const task_record& t = task(task_id);
  eligibility e;
  const std::vector<account>& set = operators_at(t.slot_time(slot));
  if (set.empty()) return e;
  const size_t n = set.size();
  size_t primary = prefetch_ ? prefetch_->primary(task_id, slot, n) : SIZE_MAX;
  if (primary == SIZE_MAX)
    primary = n < cacheable_set ? cached_primary(task_id, slot, n) : eth::primary_index(task_id, slot, n);
  e.size = static_cast<uint32_t>(std::min<size_t>({params_.redundancy, n, 16}));
  for (uint32_t r = 0; r < e.size; ++r) e.operators[r] = set[(primary + r) % n];
  return e;
}

uint64_t avs_model::miss_deadline(uint64_t task_id, uint32_t slot) const {
  const task_record& t = task(task_id);
  return t.fire_time(slot, params_.redundancy - 1u, params_.failover_delay_s) + t.tolerance + params_.submit_window_s;
}

// ----------------------------------------------------------------------------------- proofs

uint32_t avs_model::submit_hits(account submitter, const std::vector<signed_hit>& hits, uint64_t now,
                                std::vector<std::pair<size_t, reject_reason>>* rejected_out) {
  uint32_t accepted = 0, rejected = 0, task_runs = 0;
  for (size_t i = 0; i < hits.size(); ++i) {
    const signed_hit& h = hits[i];
    if (i == 0 || h.task_id != hits[i - 1].task_id) ++task_runs;
    auto reject = [&](reject_reason why) {
      ++rejected;
      if (rejected_out) rejected_out->push_back({i, why});
      model_event e{model_event::kind::hit_rejected, h.task_id, h.slot, submitter};
      e.b = static_cast<uint64_t>(why);
      emit(std::move(e));
    };
    // The contract's order: cheapest checks first, the signature last.
    const bool exists = task_exists(h.task_id);
    task_record* t = exists ? &tasks_[h.task_id - 1] : nullptr;
    if (!exists || h.slot >= t->served()) {
      reject(!exists ? reject_reason::unknown_task
                     : h.slot >= t->count ? reject_reason::slot_out_of_range : reject_reason::task_cancelled);
      continue;
    }
    if (t->state_of(h.slot) != slot_state::pending) { reject(reject_reason::already_resolved); continue; }
    const eligibility who = eligible(h.task_id, h.slot);
    uint32_t rank = 0;
    while (rank < who.size && who.operators[rank] != submitter) ++rank;
    if (rank == who.size) { reject(reject_reason::not_eligible); continue; }
    const uint64_t fire_ms = t->fire_time(h.slot, rank, params_.failover_delay_s) * 1000;
    const uint64_t tolerance_ms = uint64_t{t->tolerance} * 1000;
    const bool in_window = h.hit_time_ms + tolerance_ms >= fire_ms && h.hit_time_ms <= fire_ms + tolerance_ms &&
                           h.hit_time_ms / 1000 <= now + 1;  // and not from the future
    if (!in_window) { reject(reject_reason::outside_time_window); continue; }
    if (!check_(h, submitter)) { reject(reject_reason::bad_signature); continue; }
    t->set_state(h.slot, slot_state::proven);
    ++t->proven;
    const wei fee = t->fee_per_hit;
    t->deposit -= fee;
    credit(submitter, fee);
    operator_record& o = operators_[submitter];
    ++o.hits_proven;
    o.fees_earned += fee;
    ++accepted;
    model_event e{model_event::kind::hit_proven, h.task_id, h.slot, submitter};
    e.a = h.hit_time_ms;
    e.b = h.status;
    emit(std::move(e));
  }
  model_event summary{model_event::kind::hits_submitted, 0, 0, submitter};
  summary.a = accepted;
  summary.b = rejected;
  emit(std::move(summary));
  const uint64_t cost = gas::submit_hits_base + accepted * gas::submit_hit_accepted + rejected * gas::submit_hit_rejected +
                        (task_runs > 1 ? task_runs - 1 : 0) * gas::submit_task_switch;
  gas_.submit_hits += cost;
  gas_.total += cost;
  ++gas_.transactions;
  return accepted;
}

// -------------------------------------------------------------------------------- penalties

task_record& avs_model::existing_slot(uint64_t task_id, uint32_t slot) {
  if (!task_exists(task_id)) throw model_revert("UnknownTask", std::to_string(task_id));
  task_record& t = tasks_[task_id - 1];
  if (slot >= t.count) throw model_revert("SlotOutOfRange", std::to_string(slot));
  return t;
}

void avs_model::report_missed(uint64_t task_id, uint32_t slot, account reporter, uint64_t now) {
  task_record& t = existing_slot(task_id, slot);
  if (slot >= t.served()) throw model_revert("SlotCancelled", std::to_string(task_id) + "/" + std::to_string(slot));
  if (t.state_of(slot) != slot_state::pending)
    throw model_revert("SlotAlreadyResolved", std::to_string(task_id) + "/" + std::to_string(slot));
  const uint64_t deadline = miss_deadline(task_id, slot);
  if (now <= deadline) throw model_revert("DeadlineNotReached", std::to_string(deadline));
  const eligibility who = eligible(task_id, slot);
  if (who.size == 0) throw model_revert("NoOperators", std::to_string(t.slot_time(slot)));
  const account primary = who.operators[0];

  t.set_state(slot, slot_state::missed);
  ++t.missed;
  const wei bounty = t.fee_per_hit;
  t.deposit -= bounty;
  credit(reporter, bounty);
  model_event missed{model_event::kind::slot_missed, task_id, slot, primary, reporter};
  missed.value = bounty;
  emit(std::move(missed));
  gas_.report_missed += gas::report_missed;
  gas_.total += gas::report_missed;
  ++gas_.transactions;

  // As the contract: the slash first, then the miss is counted; at maxMisses the operator is
  // ejected from the AVS's set and deregistered from the core's (whose callback emits
  // OperatorDeregistered in the same transaction).
  operator_record& o = operators_[primary];
  if (params_.slash_wad != 0) {
    const wei cut = o.stake * params_.slash_wad / ether;
    o.stake -= cut;
    o.slashed += cut;
    model_event slashed{model_event::kind::operator_slashed, 0, 0, primary};
    slashed.a = next_slash_id_++;
    slashed.b = params_.slash_wad;
    emit(std::move(slashed));
  }
  ++o.misses;
  if (o.misses >= params_.max_misses && !o.ejected) {
    o.ejected = true;
    model_event ejected{model_event::kind::operator_ejected, 0, 0, primary};
    ejected.a = o.misses;
    emit(std::move(ejected));
    remove_from_set(primary, now);
    if (o.registered) deregister_operator(primary, now);
    gas_.ejections += gas::eject_operator;
    gas_.total += gas::eject_operator;
  }
}

void avs_model::charge_reverted_report() {
  gas_.report_missed += gas::report_missed_reverted;
  gas_.total += gas::report_missed_reverted;
  ++gas_.transactions;
}

}  // namespace automator::sim
