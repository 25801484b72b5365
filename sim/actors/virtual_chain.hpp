// The chain the real operator actors talk to in the simulator's actor mode: blocks over the
// contract model, with the JSON-RPC-level surface of actors/chain_client.hpp (ABI-encoded
// calls and logs, signed EIP-1559 transactions, receipts). Proof signatures are checked for real
// (EIP-712 digest, secp256k1 recovery against the proxy signer).
#pragma once

#include <map>
#include <optional>
#include <unordered_map>
#include <vector>

#include "avs_model.hpp"
#include "eth/eip712_hit.hpp"
#include "net/eth_rpc.hpp"

namespace automator::sim {

class virtual_chain {
public:
  virtual_chain(avs_model& contract, eth::hit_domain domain, std::vector<eth::address> operators,
                eth::address proxy_signer, uint64_t genesis_unix_s);

  const eth::hit_domain& domain() const { return domain_; }
  account account_of(const eth::address& a);
  const eth::address& address_of(account a) const { return addresses_.at(a); }

  uint64_t head() const { return blocks_.size() - 1; }
  std::optional<net::block_header> header(uint64_t number) const;
  std::vector<net::log_entry> logs(uint64_t from, uint64_t to) const;
  /// eth_call; a revert throws model_revert.
  eth::bytes call(const eth::bytes& data, uint64_t now) const;
  /// eth_estimateGas: throws model_revert when the call would revert as a whole.
  uint64_t estimate(const eth::address& from, const eth::bytes& data, uint64_t now) const;
  uint64_t pending_nonce(const eth::address& a) const;
  eth::hash32 send_raw(const eth::bytes& raw);
  std::optional<net::transaction_receipt> receipt(const eth::hash32& tx) const;

  /// Mines the mempool into a block stamped with unix second `timestamp`.
  void produce_block(uint64_t timestamp);
  /// Logs the model emitted outside transactions (setup) go into the next block.
  void capture_setup_events();
  size_t mempool_size() const { return mempool_.size(); }

private:
  struct pending { eth::hash32 hash; eth::address from; uint64_t nonce; eth::bytes data; };
  void append_logs(size_t first_event, const eth::hash32& tx, uint64_t tx_index, std::vector<net::log_entry>& out);
  bool signature_valid(const eth::bytes& signatures, uint64_t task_id, uint32_t slot, const eth::address& op,
                       uint64_t hit_time_ms, uint16_t status, const eth::hash32& response_hash) const;

  avs_model& contract_;
  eth::hit_domain domain_;
  eth::hash32 separator_;
  eth::address proxy_signer_;
  std::vector<eth::address> addresses_;
  std::unordered_map<eth::address, account> accounts_;
  std::vector<net::block_header> blocks_;
  std::vector<std::vector<net::log_entry>> block_logs_;
  std::vector<pending> mempool_;
  std::map<eth::hash32, net::transaction_receipt> receipts_;
  std::unordered_map<eth::address, uint64_t> nonces_;  // mined + pending
  size_t events_seen_ = 0;
  std::vector<net::log_entry> setup_logs_;
};

}  // namespace automator::sim
