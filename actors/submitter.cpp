// The submitter actor (see submitter.hpp).
#include "actors/submitter.hpp"

#include <algorithm>
#include <cctype>
#include <deque>
#include <map>
#include <optional>

#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <spdlog/spdlog.h>

#include "actors/in_actor.hpp"
#include "actors/log_conversion.hpp"
#include "eth/automator_abi.hpp"
#include "eth/eip1559_tx.hpp"

namespace automator {

namespace {

/// One transaction's purpose: a batch of hits, or one reportMissed.
struct tx_job {
  std::optional<proof_batch> batch;
  caf::typed_response_promise<batch_outcome> reply; // the batch's requester gets its outcome
  slot_ref missed;
  eth::bytes data;
};

struct sent_tx {
  tx_job job;
  eth::eip1559_tx tx;
  std::vector<eth::hash32> hashes; // every version sent (replacements share the nonce)
  int64_t first_sent_ms = 0;
  int64_t last_sent_ms = 0;
};

struct submitter_state {
  std::optional<submitter_config> cfg;
  std::optional<uint64_t> nonce;
  std::deque<tx_job> waiting;
  std::map<uint64_t, sent_tx> sent; // by nonce
  bool preparing = false;           // one job at a time goes through estimate, fees, send
  bool poll_armed = false;
  static inline const char* name = "submitter";
};

using self_ptr = submitter_internal::stateful_pointer<submitter_state>;

submitter_internal me(self_ptr self) { return caf::actor_cast<submitter_internal>(self); }

void pump(self_ptr self);

void arm_poll(self_ptr self) {
  auto& st = self->state;
  if (st.poll_armed || (st.sent.empty() && st.waiting.empty()))
    return;
  st.poll_armed = true;
  self->delayed_send(self, st.cfg->poll_interval, poll_atom::value);
}

void update_gauges(self_ptr self) {
  self->state.cfg->metrics->submitter_pending = int64_t(self->state.sent.size());
}

void fail_job(tx_job& job, const std::string& why) {
  if (job.batch) {
    job.reply.deliver(batch_outcome{job.batch->batch_id, false, {}, {}, why});
    spdlog::warn("submitter: batch {} not sent: {}", job.batch->batch_id, why);
  } else {
    spdlog::info("submitter: reportMissed(task {}, slot {}) not sent: {}", job.missed.task_id,
                 job.missed.slot, why);
  }
}

void finish_prepare(self_ptr self) {
  self->state.preparing = false;
  pump(self);
}

/// A transient failure (RPC down, nonce off): keep the job and try again at the next poll.
void retry_later(self_ptr self, const std::string& why) {
  spdlog::warn("submitter: {}; retrying", why);
  self->state.cfg->metrics->rpc_errors++;
  self->state.preparing = false;
  arm_poll(self);
}

/// The node refused a transaction because the account's nonce is past it. Nodes answer with a
/// JSON-RPC error object whose code is a generic one (geth and reth -32000, anvil -32003,
/// shared by other refusals), so the code says it is the node's refusal of the transaction and
/// the error object's message which one; a transport error or an HTTP error page never counts.
bool nonce_too_low(const net::rpc_error& err) {
  if (err.kind != net::rpc_errc::rpc_error)
    return false;
  if (err.code != -32000 && err.code != -32003)
    return false;
  std::string text = err.rpc_message;
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return text.find("nonce too low") != std::string::npos;
}

void send_signed(self_ptr self, uint64_t nonce, bool replacement) {
  auto& st = self->state;
  auto& cfg = *st.cfg;
  auto& entry = st.sent.at(nonce);
  auto signed_tx = eth::sign(entry.tx, *cfg.key);
  entry.hashes.push_back(signed_tx.hash);
  entry.last_sent_ms = cfg.clock.now_ms();
  cfg.metrics->txs_sent++;
  if (replacement)
    cfg.metrics->txs_replaced++;
  cfg.chain->send_raw_transaction(
    signed_tx.raw, in_actor(me(self), [self, nonce](net::result<eth::hash32, net::rpc_error> r) {
      if (r)
        return;
      // A replacement the node refuses leaves the earlier version in the pool; a first send
      // that fails is retried by the stuck-transaction rule at the next polls.
      spdlog::warn("submitter: eth_sendRawTransaction (nonce {}) failed: {}", nonce,
                   r.error().message);
      self->state.cfg->metrics->rpc_errors++;
      if (nonce_too_low(r.error())) {
        // Someone else used the key's nonce (or a restart lost track): start over from the
        // node's count; the job goes back to the queue.
        auto& st = self->state;
        auto it = st.sent.find(nonce);
        if (it != st.sent.end() && it->second.hashes.size() == 1) {
          st.waiting.push_front(std::move(it->second.job));
          st.sent.erase(it);
          st.nonce.reset();
          update_gauges(self);
          pump(self);
        }
      }
    }));
}

void build_and_send(self_ptr self, uint64_t gas, const fee_quote& fees) {
  auto& st = self->state;
  auto& cfg = *st.cfg;
  tx_job job = std::move(st.waiting.front());
  st.waiting.pop_front();
  eth::eip1559_tx tx;
  tx.chain_id = cfg.chain_id;
  tx.nonce = *st.nonce;
  tx.max_priority_fee_per_gas = std::max(fees.priority_fee, cfg.min_priority_fee);
  tx.max_fee_per_gas = fees.base_fee * 2 + tx.max_priority_fee_per_gas;
  tx.gas = gas + gas / 4 + 10'000; // headroom over the estimate
  tx.to = cfg.contract;
  tx.data = job.data;
  uint64_t nonce = (*st.nonce)++;
  st.sent.emplace(nonce, sent_tx{std::move(job), tx, {}, 0, 0});
  st.sent.at(nonce).first_sent_ms = cfg.clock.now_ms();
  send_signed(self, nonce, false);
  update_gauges(self);
  arm_poll(self);
  finish_prepare(self);
}

void pump(self_ptr self) {
  auto& st = self->state;
  auto& cfg = *st.cfg;
  if (st.preparing || st.waiting.empty() || st.sent.size() >= cfg.max_pending)
    return;
  st.preparing = true;
  if (!st.nonce) {
    cfg.chain->pending_nonce(
      cfg.key->get_address(),
      in_actor(me(self), [self](net::result<uint64_t, net::rpc_error> r) {
        if (!r)
          return retry_later(self, "cannot read the operator's nonce: " + r.error().message);
        self->state.nonce = *r;
        finish_prepare(self);
      }));
    return;
  }
  cfg.chain->estimate_gas(
    cfg.key->get_address(), cfg.contract, st.waiting.front().data,
    in_actor(me(self), [self](net::result<uint64_t, net::rpc_error> gas) {
      auto& st = self->state;
      if (!gas) {
        const auto& err = gas.error();
        if (err.kind != net::rpc_errc::rpc_error)
          return retry_later(self, "eth_estimateGas failed: " + err.message);
        // The transaction would revert as a whole: report why and drop it.
        auto why = err.data.empty()
                     ? err.message
                     : eth::avs::decode_revert(eth::from_hex(err.data)).to_string();
        fail_job(st.waiting.front(), "would revert: " + why);
        st.waiting.pop_front();
        return finish_prepare(self);
      }
      st.cfg->chain->fees(in_actor(
        me(self), [self, g = *gas](net::result<fee_quote, net::rpc_error> fees) {
          if (!fees)
            return retry_later(self, "cannot read fees: " + fees.error().message);
          build_and_send(self, g, *fees);
        }));
    }));
}

void on_mined(self_ptr self, uint64_t nonce, const net::transaction_receipt& receipt) {
  auto& st = self->state;
  auto& cfg = *st.cfg;
  auto it = st.sent.find(nonce);
  if (it == st.sent.end())
    return;
  sent_tx entry = std::move(it->second);
  st.sent.erase(it);
  update_gauges(self);
  double latency_s = double(cfg.clock.now_ms() - entry.first_sent_ms) / 1000.0;
  cfg.metrics->submit_latency_s.observe(latency_s);
  if (!entry.job.batch) {
    if (receipt.success)
      cfg.metrics->misses_reported++;
    spdlog::info("submitter: reportMissed(task {}, slot {}) {} in block {}",
                 entry.job.missed.task_id, entry.job.missed.slot,
                 receipt.success ? "mined" : "reverted", receipt.block_number);
    pump(self);
    return;
  }
  batch_outcome outcome{entry.job.batch->batch_id, receipt.success, {}, {}, {}};
  if (!receipt.success)
    outcome.error = "submitHits reverted in block " + std::to_string(receipt.block_number);
  for (const auto& log : receipt.logs) {
    if (log.address != cfg.contract)
      continue;
    std::optional<eth::avs::event> ev;
    try {
      ev = decode_avs_log(log);
    } catch (const eth::error& e) {
      spdlog::warn("submitter: undecodable log in receipt: {}", e.what());
      continue;
    }
    if (!ev)
      continue;
    if (auto* p = std::get_if<eth::avs::hit_proven>(&*ev))
      outcome.accepted.push_back(slot_ref{p->task, p->slot});
    else if (auto* r = std::get_if<eth::avs::hit_rejected>(&*ev))
      outcome.rejected.push_back(slot_rejection{slot_ref{r->task, r->slot}, uint8_t(r->reason)});
  }
  spdlog::info("submitter: batch {} mined in block {}: {} accepted, {} rejected ({:.1f} s)",
               outcome.batch_id, receipt.block_number, outcome.accepted.size(),
               outcome.rejected.size(), latency_s);
  entry.job.reply.deliver(std::move(outcome));
  pump(self);
}

void poll(self_ptr self) {
  auto& st = self->state;
  auto& cfg = *st.cfg;
  int64_t now = cfg.clock.now_ms();
  for (auto& [nonce, entry] : st.sent) {
    for (const auto& hash : entry.hashes) {
      cfg.chain->receipt(
        hash, in_actor(me(self), [self, nonce = nonce](
                                   net::result<std::optional<net::transaction_receipt>,
                                               net::rpc_error> r) {
          if (!r) {
            self->state.cfg->metrics->rpc_errors++;
            spdlog::warn("submitter: eth_getTransactionReceipt failed: {}", r.error().message);
            return;
          }
          if (*r)
            on_mined(self, nonce, **r);
        }));
    }
    if (now - entry.last_sent_ms >= cfg.stuck_after.count()) {
      // Replacement needs at least +10% on both fees; +25% clears that with room.
      entry.tx.max_priority_fee_per_gas += entry.tx.max_priority_fee_per_gas / 4;
      entry.tx.max_fee_per_gas += entry.tx.max_fee_per_gas / 4;
      spdlog::info("submitter: nonce {} unmined for {} ms, replacing with higher fees", nonce,
                   now - entry.last_sent_ms);
      send_signed(self, nonce, true);
    }
  }
}

submitter_internal::behavior_type submitter_fn(self_ptr self, submitter_config cfg) {
  self->state.cfg.emplace(std::move(cfg));
  spdlog::info("submitter: operator {}", self->state.cfg->key->get_address().to_checksum_hex());
  return {
    [=](proof_batch& batch) -> caf::typed_response_promise<batch_outcome> {
      std::vector<eth::signed_hit> hits;
      for (const auto& p : batch.proofs)
        hits.push_back(eth::signed_hit{p.ref.task_id, p.ref.slot, p.hit_time_ms, p.status,
                                       p.response_hash, p.signatures});
      auto reply = self->make_response_promise<batch_outcome>();
      self->state.waiting.push_back(
        tx_job{std::move(batch), reply, {}, eth::avs::encode_submit_hits(hits)});
      pump(self);
      return reply;
    },
    [=](const report_missed& r) {
      self->state.waiting.push_back(
        tx_job{std::nullopt, {}, r.ref, eth::avs::encode_report_missed(r.ref.task_id, r.ref.slot)});
      pump(self);
    },
    [=](poll_atom) {
      self->state.poll_armed = false;
      poll(self);
      pump(self);
      arm_poll(self);
    },
    [=](const continuation& c) { c.run(); },
  };
}

} // namespace

submitter_actor spawn_submitter(caf::actor_system& sys, submitter_config cfg) {
  return sys.spawn(submitter_fn, std::move(cfg));
}

} // namespace automator
