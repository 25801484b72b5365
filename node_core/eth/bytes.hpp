// Byte strings, 32-byte hashes, 20-byte addresses and their hex forms: the vocabulary every
// other header in automator::eth speaks.
//
// Error policy for the whole eth library: bad input throws automator::eth::error (a
// std::runtime_error) whose message names what is wrong ("hex: odd number of digits in ...").
// Nothing in this library crashes or returns a silently wrong value on malformed input.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace automator::eth {

using bytes = std::vector<uint8_t>;
using hash32 = std::array<uint8_t, 32>;

/// Thrown for malformed input anywhere in automator::eth; what() says what is wrong.
class error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// Lowercase hex with a "0x" prefix ("0x" for no bytes).
std::string to_hex(const uint8_t* data, size_t size);
inline std::string to_hex(const bytes& b) { return to_hex(b.data(), b.size()); }
template <size_t N>
std::string to_hex(const std::array<uint8_t, N>& a) { return to_hex(a.data(), N); }

/// Parses hex with or without "0x"/"0X", any case, even number of digits.
/// Throws eth::error naming the bad character or the odd length.
bytes from_hex(std::string_view hex);

/// Parses exactly 32 bytes of hex (e.g. a tx hash or bytes32); throws on any other length.
hash32 hash32_from_hex(std::string_view hex);

/// A 20-byte Ethereum account address. Comparable (byte order, as Solidity sorts addresses)
/// and hashable, so it can key std::map and std::unordered_map.
struct address {
  std::array<uint8_t, 20> data{};

  /// Parses "0x" + 40 hex digits. All-lowercase and all-uppercase input is accepted as is;
  /// mixed case must be a valid EIP-55 checksum, otherwise eth::error("bad EIP-55 checksum").
  static address from_hex(std::string_view hex);
  /// The address in the last 20 bytes of a 32-byte ABI word / topic (upper 12 must be zero).
  static address from_word(const hash32& word);

  std::string to_hex() const;           // "0x" + 40 lowercase digits
  std::string to_checksum_hex() const;  // EIP-55 mixed case
  bool is_zero() const;

  friend bool operator==(const address& a, const address& b) { return a.data == b.data; }
  friend bool operator!=(const address& a, const address& b) { return a.data != b.data; }
  friend bool operator<(const address& a, const address& b) { return a.data < b.data; }
};

}  // namespace automator::eth

template <>
struct std::hash<automator::eth::address> {
  size_t operator()(const automator::eth::address& a) const noexcept {
    size_t h = 0;
    for (size_t i = 0; i < sizeof h; ++i) h = (h << 8) | a.data[i];  // addresses are uniform
    return h;
  }
};
