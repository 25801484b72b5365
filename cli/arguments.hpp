// Command-line parsing: "--name value" / "--name=value" options, flags and positional
// arguments, plus parsers for the values users type (durations, start times, wei, URLs).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "eth/u256.hpp"

namespace automator::cli {

class arguments {
public:
  /// Parses argv[1..]. `flags` are options without a value (e.g. "help").
  arguments(int argc, char** argv, const std::set<std::string>& flags);

  const std::vector<std::string>& positional() const { return positional_; }
  bool flag(const std::string& name) const { return flags_.count(name) != 0; }
  std::optional<std::string> get(const std::string& name) const;
  std::string get_or(const std::string& name, const std::string& fallback) const;
  /// Throws a usage error naming the option if it is missing.
  std::string required(const std::string& name) const;

  /// Throws a usage error for any option or flag of the command line that is not in `allowed`.
  void only(const std::set<std::string>& allowed, const std::string& command) const;

private:
  std::map<std::string, std::string> options_;
  std::set<std::string> flags_;
  std::vector<std::string> positional_;
};

/// "10s", "5m", "2h", "10d", "90" (seconds); throws a usage error naming `option`.
uint64_t parse_duration(const std::string& text, const std::string& option);
/// "now" (= now_unix), "+30s" (relative to now_unix) or unix seconds.
uint64_t parse_start(const std::string& text, uint64_t now_unix, const std::string& option);
/// A non-negative decimal integer of wei.
eth::u256 parse_wei(const std::string& text, const std::string& option);
/// A decimal integer that fits `max`.
uint64_t parse_count(const std::string& text, uint64_t max, const std::string& option);
/// An http:// or https:// URL with a host and no whitespace; returns it unchanged.
std::string check_url(const std::string& text, const std::string& option);

/// "2026-11-23 19:00:05 UTC"
std::string format_utc(uint64_t unix_seconds);
/// "10s", "5m", "2h30m", "10d"
std::string format_duration(uint64_t seconds);
/// "0.001 ETH (1000000000000000 wei)"
std::string format_wei(const eth::u256& wei);
/// An 18-decimals amount: "10.5 tokens (10500000000000000000 base units)".
std::string format_units(const eth::u256& amount, const std::string& unit);

}  // namespace automator::cli
