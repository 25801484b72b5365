// Keys for the record store: fixed-width big-endian numbers, so collections iterate in numeric
// order, and slot keys (task id, slot).
#pragma once

#include <cstdint>
#include <string>

#include "messages/slot_messages.hpp"

namespace automator {

inline std::string u64_key(uint64_t v) {
  std::string k(8, '\0');
  for (int i = 7; i >= 0; --i, v >>= 8)
    k[size_t(i)] = char(v & 0xff);
  return k;
}

inline uint64_t u64_from_key(const std::string& k, size_t offset = 0) {
  uint64_t v = 0;
  for (size_t i = 0; i < 8 && offset + i < k.size(); ++i)
    v = (v << 8) | uint8_t(k[offset + i]);
  return v;
}

inline std::string slot_key(const slot_ref& ref) {
  return u64_key(ref.task_id) + u64_key(ref.slot).substr(4);
}

inline slot_ref slot_from_key(const std::string& k) {
  return slot_ref{u64_from_key(k), uint32_t(u64_from_key(k, 8) >> 32)};
}

} // namespace automator
