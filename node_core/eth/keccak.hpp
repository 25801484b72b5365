// Keccak-256 (Ethereum's hash; the original Keccak padding, not NIST SHA3-256).
#pragma once

#include "eth/bytes.hpp"

namespace automator::eth {

hash32 keccak256(const uint8_t* data, size_t size);
inline hash32 keccak256(const bytes& b) { return keccak256(b.data(), b.size()); }
template <size_t N>
hash32 keccak256(const std::array<uint8_t, N>& a) { return keccak256(a.data(), N); }
/// Hashes the characters of `text` (e.g. a function signature or a URL).
hash32 keccak256(std::string_view text);

}  // namespace automator::eth
