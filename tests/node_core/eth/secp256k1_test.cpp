// Signing and signer recovery against viem's signatures; key loading errors.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "eth/secp256k1.hpp"
#include "eth/u256.hpp"
#include "vectors.hpp"

using namespace automator::eth;
using automator::eth::test::vectors;

namespace {

const std::string anvil_key0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

// A file in a fresh temporary directory, removed when the test ends.
struct temp_file {
  std::filesystem::path path;
  explicit temp_file(const std::string& content) {
    path = std::filesystem::temp_directory_path() / ("eth-key-test-" + std::to_string(::getpid()) + "-" +
                                                       std::to_string(std::rand()));
    std::ofstream(path) << content;
    // Key files must be owner-only (keystore_test.cpp checks the refusal).
    std::filesystem::permissions(path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  }
  ~temp_file() { std::filesystem::remove(path); }
};

}  // namespace

TEST_CASE("signatures match viem byte for byte and recover the signer") {
  for (const auto& v : vectors("eth_vectors.json")["signatures"]) {
    private_key key = private_key::from_hex(v["key"].get<std::string>());
    CHECK(key.get_address().to_checksum_hex() == v["address"]);
    hash32 digest = hash32_from_hex(v["digest"].get<std::string>());
    signature sig = key.sign(digest);
    CHECK(to_hex(sig.to_rsv()) == v["signature"]);
    signature parsed = signature::from_rsv(from_hex(v["signature"].get<std::string>()));
    CHECK(recover_signer(digest, parsed) == key.get_address());
  }
}

TEST_CASE("recovery rejects malleable and malformed signatures") {
  private_key key = private_key::from_hex(anvil_key0);
  hash32 digest{};
  digest[0] = 1;
  signature sig = key.sign(digest);
  // s' = n - s with the other parity recovers the same key, but is the high-s twin.
  const u256 n("0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141");
  signature high = sig;
  high.s = to_be32(n - from_be(sig.s));
  high.y_parity ^= 1;
  CHECK_THROWS_WITH_AS(recover_signer(digest, high), doctest::Contains("upper half"), error);
  bytes rsv = sig.to_rsv();
  rsv[64] = 29;
  CHECK_THROWS_WITH_AS(signature::from_rsv(rsv), doctest::Contains("v must be 27 or 28, got 29"), error);
  CHECK_THROWS_WITH_AS(signature::from_rsv(bytes(64, 0)), doctest::Contains("expected 65 bytes"), error);
  signature zero;
  CHECK_THROWS_AS(recover_signer(digest, zero), error);
  signature other = sig;
  other.y_parity ^= 1;
  CHECK(recover_signer(digest, other) != key.get_address());  // wrong parity: a different key
}

TEST_CASE("private keys load from hex and files with errors that never quote the key") {
  CHECK(private_key::from_hex("  " + anvil_key0.substr(2) + "\n").get_address().to_checksum_hex() ==
        "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
  std::string bad = anvil_key0;
  bad[10] = 'g';
  try {
    private_key::from_hex(bad);
    FAIL("accepted a non-hex key");
  } catch (const error& e) {
    CHECK(std::string(e.what()).find("non-hex character at position 8") != std::string::npos);
    CHECK(std::string(e.what()).find(bad.substr(2, 12)) == std::string::npos);
  }
  CHECK_THROWS_WITH_AS(private_key::from_hex("0x1234"), doctest::Contains("expected 64 hex digits, got 4"), error);
  CHECK_THROWS_WITH_AS(private_key::from_hex(std::string(64, '0')), doctest::Contains("not a valid secp256k1 key"), error);
  CHECK_THROWS_WITH_AS(private_key::from_hex(std::string(64, 'f')), doctest::Contains("not a valid secp256k1 key"), error);

  temp_file good(anvil_key0 + "\n");
  CHECK(private_key::from_file(good.path).get_address().to_checksum_hex() == "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
  temp_file garbage("{\"crypto\": {}}");
  std::string expected = "key file " + garbage.path.string() + ": private key: expected 64 hex digits";
  CHECK_THROWS_WITH_AS(private_key::from_file(garbage.path), doctest::Contains(expected.c_str()), error);
  CHECK_THROWS_WITH_AS(private_key::from_file("/nonexistent/key"), doctest::Contains("does not exist"), error);
}

TEST_CASE("a moved-from key keeps working in its new home") {
  private_key a = private_key::from_hex(anvil_key0);
  private_key b = std::move(a);
  hash32 digest{};
  CHECK(recover_signer(digest, b.sign(digest)) == b.get_address());
}
