// msgpack helpers for the values callers keep in the record_store: pack any type msgpack-c
// knows (or that has MSGPACK_DEFINE) into bytes, and unpack with a clear error on bad bytes.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include <msgpack.hpp>

#include "store/msgpack_bounded.hpp"
#include "store/record_store.hpp"

namespace automator::store {

template <class T>
std::string pack(const T& value) {
  msgpack::sbuffer buffer;
  msgpack::pack(buffer, value);
  return std::string(buffer.data(), buffer.size());
}

/// Throws store_error (a std::runtime_error) naming `what` when the bytes are not exactly one
/// msgpack encoding of T; sizes are bounded by the input (detail::unpack_bounded).
template <class T>
T unpack(std::string_view bytes, std::string_view what = "value") {
  try {
    msgpack::object_handle handle = detail::unpack_bounded(bytes);
    return handle.get().as<T>();
  } catch (const std::exception& e) {
    throw store_error("cannot decode stored " + std::string(what) + ": " + e.what());
  }
}

}  // namespace automator::store
