// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IFleekAutomator} from "../interfaces/IFleekAutomator.sol";
import {OperatorSetSchedule} from "../lib/OperatorSetSchedule.sol";
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

    /// @inheritdoc IFleekAutomator
    /// @dev The readable reference for the digest that {submitHits} computes in assembly; the
    /// shared vectors check both.
    function hitDigest(Hit calldata hit) external view returns (bytes32) {
        return _hashTypedDataV4(
            keccak256(
                abi.encode(HIT_TYPEHASH, hit.taskId, hit.slot, hit.operator, hit.hitTimeMs, hit.status, hit.responseHash)
            )
        );
    }

    /// @notice The EIP-712 domain separator hits are signed under.
    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    /// @dev What {submitHits} keeps across consecutive hits of one batch, so that a run of hits
    /// of one task reads the task once and touches each bitmap word once. {_verifyRun} reads
    /// and writes the fields by their memory offsets (the B_* constants below: a memory struct
    /// keeps one 32-byte word per field, in declaration order), so keep the two in step.
    struct Batch {
        bytes32 separator; // B_SEPARATOR
        uint256 redundancy; // B_REDUNDANCY
        uint256 failoverDelay; // B_FAILOVER_DELAY
        uint256 latestHitMs; // B_LATEST_HIT_MS: no hit from the future: hitTimeMs / 1000 <= block.timestamp + 1
        // current task (taskId 0 never exists, so a fresh Batch has none loaded)
        uint256 taskId; // B_TASK_ID
        bool taskExists; // B_TASK_EXISTS
        uint256 start; // B_START
        uint256 interval; // B_INTERVAL
        uint256 count; // B_COUNT: 0 for an unknown task
        uint256 served; // B_SERVED: slots still served: count, or fewer once cancelled
        uint256 toleranceMs; // B_TOLERANCE_MS
        uint256 quorum; // B_QUORUM
        uint256 fee;
        uint256 provenBefore; // task.proven when loaded
        uint256 provenNow; // B_PROVEN_NOW
        // current bitmap word of the current task
        uint256 word; // B_WORD: type(uint256).max: none loaded
        uint256 bits; // B_BITS
        bool bitsDirty; // B_BITS_DIRTY
        // operator set entry in effect for the current slot time: [setFrom, setTo)
        uint256 setFrom; // B_SET_FROM
        uint256 setTo; // B_SET_TO: 0: none loaded
        uint256 setSize; // B_SET_SIZE
        bool senderInSet; // B_SENDER_IN_SET
        uint256 senderIndex; // B_SENDER_INDEX
        address knownSigner; // B_KNOWN_SIGNER: last signer found in the signer set
        uint256 accepted;
        uint256 earned;
    }

    uint256 private constant B_SEPARATOR = 0x00;
    uint256 private constant B_REDUNDANCY = 0x20;
    uint256 private constant B_FAILOVER_DELAY = 0x40;
    uint256 private constant B_LATEST_HIT_MS = 0x60;
    uint256 private constant B_TASK_ID = 0x80;
    uint256 private constant B_TASK_EXISTS = 0xa0;
    uint256 private constant B_START = 0xc0;
    uint256 private constant B_INTERVAL = 0xe0;
    uint256 private constant B_COUNT = 0x100;
    uint256 private constant B_SERVED = 0x120;
    uint256 private constant B_TOLERANCE_MS = 0x140;
    uint256 private constant B_QUORUM = 0x160;
    uint256 private constant B_PROVEN_NOW = 0x1c0;
    uint256 private constant B_WORD = 0x1e0;
    uint256 private constant B_BITS = 0x200;
    uint256 private constant B_BITS_DIRTY = 0x220;
    uint256 private constant B_SET_FROM = 0x240;
    uint256 private constant B_SET_TO = 0x260;
    uint256 private constant B_SET_SIZE = 0x280;
    uint256 private constant B_SENDER_IN_SET = 0x2a0;
    uint256 private constant B_SENDER_INDEX = 0x2c0;
    uint256 private constant B_KNOWN_SIGNER = 0x2e0;

    /// @dev Why {_verifyRun} stopped: the batch is done, or the next hit needs state it does not
    /// load itself (another task, another bitmap word, another operator set entry).
    uint256 private constant RUN_DONE = 0;
    uint256 private constant NEED_TASK = 1;
    uint256 private constant NEED_WORD = 2;
    uint256 private constant NEED_SET = 3;

    /// @dev Result code of a hit that passed every check (the RejectReason values are below it).
    uint256 private constant ACCEPTED = 0xff;
    /// @dev The Hit type hash and the topics of the events the assembly emits, as literals
    /// (assembly cannot read a keccak256 constant); test/HitVerifierConstants.t.sol checks them.
    bytes32 internal constant HIT_TYPEHASH_VALUE = 0x6a1c5a80168491b0d8601ae1609825006cd386d6f6a7bcbd8c57b3301b63dedc;
    bytes32 internal constant HIT_PROVEN_TOPIC = 0xfc7596e70eca6dccc9bbb3be421ba318f22e280ff8e764bde60e19605cc03404;
    bytes32 internal constant HIT_REJECTED_TOPIC = 0x52da97766a2a8efaec320ca944623358d7466195d1f10a18f2d502c44562e9d5;
    uint256 private constant SECP256K1_HALF_N = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;

    /// @inheritdoc IFleekAutomator
    /// @dev The hot path: per hit one ecrecover per signature, three keccaks and one two-topic
    /// event, in one assembly loop ({_verifyRun}); the task, the bitmap word, the operator set
    /// and the signer check are cached across the batch and loaded here only when a hit needs
    /// another one, and storage is written once per task run and once per bitmap word.
    function submitHits(SignedHit[] calldata hits) external whenNotPaused returns (uint256 accepted) {
        Batch memory b;
        b.separator = _domainSeparatorV4();
        Params storage p = _params;
        b.redundancy = p.redundancy;
        b.failoverDelay = p.failoverDelay;
        b.latestHitMs = (block.timestamp + 1) * 1000 + 999;
        b.word = type(uint256).max;
        uint256 n = hits.length;
        uint256 hitsOffset;
        assembly ("memory-safe") {
            hitsOffset := hits.offset
        }
        uint256 i;
        while (true) {
            uint256 need;
            (i, need) = _verifyRun(b, hitsOffset, i, n);
            if (need == RUN_DONE) break;
            uint256 taskId;
            uint256 slot;
            assembly ("memory-safe") {
                let hit := add(hitsOffset, calldataload(add(hitsOffset, shl(5, i))))
                taskId := calldataload(hit)
                slot := calldataload(add(hit, 0x20))
            }
            if (need == NEED_TASK) _switchTask(b, taskId);
            else if (need == NEED_WORD) _switchWord(b, taskId, slot >> 7);
            else _loadSet(b, b.start + slot * b.interval); // slot < 2^32 here: no overflow
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

    /// @dev Verifies hits `i`, `i + 1`, ... of the batch at calldata offset `hitsOffset` (an
    /// ABI-encoded SignedHit[] of length `n`) against every rule, cheapest first, records the
    /// good ones in `b` and emits an event for each hit; stops at the end (RUN_DONE) or at the
    /// first hit that needs state `b` does not hold (NEED_*, with `next` = that hit). Fields are
    /// read straight from calldata: a malformed encoding can only make a hit fail its checks.
    /// One assembly block: this runs once per hit, and Solidity's calls, checks and calldata
    /// decoding would cost more than the rules themselves.
    function _verifyRun(Batch memory b, uint256 hitsOffset, uint256 i, uint256 n)
        internal
        returns (uint256 next, uint256 need)
    {
        assembly ("memory-safe") {
            // Memory past the free pointer, never allocated: [0, 0x80) the ecrecover input,
            // [0x80, 0x160) Hit's struct encoding, [0x160, 0x1a2) "\x19\x01" || separator ||
            // struct hash. What is the same for every hit of the batch is written once, here.
            {
                let m := mload(0x40)
                mstore(add(m, 0x80), HIT_TYPEHASH_VALUE)
                mstore(add(m, 0xe0), caller()) // operator
                mstore(add(m, 0x160), 0x1901000000000000000000000000000000000000000000000000000000000000)
                mstore(add(m, 0x162), mload(add(b, B_SEPARATOR)))
            }
            // The EIP-712 digest of Hit(taskId, slot, operator = caller, hitTimeMs, status,
            // responseHash), in the prepared memory above.
            function hitDigest(taskId, slot, hitTimeMs, status, responseHash) -> digest {
                let m := mload(0x40)
                mstore(add(m, 0xa0), taskId)
                mstore(add(m, 0xc0), slot)
                mstore(add(m, 0x100), hitTimeMs)
                mstore(add(m, 0x120), status)
                mstore(add(m, 0x140), responseHash)
                mstore(add(m, 0x182), keccak256(add(m, 0x80), 0xe0))
                digest := keccak256(add(m, 0x160), 0x42)
            }
            // `quorum` signatures at calldata `sigs` over `digest` by distinct registered proxy
            // signers in ascending address order, low-s only. `known` is a signer already found
            // registered in this batch (its lookup is skipped); returns it updated.
            function signedByQuorum(digest, sigs, quorum, known) -> ok, knownOut {
                ok := 1
                let m := mload(0x40)
                let previous := 0
                for { let k := 0 } lt(k, quorum) { k := add(k, 1) } {
                    let sig := add(sigs, mul(k, 65))
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
                knownOut := known
            }
            // The checks after the slot's state: eligibility, time window, signatures; a
            // RejectReason, ACCEPTED, or NEED_SET as `need`.
            function verifySlot(bt, hit, taskId, slot) -> code, needOut {
                code := ACCEPTED
                for {} 1 {} {
                    let due := add(mload(add(bt, B_START)), mul(slot, mload(add(bt, B_INTERVAL))))
                    if or(lt(due, mload(add(bt, B_SET_FROM))), iszero(lt(due, mload(add(bt, B_SET_TO))))) {
                        needOut := NEED_SET
                        break
                    }
                    if iszero(mload(add(bt, B_SENDER_IN_SET))) {
                        code := 5 // NotEligible
                        break
                    }
                    // SlotAssignment.positionOf(slotHash(taskId, slot), senderIndex, n), inlined
                    let size := mload(add(bt, B_SET_SIZE))
                    mstore(0x00, taskId)
                    mstore(0x20, slot)
                    let position := mod(sub(add(mload(add(bt, B_SENDER_INDEX)), size), mod(keccak256(0x00, 0x40), size)), size)
                    if iszero(lt(position, mload(add(bt, B_REDUNDANCY)))) {
                        code := 5 // NotEligible
                        break
                    }
                    // within tolerance of the sender's fire time (in ms), and not from the future
                    let fireAtMs := mul(add(due, mul(position, mload(add(bt, B_FAILOVER_DELAY)))), 1000)
                    let hitTimeMs := calldataload(add(hit, 0x40))
                    let tol := mload(add(bt, B_TOLERANCE_MS))
                    // |hitTimeMs - fireAtMs| <= tol as one unsigned comparison (the difference
                    // wraps when negative); latestHitMs < 2^64 also bounds hitTimeMs to uint64
                    if or(gt(add(sub(hitTimeMs, fireAtMs), tol), shl(1, tol)), gt(hitTimeMs, mload(add(bt, B_LATEST_HIT_MS)))) {
                        code := 3 // OutsideTimeWindow
                        break
                    }
                    let status := calldataload(add(hit, 0x60))
                    let quorum := mload(add(bt, B_QUORUM))
                    let sigs := add(hit, calldataload(add(hit, 0xa0)))
                    if or(gt(status, 0xffff), iszero(eq(calldataload(sigs), mul(quorum, 65)))) {
                        code := 6 // BadSignature
                        break
                    }
                    let digest := hitDigest(taskId, slot, hitTimeMs, status, calldataload(add(hit, 0x80)))
                    let ok, known := signedByQuorum(digest, add(sigs, 0x20), quorum, mload(add(bt, B_KNOWN_SIGNER)))
                    mstore(add(bt, B_KNOWN_SIGNER), known)
                    if iszero(ok) {
                        code := 6 // BadSignature
                        break
                    }
                    // HitProven(taskId, slot | status << 32 | hitTimeMs << 48)
                    mstore(0x00, or(or(slot, shl(32, status)), shl(48, hitTimeMs)))
                    log2(0x00, 0x20, HIT_PROVEN_TOPIC, taskId)
                    break
                }
            }

            for { next := i } lt(next, n) { next := add(next, 1) } {
                let hit := add(hitsOffset, calldataload(add(hitsOffset, shl(5, next))))
                let taskId := calldataload(hit)
                if iszero(eq(taskId, mload(add(b, B_TASK_ID)))) {
                    need := NEED_TASK
                    break
                }
                let slot := calldataload(add(hit, 0x20))
                let code := ACCEPTED
                for {} 1 {} {
                    if iszero(lt(slot, mload(add(b, B_SERVED)))) {
                        code := 1 // TaskCancelled
                        if iszero(lt(slot, mload(add(b, B_COUNT)))) { code := 2 } // SlotOutOfRange
                        if iszero(mload(add(b, B_TASK_EXISTS))) { code := 0 } // UnknownTask
                        break
                    }
                    if iszero(eq(shr(7, slot), mload(add(b, B_WORD)))) {
                        need := NEED_WORD
                        break
                    }
                    let shift := shl(1, and(slot, 127))
                    if and(shr(shift, mload(add(b, B_BITS))), 3) {
                        code := 4 // AlreadyResolved
                        break
                    }
                    code, need := verifySlot(b, hit, taskId, slot)
                    if and(eq(code, ACCEPTED), iszero(need)) {
                        mstore(add(b, B_BITS), or(mload(add(b, B_BITS)), shl(shift, PROVEN_BIT)))
                        mstore(add(b, B_BITS_DIRTY), 1)
                        mstore(add(b, B_PROVEN_NOW), add(mload(add(b, B_PROVEN_NOW)), 1))
                    }
                    break
                }
                if need { break }
                if iszero(eq(code, ACCEPTED)) {
                    mstore(0x00, code)
                    log4(0x00, 0x20, HIT_REJECTED_TOPIC, taskId, and(slot, 0xffffffff), caller())
                }
            }
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
