// EIP-712 domain separator, struct hash and digest of the proof-of-hit struct.
#include "eth/eip712_hit.hpp"

#include "eth/abi.hpp"
#include "eth/keccak.hpp"

namespace automator::eth {

hash32 hit_domain::separator() const {
  static const hash32 domain_typehash =
      keccak256(std::string_view("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"));
  static const hash32 name_hash = keccak256(std::string_view("FleekAutomator"));
  static const hash32 version_hash = keccak256(std::string_view("1"));
  return keccak256(abi::encode("bytes32,bytes32,bytes32,uint256,address",
                               {domain_typehash, name_hash, version_hash, chain_id, verifying_contract}));
}

const hash32& hit_typehash() {
  static const hash32 h = keccak256(std::string_view(
      "Hit(uint256 taskId,uint32 slot,address operator,uint64 hitTimeMs,uint16 status,bytes32 responseHash)"));
  return h;
}

hash32 hit_struct_hash(const hit& h) {
  return keccak256(abi::encode("bytes32,uint256,uint32,address,uint64,uint16,bytes32",
                               {hit_typehash(), h.task, h.slot, h.operator_, h.hit_time_ms, h.status, h.response_hash}));
}

hash32 hit_digest(const hash32& domain_separator, const hit& h) {
  hash32 s = hit_struct_hash(h);
  bytes msg{0x19, 0x01};
  msg.insert(msg.end(), domain_separator.begin(), domain_separator.end());
  msg.insert(msg.end(), s.begin(), s.end());
  return keccak256(msg);
}

}  // namespace automator::eth
