// Scenario files: the shipped ones load, and every kind of malformed file is refused with a
// message naming the file, the key and the problem.
#include <doctest/doctest.h>

#include <filesystem>

#include "scenario.hpp"

using namespace automator::sim;

namespace {

const std::string minimal = R"({"name": "t", "operators": {"count": 3}, "tasks": {"count": 2}})";

std::string error_of(const std::string& text) {
  try {
    parse_scenario(text, "bad.json");
  } catch (const scenario_error& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("the shipped scenarios load") {
  for (const char* name : {"healthy.json", "crash.json", "byzantine.json", "targets.json", "actors-targets.json"}) {
    CAPTURE(name);
    const scenario s = load_scenario(std::filesystem::path(AUTOMATOR_SIM_SCENARIOS) / name);
    CHECK(!s.name.empty());
    CHECK(s.slots_total() > 0);
  }
  const scenario healthy = load_scenario(std::filesystem::path(AUTOMATOR_SIM_SCENARIOS) / "healthy.json");
  CHECK(healthy.operators.count == 20);
  CHECK(healthy.tasks.count == 10000);
}

TEST_CASE("a minimal scenario takes defaults for everything else") {
  const scenario s = parse_scenario(minimal, "m.json");
  CHECK(s.operators.count == 3);
  CHECK(s.tasks.count == 2);
  CHECK(s.params.redundancy == 3);
  CHECK(s.faults.empty());
}

TEST_CASE("faults are read with their parameters") {
  const scenario s = parse_scenario(R"({"name": "f", "operators": {"count": 4}, "tasks": {"count": 1},
    "faults": [{"kind": "crash", "operator": 1, "at_s": 10, "for_s": 5},
               {"kind": "clock_skew", "operator": 2, "at_s": 0, "for_s": 100, "skew_ms": -1500},
               {"kind": "proxy_outage", "at_s": 30, "for_s": 2.5},
               {"kind": "reorg", "at_s": 40, "depth": 3},
               {"kind": "byzantine", "operator": 3, "behavior": "late", "late_s": 90, "at_s": 1, "for_s": 2}]})",
                                    "f.json");
  REQUIRE(s.faults.size() == 5);
  CHECK(s.faults[0].what == fault::kind::crash);
  CHECK(s.faults[0].at == 10 * us_per_s);
  CHECK(s.faults[0].end() == 15 * us_per_s);
  CHECK(s.faults[1].skew_ms == -1500);
  CHECK(s.faults[2].operator_index == -1);
  CHECK(s.faults[2].duration == 2500 * us_per_ms);
  CHECK(s.faults[3].depth == 3);
  CHECK(s.faults[4].how == fault::behavior::late);
  CHECK(s.faults[4].late_s == 90);
}

TEST_CASE("malformed scenarios are refused with a precise message") {
  CHECK(error_of("{not json").find("bad.json: not valid JSON") == 0);
  CHECK(error_of(R"({"operators": {"count": 3}, "tasks": {"count": 2}})") == "bad.json: name: is required");
  CHECK(error_of(R"({"name": "t", "operators": {"count": 3}, "tasks": {"count": 2}, "sede": 1})") ==
        "bad.json: sede: unknown key");
  CHECK(error_of(R"({"name": "t", "operators": {"count": "3"}, "tasks": {"count": 2}})") ==
        "bad.json: operators.count: must be a number");
  CHECK(error_of(R"({"name": "t", "operators": {"count": 0}, "tasks": {"count": 2}})").find(
            "bad.json: operators.count: must be between 1 and") == 0);
  CHECK(error_of(R"({"name": "t", "operators": {"count": 2.5}, "tasks": {"count": 2}})") ==
        "bad.json: operators.count: must be a whole number, got 2.5");
  CHECK(error_of(R"({"name": "t", "operators": {"count": 3}, "tasks": {"count": 2, "interval_s": 60, "duration_s": 30}})") ==
        "bad.json: tasks.duration_s: must be >= interval_s (no slot otherwise)");
  CHECK(error_of(R"({"name": "t", "operators": {"count": 3}, "tasks": {"count": 2, "tolerance_s": 0}})") ==
        "bad.json: tasks.tolerance_s: must lie within protocol.min_tolerance_s..max_tolerance_s");
  CHECK(error_of(R"({"name": "t", "operators": {"count": 3}, "tasks": {"count": 2},
      "latency": {"rpc": {"dist": "pareto", "ms": 3}}})") ==
        "bad.json: latency.rpc.dist: unknown distribution 'pareto'; expected constant, uniform, exponential, lognormal or normal");
  CHECK(error_of(R"({"name": "t", "operators": {"count": 3}, "tasks": {"count": 2},
      "latency": {"rpc": {"dist": "uniform", "min_ms": 5, "max_ms": 1}}})") ==
        "bad.json: latency.rpc.max_ms: must be >= min_ms");
  CHECK(error_of(R"({"name": "t", "operators": {"count": 3}, "tasks": {"count": 2},
      "faults": {"kind": "crash"}})") == "bad.json: faults: must be an array");
  CHECK(error_of(R"({"name": "t", "operators": {"count": 3}, "tasks": {"count": 2},
      "faults": [{"kind": "meteor", "at_s": 1}]})")
            .find("bad.json: faults[0].kind: unknown fault 'meteor'") == 0);
  CHECK(error_of(R"({"name": "t", "operators": {"count": 3}, "tasks": {"count": 2},
      "faults": [{"kind": "crash", "operator": 3, "at_s": 1, "for_s": 1}]})") ==
        "bad.json: faults[0].operator: must be between 0 and 2, got 3");
  CHECK(error_of(R"({"name": "t", "operators": {"count": 3}, "tasks": {"count": 2},
      "faults": [{"kind": "pause", "operator": 0, "at_s": 1}]})") == "bad.json: faults[0].for_s: is required");
  CHECK(error_of(R"({"name": "t", "operators": {"count": 3}, "tasks": {"count": 2},
      "faults": [{"kind": "pause", "operator": 0, "at_s": 1, "for_s": 0}]})") == "bad.json: faults[0].for_s: must be > 0");
  CHECK(error_of(R"({"name": "t", "operators": {"count": 3}, "tasks": {"count": 2},
      "faults": [{"kind": "byzantine", "operator": 0, "at_s": 1, "for_s": 1, "behavior": "lie"}]})") ==
        "bad.json: faults[0].behavior: unknown behavior 'lie'; expected withhold, late, replay, alter or steal");
}

TEST_CASE("a missing scenario file is an error naming the file") {
  try {
    load_scenario("/nonexistent/x.json");
    FAIL("no error");
  } catch (const scenario_error& e) {
    CHECK(std::string(e.what()) == "/nonexistent/x.json: cannot open scenario file");
  }
}

TEST_CASE("target faults are read with their behaviour, and an unknown behaviour is named") {
  const scenario s = parse_scenario(R"({"name": "t", "operators": {"count": 3}, "tasks": {"count": 2},
    "faults": [{"kind": "target", "behavior": "slow_dns", "at_s": 5, "for_s": 60, "delay_ms": 1800, "tasks_every": 2},
               {"kind": "target", "behavior": "hang", "at_s": 70, "for_s": 60}]})",
                                    "t.json");
  REQUIRE(s.faults.size() == 2);
  CHECK(s.faults[0].what == fault::kind::target);
  CHECK(s.faults[0].operator_index == -1);
  CHECK(s.faults[0].target_how == fault::target_behavior::slow_dns);
  CHECK(s.faults[0].delay_ms == 1800);
  CHECK(s.faults[0].tasks_every == 2);
  CHECK(s.faults[1].target_how == fault::target_behavior::hang);
  CHECK(s.faults[1].tasks_every == 1);
  CHECK(error_of(R"({"name": "t", "operators": {"count": 3}, "tasks": {"count": 2},
      "faults": [{"kind": "target", "behavior": "teapot", "at_s": 1, "for_s": 1}]})")
            .find("bad.json: faults[0].behavior: unknown target behavior 'teapot' (known: slow_dns, failing_dns,") == 0);
}
