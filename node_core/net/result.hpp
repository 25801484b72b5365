// result<T, E>: a value or an error, handed to the asynchronous callbacks of the net library
// (C++17 has no std::expected). Accessing the wrong side throws std::logic_error, never UB.
#pragma once

#include <stdexcept>
#include <type_traits>
#include <utility>
#include <variant>

namespace automator::net {

template <class T, class E>
class result {
  static_assert(!std::is_same_v<T, E>, "result<T, E> needs distinct value and error types");

public:
  result(T value) : v_(std::in_place_index<0>, std::move(value)) {}
  result(E error) : v_(std::in_place_index<1>, std::move(error)) {}

  bool ok() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  T& value() & { return checked_value(); }
  const T& value() const& { return const_cast<result*>(this)->checked_value(); }
  T&& value() && { return std::move(checked_value()); }
  T* operator->() { return &checked_value(); }
  const T* operator->() const { return &const_cast<result*>(this)->checked_value(); }
  T& operator*() & { return checked_value(); }
  const T& operator*() const& { return const_cast<result*>(this)->checked_value(); }

  const E& error() const {
    if (ok()) throw std::logic_error("result::error() called on a successful result");
    return std::get<1>(v_);
  }

private:
  T& checked_value() {
    if (!ok()) throw std::logic_error("result::value() called on a failed result");
    return std::get<0>(v_);
  }

  std::variant<T, E> v_;
};

}  // namespace automator::net
