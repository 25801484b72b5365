// The prover actor (see prover.hpp).
#include "actors/prover.hpp"

#include <algorithm>
#include <deque>
#include <map>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <spdlog/spdlog.h>

#include "actors/proof_check.hpp"
#include "actors/proof_journal.hpp"
#include "eth/eip712_hit.hpp"

namespace automator {

namespace {

struct prover_state {
  std::optional<prover_config> cfg;
  std::unique_ptr<proof_journal> journal;
  eth::hash32 domain_separator{};
  std::unordered_set<eth::address> signers;
  std::unordered_map<slot_ref, hit_proof> pending; // stored, not yet resolved on chain
  std::deque<slot_ref> queue;                      // pending and not in a batch in flight
  std::map<uint64_t, std::vector<slot_ref>> in_flight;
  uint64_t next_batch_id = 1;
  uint64_t generation = 0;
  bool age_armed = false;
  static inline const char* name = "prover";
};

using self_ptr = prover_actor::stateful_pointer<prover_state>;

void on_outcome(self_ptr self, const batch_outcome& outcome);

void update_gauges(self_ptr self) {
  self->state.cfg->metrics->prover_pending = int64_t(self->state.pending.size());
}

void arm_age(self_ptr self) {
  auto& st = self->state;
  if (st.age_armed || st.queue.empty())
    return;
  st.age_armed = true;
  self->delayed_send(self, st.cfg->batch_age, age_atom::value, ++st.generation);
}

/// Sends batches while there are proofs to send and room in flight; `full_only` holds back a
/// partial batch until the age timer says it has waited long enough.
void flush(self_ptr self, bool full_only) {
  auto& st = self->state;
  auto& cfg = *st.cfg;
  while (!st.queue.empty() && st.in_flight.size() < cfg.max_batches_in_flight) {
    if (full_only && st.queue.size() < cfg.batch_size)
      break;
    proof_batch batch{st.next_batch_id++, {}};
    std::vector<slot_ref> refs;
    while (!st.queue.empty() && batch.proofs.size() < cfg.batch_size) {
      auto ref = st.queue.front();
      st.queue.pop_front();
      auto it = st.pending.find(ref);
      if (it == st.pending.end())
        continue; // resolved meanwhile
      batch.proofs.push_back(it->second);
      refs.push_back(ref);
    }
    if (refs.empty())
      break;
    // The contract loads a task once per run of its hits (a switch costs ~35,000 gas).
    std::sort(batch.proofs.begin(), batch.proofs.end(),
              [](const hit_proof& a, const hit_proof& b) { return a.ref < b.ref; });
    spdlog::info("prover: batch {} with {} proofs to the submitter", batch.batch_id, refs.size());
    const uint64_t id = batch.batch_id;
    st.in_flight.emplace(id, std::move(refs));
    // The submitter answers once the transaction is mined or cannot be sent (no timeout: a
    // transaction may take long; a submitter that goes away fails the request).
    self->request(cfg.submitter, caf::infinite, std::move(batch))
      .then([self](batch_outcome& outcome) { on_outcome(self, outcome); },
            [self, id](caf::error& err) {
              on_outcome(self, batch_outcome{id, false, {}, {}, "the submitter did not answer: " +
                                                               self->system().render(err)});
            });
  }
  arm_age(self);
}

/// Lets go of the slots still held: each slot is resolved once, by whichever comes first, the
/// chain watcher's slot_proven or the outcome of a batch carrying it.
void resolve(self_ptr self, const std::vector<slot_ref>& refs) {
  auto& st = self->state;
  std::vector<slot_ref> held;
  for (const auto& ref : refs)
    if (st.pending.erase(ref))
      held.push_back(ref);
  if (held.empty())
    return;
  st.journal->erase(held);
  update_gauges(self);
}

void on_candidate(self_ptr self, const proof_candidate& candidate) {
  auto& st = self->state;
  auto& cfg = *st.cfg;
  const auto& ref = candidate.proof.ref;
  if (st.pending.count(ref))
    return; // a retry answered twice
  if (auto why = check_proof(candidate, st.domain_separator, cfg.operator_address, st.signers)) {
    cfg.metrics->proofs_invalid++;
    spdlog::warn("prover: refusing the proof of task {} slot {}: {}", ref.task_id, ref.slot, *why);
    return;
  }
  if (candidate.proof.status == 0) {
    // The hit proves the operator's part; the reason says why the target was not reached.
    cfg.metrics->status0_proofs.add(candidate.reason);
    spdlog::info("prover: task {} slot {}: status-0 hit, the proxy says: {}", ref.task_id,
                 ref.slot, candidate.reason.empty() ? "unknown" : candidate.reason);
  }
  st.journal->save(candidate.proof);
  st.pending.emplace(ref, candidate.proof);
  st.queue.push_back(ref);
  update_gauges(self);
  flush(self, true);
}

void on_outcome(self_ptr self, const batch_outcome& outcome) {
  auto& st = self->state;
  auto& cfg = *st.cfg;
  auto it = st.in_flight.find(outcome.batch_id);
  if (it == st.in_flight.end())
    return;
  auto refs = std::move(it->second);
  st.in_flight.erase(it);
  if (!outcome.mined) {
    spdlog::warn("prover: batch {} not on chain ({}), will retry", outcome.batch_id, outcome.error);
    for (auto r = refs.rbegin(); r != refs.rend(); ++r)
      if (st.pending.count(*r)) // not proven by another operator meanwhile
        st.queue.push_front(*r);
    arm_age(self);
    return;
  }
  cfg.metrics->hits_proven += outcome.accepted.size();
  cfg.metrics->hits_rejected += outcome.rejected.size();
  for (const auto& rej : outcome.rejected)
    spdlog::warn("prover: task {} slot {} rejected on chain (reason {})", rej.ref.task_id,
                 rej.ref.slot, int(rej.reason));
  // Every hit of a mined batch is resolved one way or the other: accepted, or skipped for a
  // reason a resubmission cannot fix.
  resolve(self, refs);
  flush(self, true);
}

prover_actor::behavior_type prover_fn(self_ptr self, prover_config cfg) {
  auto& st = self->state;
  st.cfg.emplace(std::move(cfg));
  st.journal = std::make_unique<proof_journal>(st.cfg->store);
  st.domain_separator = eth::hit_domain{st.cfg->chain_id, st.cfg->contract}.separator();
  for (auto& p : st.journal->load()) {
    st.queue.push_back(p.ref);
    st.pending.emplace(p.ref, std::move(p));
  }
  if (!st.pending.empty())
    spdlog::info("prover: {} stored proofs not yet on chain", st.pending.size());
  update_gauges(self);
  arm_age(self);
  return {
    [=](const proof_candidate& c) { on_candidate(self, c); },
    [=](const slot_proven& p) {
      // Resolved on chain (by us or another operator): stop holding it. A batch in flight that
      // carries it finds it resolved when its outcome comes and neither resolves nor resends it.
      resolve(self, {p.ref});
    },
    [=](const proxy_signers& s) {
      auto& st = self->state;
      st.signers.clear();
      for (const auto& a : s.signers)
        st.signers.insert(eth::address{a});
      spdlog::info("prover: {} proxy signers", st.signers.size());
    },
    [=](age_atom, uint64_t generation) {
      auto& st = self->state;
      if (generation != st.generation)
        return;
      st.age_armed = false;
      flush(self, false);
    },
  };
}

} // namespace

prover_actor spawn_prover(caf::actor_system& sys, prover_config cfg) {
  return sys.spawn(prover_fn, std::move(cfg));
}

} // namespace automator
