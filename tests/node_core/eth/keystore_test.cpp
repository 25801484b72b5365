// Key files and encrypted keystores: a key file that group or others can read is refused with
// the fix (chmod 600); Web3 Secret Storage v3 keystores written by the proxy's code (scrypt),
// by node's crypto (pbkdf2) and the definition's own test vector decrypt to the right account
// (tests/vectors/keystore_vectors.json, generate_keystore_vectors.mjs); wrong passwords,
// tampered files and absurd key-derivation costs are errors that never quote a secret.
#include <doctest/doctest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "eth/keystore.hpp"
#include "vectors.hpp"

using namespace automator::eth;
using automator::eth::test::vectors;
namespace fs = std::filesystem;

namespace {

const std::string anvil_key0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const std::string anvil_address0 = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

// A file with the given mode in the temporary directory, removed when the test ends.
struct secret_file {
  fs::path path;
  secret_file(const std::string& name, const std::string& content, fs::perms mode = fs::perms::owner_read |
                                                                                      fs::perms::owner_write) {
    path = fs::temp_directory_path() / ("keystore-test-" + std::to_string(::getpid()) + "-" + name);
    std::ofstream(path) << content;
    fs::permissions(path, mode);
  }
  ~secret_file() { fs::remove(path); }
};

const fs::perms world_readable = fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                                 fs::perms::others_read;

const nlohmann::json& proxy_keystore() { return vectors("keystore_vectors.json")["keystores"][0]; }

std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const error& e) {
    return e.what();
  }
  FAIL("no error");
  return "";
}

}  // namespace

TEST_CASE("a key file that group or others may read is refused, naming the file and the fix") {
  secret_file open_key("open.key", anvil_key0 + "\n", world_readable);
  std::string m = message_of([&] { private_key::from_file(open_key.path); });
  CHECK(m.find("key file " + open_key.path.string() + " has mode 0644") != std::string::npos);
  CHECK(m.find("chmod 600 " + open_key.path.string()) != std::string::npos);
  CHECK(m.find(anvil_key0.substr(2, 10)) == std::string::npos);
  secret_file group_write("group.key", anvil_key0, fs::perms::owner_read | fs::perms::group_write);
  CHECK_THROWS_WITH_AS(private_key::from_file(group_write.path), doctest::Contains("has mode 0420"), error);
  secret_file owner_only("owner.key", anvil_key0 + "\n", fs::perms::owner_read);
  CHECK(private_key::from_file(owner_only.path).get_address().to_checksum_hex() == anvil_address0);
  CHECK_THROWS_WITH_AS(private_key::from_file(fs::temp_directory_path()), doctest::Contains("not a regular file"), error);
}

TEST_CASE("keystores from the proxy, node crypto and the Web3 Secret Storage definition decrypt") {
  for (const auto& v : vectors("keystore_vectors.json")["keystores"]) {
    std::string name = v["name"];
    CAPTURE(name);
    const std::string text = v["keystore"].dump();
    CHECK(decrypt_keystore(text, v["password"].get<std::string>()).get_address().to_checksum_hex() == v["address"]);
    std::string m = message_of([&] { decrypt_keystore(text, "not the password"); });
    CHECK(m == "keystore: wrong password (MAC mismatch)");
  }
}

TEST_CASE("a keystore file loads with its password from a file or the environment") {
  const auto& v = proxy_keystore();
  secret_file keystore("ks.json", v["keystore"].dump());
  secret_file password("pw", v["password"].get<std::string>() + "\n");
  CHECK(load_keystore(keystore.path, password.path).get_address().to_checksum_hex() == anvil_address0);

  ::unsetenv(keystore_password_file_env);
  ::unsetenv(keystore_password_env);
  std::string m = message_of([&] { load_keystore(keystore.path); });
  CHECK(m.find("keystore " + keystore.path.string() + ": needs a password") != std::string::npos);
  ::setenv(keystore_password_env, v["password"].get<std::string>().c_str(), 1);
  CHECK(load_keystore(keystore.path).get_address().to_checksum_hex() == anvil_address0);
  ::setenv(keystore_password_env, "wrong", 1);
  ::setenv(keystore_password_file_env, password.path.c_str(), 1);  // the file wins
  CHECK(load_keystore(keystore.path).get_address().to_checksum_hex() == anvil_address0);
  ::unsetenv(keystore_password_file_env);
  m = message_of([&] { load_keystore(keystore.path); });
  CHECK(m == "keystore " + keystore.path.string() + ": wrong password (MAC mismatch)");
  ::unsetenv(keystore_password_env);

  secret_file open_password("open-pw", "x", world_readable);
  CHECK_THROWS_WITH_AS(load_keystore(keystore.path, open_password.path), doctest::Contains("chmod 600"), error);
  secret_file open_keystore("open.json", v["keystore"].dump(), world_readable);
  CHECK_THROWS_WITH_AS(load_keystore(open_keystore.path, password.path), doctest::Contains("has mode 0644"), error);
}

TEST_CASE("tampered keystores and absurd costs are refused") {
  const auto& v = proxy_keystore();
  const std::string password = v["password"];
  auto with = [&](const std::function<void(nlohmann::json&)>& edit) {
    nlohmann::json k = v["keystore"];
    edit(k);
    return message_of([&] { decrypt_keystore(k.dump(), password); });
  };
  CHECK(with([](auto& k) { k["crypto"]["ciphertext"] = std::string(64, '0'); }) ==
        "keystore: wrong password (MAC mismatch)");
  CHECK(with([](auto& k) { k["version"] = 1; }) == "keystore: not a version 3 keystore");
  CHECK(with([](auto& k) { k["crypto"]["cipher"] = "aes-128-cbc"; }).find("aes-128-ctr only") != std::string::npos);
  CHECK(with([](auto& k) { k["crypto"]["kdf"] = "argon2"; }).find("kdf argon2 is not supported") != std::string::npos);
  CHECK(with([](auto& k) { k["crypto"]["kdfparams"]["n"] = 1u << 30; }).find("power of two up to 2^20") !=
        std::string::npos);
  CHECK(with([](auto& k) { k["crypto"]["kdfparams"]["n"] = 1000; }).find("power of two") != std::string::npos);
  CHECK(with([](auto& k) { k["crypto"]["kdfparams"]["r"] = 64; k["crypto"]["kdfparams"]["n"] = 1u << 20; })
            .find("exceed the supported cost") != std::string::npos);
  CHECK(with([](auto& k) { k["crypto"]["kdfparams"]["dklen"] = 16; }).find("dklen 16") != std::string::npos);
  CHECK(with([](auto& k) { k["crypto"]["cipherparams"]["iv"] = "zz"; }) == "keystore: cipherparams.iv is not valid hex");
  CHECK(with([](auto& k) { k["crypto"].erase("mac"); }) == "keystore: crypto.mac is missing");
  CHECK(message_of([] { decrypt_keystore("not json", "x"); }) == "keystore: not a JSON object");
  CHECK(message_of([] { decrypt_keystore(anvil_key0, "x"); }) == "keystore: not a JSON object");
}
