// Scenario JSON parsing. Every key is checked: unknown keys, wrong types and out-of-range
// values are errors naming the key path ("crash.json: faults[1].for_s: must be > 0"), so a
// typo never silently falls back to a default.
#include "scenario.hpp"

#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

namespace automator::sim {
namespace {

using json = nlohmann::json;

/// Reads the members of one JSON object, remembering which were used so leftovers are errors.
class object_reader {
public:
  object_reader(const json& j, std::string path, const std::string& origin)
      : j_(j), path_(std::move(path)), origin_(origin) {
    if (!j_.is_object()) fail(path_, "must be an object");
  }

  [[noreturn]] void fail(const std::string& key_path, const std::string& what) const {
    throw scenario_error(origin_ + ": " + key_path + ": " + what);
  }
  std::string key_path(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }

  const json* find(const std::string& key) {
    used_.insert(key);
    auto it = j_.find(key);
    return it == j_.end() ? nullptr : &*it;
  }

  template <class T>
  void number(const std::string& key, T& out, double min, double max) {
    const json* v = find(key);
    if (!v) return;
    if (!v->is_number()) fail(key_path(key), "must be a number");
    const double d = v->get<double>();
    if (d < min || d > max) {
      std::ostringstream what;
      what << "must be between " << min << " and " << max << ", got " << v->dump();
      fail(key_path(key), what.str());
    }
    if constexpr (std::is_integral_v<T>) {
      if (d != std::floor(d)) fail(key_path(key), "must be a whole number, got " + v->dump());
      if (v->is_number_unsigned()) out = static_cast<T>(v->get<uint64_t>());
      else if (v->is_number_integer()) out = static_cast<T>(v->get<int64_t>());
      else out = static_cast<T>(d);
    } else {
      out = d;
    }
  }

  void text(const std::string& key, std::string& out) {
    const json* v = find(key);
    if (!v) return;
    if (!v->is_string()) fail(key_path(key), "must be a string");
    out = v->get<std::string>();
  }

  void require(const std::string& key) {
    if (!j_.contains(key)) fail(key_path(key), "is required");
  }

  void finish() const {
    for (auto it = j_.begin(); it != j_.end(); ++it)
      if (!used_.count(it.key())) fail(key_path(it.key()), "unknown key");
  }

  const std::string& path() const { return path_; }
  const std::string& origin() const { return origin_; }

private:
  const json& j_;
  std::string path_;
  const std::string& origin_;
  std::set<std::string> used_;
};

latency read_latency(const json& j, const std::string& path, const std::string& origin) {
  object_reader r(j, path, origin);
  latency l;
  std::string dist;
  r.require("dist");
  r.text("dist", dist);
  constexpr double max_ms = 3600e3;
  if (dist == "constant") {
    l.dist = latency::kind::constant;
    r.require("ms");
    r.number("ms", l.a_ms, 0, max_ms);
  } else if (dist == "uniform") {
    l.dist = latency::kind::uniform;
    r.require("min_ms");
    r.require("max_ms");
    r.number("min_ms", l.a_ms, 0, max_ms);
    r.number("max_ms", l.b_ms, 0, max_ms);
    if (l.b_ms < l.a_ms) r.fail(r.key_path("max_ms"), "must be >= min_ms");
  } else if (dist == "exponential") {
    l.dist = latency::kind::exponential;
    r.require("mean_ms");
    r.number("mean_ms", l.a_ms, 0, max_ms);
  } else if (dist == "lognormal") {
    l.dist = latency::kind::lognormal;
    r.require("median_ms");
    r.require("sigma");
    r.number("median_ms", l.a_ms, 0, max_ms);
    r.number("sigma", l.sigma, 0, 5);
  } else if (dist == "normal") {
    l.dist = latency::kind::normal;
    r.require("mean_ms");
    r.require("sd_ms");
    r.number("mean_ms", l.a_ms, 0, max_ms);
    r.number("sd_ms", l.b_ms, 0, max_ms);
  } else {
    r.fail(r.key_path("dist"), "unknown distribution '" + dist +
                                   "'; expected constant, uniform, exponential, lognormal or normal");
  }
  r.number("cap_ms", l.max_ms, 0, max_ms);
  r.finish();
  return l;
}

fault::kind fault_kind(const std::string& name, const object_reader& r) {
  static const std::pair<const char*, fault::kind> kinds[] = {
      {"crash", fault::kind::crash},           {"pause", fault::kind::pause},
      {"clock_skew", fault::kind::clock_skew}, {"slow_network", fault::kind::slow_network},
      {"partition", fault::kind::partition},   {"proxy_outage", fault::kind::proxy_outage},
      {"rpc_outage", fault::kind::rpc_outage}, {"reorg", fault::kind::reorg},
      {"byzantine", fault::kind::byzantine},   {"target", fault::kind::target}};
  for (const auto& [text, k] : kinds)
    if (name == text) return k;
  r.fail(r.key_path("kind"), "unknown fault '" + name +
                                 "'; expected crash, pause, clock_skew, slow_network, partition, "
                                 "proxy_outage, rpc_outage, reorg or byzantine");
}

fault::behavior fault_behavior(const std::string& name, const object_reader& r) {
  static const std::pair<const char*, fault::behavior> behaviors[] = {
      {"withhold", fault::behavior::withhold}, {"late", fault::behavior::late},
      {"replay", fault::behavior::replay},     {"alter", fault::behavior::alter},
      {"steal", fault::behavior::steal}};
  for (const auto& [text, b] : behaviors)
    if (name == text) return b;
  r.fail(r.key_path("behavior"), "unknown behavior '" + name +
                                     "'; expected withhold, late, replay, alter or steal");
}

const fault::target_behavior target_behaviors[] = {
    fault::target_behavior::slow_dns,     fault::target_behavior::failing_dns, fault::target_behavior::slow_connect,
    fault::target_behavior::slow_headers, fault::target_behavior::hang,        fault::target_behavior::reset,
    fault::target_behavior::huge_body,    fault::target_behavior::redirect,    fault::target_behavior::forbidden_address};

fault::target_behavior target_behavior_of(const std::string& name, const object_reader& r) {
  std::string known;
  for (auto b : target_behaviors) {
    if (name == to_string(b)) return b;
    known += std::string(known.empty() ? "" : ", ") + to_string(b);
  }
  r.fail(r.key_path("behavior"), "unknown target behavior '" + name + "' (known: " + known + ")");
}

fault read_fault(const json& j, const std::string& path, const std::string& origin, uint32_t operators) {
  object_reader r(j, path, origin);
  fault f;
  std::string kind;
  r.require("kind");
  r.text("kind", kind);
  f.what = fault_kind(kind, r);
  const bool per_operator = f.what != fault::kind::proxy_outage && f.what != fault::kind::rpc_outage &&
                            f.what != fault::kind::reorg && f.what != fault::kind::target;
  if (per_operator) {
    r.require("operator");
    r.number("operator", f.operator_index, 0, operators == 0 ? 0 : operators - 1);
  }
  double at_s = 0, for_s = 0;
  r.require("at_s");
  r.number("at_s", at_s, 0, 1e9);
  if (f.what != fault::kind::reorg) {
    r.require("for_s");
    r.number("for_s", for_s, 0, 1e9);
    if (for_s <= 0) r.fail(r.key_path("for_s"), "must be > 0");
  }
  f.at = static_cast<sim_time>(at_s * us_per_s);
  f.duration = static_cast<sim_time>(for_s * us_per_s);
  switch (f.what) {
    case fault::kind::clock_skew:
      r.require("skew_ms");
      r.number("skew_ms", f.skew_ms, -3600e3, 3600e3);
      break;
    case fault::kind::slow_network:
      r.require("extra_ms");
      r.number("extra_ms", f.extra_ms, 1, 3600e3);
      break;
    case fault::kind::reorg:
      r.require("depth");
      r.number("depth", f.depth, 1, 1000);
      break;
    case fault::kind::byzantine: {
      std::string behavior;
      r.require("behavior");
      r.text("behavior", behavior);
      f.how = fault_behavior(behavior, r);
      if (f.how == fault::behavior::late) {
        r.require("late_s");
        r.number("late_s", f.late_s, 1, 1e6);
      }
      break;
    }
    case fault::kind::target: {
      std::string behavior;
      r.require("behavior");
      r.text("behavior", behavior);
      f.target_how = target_behavior_of(behavior, r);
      r.number("delay_ms", f.delay_ms, 1, 60e3);
      r.number("tasks_every", f.tasks_every, 1, 1e9);
      break;
    }
    default: break;
  }
  r.finish();
  return f;
}

}  // namespace

const char* to_string(fault::kind k) {
  switch (k) {
    case fault::kind::crash: return "crash";
    case fault::kind::pause: return "pause";
    case fault::kind::clock_skew: return "clock_skew";
    case fault::kind::slow_network: return "slow_network";
    case fault::kind::partition: return "partition";
    case fault::kind::proxy_outage: return "proxy_outage";
    case fault::kind::rpc_outage: return "rpc_outage";
    case fault::kind::reorg: return "reorg";
    case fault::kind::byzantine: return "byzantine";
    case fault::kind::target: return "target";
  }
  return "?";
}

const char* to_string(fault::target_behavior b) {
  switch (b) {
    case fault::target_behavior::none: return "none";
    case fault::target_behavior::slow_dns: return "slow_dns";
    case fault::target_behavior::failing_dns: return "failing_dns";
    case fault::target_behavior::slow_connect: return "slow_connect";
    case fault::target_behavior::slow_headers: return "slow_headers";
    case fault::target_behavior::hang: return "hang";
    case fault::target_behavior::reset: return "reset";
    case fault::target_behavior::huge_body: return "huge_body";
    case fault::target_behavior::redirect: return "redirect";
    case fault::target_behavior::forbidden_address: return "forbidden_address";
  }
  return "?";
}

const char* to_string(fault::behavior b) {
  switch (b) {
    case fault::behavior::none: return "none";
    case fault::behavior::withhold: return "withhold";
    case fault::behavior::late: return "late";
    case fault::behavior::replay: return "replay";
    case fault::behavior::alter: return "alter";
    case fault::behavior::steal: return "steal";
  }
  return "?";
}

uint64_t scenario::slots_total() const {
  return static_cast<uint64_t>(tasks.count) * (tasks.duration_s / tasks.interval_s);
}

sim_time scenario::horizon() const {
  const uint64_t last_due = tasks.start_spread_s + tasks.duration_s;
  const uint64_t deadline = last_due + (params.redundancy - 1) * uint64_t{params.failover_delay_s} +
                            tasks.tolerance_s + params.submit_window_s;
  sim_time end = static_cast<sim_time>(deadline + 120) * us_per_s;  // time to report the last misses
  for (const fault& f : faults) end = std::max(end, f.end() + 120 * us_per_s);
  return end;
}

scenario parse_scenario(const std::string& json_text, const std::string& origin) {
  json j;
  try {
    j = json::parse(json_text);
  } catch (const json::parse_error& e) {
    throw scenario_error(origin + ": not valid JSON: " + e.what());
  }
  scenario s;
  object_reader top(j, "", origin);
  top.require("name");
  top.text("name", s.name);
  top.text("description", s.description);
  top.number("seed", s.seed, 0, 1.8e19);
  top.number("genesis_unix_s", s.genesis_unix_s, 1e9, 4e9);

  if (const json* p = top.find("protocol")) {
    object_reader r(*p, "protocol", origin);
    auto& q = s.params;
    r.number("epoch_length_s", q.epoch_length_s, 1, 1e7);
    r.number("activation_delay_s", q.activation_delay_s, 0, 1e7);
    r.number("redundancy", q.redundancy, 1, 16);
    r.number("failover_delay_s", q.failover_delay_s, 0, 3600);
    r.number("submit_window_s", q.submit_window_s, 1, 86400);
    r.number("min_tolerance_s", q.min_tolerance_s, 0, 3600);
    r.number("max_tolerance_s", q.max_tolerance_s, 0, 3600);
    r.number("max_misses", q.max_misses, 1, 1e9);
    r.number("slash_wad", q.slash_wad, 0, 1e18);
    r.finish();
  }
  top.require("operators");
  {
    object_reader r(*top.find("operators"), "operators", origin);
    r.require("count");
    r.number("count", s.operators.count, 1, 10000);  // fits the fast mode's 16-bit operator field
    r.number("stake_eth", s.operators.stake_eth, 0, 1e9);
    r.finish();
  }
  top.require("tasks");
  {
    object_reader r(*top.find("tasks"), "tasks", origin);
    auto& t = s.tasks;
    r.require("count");
    r.number("count", t.count, 1, 1e7);
    r.number("interval_s", t.interval_s, 1, 1e7);
    r.number("duration_s", t.duration_s, 1, 1e9);
    r.number("tolerance_s", t.tolerance_s, 0, 3600);
    r.number("start_spread_s", t.start_spread_s, 0, 1e7);
    r.number("fee_per_hit_gwei", t.fee_per_hit_gwei, 0, 1e12);
    if (t.duration_s < t.interval_s) r.fail(r.key_path("duration_s"), "must be >= interval_s (no slot otherwise)");
    r.finish();
  }
  if (s.tasks.tolerance_s < s.params.min_tolerance_s || s.tasks.tolerance_s > s.params.max_tolerance_s)
    top.fail("tasks.tolerance_s", "must lie within protocol.min_tolerance_s..max_tolerance_s");
  if (const json* n = top.find("node")) {
    object_reader r(*n, "node", origin);
    r.number("batch_size", s.node.batch_size, 1, 10000);
    r.number("batch_age_ms", s.node.batch_age_ms, 0, 3600e3);
    r.number("confirmations", s.node.confirmations, 0, 1000);
    r.number("retry_backoff_ms", s.node.retry_backoff_ms, 1, 3600e3);
    r.number("max_attempts", s.node.max_attempts, 1, 255);
    r.number("try_timeout_ms", s.node.try_timeout_ms, 1, 3600e3);
    r.number("status0_retries", s.node.status0_retries, 0, 255);
    r.finish();
  }
  if (const json* l = top.find("latency")) {
    object_reader r(*l, "latency", origin);
    if (const json* v = r.find("rpc")) s.latency_ms.rpc = read_latency(*v, "latency.rpc", origin);
    if (const json* v = r.find("proxy")) s.latency_ms.proxy = read_latency(*v, "latency.proxy", origin);
    if (const json* v = r.find("target")) s.latency_ms.target = read_latency(*v, "latency.target", origin);
    if (const json* v = r.find("block_time")) s.latency_ms.block_time = read_latency(*v, "latency.block_time", origin);
    r.finish();
    if (s.latency_ms.block_time.mean() < 100 * us_per_ms)
      top.fail("latency.block_time", "mean must be at least 100 ms");
  }
  if (const json* f = top.find("faults")) {
    if (!f->is_array()) top.fail("faults", "must be an array");
    for (size_t i = 0; i < f->size(); ++i)
      s.faults.push_back(read_fault((*f)[i], "faults[" + std::to_string(i) + "]", origin, s.operators.count));
  }
  top.finish();
  return s;
}

scenario load_scenario(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw scenario_error(file.string() + ": cannot open scenario file");
  std::ostringstream text;
  text << in.rdbuf();
  return parse_scenario(text.str(), file.filename().string());
}

}  // namespace automator::sim
