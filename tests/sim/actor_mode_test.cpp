// The actor mode: operator nodes made of the real actors (actors/) run in virtual time on CAF's
// test coordinator against the contract model; the same seed gives the same report, honest
// operators are never penalized, backups take over a crashed primary's slots.
#include <doctest/doctest.h>

#include <filesystem>

#include "actor_network.hpp"

using namespace automator::sim;

namespace {

scenario actors_crash() {
  return load_scenario(std::filesystem::path(AUTOMATOR_SIM_SCENARIOS) / "actors-crash.json");
}

}  // namespace

TEST_CASE("actor mode: the same seed gives the same report") {
  scenario s = actors_crash();
  s.tasks.duration_s = 120;
  const std::string first = to_json(run_actor_network(s), false).dump();
  CHECK(first == to_json(run_actor_network(s), false).dump());
}

TEST_CASE("actor mode: healthy nodes prove every slot as primaries, nothing penalized") {
  scenario s = actors_crash();
  s.faults.clear();
  s.tasks.duration_s = 120;
  const run_report r = run_actor_network(s);
  CHECK(r.slots_due == 5 * 12);
  CHECK(r.proven_by_primary == r.slots_due);
  CHECK(r.penalties == 0);
  CHECK(r.fees_paid == wei{r.slots_due} * 1000 * gwei);
}

TEST_CASE("actor mode: backups take over a crashed primary's slots, nobody is penalized") {
  const run_report r = run_actor_network(actors_crash());
  CHECK(r.unresolved == 0);
  CHECK(r.slots_due == r.proven_by_primary + r.proven_by_backup + r.missed);
  CHECK(r.proven_by_backup > 0);
  CHECK(r.penalties == 0);
  REQUIRE(r.failovers.size() == 1);
  CHECK(r.failovers[0].first_failover_after_s >= 10);
}

TEST_CASE("actor mode: with R = 1 the next operator reports a crashed primary's misses") {
  // No backups fire; the operator at position 1 only watches, and reports what stays unproven.
  scenario s = actors_crash();
  s.params.redundancy = 1;
  const run_report r = run_actor_network(s);
  CHECK(r.unresolved == 0);
  CHECK(r.missed > 0);
  CHECK(r.slots_due == r.proven_by_primary + r.missed);
  CHECK(r.penalties == r.missed);
  CHECK(r.penalties_deserved == r.penalties);
  CHECK(r.penalties_false == 0);
}

TEST_CASE("actor mode refuses faults it does not model") {
  scenario s = actors_crash();
  s.faults[0].what = fault::kind::pause;
  CHECK_THROWS_AS(run_actor_network(s), scenario_error);
}

TEST_CASE("actor mode: misbehaving targets cost no honest operator anything") {
  // The real http_caller under every target behaviour, as primary and as backup of a crashed node.
  scenario s = load_scenario(std::filesystem::path(AUTOMATOR_SIM_SCENARIOS) / "actors-targets.json");
  const run_report r = run_actor_network(s);
  CHECK(r.unresolved == 0);
  CHECK(r.slots_due == r.proven_by_primary + r.proven_by_backup + r.missed);
  CHECK(r.missed == 0);
  CHECK(r.penalties == 0);
  CHECK(r.rejected[static_cast<int>(reject_reason::outside_time_window)] == 0);
  CHECK(r.proven_by_backup > 0);
  CHECK(r.status0_proofs > 0);

  // With a window wide enough the real caller asks status-0 hits again before proving them.
  s.tasks.tolerance_s = 30;
  s.params.failover_delay_s = 40;
  const run_report wide = run_actor_network(s);
  CHECK(wide.unresolved == 0);
  CHECK(wide.penalties == 0);
  CHECK(wide.status0_retries > 0);
}
