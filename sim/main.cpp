// automator-sim: runs a scenario file and prints the report table; --json FILE also writes the
// report as JSON. `--mode actors` (in the automator-sim-actors build) runs the real operator
// actors instead of the fast mode's model of them. `automator-sim --replay-trace TRACE.json` replays a trace of contract calls on
// the contract model and prints outcomes, events and state as JSON (the differential test).
#include <fstream>
#include <iostream>
#include <optional>
#include <string>

#include "fast_network.hpp"
#include "trace_replay.hpp"
#ifdef AUTOMATOR_SIM_ACTOR_MODE
#include "actor_network.hpp"
#endif

namespace {

int usage() {
  std::cerr << "usage: automator-sim --scenario FILE [--mode fast|actors] [--seed N] [--json OUT.json]\n"
               "       automator-sim --replay-trace TRACE.json\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace automator::sim;
  std::string scenario_file, json_file, trace_file, mode = "fast";
  std::optional<uint64_t> seed;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (i + 1 >= argc) return usage();
    if (arg == "--scenario")
      scenario_file = argv[++i];
    else if (arg == "--mode")
      mode = argv[++i];
    else if (arg == "--replay-trace")
      trace_file = argv[++i];
    else if (arg == "--json")
      json_file = argv[++i];
    else if (arg == "--seed") {
      try {
        seed = std::stoull(argv[++i]);
      } catch (const std::exception&) {
        std::cerr << "automator-sim: --seed needs a non-negative integer, got '" << argv[i] << "'\n";
        return 2;
      }
    } else
      return usage();
  }
  if (!trace_file.empty()) {
    try {
      std::ifstream in(trace_file);
      if (!in) throw std::runtime_error(trace_file + ": cannot open trace file");
      nlohmann::json trace;
      try {
        in >> trace;
      } catch (const nlohmann::json::parse_error& e) {
        throw std::runtime_error(trace_file + ": not valid JSON: " + e.what());
      }
      std::cout << replay_trace(trace).dump() << "\n";
    } catch (const std::exception& e) {
      std::cerr << "automator-sim: " << e.what() << "\n";
      return 1;
    }
    return 0;
  }
  if (scenario_file.empty()) return usage();
  try {
    scenario s = load_scenario(scenario_file);
    if (seed) s.seed = *seed;
    run_report report;
    if (mode == "fast") {
      report = fast_network(s).run();
    } else if (mode == "actors") {
#ifdef AUTOMATOR_SIM_ACTOR_MODE
      report = run_actor_network(s);
#else
      throw std::runtime_error("--mode actors: use automator-sim-actors (built when actors/ is available)");
#endif
    } else {
      throw std::runtime_error("--mode: expected fast or actors, got '" + mode + "'");
    }
    std::cout << to_table(report);
    if (!json_file.empty()) {
      std::ofstream out(json_file);
      out << to_json(report, true).dump(2) << "\n";
      if (!out) throw std::runtime_error(json_file + ": cannot write the JSON report");
    }
  } catch (const std::exception& e) {
    std::cerr << "automator-sim: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
