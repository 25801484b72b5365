// A raw TCP server for the failure tests: for each connection it reads the request head and
// then does what the test scripted (send fixed bytes, hang, close), which a correct HTTP
// server cannot be made to do.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <thread>

namespace automator::net::test {

class raw_server {
public:
  enum class behavior {
    reply_and_close,  // send `reply`, then close
    hang,             // read the request, never answer
    close_at_once,    // accept and close without reading
  };

  raw_server(behavior what, std::string reply = {});
  ~raw_server();
  raw_server(const raw_server&) = delete;
  raw_server& operator=(const raw_server&) = delete;

  std::uint16_t port() const { return port_; }
  std::string url(const std::string& path = "/") const;
  int connections() const { return connections_; }

private:
  void serve();

  behavior behavior_;
  std::string reply_;
  int listen_fd_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> connections_{0};
  std::thread thread_;
};

/// A port on 127.0.0.1 that nothing listens on (bound, then closed).
std::uint16_t unused_port();

}  // namespace automator::net::test
