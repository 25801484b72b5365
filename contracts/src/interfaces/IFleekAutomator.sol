// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IFleekAutomator
/// @notice The AVS contract's external interface: the one surface the operator node (C++), the
/// Automation Proxy and the Portal (JavaScript) code against. Schedules, slot assignment, the
/// EIP-712 `Hit` and penalties follow docs/proofs.md and docs/penalties-and-money.md.
interface IFleekAutomator {
    // ---------------------------------------------------------------- types

    /// @notice HTTP method the proxy uses to call a task's target.
    enum Method {
        GET,
        POST,
        PUT,
        PATCH,
        DELETE
    }

    /// @notice State of one slot of a task.
    enum SlotState {
        Pending, // no accepted hit yet and not reported missed (may still be in its window)
        Proven, // a valid hit was accepted
        Missed // reported missed after its deadline; the primary was penalized
    }

    /// @notice Why one hit of a batch was skipped (see {HitRejected}).
    enum RejectReason {
        UnknownTask,
        TaskCancelled,
        SlotOutOfRange,
        OutsideTimeWindow,
        AlreadyResolved, // proven or reported missed already
        NotEligible, // submitter is neither the primary nor a backup whose delay has passed
        BadSignature, // malformed signature, unknown or duplicate signer, or too few signers
        TaskPaused // contract-wide pause is handled by revert; kept for forward compatibility
    }

    /// @notice A registered schedule. `targetHash`/`bodyHash` commit to the URL and body that
    /// {TaskCreated} carries in full; `createdBlock` tells clients where to find that event.
    struct Task {
        address owner;
        uint64 start; // unix seconds of slot 0
        uint32 interval; // seconds between slots, >= 1
        uint32 count; // number of slots
        uint32 tolerance; // seconds a hit may be early or late
        Method method;
        uint8 quorum; // proxy signatures needed per hit (>= 1)
        bool cancelled;
        uint128 feePerHit; // wei paid to the operator per proven slot (0: cashless)
        uint128 deposit; // unspent deposit held for unresolved slots
        uint32 proven;
        uint32 missed;
        uint64 createdBlock;
        bytes32 targetHash; // keccak256(bytes(url))
        bytes32 bodyHash; // keccak256(body)
    }

    /// @notice The EIP-712 struct the proxy signs:
    /// `Hit(uint256 taskId,uint32 slot,address operator,uint64 hitTimeMs,uint16 status,bytes32 responseHash)`.
    struct Hit {
        uint256 taskId;
        uint32 slot;
        address operator;
        uint64 hitTimeMs;
        uint16 status;
        bytes32 responseHash;
    }

    /// @notice One proof as submitted. The operator is implied: it is `msg.sender`.
    /// `signatures` is `quorum` 65-byte (r, s, v) ECDSA signatures over the `Hit` digest,
    /// concatenated in ascending order of signer address.
    struct SignedHit {
        uint256 taskId;
        uint32 slot;
        uint64 hitTimeMs;
        uint16 status;
        bytes32 responseHash;
        bytes signatures;
    }

    /// @notice Per-operator record kept by the AVS.
    struct OperatorInfo {
        bool registered; // registered for the operator set through the AllocationManager
        bool ejected; // removed from assignment after `maxMisses`
        uint32 misses;
        uint32 hitsProven;
        uint128 feesEarned; // lifetime
    }

    /// @notice Protocol parameters (owner-set).
    struct Params {
        uint32 epochLength; // seconds; the operator set changes only at epoch boundaries
        uint32 activationDelay; // seconds a set change waits before its epoch starts
        uint8 redundancy; // R: primary plus R-1 backups per slot
        uint32 failoverDelay; // seconds between the primary's and each backup's fire time
        uint32 submitWindow; // seconds after a slot's last window to get its proof on chain
        uint32 minTolerance;
        uint32 maxTolerance;
        uint32 maxMisses; // misses after which an operator leaves the assignment set
        uint64 slashWad; // fraction of 1e18 slashed per missed slot
        uint16 maxUrlLength;
        uint16 maxBodyLength;
    }

    // ---------------------------------------------------------------- events

    /// @notice A task was registered; carries the full URL and body its hashes commit to.
    /// @param taskId The new task's id.
    /// @param owner The task's owner (the creator).
    /// @param url The target URL.
    /// @param method The HTTP method.
    /// @param body The request body.
    /// @param start Unix seconds of slot 0.
    /// @param interval Seconds between slots.
    /// @param count Number of slots.
    /// @param tolerance Seconds a hit may be early or late.
    /// @param quorum Proxy signatures needed per hit.
    /// @param feePerHit Wei paid per proven slot.
    event TaskCreated(
        uint256 indexed taskId,
        address indexed owner,
        string url,
        Method method,
        bytes body,
        uint64 start,
        uint32 interval,
        uint32 count,
        uint32 tolerance,
        uint8 quorum,
        uint128 feePerHit
    );
    /// @notice A task was cancelled by its owner.
    /// @param taskId The task.
    /// @param refund Wei of unspent deposit returned to the owner.
    event TaskCancelled(uint256 indexed taskId, uint128 refund);
    /// @notice One per accepted hit. `packedHit` = `slot | status << 32 | hitTimeMs << 48`
    /// (slot: bits 0-31, HTTP status: 32-47, hitTimeMs: 48-111): one data word and one indexed
    /// topic, because this event is a third of a verified hit's gas. The operator is the
    /// transaction's sender and the `operator` of the {HitsSubmitted} that closes the batch.
    /// @param taskId The task.
    /// @param packedHit The slot, HTTP status and hit time, packed as above.
    event HitProven(uint256 indexed taskId, uint256 packedHit);
    /// @notice A hit of a batch was skipped.
    /// @param taskId The task the hit names.
    /// @param slot The slot the hit names.
    /// @param operator The submitter.
    /// @param reason Why it was skipped.
    event HitRejected(uint256 indexed taskId, uint32 indexed slot, address indexed operator, RejectReason reason);
    /// @notice Closes a batch of {submitHits}.
    /// @param operator The submitter.
    /// @param accepted Hits accepted.
    /// @param rejected Hits skipped.
    event HitsSubmitted(address indexed operator, uint256 accepted, uint256 rejected);
    /// @notice A slot was reported missed.
    /// @param taskId The task.
    /// @param slot The missed slot.
    /// @param primary The slot's primary operator, who is penalized.
    /// @param reporter The caller of {reportMissed}.
    /// @param bounty Wei credited to the reporter.
    event SlotMissed(
        uint256 indexed taskId, uint32 indexed slot, address indexed primary, address reporter, uint256 bounty
    );
    /// @notice The core slashed an operator.
    /// @param operator The slashed operator.
    /// @param slashId The core's slash id.
    /// @param wad The fraction of 1e18 slashed.
    event OperatorSlashed(address indexed operator, uint256 slashId, uint64 wad);
    /// @notice The core refused to slash the primary of a missed slot for now (`reason` is its
    /// revert data, e.g. `CurrentlyPaused()`): the miss and its bounty are recorded, and anyone
    /// may apply the slash later with {retrySlash}.
    /// @param operator The primary to slash.
    /// @param taskId The task.
    /// @param slot The missed slot.
    /// @param reason The core's error selector.
    event SlashDeferred(address indexed operator, uint256 indexed taskId, uint32 slot, bytes4 reason);
    /// @notice A missed slot's primary is not slashed, for good: the core can no longer slash it
    /// (`reason` = `OperatorNotSlashable()`: it left the set more than DEALLOCATION_DELAY blocks ago).
    /// @param operator The primary.
    /// @param taskId The task.
    /// @param slot The missed slot.
    /// @param reason Why (the EigenLayer error's selector).
    event SlashSkipped(address indexed operator, uint256 indexed taskId, uint32 slot, bytes4 reason);
    /// @notice The AVS removed `operator` (ejected or unstaked) but the core refused to
    /// deregister it from the operator set for now (`reason`, e.g. `CurrentlyPaused()`); anyone
    /// may retry with {removeUnstaked}.
    /// @param operator The operator.
    /// @param reason The core's error selector.
    event CoreDeregistrationDeferred(address indexed operator, bytes4 reason);
    /// @notice An operator reached `maxMisses` and left the assignment set.
    /// @param operator The operator.
    /// @param misses Its miss count.
    event OperatorEjected(address indexed operator, uint32 misses);
    /// @notice An operator registered for the operator set.
    /// @param operator The operator.
    event OperatorRegistered(address indexed operator);
    /// @notice An operator deregistered from the operator set.
    /// @param operator The operator.
    event OperatorDeregistered(address indexed operator);
    /// @notice The active set from `effectiveFrom` (unix seconds, an epoch boundary) on.
    /// @param effectiveFrom Unix seconds the set takes effect.
    /// @param operators The set, sorted by address.
    event OperatorSetScheduled(uint64 effectiveFrom, address[] operators);
    /// @notice A proxy signer was added.
    /// @param signer The signer.
    event ProxySignerAdded(address indexed signer);
    /// @notice A proxy signer was removed.
    /// @param signer The signer.
    event ProxySignerRemoved(address indexed signer);
    /// @notice An account withdrew what it was owed.
    /// @param account The account.
    /// @param amount Wei sent.
    event Withdrawn(address indexed account, uint256 amount);
    /// @notice The owner set new protocol parameters.
    /// @param params The new parameters.
    event ParamsUpdated(Params params);

    // ---------------------------------------------------------------- errors

    /// @notice A task's `interval` is 0.
    error ZeroInterval();
    /// @notice A task's `count` is 0.
    error ZeroCount();
    /// @notice A task's `start` plus `tolerance` is already past.
    /// @param start The requested start.
    /// @param now_ The block timestamp.
    error StartInPast(uint64 start, uint64 now_);
    /// @notice A task's last slot would be due past the supported time range.
    error ScheduleOverflow();
    /// @notice A task's URL is empty.
    error EmptyUrl();
    /// @notice A task's URL is longer than `maxUrlLength`.
    /// @param length The URL's length in bytes.
    /// @param max The allowed maximum.
    error UrlTooLong(uint256 length, uint256 max);
    /// @notice A task's body is longer than `maxBodyLength`.
    /// @param length The body's length in bytes.
    /// @param max The allowed maximum.
    error BodyTooLong(uint256 length, uint256 max);
    /// @notice A task's tolerance is outside `[minTolerance, maxTolerance]`.
    /// @param tolerance The requested tolerance.
    /// @param min The allowed minimum.
    /// @param max The allowed maximum.
    error ToleranceOutOfBounds(uint32 tolerance, uint32 min, uint32 max);
    /// @notice A task's quorum is 0 or exceeds the number of proxy signers.
    /// @param quorum The requested quorum.
    /// @param signers The number of proxy signers.
    error BadQuorum(uint8 quorum, uint256 signers);
    /// @notice `msg.value` is not `feePerHit * count` (or that exceeds uint128).
    /// @param sent The wei sent.
    /// @param required The wei required.
    error DepositMismatch(uint256 sent, uint256 required);
    /// @notice No task has this id.
    /// @param taskId The id.
    error UnknownTask(uint256 taskId);
    /// @notice The caller does not own the task.
    /// @param taskId The task.
    /// @param caller The caller.
    error NotTaskOwner(uint256 taskId, address caller);
    /// @notice The task is cancelled already.
    /// @param taskId The task.
    error TaskAlreadyCancelled(uint256 taskId);
    /// @notice The slot is not below the task's `count`.
    /// @param taskId The task.
    /// @param slot The slot.
    error SlotOutOfRange(uint256 taskId, uint32 slot);
    /// @notice The slot is proven or reported missed already.
    /// @param taskId The task.
    /// @param slot The slot.
    error SlotAlreadyResolved(uint256 taskId, uint32 slot);
    /// @notice The slot's miss deadline has not passed yet.
    /// @param taskId The task.
    /// @param slot The slot.
    /// @param deadline The miss deadline (unix seconds).
    error DeadlineNotReached(uint256 taskId, uint32 slot, uint64 deadline);
    /// @notice No operator set is active at this time.
    /// @param timestamp The unix time looked up.
    error NoOperators(uint64 timestamp);
    /// @notice The account is owed nothing.
    /// @param account The account.
    error NothingToWithdraw(address account);
    /// @notice Sending wei failed.
    /// @param to The recipient.
    /// @param amount The wei.
    error TransferFailed(address to, uint256 amount);
    /// @notice Only the AllocationManager may call this.
    /// @param caller The caller.
    error NotAllocationManager(address caller);
    /// @notice The AllocationManager's call names another AVS.
    /// @param avs The AVS named.
    error WrongAVS(address avs);
    /// @notice The operator has no slashable stake allocated to this AVS.
    /// @param operator The operator.
    error InsufficientStake(address operator);
    /// @notice The address is a proxy signer already.
    /// @param signer The address.
    error SignerExists(address signer);
    /// @notice The address is not a proxy signer.
    /// @param signer The address.
    error SignerUnknown(address signer);
    /// @notice An invalid argument or parameter.
    /// @param reason What is wrong.
    error BadParams(string reason);
    /// @notice Too little gas left for a call into the EigenLayer core.
    /// @param available Gas left before the call.
    /// @param required Gas the call must have.
    error InsufficientGasForCore(uint256 available, uint256 required);
    /// @notice No deferred slash is waiting for this slot (never deferred, or applied already).
    /// @param taskId The task.
    /// @param slot The slot.
    error NoDeferredSlash(uint256 taskId, uint32 slot);
    /// @notice The core still refuses the deferred slash of this slot.
    /// @param taskId The task.
    /// @param slot The slot.
    /// @param reason The core's error selector (e.g. `CurrentlyPaused()`).
    error SlashStillRefused(uint256 taskId, uint32 slot, bytes4 reason);
    /// @notice An operator ejected after `maxMisses` may not register again.
    /// @param operator The operator.
    error OperatorIsEjected(address operator);
    /// @notice Removing a proxy signer would leave fewer signers than `quorum`, which a task
    /// still needs until `until` (the miss deadline of its last slot).
    /// @param quorum The quorum of the live task.
    /// @param until Unix time after which the removal is allowed.
    error SignersNeededByLiveTask(uint8 quorum, uint64 until);

    // ---------------------------------------------------------------- tasks

    /// @notice Registers a schedule: slot k is due at `start + k * interval`.
    /// @dev `msg.value` must equal `feePerHit * count`.
    /// @param url The target URL.
    /// @param method The HTTP method.
    /// @param body The request body.
    /// @param start Unix seconds of slot 0.
    /// @param interval Seconds between slots (>= 1).
    /// @param count Number of slots (>= 1).
    /// @param tolerance Seconds a hit may be early or late.
    /// @param quorum Proxy signatures needed per hit.
    /// @param feePerHit Wei paid per proven slot.
    /// @return taskId The new task's id.
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
    ) external payable returns (uint256 taskId);

    /// @notice Cancels a task; the unspent deposit goes back to its owner.
    /// @param taskId The task.
    function cancelTask(uint256 taskId) external;

    /// @notice A task's record.
    /// @param taskId The task.
    /// @return The task.
    function getTask(uint256 taskId) external view returns (Task memory);
    /// @notice Number of tasks created.
    /// @return The count.
    function taskCount() external view returns (uint256);
    /// @notice State of one slot.
    /// @param taskId The task.
    /// @param slot The slot.
    /// @return The state.
    function slotState(uint256 taskId, uint32 slot) external view returns (SlotState);
    /// @notice Proven, missed and pending slot counts of a task.
    /// @param taskId The task.
    /// @return proven Slots proven.
    /// @return missed Slots reported missed.
    /// @return pending Slots neither.
    function progress(uint256 taskId) external view returns (uint32 proven, uint32 missed, uint32 pending);
    /// @notice Unix time slot `slot` is due.
    /// @param taskId The task.
    /// @param slot The slot.
    /// @return Unix seconds.
    function slotTime(uint256 taskId, uint32 slot) external view returns (uint64);

    // ---------------------------------------------------------------- assignment

    /// @notice The active operator set (sorted by address) in effect at `timestamp`.
    /// @param timestamp Unix seconds.
    /// @return The operators.
    function operatorsAt(uint64 timestamp) external view returns (address[] memory);
    /// @notice Primary (index 0) and backups of a slot with the earliest time each may fire.
    /// @param taskId The task.
    /// @param slot The slot.
    /// @return operators The primary, then the backups.
    /// @return earliest Unix seconds each operator may fire from.
    function eligibleOperators(uint256 taskId, uint32 slot)
        external
        view
        returns (address[] memory operators, uint64[] memory earliest);
    /// @notice After this unix time anyone may call {reportMissed} for the slot.
    /// @param taskId The task.
    /// @param slot The slot.
    /// @return Unix seconds.
    function missDeadline(uint256 taskId, uint32 slot) external view returns (uint64);

    // ---------------------------------------------------------------- proofs

    /// @notice EIP-712 digest of a `Hit` under this contract's domain.
    /// @param hit The hit.
    /// @return The digest.
    function hitDigest(Hit calldata hit) external view returns (bytes32);
    /// @notice Verifies and records a batch of hits by `msg.sender`; bad ones are skipped with
    /// {HitRejected}. Returns how many were accepted.
    /// @param hits The signed hits.
    /// @return accepted Hits accepted.
    function submitHits(SignedHit[] calldata hits) external returns (uint256 accepted);

    // ---------------------------------------------------------------- penalties

    /// @notice Penalizes the primary of an unproven slot past its deadline and pays the caller
    /// a bounty (the slot's fee) from the task's deposit.
    /// @param taskId The task.
    /// @param slot The slot.
    function reportMissed(uint256 taskId, uint32 slot) external;

    /// @notice Applies a slash the core refused at report time ({SlashDeferred}); anyone may call
    /// it, once per slot. Reverts {SlashStillRefused} while the core still refuses; if the core
    /// can no longer slash the operator the slash is dropped with {SlashSkipped}.
    /// @param taskId The task.
    /// @param slot The missed slot.
    function retrySlash(uint256 taskId, uint32 slot) external;

    /// @notice The slash waiting for {retrySlash} (operator 0: none).
    /// @param taskId The task.
    /// @param slot The slot.
    /// @return operator The primary to slash.
    /// @return wad The fraction of 1e18 to slash, fixed at report time.
    function deferredSlash(uint256 taskId, uint32 slot) external view returns (address operator, uint64 wad);

    // ---------------------------------------------------------------- money

    /// @notice Wei an account may withdraw (operator fees and reporter bounties).
    /// @param account The account.
    /// @return Wei.
    function owed(address account) external view returns (uint256);
    /// @notice Sends the caller everything it is owed.
    function withdraw() external;

    // ---------------------------------------------------------------- operators and signers

    /// @notice The AVS's record of an operator.
    /// @param operator The operator.
    /// @return The record.
    function operatorInfo(address operator) external view returns (OperatorInfo memory);

    /// @notice The miss deadline of the last slot of the tasks with this quorum (0: none yet):
    /// until then no signer removal may leave fewer than `quorum` signers.
    /// @param quorum The quorum.
    /// @return The unix time.
    function quorumNeededUntil(uint8 quorum) external view returns (uint64);
    /// @notice Whether an address is a proxy signer.
    /// @param signer The address.
    /// @return True if it is.
    function isProxySigner(address signer) external view returns (bool);
    /// @notice All proxy signers.
    /// @return The signers.
    function proxySigners() external view returns (address[] memory);
    /// @notice Adds a proxy signer (owner only).
    /// @param signer The signer.
    function addProxySigner(address signer) external;
    /// @notice Removes a proxy signer (owner only).
    /// @param signer The signer.
    function removeProxySigner(address signer) external;
    /// @notice Replaces `oldSigner` by `newSigner` in one step (key rotation).
    /// @param oldSigner The signer to remove.
    /// @param newSigner The signer to add.
    function rotateProxySigner(address oldSigner, address newSigner) external;
    /// @notice The protocol parameters.
    /// @return The parameters.
    function params() external view returns (Params memory);
    /// @notice Sets the protocol parameters (owner only).
    /// @param p The new parameters.
    function setParams(Params calldata p) external;
}
