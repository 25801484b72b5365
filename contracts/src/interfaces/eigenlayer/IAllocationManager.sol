// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IStrategy} from "./IStrategy.sol";
import {IAVSRegistrar} from "./IAVSRegistrar.sol";
import {OperatorSet} from "./OperatorSetLib.sol";

/// @title IAllocationManager
/// @notice The subset of EigenLayer's AllocationManager (slashing release) an AVS and its
/// operators use; signatures follow shared/notes/eigenlayer.md.
interface IAllocationManager {
    struct CreateSetParamsV2 {
        uint32 operatorSetId;
        IStrategy[] strategies;
        address slasher;
    }

    struct AllocateParams {
        OperatorSet operatorSet;
        IStrategy[] strategies;
        uint64[] newMagnitudes;
    }

    struct RegisterParams {
        address avs;
        uint32[] operatorSetIds;
        bytes data;
    }

    struct DeregisterParams {
        address operator;
        address avs;
        uint32[] operatorSetIds;
    }

    /// @dev `wadsToSlash[i]` is the fraction (of 1e18) of the allocated stake in `strategies[i]`
    /// to slash; strategies are in ascending address order.
    struct SlashingParams {
        address operator;
        uint32 operatorSetId;
        IStrategy[] strategies;
        uint256[] wadsToSlash;
        string description;
    }

    // ------------------------------------------------------------------ AVS side
    function updateAVSMetadataURI(address avs, string calldata metadataURI) external;
    function createOperatorSets(address avs, CreateSetParamsV2[] calldata params) external;
    function setAVSRegistrar(address avs, IAVSRegistrar registrar) external;
    function slashOperator(address avs, SlashingParams calldata params)
        external
        returns (uint256 slashId, uint256[] memory shares);

    // ------------------------------------------------------------------ operator side
    function modifyAllocations(address operator, AllocateParams[] calldata params) external;
    function registerForOperatorSets(address operator, RegisterParams calldata params) external;
    function deregisterFromOperatorSets(DeregisterParams calldata params) external;

    // ------------------------------------------------------------------ reads
    function getAllocatedStake(
        OperatorSet memory operatorSet,
        address[] memory operators,
        IStrategy[] memory strategies
    ) external view returns (uint256[][] memory);

    function getMinimumSlashableStake(
        OperatorSet memory operatorSet,
        address[] memory operators,
        IStrategy[] memory strategies,
        uint32 futureBlock
    ) external view returns (uint256[][] memory slashableStake);

    function isOperatorSlashable(address operator, OperatorSet memory operatorSet) external view returns (bool);
}
