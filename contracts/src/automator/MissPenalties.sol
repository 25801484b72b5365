// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IFleekAutomator} from "../interfaces/IFleekAutomator.sol";
import {IAllocationManager} from "../interfaces/eigenlayer/IAllocationManager.sol";
import {CoreCalls} from "../lib/CoreCalls.sol";
import {OperatorSetSchedule} from "../lib/OperatorSetSchedule.sol";
import {SlotAssignment} from "../lib/SlotAssignment.sol";
import {OperatorRegistry} from "./OperatorRegistry.sol";

/// @title MissPenalties
/// @notice After a slot's deadline anyone may report it missed: the primary is slashed through
/// the AllocationManager, the reporter earns the slot's fee, and repeated misses eject (from the
/// AVS's set and from the core's). A miss is recorded and its bounty paid even while the core
/// refuses to slash; the slash then waits for {retrySlash}.
abstract contract MissPenalties is OperatorRegistry {
    using OperatorSetSchedule for OperatorSetSchedule.History;

    /// @inheritdoc IFleekAutomator
    /// @dev T(k) + (R-1)·failoverDelay + tolerance + submitWindow: the last backup's window must
    /// close before the primary can be blamed (the starting design omitted the failover term).
    function missDeadline(uint256 taskId, uint32 slot) public view returns (uint64) {
        return _deadlineAfter(slotTime(taskId, slot), _tasks[taskId].tolerance);
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
        uint64 wad = _params.slashWad;
        if (wad != 0) {
            (bool refused, bytes4 reason) = _slash(primary, wad);
            if (refused) _deferOrSkip(primary, wad, taskId, slot, reason);
        }
        _recordMiss(primary);
    }

    /// @inheritdoc IFleekAutomator
    function retrySlash(uint256 taskId, uint32 slot) external whenNotPaused nonReentrant {
        DeferredSlash memory d = _deferredSlashes[taskId][slot];
        if (d.operator == address(0)) revert NoDeferredSlash(taskId, slot);
        delete _deferredSlashes[taskId][slot];
        (bool refused, bytes4 reason) = _slash(d.operator, d.wad);
        if (!refused) return;
        if (!_isFinal(reason)) revert SlashStillRefused(taskId, slot, reason);
        emit SlashSkipped(d.operator, taskId, slot, reason);
    }

    /// @inheritdoc IFleekAutomator
    function deferredSlash(uint256 taskId, uint32 slot) external view returns (address operator, uint64 wad) {
        DeferredSlash memory d = _deferredSlashes[taskId][slot];
        return (d.operator, d.wad);
    }

    /// @dev Counts a miss; at `maxMisses` ejects the operator from the AVS's set and the core's.
    function _recordMiss(address operator) internal {
        OperatorInfo storage info = _operators[operator];
        uint32 misses = ++info.misses;
        if (misses >= _params.maxMisses && !info.ejected) {
            info.ejected = true;
            emit OperatorEjected(operator, misses);
            _removeFromSet(operator);
            _deregisterFromCore(operator);
        }
    }

    /// @dev Slashes `wad` of the operator's allocation through the core; returns `refused`
    /// with the reason when the core does not slash now (see {CoreCalls-slash}).
    function _slash(address operator, uint64 wad) internal returns (bool refused, bytes4 reason) {
        uint256 slashId;
        (refused, reason, slashId) = CoreCalls.slash(allocationManager, OPERATOR_SET_ID, _strategies, operator, wad);
        if (!refused) emit OperatorSlashed(operator, slashId, wad);
    }

    /// @dev A refused slash at report time: dropped for good if the core can no longer slash the
    /// operator, otherwise kept for {retrySlash}.
    function _deferOrSkip(address operator, uint64 wad, uint256 taskId, uint32 slot, bytes4 reason) internal {
        if (_isFinal(reason)) {
            emit SlashSkipped(operator, taskId, slot, reason);
        } else {
            _deferredSlashes[taskId][slot] = DeferredSlash(operator, wad);
            emit SlashDeferred(operator, taskId, slot, reason);
        }
    }

    /// @dev Whether a refusal is final: the operator is out of the core's slashable window.
    function _isFinal(bytes4 reason) internal pure returns (bool) {
        return reason == IAllocationManager.OperatorNotSlashable.selector;
    }
}
