// status: an operator as the EigenLayer core and the AVS see it: shares, allocation (in effect
// and pending), slashable stake, membership of the core's operator set, the AVS's record
// (registered, ejected, misses, hits), when it is in the slot assignment, and fees owed.
#include <algorithm>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "cli_error.hpp"
#include "command_env.hpp"
#include "eigenlayer_core.hpp"
#include "eth/automator_abi.hpp"

namespace automator::cli {
namespace {

constexpr uint64_t wad = 1'000'000'000'000'000'000ULL;

std::string magnitude(uint64_t m) {
  std::ostringstream s;
  s << m << " (" << std::fixed << std::setprecision(2) << 100.0 * static_cast<double>(m) / static_cast<double>(wad) << " %)";
  return s.str();
}

std::string yes_no(bool b) { return b ? "yes" : "no"; }

void row(const std::string& label, const std::string& value) {
  std::cout << "  " << std::left << std::setw(24) << (label + ":") << value << "\n";
}

struct set_entry {
  uint64_t effective_from;
  std::vector<eth::address> operators;
};

std::vector<set_entry> set_history(command_env& env) {
  eth::bytes ret = env.chain.call(env.dep.automator, eth::abi::encode_call("operatorSetHistory()", {}));
  std::vector<set_entry> out;
  try {
    const eth::abi::value::list decoded = eth::abi::decode("(uint64,address[])[]", ret);  // outlives the loop
    for (const auto& e : decoded[0].as_list()) {
      set_entry entry{e.as_list()[0].as_u64(), {}};
      for (const auto& a : e.as_list()[1].as_list()) entry.operators.push_back(a.as_address());
      out.push_back(std::move(entry));
    }
  } catch (const eth::error& ex) {
    throw cli_error(std::string("operatorSetHistory: unexpected answer: ") + ex.what());
  }
  return out;
}

// "in the assignment since …", "joins the assignment at …", "left the assignment at …".
std::string assignment(command_env& env, const eth::address& op, uint32_t epoch_length) {
  const uint64_t now = env.chain.latest_timestamp();
  std::optional<uint64_t> since;
  std::optional<uint64_t> left;
  for (const auto& e : set_history(env)) {
    bool in = std::find(e.operators.begin(), e.operators.end(), op) != e.operators.end();
    if (in && !since) since = e.effective_from, left.reset();
    if (!in && since) left = e.effective_from, since.reset();
  }
  auto when = [&](uint64_t t) {
    return format_utc(t) + " (epoch " + std::to_string(epoch_length ? t / epoch_length : 0) + ")";
  };
  if (since) return (*since > now ? "joins at " : "in since ") + when(*since);
  if (left) return (*left > now ? "leaves at " : "left at ") + when(*left);
  return "never in it";
}

}  // namespace

int operator_status(command_env& env) {
  std::set<std::string> allowed = common_options;
  allowed.insert("operator");
  env.args.only(allowed, "status");
  if (env.args.positional().size() != 1) throw usage_error("status takes no positional arguments (--operator ADDRESS)");
  eth::address op;
  if (auto a = env.args.get("operator")) {
    try {
      op = eth::address::from_hex(*a);
    } catch (const eth::error& e) {
      throw usage_error("--operator: " + std::string(e.what()));
    }
  } else if (env.args.get("key-file")) {
    op = env.key().get_address();
  } else {
    throw usage_error("status needs --operator ADDRESS or --key-file FILE");
  }
  core_client core(env.chain, env.dep);
  const uint64_t block = env.chain.latest_block();
  const eth::params p = eth::avs::decode_params(env.chain.call(env.dep.automator, eth::avs::encode_params()));

  std::cout << "operator " << op.to_checksum_hex() << " at block " << block << " ("
            << format_utc(env.chain.latest_timestamp()) << ")\n";
  std::cout << "EigenLayer core (" << (core.strategy_manager() ? "AllocationManager " : "stand-in ")
            << env.dep.allocation_manager.to_checksum_hex() << ")\n";
  bool is_op = core.is_operator(op);
  auto delay = core.allocation_delay(op);
  row("operator", yes_no(is_op) + (delay ? ", allocation delay " + std::to_string(*delay) + " blocks" : ""));
  row("shares", format_units(core.operator_shares(op), "shares") + " in strategy " + env.dep.strategy.to_checksum_hex());
  row("max magnitude", magnitude(core.max_magnitude(op)));
  core_allocation a = core.allocation(op);
  row("allocated to set " + std::to_string(env.dep.operator_set_id), magnitude(a.current_magnitude) + " in effect");
  if (a.effect_block != 0) {
    row("pending", magnitude(a.pending_magnitude()) + " from block " + std::to_string(a.effect_block) + " (in " +
                       std::to_string(a.effect_block > block ? a.effect_block - block : 0) + " blocks)");
  } else {
    row("pending", "nothing");
  }
  row("slashable stake", format_units(core.slashable_stake(op, block), "shares") + " (minimum at this block)");
  row("slashable", yes_no(core.is_slashable(op)));
  row("member of set " + std::to_string(env.dep.operator_set_id), yes_no(core.is_member(op)));

  eth::operator_info info = eth::avs::decode_operator_info(env.chain.call(env.dep.automator, eth::avs::encode_operator_info(op)));
  std::cout << "AVS " << env.dep.automator.to_checksum_hex() << "\n";
  row("registered", yes_no(info.registered) + (info.ejected ? ", EJECTED" : ""));
  row("assignment", assignment(env, op, p.epoch_length));
  row("misses", std::to_string(info.misses) + " (ejected at " + std::to_string(p.max_misses) + ")");
  row("hits proven", std::to_string(info.hits_proven));
  row("fees earned", format_wei(info.fees_earned) + " (lifetime)");
  row("owed", format_wei(eth::avs::decode_owed(env.chain.call(env.dep.automator, eth::avs::encode_owed(op)))) +
                  " (withdrawable)");
  return 0;
}

}  // namespace automator::cli
