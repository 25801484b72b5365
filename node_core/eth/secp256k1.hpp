// secp256k1 keys, recoverable ECDSA signatures over 32-byte digests, and signer recovery.
// Uses libsecp256k1 with one process-wide context (created once, safe to share across threads
// for signing and verification). Signatures are RFC 6979 deterministic and always low-s.
#pragma once

#include <filesystem>

#include "eth/bytes.hpp"

namespace automator::eth {

/// A recoverable ECDSA signature. `y_parity` is 0 or 1 (the EIP-1559 transaction form);
/// the 65-byte r||s||v form used by EIP-712 / ecrecover has v = 27 + y_parity.
struct signature {
  hash32 r{};
  hash32 s{};
  uint8_t y_parity = 0;

  /// r || s || v with v = 27/28.
  bytes to_rsv() const;
  /// Parses 65 bytes r || s || v; v must be 27 or 28 (what the contract's ECDSA accepts).
  /// Throws eth::error for a wrong length or a bad v.
  static signature from_rsv(const uint8_t* data, size_t size);
  static signature from_rsv(const bytes& b) { return from_rsv(b.data(), b.size()); }
};

/// A secp256k1 private key. Its bytes never leave this object except to libsecp256k1: there
/// is no accessor, no stream operator, and error messages never quote key material. The
/// memory is wiped on destruction. Move-only.
class private_key {
public:
  /// Parses 32 bytes of hex ("0x" optional, surrounding whitespace ignored); throws eth::error
  /// if it is not 64 hex digits or not a valid key (zero or >= the curve order).
  static private_key from_hex(std::string_view hex);
  /// Reads a file holding the hex key (e.g. as written by `cast wallet new`'s private key
  /// output, one line). The file must be readable by its owner only (chmod 600): one that
  /// group or others may read is refused. Throws eth::error naming the file and the problem
  /// (missing, readable by others, unreadable, malformed) but never its content. Encrypted
  /// keystores: eth/keystore.hpp.
  static private_key from_file(const std::filesystem::path& file);

  private_key(private_key&& other) noexcept;
  private_key& operator=(private_key&& other) noexcept;
  private_key(const private_key&) = delete;
  private_key& operator=(const private_key&) = delete;
  ~private_key();

  /// The account address: last 20 bytes of keccak256(uncompressed public key without 0x04).
  const address& get_address() const { return address_; }

  /// Signs a 32-byte digest as is (no prefix, no extra hashing).
  signature sign(const hash32& digest) const;

private:
  explicit private_key(const hash32& secret);
  hash32 secret_{};
  address address_{};
};

/// The address that signed `digest`. Throws eth::error for an invalid signature, a high-s
/// signature (malleable; rejected like OpenZeppelin ECDSA does) or an unrecoverable key.
address recover_signer(const hash32& digest, const signature& sig);

}  // namespace automator::eth
