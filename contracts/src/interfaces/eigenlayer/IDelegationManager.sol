// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IDelegationManager
/// @notice The subset of EigenLayer's DelegationManager an operator uses to become an operator.
interface IDelegationManager {
    function registerAsOperator(address initDelegationApprover, uint32 allocationDelay, string calldata metadataURI)
        external;

    function isOperator(address operator) external view returns (bool);
}
