// The chain watcher on the deterministic coordinator against a scripted chain: it passes on
// events only `confirmations` blocks behind the head, in ranges, keeps its cursor in its store
// (a restart reads on from there), rewinds and replays after a reorg deeper than the
// confirmations, and retries a failed RPC call without skipping a block.
#include <doctest/doctest.h>

#include <vector>

#include "actors/chain_watcher.hpp"
#include "deterministic_fixture.hpp"
#include "eth/abi.hpp"
#include "eth/automator_abi.hpp"
#include "scripted_chain.hpp"

using namespace automator;
using namespace automator::testing;
using namespace std::chrono_literals;

namespace {

const auto contract = eth::address::from_hex("0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0");

/// A TaskCancelled(task, refund 0) log in `block`.
net::log_entry cancelled_log(uint64_t task, uint64_t block) {
  net::log_entry l;
  l.address = contract;
  l.block_number = block;
  l.topics = {eth::avs::topic_of("TaskCancelled"), eth::to_be32(eth::u256(task))};
  l.data = eth::abi::encode("uint128", {eth::u256(0)});
  return l;
}

struct watcher_fixture : deterministic_fixture {
  temp_dir dir;
  std::shared_ptr<store::record_store> store = dir.open("watcher");
  std::shared_ptr<scripted_chain> chain = std::make_shared<scripted_chain>();
  std::shared_ptr<node_metrics> metrics = std::make_shared<node_metrics>();
  /// What the scheduler was told: (task, block) of each TaskCancelled.
  std::shared_ptr<std::vector<task_cancelled>> cancels = std::make_shared<std::vector<task_cancelled>>();

  scheduler_actor spawn_scheduler_recorder() {
    auto log = cancels;
    return track(sys.spawn([log](scheduler_actor::pointer) -> scheduler_actor::behavior_type {
      return {
        [](const task_record&) {},
        [log](const task_cancelled& c) { log->push_back(c); },
        [](const operator_set_scheduled&) {},
        [](const protocol_params&) {},
        [](const slot_proven&) {},
        [](wake_atom, uint64_t) {},
      };
    }));
  }

  chain_watcher_actor spawn(uint64_t deploy_block = 1) {
    chain_watcher_config c;
    c.contract = contract;
    c.deploy_block = deploy_block;
    c.confirmations = 2;
    c.max_range = 5;
    c.reorg_rewind = 3;
    c.poll_interval = 1000ms;
    c.chain = chain;
    c.store = store;
    c.scheduler = spawn_scheduler_recorder();
    c.metrics = metrics;
    auto w = track(spawn_chain_watcher(sys, std::move(c)));
    run();
    return w;
  }

  std::vector<uint64_t> cancelled_tasks() const {
    std::vector<uint64_t> ids;
    for (const auto& c : *cancels)
      ids.push_back(c.id);
    return ids;
  }
};

} // namespace

TEST_CASE_FIXTURE(watcher_fixture, "events pass on once confirmed, in ranges, and a restart reads on from the cursor") {
  chain->head = 12;
  chain->set_blocks(0, 12);
  chain->chain_logs = {cancelled_log(1, 3), cancelled_log(2, 9), cancelled_log(3, 11)};
  auto w = spawn();
  advance(100ms);
  // Head 12, 2 confirmations: blocks 1..10 in ranges of 5; block 11 waits.
  CHECK(chain->count("eth_getLogs 1..5") == 1);
  CHECK(chain->count("eth_getLogs 6..10") == 1);
  CHECK(cancelled_tasks() == std::vector<uint64_t>{1, 2});
  CHECK(cancels->at(1).block == 9);
  chain->head = 13;
  chain->set_blocks(13, 13);
  advance(1100ms);
  CHECK(cancelled_tasks() == std::vector<uint64_t>{1, 2, 3});

  // A restart with the same store neither replays nor skips a block.
  caf::anon_send_exit(w, caf::exit_reason::user_shutdown);
  run();
  cancels->clear();
  chain->calls.clear();
  chain->head = 15;
  chain->set_blocks(14, 15);
  chain->chain_logs.push_back(cancelled_log(4, 12));
  spawn();
  advance(100ms);
  CHECK(chain->count("eth_getLogs 12..13") == 1);
  CHECK(chain->count("eth_getLogs 1..") == 0);
  CHECK(cancelled_tasks() == std::vector<uint64_t>{4});
}

TEST_CASE_FIXTURE(watcher_fixture, "a reorg deeper than the confirmations rewinds and replays the new branch") {
  chain->head = 10;
  chain->set_blocks(0, 10);
  chain->chain_logs = {cancelled_log(1, 4), cancelled_log(2, 7)};
  spawn();
  advance(100ms);
  REQUIRE(cancelled_tasks() == std::vector<uint64_t>{1, 2}); // blocks 1..8 processed

  // Blocks 7.. are replaced: task 2's cancel is gone, task 3's is in block 8 of the new branch.
  chain->set_blocks(7, 12, 1);
  chain->head = 12;
  chain->chain_logs = {cancelled_log(1, 4), cancelled_log(3, 8)};
  cancels->clear();
  chain->calls.clear();
  advance(1100ms);
  // Block 8's hash changed: back 3 + 1 blocks to block 5, then 5..10 again.
  CHECK(chain->count("eth_getBlockByNumber 8") >= 1);
  CHECK(chain->count("eth_getLogs 5..") == 1);
  CHECK(cancelled_tasks() == std::vector<uint64_t>{3});
  CHECK(cancels->at(0).block == 8);
}

TEST_CASE_FIXTURE(watcher_fixture, "a failed RPC call is retried without skipping a block") {
  chain->head = 6;
  chain->set_blocks(0, 6);
  chain->chain_logs = {cancelled_log(1, 2)};
  chain->fail("eth_getLogs", scripted_chain::transport_error());
  spawn();
  advance(100ms);
  CHECK(cancels->empty());
  CHECK(chain->count("eth_getLogs 1..4") == 1);
  advance(1100ms);
  CHECK(chain->count("eth_getLogs 1..4") == 2);
  CHECK(cancelled_tasks() == std::vector<uint64_t>{1});
}
