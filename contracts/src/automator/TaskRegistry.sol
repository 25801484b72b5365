// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IFleekAutomator} from "../interfaces/IFleekAutomator.sol";
import {Payouts} from "./Payouts.sol";
import {ProxySigners} from "./ProxySigners.sol";

/// @title TaskRegistry
/// @notice Tasks: creation with their deposit, cancellation with its refund, and task views.
abstract contract TaskRegistry is Payouts, ProxySigners {
    /// @inheritdoc IFleekAutomator
    function createTask(
        string calldata url,
        Method method,
        bytes calldata body,
        uint64 start,
        uint32 interval,
        uint32 count,
        uint32 tolerance,
        uint8 quorum,
        uint128 feePerHit
    ) external payable whenNotPaused returns (uint256 taskId) {
        _checkSchedule(start, interval, count, tolerance);
        _checkRequest(url, body, quorum);
        taskId = _storeTask(method, start, interval, count, tolerance, quorum, feePerHit);
        _storeTarget(taskId, url, body);
    }

    function _storeTask(
        Method method,
        uint64 start,
        uint32 interval,
        uint32 count,
        uint32 tolerance,
        uint8 quorum,
        uint128 feePerHit
    ) internal returns (uint256 taskId) {
        uint256 required = uint256(feePerHit) * count;
        if (msg.value != required || required > type(uint128).max) revert DepositMismatch(msg.value, required);
        taskId = ++_taskCount;
        Task storage t = _tasks[taskId];
        t.owner = msg.sender;
        t.start = start;
        t.interval = interval;
        t.count = count;
        t.tolerance = tolerance;
        t.method = method;
        t.quorum = quorum;
        t.feePerHit = feePerHit;
        t.deposit = uint128(required);
        t.createdBlock = uint64(block.number);
        _noteQuorum(quorum, uint64(uint256(start) + uint256(count - 1) * interval + tolerance));
    }

    /// @dev Separate from {_storeTask} to keep stacks shallow: the event has 11 fields.
    function _storeTarget(uint256 taskId, string calldata url, bytes calldata body) internal {
        Task storage t = _tasks[taskId];
        t.targetHash = keccak256(bytes(url));
        t.bodyHash = keccak256(body);
        emit TaskCreated(
            taskId, t.owner, url, t.method, body, t.start, t.interval, t.count, t.tolerance, t.quorum, t.feePerHit
        );
    }

    function _checkSchedule(uint64 start, uint32 interval, uint32 count, uint32 tolerance) internal view {
        if (interval == 0) revert ZeroInterval();
        if (count == 0) revert ZeroCount();
        Params storage p = _params;
        if (tolerance < p.minTolerance || tolerance > p.maxTolerance) {
            revert ToleranceOutOfBounds(tolerance, p.minTolerance, p.maxTolerance);
        }
        if (uint256(start) + tolerance < block.timestamp) revert StartInPast(start, uint64(block.timestamp));
        if (uint256(start) + uint256(count - 1) * interval > MAX_SLOT_TIME) revert ScheduleOverflow();
    }

    function _checkRequest(string calldata url, bytes calldata body, uint8 quorum) internal view {
        Params storage p = _params;
        uint256 urlLength = bytes(url).length;
        if (urlLength == 0) revert EmptyUrl();
        if (urlLength > p.maxUrlLength) revert UrlTooLong(urlLength, p.maxUrlLength);
        if (body.length > p.maxBodyLength) revert BodyTooLong(body.length, p.maxBodyLength);
        if (quorum == 0 || quorum > _signers.length) revert BadQuorum(quorum, _signers.length);
    }

    /// @inheritdoc IFleekAutomator
    /// @dev Slots due later than `now + tolerance + 1` (the latest a hit signed now can claim)
    /// are refunded to the owner and refused from now on ({RejectReason.TaskCancelled},
    /// {SlotCancelled}); earlier slots keep their fee in the deposit until proven or missed, so
    /// an operator that already fired is still paid.
    function cancelTask(uint256 taskId) external nonReentrant {
        Task storage t = _existingTask(taskId);
        if (t.owner != msg.sender) revert NotTaskOwner(taskId, msg.sender);
        if (t.cancelled) revert TaskAlreadyCancelled(taskId);
        uint256 lastServed = block.timestamp + t.tolerance + 1;
        uint256 cutoff;
        if (lastServed >= t.start) {
            cutoff = (lastServed - t.start) / t.interval + 1;
            if (cutoff > t.count) cutoff = t.count;
        }
        uint128 refund = uint128(uint256(t.feePerHit) * (t.count - cutoff));
        t.cancelled = true;
        t.deposit -= refund;
        _cancelledFrom[taskId] = uint32(cutoff);
        emit TaskCancelled(taskId, refund);
        _send(msg.sender, refund);
    }

    /// @notice First slot of a cancelled task that is no longer served (the task's count if not cancelled).
    function servedSlots(uint256 taskId) public view returns (uint32) {
        Task storage t = _existingTask(taskId);
        return t.cancelled ? _cancelledFrom[taskId] : t.count;
    }

    /// @inheritdoc IFleekAutomator
    function getTask(uint256 taskId) external view returns (Task memory) {
        return _existingTask(taskId);
    }

    /// @inheritdoc IFleekAutomator
    /// @dev Task ids run from 1 to taskCount().
    function taskCount() external view returns (uint256) {
        return _taskCount;
    }

    /// @inheritdoc IFleekAutomator
    function slotState(uint256 taskId, uint32 slot) external view returns (SlotState) {
        _existingSlot(taskId, slot);
        uint256 bits = _slotBitsOf(taskId, slot);
        if (bits & PROVEN_BIT != 0) return SlotState.Proven;
        if (bits & MISSED_BIT != 0) return SlotState.Missed;
        return SlotState.Pending;
    }

    /// @inheritdoc IFleekAutomator
    /// @dev `pending` counts only slots still served (see {cancelTask}).
    function progress(uint256 taskId) external view returns (uint32 proven, uint32 missed, uint32 pending) {
        Task storage t = _existingTask(taskId);
        proven = t.proven;
        missed = t.missed;
        pending = servedSlots(taskId) - proven - missed;
    }
}
