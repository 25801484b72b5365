// A chain_client (actors/chain_client.hpp) whose answers the test scripts, in the manner of
// VAST's eraser test against scripted peers: a small chain of blocks (number -> hash, a head,
// logs), the account's pending nonce, gas, fees, eth_call answers chosen by the calldata, the
// result of each eth_sendRawTransaction and the receipts of mined transactions. A test changes
// the script between steps (a reorg is new hashes and logs; mining is a receipt). Every call is
// recorded, and failures can be queued per method. Callbacks run at once, inside the calling
// actor's handler; the actors' in_actor() turns them into continuations, so the order stays
// deterministic under the test coordinator.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "actors/chain_client.hpp"
#include "eth/eip1559_tx.hpp"
#include "eth/keccak.hpp"
#include "eth/rlp.hpp"

namespace automator::testing {

class scripted_chain : public chain_client {
public:
  template <class T>
  using answer = net::result<T, net::rpc_error>;

  // ---- the chain
  uint64_t head = 0;
  std::map<uint64_t, eth::hash32> hashes;  // a block absent here is one the node does not have
  std::vector<net::log_entry> chain_logs;  // logs(from, to) returns those in [from, to]

  /// Gives blocks [from, to] hashes of the branch `fork` (a reorg is the same blocks with
  /// another fork number).
  void set_blocks(uint64_t from, uint64_t to, uint8_t fork = 0) {
    for (uint64_t n = from; n <= to; ++n) {
      eth::hash32 h{};
      h[0] = fork;
      for (int i = 0; i < 8; ++i)
        h[31 - i] = uint8_t(n >> (8 * i));
      hashes[n] = h;
    }
  }

  // ---- the account and its transactions
  uint64_t nonce = 0;
  std::deque<uint64_t> nonces;  // answers of the next nonce reads, before `nonce`
  uint64_t gas = 100'000;
  fee_quote quote{eth::u256(1'000'000'000), eth::u256(1'000'000'000)};
  /// Answers of the next eth_sendRawTransaction calls; when empty, the send succeeds.
  std::deque<answer<eth::hash32>> send_answers;
  std::vector<eth::bytes> sent_raw;
  std::map<eth::hash32, net::transaction_receipt> receipts;  // mined transactions

  /// The fields of the i-th raw transaction sent (an EIP-1559 envelope: 0x02 || rlp([...])).
  struct sent_fields {
    uint64_t nonce = 0;
  std::deque<uint64_t> nonces;  // answers of the next nonce reads, before `nonce`
    eth::u256 max_priority_fee = 0;
    eth::u256 max_fee = 0;
    eth::hash32 hash{};
  };
  sent_fields sent(size_t i) const {
    const eth::bytes& raw = sent_raw.at(i);
    auto list = eth::rlp::decode(raw.data() + 1, raw.size() - 1);
    sent_fields f;
    f.nonce = eth::rlp::to_uint(list.items.at(1)).convert_to<uint64_t>();
    f.max_priority_fee = eth::rlp::to_uint(list.items.at(2));
    f.max_fee = eth::rlp::to_uint(list.items.at(3));
    f.hash = eth::keccak256(raw);
    return f;
  }

  /// Mines the i-th raw transaction sent: its receipt, with `logs`.
  void mine(size_t i, bool success = true, std::vector<net::log_entry> logs = {},
            uint64_t block = 1) {
    net::transaction_receipt r;
    r.transaction_hash = sent(i).hash;
    r.block_number = block;
    r.success = success;
    r.logs = std::move(logs);
    receipts[r.transaction_hash] = std::move(r);
  }

  // ---- eth_call: the answer for the calldata, or an error when the script has none
  std::function<std::optional<answer<eth::bytes>>(const eth::bytes& data)> on_call;

  // ---- failures: the next `count` calls of `method` fail with `err`
  void fail(const std::string& method, net::rpc_error err, int count = 1) {
    for (int i = 0; i < count; ++i)
      failures_[method].push_back(err);
  }
  static net::rpc_error transport_error(const std::string& what = "connection refused") {
    net::rpc_error e;
    e.kind = net::rpc_errc::transport;
    e.message = "scripted: " + what;
    return e;
  }
  static net::rpc_error node_error(int64_t code, const std::string& message) {
    net::rpc_error e;
    e.kind = net::rpc_errc::rpc_error;
    e.code = code;
    e.rpc_message = message;
    e.message = "scripted: JSON-RPC error " + std::to_string(code) + ": " + message;
    return e;
  }

  /// Every call made, in order: "eth_getLogs 5..9", "eth_getBlockByNumber 8", ...
  std::vector<std::string> calls;
  size_t count(const std::string& prefix) const {
    size_t n = 0;
    for (const auto& c : calls)
      n += c.rfind(prefix, 0) == 0;
    return n;
  }

  // ---- chain_client
  void block_number(callback<uint64_t> cb) override {
    if (failed("eth_blockNumber", cb))
      return;
    cb(head);
  }
  void block(uint64_t number, callback<std::optional<net::block_header>> cb) override {
    if (failed("eth_getBlockByNumber " + std::to_string(number), cb, "eth_getBlockByNumber"))
      return;
    auto it = hashes.find(number);
    if (it == hashes.end() || number > head)
      return cb(std::optional<net::block_header>{});
    net::block_header h;
    h.number = number;
    h.hash = it->second;
    if (auto parent = hashes.find(number - 1); number > 0 && parent != hashes.end())
      h.parent_hash = parent->second;
    cb(std::optional<net::block_header>{h});
  }
  void logs(eth::address, uint64_t from, uint64_t to,
            callback<std::vector<net::log_entry>> cb) override {
    if (failed("eth_getLogs " + std::to_string(from) + ".." + std::to_string(to), cb, "eth_getLogs"))
      return;
    std::vector<net::log_entry> out;
    for (const auto& l : chain_logs)
      if (l.block_number >= from && l.block_number <= to)
        out.push_back(l);
    cb(std::move(out));
  }
  void call(eth::address, eth::bytes data, callback<eth::bytes> cb) override {
    if (failed("eth_call " + eth::to_hex(data).substr(0, 10), cb, "eth_call"))
      return;
    if (on_call)
      if (auto a = on_call(data))
        return cb(std::move(*a));
    cb(node_error(-32000, "scripted: no answer for this eth_call"));
  }
  void estimate_gas(eth::address, eth::address, eth::bytes, callback<uint64_t> cb) override {
    if (failed("eth_estimateGas", cb))
      return;
    cb(gas);
  }
  void pending_nonce(eth::address, callback<uint64_t> cb) override {
    if (failed("eth_getTransactionCount", cb))
      return;
    if (!nonces.empty()) {
      uint64_t n = nonces.front();
      nonces.pop_front();
      return cb(n);
    }
    cb(nonce);
  }
  void fees(callback<fee_quote> cb) override {
    if (failed("eth_feeHistory", cb))
      return;
    cb(quote);
  }
  void send_raw_transaction(eth::bytes raw, callback<eth::hash32> cb) override {
    calls.push_back("eth_sendRawTransaction");
    sent_raw.push_back(raw);
    if (!send_answers.empty()) {
      auto a = std::move(send_answers.front());
      send_answers.pop_front();
      return cb(std::move(a));
    }
    cb(eth::keccak256(raw));
  }
  void receipt(eth::hash32 tx_hash, callback<std::optional<net::transaction_receipt>> cb) override {
    if (failed("eth_getTransactionReceipt", cb))
      return;
    auto it = receipts.find(tx_hash);
    if (it == receipts.end())
      return cb(std::optional<net::transaction_receipt>{});
    cb(std::optional<net::transaction_receipt>{it->second});
  }

private:
  std::map<std::string, std::deque<net::rpc_error>> failures_;

  /// Records the call; answers it with a queued failure of `method` if there is one.
  template <class Callback>
  bool failed(const std::string& call, Callback& cb, const std::string& method = "") {
    calls.push_back(call);
    auto it = failures_.find(method.empty() ? call : method);
    if (it == failures_.end() || it->second.empty())
      return false;
    auto err = std::move(it->second.front());
    it->second.pop_front();
    cb(std::move(err));
    return true;
  }
};

}  // namespace automator::testing
