// HTTP throughput benchmark: requests per second and latency percentiles against a local
// keep-alive server that answers hit requests like the Automation Proxy (a signed proof in
// JSON), next to wrk against the same server as the ceiling. Two rows per concurrency besides
// wrk's: the pooled http_client alone, and slots fired and answered through the http_caller
// actor (caller_driver.hpp). Each side runs one io thread (the server on its own), on the same
// machine; the caller row adds the actor system's workers.
// Usage: http_throughput [--seconds N] [--connections 1,8,32] [--no-wrk]
// Target: each row >= 50% of wrk's requests per second at the same concurrency.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "actors/http_proxy_client.hpp"
#include "caller_driver.hpp"
#include "closed_loop.hpp"
#include "eth/eip712_hit.hpp"
#include "eth/keccak.hpp"
#include "eth/secp256k1.hpp"
#include "net/http_client.hpp"
#include "net/http_server.hpp"
#include "net/io_runtime.hpp"

using namespace automator;
using namespace automator::net;
using namespace std::chrono;

namespace {

/// Answers each hit request like the Automation Proxy (proxy/README.md "The response"), echoing
/// taskId, slot and operator so that http_proxy_client::parse_answer accepts it, without calling
/// a target. Every answer carries one real signature, made once over the sample hit: for any
/// other hit it is the wrong one, which only the prover would notice (the caller does not verify
/// a quorum-1 signature), and the benchmark replaces the prover by a counting actor.
class proxy_double {
public:
  explicit proxy_double(const hit_request& sample) {
    // Anvil's first well-known dev key: any real key will do.
    const auto key = eth::private_key::from_hex(
        "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    eth::hit hit;
    hit.task = sample.task_id;
    hit.slot = sample.slot;
    hit.operator_ = sample.operator_address;
    hit.hit_time_ms = 1'700'000'000'123;
    hit.status = 200;
    hit.response_hash = eth::keccak256(std::string_view("{\"ok\":true}"));
    const auto digest = eth::hit_digest(eth::hit_domain{sample.chain_id, sample.contract}, hit);
    signer_ = key.get_address().to_checksum_hex();
    signature_ = eth::to_hex(key.sign(digest).to_rsv());
    response_hash_ = eth::to_hex(hit.response_hash);
  }

  /// A body that is not a hit request throws, which the server answers with a 500.
  server_response operator()(const server_request& request) const {
    const auto asked = nlohmann::json::parse(request.body);
    const auto now_ms =
        duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
    const nlohmann::json answer = {
        {"hit",
         {{"taskId", asked.at("taskId")},
          {"slot", asked.at("slot")},
          {"operator", asked.at("operator")},
          {"hitTimeMs", std::to_string(now_ms)},
          {"status", 200},
          {"responseHash", response_hash_}}},
        {"signer", signer_},
        {"signature", signature_}};
    return server_response{200, "application/json", answer.dump(), {}, false};
  }

private:
  std::string signer_;
  std::string signature_;
  std::string response_hash_;
};

/// Closed loop through the pooled client alone: `connections` requests in flight, each posting
/// `body`, with as many pooled connections.
measurement run_client(const std::string& url, const std::string& body, int connections,
                       int seconds) {
  io_runtime runtime;
  http_client_options options;
  options.max_connections_per_origin = static_cast<std::size_t>(connections);
  http_client client(runtime, options);
  closed_loop loop(connections);

  http_request request;
  request.method = "POST";
  request.url = url;
  request.headers.emplace_back("Content-Type", "application/json");
  request.body = body;

  std::function<void()> next;
  next = [&, loop] {
    client.submit(request, [&, loop](http_result r) {
      const bool ok = r.ok() && r->status == 200;
      const double latency_ms = ok ? duration<double, std::milli>(r->elapsed).count() : 0;
      if (loop.completed(ok, latency_ms)) next();
    });
  };
  for (int i = 0; i < connections; ++i) next();
  return loop.measure(seconds);
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
/// `body` (JSON without single quotes). nullopt if wrk is not installed or its output cannot
/// be read.
std::optional<measurement> run_wrk(const std::string& url, const std::string& body,
                                   int connections, int seconds) {
  const std::string lua = "/tmp/http_throughput_wrk.lua";
  if (FILE* f = std::fopen(lua.c_str(), "w")) {
    std::fprintf(f,
                 "wrk.method = \"POST\"\n"
                 "wrk.headers[\"Content-Type\"] = \"application/json\"\n"
                 "wrk.body = '%s'\n",
                 body.c_str());
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

/// Prints one row; returns its share of `ceiling_rps` (0: none) in percent, nullopt without.
std::optional<double> print_row(const char* client, int connections, const measurement& m,
                                double ceiling_rps) {
  std::optional<double> pct;
  char share[16] = "-";
  if (ceiling_rps > 0) {
    pct = 100.0 * m.requests_per_second / ceiling_rps;
    std::snprintf(share, sizeof share, "%.0f%%", *pct);
  }
  std::printf("%-12s %-12d %12.0f %10.3f %10.3f %8llu %10s\n", client, connections,
              m.requests_per_second, m.p50_ms, m.p99_ms,
              static_cast<unsigned long long>(m.errors), share);
  return pct;
}

/// Whether a row reached the target at every concurrency (a row without a ceiling did not).
struct target {
  const char* client;
  bool met = true;

  void add(std::optional<double> pct) { met = met && pct && *pct >= 50.0; }
  void print(bool with_wrk) const {
    std::printf("target: %s >= 50%% of wrk at every concurrency: %s\n", client,
                with_wrk ? (met ? "met" : "NOT met") : "not measured (--no-wrk)");
  }
};

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
  // The caller logs every retry at info; only failures belong next to the table.
  spdlog::set_level(spdlog::level::warn);

  const hit_request sample = caller_request(42, 7);
  const std::string body = http_proxy_client::request_body(sample);
  const proxy_double proxy(sample);
  io_runtime server_runtime;
  http_server server(server_runtime, server_handler(proxy));
  const std::string url = "http://127.0.0.1:" + std::to_string(server.port()) + "/hit";

  std::printf("HTTP throughput: POST %zu-byte hit request, %zu-byte signed answer, keep-alive, "
              "%d s per row\n",
              body.size(), proxy(server_request{"POST", "/hit", {}, body}).body.size(), seconds);
  std::printf("http_caller: slots answered per second, latency from fire_request to proof\n");
  std::printf("%-12s %-12s %12s %10s %10s %8s %10s\n", "client", "connections", "req/s",
              "p50 ms", "p99 ms", "errors", "% of wrk");
  target client_target{"http_client"}, caller_target{"http_caller"};
  for (int c : concurrency) {
    double ceiling_rps = 0;
    if (with_wrk) {
      if (const auto wrk = run_wrk(url, body, c, seconds)) {
        ceiling_rps = wrk->requests_per_second;
        print_row("wrk", c, *wrk, ceiling_rps);
      } else {
        std::printf("%-12s %-12d %12s\n", "wrk", c, "(wrk unavailable)");
      }
    }
    client_target.add(print_row("http_client", c, run_client(url, body, c, seconds), ceiling_rps));
    caller_target.add(print_row("http_caller", c, run_caller(url, c, seconds), ceiling_rps));
  }
  client_target.print(with_wrk);
  caller_target.print(with_wrk);
  return 0;
}
