// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IStrategy} from "./IStrategy.sol";

/// @title IDelegationManager
/// @notice The subset of EigenLayer's DelegationManager an operator uses to become an operator
/// and read its shares (signatures and error names of the real core, v1.12.0).
interface IDelegationManager {
    /// @notice The caller is delegated already (an operator is delegated to itself).
    error ActivelyDelegated();

    /// @notice Makes the caller an operator with an allocation delay effective at once.
    /// @param initDelegationApprover Who approves delegations (0: anyone may delegate).
    /// @param allocationDelay Blocks between an allocation and its becoming slashable.
    /// @param metadataURI The operator's metadata.
    function registerAsOperator(address initDelegationApprover, uint32 allocationDelay, string calldata metadataURI)
        external;

    /// @notice Whether `operator` is a registered operator.
    /// @param operator The address.
    /// @return True if registered.
    function isOperator(address operator) external view returns (bool);

    /// @notice Shares delegated to `operator` in `strategy`.
    /// @param operator The operator.
    /// @param strategy The strategy.
    /// @return The shares.
    function operatorShares(address operator, IStrategy strategy) external view returns (uint256);
}
