// record_store basics: collections, persistence across reopen, batches, msgpack values,
// compaction and the equivalence of snapshot + log replay with the live state.
#include <doctest/doctest.h>

#include <map>
#include <random>

#include "store/msgpack_value.hpp"
#include "store/record_store.hpp"
#include "temp_dir.hpp"

using namespace automator::store;
using automator::store::test::temp_dir;

namespace {

using model = std::map<std::string, std::map<std::string, std::string>>;

model contents(const record_store& store) {
  model m;
  for (const auto& name : store.collections())
    store.for_each(name, [&](const std::string& k, const std::string& v) { m[name][k] = v; });
  return m;
}

}  // namespace

TEST_CASE("put, get, erase and for_each per collection survive a reopen") {
  temp_dir dir;
  {
    auto store = record_store::open(dir.path());
    store->put("tasks", "t1", "task one");
    store->put("tasks", "t2", std::string("binary\0value", 12));
    store->put("proofs", "t1", "proof");
    store->put("tasks", "t1", "task one v2");
    store->erase("proofs", "t1");
    store->erase("proofs", "missing");
    CHECK(store->get("tasks", "t1") == "task one v2");
    CHECK(store->size("tasks") == 2);
    CHECK_FALSE(store->contains("proofs", "t1"));
  }
  auto store = record_store::open(dir.path());
  CHECK(store->get("tasks", "t1") == "task one v2");
  CHECK(store->get("tasks", "t2") == std::string("binary\0value", 12));
  CHECK_FALSE(store->get("proofs", "t1"));
  CHECK(store->collections() == std::vector<std::string>{"tasks"});
  std::vector<std::string> keys;
  store->for_each("tasks", [&](const std::string& k, const std::string&) { keys.push_back(k); });
  CHECK(keys == std::vector<std::string>{"t1", "t2"});
  CHECK(store->recovery().log_records_replayed == 5);
}

TEST_CASE("a batch is applied in order and replayed as one record") {
  temp_dir dir;
  {
    auto store = record_store::open(dir.path());
    write_batch batch;
    batch.put("proofs", "a", "1").put("proofs", "b", "2").erase("proofs", "a").put("meta", "n", "1");
    store->write(batch);
    CHECK(store->size("proofs") == 1);
  }
  auto store = record_store::open(dir.path());
  CHECK(store->recovery().log_records_replayed == 1);
  CHECK_FALSE(store->contains("proofs", "a"));
  CHECK(store->get("proofs", "b") == "2");
  CHECK(store->get("meta", "n") == "1");
}

namespace {
struct stored_proof {
  std::uint64_t task = 0;
  std::string signature;
  MSGPACK_DEFINE(task, signature);
};
}  // namespace

TEST_CASE("msgpack helpers round-trip values and name bad bytes") {
  using proof = stored_proof;
  temp_dir dir;
  auto store = record_store::open(dir.path());
  store->put("proofs", "p", pack(proof{42, "sig"}));
  const proof back = unpack<proof>(*store->get("proofs", "p"), "proof");
  CHECK(back.task == 42);
  CHECK(back.signature == "sig");
  CHECK_THROWS_WITH_AS(unpack<proof>("\xc1", "proof"), doctest::Contains("cannot decode stored proof"),
                       std::runtime_error);
}

TEST_CASE("snapshot + log replay gives the same state as the live store") {
  temp_dir dir;
  store_options options;
  options.compact_log_bytes = 4096;  // compact often, automatically
  options.sync = false;              // this test is about replay logic, not durability
  std::mt19937 rng(7);
  model expected;
  {
    auto store = record_store::open(dir.path(), options);
    for (int i = 0; i < 3000; ++i) {
      const std::string collection = rng() % 2 ? "tasks" : "proofs";
      const std::string key = "k" + std::to_string(rng() % 200);
      if (rng() % 4 == 0) {
        store->erase(collection, key);
        expected[collection].erase(key);
        if (expected[collection].empty()) expected.erase(collection);
      } else {
        const std::string value(rng() % 64, static_cast<char>('a' + rng() % 26));
        store->put(collection, key, value);
        expected[collection][key] = value;
      }
      if (i == 1500) store->compact();
    }
    CHECK(contents(*store) == expected);
    CHECK(store->log_bytes() < 3 * 4096);
  }
  auto store = record_store::open(dir.path(), options);
  CHECK(store->recovery().snapshot_records > 0);
  CHECK(contents(*store) == expected);
  std::size_t logs = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
    logs += entry.path().filename().string().rfind("log-", 0) == 0;
  CHECK(logs == 1);
}

TEST_CASE("a store directory opens in one place at a time") {
  temp_dir dir;
  auto first = record_store::open(dir.path());
  CHECK_THROWS_WITH_AS(record_store::open(dir.path()), doctest::Contains("already open"),
                       store_error);
}
