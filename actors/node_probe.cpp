// The probe actor (see node_probe.hpp).
#include "actors/node_probe.hpp"

#include <deque>
#include <optional>

#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <spdlog/spdlog.h>

#include "actors/in_actor.hpp"
#include "eth/abi.hpp"
#include "eth/automator_abi.hpp"
#include "net/http_client.hpp"
#include "net/json_rpc_client.hpp"

namespace automator {

namespace {

using json = nlohmann::json;
const std::string slashed_event = "OperatorSlashed(address indexed,uint256,uint64)";

struct sample {
  std::chrono::steady_clock::time_point at;
  uint64_t hits = 0, misses = 0;
};

struct probe_state {
  std::optional<node_probe_config> cfg;
  std::deque<sample> samples;
  uint64_t log_cursor = 0;       // next block to scan for OperatorSlashed
  eth::u256 slashed_wad = 0;
  std::optional<eth::address> allocation_manager;
  std::vector<eth::address> strategies;
  bool stake_unavailable = false; // the core has no getAllocatedStake: stop asking
  bool busy = false;              // a chain round is in flight
  static inline const char* name = "node-probe";
};

using self_ptr = node_probe_internal::stateful_pointer<probe_state>;
using rpc_result = net::result<json, net::rpc_error>;

node_probe_internal me(self_ptr self) { return caf::actor_cast<node_probe_internal>(self); }

/// One JSON-RPC call whose answer runs `then` inside the actor.
template <class Then>
void ask(self_ptr self, std::string method, json params, Then then) {
  self->state.cfg->rpc->call(std::move(method), std::move(params), in_actor(me(self), std::move(then)));
}

void eth_call(self_ptr self, const eth::address& to, const eth::bytes& data,
              std::function<void(std::optional<eth::bytes>)> then) {
  ask(self, "eth_call", json::array({{{"to", to.to_hex()}, {"data", eth::to_hex(data)}}, "latest"}),
      [then = std::move(then)](rpc_result r) {
        if (!r || !r->is_string())
          return then(std::nullopt);
        try {
          then(eth::from_hex(r->get<std::string>()));
        } catch (const eth::error&) {
          then(std::nullopt);
        }
      });
}

std::string operator_text(const node_probe_config& cfg) { return cfg.operator_address.to_checksum_hex(); }

void on_operator(self_ptr self, const std::vector<eth::address>& active, const eth::operator_info& info) {
  auto& st = self->state;
  auto& cfg = *st.cfg;
  auto& m = cfg.metrics->eigen;
  m.set_fees_earned_wei(eth::to_dec(info.fees_earned));
  m.set_operator_counts(info.hits_proven, info.misses);
  auto now = std::chrono::steady_clock::now();
  st.samples.push_back({now, info.hits_proven, info.misses});
  while (st.samples.size() > 2 && now - st.samples[1].at >= cfg.performance_window)
    st.samples.pop_front();
  const auto& first = st.samples.front();
  m.set_performance_score(performance_score(first.hits, first.misses, info.hits_proven, info.misses));
  bool in_set = std::find(active.begin(), active.end(), cfg.operator_address) != active.end();
  if (in_set)
    return cfg.health->set("operator-set", true);
  std::string why = !info.registered ? "operator " + operator_text(cfg) +
                                         " is not registered for the AVS's operator set (automator-cli register-operator)"
                    : info.ejected ? "operator " + operator_text(cfg) + " was ejected from the AVS after " +
                                       std::to_string(info.misses) + " misses"
                                   : "operator " + operator_text(cfg) +
                                       " is registered but not in the active set yet (activation delay)";
  cfg.health->set("operator-set", false, why);
}

void check_operator(self_ptr self) {
  auto contract = self->state.cfg->contract;
  ask(self, "eth_getBlockByNumber", json::array({"latest", false}), [self, contract](rpc_result r) {
    uint64_t ts = 0;
    try {
      if (!r || !r->is_object())
        throw eth::error("no latest block");
      ts = eth::parse_u64(r->at("timestamp").get<std::string>());
    } catch (const std::exception& e) {
      return self->state.cfg->health->set("operator-set", false, std::string("cannot read the latest block: ") + e.what());
    }
    eth_call(self, contract, eth::avs::encode_operators_at(ts), [self, contract](std::optional<eth::bytes> set) {
      eth_call(self, contract, eth::avs::encode_operator_info(self->state.cfg->operator_address),
               [self, set](std::optional<eth::bytes> info) {
                 auto& health = *self->state.cfg->health;
                 if (!set || !info)
                   return health.set("operator-set", false, "the contract does not answer operatorsAt()/operatorInfo()");
                 try {
                   on_operator(self, eth::avs::decode_operators_at(*set), eth::avs::decode_operator_info(*info));
                 } catch (const eth::error& e) {
                   health.set("operator-set", false, std::string("malformed operatorInfo()/operatorsAt() answer: ") + e.what());
                 }
               });
    });
  });
}

void check_gas(self_ptr self) {
  auto& cfg = *self->state.cfg;
  ask(self, "eth_getBalance", json::array({cfg.operator_address.to_hex(), "latest"}), [self](rpc_result r) {
    auto& cfg = *self->state.cfg;
    eth::u256 balance = 0;
    try {
      if (!r || !r->is_string())
        throw eth::error(r ? "not a quantity" : r.error().message);
      balance = eth::parse_u256(r->get<std::string>());
    } catch (const std::exception& e) {
      return cfg.health->set("gas-balance", false, std::string("cannot read the gas balance: ") + e.what());
    }
    cfg.metrics->eigen.set_balance_wei(eth::to_dec(balance));
    bool low = balance < cfg.min_gas_wei;
    cfg.metrics->eigen.set_gas_low(low);
    cfg.health->set("gas-balance", !low,
                    "gas balance of " + operator_text(cfg) + " is " + eth::to_dec(balance) +
                      " wei, below node.min-gas-balance-wei " + eth::to_dec(cfg.min_gas_wei));
  });
}

void read_stakes(self_ptr self) {
  auto& st = self->state;
  if (st.stake_unavailable)
    return;
  if (!st.allocation_manager) {
    eth_call(self, st.cfg->contract, eth::abi::encode_call("allocationManager()", {}), [self](std::optional<eth::bytes> am) {
      eth_call(self, self->state.cfg->contract, eth::abi::encode_call("strategies()", {}), [self, am](std::optional<eth::bytes> s) {
        auto& st = self->state;
        try {
          if (!am || !s)
            throw eth::error("no answer");
          st.allocation_manager = eth::abi::decode("address", *am)[0].as_address();
          auto decoded = eth::abi::decode("address[]", *s); // named: the loop reads into it
          for (const auto& v : decoded[0].as_list())
            st.strategies.push_back(v.as_address());
        } catch (const eth::error&) {
          st.stake_unavailable = true;
          spdlog::info("node probe: the contract names no allocation manager/strategies; no eigen_registered_stakes");
        }
      });
    });
    return;
  }
  eth::abi::value::list strategies;
  for (const auto& s : st.strategies)
    strategies.push_back(s);
  auto data = eth::abi::encode_call("getAllocatedStake((address,uint32),address[],address[])",
                                    {eth::abi::value::list{st.cfg->contract, 0},
                                     eth::abi::value(eth::abi::value::list{st.cfg->operator_address}),
                                     eth::abi::value(strategies)});
  eth_call(self, *st.allocation_manager, data, [self](std::optional<eth::bytes> r) {
    auto& st = self->state;
    try {
      if (!r)
        return; // try again next round
      auto rows = eth::abi::decode("uint256[][]", *r)[0].as_list();
      std::vector<std::pair<std::string, std::string>> stakes;
      const auto& row = rows.at(0).as_list();
      for (size_t i = 0; i < row.size() && i < st.strategies.size(); ++i)
        stakes.emplace_back(st.strategies[i].to_checksum_hex(), eth::to_dec(row[i].as_uint()));
      st.cfg->metrics->eigen.set_stakes(std::move(stakes));
    } catch (const std::exception&) {
      st.stake_unavailable = true;
    }
  });
}

void scan_slashing(self_ptr self, uint64_t head) {
  auto& st = self->state;
  if (st.log_cursor > head)
    return;
  uint64_t to = std::min(head, st.log_cursor + std::max<uint64_t>(st.cfg->max_log_range, 1) - 1);
  eth::hash32 op_topic{};
  std::copy(st.cfg->operator_address.data.begin(), st.cfg->operator_address.data.end(), op_topic.begin() + 12);
  json filter{{"address", st.cfg->contract.to_hex()},
              {"fromBlock", eth::to_quantity(st.log_cursor)},
              {"toBlock", eth::to_quantity(to)},
              {"topics", json::array({eth::to_hex(eth::abi::event_topic(slashed_event)), eth::to_hex(op_topic)})}};
  ask(self, "eth_getLogs", json::array({filter}), [self, to](rpc_result r) {
    auto& st = self->state;
    if (!r || !r->is_array())
      return; // the same range again next round
    try {
      for (const auto& log : *r) {
        std::vector<eth::hash32> topics;
        for (const auto& t : log.at("topics"))
          topics.push_back(eth::hash32_from_hex(t.get<std::string>()));
        auto fields = eth::abi::decode_log(slashed_event, topics, eth::from_hex(log.at("data").get<std::string>()));
        st.slashed_wad += fields[2].as_uint();
      }
    } catch (const std::exception& e) {
      spdlog::warn("node probe: malformed OperatorSlashed log: {}", e.what());
    }
    st.log_cursor = to + 1;
    st.cfg->metrics->eigen.set_slashing_wad(eth::to_dec(st.slashed_wad));
  });
}

void chain_round(self_ptr self) {
  auto& st = self->state;
  if (st.busy)
    return; // the previous round is still waiting for the RPC
  st.busy = true;
  ask(self, "eth_blockNumber", json::array(), [self](rpc_result r) {
    auto& st = self->state;
    st.busy = false;
    auto& cfg = *st.cfg;
    uint64_t head = 0;
    try {
      if (!r)
        throw eth::error(r.error().message);
      head = eth::parse_u64(r->get<std::string>());
    } catch (const std::exception& e) {
      return cfg.health->set("chain-rpc", false, "no answer from the RPC at " + cfg.rpc->endpoint() + ": " + e.what());
    }
    cfg.health->set("chain-rpc", true);
    cfg.metrics->eigen.set_rpc_head(head);
    check_operator(self);
    if (cfg.check_gas)
      check_gas(self);
    read_stakes(self);
    scan_slashing(self, head);
  });
}

void proxy_round(self_ptr self) {
  auto& cfg = *self->state.cfg;
  for (size_t i = 0; i < cfg.proxy_urls.size(); ++i) {
    net::http_request req;
    req.url = cfg.proxy_urls[i];
    req.timeout = std::min<std::chrono::milliseconds>(cfg.interval, std::chrono::milliseconds(3000));
    cfg.http->submit(std::move(req), in_actor(me(self), [self, i](net::http_result r) {
      auto& cfg = *self->state.cfg;
      // Any HTTP answer means the proxy is there; its hit answers are the caller's business.
      cfg.health->set("proxy-" + std::to_string(i), bool(r),
                      r ? "" : "cannot reach the proxy " + cfg.proxy_urls[i] + ": " + r.error().message);
    }));
  }
}

} // namespace

double performance_score(uint64_t first_hits, uint64_t first_misses, uint64_t last_hits,
                         uint64_t last_misses) {
  uint64_t proven = last_hits >= first_hits ? last_hits - first_hits : 0;
  uint64_t missed = last_misses >= first_misses ? last_misses - first_misses : 0;
  if (proven + missed == 0)
    return 100;
  return 100.0 * double(proven) / double(proven + missed);
}

node_probe_actor spawn_node_probe(caf::actor_system& sys, node_probe_config cfg) {
  auto& health = *cfg.health;
  if (cfg.rpc) {
    health.add("chain-rpc", "Chain RPC", "the Ethereum JSON-RPC endpoint answers (" + cfg.rpc->endpoint() + ")");
    health.add("operator-set", "Operator set", "operator " + cfg.operator_address.to_checksum_hex() + " is in the AVS's active set");
  }
  if (cfg.rpc && cfg.check_gas)
    health.add("gas-balance", "Gas balance", "the operator's balance is at least node.min-gas-balance-wei (" + eth::to_dec(cfg.min_gas_wei) + " wei)");
  for (size_t i = 0; i < cfg.proxy_urls.size(); ++i)
    health.add("proxy-" + std::to_string(i), "Automation Proxy", "the proxy " + cfg.proxy_urls[i] + " answers", "proxy");
  auto probe = sys.spawn([cfg = std::move(cfg)](self_ptr self) mutable -> node_probe_internal::behavior_type {
    self->state.log_cursor = cfg.deploy_block;
    self->state.cfg.emplace(std::move(cfg));
    self->send(self, poll_atom::value);
    return {
      [self](poll_atom) {
        auto& cfg = *self->state.cfg;
        if (cfg.rpc)
          chain_round(self);
        proxy_round(self);
        self->delayed_send(self, cfg.interval, poll_atom::value);
      },
      [](const continuation& c) { c.run(); },
    };
  });
  return caf::actor_cast<node_probe_actor>(probe);
}

} // namespace automator
