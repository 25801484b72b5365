// io_runtime: the io_context, its worker threads and the TLS client context.
#include "net/io_runtime.hpp"

#include <stdexcept>

#include "net/io_runtime_internals.hpp"

namespace automator::net {

io_runtime::impl::impl(io_runtime_options opts) : options(std::move(opts)) {
  tls_client.set_default_verify_paths();
  if (!options.ca_file.empty()) {
    boost::system::error_code ec;
    tls_client.load_verify_file(options.ca_file, ec);
    if (ec)
      throw std::runtime_error("io_runtime: cannot load CA file " + options.ca_file + ": " +
                               ec.message());
  }
  tls_client.set_verify_mode(options.verify_tls ? boost::asio::ssl::verify_peer
                                                : boost::asio::ssl::verify_none);
}

io_runtime::io_runtime(io_runtime_options options)
    : impl_(std::make_unique<impl>(std::move(options))) {
  impl_->work.emplace(impl_->io.get_executor());
  const unsigned n = impl_->options.threads == 0 ? 1 : impl_->options.threads;
  impl_->running = true;
  for (unsigned i = 0; i < n; ++i) impl_->workers.emplace_back([this] { impl_->io.run(); });
}

io_runtime::~io_runtime() { stop(); }

void io_runtime::stop() {
  if (!impl_->running.exchange(false)) return;
  impl_->work.reset();
  impl_->io.stop();
  for (auto& t : impl_->workers) t.join();
  impl_->workers.clear();
}

bool io_runtime::running() const noexcept { return impl_->running; }

bool io_runtime::in_worker_thread() const noexcept {
  return impl_->io.get_executor().running_in_this_thread();
}

const io_runtime_options& io_runtime::options() const noexcept { return impl_->options; }

}  // namespace automator::net
