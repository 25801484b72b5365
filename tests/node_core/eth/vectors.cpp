// Loading of the cross-language vectors and conversion of their values for the ABI tests.
#include "vectors.hpp"

#include <fstream>
#include <map>

namespace automator::eth::test {

const json& vectors(const std::string& name) {
  static std::map<std::string, json> cache;
  auto it = cache.find(name);
  if (it != cache.end()) return it->second;
  std::string path = std::string(AUTOMATOR_VECTORS_DIR) + "/" + name;
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open test vectors " + path);
  return cache[name] = json::parse(in);
}

u256 json_uint(const json& v) {
  if (v.is_number_unsigned()) return u256(v.get<uint64_t>());
  if (v.is_string()) return parse_u256(v.get<std::string>());
  throw std::runtime_error("expected an unsigned integer in the vectors, got " + v.dump());
}

abi::value to_abi_value(const abi::type& t, const json& v) {
  using kind = abi::type::kind;
  switch (t.k) {
    case kind::uint_t: return json_uint(v);
    case kind::int_t: {
      if (v.is_number_integer()) return abi::from_int(v.get<int64_t>());
      std::string s = v.get<std::string>();
      if (s.empty() || s[0] != '-') return parse_u256(s);
      return u256(~parse_u256(s.substr(1)) + 1);  // two's complement of the magnitude
    }
    case kind::address_t: return address::from_hex(v.get<std::string>());
    case kind::bool_t: return v.get<bool>();
    case kind::fixed_bytes_t:
    case kind::bytes_t: return from_hex(v.get<std::string>());
    case kind::string_t: return v.get<std::string>();
    case kind::array_t: {
      abi::value::list items;
      for (const auto& x : v) items.push_back(to_abi_value(t.components[0], x));
      return items;
    }
    case kind::tuple_t: return to_abi_values(t.components, v);
  }
  throw std::runtime_error("unknown ABI type kind");
}

abi::value::list to_abi_values(const std::vector<abi::type>& types, const json& values) {
  abi::value::list out;
  for (size_t i = 0; i < types.size(); ++i) out.push_back(to_abi_value(types[i], values.at(i)));
  return out;
}

}  // namespace automator::eth::test
