// register-operator and deregister-operator: an operator joins or leaves the AVS's operator set
// through the EigenLayer core (the real core v1.12.0, or the project's stand-in with the same
// functions). Joining: register as an EigenLayer operator, deposit stake into the strategy,
// allocate magnitude to the AVS's operator set, wait for the allocation's effect block (the
// operator's allocation delay), register for the set. Every step already done is skipped, so
// the command can be re-run after a failure or an interrupted wait.
#include <chrono>
#include <iostream>
#include <thread>

#include "cli_error.hpp"
#include "command_env.hpp"
#include "eigenlayer_core.hpp"
#include "eth/automator_abi.hpp"

namespace automator::cli {
namespace {

void step(const std::string& what) { std::cout << "  " << what << std::endl; }

std::string gas_note(const tx_receipt& r) { return " (gas " + std::to_string(r.gas_used) + ")"; }

// A transaction whose refusal comes back with what to do about it.
tx_receipt send(command_env& env, const eth::private_key& key, const eth::address& to, const eth::bytes& data,
                const eth::u256& value, const std::string& what) {
  try {
    return env.chain.transact(key, to, data, value, what);
  } catch (const cli_error& e) {
    std::string hint = refusal_hint(e.what());
    if (hint.empty()) throw;
    throw cli_error(std::string(e.what()) + "\n  -> " + hint);
  }
}

// Waits until the chain's latest block is `target` (mining the blocks at once with --mine on
// a local anvil), printing progress; gives up after `max_wait` seconds with how to go on.
void wait_for_block(command_env& env, uint64_t target, bool mine, uint64_t max_wait, const std::string& why) {
  uint64_t now = env.chain.latest_block();
  if (now >= target) return;
  if (mine) {
    env.chain.mine(target - now);
    step("mined " + std::to_string(target - now) + " blocks to block " + std::to_string(target) + " (" + why + ")");
    return;
  }
  step("waiting for block " + std::to_string(target) + " (" + why + "): at block " + std::to_string(now) + ", " +
       std::to_string(target - now) + " to go");
  const auto start = std::chrono::steady_clock::now();
  auto last_print = start;
  for (;;) {
    std::this_thread::sleep_for(std::chrono::seconds(1));
    uint64_t b = env.chain.latest_block();
    if (b >= target) break;
    auto t = std::chrono::steady_clock::now();
    if (t - start > std::chrono::seconds(max_wait))
      throw cli_error("block " + std::to_string(target) + " (" + why + ") not reached within " + format_duration(max_wait) +
                      " (at block " + std::to_string(b) +
                      "); run the command again later: it continues from here (--max-wait for a longer wait)");
    if (t - last_print >= std::chrono::seconds(10)) {
      step("  block " + std::to_string(b) + ", " + std::to_string(target - b) + " to go");
      last_print = t;
    }
  }
  step("reached block " + std::to_string(target));
}

void deposit(command_env& env, core_client& core, const eth::private_key& key, const eth::u256& amount) {
  const eth::address op = key.get_address();
  std::optional<eth::address> manager = core.strategy_manager();
  if (!manager) {  // the stand-in: native ETH
    tx_receipt r = send(env, key, env.dep.allocation_manager, core.deposit_stake(), amount, "depositStake");
    step("deposited " + format_wei(amount) + " of stake" + gas_note(r));
    return;
  }
  eth::address token = core.underlying_token();
  eth::u256 balance = core.token_balance(token, op);
  if (balance < amount)
    throw cli_error(op.to_checksum_hex() + " holds " + format_units(balance, "tokens") + " of the strategy's token " +
                    token.to_checksum_hex() + " but the deposit is " + format_units(amount, "tokens") +
                    " (get more, or pass a smaller --stake-wei)");
  if (core.token_allowance(token, op, *manager) < amount) {
    tx_receipt r = send(env, key, token, core_client::approve(*manager, amount), 0, "approve");
    step("approved the StrategyManager " + manager->to_checksum_hex() + " for " + format_units(amount, "tokens") + gas_note(r));
  }
  tx_receipt r = send(env, key, *manager, core.deposit_into_strategy(token, amount), 0, "depositIntoStrategy");
  step("deposited " + format_units(amount, "tokens") + " into strategy " + env.dep.strategy.to_checksum_hex() + gas_note(r));
}

}  // namespace

std::vector<std::string> operator_revert_errors() { return core_error_signatures(); }

int register_operator(command_env& env) {
  std::set<std::string> allowed = common_options;
  allowed.insert({"stake-wei", "metadata-uri", "allocation-delay", "mine", "max-wait"});
  env.args.only(allowed, "register-operator");
  if (env.args.positional().size() != 1) throw usage_error("register-operator takes no positional arguments");
  const std::string metadata = env.args.get_or("metadata-uri", "https://fleek.xyz/automator/operator.json");
  std::optional<eth::u256> stake;
  if (auto s = env.args.get("stake-wei")) stake = parse_wei(*s, "--stake-wei");
  const uint32_t delay = static_cast<uint32_t>(parse_count(env.args.get_or("allocation-delay", "0"), UINT32_MAX, "--allocation-delay"));
  const uint64_t max_wait = parse_duration(env.args.get_or("max-wait", "10m"), "--max-wait");
  const bool mine = env.args.flag("mine");

  eth::private_key key = env.key();
  const eth::address op = key.get_address();
  core_client core(env.chain, env.dep);
  std::cout << "registering operator " << op.to_checksum_hex() << std::endl;

  // 1. EigenLayer operator (delegated to itself, so its deposits are its operator shares).
  if (core.is_operator(op)) {
    auto d = core.allocation_delay(op);
    step("already an EigenLayer operator (allocation delay " + (d ? std::to_string(*d) + " blocks" : "not set") + ")");
  } else {
    tx_receipt r = send(env, key, env.dep.delegation_manager, core_client::register_as_operator(delay, metadata), 0,
                        "registerAsOperator");
    step("registered as an EigenLayer operator, allocation delay " + std::to_string(delay) + " blocks" + gas_note(r));
  }

  // 2. Stake in the operator set's strategy.
  eth::u256 shares = core.operator_shares(op);
  if (shares == 0 || stake) {
    deposit(env, core, key, stake.value_or(eth::parse_u256("10000000000000000000")));
    shares = core.operator_shares(op);
  } else {
    step("stake already deposited: " + format_units(shares, "shares"));
  }
  if (shares == 0) throw cli_error("the core shows no shares of " + op.to_checksum_hex() + " in strategy " + env.dep.strategy.to_checksum_hex() + " after the deposit");

  eth::operator_info info = eth::avs::decode_operator_info(env.chain.call(env.dep.automator, eth::avs::encode_operator_info(op)));
  if (info.ejected)
    throw cli_error("the AVS ejected " + op.to_checksum_hex() + " after " + std::to_string(info.misses) +
                    " misses; it cannot register again");
  const bool already = info.registered && core.is_member(op);
  if (already) {
    step("already registered for the AVS's operator set");
  } else {
    // 3. Allocate all free magnitude to the set, unless an allocation is in effect or pending.
    core_allocation a = core.allocation(op);
    if (a.effect_block != 0 && a.pending_diff < 0)
      throw cli_error("a deallocation from the set is pending until block " + std::to_string(a.effect_block) +
                      "; run register-operator after it");
    if (a.current_magnitude == 0 && a.pending_diff == 0) {
      uint64_t free = core.allocatable_magnitude(op);
      if (free == 0) throw cli_error("the operator has no free magnitude to allocate (all of it is allocated to other sets)");
      tx_receipt r = send(env, key, env.dep.allocation_manager, core.modify_allocation(op, free), 0, "modifyAllocations");
      a = core.allocation(op);
      step("allocated magnitude " + std::to_string(free) + " to operator set " + std::to_string(env.dep.operator_set_id) +
           (a.effect_block > r.block ? ", in effect at block " + std::to_string(a.effect_block) : ", in effect at once") +
           gas_note(r));
    } else {
      step("magnitude " + std::to_string(a.pending_magnitude()) + " already allocated to the set");
    }
    // 4. The AVS accepts only stake that is slashable, i.e. from the allocation's effect block on.
    if (a.effect_block != 0) wait_for_block(env, a.effect_block, mine, max_wait, "the allocation delay");
    // 5. Register for the set; the core calls the AVS's registrar.
    tx_receipt r = send(env, key, env.dep.allocation_manager, core.register_for_set(op), 0, "registerForOperatorSets");
    step("registered for the AVS's operator set" + gas_note(r));
  }
  info = eth::avs::decode_operator_info(env.chain.call(env.dep.automator, eth::avs::encode_operator_info(op)));
  if (!info.registered) throw cli_error("the AVS does not list " + op.to_checksum_hex() + " as registered");
  std::cout << "operator " << op.to_checksum_hex() << " is registered"
            << (already ? "" : "; it joins the assignment at the next epoch boundary after the activation delay")
            << " (automator-cli status shows when)" << std::endl;
  return 0;
}

int deregister_operator(command_env& env) {
  std::set<std::string> allowed = common_options;
  allowed.insert("deallocate");
  env.args.only(allowed, "deregister-operator");
  if (env.args.positional().size() != 1) throw usage_error("deregister-operator takes no positional arguments");
  eth::private_key key = env.key();
  const eth::address op = key.get_address();
  core_client core(env.chain, env.dep);
  std::cout << "deregistering operator " << op.to_checksum_hex() << std::endl;

  if (core.is_member(op)) {
    tx_receipt r = send(env, key, env.dep.allocation_manager, core.deregister_from_set(op), 0, "deregisterFromOperatorSets");
    uint32_t window = core.deallocation_delay();
    step("deregistered from operator set " + std::to_string(env.dep.operator_set_id) + gas_note(r));
    step("the core keeps it slashable until block " + std::to_string(r.block + window) + " (DEALLOCATION_DELAY " +
         std::to_string(window) + " blocks); the AVS drops it from the assignment at its next epoch boundary");
  } else {
    step("not a member of the AVS's operator set");
  }
  if (env.args.flag("deallocate")) {
    core_allocation a = core.allocation(op);
    if (a.effect_block != 0 && a.pending_magnitude() == 0) {
      step("deallocation already pending until block " + std::to_string(a.effect_block));
    } else if (a.pending_magnitude() == 0) {
      step("nothing allocated to the set");
    } else if (a.effect_block != 0) {
      throw cli_error("an allocation change is pending until block " + std::to_string(a.effect_block) +
                      "; run deregister-operator --deallocate after it");
    } else {
      tx_receipt r = send(env, key, env.dep.allocation_manager, core.modify_allocation(op, 0), 0, "modifyAllocations");
      a = core.allocation(op);
      step(a.effect_block > r.block ? "deallocation queued: the magnitude is free from block " + std::to_string(a.effect_block) + gas_note(r)
                                    : "deallocated: the magnitude is free at once" + gas_note(r));
    }
  }
  return 0;
}

}  // namespace automator::cli
