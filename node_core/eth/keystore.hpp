// Web3 Secret Storage v3 keystores (the encrypted key files of geth, ethers, Foundry's
// `cast wallet` and the proxy's proxy/src/keystore.js): scrypt or pbkdf2-hmac-sha256 key
// derivation, aes-128-ctr, and a keccak-256 MAC checked before decrypting. OpenSSL does the
// cryptography.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "eth/secp256k1.hpp"

namespace automator::eth {

/// Environment variables that give a keystore's password when no password file is configured,
/// the names the proxy reads: a file holding it, or the password itself.
inline constexpr const char* keystore_password_file_env = "AUTOMATOR_KEYSTORE_PASSWORD_FILE";
inline constexpr const char* keystore_password_env = "AUTOMATOR_KEYSTORE_PASSWORD";

/// Decrypts a keystore given as JSON text with `password` (its UTF-8 bytes as given: an
/// ASCII password is its own NFKC form; other passwords must already be NFKC-normalized, as
/// wallets store them). Throws eth::error ("keystore: wrong password (MAC mismatch)", "keystore:
/// kdf ... is not supported", ...) that never quotes the password or key material. Key
/// derivation costs are bounded (scrypt n <= 2^20 and at most 1 GiB, pbkdf2 c <= 10^7) so a
/// hostile file cannot make the node run out of memory or spin for hours.
private_key decrypt_keystore(std::string_view json_text, std::string_view password);

/// Reads and decrypts the keystore `file`. The password is the content of `password_file`
/// (one line ending dropped) or, if that is empty, of the file named by
/// $AUTOMATOR_KEYSTORE_PASSWORD_FILE, else $AUTOMATOR_KEYSTORE_PASSWORD. The keystore and the
/// password file must be readable by their owner only (chmod 600). Throws eth::error naming the
/// file and the problem.
private_key load_keystore(const std::filesystem::path& file, const std::filesystem::path& password_file = {});

}  // namespace automator::eth
