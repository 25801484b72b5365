// EIP-712 hashing of the proof of hit (docs/proofs.md):
// domain {name "FleekAutomator", version "1", chainId, verifyingContract} and
// Hit(uint256 taskId,uint32 slot,address operator,uint64 hitTimeMs,uint16 status,bytes32 responseHash).
#pragma once

#include "eth/automator_types.hpp"

namespace automator::eth {

/// The EIP-712 domain of one AVS deployment.
struct hit_domain {
  uint64_t chain_id = 0;
  address verifying_contract;

  /// keccak256(abi.encode(EIP712Domain typehash, keccak("FleekAutomator"), keccak("1"),
  /// chainId, verifyingContract)).
  hash32 separator() const;
};

/// keccak256 of the Hit type string.
const hash32& hit_typehash();
/// hashStruct(hit).
hash32 hit_struct_hash(const hit& h);
/// keccak256("\x19\x01" || domain separator || struct hash): the digest the proxy signs.
hash32 hit_digest(const hash32& domain_separator, const hit& h);
inline hash32 hit_digest(const hit_domain& d, const hit& h) { return hit_digest(d.separator(), h); }

}  // namespace automator::eth
