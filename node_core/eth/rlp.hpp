// Recursive Length Prefix encoding (Ethereum yellow paper, appendix B): used to serialize
// transactions; decoding exists for tests and for receipts/transactions read back from nodes.
#pragma once

#include "eth/u256.hpp"

namespace automator::eth::rlp {

/// A byte string item.
bytes encode_bytes(const uint8_t* data, size_t size);
inline bytes encode_bytes(const bytes& b) { return encode_bytes(b.data(), b.size()); }
/// An unsigned integer: minimal big-endian bytes (0 encodes as the empty string 0x80).
bytes encode_uint(const u256& v);
/// A list from items that are already RLP-encoded (concatenated under a list header).
bytes encode_list(const std::vector<bytes>& encoded_items);

/// A decoded item: either a byte string or a list of items.
struct item {
  bool is_list = false;
  bytes data;               // when !is_list
  std::vector<item> items;  // when is_list
};

/// Deepest list nesting decode() accepts. Transactions nest 4 levels (an access list's storage
/// keys); the bound keeps a hostile input from recursing until the stack overflows.
inline constexpr size_t max_depth = 64;

/// Decodes exactly one item spanning all of `data`. Throws eth::error for truncated input,
/// trailing bytes, non-canonical length prefixes, or lists nested deeper than max_depth.
item decode(const uint8_t* data, size_t size);
inline item decode(const bytes& b) { return decode(b.data(), b.size()); }

/// Reads an item as a canonical unsigned integer (no leading zeros); throws otherwise.
u256 to_uint(const item& it);

}  // namespace automator::eth::rlp
