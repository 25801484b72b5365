// One pooled HTTP/1.1 connection: resolve, connect, TLS handshake, write, read, with one
// deadline timer per exchange and the single retry of a request that met a stale connection.
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "net/http_client_internals.hpp"

namespace automator::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;

namespace {

bool is_ip_literal(const std::string& host) {
  error_code ec;
  asio::ip::make_address(host, ec);
  return !ec;
}

bool is_malformed_http(const error_code& ec) {
  return ec.category() == bhttp::make_error_code(bhttp::error::bad_version).category() &&
         ec != bhttp::error::end_of_stream && ec != bhttp::error::body_limit;
}

}  // namespace

http_connection::http_connection(std::shared_ptr<http_client::impl> owner, const url& origin)
    : owner_(std::move(owner)),
      origin_key_(origin.origin()),
      host_(origin.host),
      port_(std::to_string(origin.port)),
      tls_(origin.tls()),
      resolver_(owner_->strand),
      deadline_(owner_->strand) {}

tcp::socket& http_connection::socket() {
  return tls_ ? secure_->next_layer() : *plain_;
}

bool http_connection::expired(steady::time_point now) const {
  return now - idle_since_ > owner_->options.idle_timeout;
}

void http_connection::close() {
  error_code ignored;
  resolver_.cancel();
  if (plain_) plain_->close(ignored);
  if (secure_) secure_->next_layer().close(ignored);
  connected_ = false;
}

void http_connection::run(http_job job, bool reused) {
  job_.emplace(std::move(job));
  reused_ = reused;
  retried_ = false;
  timed_out_ = false;
  header_received_ = false;

  http_request& r = job_->request;
  request_ = {};
  request_.version(11);
  request_.method_string(r.method);
  request_.target(job_->target.target);
  request_.set(bhttp::field::host, job_->target.host_header());
  request_.set(bhttp::field::user_agent, owner_->options.user_agent);
  for (const auto& [name, value] : r.headers) request_.insert(name, value);
  if (!r.body.empty() || r.method == "POST" || r.method == "PUT" || r.method == "PATCH") {
    request_.body() = std::move(r.body);  // request_ is what a retry sends again
    request_.prepare_payload();
  }

  auto self = shared_from_this();
  const std::uint64_t exchange = ++exchange_;
  deadline_.expires_after(r.timeout);
  deadline_.async_wait([self, exchange](const error_code& ec) {
    if (ec || !self->job_ || self->exchange_ != exchange) return;
    self->timed_out_ = true;
    self->close();
  });

  if (connected_) {
    write_request();
  } else {
    open_transport();
  }
}

void http_connection::open_transport() {
  buffer_.clear();
  if (tls_) {
    secure_.emplace(owner_->strand, owner_->tls);
  } else {
    plain_.emplace(owner_->strand);
  }
  auto self = shared_from_this();
  resolver_.async_resolve(host_, port_,
                          [self](const error_code& ec, tcp::resolver::results_type endpoints) {
                            self->on_resolved(ec, std::move(endpoints));
                          });
}

void http_connection::on_resolved(const error_code& ec, tcp::resolver::results_type endpoints) {
  if (ec) return on_error(phase::resolve, ec, 0);
  auto self = shared_from_this();
  asio::async_connect(socket(), endpoints,
                      [self](const error_code& ec, const tcp::endpoint&) { self->on_connected(ec); });
}

void http_connection::on_connected(const error_code& ec) {
  if (ec) return on_error(phase::connect, ec, 0);
  {
    std::lock_guard lock(owner_->stats_mutex);
    ++owner_->stats.connections_opened;
  }
  error_code ignored;
  socket().set_option(tcp::no_delay(true), ignored);
  if (!tls_) {
    connected_ = true;
    return write_request();
  }
  if (!is_ip_literal(host_) && !SSL_set_tlsext_host_name(secure_->native_handle(), host_.c_str()))
    return on_error(phase::handshake, error_code(static_cast<int>(::ERR_get_error()),
                                                 asio::error::get_ssl_category()),
                    0);
  if (owner_->tls.native_handle() &&
      SSL_CTX_get_verify_mode(owner_->tls.native_handle()) != SSL_VERIFY_NONE)
    secure_->set_verify_callback(asio::ssl::host_name_verification(host_));
  auto self = shared_from_this();
  secure_->async_handshake(asio::ssl::stream_base::client, [self](const error_code& ec) {
    if (ec) return self->on_error(phase::handshake, ec, 0);
    self->connected_ = true;
    self->write_request();
  });
}

void http_connection::write_request() {
  auto self = shared_from_this();
  auto done = [self](const error_code& ec, std::size_t) {
    if (ec) return self->on_error(phase::write, ec, 0);
    self->read_response();
  };
  if (tls_) {
    bhttp::async_write(*secure_, request_, std::move(done));
  } else {
    bhttp::async_write(*plain_, request_, std::move(done));
  }
}

void http_connection::read_response() {
  parser_.emplace();
  parser_->body_limit(owner_->options.max_body_bytes);
  if (job_->request.method == "HEAD") parser_->skip(true);
  auto self = shared_from_this();
  auto done = [self](const error_code& ec, std::size_t bytes) {
    if (ec) return self->on_error(phase::read, ec, bytes);
    self->header_received_ = true;
    // Beast 1.74 does not apply body_limit to a Content-Length body, so check it here
    // (chunked and read-to-EOF bodies are limited by the parser itself).
    const auto length = self->parser_->content_length();
    if (length && *length > self->owner_->options.max_body_bytes)
      return self->on_error(phase::read, bhttp::error::body_limit, bytes);
    self->read_body();
  };
  if (tls_) {
    bhttp::async_read_header(*secure_, buffer_, *parser_, std::move(done));
  } else {
    bhttp::async_read_header(*plain_, buffer_, *parser_, std::move(done));
  }
}

void http_connection::read_body() {
  auto self = shared_from_this();
  auto done = [self](const error_code& ec, std::size_t bytes) { self->on_read(ec, bytes); };
  if (tls_) {
    bhttp::async_read(*secure_, buffer_, *parser_, std::move(done));
  } else {
    bhttp::async_read(*plain_, buffer_, *parser_, std::move(done));
  }
}

void http_connection::on_read(const error_code& ec, std::size_t bytes) {
  if (ec) return on_error(phase::read, ec, bytes);
  auto message = parser_->release();
  http_response response;
  response.status = message.result_int();
  for (const auto& field : message)
    response.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  response.body = std::move(message.body());
  response.elapsed =
      std::chrono::duration_cast<std::chrono::microseconds>(steady::now() - job_->submitted);
  finish(std::move(response), message.keep_alive());
}

void http_connection::on_error(phase where, const error_code& ec, std::size_t bytes_read) {
  const std::string where_text = job_->target.to_string();
  if (timed_out_) {
    return finish(net_error{net_errc::timeout,
                            where_text + ": no complete response within " +
                                std::to_string(job_->request.timeout.count()) + " ms"},
                  false);
  }
  if (owner_->closed) {
    return finish(net_error{net_errc::shutting_down, where_text + ": client shut down"}, false);
  }
  // A pooled connection the server closed while idle fails on write or before the first
  // response byte; the request never reached the application, so it is safe to send again.
  const bool stale = reused_ && !retried_ &&
                     (where == phase::write || (where == phase::read && !header_received_ && bytes_read == 0 &&
                                                !is_malformed_http(ec)));
  if (stale) {
    retried_ = true;
    reused_ = false;
    close();
    {
      std::lock_guard lock(owner_->stats_mutex);
      ++owner_->stats.retried_stale;
    }
    return open_transport();
  }

  net_errc code = net_errc::read_failed;
  std::string what;
  switch (where) {
    case phase::resolve:
      code = net_errc::resolve_failed;
      what = "cannot resolve " + host_;
      break;
    case phase::connect:
      code = net_errc::connect_failed;
      what = "connect failed";
      break;
    case phase::handshake:
      code = net_errc::tls;
      what = "TLS handshake failed";
      break;
    case phase::write:
      code = net_errc::write_failed;
      what = "sending the request failed";
      break;
    case phase::read:
      if (ec == bhttp::error::body_limit) {
        code = net_errc::body_too_large;
        what = "response body exceeds " + std::to_string(owner_->options.max_body_bytes) +
               " bytes";
      } else if (is_malformed_http(ec)) {
        code = net_errc::malformed_response;
        what = "malformed HTTP response";
      } else if (ec == bhttp::error::end_of_stream || ec == asio::error::eof) {
        code = net_errc::read_failed;
        what = "server closed the connection before a complete response";
      } else {
        what = "reading the response failed";
      }
      break;
  }
  finish(net_error{code, where_text + ": " + what + ": " + ec.message()}, false);
}

void http_connection::finish(http_result result, bool reusable) {
  error_code ignored;
  deadline_.cancel(ignored);
  http_job job = std::move(*job_);
  job_.reset();
  parser_.reset();
  if (!reusable) {
    close();
  } else {
    idle_since_ = steady::now();
  }
  auto self = shared_from_this();
  owner_->release(self, reusable && !owner_->closed);
  owner_->complete(job, std::move(result));
}

}  // namespace automator::net
