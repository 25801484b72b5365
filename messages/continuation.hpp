// A closure an actor posts to itself when an asynchronous call (RPC, HTTP, clock) completes, so
// the result is handled inside the actor and never on the I/O thread. It never leaves the
// process: an actor only ever sends it to itself.
#pragma once

#include <functional>

#include <caf/allowed_unsafe_message_type.hpp>

namespace automator {

struct continuation {
  std::function<void()> run;
};

} // namespace automator

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(automator::continuation)
