// Wei amounts in the contract model: the contract keeps fees and deposits in uint128, and
// every stake the simulator models fits 128 bits as well.
#pragma once

#include <string>

namespace automator::sim {

using wei = unsigned __int128;

constexpr wei gwei = 1000000000u;
constexpr wei ether = gwei * 1000000000u;

std::string to_dec(wei v);

}  // namespace automator::sim
