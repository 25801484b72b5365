// Command-line parsing and the value parsers/formatters of automator-cli.
#include "arguments.hpp"

#include <algorithm>
#include <cctype>
#include <ctime>

#include "cli_error.hpp"

namespace automator::cli {

arguments::arguments(int argc, char** argv, const std::set<std::string>& flags) {
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind("--", 0) != 0 || a.size() == 2) {
      positional_.push_back(a);
      continue;
    }
    std::string name = a.substr(2);
    size_t eq = name.find('=');
    if (eq != std::string::npos) {
      options_[name.substr(0, eq)] = name.substr(eq + 1);
    } else if (flags.count(name)) {
      flags_.insert(name);
    } else {
      if (i + 1 >= argc) throw usage_error("option --" + name + " needs a value");
      options_[name] = argv[++i];
    }
  }
}

std::optional<std::string> arguments::get(const std::string& name) const {
  auto it = options_.find(name);
  if (it == options_.end()) return std::nullopt;
  return it->second;
}

std::string arguments::get_or(const std::string& name, const std::string& fallback) const {
  return get(name).value_or(fallback);
}

std::string arguments::required(const std::string& name) const {
  auto v = get(name);
  if (!v) throw usage_error("missing required option --" + name);
  return *v;
}

void arguments::only(const std::set<std::string>& allowed, const std::string& command) const {
  for (const auto& [name, value] : options_)
    if (!allowed.count(name)) throw usage_error("unknown option --" + name + " for " + command);
  for (const auto& name : flags_)
    if (!allowed.count(name)) throw usage_error("unknown option --" + name + " for " + command);
}

namespace {

// Digits only, no sign, fits 64 bits; nullopt otherwise.
std::optional<uint64_t> digits(const std::string& s) {
  if (s.empty() || s.size() > 19) return std::nullopt;
  uint64_t v = 0;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    v = v * 10 + uint64_t(c - '0');
  }
  return v;
}

}  // namespace

uint64_t parse_duration(const std::string& text, const std::string& option) {
  static const std::map<char, uint64_t> units = {{'s', 1}, {'m', 60}, {'h', 3600}, {'d', 86400}};
  std::string number = text;
  uint64_t unit = 1;
  if (!text.empty() && units.count(text.back())) {
    unit = units.at(text.back());
    number.pop_back();
  }
  auto n = digits(number);
  if (!n || *n == 0 || *n > UINT64_MAX / unit / 1000)
    throw usage_error(option + ": \"" + text + "\" is not a positive duration (use e.g. 10s, 5m, 2h, 10d)");
  return *n * unit;
}

uint64_t parse_start(const std::string& text, uint64_t now_unix, const std::string& option) {
  if (text == "now") return now_unix;
  if (!text.empty() && text[0] == '+') return now_unix + parse_duration(text.substr(1), option);
  auto n = digits(text);
  if (!n) throw usage_error(option + ": \"" + text + "\" is not a start time (use now, +30s or unix seconds)");
  return *n;
}

eth::u256 parse_wei(const std::string& text, const std::string& option) {
  if (text.empty() || !std::all_of(text.begin(), text.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
    throw usage_error(option + ": \"" + text + "\" is not an amount of wei (a non-negative integer)");
  try {
    return eth::parse_u256(text);
  } catch (const eth::error& e) {
    throw usage_error(option + ": " + e.what());
  }
}

uint64_t parse_count(const std::string& text, uint64_t max, const std::string& option) {
  auto n = digits(text);
  if (!n || *n > max)
    throw usage_error(option + ": \"" + text + "\" is not an integer from 0 to " + std::to_string(max));
  return *n;
}

std::string check_url(const std::string& text, const std::string& option) {
  std::string rest;
  if (text.rfind("https://", 0) == 0) rest = text.substr(8);
  else if (text.rfind("http://", 0) == 0) rest = text.substr(7);
  else throw usage_error(option + ": \"" + text + "\" is not an http:// or https:// URL");
  std::string host = rest.substr(0, rest.find_first_of("/?#"));
  if (host.empty() || host[0] == ':') throw usage_error(option + ": \"" + text + "\" has no host");
  for (char c : text)
    if (std::isspace(static_cast<unsigned char>(c)) || std::iscntrl(static_cast<unsigned char>(c)))
      throw usage_error(option + ": URL contains whitespace or control characters");
  return text;
}

std::string format_utc(uint64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", &tm);
  return buf;
}

std::string format_duration(uint64_t seconds) {
  if (seconds == 0) return "0s";
  std::string out;
  for (auto [unit, name] : {std::pair<uint64_t, const char*>{86400, "d"}, {3600, "h"}, {60, "m"}, {1, "s"}}) {
    if (seconds >= unit) {
      out += std::to_string(seconds / unit) + name;
      seconds %= unit;
    }
  }
  return out;
}

namespace {

// 18 decimals: "0.001" for 10^15.
std::string decimal_18(const eth::u256& v) {
  const eth::u256 one("1000000000000000000");
  std::string frac = eth::to_dec(v % one);
  frac = std::string(18 - frac.size(), '0') + frac;
  while (!frac.empty() && frac.back() == '0') frac.pop_back();
  return eth::to_dec(v / one) + (frac.empty() ? "" : "." + frac);
}

}  // namespace

std::string format_wei(const eth::u256& wei) { return decimal_18(wei) + " ETH (" + eth::to_dec(wei) + " wei)"; }

std::string format_units(const eth::u256& amount, const std::string& unit) {
  return decimal_18(amount) + " " + unit + " (" + eth::to_dec(amount) + " base units)";
}

}  // namespace automator::cli
