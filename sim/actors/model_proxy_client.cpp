// The model proxy's answer to one hit request.
#include "model_proxy_client.hpp"

#include <cstdlib>

#include "eth/eip712_hit.hpp"
#include "eth/keccak.hpp"
#include "target_fault.hpp"

namespace automator::sim {

void model_proxy_client::request_hit(const hit_request& request, std::chrono::milliseconds timeout, callback cb) {
  const sim_time t = l_.now();
  if (request.cosign) {
    return l_.callbacks->post(t, [cb] {
      cb(proxy_error{false, "sim://proxy: the simulated network has one proxy, it cannot co-sign its own hit"});
    });
  }
  const sim_time to_proxy = proxy_.sample(*proxy_rng_) + l_.faults->extra_latency(l_.node, t);
  const sim_time at_proxy = t + to_proxy / 2;
  const target_effect effect =
      target_effect_of(l_.faults->target_fault(request.task_id, at_proxy), target_.sample(*target_rng_));
  const sim_time answer_at = t + to_proxy + effect.delay;
  const bool unreachable = l_.faults->proxy_down_until(at_proxy) || l_.faults->partitioned_until(l_.node, t);
  if (unreachable || answer_at - t > timeout.count() * us_per_ms) {
    return l_.callbacks->post(t + std::min<sim_time>(timeout.count() * us_per_ms, answer_at - t), [cb] {
      cb(proxy_error{true, "sim://proxy: no answer (simulated outage or timeout)"});
    });
  }
  const uint64_t hit_ms = l_.genesis_unix_s * 1000 + static_cast<uint64_t>(at_proxy / us_per_ms);
  // The proxy's check: the slot must be due now for this operator's rank.
  const eligibility who = contract_->eligible(request.task_id, request.slot);
  const account op = l_.chain->account_of(request.operator_address);
  uint32_t rank = 0;
  while (rank < who.size && who.operators[rank] != op) ++rank;
  const uint64_t fire_ms = contract_->task(request.task_id).fire_time(request.slot, rank, contract_->params().failover_delay_s) * 1000;
  const int64_t tolerance_ms = int64_t{contract_->task(request.task_id).tolerance} * 1000;
  if (rank == who.size || std::llabs(static_cast<int64_t>(hit_ms) - static_cast<int64_t>(fire_ms)) > tolerance_ms) {
    ++stats_->refusals;
    return l_.callbacks->post(t + to_proxy, [cb] { cb(proxy_error{false, "sim://proxy: slot not due now for this operator"}); });
  }
  ++stats_->calls;
  const uint64_t key = request.task_id << 32 | request.slot;
  if (!stats_->called.insert(key).second) ++stats_->duplicates;
  const auto asker = std::make_tuple(request.task_id, request.slot, op);
  if (stats_->status0.count(asker)) ++stats_->status0_repeats;
  if (effect.status == 0) stats_->status0.insert(asker);
  hit_proof proof;
  proof.ref = slot_ref{request.task_id, request.slot};
  proof.operator_address = request.operator_address.data;
  proof.hit_time_ms = hit_ms;
  proof.status = effect.status;
  const eth::hash32 body = eth::keccak256(effect.status == 0 ? "" : "sim target response");
  proof.response_hash = body;
  const eth::hit h{request.task_id, request.slot, request.operator_address, hit_ms, effect.status, body};
  const eth::bytes sig = key_->sign(eth::hit_digest(l_.chain->domain(), h)).to_rsv();
  proof.signatures.assign(sig.begin(), sig.end());
  l_.callbacks->post(answer_at, [cb, answer = proxy_answer{std::move(proof), key_->get_address(), effect.reason}] {
    cb(answer);
  });
}

}  // namespace automator::sim
