// Decoding of eth_* answers: malformed quantities, hashes, addresses and objects fail with an
// error naming the field, never a wrong value.
#include <doctest/doctest.h>

#include "net/eth_rpc_decode.hpp"

using namespace automator;
using namespace automator::net;
using decode::rpc_decode_error;
using nlohmann::json;

TEST_CASE("quantities") {
  CHECK(decode::quantity_u64("0x0", "n") == 0);
  CHECK(decode::quantity_u64("0x1b4", "n") == 436);
  CHECK(decode::quantity_u64("0xffffffffffffffff", "n") == UINT64_MAX);
  CHECK(decode::quantity("0x10000000000000000", "n") == eth::u256(1) << 64);
  CHECK_THROWS_WITH_AS(decode::quantity_u64("0x10000000000000000", "block.number"),
                       doctest::Contains("block.number"), rpc_decode_error);
  CHECK_THROWS_WITH_AS(decode::quantity_u64("0x", "n"), doctest::Contains("0x-prefixed quantity"), rpc_decode_error);
  CHECK_THROWS_WITH_AS(decode::quantity_u64("12", "n"), doctest::Contains("0x-prefixed quantity"), rpc_decode_error);
  CHECK_THROWS_WITH_AS(decode::quantity_u64("0xzz", "n"), doctest::Contains("invalid hex digit"), rpc_decode_error);
  CHECK_THROWS_WITH_AS(decode::quantity_u64(12, "n"), doctest::Contains("expected a hex string"), rpc_decode_error);
  CHECK_THROWS_AS(decode::quantity_u64(nullptr, "n"), rpc_decode_error);
}

TEST_CASE("hashes, addresses and data") {
  const std::string h = "0x" + std::string(64, 'a');
  CHECK(decode::hash(h, "h")[0] == 0xaa);
  CHECK_THROWS_AS(decode::hash("0x" + std::string(62, 'a'), "h"), rpc_decode_error);
  CHECK(decode::address("0x" + std::string(40, 'b'), "a").data[19] == 0xbb);
  CHECK_THROWS_AS(decode::address("0x1234", "a"), rpc_decode_error);
  CHECK(decode::data("0x", "d").empty());
  CHECK(decode::data("0x0102", "d") == eth::bytes{1, 2});
  CHECK_THROWS_AS(decode::data("0x123", "d"), rpc_decode_error);
  CHECK_THROWS_AS(decode::data("0102", "d"), rpc_decode_error);
}

TEST_CASE("objects with missing or bad fields name the field") {
  const std::string h = "0x" + std::string(64, '0');
  json block = {{"hash", h}, {"parentHash", h}, {"number", "0x5"}, {"timestamp", "0x64"}};
  CHECK(decode::block(block).number == 5);
  CHECK_FALSE(decode::block(block).base_fee_per_gas);
  block.erase("parentHash");
  CHECK_THROWS_WITH_AS(decode::block(block), "block.parentHash: missing", rpc_decode_error);
  CHECK_THROWS_WITH_AS(decode::block(json::array()), doctest::Contains("expected an object"), rpc_decode_error);

  json log = {{"address", "0x" + std::string(40, '1')}, {"topics", json::array({h})},
              {"data", "0x"}, {"blockNumber", "0x1"}, {"blockHash", h},
              {"transactionHash", h}, {"transactionIndex", "0x0"}, {"logIndex", "0x2"},
              {"removed", true}};
  const log_entry entry = decode::log(log);
  CHECK(entry.removed);
  CHECK(entry.log_index == 2);
  log["removed"] = "yes";
  CHECK_THROWS_WITH_AS(decode::log(log), "log.removed: expected a boolean", rpc_decode_error);
  log["removed"] = false;
  log["topics"] = json::array({"0x12"});
  CHECK_THROWS_WITH_AS(decode::log(log), doctest::Contains("log.topics[]"), rpc_decode_error);
  CHECK_THROWS_WITH_AS(decode::logs(json::object()), doctest::Contains("expected an array"), rpc_decode_error);

  json receipt = {{"transactionHash", h}, {"blockHash", h}, {"blockNumber", "0x1"},
                  {"transactionIndex", "0x0"}, {"status", "0x2"}, {"gasUsed", "0x5208"},
                  {"cumulativeGasUsed", "0x5208"}, {"effectiveGasPrice", "0x1"},
                  {"from", "0x" + std::string(40, '1')}, {"to", nullptr},
                  {"contractAddress", nullptr}, {"logs", json::array()}};
  CHECK_THROWS_WITH_AS(decode::receipt(receipt), "receipt.status: expected 0x0 or 0x1", rpc_decode_error);
  receipt["status"] = "0x1";
  CHECK(decode::receipt(receipt).success);
}

TEST_CASE("request objects") {
  call_request tx;
  tx.to = eth::address::from_hex("0x" + std::string(40, '1'));
  tx.data = {0xab};
  tx.gas = 100;
  const json o = decode::call_object(tx);
  CHECK(o["to"] == "0x" + std::string(40, '1'));
  CHECK(o["data"] == "0xab");
  CHECK(o["gas"] == "0x64");
  CHECK_FALSE(o.contains("value"));

  log_filter f;
  f.addresses = {tx.to};
  f.topics = {{}, {eth::hash32{}}};
  f.from_block = block_tag::number(16);
  const json filter = decode::filter_object(f);
  CHECK(filter["fromBlock"] == "0x10");
  CHECK(filter["toBlock"] == "latest");
  CHECK(filter["topics"][0].is_null());
  CHECK(filter["topics"][1] == "0x" + std::string(64, '0'));
}
