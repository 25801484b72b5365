// Proofs of hit on their way from the proxy to the chain, and what the chain said about them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <caf/meta/type_name.hpp>

#include "messages/primitives.hpp"
#include "messages/slot_messages.hpp"

namespace automator {

/// A signed Hit as the proxy returned it (signatures: 65-byte r,s,v each, ascending signer).
struct hit_proof {
  slot_ref ref;
  address20 operator_address{};
  uint64_t hit_time_ms = 0;
  uint16_t status = 0;
  hash32 response_hash{};
  byte_vector signatures;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, hit_proof& x) {
  return f(caf::meta::type_name("hit_proof"), x.ref, x.operator_address, x.hit_time_ms, x.status,
           x.response_hash, x.signatures);
}

/// A proof as the HTTP caller got it, with the window the contract will check it against:
/// fire_at_ms +- tolerance_ms, where fire_at_ms = T(k) + rank * failoverDelay.
/// `reason`: why the target call failed when proof.status is 0 (the proxy's word, not signed;
/// for the node's log and metrics), empty otherwise.
struct proof_candidate {
  hit_proof proof;
  int64_t fire_at_ms = 0;
  int64_t tolerance_ms = 0;
  std::string reason;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, proof_candidate& x) {
  return f(caf::meta::type_name("proof_candidate"), x.proof, x.fire_at_ms, x.tolerance_ms,
           x.reason);
}

/// Verified proofs the prover hands to the submitter as one submitHits transaction.
struct proof_batch {
  uint64_t batch_id = 0;
  std::vector<hit_proof> proofs;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, proof_batch& x) {
  return f(caf::meta::type_name("proof_batch"), x.batch_id, x.proofs);
}

/// One hit of a batch the contract skipped, with its RejectReason.
struct slot_rejection {
  slot_ref ref;
  uint8_t reason = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, slot_rejection& x) {
  return f(caf::meta::type_name("slot_rejection"), x.ref, x.reason);
}

/// The mined outcome of a batch (or why it could not be sent; then the prover retries it).
struct batch_outcome {
  uint64_t batch_id = 0;
  bool mined = false;
  std::vector<slot_ref> accepted;
  std::vector<slot_rejection> rejected;
  std::string error;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, batch_outcome& x) {
  return f(caf::meta::type_name("batch_outcome"), x.batch_id, x.mined, x.accepted, x.rejected,
           x.error);
}

} // namespace automator
