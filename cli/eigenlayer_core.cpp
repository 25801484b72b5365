// core_client: encodes the core's calls and decodes its reads (signatures of EigenLayer v1.12.0).
#include "eigenlayer_core.hpp"

#include "cli_error.hpp"

namespace automator::cli {

using eth::abi::value;

namespace {

const char* const set_type = "(address,uint32)";

// An int<N> word (two's complement in 256 bits) as int64; magnitude diffs always fit.
int64_t signed_word(const eth::u256& w) {
  const eth::u256 top = eth::u256(1) << 255;
  if (w < top) return static_cast<int64_t>(eth::to_u64(w, "int128"));
  eth::u256 neg = (~w) + 1;
  return -static_cast<int64_t>(eth::to_u64(neg, "int128"));
}

}  // namespace

value::list core_client::read(const eth::address& to, const std::string& signature, const value::list& args,
                              const std::string& returns) {
  eth::bytes ret = chain_.call(to, eth::abi::encode_call(signature, args));
  try {
    return eth::abi::decode(returns, ret);
  } catch (const eth::error& e) {
    throw cli_error(signature + " on " + to.to_checksum_hex() + ": unexpected answer (" + e.what() +
                    "); is the deployment file's core address right?");
  }
}

value core_client::operator_set() const { return value(value::list{dep_.automator, dep_.operator_set_id}); }

std::optional<eth::address> core_client::strategy_manager() {
  if (strategy_manager_) return *strategy_manager_;
  if (dep_.strategy_manager) {
    strategy_manager_ = dep_.strategy_manager;
  } else {
    try {
      strategy_manager_ = read(dep_.delegation_manager, "strategyManager()", {}, "address")[0].as_address();
    } catch (const cli_error&) {
      strategy_manager_ = std::optional<eth::address>{};  // the stand-in: no StrategyManager
    }
  }
  return *strategy_manager_;
}

eth::address core_client::underlying_token() {
  return read(dep_.strategy, "underlyingToken()", {}, "address")[0].as_address();
}

bool core_client::is_operator(const eth::address& op) {
  return read(dep_.delegation_manager, "isOperator(address)", {op}, "bool")[0].as_bool();
}

eth::u256 core_client::operator_shares(const eth::address& op) {
  value::list r = read(dep_.delegation_manager, "getOperatorShares(address,address[])",
                       {op, value(value::list{dep_.strategy})}, "uint256[]");
  const value::list& shares = r[0].as_list();
  if (shares.size() != 1) throw cli_error("getOperatorShares: expected one entry, got " + std::to_string(shares.size()));
  return shares[0].as_uint();
}

std::optional<uint32_t> core_client::allocation_delay(const eth::address& op) {
  value::list r = read(dep_.allocation_manager, "getAllocationDelay(address)", {op}, "bool,uint32");
  if (!r[0].as_bool()) return std::nullopt;
  return static_cast<uint32_t>(r[1].as_u64());
}

core_allocation core_client::allocation(const eth::address& op) {
  value::list r = read(dep_.allocation_manager, std::string("getAllocation(address,") + set_type + ",address)",
                       {op, operator_set(), dep_.strategy}, "(uint64,int128,uint32)");
  const value::list& a = r[0].as_list();
  return {a[0].as_u64(), signed_word(a[1].as_uint()), static_cast<uint32_t>(a[2].as_u64())};
}

uint64_t core_client::max_magnitude(const eth::address& op) {
  return read(dep_.allocation_manager, "getMaxMagnitude(address,address)", {op, dep_.strategy}, "uint64")[0].as_u64();
}

uint64_t core_client::allocatable_magnitude(const eth::address& op) {
  return read(dep_.allocation_manager, "getAllocatableMagnitude(address,address)", {op, dep_.strategy}, "uint64")[0].as_u64();
}

bool core_client::is_member(const eth::address& op) {
  return read(dep_.allocation_manager, std::string("isMemberOfOperatorSet(address,") + set_type + ")", {op, operator_set()},
              "bool")[0]
      .as_bool();
}

bool core_client::is_slashable(const eth::address& op) {
  return read(dep_.allocation_manager, std::string("isOperatorSlashable(address,") + set_type + ")", {op, operator_set()},
              "bool")[0]
      .as_bool();
}

eth::u256 core_client::slashable_stake(const eth::address& op, std::optional<uint64_t> block) {
  uint64_t at = block ? *block : chain_.latest_block();
  value::list r = read(dep_.allocation_manager,
                       std::string("getMinimumSlashableStake(") + set_type + ",address[],address[],uint32)",
                       {operator_set(), value(value::list{op}), value(value::list{dep_.strategy}), static_cast<uint32_t>(at)},
                       "uint256[][]");
  const value::list& rows = r[0].as_list();
  if (rows.size() != 1 || rows[0].as_list().size() != 1) throw cli_error("getMinimumSlashableStake: expected a 1x1 answer");
  return rows[0].as_list()[0].as_uint();
}

uint32_t core_client::deallocation_delay() {
  return static_cast<uint32_t>(read(dep_.allocation_manager, "DEALLOCATION_DELAY()", {}, "uint32")[0].as_u64());
}

eth::u256 core_client::token_balance(const eth::address& token, const eth::address& holder) {
  return read(token, "balanceOf(address)", {holder}, "uint256")[0].as_uint();
}

eth::u256 core_client::token_allowance(const eth::address& token, const eth::address& owner, const eth::address& spender) {
  return read(token, "allowance(address,address)", {owner, spender}, "uint256")[0].as_uint();
}

eth::bytes core_client::register_as_operator(uint32_t allocation_delay, const std::string& metadata_uri) {
  return eth::abi::encode_call("registerAsOperator(address,uint32,string)", {eth::address{}, allocation_delay, metadata_uri});
}

eth::bytes core_client::approve(const eth::address& spender, const eth::u256& amount) {
  return eth::abi::encode_call("approve(address,uint256)", {spender, amount});
}

eth::bytes core_client::deposit_into_strategy(const eth::address& token, const eth::u256& amount) const {
  return eth::abi::encode_call("depositIntoStrategy(address,address,uint256)", {dep_.strategy, token, amount});
}

eth::bytes core_client::deposit_stake() const { return eth::abi::encode_call("depositStake(address)", {dep_.strategy}); }

eth::bytes core_client::modify_allocation(const eth::address& op, uint64_t magnitude) const {
  value allocation(value::list{operator_set(), value(value::list{dep_.strategy}), value(value::list{magnitude})});
  return eth::abi::encode_call(std::string("modifyAllocations(address,(") + set_type + ",address[],uint64[])[])",
                               {op, value(value::list{allocation})});
}

eth::bytes core_client::register_for_set(const eth::address& op) const {
  value params(value::list{dep_.automator, value(value::list{dep_.operator_set_id}), eth::bytes{}});
  return eth::abi::encode_call("registerForOperatorSets(address,(address,uint32[],bytes))", {op, params});
}

eth::bytes core_client::deregister_from_set(const eth::address& op) const {
  value params(value::list{op, dep_.automator, value(value::list{dep_.operator_set_id})});
  return eth::abi::encode_call("deregisterFromOperatorSets((address,address,uint32[]))", {params});
}

}  // namespace automator::cli
