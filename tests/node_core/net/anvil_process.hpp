// A real anvil (node_modules/.bin/anvil) on a free local port for the duration of a test.
#pragma once

#include <cstdint>
#include <string>

#include <sys/types.h>

namespace automator::net::test {

class anvil_process {
public:
  /// Starts anvil and waits until it answers eth_chainId; throws std::runtime_error if it
  /// does not within a few seconds.
  anvil_process();
  ~anvil_process();
  anvil_process(const anvil_process&) = delete;
  anvil_process& operator=(const anvil_process&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/"; }

private:
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
};

}  // namespace automator::net::test
