// Keystore v3 decryption (see keystore.hpp). The steps and checks follow the proxy's
// proxy/src/keystore.js, so a keystore one accepts the other accepts too.
#include "eth/keystore.hpp"

#include <openssl/evp.h>

#include <cstdlib>
#include <memory>

#include <nlohmann/json.hpp>

#include "eth/keccak.hpp"
#include "eth/secret_file.hpp"

namespace automator::eth {
namespace {

using nlohmann::json;

constexpr uint64_t max_scrypt_n = uint64_t(1) << 20;
constexpr uint64_t max_scrypt_memory = uint64_t(1) << 30;
constexpr uint64_t max_pbkdf2_rounds = 10'000'000;

[[noreturn]] void bad(const std::string& why) { throw error("keystore: " + why); }

// Zeroes a byte buffer that held key material when it goes out of scope.
struct wiped_bytes {
  bytes b;
  ~wiped_bytes() {
    volatile uint8_t* p = b.data();
    for (size_t i = 0; i < b.size(); ++i) p[i] = 0;
  }
};

const json& field(const json& object, const char* name, const char* where) {
  if (!object.is_object()) bad(std::string(where) + " is not an object");
  auto it = object.find(name);
  if (it == object.end()) bad(std::string(where) + "." + name + " is missing");
  return *it;
}

uint64_t number(const json& object, const char* name, const char* where) {
  const json& v = field(object, name, where);
  if (!v.is_number_unsigned()) bad(std::string(where) + "." + name + " is not a positive integer");
  return v.get<uint64_t>();
}

bytes hex_field(const json& object, const char* name, const char* where) {
  const json& v = field(object, name, where);
  if (!v.is_string()) bad(std::string(where) + "." + name + " is not a hex string");
  try {
    return from_hex(v.get<std::string>());
  } catch (const error&) {
    bad(std::string(where) + "." + name + " is not valid hex");  // never quote key material
  }
}

bytes derive_key(const json& crypto, std::string_view password) {
  const json& kdf = field(crypto, "kdf", "crypto");
  const json& params = field(crypto, "kdfparams", "crypto");
  bytes salt = hex_field(params, "salt", "kdfparams");
  uint64_t dklen = number(params, "dklen", "kdfparams");
  if (dklen < 32 || dklen > 64) bad("kdfparams.dklen " + std::to_string(dklen) + " is not in 32..64");
  bytes out(dklen);
  if (kdf == "scrypt") {
    uint64_t n = number(params, "n", "kdfparams"), r = number(params, "r", "kdfparams"),
             p = number(params, "p", "kdfparams");
    if (n < 2 || (n & (n - 1)) != 0 || n > max_scrypt_n)
      bad("scrypt n " + std::to_string(n) + " is not a power of two up to 2^20");
    if (r == 0 || p == 0 || r > 64 || p > 64 || 128 * r * n > max_scrypt_memory)
      bad("scrypt r " + std::to_string(r) + ", p " + std::to_string(p) + " exceed the supported cost (1 GiB)");
    if (EVP_PBE_scrypt(password.data(), password.size(), salt.data(), salt.size(), n, r, p,
                       128 * r * n + 128 * r * p + (1 << 20), out.data(), out.size()) != 1)
      bad("scrypt key derivation failed");
  } else if (kdf == "pbkdf2") {
    if (field(params, "prf", "kdfparams") != "hmac-sha256") bad("pbkdf2 prf must be hmac-sha256");
    uint64_t c = number(params, "c", "kdfparams");
    if (c == 0 || c > max_pbkdf2_rounds) bad("pbkdf2 c " + std::to_string(c) + " is not in 1..10^7");
    if (PKCS5_PBKDF2_HMAC(password.data(), int(password.size()), salt.data(), int(salt.size()), int(c), EVP_sha256(),
                          int(out.size()), out.data()) != 1)
      bad("pbkdf2 key derivation failed");
  } else {
    bad("kdf " + (kdf.is_string() ? kdf.get<std::string>() : std::string("?")) +
        " is not supported (scrypt or pbkdf2)");
  }
  return out;
}

// aes-128-ctr of `in` under key[0..16) and `iv`.
void aes_128_ctr(const uint8_t* key, const bytes& iv, const bytes& in, bytes& out) {
  std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  int n = 0, tail = 0;
  out.resize(in.size());
  if (!ctx || EVP_DecryptInit_ex(ctx.get(), EVP_aes_128_ctr(), nullptr, key, iv.data()) != 1 ||
      EVP_DecryptUpdate(ctx.get(), out.data(), &n, in.data(), int(in.size())) != 1 ||
      EVP_DecryptFinal_ex(ctx.get(), out.data() + n, &tail) != 1)
    bad("aes-128-ctr decryption failed");
}

}  // namespace

private_key decrypt_keystore(std::string_view json_text, std::string_view password) {
  json doc = json::parse(json_text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) bad("not a JSON object");
  auto version = doc.find("version");
  if (version == doc.end() || *version != 3) bad("not a version 3 keystore");
  const json& crypto = doc.contains("crypto") ? doc["crypto"] : field(doc, "Crypto", "keystore");
  if (field(crypto, "cipher", "crypto") != "aes-128-ctr") bad("cipher is not supported (aes-128-ctr only)");
  bytes iv = hex_field(field(crypto, "cipherparams", "crypto"), "iv", "cipherparams");
  if (iv.size() != 16) bad("cipherparams.iv must be 16 bytes, got " + std::to_string(iv.size()));
  bytes ciphertext = hex_field(crypto, "ciphertext", "crypto");
  if (ciphertext.size() != 32) bad("ciphertext must be 32 bytes, got " + std::to_string(ciphertext.size()));
  bytes expected_mac = hex_field(crypto, "mac", "crypto");

  wiped_bytes derived{derive_key(crypto, password)};
  bytes mac_input(derived.b.begin() + 16, derived.b.begin() + 32);
  mac_input.insert(mac_input.end(), ciphertext.begin(), ciphertext.end());
  hash32 mac = keccak256(mac_input);
  // Compared in full whatever differs first: no timing hint about the MAC.
  uint8_t diff = expected_mac.size() == mac.size() ? 0 : 1;
  for (size_t i = 0; i < mac.size() && i < expected_mac.size(); ++i) diff |= uint8_t(mac[i] ^ expected_mac[i]);
  if (diff != 0) bad("wrong password (MAC mismatch)");

  wiped_bytes secret;
  aes_128_ctr(derived.b.data(), iv, ciphertext, secret.b);
  std::string hex = to_hex(secret.b);
  try {
    private_key key = private_key::from_hex(hex);
    wipe(hex);
    return key;
  } catch (const error& e) {
    wipe(hex);
    bad(std::string("decrypted key is not usable: ") + e.what());
  }
}

namespace {

// A password file's content without its line ending (/\r?\n$/, as the proxy strips it).
std::string password_from_file(const std::filesystem::path& file, const std::string& what) {
  std::string text = read_owner_only(file, what);
  if (!text.empty() && text.back() == '\n') {
    text.pop_back();
    if (!text.empty() && text.back() == '\r') text.pop_back();
  }
  return text;
}

std::string keystore_password(const std::filesystem::path& password_file) {
  if (!password_file.empty()) return password_from_file(password_file, "keystore password file");
  if (const char* file = std::getenv(keystore_password_file_env); file && *file)
    return password_from_file(file, std::string("keystore password file ($") + keystore_password_file_env + ")");
  if (const char* password = std::getenv(keystore_password_env)) return password;
  throw error(std::string("needs a password: configure a password file (chmod 600), or set $") +
              keystore_password_file_env + " or $" + keystore_password_env);
}

}  // namespace

private_key load_keystore(const std::filesystem::path& file, const std::filesystem::path& password_file) {
  std::string text = read_owner_only(file, "keystore");
  std::string password;
  try {
    password = keystore_password(password_file);
    private_key key = decrypt_keystore(text, password);
    wipe(password);
    return key;
  } catch (const error& e) {
    wipe(password);
    std::string why = e.what();
    if (why.rfind("keystore: ", 0) == 0) why.erase(0, 10);
    throw error("keystore " + file.string() + ": " + why);
  }
}

}  // namespace automator::eth
