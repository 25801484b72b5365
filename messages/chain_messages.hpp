// What the chain watcher learns from the contract's events and passes on (confirmed only).
#pragma once

#include <cstdint>
#include <vector>

#include <caf/meta/type_name.hpp>

#include "messages/primitives.hpp"

namespace automator {

/// The part of a TaskCreated event the node needs to schedule it (the proxy reads URL and body).
struct task_record {
  uint64_t id = 0;
  uint64_t start = 0;    // unix seconds of slot 0
  uint32_t interval = 1; // seconds between slots
  uint32_t count = 0;
  uint32_t tolerance = 0; // seconds a hit may be early or late
  uint8_t quorum = 1;
  uint64_t block = 0; // block of the TaskCreated event
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, task_record& x) {
  return f(caf::meta::type_name("task_record"), x.id, x.start, x.interval, x.count, x.tolerance,
           x.quorum, x.block);
}

struct task_cancelled {
  uint64_t id = 0;
  uint64_t block = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, task_cancelled& x) {
  return f(caf::meta::type_name("task_cancelled"), x.id, x.block);
}

/// The active operator set (sorted by address) from `effective_from` (unix seconds) on.
struct operator_set_scheduled {
  uint64_t effective_from = 0;
  std::vector<address20> operators;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, operator_set_scheduled& x) {
  return f(caf::meta::type_name("operator_set_scheduled"), x.effective_from, x.operators);
}

/// The contract's Params the node acts on.
struct protocol_params {
  uint32_t epoch_length = 0;
  uint32_t activation_delay = 0;
  uint8_t redundancy = 1;
  uint32_t failover_delay = 0;
  uint32_t submit_window = 0;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, protocol_params& x) {
  return f(caf::meta::type_name("protocol_params"), x.epoch_length, x.activation_delay,
           x.redundancy, x.failover_delay, x.submit_window);
}

/// The complete set of registered proxy signers (sent whenever it changes).
struct proxy_signers {
  std::vector<address20> signers;
};

template <class Inspector>
typename Inspector::result_type inspect(Inspector& f, proxy_signers& x) {
  return f(caf::meta::type_name("proxy_signers"), x.signers);
}

} // namespace automator
