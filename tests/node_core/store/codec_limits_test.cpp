// The store's msgpack decoding with hostile or corrupt bytes (issue 11): a 5-byte record
// header `dd ffffffff` (an array of 4 billion items) made msgpack-c ask for 128 GiB; now every
// declared size is checked against the bytes present, nesting is bounded, and each failure is a
// store_error, from the codec, from a log record with a valid CRC, and from a stored value.
#include <doctest/doctest.h>

#include <fstream>

#include "store/framed_file.hpp"
#include "store/msgpack_value.hpp"
#include "store/record_codec.hpp"
#include "store/record_store.hpp"
#include "temp_dir.hpp"

using namespace automator::store;
using automator::store::test::temp_dir;
namespace fs = std::filesystem;

namespace {

const std::string huge_array("\xdd\xff\xff\xff\xff", 5);

}  // namespace

TEST_CASE("declared sizes larger than the record are store errors, not allocations") {
  CHECK_THROWS_WITH_AS(detail::decode_ops(huge_array, "test"),
                       doctest::Contains("corrupt record in test: declares more items or bytes than its 5 bytes hold"),
                       store_error);
  const std::string huge_map("\xdf\xff\xff\xff\xff", 5), huge_bin("\xc6\xff\xff\xff\xff", 5),
      huge_str("\xdb\xff\xff\xff\xff", 5), huge_ext("\xc9\xff\xff\xff\xff\x01", 6);
  for (const auto& bad : {huge_map, huge_bin, huge_str, huge_ext}) {
    CHECK_THROWS_AS(detail::decode_ops(bad, "test"), store_error);
    CHECK_THROWS_AS(detail::decode_snapshot_header(bad, "test"), store_error);
  }
  CHECK_THROWS_WITH_AS(detail::decode_snapshot_header(huge_array, "snap"), doctest::Contains("bad snapshot header"),
                       store_error);
  // Deep nesting and trailing bytes.
  CHECK_THROWS_WITH_AS(detail::decode_ops(std::string(100'000, '\x91') + '\x90', "test"),
                       doctest::Contains("nests deeper than 32 levels"), store_error);
  const std::string good = detail::encode_ops({{false, "c", "k", "v"}});
  CHECK(detail::decode_ops(good, "test").size() == 1);
  CHECK_THROWS_WITH_AS(detail::decode_ops(good + "x", "test"), doctest::Contains("1 trailing bytes"), store_error);
}

TEST_CASE("a log record with a valid CRC and a 128 GiB header refuses to open") {
  temp_dir dir;
  record_store::open(dir.path())->put("tasks", "1", "v");
  fs::path log;
  for (const auto& e : fs::directory_iterator(dir.path()))
    if (e.path().filename().string().rfind("log-", 0) == 0) log = e.path();
  std::string frame;
  detail::append_frame(frame, huge_array);
  std::ofstream(log, std::ios::app | std::ios::binary) << frame;
  CHECK_THROWS_WITH_AS(record_store::open(dir.path()), doctest::Contains("declares more items or bytes"), store_error);
}

TEST_CASE("stored values decode with the same bounds") {
  CHECK(unpack<std::vector<int>>(pack(std::vector<int>{1, 2, 3})) == std::vector<int>{1, 2, 3});
  CHECK_THROWS_WITH_AS(unpack<std::vector<int>>(huge_array, "operator set"),
                       doctest::Contains("cannot decode stored operator set: declares more items"), store_error);
  CHECK_THROWS_AS(unpack<int>(pack(std::string("x")), "cursor"), store_error);  // wrong type
}
