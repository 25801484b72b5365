// raw_server: POSIX sockets and poll(), one thread, connections handled in turn.
#include "raw_server.hpp"

#include <stdexcept>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace automator::net::test {
namespace {

int listen_on_loopback(std::uint16_t& port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(fd, 64) != 0)
    throw std::runtime_error("raw_server: cannot listen on 127.0.0.1");
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  port = ntohs(addr.sin_port);
  return fd;
}

/// Waits up to 50 ms for `fd` to be readable.
bool readable(int fd) {
  pollfd p{fd, POLLIN, 0};
  return ::poll(&p, 1, 50) > 0;
}

}  // namespace

raw_server::raw_server(behavior what, std::string reply)
    : behavior_(what), reply_(std::move(reply)) {
  listen_fd_ = listen_on_loopback(port_);
  thread_ = std::thread([this] { serve(); });
}

raw_server::~raw_server() {
  stopping_ = true;
  thread_.join();
  ::close(listen_fd_);
}

std::string raw_server::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

void raw_server::serve() {
  std::vector<int> hung;
  while (!stopping_) {
    if (!readable(listen_fd_)) continue;
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    ++connections_;
    if (behavior_ == behavior::close_at_once) {
      ::close(fd);
      continue;
    }
    std::string head;
    char buffer[4096];
    while (!stopping_ && head.find("\r\n\r\n") == std::string::npos) {
      if (!readable(fd)) continue;
      const ssize_t n = ::read(fd, buffer, sizeof buffer);
      if (n <= 0) break;
      head.append(buffer, static_cast<std::size_t>(n));
    }
    if (behavior_ == behavior::hang) {
      hung.push_back(fd);
      continue;
    }
    for (std::size_t sent = 0; sent < reply_.size();) {
      const ssize_t n = ::send(fd, reply_.data() + sent, reply_.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) break;
      sent += static_cast<std::size_t>(n);
    }
    ::shutdown(fd, SHUT_WR);
    ::close(fd);
  }
  for (int fd : hung) ::close(fd);
}

std::uint16_t unused_port() {
  std::uint16_t port = 0;
  ::close(listen_on_loopback(port));
  return port;
}

}  // namespace automator::net::test
