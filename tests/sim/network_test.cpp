// Whole simulated runs in the fast mode: the same seed gives the same report, honest operators
// are never penalized under any fault, backups take over a crashed or misbehaving primary, and
// a byzantine operator's replayed, altered and stolen proofs are all rejected.
#include <doctest/doctest.h>

#include <filesystem>

#include "fast_network.hpp"

using namespace automator::sim;

namespace {

scenario shipped(const char* name, uint32_t tasks) {
  scenario s = load_scenario(std::filesystem::path(AUTOMATOR_SIM_SCENARIOS) / name);
  s.tasks.count = tasks;
  return s;
}

uint64_t rejected(const run_report& r, reject_reason why) { return r.rejected[static_cast<int>(why)]; }

void check_accounting(const run_report& r) {
  CHECK(r.slots_due == r.proven_by_primary + r.proven_by_backup + r.missed + r.unresolved);
  CHECK(r.penalties == r.penalties_deserved + r.penalties_infra + r.penalties_false);
  CHECK(r.penalties_false == 0);
}

}  // namespace

TEST_CASE("the same seed gives the same report, another seed another") {
  const scenario s = shipped("byzantine.json", 20);
  const std::string first = to_json(fast_network(s).run(), false).dump();
  const std::string second = to_json(fast_network(s).run(), false).dump();
  CHECK(first == second);
  scenario other = s;
  other.seed = s.seed + 1;
  CHECK(to_json(fast_network(other).run(), false).dump() != first);
}

TEST_CASE("healthy network: every slot proven by its primary, nothing penalized") {
  scenario s = shipped("healthy.json", 200);
  s.tasks.duration_s = 600;
  const run_report r = fast_network(s).run();
  check_accounting(r);
  CHECK(r.slots_due == 200 * 60);
  CHECK(r.proven_by_primary == r.slots_due);
  CHECK(r.penalties == 0);
  CHECK(r.duplicate_target_calls == 0);
  CHECK(r.fees_paid == wei{r.slots_due} * 1000 * gwei);
}

TEST_CASE("1 of 3 operators crashes: backups take over within the failover delay, no penalty") {
  const scenario s = shipped("crash.json", 30);
  const run_report r = fast_network(s).run();
  check_accounting(r);
  CHECK(r.unresolved == 0);
  CHECK(r.penalties == 0);
  CHECK(r.proven_by_backup > 0);
  REQUIRE(r.failovers.size() == 1);
  CHECK(r.failovers[0].slots_taken_over > 0);
  // Backup 1 fires failoverDelay after T(k); the first such slot is due within one interval.
  CHECK(r.failovers[0].first_failover_after_s >= s.params.failover_delay_s);
  CHECK(r.failovers[0].first_failover_after_s <= s.params.failover_delay_s + s.tasks.interval_s + 1);
}

TEST_CASE("without backups a crash is penalized, and every penalty is deserved") {
  scenario s = shipped("crash.json", 30);
  s.params.redundancy = 1;
  const run_report r = fast_network(s).run();
  check_accounting(r);
  CHECK(r.penalties > 0);
  CHECK(r.penalties == r.penalties_deserved);
  CHECK(r.bounties_paid == wei{r.penalties} * 1000 * gwei);
  CHECK(r.stake_slashed > 0);
}

TEST_CASE("a byzantine operator's proofs are rejected and its slots proven by backups") {
  const scenario s = shipped("byzantine.json", 30);
  const run_report r = fast_network(s).run();
  check_accounting(r);
  CHECK(r.unresolved == 0);
  CHECK(r.penalties == 0);
  CHECK(rejected(r, reject_reason::bad_signature) > 0);      // altered, relabelled replays
  CHECK(rejected(r, reject_reason::already_resolved) > 0);   // verbatim replays
  CHECK(rejected(r, reject_reason::not_eligible) > 0);       // proofs stolen from the mempool
  CHECK(r.proven_by_backup > 0);
}

TEST_CASE("every fault kind: no false penalties, every slot resolved") {
  scenario s = shipped("crash.json", 20);
  s.params.redundancy = 2;
  auto add = [&](fault::kind k, int32_t op, double at_s, double for_s) -> fault& {
    fault f;
    f.what = k;
    f.operator_index = op;
    f.at = static_cast<sim_time>(at_s * us_per_s);
    f.duration = static_cast<sim_time>(for_s * us_per_s);
    s.faults.push_back(f);
    return s.faults.back();
  };
  s.faults.clear();
  add(fault::kind::pause, 0, 100, 30);
  add(fault::kind::clock_skew, 1, 300, 200).skew_ms = 4000;
  add(fault::kind::slow_network, 2, 600, 100).extra_ms = 6000;
  add(fault::kind::partition, 0, 900, 120);
  add(fault::kind::proxy_outage, -1, 1200, 60);
  add(fault::kind::rpc_outage, -1, 1500, 90);
  add(fault::kind::reorg, -1, 1800, 0).depth = 5;
  add(fault::kind::crash, 1, 2100, 300);
  add(fault::kind::crash, 2, 2200, 100);  // both crashes overlap: R = 2 cannot cover
  const run_report r = fast_network(s).run();
  check_accounting(r);
  CHECK(r.unresolved == 0);
  CHECK(r.penalties_deserved > 0);
  CHECK(r.penalties_infra > 0);
  CHECK(r.proven_by_backup > 0);
}

TEST_CASE("misbehaving targets (slow or failing DNS, slow connect, hang, reset, ...): every slot proven, no penalty") {
  // targets.json: each target behaviour in turn over every task, a crash so backups prove under
  // them too, tolerance 2 s (shorter than a hang or a slow DNS answer).
  scenario s = shipped("targets.json", 30);
  const run_report r = fast_network(s).run();
  check_accounting(r);
  CHECK(r.unresolved == 0);
  CHECK(r.missed == 0);
  CHECK(r.penalties == 0);
  CHECK(rejected(r, reject_reason::outside_time_window) == 0);
  CHECK(r.proven_by_backup > 0);
  CHECK(r.status0_proofs > 0);
  CHECK(r.status0_retries == 0);  // 2 s leave no room for a whole 5 s try after a status-0 hit

  // A wide window: the nodes ask a status-0 hit again (a persistent fault answers status 0 again,
  // so the first hit is proven), and still nobody is penalized.
  s.tasks.tolerance_s = 30;
  s.params.failover_delay_s = 40;
  const run_report wide = fast_network(s).run();
  check_accounting(wide);
  CHECK(wide.unresolved == 0);
  CHECK(wide.penalties == 0);
  CHECK(wide.status0_retries > 0);
  CHECK(wide.status0_proofs > 0);
}
