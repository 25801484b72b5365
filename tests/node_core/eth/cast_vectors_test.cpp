// A second opinion from Foundry's cast (the `cast` section of eth_vectors.json): submitHits
// calldata, event topics, signatures, EIP-55, Keccak and a signed submitHits transaction.
#include <doctest/doctest.h>

#include "eth/automator_abi.hpp"
#include "eth/eip1559_tx.hpp"
#include "eth/keccak.hpp"
#include "vectors.hpp"

using namespace automator::eth;
using automator::eth::test::json;
using automator::eth::test::json_uint;
using automator::eth::test::vectors;

namespace {

const json& cast_section() { return vectors("eth_vectors.json")["cast"]; }

std::vector<signed_hit> hits_of(const json& j) {
  std::vector<signed_hit> hits;
  for (const auto& h : j)
    hits.push_back(signed_hit{to_u64(json_uint(h["taskId"]), "taskId"), static_cast<uint32_t>(json_uint(h["slot"])),
                              to_u64(json_uint(h["hitTimeMs"]), "hitTimeMs"), static_cast<uint16_t>(json_uint(h["status"])),
                              hash32_from_hex(h["responseHash"].get<std::string>()),
                              from_hex(h["signatures"].get<std::string>())});
  return hits;
}

}  // namespace

TEST_CASE("cast: submitHits calldata") {
  const json& v = cast_section()["submitHits"];
  CHECK(to_hex(avs::encode_submit_hits(hits_of(v["hits"]))) == v["calldata"]);
}

TEST_CASE("cast: every event topic of the interface") {
  for (const auto& v : cast_section()["eventTopics"]) {
    std::string sig = v["signature"];
    std::string name = sig.substr(0, sig.find('('));
    CAPTURE(sig);
    CHECK(to_hex(avs::topic_of(name)) == v["topic0"]);
  }
}

TEST_CASE("cast: signatures, EIP-55 and Keccak") {
  for (const auto& v : cast_section()["signatures"]) {
    private_key key = private_key::from_hex(v["key"].get<std::string>());
    CHECK(to_hex(key.sign(hash32_from_hex(v["digest"].get<std::string>())).to_rsv()) == v["signature"]);
  }
  for (const auto& v : cast_section()["eip55"])
    CHECK(address::from_hex(v["lower"].get<std::string>()).to_checksum_hex() == v["checksum"]);
  for (const auto& v : cast_section()["keccak"])
    CHECK(to_hex(keccak256(from_hex(v["input"].get<std::string>()))) == v["hash"]);
}

TEST_CASE("cast: a signed submitHits transaction (cast mktx)") {
  const json& v = cast_section()["submitHitsTx"];
  eip1559_tx tx;
  tx.chain_id = v["chainId"];
  tx.nonce = v["nonce"];
  tx.gas = v["gas"];
  tx.max_fee_per_gas = json_uint(v["maxFeePerGas"]);
  tx.max_priority_fee_per_gas = json_uint(v["maxPriorityFeePerGas"]);
  tx.to = address::from_hex(v["to"].get<std::string>());
  tx.value = json_uint(v["value"]);
  tx.data = avs::encode_submit_hits(hits_of(v["hits"]));
  CHECK(to_hex(sign(tx, private_key::from_hex(v["key"].get<std::string>())).raw) == v["raw"]);
}
