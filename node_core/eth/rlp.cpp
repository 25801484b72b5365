// RLP encoding and strict (canonical-only) decoding.
#include "eth/rlp.hpp"

namespace automator::eth::rlp {
namespace {

bytes header(uint8_t short_base, uint8_t long_base, size_t length) {
  if (length <= 55) return bytes{uint8_t(short_base + length)};
  bytes len = to_be_minimal(u256(length));
  bytes out{uint8_t(long_base + len.size())};
  out.insert(out.end(), len.begin(), len.end());
  return out;
}

struct reader {
  const uint8_t* data;
  size_t size;
  size_t pos = 0;
  size_t depth = 0;  // lists open around this reader's items
  size_t base = 0;   // offset of data in the whole input, for error messages

  void need(size_t n, const char* what) const {
    if (n > size - pos)
      throw error(std::string("rlp: truncated ") + what + " at offset " + std::to_string(base + pos) + " (needs " +
                  std::to_string(n) + " bytes, " + std::to_string(size - pos) + " left)");
  }

  size_t read_long_length(size_t len_of_len) {
    need(len_of_len, "length");
    if (data[pos] == 0) throw error("rlp: length with leading zero at offset " + std::to_string(base + pos));
    if (len_of_len > sizeof(size_t)) throw error("rlp: length field too large at offset " + std::to_string(base + pos));
    size_t len = 0;
    for (size_t i = 0; i < len_of_len; ++i) len = (len << 8) | data[pos + i];
    pos += len_of_len;
    if (len <= 55) throw error("rlp: long form used for a length of " + std::to_string(len));
    return len;
  }

  item next() {
    need(1, "item");
    size_t start = pos;
    uint8_t p = data[pos++];
    item it;
    if (p < 0x80) {
      it.data = {p};
      return it;
    }
    if (p < 0xc0) {
      size_t len = p <= 0xb7 ? size_t(p - 0x80) : read_long_length(p - 0xb7);
      need(len, "string");
      if (len == 1 && data[pos] < 0x80)
        throw error("rlp: single byte below 0x80 wrapped in a string header at offset " + std::to_string(base + start));
      it.data.assign(data + pos, data + pos + len);
      pos += len;
      return it;
    }
    size_t len = p <= 0xf7 ? size_t(p - 0xc0) : read_long_length(p - 0xf7);
    need(len, "list");
    if (depth == max_depth)
      throw error("rlp: lists nested deeper than " + std::to_string(max_depth) + " levels at offset " +
                  std::to_string(base + start));
    it.is_list = true;
    reader inner{data + pos, len, 0, depth + 1, base + pos};
    while (inner.pos < inner.size) it.items.push_back(inner.next());
    pos += len;
    return it;
  }
};

}  // namespace

bytes encode_bytes(const uint8_t* data, size_t size) {
  if (size == 1 && data[0] < 0x80) return bytes{data[0]};
  bytes out = header(0x80, 0xb7, size);
  out.insert(out.end(), data, data + size);
  return out;
}

bytes encode_uint(const u256& v) { return encode_bytes(to_be_minimal(v)); }

bytes encode_list(const std::vector<bytes>& encoded_items) {
  size_t total = 0;
  for (const auto& i : encoded_items) total += i.size();
  bytes out = header(0xc0, 0xf7, total);
  out.reserve(out.size() + total);
  for (const auto& i : encoded_items) out.insert(out.end(), i.begin(), i.end());
  return out;
}

item decode(const uint8_t* data, size_t size) {
  reader r{data, size};
  item it = r.next();
  if (r.pos != size)
    throw error("rlp: " + std::to_string(size - r.pos) + " trailing bytes after the item");
  return it;
}

u256 to_uint(const item& it) {
  if (it.is_list) throw error("rlp: expected an integer, got a list");
  if (!it.data.empty() && it.data[0] == 0) throw error("rlp: integer with leading zero byte");
  return from_be(it.data.data(), it.data.size());
}

}  // namespace automator::eth::rlp
