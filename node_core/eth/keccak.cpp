// Keccak-256 through Crypto++ (kept out of the header so users do not pull in Crypto++).
#include "eth/keccak.hpp"

#include <cryptopp/keccak.h>

namespace automator::eth {

hash32 keccak256(const uint8_t* data, size_t size) {
  CryptoPP::Keccak_256 k;
  k.Update(data, size);
  hash32 out;
  k.Final(out.data());
  return out;
}

hash32 keccak256(std::string_view text) {
  return keccak256(reinterpret_cast<const uint8_t*>(text.data()), text.size());
}

}  // namespace automator::eth
