// EIP-712 Hit hashing against viem's hashTypedData and the contracts' shared vectors.
#include <doctest/doctest.h>

#include "eth/eip712_hit.hpp"
#include "eth/secp256k1.hpp"
#include "vectors.hpp"

using namespace automator::eth;
using automator::eth::test::json;
using automator::eth::test::json_uint;
using automator::eth::test::vectors;

namespace {

hit hit_of(const json& h) {
  return hit{json_uint(h["taskId"]), static_cast<uint32_t>(json_uint(h["slot"])),
             address::from_hex(h["operator"].get<std::string>()), to_u64(json_uint(h["hitTimeMs"]), "hitTimeMs"),
             static_cast<uint16_t>(json_uint(h["status"])), hash32_from_hex(h["responseHash"].get<std::string>())};
}

void check_hit_vector(const json& v) {
  const json& d = v["domain"];
  REQUIRE(d["name"] == "FleekAutomator");
  REQUIRE(d["version"] == "1");
  hit_domain domain{to_u64(json_uint(d["chainId"]), "chainId"),
                    address::from_hex(d["verifyingContract"].get<std::string>())};
  CHECK(to_hex(domain.separator()) == v["domainSeparator"]);
  hit h = hit_of(v["hit"]);
  CHECK(to_hex(hit_struct_hash(h)) == v["structHash"]);
  hash32 digest = hit_digest(domain, h);
  CHECK(to_hex(digest) == v["digest"]);
  private_key key = private_key::from_hex(v["signerKey"].get<std::string>());
  CHECK(key.get_address() == address::from_hex(v["signer"].get<std::string>()));
  CHECK(to_hex(key.sign(digest).to_rsv()) == v["signature"]);
  CHECK(recover_signer(digest, signature::from_rsv(from_hex(v["signature"].get<std::string>()))) == key.get_address());
}

}  // namespace

TEST_CASE("Hit digests and signatures match viem") {
  for (const auto& v : vectors("eth_vectors.json")["hits"]) check_hit_vector(v);
}

TEST_CASE("Hit digests match the contracts' shared vectors") {
  const json& file = vectors("hit_vectors.json");
  REQUIRE(file["hitType"] == "Hit(uint256 taskId,uint32 slot,address operator,uint64 hitTimeMs,uint16 status,bytes32 responseHash)");
  CHECK(file["hits"].size() > 0);
  for (const auto& v : file["hits"]) {
    CAPTURE(v["name"].get<std::string>());
    CHECK(to_hex(hit_typehash()) == v["typeHash"]);
    check_hit_vector(v);
  }
}
