// Replays a trace of contract calls (createTask, submitHits, reportMissed, cancelTask at given
// block timestamps) on the contract model and returns each call's outcome, the events and the
// final state as JSON, in the same normalized form the differential test's JS driver reads
// from anvil running the real FleekAutomator (tests/sim/differential.test.mjs).
//
// Accounts are numbers: operators 0..n-1 in ascending address order, any other account above.
// A hit's signature is given as `validSignature`: the driver signs real EIP-712 proofs on
// chain and states here whether the proxy's signature covers the hit with the submitter as
// operator, which is the one fact the contract's BadSignature check establishes.
#pragma once

#include <nlohmann/json.hpp>

namespace automator::sim {

/// Throws std::runtime_error naming the malformed entry ("calls[3].hits[0].slot: ...").
nlohmann::json replay_trace(const nlohmann::json& trace);

}  // namespace automator::sim
