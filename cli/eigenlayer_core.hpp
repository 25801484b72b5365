// The EigenLayer core as an operator sees it: the calls and reads of DelegationManager,
// StrategyManager and AllocationManager that automator-cli uses, with the real core's
// (v1.12.0) signatures. The project's stand-in has the same functions, except that its stake
// is native ETH deposited with depositStake (no StrategyManager): core_client tells which one
// it talks to.
#pragma once

#include <optional>

#include "chain_session.hpp"
#include "deployment.hpp"

namespace automator::cli {

/// IAllocationManager.Allocation: the magnitude in effect, the pending change and the block it
/// takes effect (0 when nothing is pending).
struct core_allocation {
  uint64_t current_magnitude = 0;
  int64_t pending_diff = 0;  // magnitudes fit 64 bits (WAD = 1e18), so their difference fits int64
  uint32_t effect_block = 0;
  uint64_t pending_magnitude() const { return static_cast<uint64_t>(static_cast<int64_t>(current_magnitude) + pending_diff); }
};

class core_client {
public:
  core_client(chain_session& chain, const deployment& dep) : chain_(chain), dep_(dep) {}

  /// The StrategyManager (deployment field "strategyManager", else DelegationManager's
  /// strategyManager()); nullopt on the stand-in, whose stake is native ETH.
  std::optional<eth::address> strategy_manager();
  /// The strategy's ERC20 (address 0 on the stand-in).
  eth::address underlying_token();

  bool is_operator(const eth::address& op);
  /// DelegationManager.getOperatorShares for the deployment's strategy.
  eth::u256 operator_shares(const eth::address& op);
  /// AllocationManager.getAllocationDelay: nullopt while not set.
  std::optional<uint32_t> allocation_delay(const eth::address& op);
  core_allocation allocation(const eth::address& op);
  uint64_t max_magnitude(const eth::address& op);
  uint64_t allocatable_magnitude(const eth::address& op);
  bool is_member(const eth::address& op);
  bool is_slashable(const eth::address& op);
  /// getMinimumSlashableStake at `block` (default: the latest block).
  eth::u256 slashable_stake(const eth::address& op, std::optional<uint64_t> block = std::nullopt);
  uint32_t deallocation_delay();

  eth::u256 token_balance(const eth::address& token, const eth::address& holder);
  eth::u256 token_allowance(const eth::address& token, const eth::address& owner, const eth::address& spender);

  // Calldata of the operator's transactions.
  static eth::bytes register_as_operator(uint32_t allocation_delay, const std::string& metadata_uri);
  static eth::bytes approve(const eth::address& spender, const eth::u256& amount);
  eth::bytes deposit_into_strategy(const eth::address& token, const eth::u256& amount) const;
  eth::bytes deposit_stake() const;  // the stand-in's native-ETH deposit
  eth::bytes modify_allocation(const eth::address& op, uint64_t magnitude) const;
  eth::bytes register_for_set(const eth::address& op) const;
  eth::bytes deregister_from_set(const eth::address& op) const;

private:
  eth::abi::value operator_set() const;
  eth::abi::value::list read(const eth::address& to, const std::string& signature, const eth::abi::value::list& args,
                             const std::string& returns);

  chain_session& chain_;
  const deployment& dep_;
  std::optional<std::optional<eth::address>> strategy_manager_;
};

/// Custom errors of the real core (v1.12.0 interfaces), of the stand-in and of the AVS
/// implementation, so every refusal is shown by name.
std::vector<std::string> core_error_signatures();

/// What to do about a refusal named in `message` ("…reverted: CurrentlyPaused()"): a sentence
/// for the user, or "" if there is none.
std::string refusal_hint(const std::string& message);

}  // namespace automator::cli
