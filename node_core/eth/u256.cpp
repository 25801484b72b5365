// Conversions of 256-bit integers to and from bytes, decimal and hex text.
#include "eth/u256.hpp"

namespace automator::eth {
namespace {

std::string quote(std::string_view s) {
  return "\"" + std::string(s.substr(0, 100)) + (s.size() > 100 ? "...\"" : "\"");
}

}  // namespace

hash32 to_be32(const u256& v) {
  hash32 out{};
  if (v == 0) return out;
  uint8_t buf[32];
  uint8_t* end = boost::multiprecision::export_bits(v, buf, 8);  // most significant byte first
  size_t n = size_t(end - buf);
  std::copy(buf, end, out.begin() + long(32 - n));
  return out;
}

bytes to_be_minimal(const u256& v) {
  hash32 w = to_be32(v);
  size_t first = 0;
  while (first < 32 && w[first] == 0) ++first;
  return bytes(w.begin() + long(first), w.end());
}

u256 from_be(const uint8_t* data, size_t size) {
  if (size > 32) throw error("u256: " + std::to_string(size) + " bytes do not fit 256 bits");
  u256 v = 0;
  if (size > 0) boost::multiprecision::import_bits(v, data, data + size, 8);
  return v;
}

u256 parse_u256(std::string_view text) {
  bool hex = text.size() >= 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
  std::string_view d = hex ? text.substr(2) : text;
  if (d.empty()) throw error("integer: empty number " + quote(text));
  unsigned base = hex ? 16 : 10;
  // 512 bits of headroom so an overflow of 256 bits is detected, not wrapped.
  boost::multiprecision::uint512_t v = 0;
  for (char c : d) {
    unsigned n;
    if (c >= '0' && c <= '9') n = unsigned(c - '0');
    else if (hex && c >= 'a' && c <= 'f') n = unsigned(c - 'a' + 10);
    else if (hex && c >= 'A' && c <= 'F') n = unsigned(c - 'A' + 10);
    else throw error(std::string("integer: invalid ") + (hex ? "hex" : "decimal") + " digit '" + c + "' in " + quote(text));
    v = v * base + n;
    if (v > std::numeric_limits<u256>::max()) throw error("integer: " + quote(text) + " exceeds 2^256-1");
  }
  return u256(v);
}

uint64_t parse_u64(std::string_view text) {
  u256 v = parse_u256(text);
  if (v > std::numeric_limits<uint64_t>::max()) throw error("integer: " + quote(text) + " exceeds 2^64-1");
  return static_cast<uint64_t>(v);
}

std::string to_dec(const u256& v) { return v.str(); }

std::string to_quantity(const u256& v) {
  bytes b = to_be_minimal(v);
  std::string hex = to_hex(b);
  // Strip the one leading zero digit a byte may carry; QUANTITY has no leading zeros.
  if (hex.size() > 2 && hex[2] == '0') hex.erase(2, 1);
  return hex.size() == 2 ? "0x0" : hex;
}

uint64_t to_u64(const u256& v, std::string_view what) {
  if (v > std::numeric_limits<uint64_t>::max())
    throw error(std::string(what) + ": value " + v.str() + " exceeds 2^64-1");
  return static_cast<uint64_t>(v);
}

}  // namespace automator::eth
