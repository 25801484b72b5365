// 256-bit unsigned integers (Solidity's uint256) and their byte, decimal and JSON-RPC forms.
#pragma once

#include <boost/multiprecision/cpp_int.hpp>

#include "eth/bytes.hpp"

namespace automator::eth {

using u256 = boost::multiprecision::uint256_t;

/// Big-endian, left-padded to 32 bytes (an ABI word).
hash32 to_be32(const u256& v);
/// Minimal big-endian bytes, no leading zeros (empty for 0): the RLP integer form.
bytes to_be_minimal(const u256& v);
/// Reads up to 32 big-endian bytes; throws eth::error for more than 32.
u256 from_be(const uint8_t* data, size_t size);
inline u256 from_be(const hash32& word) { return from_be(word.data(), word.size()); }

/// Parses decimal ("1000") or hex ("0x3e8"); throws eth::error on bad digits, empty input or
/// a value above 2^256-1.
u256 parse_u256(std::string_view text);
/// Like parse_u256 but for values that must fit 64 bits (block numbers, nonces, gas).
uint64_t parse_u64(std::string_view text);

std::string to_dec(const u256& v);
/// JSON-RPC QUANTITY: "0x" + minimal lowercase hex ("0x0" for zero).
std::string to_quantity(const u256& v);

/// Narrows with a check; throws eth::error naming `what` if v does not fit.
uint64_t to_u64(const u256& v, std::string_view what);

}  // namespace automator::eth
