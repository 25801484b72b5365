// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IFleekAutomator} from "../interfaces/IFleekAutomator.sol";
import {IAVSRegistrar} from "../interfaces/eigenlayer/IAVSRegistrar.sol";
import {OperatorSetSchedule} from "../lib/OperatorSetSchedule.sol";
import {SlotAssignment} from "../lib/SlotAssignment.sol";
import {CoreCalls} from "../lib/CoreCalls.sol";
import {AutomatorStorage} from "./AutomatorStorage.sol";

/// @title OperatorRegistry
/// @notice The operator set: operators join and leave through the EigenLayer AllocationManager
/// (this contract is the AVS's IAVSRegistrar), changes take effect at a later epoch boundary,
/// and each slot is assigned from the set in effect at its due time. An operator the AVS removes
/// (ejected after `maxMisses`, or without slashable stake) is also deregistered from the core's
/// operator set.
abstract contract OperatorRegistry is AutomatorStorage, IAVSRegistrar {
    using OperatorSetSchedule for OperatorSetSchedule.History;

    /// @inheritdoc IAVSRegistrar
    /// @dev Joins the set from the first epoch boundary `activationDelay` away, if the operator
    /// has slashable stake allocated to the set; an ejected operator is refused
    /// ({OperatorIsEjected}), since the AVS deregistered it from the core on ejection.
    function registerOperator(address operator, address avs, uint32[] calldata operatorSetIds, bytes calldata)
        external
    {
        _checkRegistrarCall(avs, operatorSetIds);
        OperatorInfo storage info = _operators[operator];
        if (info.ejected) revert OperatorIsEjected(operator);
        if (!_hasSlashableStake(operator)) revert InsufficientStake(operator);
        info.registered = true;
        emit OperatorRegistered(operator);
        (bool changed, address[] memory next) = OperatorSetSchedule.inserted(_sets.latest(), operator);
        if (changed) _scheduleSet(next);
    }

    /// @inheritdoc IAVSRegistrar
    function deregisterOperator(address operator, address avs, uint32[] calldata operatorSetIds) external {
        _checkRegistrarCall(avs, operatorSetIds);
        _operators[operator].registered = false;
        emit OperatorDeregistered(operator);
        _removeFromSet(operator);
    }

    /// @inheritdoc IAVSRegistrar
    function supportsAVS(address avs) external view returns (bool) {
        return avs == address(this);
    }

    /// @notice Removes from the set an operator that no longer has slashable stake allocated
    /// to it, and deregisters it from the core's operator set. Anyone may call it; it reverts if
    /// the operator still has stake, unless it was ejected: then it retries the deregistration
    /// the core refused at ejection ({CoreDeregistrationDeferred}, emitted again while the core
    /// still refuses).
    /// @param operator The operator.
    function removeUnstaked(address operator) external nonReentrant {
        if (!_operators[operator].ejected && _hasSlashableStake(operator)) {
            revert BadParams("operator still has slashable stake");
        }
        _removeFromSet(operator);
        _deregisterFromCore(operator);
    }

    /// @inheritdoc IFleekAutomator
    function operatorInfo(address operator) external view returns (OperatorInfo memory) {
        return _operators[operator];
    }

    function _checkRegistrarCall(address avs, uint32[] calldata operatorSetIds) internal view {
        if (msg.sender != address(allocationManager)) revert NotAllocationManager(msg.sender);
        if (avs != address(this)) revert WrongAVS(avs);
        for (uint256 i = 0; i < operatorSetIds.length; i++) {
            if (operatorSetIds[i] != OPERATOR_SET_ID) revert UnknownOperatorSet(operatorSetIds[i]);
        }
    }

    /// @dev Whether the core would let the AVS slash some stake of `operator` now.
    function _hasSlashableStake(address operator) internal view returns (bool) {
        return CoreCalls.hasSlashableStake(allocationManager, OPERATOR_SET_ID, _strategies, operator);
    }

    /// @dev Deregisters a removed operator from the core's set if the core still lists it; the
    /// core calls back {deregisterOperator}. A refusal (paused) is recorded, not fatal: the
    /// removal from the AVS's own set stands and {removeUnstaked} retries.
    function _deregisterFromCore(address operator) internal {
        if (!_operators[operator].registered) return;
        (bool refused, bytes4 reason) = CoreCalls.deregister(allocationManager, OPERATOR_SET_ID, operator);
        if (refused) emit CoreDeregistrationDeferred(operator, reason);
    }

    function _removeFromSet(address operator) internal {
        (bool changed, address[] memory next) = OperatorSetSchedule.removed(_sets.latest(), operator);
        if (changed) _scheduleSet(next);
    }

    function _scheduleSet(address[] memory next) internal {
        uint64 effectiveFrom = _sets.schedule(next, block.timestamp, _params.activationDelay, _params.epochLength);
        emit OperatorSetScheduled(effectiveFrom, next);
    }

    /// @inheritdoc IFleekAutomator
    function operatorsAt(uint64 timestamp) external view returns (address[] memory) {
        return _sets.at(timestamp);
    }

    /// @notice Every scheduled set change: effective times and sets, oldest first.
    function operatorSetHistory() external view returns (OperatorSetSchedule.Entry[] memory) {
        return _sets.entries;
    }

    /// @inheritdoc IFleekAutomator
    function eligibleOperators(uint256 taskId, uint32 slot)
        external
        view
        returns (address[] memory operators, uint64[] memory earliest)
    {
        uint256 due = slotTime(taskId, slot);
        address[] memory set = _sets.at(due);
        uint256 n = set.length;
        uint256 m = SlotAssignment.positions(_params.redundancy, n);
        uint256 h = SlotAssignment.slotHash(taskId, slot);
        operators = new address[](m);
        earliest = new uint64[](m);
        for (uint256 r = 0; r < m; r++) {
            operators[r] = set[SlotAssignment.indexAt(h, r, n)];
            earliest[r] = uint64(due + r * _params.failoverDelay);
        }
    }
}
