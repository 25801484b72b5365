// http_client: submission from any thread, the per-origin pools and the FIFO queue.
#include "net/http_client.hpp"

#include <cstring>
#include <future>

#include <boost/asio/post.hpp>

#include "net/http_client_internals.hpp"
#include "net/io_runtime_internals.hpp"

namespace automator::net {

namespace asio = boost::asio;

namespace {

bool is_token(std::string_view s) {
  if (s.empty()) return false;
  for (unsigned char c : s) {
    if (c <= 0x20 || c >= 0x7f || std::strchr("\"(),/:;<=>?@[\\]{}", c)) return false;
  }
  return true;
}

/// Why `request` cannot be sent as is (a bad method or header would corrupt the stream or
/// allow header injection), or "" if it is fine.
std::string request_problem(const http_request& request) {
  if (!is_token(request.method)) return "invalid method \"" + request.method + "\"";
  for (const auto& [name, value] : request.headers) {
    if (!is_token(name)) return "invalid header name \"" + name + "\"";
    if (value.find_first_of(std::string_view("\r\n\0", 3)) != std::string::npos)
      return "header " + name + " contains CR, LF or NUL";
  }
  return {};
}

}  // namespace

http_client::impl::impl(asio::io_context& io, asio::ssl::context& tls_context,
                        http_client_options opts)
    : strand(asio::make_strand(io)), tls(tls_context), options(std::move(opts)) {}

void http_client::impl::complete(http_job& job, http_result result) {
  {
    std::lock_guard lock(stats_mutex);
    ++(result.ok() ? stats.requests_completed : stats.requests_failed);
  }
  // An exception escaping a callback would end the io_runtime's worker thread; the callback
  // owns its error handling, so nothing useful can be done with it here.
  try {
    job.callback(std::move(result));
  } catch (...) {
  }
}

void http_client::impl::fail(http_job& job, net_errc code, const std::string& why) {
  complete(job, net_error{code, job.request.url + ": " + why});
}

void http_client::impl::dispatch(http_job job) {
  if (closed) return fail(job, net_errc::shutting_down, "client shut down");
  origin_pool& pool = pools[job.target.origin()];
  const auto now = steady::now();
  while (!pool.idle.empty()) {
    auto conn = std::move(pool.idle.back());
    pool.idle.pop_back();
    const bool expired = conn->expired(now);
    {
      std::lock_guard lock(stats_mutex);
      --stats.idle_connections;
      if (!expired) {
        ++stats.reused_connections;
        ++stats.in_flight;
      }
    }
    if (expired) {
      conn->close();
      --pool.open;
      continue;
    }
    busy.insert(conn);
    return conn->run(std::move(job), true);
  }
  if (pool.open < options.max_connections_per_origin) {
    ++pool.open;
    {
      std::lock_guard lock(stats_mutex);
      ++stats.in_flight;
    }
    auto conn = std::make_shared<http_connection>(shared_from_this(), job.target);
    busy.insert(conn);
    return conn->run(std::move(job), false);
  }
  {
    std::lock_guard lock(stats_mutex);
    if (stats.queued < options.max_queued) {
      ++stats.queued;
      pool.queue.push_back(std::move(job));
      return;
    }
  }
  fail(job, net_errc::queue_full,
       "more than " + std::to_string(options.max_queued) + " requests waiting");
}

void http_client::impl::release(const std::shared_ptr<http_connection>& conn, bool reusable) {
  busy.erase(conn);
  origin_pool& pool = pools[conn->origin_key()];
  std::unique_lock lock(stats_mutex);
  --stats.in_flight;
  if (!reusable) --pool.open;
  if (pool.queue.empty()) {
    if (reusable) {
      pool.idle.push_back(conn);
      ++stats.idle_connections;
    }
    return;
  }
  http_job next = std::move(pool.queue.front());
  pool.queue.pop_front();
  --stats.queued;
  ++stats.in_flight;
  if (reusable) {
    ++stats.reused_connections;
    lock.unlock();
    busy.insert(conn);
    conn->run(std::move(next), true);
  } else {
    lock.unlock();
    ++pool.open;
    auto fresh = std::make_shared<http_connection>(shared_from_this(), next.target);
    busy.insert(fresh);
    fresh->run(std::move(next), false);
  }
}

void http_client::impl::shutdown() {
  closed = true;
  for (auto& [key, pool] : pools) {
    for (auto& conn : pool.idle) conn->close();
    pool.idle.clear();
    while (!pool.queue.empty()) {
      http_job job = std::move(pool.queue.front());
      pool.queue.pop_front();
      fail(job, net_errc::shutting_down, "client shut down");
    }
  }
  // In-flight exchanges fail with shutting_down once their aborted operations complete.
  for (const auto& conn : busy) conn->close();
  std::lock_guard lock(stats_mutex);
  stats.queued = 0;
  stats.idle_connections = 0;
}

http_client::http_client(io_runtime& runtime, http_client_options options)
    : impl_(std::make_shared<impl>(runtime.internals().io, runtime.internals().tls_client,
                                   std::move(options))),
      runtime_(runtime) {}

http_client::~http_client() {
  asio::post(impl_->strand, [self = impl_] { self->shutdown(); });
}

void http_client::submit(http_request request, http_callback callback) {
  http_job job{std::move(request), {}, std::move(callback), steady::now()};
  auto reject = [&](net_errc code, std::string why) {
    asio::post(impl_->strand, [self = impl_, job = std::move(job), code, why]() mutable {
      self->complete(job, net_error{code, why});
    });
  };
  try {
    job.target = parse_url(job.request.url);
  } catch (const url_error& e) {
    return reject(net_errc::invalid_url, e.what());
  }
  if (auto problem = request_problem(job.request); !problem.empty())
    return reject(net_errc::invalid_request, job.request.url + ": " + problem);
  asio::post(impl_->strand,
             [self = impl_, job = std::move(job)]() mutable { self->dispatch(std::move(job)); });
}

http_result http_client::request_sync(http_request request) {
  if (runtime_.in_worker_thread())
    return net_error{net_errc::invalid_request,
                     request.url + ": request_sync called on an io_runtime thread (would deadlock)"};
  auto done = std::make_shared<std::promise<http_result>>();
  auto future = done->get_future();
  submit(std::move(request), [done](http_result r) { done->set_value(std::move(r)); });
  return future.get();
}

http_client_stats http_client::stats() const {
  std::lock_guard lock(impl_->stats_mutex);
  return impl_->stats;
}

const http_client_options& http_client::options() const noexcept { return impl_->options; }

}  // namespace automator::net
