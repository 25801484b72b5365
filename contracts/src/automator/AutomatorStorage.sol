// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";

import {IFleekAutomator} from "../interfaces/IFleekAutomator.sol";
import {IAllocationManager} from "../interfaces/eigenlayer/IAllocationManager.sol";
import {IStrategy} from "../interfaces/eigenlayer/IStrategy.sol";
import {OperatorSet} from "../interfaces/eigenlayer/OperatorSetLib.sol";
import {OperatorSetSchedule} from "../lib/OperatorSetSchedule.sol";

/// @title AutomatorStorage
/// @notice The AVS's state and the few helpers every part of it uses (task and slot lookups,
/// slot times). The parts (TaskRegistry, HitVerifier, OperatorRegistry, MissPenalties,
/// ProxySigners, Payouts) each add one job on top; FleekAutomator puts them together.
abstract contract AutomatorStorage is IFleekAutomator, Ownable2Step, Pausable, ReentrancyGuardTransient, EIP712 {
    /// @notice The AVS's one operator set.
    uint32 public constant OPERATOR_SET_ID = 0;
    /// @dev Latest slot time accepted, so that every time in ms and every deadline fits uint64.
    uint256 internal constant MAX_SLOT_TIME = type(uint64).max / 2000;
    uint256 internal constant SIGNATURE_LENGTH = 65;
    /// @dev Two bits per slot in the slot bitmap: 128 slots per storage word.
    uint256 internal constant PROVEN_BIT = 1;
    uint256 internal constant MISSED_BIT = 2;

    // ---------------------------------------------------------------- errors (beyond the interface)

    error UnknownOperatorSet(uint32 operatorSetId);
    error AlreadyInitialized();
    error BadStrategies();
    error SlotCancelled(uint256 taskId, uint32 slot);

    /// @dev A slash the core refused at report time, waiting for {retrySlash}.
    struct DeferredSlash {
        address operator;
        uint64 wad;
    }

    // ---------------------------------------------------------------- storage

    IAllocationManager public immutable allocationManager;

    Params internal _params;
    IStrategy[] internal _strategies; // ascending, as slashOperator wants them
    uint256 internal _taskCount;
    mapping(uint256 taskId => Task) internal _tasks;
    /// @dev For a cancelled task: the first slot that was refunded and is no longer served.
    mapping(uint256 taskId => uint32) internal _cancelledFrom;
    /// @dev Slot states, 2 bits per slot (PROVEN_BIT, MISSED_BIT), word = slot / 128.
    mapping(uint256 taskId => mapping(uint256 word => uint256 bits)) internal _slotBits;
    OperatorSetSchedule.History internal _sets;
    mapping(address operator => OperatorInfo) internal _operators;
    address[] internal _signers;
    mapping(address signer => uint256 indexPlusOne) internal _signerIndex;
    mapping(address account => uint256) internal _owed;
    mapping(uint256 taskId => mapping(uint32 slot => DeferredSlash)) internal _deferredSlashes;
    /// @dev Per quorum: the latest `last slot's due time + tolerance` of the tasks created with it.
    mapping(uint8 quorum => uint64) internal _quorumLastWindow;

    constructor(IAllocationManager allocationManager_) {
        allocationManager = allocationManager_;
    }

    /// @inheritdoc IFleekAutomator
    function slotTime(uint256 taskId, uint32 slot) public view returns (uint64) {
        Task storage t = _existingSlot(taskId, slot);
        return uint64(uint256(t.start) + uint256(slot) * t.interval);
    }

    /// @dev The miss deadline of a slot due at `due` with `tolerance`: the last backup's window
    /// (T + (R-1)·failoverDelay ± tolerance) plus submitWindow. One home for the rule: the miss
    /// deadline and the signer-removal check both use it, with the current parameters.
    function _deadlineAfter(uint256 due, uint256 tolerance) internal view returns (uint64) {
        Params storage p = _params;
        return uint64(due + uint256(p.redundancy - 1) * p.failoverDelay + tolerance + p.submitWindow);
    }

    /// @dev The AVS's one operator set.
    function _operatorSet() internal view returns (OperatorSet memory) {
        return OperatorSet(address(this), OPERATOR_SET_ID);
    }

    function _existingTask(uint256 taskId) internal view returns (Task storage t) {
        t = _tasks[taskId];
        if (t.owner == address(0)) revert UnknownTask(taskId);
    }

    function _existingSlot(uint256 taskId, uint32 slot) internal view returns (Task storage t) {
        t = _existingTask(taskId);
        if (slot >= t.count) revert SlotOutOfRange(taskId, slot);
    }

    function _slotBitsOf(uint256 taskId, uint256 slot) internal view returns (uint256) {
        return (_slotBits[taskId][slot >> 7] >> ((slot & 127) << 1)) & 3;
    }
}
