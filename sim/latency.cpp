// Sampling of scenario latency distributions; negative draws are clamped to zero.
#include "latency.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace automator::sim {

sim_time latency::sample(prng& rng) const {
  double ms = 0;
  switch (dist) {
    case kind::constant: ms = a_ms; break;
    case kind::uniform: ms = a_ms + (b_ms - a_ms) * rng.uniform01(); break;
    case kind::exponential: ms = rng.exponential(a_ms); break;
    case kind::lognormal: ms = a_ms * std::exp(sigma * rng.standard_normal()); break;
    case kind::normal: ms = a_ms + b_ms * rng.standard_normal(); break;
  }
  if (max_ms > 0) ms = std::min(ms, max_ms);
  return static_cast<sim_time>(std::llround(std::max(ms, 0.0) * us_per_ms));
}

sim_time latency::mean() const {
  double ms = 0;
  switch (dist) {
    case kind::constant: ms = a_ms; break;
    case kind::uniform: ms = (a_ms + b_ms) / 2; break;
    case kind::exponential: ms = a_ms; break;
    case kind::lognormal: ms = a_ms * std::exp(sigma * sigma / 2); break;
    case kind::normal: ms = a_ms; break;
  }
  if (max_ms > 0) ms = std::min(ms, max_ms);
  return static_cast<sim_time>(std::llround(std::max(ms, 0.0) * us_per_ms));
}

std::string latency::describe() const {
  std::ostringstream out;
  switch (dist) {
    case kind::constant: out << a_ms << " ms"; break;
    case kind::uniform: out << "uniform " << a_ms << ".." << b_ms << " ms"; break;
    case kind::exponential: out << "exponential mean " << a_ms << " ms"; break;
    case kind::lognormal: out << "lognormal median " << a_ms << " ms sigma " << sigma; break;
    case kind::normal: out << "normal " << a_ms << " ms sd " << b_ms << " ms"; break;
  }
  return out.str();
}

}  // namespace automator::sim
