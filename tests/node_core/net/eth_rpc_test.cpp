// eth_rpc against a real anvil: each typed call the actors use, a contract deployment whose
// constructor emits a log (eth_getLogs, receipts), reverts with their data, and a rejected raw
// transaction.
#include <doctest/doctest.h>

#include <thread>

#include "anvil_process.hpp"
#include "net/eth_rpc.hpp"
#include "net/http_client.hpp"
#include "net/io_runtime.hpp"
#include "net/json_rpc_client.hpp"

using namespace automator;
using namespace automator::net;

namespace {

// anvil's first default account (unlocked, so eth_sendTransaction signs for us).
const char* const account0 = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
// Constructor: LOG1(topic = 0x11..11, data = empty) and deploy nothing.
//   PUSH32 0x1111..11  PUSH1 0  PUSH1 0  LOG1  STOP
const std::string emit_log_init = "0x7f" + std::string(64, '1') + "60006000a100";
// Code that reverts with the 4 bytes 0xdeadbeef: PUSH4 deadbeef PUSH1 0 MSTORE PUSH1 4 PUSH1 28 REVERT
const char* const revert_init = "0x63deadbeef6000526004601cfd";

struct anvil_fixture {
  test::anvil_process anvil;
  io_runtime runtime;
  http_client http{runtime};
  json_rpc_client rpc{http, anvil.url()};
  eth_rpc eth{rpc};

  /// Sends a transaction from account0 and waits until anvil (automining) has mined it.
  eth::hash32 send(const json& tx) {
    json full = tx;
    full["from"] = account0;
    auto r = rpc.call_sync("eth_sendTransaction", json::array({full}));
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
    for (int attempt = 0; attempt < 100; ++attempt) {
      auto receipt = rpc.call_sync("eth_getTransactionReceipt", json::array({*r}));
      REQUIRE(receipt.ok());
      if (!receipt->is_null()) return eth::hash32_from_hex(r->get<std::string>());
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    FAIL("anvil did not mine " << r->dump());
    return {};
  }
};

template <class T, class Start>
T ok(Start start) {
  auto r = wait_for<T>(start);
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
  return std::move(r).value();
}

}  // namespace

TEST_CASE_FIXTURE(anvil_fixture, "chain id, block number, blocks, nonces and fees") {
  CHECK(ok<std::uint64_t>([&](auto cb) { eth.chain_id(cb); }) == 31337);
  const auto start = ok<std::uint64_t>([&](auto cb) { eth.block_number(cb); });
  send({{"to", "0x0000000000000000000000000000000000000001"}, {"value", "0x1"}});
  const auto height = ok<std::uint64_t>([&](auto cb) { eth.block_number(cb); });
  CHECK(height == start + 1);

  auto block = ok<std::optional<block_header>>(
      [&](auto cb) { eth.get_block(block_tag::number(height), cb); });
  REQUIRE(block);
  CHECK(block->number == height);
  CHECK(block->timestamp > 1'600'000'000u);
  CHECK(block->base_fee_per_gas);
  auto parent = ok<std::optional<block_header>>(
      [&](auto cb) { eth.get_block(block_tag::number(height - 1), cb); });
  REQUIRE(parent);
  CHECK(parent->hash == block->parent_hash);
  CHECK_FALSE(ok<std::optional<block_header>>(
      [&](auto cb) { eth.get_block(block_tag::number(height + 1000), cb); }));

  const auto me = eth::address::from_hex(account0);
  CHECK(ok<std::uint64_t>([&](auto cb) { eth.get_transaction_count(me, block_tag::latest(), cb); }) == 1);
  CHECK(ok<std::uint64_t>([&](auto cb) { eth.get_transaction_count(me, block_tag::pending(), cb); }) == 1);
  CHECK(ok<eth::u256>([&](auto cb) { eth.gas_price(cb); }) > 0);
  ok<eth::u256>([&](auto cb) { eth.max_priority_fee_per_gas(cb); });
  const auto history = ok<fee_history>(
      [&](auto cb) { eth.get_fee_history(2, block_tag::latest(), {50.0}, cb); });
  CHECK(history.base_fee_per_gas.size() == 3);
  CHECK(history.gas_used_ratio.size() == 2);
  CHECK(history.reward.size() == 2);

  call_request transfer;
  transfer.from = me;
  transfer.to = eth::address::from_hex("0x0000000000000000000000000000000000000002");
  transfer.value = 1;
  CHECK(ok<std::uint64_t>([&](auto cb) { eth.estimate_gas(transfer, cb); }) == 21000);
}

TEST_CASE_FIXTURE(anvil_fixture, "logs and receipts of a deployment that emits an event") {
  const eth::hash32 tx = send({{"data", emit_log_init}});
  auto receipt = ok<std::optional<transaction_receipt>>(
      [&](auto cb) { eth.get_transaction_receipt(tx, cb); });
  REQUIRE(receipt);
  CHECK(receipt->success);
  CHECK(receipt->transaction_hash == tx);
  CHECK(receipt->from == eth::address::from_hex(account0));
  CHECK_FALSE(receipt->to);
  REQUIRE(receipt->contract_address);
  REQUIRE(receipt->logs.size() == 1);
  CHECK(receipt->gas_used > 21000);

  log_filter filter;
  filter.addresses = {*receipt->contract_address};
  filter.topics = {{eth::hash32_from_hex("0x" + std::string(64, '1'))}};
  filter.from_block = block_tag::number(0);
  const auto logs = ok<std::vector<log_entry>>([&](auto cb) { eth.get_logs(filter, cb); });
  REQUIRE(logs.size() == 1);
  const log_entry& log = logs.front();
  CHECK(log.address == *receipt->contract_address);
  CHECK(log.block_number == receipt->block_number);
  CHECK(log.block_hash == receipt->block_hash);
  CHECK(log.transaction_hash == tx);
  CHECK(log.log_index == 0);
  CHECK(log.data.empty());
  CHECK_FALSE(log.removed);

  filter.topics = {{eth::hash32_from_hex("0x" + std::string(64, '2'))}};
  CHECK(ok<std::vector<log_entry>>([&](auto cb) { eth.get_logs(filter, cb); }).empty());

  CHECK_FALSE(ok<std::optional<transaction_receipt>>(
      [&](auto cb) { eth.get_transaction_receipt(eth::hash32{}, cb); }));
}

TEST_CASE_FIXTURE(anvil_fixture, "a revert keeps its data; eth_call returns bytes") {
  auto reverted = rpc.call_sync("eth_call", json::array({{{"data", revert_init}}, "latest"}));
  REQUIRE_FALSE(reverted.ok());
  CHECK(reverted.error().kind == rpc_errc::rpc_error);
  CHECK(reverted.error().data == "0xdeadbeef");

  const eth::hash32 tx = send({{"data", emit_log_init}});
  auto receipt = ok<std::optional<transaction_receipt>>(
      [&](auto cb) { eth.get_transaction_receipt(tx, cb); });
  call_request call;
  call.to = *receipt->contract_address;  // no code: empty return data
  CHECK(ok<eth::bytes>([&](auto cb) { eth.call(call, block_tag::latest(), cb); }).empty());
}

TEST_CASE_FIXTURE(anvil_fixture, "a malformed raw transaction is a JSON-RPC error") {
  auto r = wait_for<eth::hash32>([&](auto cb) { eth.send_raw_transaction({0x02, 0xc0}, cb); });
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == rpc_errc::rpc_error);
  CHECK(r.error().method == "eth_sendRawTransaction");
}

TEST_CASE_FIXTURE(anvil_fixture, "unknown methods are JSON-RPC errors") {
  auto r = rpc.call_sync("eth_noSuchMethod");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == rpc_errc::rpc_error);
  CHECK(r.error().code == -32601);
}
