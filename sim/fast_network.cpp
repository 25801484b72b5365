// The fast mode's event handlers: one per step of a slot's life (due, fire, proxy answer,
// batch, transaction, block, miss report) plus the fault points (reorgs, restarts).
#include "fast_network.hpp"

#include "eth/slot_assignment.hpp"
#include "target_fault.hpp"

#include <algorithm>
#include <optional>
#include <tuple>
#include <chrono>
#include <climits>
#include <cstdlib>

namespace automator::sim {
namespace {

// Fire and duty events carry rank (bits 24-31), the HTTP caller's attempt (16-23) and the
// operator (0-15; scenarios have at most 10,000 operators).
constexpr uint32_t rank_shift = 24;
constexpr uint32_t attempt_shift = 16;
uint32_t pack(uint32_t rank, uint32_t attempt, uint32_t op) { return rank << rank_shift | attempt << attempt_shift | op; }
uint32_t rank_of(uint32_t c) { return c >> rank_shift; }
uint32_t attempt_of(uint32_t c) { return (c >> attempt_shift) & 0xFF; }
uint32_t operator_of(uint32_t c) { return c & 0xFFFF; }

wei stake_of(const scenario& s) { return static_cast<wei>(s.operators.stake_eth * 1e9) * gwei; }

}  // namespace

fast_network::fast_network(const scenario& s)
    : s_(s),
      faults_(s.faults, s.operators.count),
      signer_(s.seed ^ 0x5EED5EED5EED5EEDull),
      contract_(s.params, [this](const signed_hit& h, account op) { return signer_.verify(h, op); }, false),
      chain_(contract_, s.genesis_unix_s,
             [&s] {
               uint32_t depth = 0;
               for (const fault& f : s.faults)
                 if (f.what == fault::kind::reorg) depth = std::max(depth, f.depth);
               return depth;
             }()),
      rng_rpc_(prng(s.seed).fork(1)),
      rng_proxy_(prng(s.seed).fork(2)),
      rng_target_(prng(s.seed).fork(3)),
      rng_block_(prng(s.seed).fork(4)),
      rng_setup_(prng(s.seed).fork(5)) {}

void fast_network::setup() {
  const uint32_t n = s_.operators.count;
  nodes_.resize(n);
  keeper_ = n;
  owner_ = n + 1;
  lead_ = faults_.max_lead();
  // Operators registered one epoch plus the activation delay before genesis are in effect from
  // genesis on, so virtual time 0 is when the first slots can fall due.
  const uint64_t registered_at = s_.genesis_unix_s - s_.params.epoch_length_s - s_.params.activation_delay_s;
  for (account op = 0; op < n; ++op) contract_.register_operator(op, stake_of(s_), registered_at);
  const uint32_t slots = s_.tasks.duration_s / s_.tasks.interval_s;
  const wei fee = wei{s_.tasks.fee_per_hit_gwei} * gwei;
  for (uint32_t i = 0; i < s_.tasks.count; ++i) {
    const uint64_t start = s_.genesis_unix_s + (s_.tasks.start_spread_s ? rng_setup_.below(s_.tasks.start_spread_s) : 0);
    contract_.create_task(owner_, start, s_.tasks.interval_s, slots, s_.tasks.tolerance_s, fee, fee * slots,
                          registered_at);
  }
  // keccak256 per slot is a third of a run: a second core computes it ahead of the run.
  contract_.prefetch_assignments();
  // Every task has the scenario's slot count.
  slots_.assign(uint64_t{slots} * contract_.task_count(), slot_info{});
  for (uint64_t id = 1; id <= contract_.task_count(); ++id)
    schedule(std::max<sim_time>(0, at_unix(contract_.task(id).start) - lead_), slot_due, static_cast<uint32_t>(id), 0);
  watch_lag_ = s_.latency_ms.block_time.mean() * s_.node.confirmations + s_.latency_ms.rpc.mean();
  schedule(s_.latency_ms.block_time.sample(rng_block_), block);

  for (uint32_t i = 0; i < s_.faults.size(); ++i) {
    const fault& f = s_.faults[i];
    if (f.what == fault::kind::reorg || f.what == fault::kind::crash) schedule(f.what == fault::kind::reorg ? f.at : f.end(), fault_point, i);
  }
}

run_report fast_network::run() {
  const auto wall_start = std::chrono::steady_clock::now();
  setup();
  const sim_time horizon = s_.horizon();
  sim_time now = 0;
  while (!queue_.empty() && queue_.next_time() <= horizon) {
    const sim_event e = queue_.pop();
    now = e.at;
    ++builder_.report().events;
    switch (e.type) {
      case slot_due: on_slot_due(now, e.a, e.b); break;
      case fire: on_fire(now, e.a, e.b, rank_of(e.c), operator_of(e.c), attempt_of(e.c)); break;
      case backup_duty: on_backup_duty(now, e.a, e.b, rank_of(e.c), operator_of(e.c)); break;
      case hit_ready: on_hit_ready(now, e.a); break;
      case batch_age: on_batch_age(now, e.a, e.b); break;
      case tx_arrive: on_tx_arrive(now, e.a); break;
      case block: on_block(now); break;
      case report_due: on_report_due(now, e.a, e.b); break;
      case fault_point: on_fault_point(now, e.a); break;
    }
  }
  builder_.finish(contract_);
  builder_.report().virtual_seconds = static_cast<double>(now) / us_per_s;
  builder_.report().wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  return builder_.report();
}

// --------------------------------------------------------------------------------- slots

void fast_network::on_slot_due(sim_time t, uint64_t task_id, uint32_t slot) {
  const task_record& task = contract_.task(task_id);
  if (slot + 1 < task.count)
    schedule(std::max(t, at_unix(task.slot_time(slot + 1)) - lead_), slot_due, static_cast<uint32_t>(task_id), slot + 1);
  const eligibility who = contract_.eligible(task_id, slot);
  if (who.size == 0) return schedule(at_unix(contract_.miss_deadline(task_id, slot) + 1), report_due, static_cast<uint32_t>(task_id), slot);
  const sim_time at = duty_time(t, task, slot, 0, who.operators[0]);
  if (at == t)
    on_fire(t, task_id, slot, 0, who.operators[0], 0);
  else
    schedule(at, fire, static_cast<uint32_t>(task_id), slot, pack(0, 0, who.operators[0]));
  plan_next_duty(t, task_id, slot, 0, who);
}

sim_time fast_network::duty_time(sim_time now, const task_record& task, uint32_t slot, uint32_t rank, account op) const {
  const sim_time planned = at_unix(task.fire_time(slot, rank, s_.params.failover_delay_s));
  return std::max(now, planned - faults_.skew_us(op, planned));  // a node fires by its own clock
}

void fast_network::plan_next_duty(sim_time t, uint64_t task_id, uint32_t slot, uint32_t rank, const eligibility& who) {
  // One duty at a time: backup r + 1 is looked at only once backup r has not seen a proof, and
  // the keeper only once the last backup has not; a resolved slot costs no further events.
  if (rank + 1 < who.size) {
    const account next = who.operators[rank + 1];
    schedule(duty_time(t, contract_.task(task_id), slot, rank + 1, next), backup_duty, static_cast<uint32_t>(task_id), slot,
             pack(rank + 1, 0, next));
  } else {
    schedule(at_unix(contract_.miss_deadline(task_id, slot) + 1), report_due, static_cast<uint32_t>(task_id), slot);
  }
}

void fast_network::on_backup_duty(sim_time t, uint64_t task_id, uint32_t slot, uint32_t rank, account op) {
  if (seen_resolved(task_id, slot, t)) return;  // a proof is on chain: this and later backups stand down
  plan_next_duty(t, task_id, slot, rank, contract_.eligible(task_id, slot));
  on_fire(t, task_id, slot, rank, op, 0);
}

void fast_network::schedule(sim_time at, uint32_t type, uint32_t a, uint32_t b, uint32_t c) {
  // Duties of one rank are scheduled in time order, ranks interleave: one lane per rank.
  const size_t lane = type == backup_duty ? duty_lanes + rank_of(c) : type;
  queue_.push(at, lane, type, a, b, c);
}

void fast_network::set_visible(uint64_t task_id, uint32_t slot, sim_time seen) {
  if (const sim_time rpc_back = faults_.rpc_down_until(seen)) seen = rpc_back + watch_lag_;
  uint32_t& v = info(task_id, slot).visible_ms;
  v = std::max<uint32_t>(v, static_cast<uint32_t>((seen + us_per_ms - 1) / us_per_ms));
}

void fast_network::on_fire(sim_time t, uint64_t task_id, uint32_t slot, uint32_t rank, account op, uint32_t attempt) {
  const uint32_t packed = pack(rank, attempt, op);
  if (faults_.crashed(op, t)) return;
  if (const sim_time resume = faults_.paused_until(op, t)) return schedule(resume, fire, static_cast<uint32_t>(task_id), slot, packed);
  if (rank > 0 && seen_resolved(task_id, slot, t)) return;  // a proof came in meanwhile: stand down

  const task_record& task = contract_.task(task_id);
  const uint64_t window_centre = task.fire_time(slot, rank, s_.params.failover_delay_s);
  const sim_time local_now = t + faults_.skew_us(op, t);
  // The HTTP caller's retry: backoff doubling per attempt, at most max_attempts tries, never
  // past the window's end by the node's own clock.
  const std::optional<sim_time> backoff = eth::slot_retry_delay(sim_time{s_.node.retry_backoff_ms} * us_per_ms, attempt,
                                                                s_.node.max_attempts, local_now,
                                                                at_unix(window_centre + task.tolerance));
  auto retry = [&] {
    if (backoff)
      schedule(t + *backoff, fire, static_cast<uint32_t>(task_id), slot, pack(rank, attempt + 1, op));
    else
      prove_kept(t, task_id, slot, op);  // a status-0 hit asked again: proven as it was
  };
  if (faults_.partitioned_until(op, t)) return retry();
  const fault* byzantine = faults_.byzantine(op, t);
  node& n = nodes_[op];
  if (byzantine && byzantine->how == fault::behavior::replay) {
    if (!n.has_last_hit) return;
    // An old proof sent again as is, and the same proof relabelled for this slot.
    signed_hit relabelled = n.last_hit;
    relabelled.task_id = task_id;
    relabelled.slot = slot;
    n.batch.push_back(n.last_hit);
    n.batch.push_back(relabelled);
    if (n.batch.size() >= s_.node.batch_size) flush(t, op);
    return;
  }

  const sim_time extra = faults_.extra_latency(op, t);
  const sim_time to_proxy = s_.latency_ms.proxy.sample(rng_proxy_) + extra;
  const sim_time at_proxy = t + to_proxy / 2;
  if (faults_.proxy_down_until(at_proxy)) return retry();
  ++builder_.report().proxy_calls;
  const uint64_t hit_ms = unix_ms(at_proxy);
  const int64_t off_ms = static_cast<int64_t>(hit_ms) - static_cast<int64_t>(window_centre * 1000);
  if (std::llabs(off_ms) > static_cast<int64_t>(task.tolerance) * 1000) {
    // The proxy refuses a slot that is not due now; a node that is early may still get in.
    ++builder_.report().proxy_refusals;
    if (off_ms < 0) retry();
    return;
  }
  uint8_t& f = flags(task_id, slot);
  if (f & target_called) ++builder_.report().duplicate_target_calls;
  f |= target_called;

  const target_effect effect = target_effect_of(faults_.target_fault(task_id, at_proxy), s_.latency_ms.target.sample(rng_target_));
  in_flight flight;
  flight.hit.task_id = task_id;
  flight.hit.slot = slot;
  flight.hit.hit_time_ms = hit_ms;
  flight.hit.status = effect.status;
  flight.hit.response_tag = (task_id << 32) ^ slot;
  flight.hit.signature = signer_.sign(flight.hit, op);
  flight.op = op;
  flight.rank = rank;
  flight.attempt = attempt;
  uint32_t index;
  if (free_flights_.empty()) {
    index = static_cast<uint32_t>(flights_.size());
    flights_.push_back(flight);
  } else {
    index = free_flights_.back();
    free_flights_.pop_back();
    flights_[index] = flight;
  }
  schedule(t + to_proxy + effect.delay, hit_ready, index);
}

void fast_network::on_hit_ready(sim_time t, uint32_t index) {
  const in_flight flight = flights_[index];
  const account op = flight.op;
  if (const sim_time resume = faults_.paused_until(op, t)) return schedule(resume, hit_ready, index);
  free_flights_.push_back(index);
  if (faults_.crashed(op, t)) return;
  signed_hit hit = flight.hit;
  if (const fault* byzantine = faults_.byzantine(op, t)) {
    switch (byzantine->how) {
      case fault::behavior::withhold: return;
      case fault::behavior::alter:
        // Claims a different response than the target gave; the signature no longer matches.
        hit.response_tag ^= 1;
        break;
      default: break;
    }
  }
  const auto key = std::make_tuple(hit.task_id, hit.slot, op);
  if (hit.status == 0 && retry_status0(t, flight)) return;
  if (auto it = kept_.find(key); it != kept_.end()) {
    if (hit.status == 0) hit = it->second.hit;  // no better hit came: the first one is proven
    kept_.erase(it);
  }
  take(t, op, hit);
}

bool fast_network::retry_status0(sim_time t, const in_flight& flight) {
  // As the node's http_caller: ask again, after the backoff, while a whole try still fits in the
  // window (by the node's clock), at most status0_retries times; keep the first status-0 hit.
  const task_record& task = contract_.task(flight.hit.task_id);
  const uint64_t window_end = task.fire_time(flight.hit.slot, flight.rank, s_.params.failover_delay_s) + task.tolerance;
  const sim_time local_now = t + faults_.skew_us(flight.op, t);
  const std::optional<sim_time> backoff =
      eth::slot_retry_delay(sim_time{s_.node.retry_backoff_ms} * us_per_ms, flight.attempt, s_.node.max_attempts,
                            local_now, at_unix(window_end) - sim_time{s_.node.try_timeout_ms} * us_per_ms);
  const auto key = std::make_tuple(flight.hit.task_id, flight.hit.slot, flight.op);
  auto it = kept_.find(key);
  const uint32_t retries = it == kept_.end() ? 0 : it->second.retries;
  if (!backoff || retries >= s_.node.status0_retries) return false;
  if (it == kept_.end()) it = kept_.emplace(key, kept_hit{flight.hit, 0}).first;
  ++it->second.retries;
  ++builder_.report().status0_retries;
  schedule(t + *backoff, fire, static_cast<uint32_t>(flight.hit.task_id), flight.hit.slot, pack(flight.rank, flight.attempt + 1, flight.op));
  return true;
}

void fast_network::prove_kept(sim_time t, uint64_t task_id, uint32_t slot, account op) {
  auto it = kept_.find(std::make_tuple(task_id, slot, op));
  if (it == kept_.end()) return;
  const signed_hit hit = it->second.hit;
  kept_.erase(it);
  take(t, op, hit);
}

void fast_network::take(sim_time t, account op, const signed_hit& hit) {
  node& n = nodes_[op];
  n.last_hit = hit;
  n.has_last_hit = true;
  n.batch.push_back(hit);
  if (n.batch.size() >= s_.node.batch_size)
    flush(t, op);
  else if (n.batch.size() == 1)
    schedule(t + sim_time{s_.node.batch_age_ms} * us_per_ms, batch_age, op, ++n.batch_generation);
}

void fast_network::on_batch_age(sim_time t, account op, uint32_t generation) {
  node& n = nodes_[op];
  if (generation != n.batch_generation || n.batch.empty()) return;
  flush(t, op);
}

void fast_network::flush(sim_time t, account op) {
  node& n = nodes_[op];
  if (faults_.crashed(op, t)) return;  // the restart resubmits what the prover persisted
  sim_time blocked = std::max({faults_.paused_until(op, t), faults_.partitioned_until(op, t), faults_.rpc_down_until(t)});
  if (blocked) return schedule(blocked, batch_age, op, ++n.batch_generation);
  sim_time delay = faults_.extra_latency(op, t);
  if (const fault* byzantine = faults_.byzantine(op, t); byzantine && byzantine->how == fault::behavior::late)
    delay += sim_time{byzantine->late_s} * us_per_s;
  pending_tx tx;
  tx.sender = op;
  tx.hits.swap(n.batch);
  // As the node's prover: hits grouped by task, so the contract loads each task once. The
  // signature, a fingerprint of every Hit field, breaks ties, so the order is total and
  // std::sort (which, unlike std::stable_sort, allocates nothing) keeps runs reproducible.
  std::sort(tx.hits.begin(), tx.hits.end(), [](const signed_hit& a, const signed_hit& b) {
    return std::tie(a.task_id, a.slot, a.signature) < std::tie(b.task_id, b.slot, b.signature);
  });
  ++n.batch_generation;
  send_tx(t, std::move(tx), delay);
}

void fast_network::send_tx(sim_time t, pending_tx tx, sim_time extra_delay) {
  uint32_t index;
  if (free_txs_.empty()) {
    index = static_cast<uint32_t>(txs_.size());
    txs_.push_back(std::move(tx));
  } else {
    index = free_txs_.back();
    free_txs_.pop_back();
    txs_[index] = std::move(tx);
  }
  schedule(t + extra_delay + s_.latency_ms.rpc.sample(rng_rpc_), tx_arrive, index);
}

void fast_network::on_tx_arrive(sim_time t, uint32_t index) {
  pending_tx tx = std::move(txs_[index]);
  free_txs_.push_back(index);
  if (tx.what == pending_tx::kind::submit_hits) {
    // A byzantine "steal" operator copies proofs it sees in the mempool and outbids the sender.
    for (account thief = 0; thief < s_.operators.count; ++thief) {
      const fault* byzantine = faults_.byzantine(thief, t);
      if (thief == tx.sender || !byzantine || byzantine->how != fault::behavior::steal) continue;
      pending_tx copy;
      copy.sender = thief;
      copy.hits = tx.hits;
      chain_.arrive(std::move(copy), true);
    }
  }
  chain_.arrive(std::move(tx));
}

// --------------------------------------------------------------------------------- chain

void fast_network::on_block(sim_time t) {
  outcome_.clear();
  chain_.produce_block(t, outcome_);
  for (const auto& hit : outcome_.accepted) {
    set_visible(hit.task_id, hit.slot, t + watch_lag_);
    builder_.proven(contract_, hit.task_id, hit.slot, hit.by, hit.hit_time_ms, hit.status);
  }
  for (reject_reason why : outcome_.rejected) builder_.rejected(why);
  for (const auto& penalty : outcome_.penalties) {
    set_visible(penalty.task_id, penalty.slot, t + watch_lag_);
    builder_.penalized(contract_, penalty.task_id, penalty.slot, penalty.primary);
  }
  builder_.report().reports_reverted += outcome_.reports_reverted;
  schedule(t + std::max<sim_time>(1, s_.latency_ms.block_time.sample(rng_block_)), block);
}

void fast_network::on_report_due(sim_time t, uint64_t task_id, uint32_t slot) {
  // The keeper (any watchdog) reports a slot its chain view shows unresolved past the deadline.
  if (const sim_time back = faults_.rpc_down_until(t)) return schedule(back, report_due, static_cast<uint32_t>(task_id), slot);
  if (contract_.state(task_id, slot) != slot_state::pending) return;
  pending_tx tx;
  tx.what = pending_tx::kind::report_missed;
  tx.sender = keeper_;
  tx.task_id = task_id;
  tx.slot = slot;
  send_tx(t, std::move(tx), 0);
}

void fast_network::on_fault_point(sim_time t, uint32_t fault_index) {
  const fault& f = s_.faults[fault_index];
  if (f.what == fault::kind::reorg) {
    // The replaced blocks' resolutions reappear once the new branch is as deep.
    const sim_time back = t + sim_time{f.depth} * s_.latency_ms.block_time.mean() + watch_lag_;
    for (const auto& [task_id, slot] : chain_.reorg(f.depth)) set_visible(task_id, slot, back);
  } else if (f.what == fault::kind::crash) {
    const account op = static_cast<account>(f.operator_index);
    if (!nodes_[op].batch.empty()) flush(t, op);  // the restarted prover resubmits its store
  }
}

}  // namespace automator::sim
