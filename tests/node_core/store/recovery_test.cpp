// Recovery: torn tails are cut off without losing earlier records, bit flips are caught by
// the CRC, corruption in the middle of the log refuses to open instead of losing records, and
// leftovers of an interrupted compaction are ignored.
#include <doctest/doctest.h>

#include <fstream>

#include "store/record_store.hpp"
#include "temp_dir.hpp"

using namespace automator::store;
using automator::store::test::temp_dir;
namespace fs = std::filesystem;

namespace {

fs::path only_log(const fs::path& dir) {
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().filename().string().rfind("log-", 0) == 0) return entry.path();
  throw std::runtime_error("no log file");
}

void write_records(const fs::path& dir, int n) {
  auto store = record_store::open(dir);
  for (int i = 0; i < n; ++i) store->put("proofs", "p" + std::to_string(i), std::string(40, 'x'));
}

void flip_bit(const fs::path& file, std::uintmax_t offset) {
  std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
  f.seekg(static_cast<std::streamoff>(offset));
  char c = 0;
  f.read(&c, 1);
  c ^= 0x10;
  f.seekp(static_cast<std::streamoff>(offset));
  f.write(&c, 1);
}

}  // namespace

TEST_CASE("a torn last record is truncated and earlier records survive") {
  temp_dir dir;
  write_records(dir.path(), 10);
  const fs::path log = only_log(dir.path());
  const auto full = fs::file_size(log);
  for (std::uintmax_t cut : {1u, 7u, 8u, 20u}) {
    fs::resize_file(log, fs::file_size(log) - cut);
    auto store = record_store::open(dir.path());
    CHECK(store->size("proofs") == 9);
    CHECK(store->recovery().torn_tail_bytes > 0);
    CHECK_FALSE(store->contains("proofs", "p9"));
    store->put("proofs", "p9", std::string(40, 'x'));  // appends after the cut
  }
  CHECK(fs::file_size(log) == full);
  auto store = record_store::open(dir.path());
  CHECK(store->size("proofs") == 10);
  CHECK(store->recovery().torn_tail_bytes == 0);
}

TEST_CASE("zeros after the last record (a crash while extending the file) are a torn tail") {
  temp_dir dir;
  write_records(dir.path(), 3);
  const fs::path log = only_log(dir.path());
  fs::resize_file(log, fs::file_size(log) + 4096);
  auto store = record_store::open(dir.path());
  CHECK(store->size("proofs") == 3);
  CHECK(store->recovery().torn_tail_bytes == 4096);
}

TEST_CASE("a bit flip is detected by the CRC") {
  temp_dir dir;
  write_records(dir.path(), 10);
  const fs::path log = only_log(dir.path());
  const auto size = fs::file_size(log);

  SUBCASE("in the last record: treated as a torn tail, earlier records kept") {
    flip_bit(log, size - 3);
    auto store = record_store::open(dir.path());
    CHECK(store->size("proofs") == 9);
  }
  SUBCASE("in the middle: open refuses and leaves the file untouched") {
    flip_bit(log, size / 2);
    CHECK_THROWS_WITH_AS(record_store::open(dir.path()),
                         doctest::Contains("intact records after it"), store_error);
    CHECK(fs::file_size(log) == size);
  }
  SUBCASE("in a length field in the middle: also refuses") {
    flip_bit(log, 8 + 1);  // second byte of the first record's length
    CHECK_THROWS_AS(record_store::open(dir.path()), store_error);
    CHECK(fs::file_size(log) == size);
  }
}

TEST_CASE("a corrupt snapshot refuses to open") {
  temp_dir dir;
  {
    auto store = record_store::open(dir.path());
    for (int i = 0; i < 5; ++i) store->put("tasks", std::to_string(i), "v");
    store->compact();
  }
  flip_bit(dir.path() / "snapshot", 20);
  CHECK_THROWS_WITH_AS(record_store::open(dir.path()), doctest::Contains("snapshot"), store_error);
}

TEST_CASE("leftovers of an interrupted compaction are ignored") {
  temp_dir dir;
  write_records(dir.path(), 4);
  std::ofstream(dir.path() / "snapshot.tmp") << "half a snapshot";
  std::ofstream(dir.path() / "log-00000000000000ff") << "FALOG001";
  auto store = record_store::open(dir.path());
  CHECK(store->size("proofs") == 4);
  CHECK_FALSE(fs::exists(dir.path() / "snapshot.tmp"));
  CHECK_FALSE(fs::exists(dir.path() / "log-00000000000000ff"));
}

TEST_CASE("files that are not a store are rejected with a clear error") {
  temp_dir dir;
  write_records(dir.path(), 1);
  std::ofstream(only_log(dir.path()), std::ios::trunc) << "this is not a log file";
  CHECK_THROWS_WITH_AS(record_store::open(dir.path()), doctest::Contains("bad magic"), store_error);
}
