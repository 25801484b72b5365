// The decoders' limits against the hostile inputs of issue 11: RLP nested ~30,800 levels deep
// (it overflowed the stack), ABI bytes[] whose offsets all point at one value (a 512 KiB input
// decoded to 2 GiB, then std::bad_alloc), and bytes/string tails with dirty or missing
// padding (accepted before). Each is an eth::error now, at once.
#include <doctest/doctest.h>

#include "eth/abi.hpp"
#include "eth/eip1559_tx.hpp"
#include "eth/rlp.hpp"

using namespace automator::eth;

namespace {

// `depth` lists, each holding the next, around an empty list; built outside-in without
// recursion or quadratic copying.
bytes nested_lists(size_t depth) {
  std::vector<bytes> headers;
  size_t payload = 0;  // size of what the next header wraps
  for (size_t i = 0; i <= depth; ++i) {
    bytes len = payload <= 55 ? bytes{} : to_be_minimal(u256(payload));
    bytes h{uint8_t(payload <= 55 ? 0xc0 + payload : 0xf7 + len.size())};
    for (uint8_t b : len) h.push_back(b);
    payload += h.size();
    headers.push_back(std::move(h));
  }
  bytes out;
  for (auto it = headers.rbegin(); it != headers.rend(); ++it) out.insert(out.end(), it->begin(), it->end());
  return out;
}

bytes word(uint64_t v) { return abi::encode("uint256", {v}); }

void append(bytes& out, const bytes& more) { out.insert(out.end(), more.begin(), more.end()); }

}  // namespace

TEST_CASE("RLP nesting is bounded: 30,800 levels are an error, not a stack overflow") {
  bytes deep = nested_lists(30'800);
  CHECK_THROWS_WITH_AS(rlp::decode(deep), doctest::Contains("nested deeper than 64 levels"), error);
  CHECK_NOTHROW(rlp::decode(nested_lists(rlp::max_depth - 1)));  // max_depth lists in all
  CHECK_THROWS_AS(rlp::decode(nested_lists(rlp::max_depth)), error);
  // The same bytes as a signed transaction's payload.
  bytes tx = deep;
  tx.insert(tx.begin(), 0x02);
  CHECK_THROWS_WITH_AS(decode_signed(tx), doctest::Contains("nested deeper"), error);
}

TEST_CASE("ABI bytes[] whose offsets all point at one value is refused (512 KiB -> 2 GiB bomb)") {
  // bytes[] of n elements, every offset pointing at the same value of len bytes: honest data
  // of this size holds about 512 KiB; decoded naively it is n * len = 2 GiB.
  const size_t n = 8192, len = 256 * 1024;
  bytes data = word(32);   // offset of the array
  append(data, word(n));   // its length
  for (size_t i = 0; i < n; ++i) append(data, word(32 * n));  // relative to the element heads
  append(data, word(len));
  data.resize(data.size() + len, 0xab);
  CHECK(data.size() > 512 * 1024);
  CHECK_THROWS_WITH_AS(abi::decode("bytes[]", data), doctest::Contains("overlapping offsets"), error);
  // Nested arrays that share one inner array amplify the same way: 1,024 heads pointing at one
  // 1,024-word array are a million values from 64 KiB.
  const size_t m = 1024;
  bytes shared = word(32);
  append(shared, word(m));
  for (size_t i = 0; i < m; ++i) append(shared, word(32 * m));
  append(shared, word(m));
  for (size_t i = 0; i < m; ++i) append(shared, word(i));
  CHECK_THROWS_WITH_AS(abi::decode("uint256[][]", shared), doctest::Contains("overlapping offsets"), error);
  // Honest encodings of the same shapes decode.
  abi::value::list items(16, abi::value(bytes(1000, 0xab)));
  bytes honest = abi::encode("bytes[]", {abi::value(items)});
  CHECK(abi::decode("bytes[]", honest)[0].as_list().size() == 16);
}

TEST_CASE("ABI bytes and string tails must be zero-padded to a whole word") {
  for (const char* type : {"bytes", "string"}) {
    CAPTURE(type);
    abi::value v = std::string(type) == "bytes" ? abi::value(bytes{1, 2, 3}) : abi::value("abc");
    bytes good = abi::encode(type, {v});
    REQUIRE(good.size() == 96);
    CHECK_NOTHROW(abi::decode(type, good));
    bytes dirty = good;
    dirty[64 + 3] = 0x01;  // first padding byte after the 3 data bytes
    CHECK_THROWS_WITH_AS(abi::decode(type, dirty), doctest::Contains("nonzero padding after the 3 bytes at [0]"), error);
    dirty = good;
    dirty.back() = 0x80;
    CHECK_THROWS_WITH_AS(abi::decode(type, dirty), doctest::Contains("nonzero padding"), error);
    bytes missing(good.begin(), good.begin() + 64 + 3);  // the data without its padding
    CHECK_THROWS_WITH_AS(abi::decode(type, missing), doctest::Contains("data too short for 3 bytes and their padding"),
                         error);
  }
  // A whole-word value has no padding to check; an empty one has none either.
  CHECK_NOTHROW(abi::decode("bytes", abi::encode("bytes", {bytes(32, 0xff)})));
  CHECK_NOTHROW(abi::decode("string", abi::encode("string", {""})));
  // Revert reasons with dirty padding are shown raw instead of decoded.
  bytes revert = abi::encode_call("Error(string)", {"too late"});
  revert.back() = 1;
  CHECK(abi::decode_revert(revert).name.empty());
}
