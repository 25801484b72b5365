// The prover's persisted proofs: a proof is stored (fsync'd) when it passes the checks and
// erased only once the chain has resolved its slot, so no proof is lost across a crash.
#pragma once

#include <memory>
#include <vector>

#include "messages/proof_messages.hpp"
#include "store/record_store.hpp"

namespace automator {

class proof_journal {
public:
  explicit proof_journal(std::shared_ptr<store::record_store> store);

  /// Every stored proof. Throws std::runtime_error naming the record if one does not decode.
  std::vector<hit_proof> load() const;
  void save(const hit_proof& proof);
  void erase(const std::vector<slot_ref>& refs);

private:
  std::shared_ptr<store::record_store> store_;
};

} // namespace automator
