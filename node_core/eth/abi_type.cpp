// Parsing and canonical spelling of ABI type strings.
#include "eth/abi.hpp"
#include "eth/abi_text.hpp"

namespace automator::eth::abi {
namespace {

using text::split_top_level;
using text::trim;

[[noreturn]] void bad(std::string_view text, const std::string& why) {
  throw error("abi: bad type \"" + std::string(text) + "\": " + why);
}

// Digits after a prefix like "uint"; -1 when there are none, -2 when they are not all digits.
long suffix_number(std::string_view s) {
  if (s.empty()) return -1;
  long n = 0;
  for (char c : s) {
    if (c < '0' || c > '9' || n > 100000) return -2;
    n = n * 10 + (c - '0');
  }
  return n;
}

type elementary(std::string_view name, std::string_view whole) {
  type t;
  auto sized_int = [&](std::string_view digits, type::kind k) {
    long bits = suffix_number(digits);
    if (bits == -1) bits = 256;
    if (bits < 8 || bits > 256 || bits % 8 != 0) bad(whole, "integer width must be 8..256 in steps of 8");
    t.k = k;
    t.size = unsigned(bits);
    return t;
  };
  auto simple = [&](type::kind k) {
    t.k = k;
    return t;
  };
  if (name.substr(0, 4) == "uint") return sized_int(name.substr(4), type::kind::uint_t);
  if (name.substr(0, 3) == "int") return sized_int(name.substr(3), type::kind::int_t);
  if (name == "address") return simple(type::kind::address_t);
  if (name == "bool") return simple(type::kind::bool_t);
  if (name == "string") return simple(type::kind::string_t);
  if (name == "bytes") return simple(type::kind::bytes_t);
  if (name.substr(0, 5) == "bytes") {
    long n = suffix_number(name.substr(5));
    if (n < 1 || n > 32) bad(whole, "bytes<N> needs 1 <= N <= 32");
    t.k = type::kind::fixed_bytes_t;
    t.size = unsigned(n);
    return t;
  }
  bad(whole, "unknown type name \"" + std::string(name) + "\"");
}

}  // namespace

type type::parse(std::string_view text) {
  std::string_view s = trim(text);
  if (s.empty()) bad(text, "empty");
  // Array suffixes bind last: peel "[k]" / "[]" off the end, innermost first in the string.
  if (s.back() == ']') {
    size_t open = s.rfind('[');
    if (open == std::string_view::npos) bad(text, "']' without '['");
    type arr;
    arr.k = kind::array_t;
    long n = suffix_number(s.substr(open + 1, s.size() - open - 2));
    if (n == -2 || n == 0) bad(text, "array length must be a positive number or empty");
    arr.size = n < 0 ? 0 : unsigned(n);
    arr.components.push_back(parse(s.substr(0, open)));
    return arr;
  }
  if (s.front() == '(') {
    if (s.back() != ')') bad(text, "tuple without closing ')'");
    type t;
    t.k = kind::tuple_t;
    t.components = parse_types(s.substr(1, s.size() - 2));
    return t;
  }
  return elementary(s, text);
}

std::vector<type> parse_types(std::string_view list) {
  std::vector<type> out;
  if (trim(list).empty()) return out;
  int depth = 0;
  for (char c : list) {
    depth += c == '(' ? 1 : c == ')' ? -1 : 0;
    if (depth < 0) throw error("abi: unbalanced ')' in type list \"" + std::string(list) + "\"");
  }
  if (depth != 0) throw error("abi: unbalanced '(' in type list \"" + std::string(list) + "\"");
  for (auto part : split_top_level(list)) out.push_back(type::parse(part));
  return out;
}

std::string type::canonical() const {
  switch (k) {
    case kind::uint_t: return "uint" + std::to_string(size);
    case kind::int_t: return "int" + std::to_string(size);
    case kind::address_t: return "address";
    case kind::bool_t: return "bool";
    case kind::fixed_bytes_t: return "bytes" + std::to_string(size);
    case kind::bytes_t: return "bytes";
    case kind::string_t: return "string";
    case kind::array_t:
      return components.at(0).canonical() + "[" + (size ? std::to_string(size) : "") + "]";
    case kind::tuple_t: {
      std::string s = "(";
      for (size_t i = 0; i < components.size(); ++i) s += (i ? "," : "") + components[i].canonical();
      return s + ")";
    }
  }
  return "?";
}

bool type::is_dynamic() const {
  switch (k) {
    case kind::bytes_t:
    case kind::string_t: return true;
    case kind::array_t: return size == 0 || components.at(0).is_dynamic();
    case kind::tuple_t:
      for (const auto& c : components)
        if (c.is_dynamic()) return true;
      return false;
    default: return false;
  }
}

}  // namespace automator::eth::abi
