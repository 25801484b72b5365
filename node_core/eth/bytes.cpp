// Hex encoding/decoding and EIP-55 checksummed addresses.
#include "eth/bytes.hpp"

#include <algorithm>

#include "eth/keccak.hpp"

namespace automator::eth {
namespace {

constexpr char digits[] = "0123456789abcdef";

int nibble(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string_view strip_0x(std::string_view hex) {
  if (hex.size() >= 2 && hex[0] == '0' && (hex[1] == 'x' || hex[1] == 'X')) hex.remove_prefix(2);
  return hex;
}

// Quotes input in error messages, shortened so a huge blob does not flood the log.
std::string quote(std::string_view s) {
  constexpr size_t max = 80;
  if (s.size() <= max) return "\"" + std::string(s) + "\"";
  return "\"" + std::string(s.substr(0, max)) + "...\" (" + std::to_string(s.size()) + " chars)";
}

}  // namespace

std::string to_hex(const uint8_t* data, size_t size) {
  std::string out(2 + 2 * size, '0');
  out[1] = 'x';
  for (size_t i = 0; i < size; ++i) {
    out[2 + 2 * i] = digits[data[i] >> 4];
    out[3 + 2 * i] = digits[data[i] & 15];
  }
  return out;
}

bytes from_hex(std::string_view hex) {
  std::string_view d = strip_0x(hex);
  if (d.size() % 2 != 0) throw error("hex: odd number of digits in " + quote(hex));
  bytes out(d.size() / 2);
  for (size_t i = 0; i < out.size(); ++i) {
    int hi = nibble(d[2 * i]), lo = nibble(d[2 * i + 1]);
    if (hi < 0 || lo < 0) {
      char bad = hi < 0 ? d[2 * i] : d[2 * i + 1];
      throw error(std::string("hex: invalid character '") + bad + "' in " + quote(hex));
    }
    out[i] = uint8_t(hi << 4 | lo);
  }
  return out;
}

hash32 hash32_from_hex(std::string_view hex) {
  bytes b = from_hex(hex);
  if (b.size() != 32)
    throw error("hex: expected 32 bytes, got " + std::to_string(b.size()) + " in " + quote(hex));
  hash32 h;
  std::copy(b.begin(), b.end(), h.begin());
  return h;
}

address address::from_hex(std::string_view hex) {
  std::string_view d = strip_0x(hex);
  if (d.size() != 40)
    throw error("address: expected 40 hex digits, got " + std::to_string(d.size()) + " in " + quote(hex));
  bytes b = eth::from_hex(d);
  address a;
  std::copy(b.begin(), b.end(), a.data.begin());
  bool has_lower = std::any_of(d.begin(), d.end(), [](char c) { return c >= 'a' && c <= 'f'; });
  bool has_upper = std::any_of(d.begin(), d.end(), [](char c) { return c >= 'A' && c <= 'F'; });
  if (has_lower && has_upper && a.to_checksum_hex().substr(2) != d)
    throw error("address: bad EIP-55 checksum in " + quote(hex) + " (expected " + a.to_checksum_hex() + ")");
  return a;
}

address address::from_word(const hash32& word) {
  if (std::any_of(word.begin(), word.begin() + 12, [](uint8_t b) { return b != 0; }))
    throw error("address: 32-byte word " + eth::to_hex(word) + " has nonzero upper 12 bytes");
  address a;
  std::copy(word.begin() + 12, word.end(), a.data.begin());
  return a;
}

std::string address::to_hex() const { return eth::to_hex(data); }

std::string address::to_checksum_hex() const {
  std::string hex = to_hex();
  hash32 h = keccak256(std::string_view(hex).substr(2));
  for (size_t i = 0; i < 40; ++i) {
    char& c = hex[2 + i];
    uint8_t n = i % 2 == 0 ? h[i / 2] >> 4 : h[i / 2] & 15;
    if (c >= 'a' && n >= 8) c = char(c - 'a' + 'A');
  }
  return hex;
}

bool address::is_zero() const {
  return std::all_of(data.begin(), data.end(), [](uint8_t b) { return b == 0; });
}

}  // namespace automator::eth
