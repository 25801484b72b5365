// Transactions signed by node_core/eth are accepted and mined by a real anvil: a value
// transfer and a contract creation, with the node's hash, sender and signature fields
// matching what anvil reports; a wrong chain id is refused.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "../net/anvil_process.hpp"
#include "eth/eip1559_tx.hpp"
#include "net/http_client.hpp"
#include "net/io_runtime.hpp"
#include "net/json_rpc_client.hpp"

using namespace automator;
using net::json;

namespace {

// anvil's default account 0 (a public development key).
const char* const dev_key = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

struct chain {
  net::test::anvil_process anvil;
  net::io_runtime runtime;
  net::http_client http{runtime};
  net::json_rpc_client rpc{http, anvil.url()};
  eth::private_key key = eth::private_key::from_hex(dev_key);

  json call(const std::string& method, json params) {
    auto r = rpc.call_sync(method, std::move(params));
    if (!r.ok()) throw std::runtime_error(method + ": " + r.error().message);
    return *r;
  }

  // A transaction from account 0 with the chain's current nonce and fees.
  eth::eip1559_tx next_tx() {
    eth::eip1559_tx tx;
    tx.chain_id = eth::parse_u64(call("eth_chainId", json::array()).get<std::string>());
    tx.nonce = eth::parse_u64(
        call("eth_getTransactionCount", {key.get_address().to_hex(), "pending"}).get<std::string>());
    tx.max_priority_fee_per_gas = 1'000'000'000;
    tx.max_fee_per_gas = eth::parse_u256(call("eth_gasPrice", json::array()).get<std::string>()) * 2 +
                         tx.max_priority_fee_per_gas;
    return tx;
  }

  // Sends a raw transaction and returns its receipt once anvil has automined it.
  json send(const eth::signed_tx& s) {
    json hash = call("eth_sendRawTransaction", {eth::to_hex(s.raw)});
    CHECK(hash.get<std::string>() == eth::to_hex(s.hash));
    for (int attempt = 0; attempt < 100; ++attempt) {
      json receipt = call("eth_getTransactionReceipt", {eth::to_hex(s.hash)});
      if (!receipt.is_null()) return receipt;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    FAIL("no receipt for " << eth::to_hex(s.hash) << " after 5 s");
    return {};
  }
};

}  // namespace

TEST_CASE("anvil mines a value transfer signed by node_core/eth") {
  chain c;
  eth::address to = eth::address::from_hex("0x000000000000000000000000000000000000dEaD");
  eth::eip1559_tx tx = c.next_tx();
  tx.gas = 21000;
  tx.to = to;
  tx.value = eth::parse_u256("1234567890123456789");
  eth::signed_tx s = eth::sign(tx, c.key);
  json receipt = c.send(s);
  CHECK(receipt["status"] == "0x1");
  CHECK(eth::address::from_hex(receipt["from"].get<std::string>()) == c.key.get_address());
  CHECK(eth::parse_u256(c.call("eth_getBalance", {to.to_hex(), "latest"}).get<std::string>()) == tx.value);

  json mined = c.call("eth_getTransactionByHash", {eth::to_hex(s.hash)});
  eth::decoded_tx d = eth::decode_signed(s.raw);
  CHECK(eth::parse_u256(mined["r"].get<std::string>()) == eth::from_be(d.sig.r));
  CHECK(eth::parse_u256(mined["s"].get<std::string>()) == eth::from_be(d.sig.s));
  CHECK(eth::parse_u64(mined["yParity"].get<std::string>()) == d.sig.y_parity);
}

TEST_CASE("anvil mines a contract creation with calldata signed by node_core/eth") {
  chain c;
  eth::eip1559_tx tx = c.next_tx();
  tx.gas = 100000;
  // Init code PUSH1 1 PUSH1 0 RETURN: deploys one zero byte of memory as the runtime code.
  tx.data = eth::from_hex("0x60016000f3");
  json receipt = c.send(eth::sign(tx, c.key));
  CHECK(receipt["status"] == "0x1");
  REQUIRE(receipt["contractAddress"].is_string());
  json code = c.call("eth_getCode", {receipt["contractAddress"], "latest"});
  CHECK(code == "0x00");
}

TEST_CASE("anvil refuses a transaction signed for another chain") {
  chain c;
  eth::eip1559_tx tx = c.next_tx();
  tx.chain_id += 1;
  tx.gas = 21000;
  tx.to = eth::address::from_hex("0x000000000000000000000000000000000000dEaD");
  auto r = c.rpc.call_sync("eth_sendRawTransaction", {eth::to_hex(eth::sign(tx, c.key).raw)});
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("chain id") != std::string::npos);
}
