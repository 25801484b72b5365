// HTTP throughput benchmark: requests per second and latency percentiles through the pooled
// http_client against a local keep-alive server answering a small JSON body (like the proxy's
// signed proof), next to wrk against the same server as the ceiling. Both sides run one
// io thread each (the server on its own), on the same machine.
// Usage: http_throughput [--seconds N] [--connections 1,8,32] [--no-wrk]
// Target: http_client >= 50% of wrk's requests per second at the same concurrency.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "net/http_client.hpp"
#include "net/http_server.hpp"
#include "net/io_runtime.hpp"

using namespace automator::net;
using namespace std::chrono;

namespace {

const std::string proof_json =
    R"({"taskId":"42","slot":"1700000000","operator":"0x70997970c51812dc3a010c7d01b50e0d17dc79c8",)"
    R"("status":200,"hitTimeMs":"1700000000123","signature":"0x)" + std::string(130, 'a') + R"("})";

struct measurement {
  double requests_per_second = 0;
  double p50_ms = 0;
  double p99_ms = 0;
  std::uint64_t errors = 0;
};

/// Closed loop: `connections` requests always in flight for `seconds`, after a 1 s warm-up.
measurement run_client(const std::string& url, int connections, int seconds) {
  io_runtime runtime;
  http_client_options options;
  options.max_connections_per_origin = static_cast<std::size_t>(connections);
  http_client client(runtime, options);

  struct shared_state {
    std::mutex mutex;
    std::vector<double> latencies_ms;
    std::atomic<bool> measuring{false};
    std::atomic<bool> stopping{false};
    std::atomic<std::uint64_t> completed{0};
    std::atomic<std::uint64_t> errors{0};
    std::atomic<int> active{0};
    std::promise<void> drained;
  };
  auto state = std::make_shared<shared_state>();
  state->latencies_ms.reserve(4'000'000);

  http_request request;
  request.method = "POST";
  request.url = url;
  request.headers.emplace_back("Content-Type", "application/json");
  request.body = R"({"chainId":31337,"taskId":"42","slot":"1700000000"})";

  std::function<void()> next;
  next = [&, state] {
    client.submit(request, [&, state](http_result r) {
      if (state->measuring) {
        if (r.ok() && r->status == 200) {
          ++state->completed;
          std::lock_guard lock(state->mutex);
          state->latencies_ms.push_back(duration<double, std::milli>(r->elapsed).count());
        } else {
          ++state->errors;
        }
      }
      if (state->stopping) {
        if (--state->active == 0) state->drained.set_value();
        return;
      }
      next();
    });
  };
  state->active = connections;
  for (int i = 0; i < connections; ++i) next();

  std::this_thread::sleep_for(1s);
  state->measuring = true;
  const auto start = steady_clock::now();
  std::this_thread::sleep_for(std::chrono::seconds(seconds));
  state->measuring = false;
  const double elapsed = duration<double>(steady_clock::now() - start).count();
  state->stopping = true;
  state->drained.get_future().wait();

  measurement m;
  m.requests_per_second = static_cast<double>(state->completed) / elapsed;
  m.errors = state->errors;
  auto& l = state->latencies_ms;
  if (!l.empty()) {
    std::sort(l.begin(), l.end());
    m.p50_ms = l[l.size() / 2];
    m.p99_ms = l[std::min(l.size() - 1, l.size() * 99 / 100)];
  }
  return m;
}

/// "1.23ms" / "850.00us" / "1.10s" -> milliseconds.
double wrk_duration_ms(const std::string& text) {
  const double value = std::atof(text.c_str());
  if (text.find("us") != std::string::npos) return value / 1000;
  if (text.find("ms") != std::string::npos) return value;
  if (text.find('s') != std::string::npos) return value * 1000;
  return value;
}

/// wrk with one thread (like the client) and `connections` keep-alive connections, posting
/// the same body. nullopt if wrk is not installed or its output cannot be read.
std::optional<measurement> run_wrk(const std::string& url, int connections, int seconds) {
  const std::string lua = "/tmp/http_throughput_wrk.lua";
  if (FILE* f = std::fopen(lua.c_str(), "w")) {
    std::fputs("wrk.method = \"POST\"\n"
               "wrk.headers[\"Content-Type\"] = \"application/json\"\n"
               "wrk.body = '{\"chainId\":31337,\"taskId\":\"42\",\"slot\":\"1700000000\"}'\n",
               f);
    std::fclose(f);
  }
  const std::string command = "wrk -t1 -c" + std::to_string(connections) + " -d" +
                              std::to_string(seconds + 1) + "s --latency -s " + lua + " " + url +
                              " 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return std::nullopt;
  std::string output;
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe)) output += buffer;
  if (::pclose(pipe) != 0) return std::nullopt;

  measurement m;
  bool have_rps = false;
  std::istringstream lines(output);
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::string first, second;
    words >> first >> second;
    if (first == "Requests/sec:") {
      m.requests_per_second = std::atof(second.c_str());
      have_rps = true;
    } else if (first == "50%") {
      m.p50_ms = wrk_duration_ms(second);
    } else if (first == "99%") {
      m.p99_ms = wrk_duration_ms(second);
    } else if (first == "Non-2xx") {
      m.errors = std::strtoull(line.substr(line.find(':') + 1).c_str(), nullptr, 10);
    }
  }
  return have_rps ? std::optional<measurement>(m) : std::nullopt;
}

std::vector<int> parse_list(const char* text) {
  std::vector<int> out;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) out.push_back(std::atoi(item.c_str()));
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  int seconds = 4;
  std::vector<int> concurrency = {1, 8, 32};
  bool with_wrk = true;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--seconds") && i + 1 < argc) {
      seconds = std::atoi(argv[++i]);
    } else if (!std::strcmp(argv[i], "--connections") && i + 1 < argc) {
      concurrency = parse_list(argv[++i]);
    } else if (!std::strcmp(argv[i], "--no-wrk")) {
      with_wrk = false;
    } else {
      std::fprintf(stderr, "usage: %s [--seconds N] [--connections 1,8,32] [--no-wrk]\n", argv[0]);
      return 2;
    }
  }

  io_runtime server_runtime;
  http_server server(server_runtime, [](const server_request&) {
    return server_response{200, "application/json", proof_json, {}, false};
  });
  const std::string url = "http://127.0.0.1:" + std::to_string(server.port()) + "/hit";

  std::printf("HTTP throughput: POST %zu-byte JSON, %zu-byte answer, keep-alive, %d s per row\n",
              std::strlen(R"({"chainId":31337,"taskId":"42","slot":"1700000000"})"),
              proof_json.size(), seconds);
  std::printf("%-12s %-12s %12s %10s %10s %8s %10s\n", "client", "connections", "req/s",
              "p50 ms", "p99 ms", "errors", "% of wrk");
  bool target_met = true;
  for (int c : concurrency) {
    std::optional<measurement> ceiling = with_wrk ? run_wrk(url, c, seconds) : std::nullopt;
    if (ceiling)
      std::printf("%-12s %-12d %12.0f %10.3f %10.3f %8llu %10s\n", "wrk", c,
                  ceiling->requests_per_second, ceiling->p50_ms, ceiling->p99_ms,
                  static_cast<unsigned long long>(ceiling->errors), "100%");
    else if (with_wrk)
      std::printf("%-12s %-12d %12s\n", "wrk", c, "(wrk unavailable)");
    const measurement m = run_client(url, c, seconds);
    char share[16] = "-";
    if (ceiling && ceiling->requests_per_second > 0) {
      const double pct = 100.0 * m.requests_per_second / ceiling->requests_per_second;
      std::snprintf(share, sizeof share, "%.0f%%", pct);
      target_met = target_met && pct >= 50.0;
    }
    std::printf("%-12s %-12d %12.0f %10.3f %10.3f %8llu %10s\n", "http_client", c,
                m.requests_per_second, m.p50_ms, m.p99_ms,
                static_cast<unsigned long long>(m.errors), share);
  }
  std::printf("target: http_client >= 50%% of wrk at every concurrency: %s\n",
              with_wrk ? (target_met ? "met" : "NOT met") : "not measured (--no-wrk)");
  return 0;
}
