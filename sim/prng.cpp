// Distributions for the simulator's prng, written out so every platform draws the same values.
#include "prng.hpp"

#include <cmath>

namespace automator::sim {

uint64_t prng::below(uint64_t n) {
  const uint64_t limit = UINT64_MAX - UINT64_MAX % n;
  uint64_t x;
  do x = engine_();
  while (x >= limit);
  return x % n;
}

double prng::standard_normal() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_;
  }
  const double u1 = 1.0 - uniform01();  // (0, 1]: log stays finite
  const double u2 = uniform01();
  const double radius = std::sqrt(-2.0 * std::log(u1));
  const double angle = 2.0 * M_PI * u2;
  spare_ = radius * std::sin(angle);
  has_spare_ = true;
  return radius * std::cos(angle);
}

double prng::exponential(double mean) { return -mean * std::log(1.0 - uniform01()); }

}  // namespace automator::sim
