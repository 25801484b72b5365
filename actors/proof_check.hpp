// The prover's checks of a proof before it costs gas, mirroring what the contract verifies:
// the operator is us, each signature recovers to a registered proxy signer (ascending, no
// duplicates), and the hit time is within tolerance of this rank's fire time.
#pragma once

#include <optional>
#include <string>
#include <unordered_set>

#include "eth/bytes.hpp"
#include "eth/eip712_hit.hpp"
#include "messages/proof_messages.hpp"

namespace automator {

/// The EIP-712 digest the proxies sign for the proof's hit (its operator included).
eth::hash32 proof_digest(const eth::hash32& domain_separator, const hit_proof& p);

/// Returns why the proof would be refused, or nullopt if it is good. An empty `signers` set
/// means the registered set is not known yet: signatures are then only checked for validity.
std::optional<std::string> check_proof(const proof_candidate& candidate,
                                       const eth::hash32& domain_separator,
                                       const eth::address& operator_address,
                                       const std::unordered_set<eth::address>& signers);

} // namespace automator
