// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IFleekAutomator} from "../interfaces/IFleekAutomator.sol";
import {OperatorSetSchedule} from "../lib/OperatorSetSchedule.sol";
import {SlotAssignment} from "../lib/SlotAssignment.sol";
import {AutomatorStorage} from "./AutomatorStorage.sol";

/// @title HitVerifier
/// @notice Proofs of hit: the EIP-712 `Hit` digest and `submitHits`, which verifies a batch of
/// proxy-signed hits and records the good ones (the gas-critical path of the AVS).
abstract contract HitVerifier is AutomatorStorage {
    using OperatorSetSchedule for OperatorSetSchedule.History;

    /// @notice EIP-712 type hash of {IFleekAutomator.Hit}.
    bytes32 public constant HIT_TYPEHASH = keccak256(
        "Hit(uint256 taskId,uint32 slot,address operator,uint64 hitTimeMs,uint16 status,bytes32 responseHash)"
    );

    /// @dev Result code of {_verifyHit} for an accepted hit (the RejectReason values are below it).
    uint256 private constant ACCEPTED = type(uint256).max;
    uint256 private constant SECP256K1_HALF_N = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;

    /// @inheritdoc IFleekAutomator
    function hitDigest(Hit calldata hit) external view returns (bytes32) {
        return _hitDigest(
            _domainSeparatorV4(), hit.taskId, hit.slot, hit.operator, hit.hitTimeMs, hit.status, hit.responseHash
        );
    }

    /// @notice The EIP-712 domain separator hits are signed under.
    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    function _hitDigest(
        bytes32 separator,
        uint256 taskId,
        uint256 slot,
        address operator,
        uint256 hitTimeMs,
        uint256 status,
        bytes32 responseHash
    ) internal pure returns (bytes32 digest) {
        bytes32 typeHash = HIT_TYPEHASH;
        // Hashes in scratch memory past the free pointer, without allocating: this runs per hit.
        assembly ("memory-safe") {
            let p := mload(0x40)
            mstore(p, typeHash)
            mstore(add(p, 0x20), taskId)
            mstore(add(p, 0x40), slot)
            mstore(add(p, 0x60), operator)
            mstore(add(p, 0x80), hitTimeMs)
            mstore(add(p, 0xa0), status)
            mstore(add(p, 0xc0), responseHash)
            let structHash := keccak256(p, 0xe0)
            mstore(p, hex"1901")
            mstore(add(p, 0x02), separator)
            mstore(add(p, 0x22), structHash)
            digest := keccak256(p, 0x42)
        }
    }

    /// @dev What {submitHits} keeps across consecutive hits of one batch, so that a run of hits
    /// of one task reads the task once and touches each bitmap word once.
    struct Batch {
        bytes32 separator;
        uint256 redundancy;
        uint256 failoverDelay;
        uint256 latestHitSecond; // block.timestamp + 1: no hit from the future
        // current task (taskId 0 never exists, so a fresh Batch has none loaded)
        uint256 taskId;
        bool taskExists;
        uint256 start;
        uint256 interval;
        uint256 count; // 0 for an unknown task
        uint256 served; // slots still served: count, or fewer once cancelled
        uint256 toleranceMs;
        uint256 quorum;
        uint256 fee;
        uint256 provenBefore; // task.proven when loaded
        uint256 provenNow;
        // current bitmap word of the current task
        uint256 word; // type(uint256).max: none loaded
        uint256 bits;
        bool bitsDirty;
        // operator set entry in effect for the current slot time: [setFrom, setTo)
        uint256 setFrom;
        uint256 setTo; // 0: none loaded
        uint256 setSize;
        bool senderInSet;
        uint256 senderIndex;
        address knownSigner; // last signer found in the signer set
        uint256 accepted;
        uint256 earned;
    }

    /// @inheritdoc IFleekAutomator
    /// @dev The hot path: per hit one ecrecover per signature, three keccaks and one event; the
    /// task, the bitmap word, the operator set and the signer check are cached across the batch,
    /// and storage is written once per task run and once per bitmap word.
    function submitHits(SignedHit[] calldata hits) external whenNotPaused returns (uint256 accepted) {
        Batch memory b;
        b.separator = _domainSeparatorV4();
        Params storage p = _params;
        b.redundancy = p.redundancy;
        b.failoverDelay = p.failoverDelay;
        b.latestHitSecond = block.timestamp + 1;
        b.word = type(uint256).max;
        uint256 n = hits.length;
        for (uint256 i = 0; i < n; i++) {
            uint256 hit;
            assembly ("memory-safe") {
                hit := add(hits.offset, calldataload(add(hits.offset, shl(5, i))))
            }
            uint256 code = _verifyHit(b, hit);
            if (code == ACCEPTED) _emitHitProven(hit);
            else _emitHitRejected(hit, code);
        }
        _flushTask(b);
        accepted = b.accepted;
        if (accepted != 0) {
            _owed[msg.sender] += b.earned;
            OperatorInfo storage info = _operators[msg.sender];
            info.hitsProven += uint32(accepted);
            info.feesEarned += uint128(b.earned);
        }
        emit HitsSubmitted(msg.sender, accepted, n - accepted);
    }

    /// @dev Checks the hit at calldata offset `hit` (an ABI-encoded SignedHit) against every rule,
    /// cheapest first, and records it in `b` if it passes. Fields are read straight from
    /// calldata: a malformed encoding can only make a hit fail its checks.
    function _verifyHit(Batch memory b, uint256 hit) internal returns (uint256) {
        uint256 taskId;
        uint256 slot;
        assembly ("memory-safe") {
            taskId := calldataload(hit)
            slot := calldataload(add(hit, 0x20))
        }
        if (taskId != b.taskId) _switchTask(b, taskId);
        if (slot >= b.served) {
            if (!b.taskExists) return uint256(RejectReason.UnknownTask);
            return slot >= b.count ? uint256(RejectReason.SlotOutOfRange) : uint256(RejectReason.TaskCancelled);
        }
        uint256 shift;
        unchecked {
            if (slot >> 7 != b.word) _switchWord(b, taskId, slot >> 7);
            shift = (slot & 127) << 1;
        }
        if ((b.bits >> shift) & 3 != 0) return uint256(RejectReason.AlreadyResolved);

        uint256 fireAtMs;
        unchecked {
            // slot < 2^32, interval < 2^32, start < 2^63: no overflow
            uint256 due = b.start + slot * b.interval;
            if (due < b.setFrom || due >= b.setTo) _loadSet(b, due);
            if (!b.senderInSet) return uint256(RejectReason.NotEligible);
            uint256 size = b.setSize;
            uint256 position = SlotAssignment.positionOf(SlotAssignment.slotHash(taskId, slot), b.senderIndex, size);
            if (position >= b.redundancy || position >= size) return uint256(RejectReason.NotEligible);
            fireAtMs = (due + position * b.failoverDelay) * 1000;
        }
        uint256 hitTimeMs;
        assembly ("memory-safe") {
            hitTimeMs := calldataload(add(hit, 0x40))
        }
        if (!_inWindow(b, fireAtMs, hitTimeMs)) return uint256(RejectReason.OutsideTimeWindow);
        if (!_checkSignatures(b, hit, taskId, slot, hitTimeMs)) return uint256(RejectReason.BadSignature);

        b.bits |= PROVEN_BIT << shift;
        b.bitsDirty = true;
        unchecked {
            b.provenNow++;
        }
        return ACCEPTED;
    }

    /// @dev Within tolerance of the submitter's fire time (in ms), and not from the future.
    function _inWindow(Batch memory b, uint256 fireAtMs, uint256 hitTimeMs) internal pure returns (bool) {
        uint256 tol = b.toleranceMs;
        if (hitTimeMs > type(uint64).max || hitTimeMs + tol < fireAtMs || hitTimeMs > fireAtMs + tol) return false;
        return hitTimeMs / 1000 <= b.latestHitSecond;
    }

    /// @dev `quorum` signatures over the hit's digest (operator = msg.sender) by distinct
    /// current proxy signers in ascending address order; low-s only. One assembly block: this
    /// runs once per hit and Solidity's calldata and call overheads would double its cost.
    function _checkSignatures(Batch memory b, uint256 hit, uint256 taskId, uint256 slot, uint256 hitTimeMs)
        internal
        view
        returns (bool ok)
    {
        uint256 status;
        bytes32 responseHash;
        uint256 sigs;
        uint256 quorum = b.quorum;
        assembly ("memory-safe") {
            status := calldataload(add(hit, 0x60))
            responseHash := calldataload(add(hit, 0x80))
            sigs := add(hit, calldataload(add(hit, 0xa0)))
            ok := and(iszero(gt(status, 0xffff)), eq(calldataload(sigs), mul(quorum, SIGNATURE_LENGTH)))
            sigs := add(sigs, 0x20)
        }
        if (!ok) return false;
        bytes32 digest = _hitDigest(b.separator, taskId, slot, msg.sender, hitTimeMs, status, responseHash);
        address known = b.knownSigner;
        assembly ("memory-safe") {
            let m := mload(0x40)
            let previous := 0
            for { let k := 0 } lt(k, quorum) { k := add(k, 1) } {
                let sig := add(sigs, mul(k, SIGNATURE_LENGTH))
                let s := calldataload(add(sig, 0x20))
                if gt(s, SECP256K1_HALF_N) {
                    ok := 0
                    break
                }
                mstore(m, digest)
                mstore(add(m, 0x20), byte(0, calldataload(add(sig, 0x40))))
                mstore(add(m, 0x40), calldataload(sig))
                mstore(add(m, 0x60), s)
                mstore(0x00, 0)
                // ecrecover precompile: leaves 0 at 0x00 for a bad v or an unrecoverable signature
                pop(staticcall(gas(), 0x01, m, 0x80, 0x00, 0x20))
                let signer := mload(0x00)
                if iszero(gt(signer, previous)) {
                    ok := 0
                    break
                }
                if iszero(eq(signer, known)) {
                    // _signerIndex[signer] != 0
                    mstore(0x20, _signerIndex.slot)
                    if iszero(sload(keccak256(0x00, 0x40))) {
                        ok := 0
                        break
                    }
                    known := signer
                }
                previous := signer
            }
        }
        b.knownSigner = known;
    }

    function _emitHitProven(uint256 hit) internal {
        bytes32 topic = HitProven.selector;
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, calldataload(add(hit, 0x40))) // hitTimeMs (checked <= uint64 max)
            mstore(add(m, 0x20), calldataload(add(hit, 0x60))) // status (checked <= uint16 max)
            log4(m, 0x40, topic, calldataload(hit), calldataload(add(hit, 0x20)), caller())
        }
    }

    function _emitHitRejected(uint256 hit, uint256 reason) internal {
        bytes32 topic = HitRejected.selector;
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, reason)
            log4(m, 0x20, topic, calldataload(hit), and(calldataload(add(hit, 0x20)), 0xffffffff), caller())
        }
    }

    function _switchTask(Batch memory b, uint256 taskId) internal {
        _flushTask(b);
        Task storage t = _tasks[taskId];
        b.taskId = taskId;
        b.taskExists = t.owner != address(0);
        b.start = t.start;
        b.interval = t.interval;
        b.count = t.count;
        b.served = t.cancelled ? _cancelledFrom[taskId] : t.count;
        b.toleranceMs = uint256(t.tolerance) * 1000;
        b.quorum = t.quorum;
        b.fee = t.feePerHit;
        b.provenBefore = t.proven;
        b.provenNow = b.provenBefore;
        b.word = type(uint256).max;
    }

    function _switchWord(Batch memory b, uint256 taskId, uint256 word) internal {
        _flushBits(b);
        b.word = word;
        b.bits = _slotBits[taskId][word];
    }

    function _loadSet(Batch memory b, uint256 due) internal view {
        (bool found, uint256 index) = _sets.indexAt(due);
        if (!found) {
            // Before the first entry: no operators until it starts.
            b.setFrom = 0;
            b.setTo = _sets.entries.length == 0 ? type(uint256).max : _sets.entries[0].effectiveFrom;
            b.senderInSet = false;
            return;
        }
        (b.setFrom, b.setTo) = _sets.rangeOf(index);
        (b.setSize, b.senderInSet, b.senderIndex) = _sets.find(index, msg.sender);
    }

    /// @dev Writes the current task's bitmap word, proven count and deposit back to storage and
    /// credits the batch with its fees.
    function _flushTask(Batch memory b) internal {
        _flushBits(b);
        uint256 newlyProven = b.provenNow - b.provenBefore;
        if (newlyProven == 0) return;
        uint256 fees = newlyProven * b.fee;
        Task storage t = _tasks[b.taskId];
        t.proven = uint32(b.provenNow);
        t.deposit -= uint128(fees);
        b.provenBefore = b.provenNow;
        b.accepted += newlyProven;
        b.earned += fees;
    }

    function _flushBits(Batch memory b) internal {
        if (!b.bitsDirty) return;
        _slotBits[b.taskId][b.word] = b.bits;
        b.bitsDirty = false;
    }
}
