// Atoms of the operator node's messages (CAF 0.17: an atom is its own type, no type ID needed).
#pragma once

#include <caf/type_id.hpp>

/// Timer wake-up carrying a generation number (stale generations are dropped).
CAF_ADD_ATOM(automator_messages, automator, wake_atom, "am_wake")
/// The prover's batch-age timer, with a generation number.
CAF_ADD_ATOM(automator_messages, automator, age_atom, "am_age")
/// Periodic polling (chain watcher: new blocks; submitter: receipts of pending transactions).
CAF_ADD_ATOM(automator_messages, automator, poll_atom, "am_poll")
