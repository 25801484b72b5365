// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IStrategy} from "./IStrategy.sol";
import {IAVSRegistrar} from "./IAVSRegistrar.sol";
import {OperatorSet} from "./OperatorSetLib.sol";

/// @title IAllocationManager
/// @notice The subset of EigenLayer's AllocationManager (slashing release, v1.12.0) an AVS and
/// its operators use; signatures and error names are the real core's
/// (shared/vendor/eigenlayer-contracts/src/contracts/interfaces/IAllocationManager.sol).
interface IAllocationManager {
    // ------------------------------------------------------------------ errors (the real names)

    /// @notice `wadToSlash` is 0 or above 1e18.
    error InvalidWadToSlash();
    /// @notice Two array parameters differ in length.
    error InputArrayLengthMismatch();
    /// @notice The registrar does not answer `supportsAVS(avs) == true`.
    error InvalidAVSRegistrar();
    /// @notice The caller may not act for the operator or AVS (slasher, deregistration).
    error InvalidCaller();
    /// @notice The address is not a registered EigenLayer operator.
    error InvalidOperator();
    /// @notice The AVS has not published metadata yet.
    error NonexistentAVSMetadata();
    /// @notice The operator has no allocation delay yet.
    error UninitializedAllocationDelay();
    /// @notice The operator is neither registered for the set nor inside its slashable window.
    error OperatorNotSlashable();
    /// @notice The operator is registered for the set, or still slashable by it.
    error AlreadyMemberOfSet();
    /// @notice The operator is not registered for the set.
    error NotMemberOfSet();
    /// @notice The operator set does not exist (or exists already, on creation).
    error InvalidOperatorSet();
    /// @notice Strategies are not in ascending address order.
    error StrategiesMustBeInAscendingOrder();
    /// @notice A strategy is listed twice for a set.
    error StrategyAlreadyInOperatorSet();
    /// @notice The strategy is not one of the set's.
    error StrategyNotInOperatorSet();
    /// @notice The new magnitude equals the current one.
    error SameMagnitude();
    /// @notice An allocation change is still pending for this set and strategy.
    error ModificationAlreadyPending();
    /// @notice The allocation exceeds the operator's free magnitude.
    error InsufficientMagnitude();

    // ------------------------------------------------------------------ types

    /// @notice Parameters of a new operator set.
    struct CreateSetParamsV2 {
        uint32 operatorSetId;
        IStrategy[] strategies;
        address slasher;
    }

    /// @notice A new magnitude per strategy for one operator set.
    struct AllocateParams {
        OperatorSet operatorSet;
        IStrategy[] strategies;
        uint64[] newMagnitudes;
    }

    /// @notice Registration for some of an AVS's operator sets.
    struct RegisterParams {
        address avs;
        uint32[] operatorSetIds;
        bytes data;
    }

    /// @notice Deregistration from some of an AVS's operator sets (by the operator or the AVS).
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

    /// @notice An operator's allocation from one strategy to one set: the slashable
    /// `currentMagnitude` and a change `pendingDiff` that takes effect at `effectBlock`.
    struct Allocation {
        uint64 currentMagnitude;
        int128 pendingDiff;
        uint32 effectBlock;
    }

    // ------------------------------------------------------------------ AVS side

    /// @notice Publishes the AVS's metadata URI (needed before creating sets).
    /// @param avs The AVS (the caller).
    /// @param metadataURI The URI.
    function updateAVSMetadataURI(address avs, string calldata metadataURI) external;

    /// @notice Creates operator sets of `avs`.
    /// @param avs The AVS (the caller).
    /// @param params The sets: id, strategies, slasher.
    function createOperatorSets(address avs, CreateSetParamsV2[] calldata params) external;

    /// @notice Sets the contract the core calls back on (de)registration.
    /// @param avs The AVS (the caller).
    /// @param registrar The registrar; it must support `avs`.
    function setAVSRegistrar(address avs, IAVSRegistrar registrar) external;

    /// @notice Slashes an operator of one of `avs`'s sets; the caller must be the set's slasher.
    /// @param avs The AVS.
    /// @param params Operator, set, strategies (ascending), wads and a description.
    /// @return slashId The set's sequence number of this slash.
    /// @return shares The shares slashed per strategy.
    function slashOperator(address avs, SlashingParams calldata params)
        external
        returns (uint256 slashId, uint256[] memory shares);

    // ------------------------------------------------------------------ operator side

    /// @notice Changes an operator's allocations; increases take effect after its allocation
    /// delay, decreases of slashable allocations after DEALLOCATION_DELAY blocks.
    /// @param operator The operator (the caller).
    /// @param params New magnitudes per set and strategy.
    function modifyAllocations(address operator, AllocateParams[] calldata params) external;

    /// @notice Registers an operator for sets of an AVS and calls the AVS's registrar.
    /// @param operator The operator (the caller).
    /// @param params The AVS, set ids and data for the registrar.
    function registerForOperatorSets(address operator, RegisterParams calldata params) external;

    /// @notice Deregisters an operator from sets of an AVS (called by the operator or the AVS)
    /// and calls the AVS's registrar; the operator stays slashable for DEALLOCATION_DELAY blocks.
    /// @param params The operator, the AVS and the set ids.
    function deregisterFromOperatorSets(DeregisterParams calldata params) external;

    // ------------------------------------------------------------------ reads

    /// @notice Allocated stake (shares times effective magnitude) per operator and strategy.
    /// @param operatorSet The set.
    /// @param operators The operators.
    /// @param strategies The strategies.
    /// @return Stake per operator per strategy.
    function getAllocatedStake(
        OperatorSet memory operatorSet,
        address[] memory operators,
        IStrategy[] memory strategies
    ) external view returns (uint256[][] memory);

    /// @notice Stake slashable from now until `futureBlock` (pending deallocations effective by
    /// then excluded; 0 for an operator the set cannot slash).
    /// @param operatorSet The set.
    /// @param operators The operators.
    /// @param strategies The strategies.
    /// @param futureBlock The block to look ahead to.
    /// @return slashableStake Stake per operator per strategy.
    function getMinimumSlashableStake(
        OperatorSet memory operatorSet,
        address[] memory operators,
        IStrategy[] memory strategies,
        uint32 futureBlock
    ) external view returns (uint256[][] memory slashableStake);

    /// @notice Whether the set may slash the operator (registered, or deregistered less than
    /// DEALLOCATION_DELAY blocks ago).
    /// @param operator The operator.
    /// @param operatorSet The set.
    /// @return True if slashable.
    function isOperatorSlashable(address operator, OperatorSet memory operatorSet) external view returns (bool);

    /// @notice Whether the operator is registered for the set (not counting the slashable window).
    /// @param operator The operator.
    /// @param operatorSet The set.
    /// @return True if registered.
    function isMemberOfOperatorSet(address operator, OperatorSet memory operatorSet) external view returns (bool);

    /// @notice The operator's allocation from `strategy` to the set, pending changes applied if due.
    /// @param operator The operator.
    /// @param operatorSet The set.
    /// @param strategy The strategy.
    /// @return The allocation.
    function getAllocation(address operator, OperatorSet memory operatorSet, IStrategy strategy)
        external
        view
        returns (Allocation memory);

    /// @notice The operator's allocation delay in blocks.
    /// @param operator The operator.
    /// @return isSet Whether a delay has been set.
    /// @return delay Blocks between an allocation and its becoming slashable.
    function getAllocationDelay(address operator) external view returns (bool isSet, uint32 delay);
}
