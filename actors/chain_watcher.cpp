// The chain watcher actor (see chain_watcher.hpp).
#include "actors/chain_watcher.hpp"

#include <optional>
#include <tuple>

#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <spdlog/spdlog.h>

#include "actors/in_actor.hpp"
#include "actors/log_conversion.hpp"
#include "eth/automator_abi.hpp"
#include "store/msgpack_value.hpp"

namespace automator {

namespace {

constexpr const char* meta = "meta";
using cursor_tuple = std::tuple<uint64_t, std::string>;

struct chain_watcher_state {
  std::optional<chain_watcher_config> cfg;
  uint64_t next_block = 0;
  std::optional<eth::hash32> last_hash; // of block next_block - 1, once processed
  bool busy = false;
  static inline const char* name = "chain_watcher";
};

using self_ptr = chain_watcher_internal::stateful_pointer<chain_watcher_state>;

chain_watcher_internal me(self_ptr self) { return caf::actor_cast<chain_watcher_internal>(self); }

void save_cursor(self_ptr self) {
  auto& st = self->state;
  std::string hash = st.last_hash ? std::string(st.last_hash->begin(), st.last_hash->end()) : "";
  st.cfg->store->put(meta, "cursor", store::pack(cursor_tuple{st.next_block, hash}));
  st.cfg->metrics->chain_processed = st.next_block ? st.next_block - 1 : 0;
}

void load_cursor(self_ptr self) {
  auto& st = self->state;
  st.next_block = st.cfg->deploy_block;
  auto raw = st.cfg->store->get(meta, "cursor");
  if (!raw)
    return;
  auto [next, hash] = store::unpack<cursor_tuple>(*raw, "chain watcher cursor");
  st.next_block = next;
  if (hash.size() == 32) {
    eth::hash32 h;
    std::copy(hash.begin(), hash.end(), h.begin());
    st.last_hash = h;
  }
  spdlog::info("chain_watcher: resuming at block {}", next);
}

/// Ends a round; `again_now` continues at once (more confirmed blocks to read).
void end_round(self_ptr self, bool again_now) {
  self->state.busy = false;
  if (again_now)
    self->send(self, poll_atom::value);
  else
    self->delayed_send(self, self->state.cfg->poll_interval, poll_atom::value);
}

void rpc_failed(self_ptr self, const std::string& what, const net::rpc_error& err) {
  self->state.cfg->metrics->rpc_errors++;
  spdlog::warn("chain_watcher: {} failed: {}; retrying", what, err.message);
  end_round(self, false);
}

void read_signers(self_ptr self) {
  auto& cfg = *self->state.cfg;
  if (!cfg.prover)
    return;
  cfg.chain->call(cfg.contract, eth::avs::encode_proxy_signers(),
                  in_actor(me(self), [self](net::result<eth::bytes, net::rpc_error> r) {
                    if (!r) {
                      self->state.cfg->metrics->rpc_errors++;
                      spdlog::warn("chain_watcher: proxySigners() failed: {}", r.error().message);
                      return;
                    }
                    proxy_signers msg;
                    try {
                      for (const auto& a : eth::avs::decode_proxy_signers(*r))
                        msg.signers.push_back(a.data);
                    } catch (const eth::error& e) {
                      spdlog::error("chain_watcher: malformed proxySigners() answer: {}", e.what());
                      return;
                    }
                    self->send(self->state.cfg->prover, std::move(msg));
                  }));
}

void send_params(self_ptr self, const eth::params& p) {
  if (self->state.cfg->scheduler)
    self->send(self->state.cfg->scheduler,
               protocol_params{p.epoch_length, p.activation_delay, p.redundancy, p.failover_delay,
                               p.submit_window});
}

void read_params(self_ptr self) {
  auto& cfg = *self->state.cfg;
  cfg.chain->call(cfg.contract, eth::avs::encode_params(),
                  in_actor(me(self), [self](net::result<eth::bytes, net::rpc_error> r) {
                    if (!r) {
                      self->state.cfg->metrics->rpc_errors++;
                      spdlog::warn("chain_watcher: params() failed: {}", r.error().message);
                      return;
                    }
                    try {
                      send_params(self, eth::avs::decode_params(*r));
                    } catch (const eth::error& e) {
                      spdlog::error("chain_watcher: malformed params() answer: {}", e.what());
                    }
                  }));
}

void dispatch(self_ptr self, const net::log_entry& log, const eth::avs::event& ev) {
  auto& cfg = *self->state.cfg;
  auto to_sched = [&](auto&& msg) {
    if (cfg.scheduler)
      self->send(cfg.scheduler, std::forward<decltype(msg)>(msg));
  };
  if (auto* e = std::get_if<eth::avs::task_created>(&ev)) {
    to_sched(task_record{e->task, e->start, e->interval, e->count, e->tolerance, e->quorum,
                         log.block_number});
  } else if (auto* e = std::get_if<eth::avs::task_cancelled>(&ev)) {
    to_sched(task_cancelled{e->task, log.block_number});
  } else if (auto* e = std::get_if<eth::avs::hit_proven>(&ev)) {
    slot_proven p{slot_ref{e->task, e->slot}, e->hit_time_ms};
    to_sched(p);
    if (cfg.prover)
      self->send(cfg.prover, p);
    if (cfg.watchdog)
      self->send(cfg.watchdog, p);
  } else if (auto* e = std::get_if<eth::avs::operator_set_scheduled>(&ev)) {
    operator_set_scheduled msg{e->effective_from, {}};
    for (const auto& a : e->operators)
      msg.operators.push_back(a.data);
    to_sched(std::move(msg));
  } else if (auto* e = std::get_if<eth::avs::params_updated>(&ev)) {
    send_params(self, e->p);
  } else if (std::holds_alternative<eth::avs::proxy_signer_added>(ev) ||
             std::holds_alternative<eth::avs::proxy_signer_removed>(ev)) {
    read_signers(self);
  }
}

void process_logs(self_ptr self, const std::vector<net::log_entry>& logs) {
  for (const auto& log : logs) {
    if (log.removed)
      continue;
    try {
      if (auto ev = decode_avs_log(log))
        dispatch(self, log, *ev);
    } catch (const eth::error& e) {
      spdlog::error("chain_watcher: skipping malformed log {} of tx {} in block {}: {}",
                    log.log_index, eth::to_hex(log.transaction_hash), log.block_number, e.what());
    }
  }
}

void read_range(self_ptr self, uint64_t to, uint64_t target) {
  auto& cfg = *self->state.cfg;
  uint64_t from = self->state.next_block;
  cfg.chain->logs(
    cfg.contract, from, to,
    in_actor(me(self), [self, from, to, target](
                         net::result<std::vector<net::log_entry>, net::rpc_error> logs) {
      if (!logs)
        return rpc_failed(self, "eth_getLogs " + std::to_string(from) + ".." + std::to_string(to),
                          logs.error());
      self->state.cfg->chain->block(
        to, in_actor(me(self), [self, to, target, logs = std::move(*logs)](
                                 net::result<std::optional<net::block_header>, net::rpc_error> b) {
          if (!b)
            return rpc_failed(self, "eth_getBlockByNumber " + std::to_string(to), b.error());
          if (!*b) {
            net::rpc_error missing{};
            missing.kind = net::rpc_errc::invalid_response;
            missing.message = "the node does not have block " + std::to_string(to) + " yet";
            return rpc_failed(self, "eth_getBlockByNumber " + std::to_string(to), missing);
          }
          process_logs(self, logs);
          auto& st = self->state;
          st.next_block = to + 1;
          st.last_hash = (*b)->hash;
          save_cursor(self);
          end_round(self, to < target);
        }));
    }));
}

void round(self_ptr self) {
  auto& st = self->state;
  if (st.busy)
    return;
  st.busy = true;
  st.cfg->chain->block_number(in_actor(me(self), [self](net::result<uint64_t, net::rpc_error> h) {
    if (!h)
      return rpc_failed(self, "eth_blockNumber", h.error());
    auto& st = self->state;
    auto& cfg = *st.cfg;
    cfg.metrics->chain_head = *h;
    if (*h < cfg.confirmations || *h - cfg.confirmations < st.next_block)
      return end_round(self, false);
    uint64_t target = *h - cfg.confirmations;
    uint64_t to = std::min(target, st.next_block + cfg.max_range - 1);
    if (!st.last_hash || st.next_block == 0)
      return read_range(self, to, target);
    // Is the last processed block still on the chain? If not, a reorg deeper than the
    // confirmation depth happened: rewind and replay.
    uint64_t last = st.next_block - 1;
    cfg.chain->block(last, in_actor(me(self), [self, last, to, target](
                                                net::result<std::optional<net::block_header>,
                                                            net::rpc_error> b) {
      if (!b)
        return rpc_failed(self, "eth_getBlockByNumber " + std::to_string(last), b.error());
      auto& st = self->state;
      if (*b && (*b)->hash == *st.last_hash)
        return read_range(self, to, target);
      uint64_t rewind = std::min(st.cfg->reorg_rewind, last - std::min(last, st.cfg->deploy_block));
      spdlog::warn("chain_watcher: block {} changed (reorg); replaying from block {}", last,
                   st.next_block - rewind - 1);
      st.next_block -= rewind + 1;
      st.last_hash.reset();
      save_cursor(self);
      end_round(self, true);
    }));
  }));
}

chain_watcher_internal::behavior_type chain_watcher_fn(self_ptr self, chain_watcher_config cfg) {
  self->state.cfg.emplace(std::move(cfg));
  load_cursor(self);
  read_params(self);
  read_signers(self);
  self->send(self, poll_atom::value);
  return {
    [=](poll_atom) { round(self); },
    [=](const continuation& c) { c.run(); },
  };
}

} // namespace

chain_watcher_actor spawn_chain_watcher(caf::actor_system& sys, chain_watcher_config cfg) {
  return sys.spawn(chain_watcher_fn, std::move(cfg));
}

} // namespace automator
