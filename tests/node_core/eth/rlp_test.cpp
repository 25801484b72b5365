// RLP encoding and strict decoding against viem's toRlp.
#include <doctest/doctest.h>

#include "eth/rlp.hpp"
#include "vectors.hpp"

using namespace automator::eth;
using automator::eth::test::json;
using automator::eth::test::vectors;

namespace {

// Vectors write a byte string as hex and a list as a JSON array.
bytes encode_json(const json& item) {
  if (item.is_string()) return rlp::encode_bytes(from_hex(item.get<std::string>()));
  std::vector<bytes> items;
  for (const auto& i : item) items.push_back(encode_json(i));
  return rlp::encode_list(items);
}

bool same(const rlp::item& it, const json& j) {
  if (j.is_string()) return !it.is_list && it.data == from_hex(j.get<std::string>());
  if (!it.is_list || it.items.size() != j.size()) return false;
  for (size_t i = 0; i < j.size(); ++i)
    if (!same(it.items[i], j[i])) return false;
  return true;
}

}  // namespace

TEST_CASE("RLP items match viem and decode back") {
  for (const auto& v : vectors("eth_vectors.json")["rlp"]["items"]) {
    bytes encoded = encode_json(v["item"]);
    CHECK(to_hex(encoded) == v["encoded"]);
    CHECK(same(rlp::decode(encoded), v["item"]));
  }
}

TEST_CASE("RLP integers match viem") {
  for (const auto& v : vectors("eth_vectors.json")["rlp"]["uints"]) {
    u256 n = parse_u256(v["value"].get<std::string>());
    bytes encoded = rlp::encode_uint(n);
    CHECK(to_hex(encoded) == v["encoded"]);
    CHECK(rlp::to_uint(rlp::decode(encoded)) == n);
  }
}

TEST_CASE("RLP decoding rejects malformed input") {
  CHECK_THROWS_WITH_AS(rlp::decode(from_hex("0x83aabb")), doctest::Contains("truncated string"), error);
  CHECK_THROWS_WITH_AS(rlp::decode(from_hex("0x0102")), doctest::Contains("1 trailing bytes"), error);
  CHECK_THROWS_WITH_AS(rlp::decode(from_hex("0x8105")), doctest::Contains("single byte below 0x80"), error);
  CHECK_THROWS_WITH_AS(rlp::decode(from_hex("0xb801ff")), doctest::Contains("long form used"), error);
  CHECK_THROWS_WITH_AS(rlp::decode(from_hex("0xc3aabb")), doctest::Contains("truncated list"), error);
  CHECK_THROWS_WITH_AS(rlp::decode(bytes{}), doctest::Contains("truncated item"), error);
  CHECK_THROWS_WITH_AS(rlp::to_uint(rlp::decode(from_hex("0x820001"))), doctest::Contains("leading zero"), error);
}
