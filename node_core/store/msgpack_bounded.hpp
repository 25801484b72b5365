// Unpacking msgpack read back from disk with every declared size bounded by the input: a
// corrupt or hostile record header such as `dd ffffffff` (an array of 4 billion items in 5
// bytes) otherwise makes msgpack-c allocate for the declared size (128 GiB) before it notices
// the bytes are missing. The one unpack every decoder of the store and its callers use.
#pragma once

#include <string_view>

#include <msgpack.hpp>

namespace automator::store::detail {

/// Deepest nesting of arrays and maps accepted; the store's records nest 2 levels, the values
/// the actors keep at most 3.
inline constexpr std::size_t max_msgpack_depth = 32;

/// Unpacks exactly one msgpack object spanning all of `bytes`. Arrays, maps, strings, binaries
/// and extensions may not declare more items or bytes than `bytes` holds, nesting is bounded by
/// max_msgpack_depth, and trailing bytes are refused. Throws store_error saying what is wrong
/// (never std::bad_alloc for a size that the input cannot hold).
msgpack::object_handle unpack_bounded(std::string_view bytes);

}  // namespace automator::store::detail
