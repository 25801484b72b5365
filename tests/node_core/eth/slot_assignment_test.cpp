// The slot assignment rule against an independent JavaScript computation and the contract's
// own answers in the shared Hit vectors.
#include <doctest/doctest.h>

#include "eth/slot_assignment.hpp"
#include "vectors.hpp"

using namespace automator::eth;
using automator::eth::test::json;
using automator::eth::test::json_uint;
using automator::eth::test::vectors;

namespace {

std::vector<address> addrs(const json& v) {
  std::vector<address> out;
  for (const auto& a : v) out.push_back(address::from_hex(a.get<std::string>()));
  return out;
}

}  // namespace

TEST_CASE("slot operators match the JavaScript computation of the rule") {
  for (const auto& v : vectors("eth_vectors.json")["assignment"]) {
    task_id id = to_u64(json_uint(v["taskId"]), "taskId");
    uint32_t slot = static_cast<uint32_t>(json_uint(v["slot"]));
    std::vector<address> set = addrs(v["operatorSet"]);
    unsigned redundancy = v["redundancy"];
    std::vector<address> expected = addrs(v["operators"]);
    CAPTURE(id);
    CAPTURE(slot);
    CHECK(slot_operators(id, slot, set, redundancy) == expected);
    for (size_t r = 0; r < expected.size(); ++r) CHECK(slot_rank(id, slot, set, redundancy, expected[r]) == int(r));
  }
}

TEST_CASE("slot assignment edge cases") {
  CHECK(slot_operators(1, 2, {}, 3).empty());
  CHECK_THROWS_WITH_AS(primary_index(1, 2, 0), doctest::Contains("operator set is empty"), error);
  address a = address::from_hex("0x00000000000000000000000000000000000000a1");
  address b = address::from_hex("0x00000000000000000000000000000000000000b2");
  CHECK(slot_operators(5, 5, {a, b}, 0).size() == 1);  // R = 0 still means a primary
  CHECK(slot_rank(5, 5, {a}, 3, b) == -1);
  CHECK(slot_due_time(1000, 10, 3) == 1030);
  CHECK(slot_fire_time(1000, 10, 3, 2, 5) == 1040);
  CHECK(slot_due_time(0, UINT32_MAX, UINT32_MAX) == uint64_t(UINT32_MAX) * UINT32_MAX);
}

TEST_CASE("slot assignment matches the contract's vectors") {
  const json& a = vectors("hit_vectors.json")["assignment"];
  std::vector<address> pool = addrs(a["operators"]);
  unsigned redundancy = a["redundancy"];
  CHECK(a["cases"].size() > 0);
  for (const auto& c : a["cases"]) {
    u256 id = json_uint(c["taskId"]);
    uint32_t slot = static_cast<uint32_t>(json_uint(c["slot"]));
    size_t n = c["n"];
    std::vector<address> set(pool.begin(), pool.begin() + long(n));
    CAPTURE(to_dec(id));
    CAPTURE(slot);
    CHECK(primary_index(id, slot, n) == c["primaryIndex"].get<size_t>());
    std::vector<address> expected{address::from_hex(c["primary"].get<std::string>())};
    for (const auto& b : c["backups"]) expected.push_back(address::from_hex(b.get<std::string>()));
    CHECK(slot_operators(id, slot, set, redundancy) == expected);
  }
}
