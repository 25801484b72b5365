// Private to http_client*.cpp: the per-origin pools (http_client::impl) and one pooled
// connection (http_connection). Everything here runs on the client's strand.
#pragma once

#include <chrono>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "net/http_client.hpp"
#include "net/url.hpp"

namespace automator::net {

using steady = std::chrono::steady_clock;
using strand_type = boost::asio::strand<boost::asio::io_context::executor_type>;

/// A submitted request with its parsed URL, waiting for or running on a connection.
struct http_job {
  http_request request;
  url target;
  http_callback callback;
  steady::time_point submitted;
};

class http_connection;

struct http_client::impl : std::enable_shared_from_this<http_client::impl> {
  impl(boost::asio::io_context& io, boost::asio::ssl::context& tls, http_client_options opts);

  /// Entry point on the strand for a new job.
  void dispatch(http_job job);
  /// A connection finished its job; `reusable` if it may serve another request.
  void release(const std::shared_ptr<http_connection>& conn, bool reusable);
  /// Runs the job's callback exactly once.
  void complete(http_job& job, http_result result);
  void fail(http_job& job, net_errc code, const std::string& why);
  void shutdown();

  struct origin_pool {
    std::vector<std::shared_ptr<http_connection>> idle;
    std::size_t open = 0;
    std::deque<http_job> queue;
  };

  strand_type strand;
  boost::asio::ssl::context& tls;
  const http_client_options options;
  std::unordered_map<std::string, origin_pool> pools;
  std::unordered_set<std::shared_ptr<http_connection>> busy;
  bool closed = false;

  mutable std::mutex stats_mutex;  // stats are read from other threads
  http_client_stats stats;
};

/// One TCP or TLS connection to one origin, doing one request/response exchange at a time.
class http_connection : public std::enable_shared_from_this<http_connection> {
public:
  http_connection(std::shared_ptr<http_client::impl> owner, const url& origin);

  /// Starts `job`; `reused` says the connection served a request before (enables the single
  /// retry on a fresh connection if it turns out the server had closed it).
  void run(http_job job, bool reused);
  void close();
  bool expired(steady::time_point now) const;
  const std::string& origin_key() const { return origin_key_; }

private:
  enum class phase { resolve, connect, handshake, write, read };

  void open_transport();
  void on_resolved(const boost::system::error_code& ec,
                   boost::asio::ip::tcp::resolver::results_type endpoints);
  void on_connected(const boost::system::error_code& ec);
  void write_request();
  void read_response();
  void read_body();
  void on_read(const boost::system::error_code& ec, std::size_t bytes);
  void on_error(phase where, const boost::system::error_code& ec, std::size_t bytes_read);
  void finish(http_result result, bool reusable);
  boost::asio::ip::tcp::socket& socket();

  std::shared_ptr<http_client::impl> owner_;
  const std::string origin_key_;
  const std::string host_;
  const std::string port_;
  const bool tls_;
  boost::asio::ip::tcp::resolver resolver_;
  boost::asio::steady_timer deadline_;
  std::optional<boost::asio::ip::tcp::socket> plain_;
  std::optional<boost::asio::ssl::stream<boost::asio::ip::tcp::socket>> secure_;
  boost::beast::flat_buffer buffer_;
  bool connected_ = false;
  steady::time_point idle_since_;

  std::optional<http_job> job_;
  bool reused_ = false;
  bool retried_ = false;
  bool timed_out_ = false;
  bool header_received_ = false;
  std::uint64_t exchange_ = 0;  // tells a late timer expiry of an earlier exchange apart
  boost::beast::http::request<boost::beast::http::string_body> request_;
  std::optional<boost::beast::http::response_parser<boost::beast::http::string_body>> parser_;
};

}  // namespace automator::net
