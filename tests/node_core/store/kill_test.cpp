// kill -9 at arbitrary points: a child process writes proofs in a loop (single puts, batches,
// compactions) and reports each acknowledged write through a pipe; the parent SIGKILLs it at
// a random moment, reopens the store and checks that every acknowledged proof is there, intact,
// exactly once, and that no batch was half applied.
#include <doctest/doctest.h>

#include <csignal>
#include <random>
#include <string>

#include <sys/wait.h>
#include <unistd.h>

#include "store/record_store.hpp"
#include "temp_dir.hpp"

using namespace automator::store;
using automator::store::test::temp_dir;

namespace {

std::string key_of(std::uint64_t i) { return "proof-" + std::to_string(i); }
std::string value_of(std::uint64_t i) {
  return std::string(16 + i % 200, static_cast<char>('a' + i % 26)) + std::to_string(i);
}

/// The child: proofs next..∞, each batch also bumps meta/count, so a half-applied batch shows
/// up as a count that disagrees with the proofs. Writes the last acknowledged index to `ack`.
[[noreturn]] void writer(const std::filesystem::path& dir, std::uint64_t next, int ack,
                         unsigned seed) {
  try {
    store_options options;
    options.compact_log_bytes = 16 * 1024;  // compactions happen often enough to be killed in
    auto store = record_store::open(dir, options);
    std::mt19937 rng(seed);
    for (;;) {
      const std::uint64_t n = 1 + rng() % 4;
      write_batch batch;
      for (std::uint64_t i = next; i < next + n; ++i) batch.put("proofs", key_of(i), value_of(i));
      batch.put("meta", "count", std::to_string(next + n));
      store->write(batch);
      next += n;
      const std::uint64_t acked = next;
      if (::write(ack, &acked, sizeof acked) != sizeof acked) ::_exit(3);
    }
  } catch (...) {
    ::_exit(2);
  }
}

}  // namespace

TEST_CASE("every acknowledged proof survives kill -9, exactly once, never corrupt") {
  temp_dir dir;
  std::mt19937 rng(20261123);
  std::uint64_t acknowledged = 0;  // proofs 0..acknowledged-1 were acknowledged
  constexpr int rounds = 25;
  for (int round = 0; round < rounds; ++round) {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      ::close(fds[0]);
      writer(dir.path(), acknowledged, fds[1], rng());
    }
    ::close(fds[1]);
    // Let the child get through a random number of acknowledged writes, then kill it while it
    // is in the middle of whatever comes next.
    const int acks_before_kill = 1 + static_cast<int>(rng() % 60);
    for (int i = 0; i < acks_before_kill; ++i) {
      std::uint64_t value = 0;
      if (::read(fds[0], &value, sizeof value) != sizeof value) break;
      acknowledged = value;
    }
    ::usleep(rng() % 3000);
    ::kill(child, SIGKILL);
    std::uint64_t value = 0;
    while (::read(fds[0], &value, sizeof value) == sizeof value) acknowledged = value;
    ::close(fds[0]);
    int status = 0;
    ::waitpid(child, &status, 0);
    REQUIRE_MESSAGE(WIFSIGNALED(status), "the writer exited by itself: status " << status);

    auto store = record_store::open(dir.path());
    const std::uint64_t count = std::stoull(store->get("meta", "count").value_or("0"));
    INFO("round " << round << ", acknowledged " << acknowledged << ", stored count " << count);
    CHECK(count >= acknowledged);
    CHECK(store->size("proofs") == count);
    for (std::uint64_t i = 0; i < count; ++i) {
      const auto stored = store->get("proofs", key_of(i));
      REQUIRE(stored);
      REQUIRE(*stored == value_of(i));
    }
    acknowledged = count;  // a write that completed but was not yet reported is durable too
  }
  CHECK(acknowledged > 0);
}
