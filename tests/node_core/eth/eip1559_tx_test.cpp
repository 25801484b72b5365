// EIP-1559 signing and serialization against viem's signTransaction.
#include <doctest/doctest.h>

#include "eth/eip1559_tx.hpp"
#include "vectors.hpp"

using namespace automator::eth;
using automator::eth::test::json;
using automator::eth::test::json_uint;
using automator::eth::test::vectors;

namespace {

eip1559_tx tx_of(const json& j) {
  eip1559_tx tx;
  tx.chain_id = to_u64(json_uint(j["chainId"]), "chainId");
  tx.nonce = to_u64(json_uint(j["nonce"]), "nonce");
  tx.max_priority_fee_per_gas = json_uint(j["maxPriorityFeePerGas"]);
  tx.max_fee_per_gas = json_uint(j["maxFeePerGas"]);
  tx.gas = to_u64(json_uint(j["gas"]), "gas");
  if (!j["to"].is_null()) tx.to = address::from_hex(j["to"].get<std::string>());
  tx.value = json_uint(j["value"]);
  tx.data = from_hex(j["data"].get<std::string>());
  return tx;
}

}  // namespace

TEST_CASE("signed type-2 transactions match viem byte for byte") {
  for (const auto& v : vectors("eth_vectors.json")["eip1559"]) {
    eip1559_tx tx = tx_of(v["tx"]);
    private_key key = private_key::from_hex(v["key"].get<std::string>());
    CHECK(to_hex(tx.signing_hash()) == v["signingHash"]);
    signed_tx s = sign(tx, key);
    CHECK(to_hex(s.raw) == v["raw"]);
    CHECK(to_hex(s.hash) == v["hash"]);
    decoded_tx d = decode_signed(s.raw);
    CHECK(d.sender.to_checksum_hex() == v["sender"]);
    CHECK(d.tx.nonce == tx.nonce);
    CHECK(d.tx.to == tx.to);
    CHECK(d.tx.data == tx.data);
    CHECK(d.tx.value == tx.value);
  }
}

TEST_CASE("decoding rejects what is not a signed type-2 transaction") {
  const json& v = vectors("eth_vectors.json")["eip1559"][0];
  bytes raw = from_hex(v["raw"].get<std::string>());
  bytes legacy = raw;
  legacy[0] = 0x01;
  CHECK_THROWS_WITH_AS(decode_signed(legacy), doctest::Contains("not an EIP-1559"), error);
  CHECK_THROWS_WITH_AS(decode_signed({}), doctest::Contains("first byte missing"), error);
  bytes cut(raw.begin(), raw.end() - 1);
  CHECK_THROWS_WITH_AS(decode_signed(cut), doctest::Contains("rlp: truncated"), error);
}
