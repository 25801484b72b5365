// The watchdog actor: for each slot it is asked to watch (the scheduler sends the slots this
// operator backs up), it reads the slot's missDeadline, waits until then (one wake-up timer with
// a generation number), checks slotState, and if the slot is still pending asks the submitter
// to call reportMissed (the reporter earns a bounty). A slot is reported at most once; a proof
// seen meanwhile (HitProven) drops it.
#pragma once

#include <chrono>
#include <memory>

#include "actors/chain_client.hpp"
#include "actors/clock_source.hpp"
#include "actors/node_metrics.hpp"
#include "eth/bytes.hpp"
#include "messages/type_ids.hpp"

namespace automator {

struct watchdog_config {
  eth::address contract;
  clock_source clock;
  std::shared_ptr<chain_client> chain;
  submitter_actor submitter;
  std::shared_ptr<node_metrics> metrics;
  /// Margin after the deadline before checking (the chain's clock may lag ours).
  std::chrono::milliseconds margin{2000};
  /// Delay before asking again when an RPC call failed.
  std::chrono::milliseconds retry_after{5000};
};

watchdog_actor spawn_watchdog(caf::actor_system& sys, watchdog_config cfg);

} // namespace automator
