// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IFleekAutomator} from "../interfaces/IFleekAutomator.sol";
import {IAVSRegistrar} from "../interfaces/eigenlayer/IAVSRegistrar.sol";
import {OperatorSet} from "../interfaces/eigenlayer/OperatorSetLib.sol";
import {OperatorSetSchedule} from "../lib/OperatorSetSchedule.sol";
import {SlotAssignment} from "../lib/SlotAssignment.sol";
import {AutomatorStorage} from "./AutomatorStorage.sol";

/// @title OperatorRegistry
/// @notice The operator set: operators join and leave through the EigenLayer AllocationManager
/// (this contract is the AVS's IAVSRegistrar), changes take effect at a later epoch boundary,
/// and each slot is assigned from the set in effect at its due time.
abstract contract OperatorRegistry is AutomatorStorage, IAVSRegistrar {
    using OperatorSetSchedule for OperatorSetSchedule.History;

    /// @inheritdoc IAVSRegistrar
    /// @dev Joins the set from the first epoch boundary `activationDelay` away, if the operator
    /// has slashable stake allocated to the set and was not ejected.
    function registerOperator(address operator, address avs, uint32[] calldata operatorSetIds, bytes calldata)
        external
    {
        _checkRegistrarCall(avs, operatorSetIds);
        if (!_hasSlashableStake(operator)) revert InsufficientStake(operator);
        OperatorInfo storage info = _operators[operator];
        info.registered = true;
        emit OperatorRegistered(operator);
        if (info.ejected) return;
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
    /// to it. Anyone may call it; it reverts if the operator still has stake.
    function removeUnstaked(address operator) external {
        if (_hasSlashableStake(operator)) revert BadParams("operator still has slashable stake");
        _removeFromSet(operator);
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

    function _hasSlashableStake(address operator) internal view returns (bool) {
        address[] memory ops = new address[](1);
        ops[0] = operator;
        uint256[][] memory stake = allocationManager.getMinimumSlashableStake(
            OperatorSet(address(this), OPERATOR_SET_ID), ops, _strategies, uint32(block.number)
        );
        for (uint256 i = 0; i < stake[0].length; i++) {
            if (stake[0][i] != 0) return true;
        }
        return false;
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
