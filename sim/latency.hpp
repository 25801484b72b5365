// A latency distribution from a scenario file ({"dist": "lognormal", "median_ms": 40,
// "sigma": 0.5}, ...) and its sampling in whole microseconds of virtual time.
#pragma once

#include <cstdint>
#include <string>

#include "prng.hpp"

namespace automator::sim {

using sim_time = int64_t;  // microseconds of virtual time since the scenario's genesis
constexpr sim_time us_per_ms = 1000;
constexpr sim_time us_per_s = 1000000;

struct latency {
  enum class kind { constant, uniform, exponential, lognormal, normal };
  kind dist = kind::constant;
  double a_ms = 0;  // constant: value; uniform: min; exponential: mean; lognormal: median; normal: mean
  double b_ms = 0;  // uniform: max; normal: stddev
  double sigma = 0; // lognormal: sigma of the underlying normal
  double max_ms = 0; // cap on any draw (0: none), so a heavy tail cannot stall the run

  sim_time sample(prng& rng) const;
  /// The distribution's mean in microseconds (used for lags the model does not draw per event).
  sim_time mean() const;
  std::string describe() const;
};

}  // namespace automator::sim
