// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

import {IFleekAutomator} from "./interfaces/IFleekAutomator.sol";
import {IAllocationManager} from "./interfaces/eigenlayer/IAllocationManager.sol";
import {IAVSRegistrar} from "./interfaces/eigenlayer/IAVSRegistrar.sol";
import {IStrategy} from "./interfaces/eigenlayer/IStrategy.sol";
import {OperatorSet} from "./interfaces/eigenlayer/OperatorSetLib.sol";
import {OperatorSetSchedule} from "./lib/OperatorSetSchedule.sol";
import {SlotAssignment} from "./lib/SlotAssignment.sol";

/// @title FleekAutomator
/// @notice The Fleek Automator AVS: a registry of HTTP schedules (tasks), the assignment of each
/// slot to a staked operator, verification of proxy-signed proofs of hit, operator fees, and
/// penalties for missed slots through EigenLayer slashing. Rules: shared/DESIGN.md.
/// @dev The AVS is its own IAVSRegistrar and the slasher of its one operator set. It talks to
/// the EigenLayer core only through IAllocationManager, so the same code runs against the real
/// core and against the devnet stand-in.
contract FleekAutomator is IFleekAutomator, IAVSRegistrar, Ownable2Step, Pausable, ReentrancyGuardTransient, EIP712 {
    using OperatorSetSchedule for OperatorSetSchedule.History;

    // ---------------------------------------------------------------- constants

    /// @notice EIP-712 type hash of {IFleekAutomator.Hit}.
    bytes32 public constant HIT_TYPEHASH = keccak256(
        "Hit(uint256 taskId,uint32 slot,address operator,uint64 hitTimeMs,uint16 status,bytes32 responseHash)"
    );
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

    // ---------------------------------------------------------------- events (beyond the interface)

    event AVSInitialized(string metadataURI, IStrategy[] strategies);

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

    // ---------------------------------------------------------------- setup

    constructor(address initialOwner, IAllocationManager allocationManager_, Params memory p)
        Ownable(initialOwner)
        EIP712("FleekAutomator", "1")
    {
        allocationManager = allocationManager_;
        _setParams(p);
    }

    /// @notice Registers the AVS with the EigenLayer core: metadata, operator set
    /// {OPERATOR_SET_ID} over `strategyList` (ascending) with this contract as slasher, and this
    /// contract as registrar. Once.
    function initializeAVS(string calldata metadataURI, IStrategy[] calldata strategyList) external onlyOwner {
        if (_strategies.length != 0) revert AlreadyInitialized();
        if (strategyList.length == 0) revert BadStrategies();
        for (uint256 i = 1; i < strategyList.length; i++) {
            if (address(strategyList[i]) <= address(strategyList[i - 1])) revert BadStrategies();
        }
        _strategies = strategyList;
        allocationManager.updateAVSMetadataURI(address(this), metadataURI);
        IAllocationManager.CreateSetParamsV2[] memory sets = new IAllocationManager.CreateSetParamsV2[](1);
        sets[0] = IAllocationManager.CreateSetParamsV2(OPERATOR_SET_ID, strategyList, address(this));
        allocationManager.createOperatorSets(address(this), sets);
        allocationManager.setAVSRegistrar(address(this), this);
        emit AVSInitialized(metadataURI, strategyList);
    }

    /// @notice Updates the AVS metadata URI held by the EigenLayer core.
    function updateMetadataURI(string calldata metadataURI) external onlyOwner {
        allocationManager.updateAVSMetadataURI(address(this), metadataURI);
    }

    function strategies() external view returns (IStrategy[] memory) {
        return _strategies;
    }

    function pause() external onlyOwner {
        _pause();
    }

    function unpause() external onlyOwner {
        _unpause();
    }

    /// @inheritdoc IFleekAutomator
    function params() external view returns (Params memory) {
        return _params;
    }

    /// @inheritdoc IFleekAutomator
    /// @dev Applies to existing tasks too (windows and deadlines are computed from the current
    /// parameters); the operator set schedule already published is not moved.
    function setParams(Params calldata p) external onlyOwner {
        _setParams(p);
    }

    function _setParams(Params memory p) internal {
        if (p.epochLength == 0) revert BadParams("epochLength is 0");
        if (p.redundancy == 0) revert BadParams("redundancy is 0");
        if (p.minTolerance > p.maxTolerance) revert BadParams("minTolerance > maxTolerance");
        if (p.maxMisses == 0) revert BadParams("maxMisses is 0");
        if (p.slashWad > 1e18) revert BadParams("slashWad > 1e18");
        if (p.maxUrlLength == 0) revert BadParams("maxUrlLength is 0");
        _params = p;
        emit ParamsUpdated(p);
    }

    // ---------------------------------------------------------------- tasks

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

    /// @inheritdoc IFleekAutomator
    function slotTime(uint256 taskId, uint32 slot) public view returns (uint64) {
        Task storage t = _existingSlot(taskId, slot);
        return uint64(uint256(t.start) + uint256(slot) * t.interval);
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

    // ---------------------------------------------------------------- assignment

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

    /// @inheritdoc IFleekAutomator
    /// @dev T(k) + (R-1)·failoverDelay + tolerance + submitWindow: the last backup's window must
    /// close before the primary can be blamed (DESIGN.md omits the failover term).
    function missDeadline(uint256 taskId, uint32 slot) public view returns (uint64) {
        uint256 due = slotTime(taskId, slot);
        Params storage p = _params;
        return uint64(
            due + uint256(p.redundancy - 1) * p.failoverDelay + _tasks[taskId].tolerance + p.submitWindow
        );
    }

    // ---------------------------------------------------------------- proofs

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

    /// @dev Result code of {_verifyHit} for an accepted hit (the RejectReason values are below it).
    uint256 private constant ACCEPTED = type(uint256).max;
    uint256 private constant SECP256K1_HALF_N = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;

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

    // ---------------------------------------------------------------- penalties

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
        for (uint256 i = 0; i < n; i++) wads[i] = wad;
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

    // ---------------------------------------------------------------- money

    /// @inheritdoc IFleekAutomator
    function owed(address account) external view returns (uint256) {
        return _owed[account];
    }

    /// @inheritdoc IFleekAutomator
    function withdraw() external nonReentrant {
        uint256 amount = _owed[msg.sender];
        if (amount == 0) revert NothingToWithdraw(msg.sender);
        _owed[msg.sender] = 0;
        emit Withdrawn(msg.sender, amount);
        _send(msg.sender, amount);
    }

    function _send(address to, uint256 amount) internal {
        if (amount == 0) return;
        (bool ok,) = to.call{value: amount}("");
        if (!ok) revert TransferFailed(to, amount);
    }

    // ---------------------------------------------------------------- operators (IAVSRegistrar)

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

    // ---------------------------------------------------------------- proxy signers

    /// @inheritdoc IFleekAutomator
    function isProxySigner(address signer) external view returns (bool) {
        return _signerIndex[signer] != 0;
    }

    /// @inheritdoc IFleekAutomator
    function proxySigners() external view returns (address[] memory) {
        return _signers;
    }

    /// @inheritdoc IFleekAutomator
    function addProxySigner(address signer) external onlyOwner {
        _addSigner(signer);
    }

    /// @inheritdoc IFleekAutomator
    /// @dev Proofs signed by `signer` are refused from this block on.
    function removeProxySigner(address signer) external onlyOwner {
        _removeSigner(signer);
    }

    /// @inheritdoc IFleekAutomator
    function rotateProxySigner(address oldSigner, address newSigner) external onlyOwner {
        _removeSigner(oldSigner);
        _addSigner(newSigner);
    }

    function _addSigner(address signer) internal {
        if (signer == address(0)) revert BadParams("signer is the zero address");
        if (_signerIndex[signer] != 0) revert SignerExists(signer);
        _signers.push(signer);
        _signerIndex[signer] = _signers.length;
        emit ProxySignerAdded(signer);
    }

    function _removeSigner(address signer) internal {
        uint256 indexPlusOne = _signerIndex[signer];
        if (indexPlusOne == 0) revert SignerUnknown(signer);
        address last = _signers[_signers.length - 1];
        _signers[indexPlusOne - 1] = last;
        _signerIndex[last] = indexPlusOne;
        _signers.pop();
        delete _signerIndex[signer];
        emit ProxySignerRemoved(signer);
    }
}
