// The fast mode's stand-in for the proxy's EIP-712 secp256k1 signature: a keyed 64-bit
// fingerprint of every Hit field, operator included. It has the one property the contract's
// check relies on (any change to the hit or its operator breaks it) at a few nanoseconds
// instead of the ~50 us of a real signature, so altered, replayed and stolen proofs are
// rejected as BadSignature exactly where the contract would reject them.
#pragma once

#include "avs_model.hpp"

namespace automator::sim {

class proxy_signer {
public:
  explicit proxy_signer(uint64_t key) : key_(key) {}

  uint64_t sign(const signed_hit& h, account op) const {
    uint64_t x = key_;
    for (uint64_t field : {h.task_id, uint64_t{h.slot}, uint64_t{op}, h.hit_time_ms, uint64_t{h.status}, h.response_tag})
      x = mix(x ^ field);
    return x;
  }
  bool verify(const signed_hit& h, account op) const { return h.signature == sign(h, op); }

private:
  static uint64_t mix(uint64_t z) {  // splitmix64 finalizer
    z += 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  uint64_t key_;
};

}  // namespace automator::sim
