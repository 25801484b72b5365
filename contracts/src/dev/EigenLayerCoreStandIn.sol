// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IAllocationManager} from "../interfaces/eigenlayer/IAllocationManager.sol";
import {IDelegationManager} from "../interfaces/eigenlayer/IDelegationManager.sol";
import {IAVSRegistrar} from "../interfaces/eigenlayer/IAVSRegistrar.sol";
import {IStrategy} from "../interfaces/eigenlayer/IStrategy.sol";
import {OperatorSet} from "../interfaces/eigenlayer/OperatorSetLib.sol";
import {StandInPausable} from "./StandInPausable.sol";

/// @title EigenLayerCoreStandIn
/// @notice DEVNET/TEST STAND-IN for the EigenLayer core (AllocationManager + DelegationManager
/// subset of shared/notes/eigenlayer.md). Not EigenLayer: no delegation of stakers, no
/// permission controller (the AVS and the operator act for themselves), stake is native ETH
/// deposited by the operator itself ({depositStake}). What it keeps is everything the AVS and an
/// operator observe, with the real core's rules and error names (v1.12.0): operator sets with a
/// slasher; allocations that become slashable only at `effectBlock` (the operator's allocation
/// delay, set at registration and effective at once, later changes after
/// ALLOCATION_CONFIGURATION_DELAY + 1 blocks); decreases of a slashable allocation that stay
/// slashable for DEALLOCATION_DELAY blocks; a deregistered operator slashable for
/// DEALLOCATION_DELAY blocks (and unable to re-register meanwhile); pause bits (0 allocations,
/// 1 slashing, 2 set registration) reverting with `CurrentlyPaused()`; and slashing that really
/// reduces the operator's magnitudes and shares.
contract EigenLayerCoreStandIn is IAllocationManager, IDelegationManager, StandInPausable {
    /// @notice 1e18: a full magnitude, and the denominator of slashing wads.
    uint64 public constant WAD = 1e18;
    /// @notice Pause bit of {modifyAllocations} (the real core's index).
    uint8 public constant PAUSED_MODIFY_ALLOCATIONS = 0;
    /// @notice Pause bit of {slashOperator}.
    uint8 public constant PAUSED_OPERATOR_SLASHING = 1;
    /// @notice Pause bit of {registerForOperatorSets} and {deregisterFromOperatorSets}.
    uint8 public constant PAUSED_OPERATOR_SET_REGISTRATION_AND_DEREGISTRATION = 2;

    /// @notice Blocks a deallocation (and a deregistered operator) stays slashable.
    uint32 public immutable DEALLOCATION_DELAY;
    /// @notice Blocks before a changed allocation delay takes effect (minus one).
    uint32 public immutable ALLOCATION_CONFIGURATION_DELAY;

    struct SetInfo {
        bool exists;
        address slasher;
        IStrategy[] strategies;
        uint256 slashCount;
    }

    struct RegistrationStatus {
        bool registered;
        uint32 slashableUntil; // last block a deregistered operator is slashable in
    }

    struct AllocationDelayInfo {
        uint32 delay;
        bool isSet;
        uint32 pendingDelay;
        uint32 effectBlock;
    }

    /// @dev Per operator and strategy: set keys with a pending deallocation, oldest first.
    struct DeallocationQueue {
        bytes32[] keys;
        uint256 head;
    }

    mapping(address operator => bool) public isOperator;
    /// @notice Shares of `operator` in `strategy` (the stand-in's stake: deposited wei, minus slashes).
    mapping(address operator => mapping(IStrategy => uint256)) public shares;
    mapping(address operator => mapping(IStrategy => uint64)) internal _magnitudeSlashed;
    mapping(address operator => mapping(IStrategy => uint64)) internal _encumbered;
    mapping(bytes32 setKey => mapping(address operator => mapping(IStrategy => Allocation))) internal _allocations;
    mapping(address operator => mapping(IStrategy => DeallocationQueue)) internal _deallocations;
    mapping(bytes32 setKey => mapping(address operator => RegistrationStatus)) internal _registration;
    mapping(address operator => AllocationDelayInfo) internal _allocationDelay;
    mapping(bytes32 setKey => SetInfo) internal _sets;
    /// @notice The metadata URI an AVS published (the real core only emits it).
    mapping(address avs => string) public avsMetadataURI;
    mapping(address avs => IAVSRegistrar) internal _registrars;

    /// @notice The caller may not act for that account (the real PermissionController's error).
    error InvalidPermissions();
    /// @notice A zero slasher.
    error InputAddressZero();

    /// @notice `operator` became an operator.
    /// @param operator The operator.
    /// @param delegationApprover Its delegation approver.
    event OperatorRegistered(address indexed operator, address delegationApprover);
    /// @notice `operator` deposited `amount` wei as shares of `strategy` (stand-in only).
    /// @param operator The operator.
    /// @param strategy The strategy.
    /// @param amount Wei deposited.
    event StakeDeposited(address indexed operator, IStrategy indexed strategy, uint256 amount);
    /// @notice The operator's allocation delay becomes `delay` at `effectBlock`.
    /// @param operator The operator.
    /// @param delay Blocks.
    /// @param effectBlock When it applies.
    event AllocationDelaySet(address operator, uint32 delay, uint32 effectBlock);
    /// @notice The AVS published its metadata.
    /// @param avs The AVS.
    /// @param metadataURI The URI.
    event AVSMetadataURIUpdated(address indexed avs, string metadataURI);
    /// @notice A set was created.
    /// @param operatorSet The set.
    event OperatorSetCreated(OperatorSet operatorSet);
    /// @notice The AVS's registrar changed.
    /// @param avs The AVS.
    /// @param registrar The registrar.
    event AVSRegistrarSet(address avs, IAVSRegistrar registrar);
    /// @notice An allocation becomes `magnitude` at `effectBlock`.
    /// @param operator The operator.
    /// @param operatorSet The set.
    /// @param strategy The strategy.
    /// @param magnitude The magnitude once effective.
    /// @param effectBlock When it applies.
    event AllocationUpdated(
        address operator, OperatorSet operatorSet, IStrategy strategy, uint64 magnitude, uint32 effectBlock
    );
    /// @notice The operator joined the set.
    /// @param operator The operator.
    /// @param operatorSet The set.
    event OperatorAddedToOperatorSet(address indexed operator, OperatorSet operatorSet);
    /// @notice The operator left the set (it stays slashable for DEALLOCATION_DELAY blocks).
    /// @param operator The operator.
    /// @param operatorSet The set.
    event OperatorRemovedFromOperatorSet(address indexed operator, OperatorSet operatorSet);
    /// @notice The operator was slashed.
    /// @param operator The operator.
    /// @param operatorSet The set.
    /// @param strategies The strategies.
    /// @param wadSlashed Fraction of the operator's max magnitude slashed per strategy.
    /// @param description The AVS's reason.
    event OperatorSlashed(
        address operator, OperatorSet operatorSet, IStrategy[] strategies, uint256[] wadSlashed, string description
    );

    /// @param deallocationDelay DEALLOCATION_DELAY in blocks.
    /// @param allocationConfigurationDelay ALLOCATION_CONFIGURATION_DELAY in blocks.
    constructor(uint32 deallocationDelay, uint32 allocationConfigurationDelay) StandInPausable(msg.sender) {
        DEALLOCATION_DELAY = deallocationDelay;
        ALLOCATION_CONFIGURATION_DELAY = allocationConfigurationDelay;
    }

    // ------------------------------------------------------------------ DelegationManager subset

    /// @inheritdoc IDelegationManager
    /// @dev As on the real core, the allocation delay of a new operator applies at once.
    function registerAsOperator(address initDelegationApprover, uint32 allocationDelay, string calldata) external {
        if (isOperator[msg.sender]) revert ActivelyDelegated();
        isOperator[msg.sender] = true;
        _allocationDelay[msg.sender] = AllocationDelayInfo(allocationDelay, true, allocationDelay, uint32(block.number));
        emit AllocationDelaySet(msg.sender, allocationDelay, uint32(block.number));
        emit OperatorRegistered(msg.sender, initDelegationApprover);
    }

    /// @notice Stand-in for restaking: the operator deposits ETH as shares of `strategy`.
    /// @param strategy The strategy credited.
    function depositStake(IStrategy strategy) external payable {
        if (!isOperator[msg.sender]) revert InvalidOperator();
        shares[msg.sender][strategy] += msg.value;
        emit StakeDeposited(msg.sender, strategy, msg.value);
    }

    /// @inheritdoc IDelegationManager
    function operatorShares(address operator, IStrategy strategy) external view returns (uint256) {
        return shares[operator][strategy];
    }

    /// @notice Shares of `operator` per strategy (the real DelegationManager's view).
    /// @param operator The operator.
    /// @param strategies The strategies.
    /// @return out Shares per strategy.
    function getOperatorShares(address operator, IStrategy[] memory strategies)
        external
        view
        returns (uint256[] memory out)
    {
        out = new uint256[](strategies.length);
        for (uint256 i = 0; i < strategies.length; i++) {
            out[i] = shares[operator][strategies[i]];
        }
    }

    // ------------------------------------------------------------------ AVS side

    /// @inheritdoc IAllocationManager
    function updateAVSMetadataURI(address avs, string calldata metadataURI) external {
        _onlySelf(avs);
        avsMetadataURI[avs] = metadataURI;
        emit AVSMetadataURIUpdated(avs, metadataURI);
    }

    /// @inheritdoc IAllocationManager
    function createOperatorSets(address avs, CreateSetParamsV2[] calldata params) external {
        _onlySelf(avs);
        if (bytes(avsMetadataURI[avs]).length == 0) revert NonexistentAVSMetadata();
        for (uint256 i = 0; i < params.length; i++) {
            SetInfo storage s = _sets[_key(avs, params[i].operatorSetId)];
            if (s.exists) revert InvalidOperatorSet();
            if (params[i].slasher == address(0)) revert InputAddressZero();
            s.exists = true;
            s.slasher = params[i].slasher;
            for (uint256 j = 0; j < params[i].strategies.length; j++) {
                if (_inSet(s, params[i].strategies[j])) revert StrategyAlreadyInOperatorSet();
                s.strategies.push(params[i].strategies[j]);
            }
            emit OperatorSetCreated(OperatorSet(avs, params[i].operatorSetId));
        }
    }

    /// @inheritdoc IAllocationManager
    function setAVSRegistrar(address avs, IAVSRegistrar registrar) external {
        _onlySelf(avs);
        if (!registrar.supportsAVS(avs)) revert InvalidAVSRegistrar();
        _registrars[avs] = registrar;
        emit AVSRegistrarSet(avs, registrar);
    }

    /// @inheritdoc IAllocationManager
    /// @dev The real core's checks in its order: pause, lengths, set, slashable, slasher; then per
    /// strategy: ascending, wad in (0, 1e18], in the set. The operator loses the same fraction of
    /// its shares as of its max magnitude (EigenLayer's accounting); a pending deallocation
    /// shrinks by the same wad.
    function slashOperator(address avs, SlashingParams calldata params)
        external
        returns (uint256 slashId, uint256[] memory slashedShares)
    {
        _whenNotPaused(PAUSED_OPERATOR_SLASHING);
        OperatorSet memory set = OperatorSet(avs, params.operatorSetId);
        bytes32 key = _key(avs, params.operatorSetId);
        SetInfo storage s = _sets[key];
        if (params.strategies.length != params.wadsToSlash.length) revert InputArrayLengthMismatch();
        if (!s.exists) revert InvalidOperatorSet();
        if (!isOperatorSlashable(params.operator, set)) revert OperatorNotSlashable();
        if (msg.sender != s.slasher) revert InvalidCaller();
        slashId = ++s.slashCount;
        slashedShares = new uint256[](params.strategies.length);
        uint256[] memory wadSlashed = new uint256[](params.strategies.length);
        for (uint256 i = 0; i < params.strategies.length; i++) {
            IStrategy strategy = params.strategies[i];
            if (i > 0 && address(strategy) <= address(params.strategies[i - 1])) {
                revert StrategiesMustBeInAscendingOrder();
            }
            uint256 wad = params.wadsToSlash[i];
            if (wad == 0 || wad > WAD) revert InvalidWadToSlash();
            if (!_inSet(s, strategy)) revert StrategyNotInOperatorSet();
            (slashedShares[i], wadSlashed[i]) = _slash(key, params.operator, strategy, wad);
        }
        emit OperatorSlashed(params.operator, set, params.strategies, wadSlashed, params.description);
    }

    /// @dev Slashes `wad` of one allocation: current magnitude (rounded up), max and encumbered
    /// magnitude, the pending deallocation, and the same fraction of the shares.
    function _slash(bytes32 key, address operator, IStrategy strategy, uint256 wad)
        internal
        returns (uint256 slashed, uint256 wadSlashed)
    {
        (uint64 encumbered, Allocation memory a) = _updatedAllocation(key, operator, strategy);
        if (a.currentMagnitude == 0) return (0, 0);
        uint64 maxMag = getMaxMagnitude(operator, strategy);
        uint64 slashedMag = uint64(_mulWadUp(a.currentMagnitude, wad));
        wadSlashed = uint256(slashedMag) * WAD / maxMag;
        a.currentMagnitude -= slashedMag;
        encumbered -= slashedMag;
        if (a.pendingDiff < 0) a.pendingDiff += int128(uint128(_mulWadUp(uint128(-a.pendingDiff), wad)));
        _allocations[key][operator][strategy] = a;
        _encumbered[operator][strategy] = encumbered;
        _magnitudeSlashed[operator][strategy] += slashedMag;
        uint256 before = shares[operator][strategy];
        slashed = before - before * (maxMag - slashedMag) / maxMag;
        shares[operator][strategy] = before - slashed;
    }

    // ------------------------------------------------------------------ operator side

    /// @notice Changes the caller's allocation delay after ALLOCATION_CONFIGURATION_DELAY + 1 blocks.
    /// @param operator The operator (the caller).
    /// @param delay The new delay in blocks.
    function setAllocationDelay(address operator, uint32 delay) external {
        _onlySelf(operator);
        if (!isOperator[operator]) revert InvalidOperator();
        AllocationDelayInfo memory info = _allocationDelay[operator];
        if (info.effectBlock != 0 && block.number >= info.effectBlock) {
            info.delay = info.pendingDelay;
            info.isSet = true;
        }
        info.pendingDelay = delay;
        info.effectBlock = uint32(block.number) + ALLOCATION_CONFIGURATION_DELAY + 1;
        _allocationDelay[operator] = info;
        emit AllocationDelaySet(operator, delay, info.effectBlock);
    }

    /// @inheritdoc IAllocationManager
    /// @dev The real core's rules: an increase takes magnitude at once and becomes slashable at
    /// `block.number + allocationDelay`; a decrease of a slashable allocation stays slashable
    /// until `block.number + DEALLOCATION_DELAY + 1`, an unslashable one is immediate; one
    /// pending change per set and strategy.
    function modifyAllocations(address operator, AllocateParams[] calldata params) external {
        _whenNotPaused(PAUSED_MODIFY_ALLOCATIONS);
        _onlySelf(operator);
        (bool isSet, uint32 delay) = getAllocationDelay(operator);
        if (!isSet) revert UninitializedAllocationDelay();
        for (uint256 i = 0; i < params.length; i++) {
            AllocateParams calldata p = params[i];
            if (p.strategies.length != p.newMagnitudes.length) revert InputArrayLengthMismatch();
            bytes32 key = _key(p.operatorSet.avs, p.operatorSet.id);
            if (!_sets[key].exists) revert InvalidOperatorSet();
            bool operatorSlashable = isOperatorSlashable(operator, p.operatorSet);
            for (uint256 j = 0; j < p.strategies.length; j++) {
                uint32 effectBlock =
                    _modify(key, operator, p.strategies[j], p.newMagnitudes[j], operatorSlashable, delay);
                emit AllocationUpdated(operator, p.operatorSet, p.strategies[j], p.newMagnitudes[j], effectBlock);
            }
        }
    }

    /// @dev One strategy of {modifyAllocations}; returns the change's effect block.
    function _modify(
        bytes32 key,
        address operator,
        IStrategy strategy,
        uint64 newMagnitude,
        bool operatorSlashable,
        uint32 delay
    ) internal returns (uint32) {
        _clearDeallocations(operator, strategy);
        (uint64 encumbered, Allocation memory a) = _updatedAllocation(key, operator, strategy);
        if (a.effectBlock != 0) revert ModificationAlreadyPending();
        bool slashable = _inSet(_sets[key], strategy) && operatorSlashable && a.currentMagnitude != 0;
        int128 diff = int128(uint128(newMagnitude)) - int128(uint128(a.currentMagnitude));
        if (diff == 0) revert SameMagnitude();
        if (diff < 0 && slashable) {
            _deallocations[operator][strategy].keys.push(key);
            a.pendingDiff = diff;
            a.effectBlock = uint32(block.number) + DEALLOCATION_DELAY + 1;
        } else if (diff < 0) {
            encumbered = _add(encumbered, diff);
            a.currentMagnitude = newMagnitude;
            a.effectBlock = uint32(block.number);
        } else {
            encumbered = _add(encumbered, diff);
            if (encumbered > getMaxMagnitude(operator, strategy)) revert InsufficientMagnitude();
            a.pendingDiff = diff;
            a.effectBlock = uint32(block.number) + delay;
        }
        _allocations[key][operator][strategy] = a;
        _encumbered[operator][strategy] = encumbered;
        return a.effectBlock;
    }

    /// @inheritdoc IAllocationManager
    function registerForOperatorSets(address operator, RegisterParams calldata params) external {
        _whenNotPaused(PAUSED_OPERATOR_SET_REGISTRATION_AND_DEREGISTRATION);
        _onlySelf(operator);
        if (!isOperator[operator]) revert InvalidOperator();
        for (uint256 i = 0; i < params.operatorSetIds.length; i++) {
            OperatorSet memory set = OperatorSet(params.avs, params.operatorSetIds[i]);
            bytes32 key = _key(set.avs, set.id);
            if (!_sets[key].exists) revert InvalidOperatorSet();
            if (isOperatorSlashable(operator, set)) revert AlreadyMemberOfSet();
            _registration[key][operator].registered = true;
            emit OperatorAddedToOperatorSet(operator, set);
        }
        getAVSRegistrar(params.avs).registerOperator(operator, params.avs, params.operatorSetIds, params.data);
    }

    /// @inheritdoc IAllocationManager
    /// @dev The operator or the AVS may call it.
    function deregisterFromOperatorSets(DeregisterParams calldata params) external {
        _whenNotPaused(PAUSED_OPERATOR_SET_REGISTRATION_AND_DEREGISTRATION);
        if (msg.sender != params.operator && msg.sender != params.avs) revert InvalidCaller();
        for (uint256 i = 0; i < params.operatorSetIds.length; i++) {
            OperatorSet memory set = OperatorSet(params.avs, params.operatorSetIds[i]);
            bytes32 key = _key(set.avs, set.id);
            if (!_sets[key].exists) revert InvalidOperatorSet();
            if (!_registration[key][params.operator].registered) revert NotMemberOfSet();
            _registration[key][params.operator] = RegistrationStatus(false, uint32(block.number) + DEALLOCATION_DELAY);
            emit OperatorRemovedFromOperatorSet(params.operator, set);
        }
        getAVSRegistrar(params.avs).deregisterOperator(params.operator, params.avs, params.operatorSetIds);
    }

    // ------------------------------------------------------------------ reads

    /// @inheritdoc IAllocationManager
    function getAllocatedStake(
        OperatorSet memory operatorSet,
        address[] memory operators,
        IStrategy[] memory strategies
    ) public view returns (uint256[][] memory) {
        return _minimumAllocatedStake(operatorSet, operators, strategies, uint32(block.number));
    }

    /// @inheritdoc IAllocationManager
    function getMinimumSlashableStake(
        OperatorSet memory operatorSet,
        address[] memory operators,
        IStrategy[] memory strategies,
        uint32 futureBlock
    ) external view returns (uint256[][] memory slashableStake) {
        slashableStake = _minimumAllocatedStake(operatorSet, operators, strategies, futureBlock);
        for (uint256 i = 0; i < operators.length; i++) {
            if (!isOperatorSlashable(operators[i], operatorSet)) slashableStake[i] = new uint256[](strategies.length);
        }
    }

    /// @inheritdoc IAllocationManager
    /// @dev `slashableUntil == 0` means never deregistered: the real core reads it as "slashable
    /// until block 0", which only matters at block 0, where forge scripts simulate on a fresh anvil.
    function isOperatorSlashable(address operator, OperatorSet memory operatorSet) public view returns (bool) {
        RegistrationStatus memory status = _registration[_key(operatorSet.avs, operatorSet.id)][operator];
        return status.registered || (status.slashableUntil != 0 && block.number <= status.slashableUntil);
    }

    /// @inheritdoc IAllocationManager
    function isMemberOfOperatorSet(address operator, OperatorSet memory operatorSet) external view returns (bool) {
        return _registration[_key(operatorSet.avs, operatorSet.id)][operator].registered;
    }

    /// @inheritdoc IAllocationManager
    function getAllocation(address operator, OperatorSet memory operatorSet, IStrategy strategy)
        public
        view
        returns (Allocation memory a)
    {
        (, a) = _updatedAllocation(_key(operatorSet.avs, operatorSet.id), operator, strategy);
    }

    /// @inheritdoc IAllocationManager
    function getAllocationDelay(address operator) public view returns (bool isSet, uint32 delay) {
        AllocationDelayInfo memory info = _allocationDelay[operator];
        (isSet, delay) = (info.isSet, info.delay);
        if (info.effectBlock != 0 && block.number >= info.effectBlock) (isSet, delay) = (true, info.pendingDelay);
    }

    /// @notice The operator's max magnitude in `strategy`: 1e18 minus everything slashed.
    /// @param operator The operator.
    /// @param strategy The strategy.
    /// @return The max magnitude.
    function getMaxMagnitude(address operator, IStrategy strategy) public view returns (uint64) {
        return WAD - _magnitudeSlashed[operator][strategy];
    }

    /// @notice Magnitude allocated or still pending deallocation, across sets.
    /// @param operator The operator.
    /// @param strategy The strategy.
    /// @return encumbered The encumbered magnitude with due deallocations completed.
    function getEncumberedMagnitude(address operator, IStrategy strategy) public view returns (uint64 encumbered) {
        encumbered = _encumbered[operator][strategy];
        DeallocationQueue storage q = _deallocations[operator][strategy];
        for (uint256 i = q.head; i < q.keys.length; i++) {
            Allocation memory a = _allocations[q.keys[i]][operator][strategy];
            if (block.number < a.effectBlock) break;
            if (a.pendingDiff < 0) encumbered = _add(encumbered, a.pendingDiff);
        }
    }

    /// @notice Magnitude the operator can still allocate in `strategy`.
    /// @param operator The operator.
    /// @param strategy The strategy.
    /// @return Max minus encumbered magnitude.
    function getAllocatableMagnitude(address operator, IStrategy strategy) external view returns (uint64) {
        return getMaxMagnitude(operator, strategy) - getEncumberedMagnitude(operator, strategy);
    }

    /// @notice The registrar of `avs` (the AVS itself unless set).
    /// @param avs The AVS.
    /// @return The registrar.
    function getAVSRegistrar(address avs) public view returns (IAVSRegistrar) {
        IAVSRegistrar r = _registrars[avs];
        return address(r) == address(0) ? IAVSRegistrar(avs) : r;
    }

    /// @notice Strategies and slasher of a set (stand-in only; the real core has one view each).
    /// @param operatorSet The set.
    /// @return exists Whether it exists.
    /// @return slasher Its slasher.
    /// @return strategies Its strategies.
    function getOperatorSet(OperatorSet memory operatorSet)
        external
        view
        returns (bool exists, address slasher, IStrategy[] memory strategies)
    {
        SetInfo storage s = _sets[_key(operatorSet.avs, operatorSet.id)];
        return (s.exists, s.slasher, s.strategies);
    }

    /// @notice Whether the set exists.
    /// @param operatorSet The set.
    /// @return True if created.
    function isOperatorSet(OperatorSet memory operatorSet) external view returns (bool) {
        return _sets[_key(operatorSet.avs, operatorSet.id)].exists;
    }

    /// @notice The set's slasher (address(0) for an unknown set).
    /// @param operatorSet The set.
    /// @return The slasher.
    function getSlasher(OperatorSet memory operatorSet) external view returns (address) {
        return _sets[_key(operatorSet.avs, operatorSet.id)].slasher;
    }

    /// @notice The set's strategies.
    /// @param operatorSet The set.
    /// @return The strategies.
    function getStrategiesInOperatorSet(OperatorSet memory operatorSet) external view returns (IStrategy[] memory) {
        return _sets[_key(operatorSet.avs, operatorSet.id)].strategies;
    }

    /// @notice How many slashes the set has made (the last slash id).
    /// @param operatorSet The set.
    /// @return The count.
    function getSlashCount(OperatorSet memory operatorSet) external view returns (uint256) {
        return _sets[_key(operatorSet.avs, operatorSet.id)].slashCount;
    }

    // ------------------------------------------------------------------ helpers

    /// @dev Stake per operator and strategy from the effective magnitude, minus pending
    /// deallocations that complete by `futureBlock` (the real core's `_getMinimumAllocatedStake`).
    function _minimumAllocatedStake(
        OperatorSet memory operatorSet,
        address[] memory operators,
        IStrategy[] memory strategies,
        uint32 futureBlock
    ) internal view returns (uint256[][] memory stake) {
        bytes32 key = _key(operatorSet.avs, operatorSet.id);
        stake = new uint256[][](operators.length);
        for (uint256 i = 0; i < operators.length; i++) {
            stake[i] = new uint256[](strategies.length);
            for (uint256 j = 0; j < strategies.length; j++) {
                uint64 maxMag = getMaxMagnitude(operators[i], strategies[j]);
                if (maxMag == 0) continue;
                (, Allocation memory a) = _updatedAllocation(key, operators[i], strategies[j]);
                uint64 magnitude = a.currentMagnitude;
                if (a.effectBlock <= futureBlock && a.pendingDiff < 0) magnitude = _add(magnitude, a.pendingDiff);
                stake[i][j] = shares[operators[i]][strategies[j]] * magnitude / maxMag;
            }
        }
    }

    /// @dev The allocation with its pending change applied if due, and the strategy's encumbered
    /// magnitude as it is once that change is applied.
    function _updatedAllocation(bytes32 key, address operator, IStrategy strategy)
        internal
        view
        returns (uint64 encumbered, Allocation memory a)
    {
        encumbered = _encumbered[operator][strategy];
        a = _allocations[key][operator][strategy];
        if (block.number < a.effectBlock) return (encumbered, a);
        a.currentMagnitude = _add(a.currentMagnitude, a.pendingDiff);
        if (a.pendingDiff < 0) encumbered = _add(encumbered, a.pendingDiff);
        a.pendingDiff = 0;
        a.effectBlock = 0;
    }

    /// @dev Completes the due deallocations of the operator in `strategy`, oldest first.
    function _clearDeallocations(address operator, IStrategy strategy) internal {
        DeallocationQueue storage q = _deallocations[operator][strategy];
        while (q.head < q.keys.length) {
            bytes32 key = q.keys[q.head];
            (uint64 encumbered, Allocation memory a) = _updatedAllocation(key, operator, strategy);
            if (a.effectBlock != 0) break; // not due yet; later ones are due later still
            _allocations[key][operator][strategy] = a;
            _encumbered[operator][strategy] = encumbered;
            delete q.keys[q.head++];
        }
    }

    /// @dev The caller must be `expected` (no permission controller here).
    function _onlySelf(address expected) internal view {
        if (msg.sender != expected) revert InvalidPermissions();
    }

    /// @dev Storage key of an operator set.
    function _key(address avs, uint32 id) internal pure returns (bytes32) {
        return keccak256(abi.encode(avs, id));
    }

    /// @dev Whether `strategy` is one of the set's.
    function _inSet(SetInfo storage s, IStrategy strategy) internal view returns (bool) {
        for (uint256 i = 0; i < s.strategies.length; i++) {
            if (s.strategies[i] == strategy) return true;
        }
        return false;
    }

    /// @dev `a + b` for a magnitude and a signed change.
    function _add(uint64 a, int128 b) internal pure returns (uint64) {
        return uint64(uint128(int128(uint128(a)) + b));
    }

    /// @dev `x * wad / 1e18`, rounded up (EigenLayer's mulWadRoundUp).
    function _mulWadUp(uint256 x, uint256 wad) internal pure returns (uint256) {
        return (x * wad + WAD - 1) / WAD;
    }
}
