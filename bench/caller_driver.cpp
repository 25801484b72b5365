// The http_caller row of http_throughput (see caller_driver.hpp).
#include "caller_driver.hpp"

#include <chrono>
#include <cstddef>
#include <memory>
#include <vector>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scoped_actor.hpp>
#include <caf/send.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/clock_source.hpp"
#include "actors/http_caller.hpp"
#include "actors/http_proxy_client.hpp"
#include "net/http_client.hpp"
#include "net/io_runtime.hpp"

using namespace automator;
using namespace std::chrono;

namespace {

/// Lane i is task i + 1 with one slot in flight. The driver sets `caller` and fires every lane's
/// first slot before any proof exists; from then on only the counting prover touches a lane,
/// when that lane's proof arrives, which the mailboxes order after the lane's fire.
struct lanes {
  lanes(clock_source c, int count) : clock(c), fired_at(static_cast<std::size_t>(count)) {}

  void fire(std::size_t lane, std::uint32_t slot) {
    fire_request f;
    f.ref = {lane + 1, slot};
    f.due_ms = clock.now_ms();
    f.tolerance_ms = 3'600'000; // the window stays open for the whole run: no slot is late
    fired_at[lane] = steady_clock::now();
    caf::anon_send(caller, f);
  }

  clock_source clock;
  http_caller_actor caller;
  std::vector<steady_clock::time_point> fired_at;
};

/// Stands in for the prover (and, by firing the lane's next slot, for the scheduler): counts
/// each proof into the loop without checking it. The prover would refuse these proofs (every
/// answer carries the sample hit's signature), but its checks are not what this measures.
prover_actor spawn_counting_prover(caf::actor_system& sys, std::shared_ptr<lanes> l,
                                   closed_loop loop) {
  return sys.spawn([l, loop](prover_actor::pointer) -> prover_actor::behavior_type {
    return {
      [l, loop](const proof_candidate& c) {
        const std::size_t lane = c.proof.ref.task_id - 1;
        const auto latency = steady_clock::now() - l->fired_at[lane];
        if (loop.completed(true, duration<double, std::milli>(latency).count()))
          l->fire(lane, c.proof.ref.slot + 1);
      },
      [](const slot_proven&) {},
      [](const proxy_signers&) {},
      [](age_atom, std::uint64_t) {},
    };
  });
}

} // namespace

hit_request caller_request(std::uint64_t task, std::uint32_t slot) {
  hit_request r;
  r.chain_id = 31337;
  r.contract = eth::address::from_hex("0x5FbDB2315678afecb367f032d93F642f64180aa3");
  r.task_id = task;
  r.slot = slot;
  r.operator_address = eth::address::from_hex("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
  return r;
}

measurement run_caller(const std::string& url, int connections, int seconds) {
  caf::actor_system_config cfg;
  register_message_types(cfg);
  caf::actor_system sys{cfg};
  net::io_runtime runtime;
  net::http_client_options options;
  options.max_connections_per_origin = static_cast<std::size_t>(connections);
  net::http_client http(runtime, options);

  closed_loop loop(connections);
  auto l = std::make_shared<lanes>(clock_source::wall(sys), connections);
  auto metrics = std::make_shared<node_metrics>();
  const hit_request like = caller_request(0, 0);
  l->caller = spawn_http_caller(
    sys, http_caller_config{like.chain_id, like.contract, like.operator_address, l->clock,
                            std::make_shared<http_proxy_client>(http, std::vector{url}),
                            spawn_counting_prover(sys, l, loop), metrics});
  for (std::size_t lane = 0; lane < static_cast<std::size_t>(connections); ++lane)
    l->fire(lane, 0);

  measurement m = loop.measure(seconds);
  m.errors = metrics->proxy_failures + metrics->slots_skipped_late;

  // The caller may still hold a retry for a failed slot: it must be gone before `http` is.
  caf::scoped_actor self{sys};
  self->send_exit(l->caller, caf::exit_reason::user_shutdown);
  self->wait_for(l->caller);
  l->caller = nullptr; // the prover holds `l`: break the cycle caller -> prover -> l -> caller
  return m;
}
