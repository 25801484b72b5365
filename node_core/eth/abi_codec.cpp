// abi.encode / abi.decode: head-tail encoding of tuples, arrays and dynamic values.
#include <algorithm>

#include "eth/abi.hpp"

namespace automator::eth::abi {
namespace {

using kind = type::kind;

void append_word(bytes& out, const u256& v) {
  hash32 w = to_be32(v);
  out.insert(out.end(), w.begin(), w.end());
}

void append_padded(bytes& out, const bytes& data) {
  out.insert(out.end(), data.begin(), data.end());
  out.resize(out.size() + (32 - data.size() % 32) % 32, 0);
}

// Whether a 256-bit two's complement word is a valid int<bits>.
bool fits_signed(const u256& v, unsigned bits) {
  if (bits == 256) return true;
  u256 half = u256(1) << (bits - 1);
  return v < half || v >= ~u256(0) - half + 1;
}

u256 max_uint(unsigned bits) { return bits == 256 ? ~u256(0) : (u256(1) << bits) - 1; }

std::string where(const std::string& path, const type& t) { return "at " + path + " (" + t.canonical() + ")"; }

bytes encode_tuple(const std::vector<type>& types, const value::list& values, const std::string& path);

// Runs `f`, turning an error into one that names the position and the type.
template <typename F>
auto located(const type& t, const std::string& path, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const error& e) {
    std::string msg = e.what();
    if (msg.rfind("abi: ", 0) == 0) msg.erase(0, 5);
    throw error("abi: " + where(path, t) + ": " + msg);
  }
}

bytes encode_leaf(const type& t, const value& v) {
  bytes out;
  switch (t.k) {
    case kind::uint_t:
      if (v.as_uint() > max_uint(t.size)) throw error("value " + v.as_uint().str() + " does not fit");
      append_word(out, v.as_uint());
      break;
    case kind::int_t:
      if (!fits_signed(v.as_uint(), t.size)) throw error("two's complement word does not fit");
      append_word(out, v.as_uint());
      break;
    case kind::address_t:
      out.assign(12, 0);
      out.insert(out.end(), v.as_address().data.begin(), v.as_address().data.end());
      break;
    case kind::bool_t: append_word(out, v.as_bool() ? 1 : 0); break;
    case kind::fixed_bytes_t:
      if (v.as_bytes().size() != t.size)
        throw error("needs " + std::to_string(t.size) + " bytes, got " + std::to_string(v.as_bytes().size()));
      append_padded(out, v.as_bytes());
      break;
    case kind::bytes_t:
      append_word(out, v.as_bytes().size());
      append_padded(out, v.as_bytes());
      break;
    case kind::string_t: {
      const std::string& s = v.as_string();
      append_word(out, s.size());
      append_padded(out, bytes(s.begin(), s.end()));
      break;
    }
    default: throw error("not a leaf type");
  }
  return out;
}

bytes encode_one(const type& t, const value& v, const std::string& path) {
  if (t.k == kind::tuple_t)
    return encode_tuple(t.components, located(t, path, [&]() -> const value::list& { return v.as_list(); }), path);
  if (t.k != kind::array_t) return located(t, path, [&] { return encode_leaf(t, v); });
  const value::list& items = located(t, path, [&]() -> const value::list& {
    const value::list& l = v.as_list();
    if (t.size != 0 && l.size() != t.size)
      throw error("needs " + std::to_string(t.size) + " elements, got " + std::to_string(l.size()));
    return l;
  });
  bytes out;
  if (t.size == 0) append_word(out, items.size());
  bytes body = encode_tuple(std::vector<type>(items.size(), t.components[0]), items, path);
  out.insert(out.end(), body.begin(), body.end());
  return out;
}

bytes encode_tuple(const std::vector<type>& types, const value::list& values, const std::string& path) {
  if (types.size() != values.size())
    throw error("abi: " + (path.empty() ? std::string("arguments") : "at " + path) + ": " + std::to_string(types.size()) +
                " types but " + std::to_string(values.size()) + " values");
  std::vector<bytes> parts(types.size());
  size_t head_size = 0;
  for (size_t i = 0; i < types.size(); ++i) {
    parts[i] = encode_one(types[i], values[i], path + "[" + std::to_string(i) + "]");
    head_size += types[i].is_dynamic() ? 32 : parts[i].size();
  }
  bytes head, tail;
  for (size_t i = 0; i < types.size(); ++i) {
    if (types[i].is_dynamic()) {
      append_word(head, head_size + tail.size());
      tail.insert(tail.end(), parts[i].begin(), parts[i].end());
    } else {
      head.insert(head.end(), parts[i].begin(), parts[i].end());
    }
  }
  head.insert(head.end(), tail.begin(), tail.end());
  return head;
}

// Bytes a static type occupies in place.
size_t static_size(const type& t) {
  if (t.k == kind::array_t) return t.size * static_size(t.components[0]);
  if (t.k == kind::tuple_t) {
    size_t s = 0;
    for (const auto& c : t.components) s += static_size(c);
    return s;
  }
  return 32;
}

// A window [begin, end) of the input; offsets inside a tuple are relative to its start.
struct span {
  const uint8_t* begin;
  const uint8_t* end;
  size_t size() const { return size_t(end - begin); }
};

hash32 word_at(span s, size_t off, const std::string& path) {
  if (off > s.size() || s.size() - off < 32)
    throw error("abi: data too short at " + path + " (needs 32 bytes at offset " + std::to_string(off) + ", has " +
                std::to_string(s.size()) + ")");
  hash32 w;
  std::copy(s.begin + off, s.begin + off + 32, w.begin());
  return w;
}

size_t size_word(span s, size_t off, const std::string& path, const char* what) {
  u256 v = from_be(word_at(s, off, path));
  if (v > s.size()) throw error("abi: " + std::string(what) + " " + v.str() + " at " + path + " exceeds the data size " + std::to_string(s.size()));
  return size_t(v);
}

// Decoded bytes left. An honest encoding reads each of its words once (a static value, an
// offset, a length or a bytes/string tail), so its reads add up to its size. Offsets that point
// many heads at the same data re-read it: N offsets to one value of L bytes decode N * L bytes,
// a decoding bomb (a 512 KiB bytes[] would decode to 2 GiB). Every read is charged here, and
// every array element 1 byte more (empty tuples have no words), against twice the input size.
struct budget {
  size_t left;
  void spend(size_t n, const std::string& path) {
    if (n > left)
      throw error("abi: data at " + (path.empty() ? std::string("the top level") : path) +
                  " decodes to more than twice its size (overlapping offsets)");
    left -= n;
  }
};

value::list decode_tuple(const std::vector<type>& types, span s, const std::string& path, budget& left);

// A bytes/string value: length word, then the data zero-padded to a multiple of 32 bytes.
bytes decode_bytes(span s, const std::string& path, budget& left) {
  size_t len = size_word(s, 0, path, "length");
  size_t padded = (len + 31) / 32 * 32;
  if (s.size() - 32 < padded)
    throw error("abi: data too short for " + std::to_string(len) + " bytes and their padding at " + path);
  left.spend(32 + padded, path);
  const uint8_t* p = s.begin + 32;
  if (std::any_of(p + len, p + padded, [](uint8_t b) { return b != 0; }))
    throw error("abi: nonzero padding after the " + std::to_string(len) + " bytes at " + path);
  return bytes(p, p + len);
}

value decode_one(const type& t, span s, const std::string& path, budget& left) {
  switch (t.k) {
    case kind::uint_t: {
      u256 v = from_be(word_at(s, 0, path));
      if (v > max_uint(t.size)) throw error("abi: " + where(path, t) + ": value " + v.str() + " does not fit");
      return v;
    }
    case kind::int_t: {
      u256 v = from_be(word_at(s, 0, path));
      if (!fits_signed(v, t.size)) throw error("abi: " + where(path, t) + ": word is not sign-extended");
      return v;
    }
    case kind::address_t: {
      try {
        return address::from_word(word_at(s, 0, path));
      } catch (const error& e) {
        throw error("abi: " + where(path, t) + ": " + e.what());
      }
    }
    case kind::bool_t: {
      u256 v = from_be(word_at(s, 0, path));
      if (v > 1) throw error("abi: " + where(path, t) + ": value " + v.str() + " is not 0 or 1");
      return v == 1;
    }
    case kind::fixed_bytes_t: {
      hash32 w = word_at(s, 0, path);
      if (std::any_of(w.begin() + t.size, w.end(), [](uint8_t b) { return b != 0; }))
        throw error("abi: " + where(path, t) + ": nonzero padding");
      return bytes(w.begin(), w.begin() + t.size);
    }
    case kind::bytes_t: return decode_bytes(s, path, left);
    case kind::string_t: {
      bytes b = decode_bytes(s, path, left);
      return std::string(b.begin(), b.end());
    }
    case kind::array_t: {
      const type& elem = t.components[0];
      size_t n = t.size;
      span body = s;
      if (n == 0) {
        n = size_word(s, 0, path, "array length");
        left.spend(32, path);
        body.begin += 32;
      }
      // Every element takes at least 32 bytes of head: a bound on n before allocating.
      size_t elem_head = elem.is_dynamic() ? 32 : static_size(elem);
      if (elem_head != 0 && n > body.size() / elem_head)
        throw error("abi: " + where(path, t) + ": " + std::to_string(n) + " elements do not fit the data");
      left.spend(n, path);
      return decode_tuple(std::vector<type>(n, elem), body, path, left);
    }
    case kind::tuple_t: return decode_tuple(t.components, s, path, left);
  }
  throw error("abi: unknown type kind at " + path);
}

value::list decode_tuple(const std::vector<type>& types, span s, const std::string& path, budget& left) {
  value::list out;
  out.reserve(types.size());
  size_t head = 0;
  for (size_t i = 0; i < types.size(); ++i) {
    std::string p = path + "[" + std::to_string(i) + "]";
    if (types[i].is_dynamic()) {
      size_t off = size_word(s, head, p, "offset");
      left.spend(32, p);
      out.push_back(decode_one(types[i], span{s.begin + off, s.end}, p, left));
      head += 32;
    } else {
      if (head > s.size()) throw error("abi: data too short at " + p);
      out.push_back(decode_one(types[i], span{s.begin + head, s.end}, p, left));
      head += static_size(types[i]);
    }
    if (types[i].k != kind::array_t && types[i].k != kind::tuple_t && !types[i].is_dynamic()) left.spend(32, p);
  }
  return out;
}

}  // namespace

bytes encode(const std::vector<type>& types, const value::list& values) { return encode_tuple(types, values, ""); }

bytes encode(std::string_view types, const value::list& values) { return encode(parse_types(types), values); }

value::list decode(const std::vector<type>& types, const uint8_t* data, size_t size) {
  budget left{2 * size};
  return decode_tuple(types, span{data, data + size}, "", left);
}

value::list decode(std::string_view types, const bytes& data) {
  return decode(parse_types(types), data.data(), data.size());
}

}  // namespace automator::eth::abi
