// secp256k1 signing and recovery over libsecp256k1 with one shared, randomized context.
#include "eth/secp256k1.hpp"

#include <secp256k1.h>
#include <secp256k1_recovery.h>

#include <algorithm>
#include <cctype>
#include <random>

#include "eth/keccak.hpp"
#include "eth/secret_file.hpp"

namespace automator::eth {
namespace {

// Created once; libsecp256k1 contexts are safe to share across threads once set up.
const secp256k1_context* context() {
  static const secp256k1_context* ctx = [] {
    secp256k1_context* c = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
    std::array<unsigned char, 32> seed;
    std::random_device rd;
    for (auto& b : seed) b = static_cast<unsigned char>(rd());
    // Blinding against side channels.
    if (!secp256k1_context_randomize(c, seed.data())) throw error("secp256k1: context randomization failed");
    return c;
  }();
  return ctx;
}

address address_of(const secp256k1_pubkey& pub) {
  unsigned char out[65];
  size_t len = sizeof out;
  secp256k1_ec_pubkey_serialize(context(), out, &len, &pub, SECP256K1_EC_UNCOMPRESSED);
  hash32 h = keccak256(out + 1, 64);
  address a;
  std::copy(h.begin() + 12, h.end(), a.data.begin());
  return a;
}

void wipe(hash32& h) {
  volatile uint8_t* p = h.data();
  for (size_t i = 0; i < h.size(); ++i) p[i] = 0;
}

int hex_nibble(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

bytes signature::to_rsv() const {
  bytes out(r.begin(), r.end());
  out.insert(out.end(), s.begin(), s.end());
  out.push_back(uint8_t(27 + y_parity));
  return out;
}

signature signature::from_rsv(const uint8_t* data, size_t size) {
  if (size != 65) throw error("signature: expected 65 bytes r||s||v, got " + std::to_string(size));
  uint8_t v = data[64];
  if (v != 27 && v != 28) throw error("signature: v must be 27 or 28, got " + std::to_string(v));
  signature sig;
  std::copy(data, data + 32, sig.r.begin());
  std::copy(data + 32, data + 64, sig.s.begin());
  sig.y_parity = uint8_t(v - 27);
  return sig;
}

private_key::private_key(const hash32& secret) : secret_(secret) {
  if (!secp256k1_ec_seckey_verify(context(), secret_.data())) {
    wipe(secret_);
    throw error("private key: not a valid secp256k1 key (zero or not below the curve order)");
  }
  secp256k1_pubkey pub;
  if (!secp256k1_ec_pubkey_create(context(), &pub, secret_.data())) {
    wipe(secret_);
    throw error("private key: cannot derive the public key");
  }
  address_ = address_of(pub);
}

private_key private_key::from_hex(std::string_view hex) {
  while (!hex.empty() && std::isspace(static_cast<unsigned char>(hex.front()))) hex.remove_prefix(1);
  while (!hex.empty() && std::isspace(static_cast<unsigned char>(hex.back()))) hex.remove_suffix(1);
  if (hex.size() >= 2 && hex[0] == '0' && (hex[1] == 'x' || hex[1] == 'X')) hex.remove_prefix(2);
  // Parsed by hand: eth::from_hex quotes its input in errors, and a key must never be quoted.
  if (hex.size() != 64)
    throw error("private key: expected 64 hex digits, got " + std::to_string(hex.size()) + " characters");
  hash32 secret;
  for (size_t i = 0; i < 32; ++i) {
    int hi = hex_nibble(hex[2 * i]), lo = hex_nibble(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) {
      wipe(secret);
      throw error("private key: non-hex character at position " + std::to_string(2 * i + (hi < 0 ? 0 : 1)));
    }
    secret[i] = uint8_t(hi << 4 | lo);
  }
  private_key key(secret);
  wipe(secret);
  return key;
}

private_key private_key::from_file(const std::filesystem::path& file) {
  std::string text = read_owner_only(file, "key file");
  try {
    private_key key = from_hex(text);
    wipe(text);
    return key;
  } catch (const error& e) {
    wipe(text);
    throw error("key file " + file.string() + ": " + e.what());
  }
}

private_key::private_key(private_key&& other) noexcept : secret_(other.secret_), address_(other.address_) {
  wipe(other.secret_);
}

private_key& private_key::operator=(private_key&& other) noexcept {
  if (this != &other) {
    secret_ = other.secret_;
    address_ = other.address_;
    wipe(other.secret_);
  }
  return *this;
}

private_key::~private_key() { wipe(secret_); }

signature private_key::sign(const hash32& digest) const {
  secp256k1_ecdsa_recoverable_signature rs;
  // nonce function NULL: RFC 6979 deterministic nonces; libsecp256k1 always yields low-s.
  if (!secp256k1_ecdsa_sign_recoverable(context(), &rs, digest.data(), secret_.data(), nullptr, nullptr))
    throw error("secp256k1: signing failed");
  unsigned char compact[64];
  int recid = 0;
  secp256k1_ecdsa_recoverable_signature_serialize_compact(context(), compact, &recid, &rs);
  signature sig;
  std::copy(compact, compact + 32, sig.r.begin());
  std::copy(compact + 32, compact + 64, sig.s.begin());
  sig.y_parity = uint8_t(recid);
  return sig;
}

address recover_signer(const hash32& digest, const signature& sig) {
  if (sig.y_parity > 1) throw error("signature: y parity must be 0 or 1, got " + std::to_string(sig.y_parity));
  unsigned char compact[64];
  std::copy(sig.r.begin(), sig.r.end(), compact);
  std::copy(sig.s.begin(), sig.s.end(), compact + 32);
  secp256k1_ecdsa_recoverable_signature rs;
  if (!secp256k1_ecdsa_recoverable_signature_parse_compact(context(), &rs, compact, sig.y_parity))
    throw error("signature: r or s is not below the curve order");
  secp256k1_ecdsa_signature plain, normalized;
  secp256k1_ecdsa_recoverable_signature_convert(context(), &plain, &rs);
  if (secp256k1_ecdsa_signature_normalize(context(), &normalized, &plain))
    throw error("signature: s is in the upper half of the curve order (malleable signature)");
  secp256k1_pubkey pub;
  if (!secp256k1_ecdsa_recover(context(), &pub, &rs, digest.data()))
    throw error("signature: no public key recovers from this signature and digest");
  return address_of(pub);
}

}  // namespace automator::eth
