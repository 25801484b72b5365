// Internal to node_core_eth: conversions from decoded ABI values to the AVS's C++ types,
// shared by the return-data decoders (automator_abi.cpp) and the event decoders.
#pragma once

#include "eth/automator_abi.hpp"

namespace automator::eth::avs::decoding {

inline constexpr std::string_view params_tuple =
    "(uint32,uint32,uint8,uint32,uint32,uint32,uint32,uint32,uint64,uint16,uint16)";

/// A uint32 field (the ABI decoder already checked the width).
inline uint32_t u32(const abi::value& v) { return static_cast<uint32_t>(v.as_uint()); }

/// An enum field; throws eth::error naming `what` when the value is not one of `count`.
template <typename Enum>
Enum enum_of(const abi::value& v, unsigned count, const char* what) {
  if (v.as_uint() >= count) throw error(std::string(what) + " value " + v.as_uint().str() + " is out of range");
  return static_cast<Enum>(static_cast<unsigned>(v.as_uint()));
}

inline std::vector<address> addresses(const abi::value& v) {
  std::vector<address> out;
  for (const auto& a : v.as_list()) out.push_back(a.as_address());
  return out;
}

inline params params_of(const abi::value& tuple) {
  const abi::value::list& f = tuple.as_list();
  params p;
  p.epoch_length = u32(f[0]);
  p.activation_delay = u32(f[1]);
  p.redundancy = static_cast<uint8_t>(f[2].as_uint());
  p.failover_delay = u32(f[3]);
  p.submit_window = u32(f[4]);
  p.min_tolerance = u32(f[5]);
  p.max_tolerance = u32(f[6]);
  p.max_misses = u32(f[7]);
  p.slash_wad = f[8].as_u64();
  p.max_url_length = static_cast<uint16_t>(f[9].as_uint());
  p.max_body_length = static_cast<uint16_t>(f[10].as_uint());
  return p;
}

}  // namespace automator::eth::avs::decoding
