// EIP-1559 (type 2) transactions: build, sign with the operator key, serialize for
// eth_sendRawTransaction, and the transaction hash. The access list is always empty.
#pragma once

#include <optional>

#include "eth/secp256k1.hpp"
#include "eth/u256.hpp"

namespace automator::eth {

struct eip1559_tx {
  uint64_t chain_id = 0;
  uint64_t nonce = 0;
  u256 max_priority_fee_per_gas = 0;
  u256 max_fee_per_gas = 0;
  uint64_t gas = 0;
  std::optional<address> to;  // nullopt: contract creation
  u256 value = 0;
  bytes data;

  /// keccak256(0x02 || rlp([fields..., accessList])): the digest that is signed.
  hash32 signing_hash() const;
};

struct signed_tx {
  bytes raw;     // 0x02 || rlp([fields..., accessList, yParity, r, s]); send as to_hex(raw)
  hash32 hash{}; // keccak256(raw): the transaction hash nodes report
};

signed_tx sign(const eip1559_tx& tx, const private_key& key);

/// Parses a raw signed type-2 transaction (for tests and for checking what was sent); returns
/// the fields and the recovered sender. Throws eth::error if it is not a well-formed type-2 tx.
struct decoded_tx {
  eip1559_tx tx;
  signature sig;
  address sender;
};
decoded_tx decode_signed(const bytes& raw);

}  // namespace automator::eth
