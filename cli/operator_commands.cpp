// register-operator: joins the AVS's operator set through the EigenLayer core (on a devnet,
// the project's stand-in with the same interface): register as an EigenLayer operator,
// deposit stake, allocate it to the AVS's operator set, register for the set. Steps already
// done are skipped, so the command can be re-run after a failure.
#include <iostream>

#include "cli_error.hpp"
#include "command_env.hpp"
#include "eth/automator_abi.hpp"

namespace automator::cli {
namespace {

using eth::abi::value;

// Errors of the EigenLayer stand-in and of the AVS implementation beyond its interface, so
// their reverts are readable.
const std::vector<std::string> core_errors = {
    "NotOperator(address)", "AlreadyOperator(address)", "NotSelf(address,address)", "NoMetadata(address)",
    "SetExists(address,uint32)", "SetUnknown(address,uint32)", "StrategyNotInSet(address)",
    "OverAllocated(address,address)", "AlreadyRegistered(address,uint32)", "NotRegistered(address,uint32)",
    "NotSlasher(address)", "NotSlashable(address)", "BadWad(uint256)", "UnsortedStrategies()", "LengthMismatch()",
    "RegistrarRefused(address)", "UnknownOperatorSet(uint32)", "AlreadyInitialized()", "BadStrategies()",
    "SlotCancelled(uint256,uint32)",
};

}  // namespace

std::vector<std::string> operator_revert_errors() { return core_errors; }

int register_operator(command_env& env) {
  std::set<std::string> allowed = common_options;
  allowed.insert({"stake-wei", "metadata-uri"});
  env.args.only(allowed, "register-operator");
  if (env.args.positional().size() != 1) throw usage_error("register-operator takes no positional arguments");
  const std::string metadata = env.args.get_or("metadata-uri", "https://fleek.xyz/automator/operator.json");
  std::optional<eth::u256> stake;
  if (auto s = env.args.get("stake-wei")) stake = parse_wei(*s, "--stake-wei");

  eth::private_key key = env.key();
  const eth::address op = key.get_address();
  const eth::address core = env.dep.delegation_manager;
  const eth::address allocations = env.dep.allocation_manager;
  auto step = [&](const std::string& what) { std::cout << "  " << what << "\n"; };
  std::cout << "registering operator " << op.to_checksum_hex() << "\n";

  bool is_operator = eth::abi::decode("bool", env.chain.call(core, eth::abi::encode_call("isOperator(address)", {op})))[0].as_bool();
  if (is_operator) {
    step("already an EigenLayer operator");
  } else {
    env.chain.transact(key, core, eth::abi::encode_call("registerAsOperator(address,uint32,string)", {eth::address{}, 0u, metadata}), 0,
                       "registerAsOperator");
    step("registered as an EigenLayer operator");
  }

  eth::u256 shares = eth::abi::decode(
      "uint256", env.chain.call(allocations, eth::abi::encode_call("shares(address,address)", {op, env.dep.strategy})))[0].as_uint();
  if (shares == 0 || stake) {
    eth::u256 amount = stake.value_or(eth::parse_u256("10000000000000000000"));
    env.chain.transact(key, allocations, eth::abi::encode_call("depositStake(address)", {env.dep.strategy}), amount,
                       "depositStake");
    step("deposited " + format_wei(amount) + " of stake");
  } else {
    step("stake already deposited: " + format_wei(shares));
  }

  eth::operator_info info = eth::avs::decode_operator_info(env.chain.call(env.dep.automator, eth::avs::encode_operator_info(op)));
  if (info.registered) {
    step("already registered for the AVS's operator set");
  } else {
    eth::u256 wad = eth::abi::decode("uint64", env.chain.call(allocations, eth::abi::encode_call("WAD()", {})))[0].as_uint();
    value set(value::list{env.dep.automator, env.dep.operator_set_id});
    value allocation(value::list{set, value(value::list{env.dep.strategy}), value(value::list{wad})});
    env.chain.transact(key, allocations,
                       eth::abi::encode_call("modifyAllocations(address,((address,uint32),address[],uint64[])[])",
                                             {op, value(value::list{allocation})}),
                       0, "modifyAllocations");
    step("allocated the stake to operator set " + std::to_string(env.dep.operator_set_id));
    value params(value::list{env.dep.automator, value(value::list{env.dep.operator_set_id}), eth::bytes{}});
    env.chain.transact(key, allocations,
                       eth::abi::encode_call("registerForOperatorSets(address,(address,uint32[],bytes))", {op, params}), 0,
                       "registerForOperatorSets");
    step("registered for the AVS's operator set");
  }
  info = eth::avs::decode_operator_info(env.chain.call(env.dep.automator, eth::avs::encode_operator_info(op)));
  if (!info.registered) throw cli_error("the AVS does not list " + op.to_checksum_hex() + " as registered");
  std::cout << "operator " << op.to_checksum_hex() << " is registered"
            << (info.ejected ? " but ejected after " + std::to_string(info.misses) + " misses" : "")
            << "; it joins the assignment at the next epoch boundary after the activation delay\n";
  return 0;
}

}  // namespace automator::cli
