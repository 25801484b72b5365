// http_server: the acceptor and one keep-alive session per connection (plain or TLS), each on
// its own strand.
#include "net/http_server.hpp"

#include <algorithm>
#include <atomic>
#include <future>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "net/io_runtime_internals.hpp"

namespace automator::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;

class server_session;

struct http_server::impl : std::enable_shared_from_this<http_server::impl> {
  impl(asio::io_context& io, async_server_handler h, http_server_options opts)
      : io(io), handler(std::move(h)), options(std::move(opts)), acceptor(asio::make_strand(io)) {}

  void accept();
  bool tls() const { return tls_context.has_value(); }

  asio::io_context& io;
  async_server_handler handler;
  const http_server_options options;
  std::optional<asio::ssl::context> tls_context;
  tcp::acceptor acceptor;
  std::uint16_t bound_port = 0;
  std::atomic<bool> stopped{false};
  std::atomic<std::uint64_t> accepted{0};
  std::atomic<std::uint64_t> served{0};
  std::mutex sessions_mutex;
  std::vector<std::weak_ptr<server_session>> sessions;
};

/// One accepted connection: read a request, answer it, repeat while keep-alive.
class server_session : public std::enable_shared_from_this<server_session> {
public:
  using strand_type = asio::strand<asio::io_context::executor_type>;

  server_session(std::shared_ptr<http_server::impl> server, strand_type strand, tcp::socket socket)
      : server_(std::move(server)), strand_(std::move(strand)) {
    if (server_->tls()) {
      secure_.emplace(std::move(socket), *server_->tls_context);
    } else {
      plain_.emplace(std::move(socket));
    }
  }

  void start() {
    auto self = shared_from_this();
    if (!secure_) return read_request();
    lowest().expires_after(server_->options.idle_timeout);
    secure_->async_handshake(asio::ssl::stream_base::server, [self](const error_code& ec) {
      if (!ec) self->read_request();
    });
  }

  /// Safe from any thread.
  void close_from_anywhere() {
    auto self = shared_from_this();
    asio::post(strand_, [self] {
      error_code ignored;
      self->lowest().socket().shutdown(tcp::socket::shutdown_both, ignored);
      self->lowest().close();
    });
  }

private:
  beast::tcp_stream& lowest() { return secure_ ? beast::get_lowest_layer(*secure_) : *plain_; }

  void read_request() {
    parser_.emplace();
    parser_->body_limit(server_->options.max_body_bytes);
    lowest().expires_after(server_->options.idle_timeout);
    auto self = shared_from_this();
    auto done = [self](const error_code& ec, std::size_t) {
      if (ec) return self->on_read_failed(ec);
      // Beast 1.74 does not apply body_limit to a Content-Length body; check it here.
      const auto length = self->parser_->content_length();
      if (length && *length > self->server_->options.max_body_bytes)
        return self->on_read_failed(bhttp::error::body_limit);
      self->read_body();
    };
    if (secure_) {
      bhttp::async_read_header(*secure_, buffer_, *parser_, std::move(done));
    } else {
      bhttp::async_read_header(*plain_, buffer_, *parser_, std::move(done));
    }
  }

  void read_body() {
    auto self = shared_from_this();
    auto done = [self](const error_code& ec, std::size_t) {
      if (ec) return self->on_read_failed(ec);
      self->answer();
    };
    if (secure_) {
      bhttp::async_read(*secure_, buffer_, *parser_, std::move(done));
    } else {
      bhttp::async_read(*plain_, buffer_, *parser_, std::move(done));
    }
  }

  void on_read_failed(const error_code& ec) {
    if (ec == bhttp::error::body_limit) {
      respond(413, "request body too large\n", true);
    } else if (ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category() &&
               ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message) {
      respond(400, "malformed request: " + ec.message() + "\n", true);
    } else {
      lowest().close();
    }
  }

  void answer() {
    auto request = parser_->release();
    server_request in;
    in.method = std::string(request.method_string());
    in.target = std::string(request.target());
    for (const auto& field : request)
      in.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    in.body = std::move(request.body());

    const unsigned version = request.version();
    const bool keep_alive = request.keep_alive();
    if (server_->stopped) {
      return send(version, false,
                  {503, "text/plain; charset=utf-8", "server stopping\n", {}, true});
    }
    auto self = shared_from_this();
    auto once = std::make_shared<std::atomic<bool>>(false);
    server_responder respond = [self, once, version, keep_alive](server_response out) {
      if (once->exchange(true)) return;
      const bool keep = keep_alive && !out.close;
      // A synchronous handler answers on the session's strand: send without another hop.
      if (self->strand_.running_in_this_thread()) return self->send(version, keep, std::move(out));
      asio::post(self->strand_, [self, version, keep, out = std::move(out)]() mutable {
        self->send(version, keep, std::move(out));
      });
    };
    try {
      server_->handler(in, respond);
    } catch (const std::exception& e) {
      respond({500, "text/plain; charset=utf-8", std::string("handler failed: ") + e.what() + "\n",
               {}, false});
    }
  }

  void respond(unsigned status, std::string body, bool close) {
    send(11, !close, server_response{status, "text/plain; charset=utf-8", std::move(body), {}, close});
  }

  void send(unsigned version, bool keep_alive, server_response out) {
    response_ = {};
    response_.version(version);
    response_.result(out.status);
    response_.set(bhttp::field::content_type, out.content_type);
    for (const auto& [name, value] : out.headers) response_.insert(name, value);
    response_.body() = std::move(out.body);
    response_.keep_alive(keep_alive);
    response_.prepare_payload();
    ++server_->served;
    auto self = shared_from_this();
    auto done = [self, keep_alive](const error_code& ec, std::size_t) {
      if (ec) return self->lowest().close();
      if (keep_alive) return self->read_request();
      error_code ignored;
      self->lowest().socket().shutdown(tcp::socket::shutdown_send, ignored);
    };
    lowest().expires_after(server_->options.idle_timeout);
    if (secure_) {
      bhttp::async_write(*secure_, response_, std::move(done));
    } else {
      bhttp::async_write(*plain_, response_, std::move(done));
    }
  }

  std::shared_ptr<http_server::impl> server_;
  strand_type strand_;  // the executor of the session's socket
  std::optional<beast::tcp_stream> plain_;
  std::optional<beast::ssl_stream<beast::tcp_stream>> secure_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  bhttp::response<bhttp::string_body> response_;
};

void http_server::impl::accept() {
  auto self = shared_from_this();
  auto strand = asio::make_strand(io);
  acceptor.async_accept(strand, [self, strand](const error_code& ec, tcp::socket socket) {
    if (self->stopped || !self->acceptor.is_open()) return;
    if (!ec) {
      ++self->accepted;
      error_code ignored;
      socket.set_option(tcp::no_delay(true), ignored);
      auto session = std::make_shared<server_session>(self, strand, std::move(socket));
      {
        std::lock_guard lock(self->sessions_mutex);
        auto& list = self->sessions;
        list.erase(std::remove_if(list.begin(), list.end(), [](auto& w) { return w.expired(); }),
                   list.end());
        list.push_back(session);
      }
      session->start();
    }
    self->accept();
  });
}

http_server::http_server(io_runtime& runtime, server_handler handler, http_server_options options)
    : http_server(runtime,
                  async_server_handler([handler = std::move(handler)](
                                           const server_request& r, server_responder respond) {
                    respond(handler(r));
                  }),
                  std::move(options)) {}

http_server::http_server(io_runtime& runtime, async_server_handler handler,
                         http_server_options options)
    : impl_(std::make_shared<impl>(runtime.internals().io, std::move(handler),
                                   std::move(options))) {
  const auto& opts = impl_->options;
  const std::string where = opts.bind_address + ":" + std::to_string(opts.port);
  if (opts.tls_cert_file.empty() != opts.tls_key_file.empty())
    throw std::runtime_error("http_server: TLS needs both a certificate and a key file");
  if (!opts.tls_cert_file.empty()) {
    impl_->tls_context.emplace(asio::ssl::context::tls_server);
    error_code ec;
    impl_->tls_context->use_certificate_chain_file(opts.tls_cert_file, ec);
    if (ec)
      throw std::runtime_error("http_server: cannot load certificate " + opts.tls_cert_file +
                               ": " + ec.message());
    impl_->tls_context->use_private_key_file(opts.tls_key_file, asio::ssl::context::pem, ec);
    if (ec)
      throw std::runtime_error("http_server: cannot load key " + opts.tls_key_file + ": " +
                               ec.message());
  }
  error_code ec;
  const auto address = asio::ip::make_address(opts.bind_address, ec);
  if (ec) throw std::runtime_error("http_server: bad bind address " + opts.bind_address);
  const tcp::endpoint endpoint(address, opts.port);
  auto& acceptor = impl_->acceptor;
  if (!acceptor.open(endpoint.protocol(), ec) &&
      !acceptor.set_option(asio::socket_base::reuse_address(true), ec) &&
      !acceptor.bind(endpoint, ec) && !acceptor.listen(asio::socket_base::max_listen_connections, ec)) {
    impl_->bound_port = acceptor.local_endpoint().port();
    impl_->accept();
    return;
  }
  throw std::runtime_error("http_server: cannot listen on " + where + ": " + ec.message());
}

http_server::~http_server() { stop(); }

std::uint16_t http_server::port() const noexcept { return impl_->bound_port; }

void http_server::stop() {
  if (impl_->stopped.exchange(true)) return;
  auto closed = std::make_shared<std::promise<void>>();
  auto done = closed->get_future();
  asio::post(impl_->acceptor.get_executor(), [self = impl_, closed] {
    error_code ignored;
    self->acceptor.close(ignored);
    std::lock_guard lock(self->sessions_mutex);
    for (auto& weak : self->sessions)
      if (auto session = weak.lock()) session->close_from_anywhere();
    self->sessions.clear();
    closed->set_value();
  });
  // Wait so the port is free when stop() returns, unless that would deadlock.
  if (!impl_->io.get_executor().running_in_this_thread() && !impl_->io.stopped())
    done.wait_for(std::chrono::seconds(5));
}

std::uint64_t http_server::connections_accepted() const noexcept { return impl_->accepted; }
std::uint64_t http_server::requests_served() const noexcept { return impl_->served; }

}  // namespace automator::net
