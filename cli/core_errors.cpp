// The EigenLayer core's custom errors (real core v1.12.0 and the project's stand-in) and what an
// operator can do about each refusal it meets in register-operator and deregister-operator.
#include <map>

#include "eigenlayer_core.hpp"

namespace automator::cli {

std::vector<std::string> core_error_signatures() {
  return {
      // Real core v1.12.0: IAllocationManager, IDelegationManager, IStrategyManager, IStrategy,
      // IPausable, IPermissionController, ISignatureUtilsMixin (all without parameters).
      "InvalidWadToSlash()", "InputArrayLengthMismatch()", "InvalidAVSRegistrar()", "InvalidStrategy()",
      "InvalidRedistributionRecipient()", "OperatorSetAlreadyMigrated()", "InvalidCaller()", "InvalidOperator()",
      "NonexistentAVSMetadata()", "UninitializedAllocationDelay()", "OperatorNotSlashable()", "AlreadyMemberOfSet()",
      "NotMemberOfSet()", "InvalidOperatorSet()", "StrategiesMustBeInAscendingOrder()", "StrategyAlreadyInOperatorSet()",
      "StrategyNotInOperatorSet()", "SameMagnitude()", "ModificationAlreadyPending()", "InsufficientMagnitude()",
      "SlasherNotSet()", "OnlyStrategyManagerOrEigenPodManager()", "OnlyEigenPodManager()", "OnlyAllocationManager()",
      "OperatorsCannotUndelegate()", "ActivelyDelegated()", "NotActivelyDelegated()", "OperatorNotRegistered()",
      "WithdrawalNotQueued()", "CallerCannotUndelegate()", "InputArrayLengthZero()", "FullySlashed()", "SaltSpent()",
      "WithdrawalDelayNotElapsed()", "WithdrawerNotCaller()", "MaxStrategiesExceeded()", "OnlyDelegationManager()",
      "OnlyStrategyWhitelister()", "SharesAmountTooHigh()", "SharesAmountZero()", "StakerAddressZero()",
      "StrategyNotFound()", "StrategyNotWhitelisted()", "StrategyAlreadyInSlash()", "OnlyStrategyManager()",
      "NewSharesZero()", "TotalSharesExceedsMax()", "WithdrawalAmountExceedsTotalDeposits()", "OnlyUnderlyingToken()",
      "MaxPerDepositExceedsMax()", "BalanceExceedsMaxTotalDeposits()", "OnlyPauser()", "OnlyUnpauser()",
      "CurrentlyPaused()", "InvalidNewPausedStatus()", "InputAddressZero()", "NotAdmin()", "AdminNotSet()",
      "AppointeeAlreadySet()", "AppointeeNotSet()", "CannotHaveZeroAdmins()", "AdminAlreadySet()", "AdminNotPending()",
      "AdminAlreadyPending()", "InvalidSignature()", "SignatureExpired()",
      // The stand-in's own (contracts/src/dev), old and new.
      "InvalidPermissions()", "NotOperator(address)", "AlreadyOperator(address)", "NotSelf(address,address)",
      "NoMetadata(address)", "SetExists(address,uint32)", "SetUnknown(address,uint32)", "StrategyNotInSet(address)",
      "OverAllocated(address,address)", "AlreadyRegistered(address,uint32)", "NotRegistered(address,uint32)",
      "NotSlasher(address)", "NotSlashable(address)", "BadWad(uint256)", "UnsortedStrategies()", "LengthMismatch()",
      "RegistrarRefused(address)",
      // The AVS implementation beyond its interface.
      "UnknownOperatorSet(uint32)", "AlreadyInitialized()", "BadStrategies()", "SlotCancelled(uint256,uint32)",
      "OperatorIsEjected(address)", "NotRemovable(address)",
  };
}

std::string refusal_hint(const std::string& message) {
  static const std::map<std::string, std::string> hints = {
      {"CurrentlyPaused()", "the EigenLayer core has paused this action; try again once its pauser unpauses it"},
      {"ActivelyDelegated()", "this key is delegated to an operator as a staker; an operator needs a key that is not delegated"},
      {"InvalidOperator()", "the key is not an EigenLayer operator (registerAsOperator did not happen or failed)"},
      {"OperatorNotRegistered()", "the key is not an EigenLayer operator"},
      {"UninitializedAllocationDelay()", "the operator has no allocation delay yet; it is set by registerAsOperator"},
      {"InsufficientMagnitude()", "the operator's magnitude is allocated elsewhere; free some (deallocate) first"},
      {"ModificationAlreadyPending()", "an allocation change for this set is pending; wait for its effect block (status shows it)"},
      {"SameMagnitude()", "the allocation is already at that magnitude"},
      {"AlreadyMemberOfSet()",
       "the operator is still registered, or still slashable after a deregistration (DEALLOCATION_DELAY blocks): wait, then re-run"},
      {"NotMemberOfSet()", "the operator is not registered for the AVS's operator set"},
      {"InvalidOperatorSet()", "the deployment's AVS has no such operator set on this core; check --deployment"},
      {"StrategyNotInOperatorSet()", "the deployment's strategy is not a strategy of the AVS's operator set"},
      {"StrategyNotWhitelisted()", "the strategy is not whitelisted for deposits by the core's strategy whitelister"},
      {"MaxPerDepositExceedsMax()", "the deposit is above the strategy's limit"},
      {"BalanceExceedsMaxTotalDeposits()", "the strategy is full (its total deposit limit)"},
      {"SharesAmountZero()", "the deposit is too small to give any shares"},
      {"MaxStrategiesExceeded()", "the operator holds deposits in the most strategies allowed"},
      {"InvalidCaller()", "this key may not act for the operator (PermissionController)"},
      {"InsufficientStake(", "the AVS refused: the operator's slashable stake is below its minimum (allocation not in effect yet?)"},
      {"WrongAVS(", "the AVS refused the registration: wrong AVS address"},
      {"ERC20: insufficient allowance", "the StrategyManager may not spend the tokens: the approve step failed"},
      {"ERC20: transfer amount exceeds balance", "the key holds fewer of the strategy's tokens than --stake-wei"},
  };
  for (const auto& [name, hint] : hints) {
    if (message.find(name) != std::string::npos) return hint;
  }
  return "";
}

}  // namespace automator::cli
