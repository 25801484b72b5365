// msgpack helpers for the values callers keep in the record_store: pack any type msgpack-c
// knows (or that has MSGPACK_DEFINE) into bytes, and unpack with a clear error on bad bytes.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include <msgpack.hpp>

namespace automator::store {

template <class T>
std::string pack(const T& value) {
  msgpack::sbuffer buffer;
  msgpack::pack(buffer, value);
  return std::string(buffer.data(), buffer.size());
}

/// Throws std::runtime_error naming `what` when the bytes are not a msgpack encoding of T.
template <class T>
T unpack(std::string_view bytes, std::string_view what = "value") {
  try {
    msgpack::object_handle handle = msgpack::unpack(bytes.data(), bytes.size());
    return handle.get().as<T>();
  } catch (const std::exception& e) {
    throw std::runtime_error("cannot decode stored " + std::string(what) + ": " + e.what());
  }
}

}  // namespace automator::store
