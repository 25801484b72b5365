// Private to the net library's .cpp files: the Asio objects behind io_runtime. Not for actor
// code (it pulls in Asio and OpenSSL headers).
#pragma once

#include <atomic>
#include <optional>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>

#include "net/io_runtime.hpp"

namespace automator::net {

struct io_runtime::impl {
  explicit impl(io_runtime_options opts);

  io_runtime_options options;
  boost::asio::io_context io;
  boost::asio::ssl::context tls_client{boost::asio::ssl::context::tls_client};
  std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work;
  std::vector<std::thread> workers;
  std::atomic<bool> running{false};
};

}  // namespace automator::net
