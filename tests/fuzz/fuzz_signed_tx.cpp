// libFuzzer target: decode_signed, the EIP-1559 (type 2) transaction parser with signer
// recovery. Any input decodes or throws eth::error; a decoded transaction's fields sign to the
// same signing hash it was recovered from (decoding is deterministic).
#include <cstdlib>

#include "eth/eip1559_tx.hpp"

using namespace automator::eth;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    decoded_tx d = decode_signed(bytes(data, data + size));
    if (recover_signer(d.tx.signing_hash(), d.sig) != d.sender) std::abort();
  } catch (const error&) {
  }
  return 0;
}
