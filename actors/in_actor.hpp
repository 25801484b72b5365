// Turns a completion callback (which the net library runs on an I/O thread) into a
// continuation message to the actor, so the result is handled inside the actor, in order with
// its other messages, and the actor never blocks waiting for it.
#pragma once

#include <memory>
#include <utility>

#include <caf/send.hpp>

#include "messages/continuation.hpp"

namespace automator {

/// `self_handle` is the actor's own typed handle; `handler(result)` later runs inside it.
template <class Handle, class Handler>
auto in_actor(Handle self_handle, Handler handler) {
  auto shared = std::make_shared<Handler>(std::move(handler));
  return [self_handle = std::move(self_handle), shared](auto result) {
    auto boxed = std::make_shared<decltype(result)>(std::move(result));
    caf::anon_send(self_handle, continuation{[shared, boxed] { (*shared)(std::move(*boxed)); }});
  };
}

} // namespace automator
