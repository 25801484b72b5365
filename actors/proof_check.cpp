// Proof checks (see proof_check.hpp).
#include "actors/proof_check.hpp"

#include "eth/secp256k1.hpp"

namespace automator {

eth::hash32 proof_digest(const eth::hash32& domain_separator, const hit_proof& p) {
  return eth::hit_digest(domain_separator, eth::hit{p.ref.task_id, p.ref.slot, eth::address{p.operator_address},
                                                    p.hit_time_ms, p.status, p.response_hash});
}

std::optional<std::string> check_proof(const proof_candidate& candidate,
                                       const eth::hash32& domain_separator,
                                       const eth::address& operator_address,
                                       const std::unordered_set<eth::address>& signers) {
  const hit_proof& p = candidate.proof;
  if (p.operator_address != operator_address.data)
    return "the hit names operator " + eth::address{p.operator_address}.to_hex() + ", not us";
  // As the contract: fireAt - tolerance <= hitTimeMs <= fireAt + tolerance, in milliseconds,
  // with fireAt = T(k) + rank * failoverDelay.
  int64_t hit = int64_t(p.hit_time_ms);
  if (hit + candidate.tolerance_ms < candidate.fire_at_ms ||
      hit > candidate.fire_at_ms + candidate.tolerance_ms)
    return "hit time " + std::to_string(hit) + " ms is outside the window " +
           std::to_string(candidate.fire_at_ms) + " +- " + std::to_string(candidate.tolerance_ms) +
           " ms";
  if (p.signatures.empty() || p.signatures.size() % 65 != 0)
    return "signatures are " + std::to_string(p.signatures.size()) +
           " bytes, not a multiple of 65";
  auto digest = proof_digest(domain_separator, p); // p's operator is operator_address here
  std::optional<eth::address> previous;
  for (size_t off = 0; off < p.signatures.size(); off += 65) {
    eth::address signer;
    try {
      signer = eth::recover_signer(digest, eth::signature::from_rsv(p.signatures.data() + off, 65));
    } catch (const eth::error& e) {
      return std::string("bad signature: ") + e.what();
    }
    if (!signers.empty() && !signers.count(signer))
      return "signer " + signer.to_hex() + " is not a registered proxy signer";
    if (previous && !(*previous < signer))
      return "signatures are not in ascending signer order";
    previous = signer;
  }
  return std::nullopt;
}

} // namespace automator
