// Hex, addresses with EIP-55 checksums, Keccak-256 and u256 conversions against viem's outputs.
#include <doctest/doctest.h>

#include <unordered_set>

#include "eth/keccak.hpp"
#include "eth/u256.hpp"
#include "vectors.hpp"

using namespace automator::eth;
using automator::eth::test::vectors;

TEST_CASE("hex round trip and clear errors") {
  CHECK(to_hex(bytes{}) == "0x");
  CHECK(to_hex(bytes{0x00, 0xab, 0xff}) == "0x00abff");
  CHECK(from_hex("0x00ABff") == bytes{0x00, 0xab, 0xff});
  CHECK(from_hex("00abff") == bytes{0x00, 0xab, 0xff});
  CHECK(from_hex("") == bytes{});
  CHECK_THROWS_WITH_AS(from_hex("0xabc"), doctest::Contains("odd number of digits"), error);
  CHECK_THROWS_WITH_AS(from_hex("0xzz"), doctest::Contains("invalid character 'z'"), error);
  CHECK_THROWS_WITH_AS(hash32_from_hex("0x00"), doctest::Contains("expected 32 bytes, got 1"), error);
}

TEST_CASE("keccak256 matches viem") {
  for (const auto& v : vectors("eth_vectors.json")["keccak"])
    CHECK(to_hex(keccak256(from_hex(v["input"].get<std::string>()))) == v["hash"]);
  CHECK(to_hex(keccak256(std::string_view("abc"))) ==
        "0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
}

TEST_CASE("EIP-55 checksums match viem") {
  for (const auto& v : vectors("eth_vectors.json")["eip55"]) {
    address a = address::from_hex(v["lower"].get<std::string>());
    CHECK(a.to_checksum_hex() == v["checksum"]);
    CHECK(address::from_hex(v["checksum"].get<std::string>()) == a);
    CHECK(a.to_hex() == v["lower"]);
  }
}

TEST_CASE("address parsing rejects bad checksums and lengths") {
  const std::string good = vectors("eth_vectors.json")["eip55"][0]["checksum"];
  std::string bad = good;
  for (size_t i = 2; i < bad.size(); ++i) {
    char& c = bad[i];
    if (c >= 'a' && c <= 'f') { c = char(c - 'a' + 'A'); break; }
    if (c >= 'A' && c <= 'F') { c = char(c - 'A' + 'a'); break; }
  }
  CHECK_THROWS_WITH_AS(address::from_hex(bad), doctest::Contains("bad EIP-55 checksum"), error);
  std::string upper = good;
  for (size_t i = 2; i < upper.size(); ++i) upper[i] = char(std::toupper(upper[i]));
  CHECK(address::from_hex(upper) == address::from_hex(good));
  CHECK_THROWS_WITH_AS(address::from_hex("0x1234"), doctest::Contains("expected 40 hex digits, got 4"), error);
  hash32 dirty{};
  dirty[0] = 1;
  CHECK_THROWS_WITH_AS(address::from_word(dirty), doctest::Contains("nonzero upper 12 bytes"), error);
}

TEST_CASE("addresses are ordered and hashable") {
  address a = address::from_hex("0x0000000000000000000000000000000000000001");
  address b = address::from_hex("0x1000000000000000000000000000000000000000");
  CHECK(a < b);
  CHECK_FALSE(a.is_zero());
  CHECK(address{}.is_zero());
  std::unordered_set<address> set{a, b, a};
  CHECK(set.size() == 2);
}

TEST_CASE("u256 conversions") {
  u256 max = ~u256(0);
  CHECK(parse_u256("115792089237316195423570985008687907853269984665640564039457584007913129639935") == max);
  CHECK(parse_u256("0xff") == 255);
  CHECK(to_quantity(0) == "0x0");
  CHECK(to_quantity(255) == "0xff");
  CHECK(to_quantity(4096) == "0x1000");
  CHECK(to_dec(max).size() == 78);
  CHECK(from_be(to_be32(max)) == max);
  CHECK(to_be_minimal(0).empty());
  CHECK(to_be_minimal(256) == bytes{1, 0});
  CHECK(parse_u64("18446744073709551615") == UINT64_MAX);
  CHECK_THROWS_WITH_AS(parse_u64("18446744073709551616"), doctest::Contains("exceeds 2^64-1"), error);
  CHECK_THROWS_WITH_AS(parse_u256("115792089237316195423570985008687907853269984665640564039457584007913129639936"),
                       doctest::Contains("exceeds 2^256-1"), error);
  CHECK_THROWS_WITH_AS(parse_u256("12a"), doctest::Contains("invalid decimal digit 'a'"), error);
  CHECK_THROWS_WITH_AS(parse_u256("0x"), doctest::Contains("empty number"), error);
  CHECK_THROWS_WITH_AS(parse_u256("-1"), doctest::Contains("invalid decimal digit '-'"), error);
}
