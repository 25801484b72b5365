// Fixed-size Ethereum values as they travel inside actor messages. Plain std types so CAF can
// serialize them without knowing node_core/eth; the actors convert at their edges.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace automator {

using address20 = std::array<uint8_t, 20>;
using hash32 = std::array<uint8_t, 32>;
using byte_vector = std::vector<uint8_t>;

} // namespace automator
