// Generic ABI encoding/decoding, selectors and revert data against viem's outputs.
#include <doctest/doctest.h>

#include "eth/abi.hpp"
#include "vectors.hpp"

using namespace automator::eth;
using automator::eth::test::to_abi_values;
using automator::eth::test::vectors;

TEST_CASE("abi.encode matches viem and decodes back") {
  for (const auto& v : vectors("eth_vectors.json")["abi"]) {
    std::string types = v["types"];
    CAPTURE(types);
    std::vector<abi::type> parsed = abi::parse_types(types);
    abi::value::list values = to_abi_values(parsed, v["values"]);
    bytes encoded = abi::encode(parsed, values);
    CHECK(to_hex(encoded) == v["encoded"]);
    abi::value::list decoded = abi::decode(types, encoded);
    CHECK(abi::value(decoded).to_string() == abi::value(values).to_string());
  }
}

TEST_CASE("abi types parse to canonical form") {
  CHECK(abi::type::parse("uint").canonical() == "uint256");
  CHECK(abi::type::parse(" ( uint , bytes )[2][] ").canonical() == "(uint256,bytes)[2][]");
  CHECK(abi::type::parse("(uint256,bytes)[2][]").components[0].size == 2);
  CHECK(abi::type::parse("uint256[3]").is_dynamic() == false);
  CHECK(abi::type::parse("(uint256,string)").is_dynamic());
  CHECK_THROWS_WITH_AS(abi::type::parse("uint7"), doctest::Contains("integer width"), error);
  CHECK_THROWS_WITH_AS(abi::type::parse("bytes33"), doctest::Contains("1 <= N <= 32"), error);
  CHECK_THROWS_WITH_AS(abi::type::parse("address payable"), doctest::Contains("unknown type name"), error);
  CHECK_THROWS_WITH_AS(abi::parse_types("(uint256"), doctest::Contains("unbalanced '('"), error);
  CHECK_THROWS_WITH_AS(abi::type::parse("uint256[0]"), doctest::Contains("array length"), error);
}

TEST_CASE("abi.encode names the bad value") {
  CHECK_THROWS_WITH_AS(abi::encode("uint8", {256u}), doctest::Contains("at [0] (uint8): value 256 does not fit"), error);
  CHECK_THROWS_WITH_AS(abi::encode("uint256,address", {1u, true}),
                       doctest::Contains("at [1] (address): expected address, got bool"), error);
  CHECK_THROWS_WITH_AS(abi::encode("bytes32", {bytes{1, 2}}), doctest::Contains("needs 32 bytes, got 2"), error);
  CHECK_THROWS_WITH_AS(abi::encode("(uint256,bool)[]", {abi::value(abi::value::list{abi::value::list{1u, 2u}})}),
                       doctest::Contains("at [0][0][1] (bool): expected bool, got uint"), error);
  CHECK_THROWS_WITH_AS(abi::encode("uint256[2]", {abi::value(abi::value::list{1u})}), doctest::Contains("needs 2 elements"), error);
  CHECK_THROWS_WITH_AS(abi::encode("uint256,uint256", {1u}), doctest::Contains("2 types but 1 values"), error);
  CHECK_THROWS_WITH_AS(abi::encode("int8", {abi::from_int(-129)}), doctest::Contains("does not fit"), error);
  CHECK_THROWS_AS(abi::value(-1), error);
}

TEST_CASE("abi.decode rejects malformed data") {
  bytes word(32, 0);
  CHECK_THROWS_WITH_AS(abi::decode("uint256,uint256", word), doctest::Contains("data too short at [1]"), error);
  bytes two = word;
  two[31] = 2;
  CHECK_THROWS_WITH_AS(abi::decode("bool", two), doctest::Contains("is not 0 or 1"), error);
  bytes big(32, 0xff);
  CHECK_THROWS_WITH_AS(abi::decode("uint32", big), doctest::Contains("does not fit"), error);
  CHECK_THROWS_WITH_AS(abi::decode("address", big), doctest::Contains("nonzero upper 12 bytes"), error);
  bytes offset = word;
  offset[31] = 0x40;  // points past the end
  CHECK_THROWS_WITH_AS(abi::decode("bytes", offset), doctest::Contains("offset 64 at [0] exceeds the data size 32"), error);
  bytes huge_array = abi::encode("uint256,uint256", {32u, 1000000u});  // offset 32, length 1e6
  CHECK_THROWS_WITH_AS(abi::decode("uint256[]", huge_array), doctest::Contains("exceeds the data size"), error);
  bytes long_array = abi::encode("uint256,uint256,uint256", {32u, 2u, 7u});  // 2 elements, 1 present
  CHECK_THROWS_WITH_AS(abi::decode("uint256[]", long_array), doctest::Contains("do not fit"), error);
}

TEST_CASE("abi.decode refuses overlapping offsets that multiply the data (decoding bomb)") {
  // uint256[][] of 64 elements that all point at the same 64-element array: 4096 values
  // from 4.2 KB if decoded naively.
  const size_t n = 64;
  abi::value::list inner(n, abi::value(7u));
  bytes inner_encoding = abi::encode("uint256[]", {abi::value(inner)});  // offset, length, n words
  bytes data = abi::encode("uint256,uint256", {32u, n});                // outer offset and length
  for (size_t i = 0; i < n; ++i) {
    bytes off = abi::encode("uint256", {32u * n});  // every element points at the same place
    data.insert(data.end(), off.begin(), off.end());
  }
  data.insert(data.end(), inner_encoding.begin() + 32, inner_encoding.end());
  CHECK_THROWS_WITH_AS(abi::decode("uint256[][]", data), doctest::Contains("overlapping offsets"), error);
  // The same values encoded honestly decode fine.
  abi::value::list outer(n, abi::value(inner));
  CHECK(abi::decode("uint256[][]", abi::encode("uint256[][]", {abi::value(outer)}))[0].as_list().size() == n);
}

TEST_CASE("selectors and event topics") {
  auto sel = abi::selector("transfer(address,uint256)");
  CHECK(to_hex(bytes(sel.begin(), sel.end())) == "0xa9059cbb");
  CHECK(to_hex(abi::event_topic("Transfer(address indexed from, address indexed to, uint256 value)")) ==
        "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");
  CHECK_THROWS_WITH_AS(abi::selector("transfer"), doctest::Contains("expected name(type,...)"), error);
}

TEST_CASE("decode_log puts indexed and data parameters in declaration order") {
  const char* decl = "Deal(address indexed buyer, string note, uint64 indexed id, uint256 amount)";
  address buyer = address::from_hex("0x00000000000000000000000000000000000000aa");
  bytes buyer_word = abi::encode("address", {buyer});
  hash32 buyer_topic;
  std::copy(buyer_word.begin(), buyer_word.end(), buyer_topic.begin());
  std::vector<hash32> topics{abi::event_topic(decl), buyer_topic, to_be32(9)};
  bytes data = abi::encode("string,uint256", {"hi", 5u});
  abi::value::list v = abi::decode_log(decl, topics, data);
  REQUIRE(v.size() == 4);
  CHECK(v[0].as_address() == buyer);
  CHECK(v[1].as_string() == "hi");
  CHECK(v[2].as_u64() == 9);
  CHECK(v[3].as_u64() == 5);
  topics.pop_back();
  CHECK_THROWS_WITH_AS(abi::decode_log(decl, topics, data), doctest::Contains("has 2 topics, expected 3"), error);
  topics[0][0] ^= 1;
  CHECK_THROWS_WITH_AS(abi::decode_log(decl, topics, data), doctest::Contains("topic0 differs"), error);
}

TEST_CASE("revert data is decoded or shown raw") {
  bytes err = abi::encode_call("Error(string)", {"too late"});
  CHECK(abi::decode_revert(err).to_string() == "Error(\"too late\")");
  CHECK(abi::decode_revert(abi::encode_call("Panic(uint256)", {0x32u})).to_string() ==
        "Panic(0x32 array index out of bounds)");
  bytes custom = abi::encode_call("UnknownTask(uint256)", {7u});
  CHECK(abi::decode_revert(custom, {"UnknownTask(uint256)"}).to_string() == "UnknownTask(7)");
  CHECK(abi::decode_revert(custom).to_string().rfind("unknown error 0x", 0) == 0);
  CHECK(abi::decode_revert({}).to_string() == "empty revert data");
  CHECK(abi::decode_revert({1, 2}).to_string() == "undecodable revert data 0x0102");
  bytes truncated(err.begin(), err.begin() + 10);
  CHECK(abi::decode_revert(truncated).name.empty());
}
