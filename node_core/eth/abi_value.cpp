// Accessors and printing of abi::value.
#include <algorithm>

#include "eth/abi.hpp"

namespace automator::eth::abi {
namespace {

const char* kind_name(const value::variant& v) {
  static const char* names[] = {"uint", "bool", "address", "bytes", "string", "list"};
  return names[v.index()];
}

template <typename T>
const T& expect(const value::variant& v, const char* wanted) {
  if (auto p = std::get_if<T>(&v)) return *p;
  throw error(std::string("abi: expected ") + wanted + ", got " + kind_name(v));
}

}  // namespace

const u256& value::as_uint() const { return expect<u256>(v_, "uint"); }
uint64_t value::as_u64() const { return to_u64(as_uint(), "abi value"); }
bool value::as_bool() const { return expect<bool>(v_, "bool"); }
const address& value::as_address() const { return expect<address>(v_, "address"); }
const bytes& value::as_bytes() const { return expect<bytes>(v_, "bytes"); }
const std::string& value::as_string() const { return expect<std::string>(v_, "string"); }
const value::list& value::as_list() const { return expect<list>(v_, "list"); }

hash32 value::as_hash32() const {
  const bytes& b = as_bytes();
  if (b.size() != 32) throw error("abi: expected bytes32, got " + std::to_string(b.size()) + " bytes");
  hash32 h;
  std::copy(b.begin(), b.end(), h.begin());
  return h;
}

std::string value::to_string() const {
  struct printer {
    std::string operator()(const u256& x) const { return x.str(); }
    std::string operator()(bool x) const { return x ? "true" : "false"; }
    std::string operator()(const address& x) const { return x.to_checksum_hex(); }
    std::string operator()(const bytes& x) const { return to_hex(x); }
    std::string operator()(const std::string& x) const { return "\"" + x + "\""; }
    std::string operator()(const list& x) const {
      std::string s = "[";
      for (size_t i = 0; i < x.size(); ++i) s += (i ? "," : "") + x[i].to_string();
      return s + "]";
    }
  };
  return std::visit(printer{}, v_);
}

u256 from_int(int64_t v) {
  if (v >= 0) return u256(uint64_t(v));
  // Two's complement of |v| in 256 bits; -(v+1) avoids overflow at INT64_MIN.
  return ~u256(uint64_t(-(v + 1)));
}

}  // namespace automator::eth::abi
