// The actor mode's chain: JSON-RPC-level views of the contract model.
#include "virtual_chain.hpp"

#include <algorithm>

#include "eth/abi.hpp"
#include "eth/automator_abi.hpp"
#include "eth/eip1559_tx.hpp"
#include "eth/keccak.hpp"
#include "eth/secp256k1.hpp"

namespace automator::sim {
namespace {

using eth::abi::value;

eth::hash32 word(const eth::u256& v) { return eth::to_be32(v); }
eth::hash32 word(const eth::address& a) {
  eth::hash32 w{};
  std::copy(a.data.begin(), a.data.end(), w.begin() + 12);
  return w;
}
eth::u256 u(wei v) { return eth::u256(static_cast<uint64_t>(v >> 64)) << 64 | eth::u256(static_cast<uint64_t>(v)); }

bool has_selector(const eth::bytes& data, std::string_view signature) {
  const auto sel = eth::abi::selector(signature);
  return data.size() >= 4 && std::equal(sel.begin(), sel.end(), data.begin());
}

eth::abi::value::list args_of(const eth::bytes& data, std::string_view types) {
  return eth::abi::decode(eth::abi::parse_types(types), data.data() + 4, data.size() - 4);
}

}  // namespace

virtual_chain::virtual_chain(avs_model& contract, eth::hit_domain domain, std::vector<eth::address> operators,
                             eth::address proxy_signer, uint64_t genesis_unix_s)
    : contract_(contract), domain_(domain), separator_(domain.separator()), proxy_signer_(proxy_signer),
      addresses_(std::move(operators)) {
  std::sort(addresses_.begin(), addresses_.end());
  for (account a = 0; a < addresses_.size(); ++a) accounts_[addresses_[a]] = a;
  net::block_header genesis;
  genesis.number = 0;
  genesis.timestamp = genesis_unix_s;
  genesis.hash = eth::keccak256("automator-sim genesis");
  blocks_.push_back(genesis);
  block_logs_.emplace_back();
}

account virtual_chain::account_of(const eth::address& a) {
  auto it = accounts_.find(a);
  if (it != accounts_.end()) return it->second;
  const account id = static_cast<account>(addresses_.size());
  addresses_.push_back(a);
  accounts_[a] = id;
  return id;
}

std::optional<net::block_header> virtual_chain::header(uint64_t number) const {
  if (number >= blocks_.size()) return std::nullopt;
  return blocks_[number];
}

std::vector<net::log_entry> virtual_chain::logs(uint64_t from, uint64_t to) const {
  std::vector<net::log_entry> out;
  for (uint64_t b = from; b <= to && b < block_logs_.size(); ++b)
    out.insert(out.end(), block_logs_[b].begin(), block_logs_[b].end());
  return out;
}

eth::bytes virtual_chain::call(const eth::bytes& data, uint64_t now) const {
  if (has_selector(data, "proxySigners()")) {
    return eth::abi::encode("address[]", {value(value::list{value(proxy_signer_)})});
  }
  if (has_selector(data, "params()")) {
    const protocol_params& p = contract_.params();
    return eth::abi::encode("(uint32,uint32,uint8,uint32,uint32,uint32,uint32,uint32,uint64,uint16,uint16)",
                            {value(value::list{p.epoch_length_s, p.activation_delay_s, p.redundancy, p.failover_delay_s,
                                               p.submit_window_s, p.min_tolerance_s, p.max_tolerance_s, p.max_misses,
                                               p.slash_wad, 2048, 4096})});
  }
  if (has_selector(data, "missDeadline(uint256,uint32)")) {
    const auto a = args_of(data, "uint256,uint32");
    return eth::abi::encode("uint64", {contract_.miss_deadline(a[0].as_u64(), static_cast<uint32_t>(a[1].as_u64()))});
  }
  if (has_selector(data, "slotState(uint256,uint32)")) {
    const auto a = args_of(data, "uint256,uint32");
    return eth::abi::encode("uint8", {static_cast<uint64_t>(contract_.state(a[0].as_u64(), static_cast<uint32_t>(a[1].as_u64())))});
  }
  throw model_revert("Unsupported", "the actor mode's chain does not serve this call");
}

uint64_t virtual_chain::estimate(const eth::address& from, const eth::bytes& data, uint64_t now) const {
  if (has_selector(data, "reportMissed(uint256,uint32)")) {
    const auto a = args_of(data, "uint256,uint32");
    const uint64_t task_id = a[0].as_u64();
    const uint32_t slot = static_cast<uint32_t>(a[1].as_u64());
    if (contract_.state(task_id, slot) != slot_state::pending) throw model_revert("SlotAlreadyResolved", "estimate");
    if (now <= contract_.miss_deadline(task_id, slot)) throw model_revert("DeadlineNotReached", "estimate");
    return 150000;
  }
  return 100000 + data.size() * 40;
}

uint64_t virtual_chain::pending_nonce(const eth::address& a) const {
  auto it = nonces_.find(a);
  return it == nonces_.end() ? 0 : it->second;
}

eth::hash32 virtual_chain::send_raw(const eth::bytes& raw) {
  const eth::decoded_tx tx = eth::decode_signed(raw);
  const eth::hash32 hash = eth::keccak256(raw);
  uint64_t& next = nonces_[tx.sender];
  next = std::max(next, tx.tx.nonce + 1);
  mempool_.push_back({hash, tx.sender, tx.tx.nonce, tx.tx.data});
  return hash;
}

std::optional<net::transaction_receipt> virtual_chain::receipt(const eth::hash32& tx) const {
  auto it = receipts_.find(tx);
  if (it == receipts_.end()) return std::nullopt;
  return it->second;
}

bool virtual_chain::signature_valid(const eth::bytes& signatures, uint64_t task_id, uint32_t slot, const eth::address& op,
                                    uint64_t hit_time_ms, uint16_t status, const eth::hash32& response_hash) const {
  if (signatures.size() != 65) return false;
  try {
    const eth::hit h{task_id, slot, op, hit_time_ms, status, response_hash};
    return eth::recover_signer(eth::hit_digest(separator_, h), eth::signature::from_rsv(signatures)) == proxy_signer_;
  } catch (const eth::error&) {
    return false;
  }
}

void virtual_chain::capture_setup_events() {
  append_logs(events_seen_, eth::hash32{}, 0, setup_logs_);
}

void virtual_chain::produce_block(uint64_t timestamp) {
  net::block_header header;
  header.number = blocks_.size();
  header.parent_hash = blocks_.back().hash;
  header.timestamp = std::max(timestamp, blocks_.back().timestamp);
  eth::bytes seed(header.parent_hash.begin(), header.parent_hash.end());
  seed.push_back(static_cast<uint8_t>(header.number));
  header.hash = eth::keccak256(seed);
  header.base_fee_per_gas = eth::u256(1000000000);
  blocks_.push_back(header);
  std::vector<net::log_entry> logs = std::move(setup_logs_);
  setup_logs_.clear();
  for (auto& l : logs) {
    l.block_number = header.number;
    l.block_hash = header.hash;
  }
  uint64_t index = 0;
  for (const pending& tx : mempool_) {
    net::transaction_receipt r;
    r.transaction_hash = tx.hash;
    r.block_hash = header.hash;
    r.block_number = header.number;
    r.transaction_index = index;
    r.from = tx.from;
    r.to = domain_.verifying_contract;
    r.effective_gas_price = eth::u256(2000000000);
    const size_t first_event = contract_.events().size();
    const uint64_t gas_before = contract_.gas().total;
    try {
      const account sender = account_of(tx.from);
      if (has_selector(tx.data, "submitHits((uint256,uint32,uint64,uint16,bytes32,bytes)[])")) {
        const auto a = args_of(tx.data, "(uint256,uint32,uint64,uint16,bytes32,bytes)[]");
        std::vector<signed_hit> hits;
        for (const value& item : a[0].as_list()) {
          const auto& f = item.as_list();
          signed_hit h;
          h.task_id = f[0].as_u64();
          h.slot = static_cast<uint32_t>(f[1].as_u64());
          h.hit_time_ms = f[2].as_u64();
          h.status = static_cast<uint16_t>(f[3].as_u64());
          h.signature = signature_valid(f[5].as_bytes(), h.task_id, h.slot, tx.from, h.hit_time_ms, h.status, f[4].as_hash32()) ? 1 : 0;
          hits.push_back(h);
        }
        contract_.submit_hits(sender, hits, header.timestamp);
      } else if (has_selector(tx.data, "reportMissed(uint256,uint32)")) {
        const auto a = args_of(tx.data, "uint256,uint32");
        contract_.report_missed(a[0].as_u64(), static_cast<uint32_t>(a[1].as_u64()), sender, header.timestamp);
      } else {
        throw model_revert("Unsupported", "the actor mode's chain does not serve this transaction");
      }
      r.success = true;
    } catch (const model_revert&) {
      r.success = false;
      contract_.charge_reverted_report();
    } catch (const eth::error&) {
      r.success = false;
    }
    r.gas_used = contract_.gas().total - gas_before;
    if (r.success) append_logs(first_event, tx.hash, index, r.logs);
    for (auto& l : r.logs) {
      l.block_number = header.number;
      l.block_hash = header.hash;
    }
    events_seen_ = contract_.events().size();
    logs.insert(logs.end(), r.logs.begin(), r.logs.end());
    receipts_[tx.hash] = std::move(r);
    ++index;
  }
  mempool_.clear();
  for (uint64_t i = 0; i < logs.size(); ++i) logs[i].log_index = i;
  block_logs_.push_back(std::move(logs));
}

void virtual_chain::append_logs(size_t first_event, const eth::hash32& tx, uint64_t tx_index,
                                std::vector<net::log_entry>& out) {
  const auto& events = contract_.events();
  for (size_t i = first_event; i < events.size(); ++i) {
    const model_event& e = events[i];
    net::log_entry l;
    l.address = domain_.verifying_contract;
    l.transaction_hash = tx;
    l.transaction_index = tx_index;
    l.topics.push_back(eth::avs::topic_of(to_string(e.what)));
    const eth::address& who = address_of(e.who);
    switch (e.what) {
      case model_event::kind::task_created: {
        const task_record& t = contract_.task(e.task_id);
        l.topics.push_back(word(eth::u256(e.task_id)));
        l.topics.push_back(word(who));
        l.data = eth::abi::encode("string,uint8,bytes,uint64,uint32,uint32,uint32,uint8,uint128",
                                  {"https://target.invalid/hook", 0, eth::bytes{}, t.start, t.interval, t.count,
                                   t.tolerance, 1, u(t.fee_per_hit)});
        break;
      }
      case model_event::kind::task_cancelled:
        l.topics.push_back(word(eth::u256(e.task_id)));
        l.data = eth::abi::encode("uint128", {u(e.value)});
        break;
      case model_event::kind::hit_proven: // packedHit = slot | status << 32 | hitTimeMs << 48
        l.topics.push_back(word(eth::u256(e.task_id)));
        l.data = eth::abi::encode("uint256", {eth::u256(e.slot) | eth::u256(e.b) << 32 | eth::u256(e.a) << 48});
        break;
      case model_event::kind::hit_rejected:
        l.topics.insert(l.topics.end(), {word(eth::u256(e.task_id)), word(eth::u256(e.slot)), word(who)});
        l.data = eth::abi::encode("uint8", {e.b});
        break;
      case model_event::kind::hits_submitted:
        l.topics.push_back(word(who));
        l.data = eth::abi::encode("uint256,uint256", {e.a, e.b});
        break;
      case model_event::kind::slot_missed:
        l.topics.insert(l.topics.end(), {word(eth::u256(e.task_id)), word(eth::u256(e.slot)), word(who)});
        l.data = eth::abi::encode("address,uint256", {address_of(e.other), u(e.value)});
        break;
      case model_event::kind::operator_slashed:
        l.topics.push_back(word(who));
        l.data = eth::abi::encode("uint256,uint64", {e.a, e.b});
        break;
      case model_event::kind::operator_ejected:
        l.topics.push_back(word(who));
        l.data = eth::abi::encode("uint32", {e.a});
        break;
      case model_event::kind::operator_registered:
      case model_event::kind::operator_deregistered:
        l.topics.push_back(word(who));
        break;
      case model_event::kind::operator_set_scheduled: {
        value::list ops;
        for (account a : e.operators) ops.push_back(address_of(a));
        l.data = eth::abi::encode("uint64,address[]", {e.a, value(ops)});
        break;
      }
    }
    out.push_back(std::move(l));
  }
  events_seen_ = events.size();
}

}  // namespace automator::sim
