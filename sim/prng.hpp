// The simulator's one source of randomness: std::mt19937_64 (whose output sequence the C++
// standard fixes) with distributions implemented here rather than std::*_distribution, whose
// algorithms differ between standard libraries. Same seed, same run, on any platform.
#pragma once

#include <cstdint>
#include <random>

namespace automator::sim {

class prng {
public:
  explicit prng(uint64_t seed) : engine_(seed) {}

  uint64_t next_u64() { return engine_(); }
  /// Uniform in [0, 1) with 53 random bits.
  double uniform01() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  /// Uniform integer in [0, n) by rejection (no modulo bias); n must be > 0.
  uint64_t below(uint64_t n);
  /// Standard normal by Box-Muller; the second value of each pair is kept for the next call.
  double standard_normal();
  /// Exponential with the given mean.
  double exponential(double mean);

  /// An independent stream for one component, so adding draws in one place does not shift
  /// the draws of every other place.
  prng fork(uint64_t stream_id) { return prng(engine_() ^ (stream_id * 0x9E3779B97F4A7C15ull)); }

private:
  std::mt19937_64 engine_;
  bool has_spare_ = false;
  double spare_ = 0;
};

}  // namespace automator::sim
