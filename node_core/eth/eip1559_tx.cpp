// EIP-1559 transaction serialization, signing and parsing.
#include "eth/eip1559_tx.hpp"

#include "eth/keccak.hpp"
#include "eth/rlp.hpp"

namespace automator::eth {
namespace {

constexpr uint8_t tx_type = 0x02;

std::vector<bytes> payload_fields(const eip1559_tx& tx) {
  bytes to = tx.to ? bytes(tx.to->data.begin(), tx.to->data.end()) : bytes{};
  return {rlp::encode_uint(tx.chain_id),
          rlp::encode_uint(tx.nonce),
          rlp::encode_uint(tx.max_priority_fee_per_gas),
          rlp::encode_uint(tx.max_fee_per_gas),
          rlp::encode_uint(tx.gas),
          rlp::encode_bytes(to),
          rlp::encode_uint(tx.value),
          rlp::encode_bytes(tx.data),
          rlp::encode_list({})};  // access list
}

bytes typed(const std::vector<bytes>& fields) {
  bytes out{tx_type};
  bytes list = rlp::encode_list(fields);
  out.insert(out.end(), list.begin(), list.end());
  return out;
}

}  // namespace

hash32 eip1559_tx::signing_hash() const { return keccak256(typed(payload_fields(*this))); }

signed_tx sign(const eip1559_tx& tx, const private_key& key) {
  signature sig = key.sign(tx.signing_hash());
  std::vector<bytes> fields = payload_fields(tx);
  fields.push_back(rlp::encode_uint(sig.y_parity));
  fields.push_back(rlp::encode_uint(from_be(sig.r)));
  fields.push_back(rlp::encode_uint(from_be(sig.s)));
  signed_tx out;
  out.raw = typed(fields);
  out.hash = keccak256(out.raw);
  return out;
}

decoded_tx decode_signed(const bytes& raw) {
  if (raw.empty() || raw[0] != tx_type)
    throw error("transaction: not an EIP-1559 (type 2) transaction: first byte " +
                (raw.empty() ? std::string("missing") : to_hex(raw.data(), 1)));
  rlp::item root = rlp::decode(raw.data() + 1, raw.size() - 1);
  if (!root.is_list || root.items.size() != 12)
    throw error("transaction: expected an RLP list of 12 fields, got " +
                (root.is_list ? std::to_string(root.items.size()) + " fields" : std::string("a string")));
  const auto& f = root.items;
  decoded_tx d;
  d.tx.chain_id = to_u64(rlp::to_uint(f[0]), "transaction chainId");
  d.tx.nonce = to_u64(rlp::to_uint(f[1]), "transaction nonce");
  d.tx.max_priority_fee_per_gas = rlp::to_uint(f[2]);
  d.tx.max_fee_per_gas = rlp::to_uint(f[3]);
  d.tx.gas = to_u64(rlp::to_uint(f[4]), "transaction gas");
  if (f[5].is_list || (f[5].data.size() != 0 && f[5].data.size() != 20))
    throw error("transaction: 'to' must be empty or 20 bytes");
  if (f[5].data.size() == 20) {
    address to;
    std::copy(f[5].data.begin(), f[5].data.end(), to.data.begin());
    d.tx.to = to;
  }
  d.tx.value = rlp::to_uint(f[6]);
  if (f[7].is_list) throw error("transaction: data must be a byte string");
  d.tx.data = f[7].data;
  if (!f[8].is_list || !f[8].items.empty()) throw error("transaction: only an empty access list is supported");
  u256 parity = rlp::to_uint(f[9]);
  if (parity > 1) throw error("transaction: yParity must be 0 or 1, got " + parity.str());
  d.sig.y_parity = uint8_t(parity);
  d.sig.r = to_be32(rlp::to_uint(f[10]));
  d.sig.s = to_be32(rlp::to_uint(f[11]));
  d.sender = recover_signer(d.tx.signing_hash(), d.sig);
  return d;
}

}  // namespace automator::eth
