// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IFleekAutomator} from "../interfaces/IFleekAutomator.sol";
import {IAllocationManager} from "../interfaces/eigenlayer/IAllocationManager.sol";
import {OperatorSet} from "../interfaces/eigenlayer/OperatorSetLib.sol";
import {OperatorSetSchedule} from "../lib/OperatorSetSchedule.sol";
import {SlotAssignment} from "../lib/SlotAssignment.sol";
import {OperatorRegistry} from "./OperatorRegistry.sol";

/// @title MissPenalties
/// @notice After a slot's deadline anyone may report it missed: the primary is slashed through
/// the AllocationManager, the reporter earns the slot's fee, and repeated misses eject.
abstract contract MissPenalties is OperatorRegistry {
    using OperatorSetSchedule for OperatorSetSchedule.History;

    /// @inheritdoc IFleekAutomator
    /// @dev T(k) + (R-1)·failoverDelay + tolerance + submitWindow: the last backup's window must
    /// close before the primary can be blamed (DESIGN.md omits the failover term).
    function missDeadline(uint256 taskId, uint32 slot) public view returns (uint64) {
        uint256 due = slotTime(taskId, slot);
        Params storage p = _params;
        return uint64(due + uint256(p.redundancy - 1) * p.failoverDelay + _tasks[taskId].tolerance + p.submitWindow);
    }

    /// @inheritdoc IFleekAutomator
    function reportMissed(uint256 taskId, uint32 slot) external whenNotPaused nonReentrant {
        Task storage t = _existingSlot(taskId, slot);
        if (t.cancelled && slot >= _cancelledFrom[taskId]) revert SlotCancelled(taskId, slot);
        if (_slotBitsOf(taskId, slot) != 0) revert SlotAlreadyResolved(taskId, slot);
        uint64 deadline = missDeadline(taskId, slot);
        if (block.timestamp <= deadline) revert DeadlineNotReached(taskId, slot, deadline);
        uint64 due = slotTime(taskId, slot);
        address[] memory set = _sets.at(due);
        if (set.length == 0) revert NoOperators(due);
        address primary = set[SlotAssignment.indexAt(SlotAssignment.slotHash(taskId, slot), 0, set.length)];

        _slotBits[taskId][slot >> 7] |= MISSED_BIT << ((uint256(slot) & 127) << 1);
        uint128 bounty = t.feePerHit;
        t.missed += 1;
        t.deposit -= bounty;
        _owed[msg.sender] += bounty;
        emit SlotMissed(taskId, slot, primary, msg.sender, bounty);
        _recordMiss(primary);
        _slash(primary);
    }

    function _recordMiss(address operator) internal {
        OperatorInfo storage info = _operators[operator];
        uint32 misses = ++info.misses;
        if (misses >= _params.maxMisses && !info.ejected) {
            info.ejected = true;
            emit OperatorEjected(operator, misses);
            _removeFromSet(operator);
        }
    }

    /// @dev Slashes `slashWad` of the operator's allocation in every strategy of the set. An
    /// operator the core no longer lets us slash (it left the set) only has its miss recorded.
    /// No try/catch around the slash: a caller could starve it of gas and still collect the bounty.
    function _slash(address operator) internal {
        uint64 wad = _params.slashWad;
        if (wad == 0) return;
        if (!allocationManager.isOperatorSlashable(operator, OperatorSet(address(this), OPERATOR_SET_ID))) return;
        uint256 n = _strategies.length;
        uint256[] memory wads = new uint256[](n);
        for (uint256 i = 0; i < n; i++) {
            wads[i] = wad;
        }
        IAllocationManager.SlashingParams memory sp = IAllocationManager.SlashingParams({
            operator: operator,
            operatorSetId: OPERATOR_SET_ID,
            strategies: _strategies,
            wadsToSlash: wads,
            description: "fleek-automator: missed slot"
        });
        (uint256 slashId,) = allocationManager.slashOperator(address(this), sp);
        emit OperatorSlashed(operator, slashId, wad);
    }
}
