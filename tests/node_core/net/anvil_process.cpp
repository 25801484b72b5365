// anvil_process: fork/exec of anvil, readiness by polling its RPC, SIGTERM on teardown.
#include "anvil_process.hpp"

#include <chrono>
#include <csignal>
#include <stdexcept>
#include <thread>

#include <sys/wait.h>
#include <unistd.h>

#include "net/http_client.hpp"
#include "net/io_runtime.hpp"
#include "raw_server.hpp"

namespace automator::net::test {

anvil_process::anvil_process() : port_(unused_port()) {
  const std::string port = std::to_string(port_);
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    ::execl(AUTOMATOR_ANVIL, "anvil", "--port", port.c_str(), "--silent", nullptr);
    ::_exit(127);
  }
  io_runtime runtime;
  http_client client(runtime);
  http_request probe;
  probe.method = "POST";
  probe.url = url();
  probe.headers.emplace_back("Content-Type", "application/json");
  probe.body = R"({"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]})";
  probe.timeout = std::chrono::milliseconds(500);
  for (int attempt = 0; attempt < 200; ++attempt) {
    auto r = client.request_sync(probe);
    if (r.ok() && r->status == 200) return;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("anvil exited at start (is " AUTOMATOR_ANVIL " installed?)");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw std::runtime_error("anvil did not answer on " + url());
}

anvil_process::~anvil_process() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  int status = 0;
  ::waitpid(pid_, &status, 0);
}

}  // namespace automator::net::test
