// The network runtime of a process: one asio io_context served by its own worker thread(s) and
// the TLS client context (system trust store). HTTP clients and servers run on it and deliver
// their results by callback on these threads, so actors never block on I/O.
// Asio stays out of this header (pimpl) so that actor code including it compiles fast.
#pragma once

#include <memory>
#include <string>

namespace automator::net {

struct io_runtime_options {
  /// Worker threads running the io_context.
  unsigned threads = 1;
  /// Verify server certificates and host names (the default). Turn off only for devnets with
  /// self-signed certificates.
  bool verify_tls = true;
  /// Extra PEM file of trusted CA certificates, added to the system default verify paths.
  std::string ca_file;
};

class io_runtime {
public:
  /// Starts the worker threads. Throws std::runtime_error if ca_file cannot be loaded.
  explicit io_runtime(io_runtime_options options = {});
  /// Calls stop().
  ~io_runtime();
  io_runtime(const io_runtime&) = delete;
  io_runtime& operator=(const io_runtime&) = delete;

  /// Stops the io_context and joins the workers. Pending operations are abandoned: their
  /// callbacks do not run. Idempotent; must not be called from a worker thread.
  void stop();
  bool running() const noexcept;
  /// True when the calling thread is one of this runtime's workers (blocking there deadlocks).
  bool in_worker_thread() const noexcept;
  const io_runtime_options& options() const noexcept;

  struct impl;
  /// For the net library's own implementation files (io_runtime_internals.hpp).
  impl& internals() noexcept { return *impl_; }

private:
  std::unique_ptr<impl> impl_;
};

}  // namespace automator::net
