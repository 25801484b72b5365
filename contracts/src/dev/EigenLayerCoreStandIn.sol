// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IAllocationManager} from "../interfaces/eigenlayer/IAllocationManager.sol";
import {IDelegationManager} from "../interfaces/eigenlayer/IDelegationManager.sol";
import {IAVSRegistrar} from "../interfaces/eigenlayer/IAVSRegistrar.sol";
import {IStrategy} from "../interfaces/eigenlayer/IStrategy.sol";
import {OperatorSet} from "../interfaces/eigenlayer/OperatorSetLib.sol";

/// @title EigenLayerCoreStandIn
/// @notice DEVNET/TEST STAND-IN for the EigenLayer core (AllocationManager + DelegationManager
/// subset of shared/notes/eigenlayer.md). Not EigenLayer: no delegation of stakers, no
/// permission controller (the AVS and the operator act for themselves), allocations take
/// effect at once, stake is native ETH deposited by the operator itself. What it does keep is
/// the part the AVS relies on: operator sets with a slasher, magnitudes allocated per set,
/// registration calling back the AVS's registrar, and slashing that really reduces the
/// operator's allocated magnitude and shares.
contract EigenLayerCoreStandIn is IAllocationManager, IDelegationManager {
    uint64 public constant WAD = 1e18;

    struct SetInfo {
        bool exists;
        address slasher;
        IStrategy[] strategies;
    }

    mapping(address operator => bool) public isOperator;
    mapping(address operator => mapping(IStrategy => uint256)) public shares;
    mapping(address operator => mapping(IStrategy => uint64)) public maxMagnitude;
    mapping(address operator => mapping(IStrategy => uint64)) public encumberedMagnitude;
    mapping(bytes32 setKey => mapping(address operator => mapping(IStrategy => uint64))) public allocatedMagnitude;
    mapping(bytes32 setKey => mapping(address operator => bool)) public isRegistered;
    mapping(bytes32 setKey => SetInfo) internal _sets;
    mapping(address avs => string) public avsMetadataURI;
    mapping(address avs => IAVSRegistrar) internal _registrars;
    uint256 public slashCount;

    error NotOperator(address operator);
    error AlreadyOperator(address operator);
    error NotSelf(address caller, address expected);
    error NoMetadata(address avs);
    error SetExists(address avs, uint32 id);
    error SetUnknown(address avs, uint32 id);
    error StrategyNotInSet(IStrategy strategy);
    error OverAllocated(address operator, IStrategy strategy);
    error AlreadyRegistered(address operator, uint32 id);
    error NotRegistered(address operator, uint32 id);
    error NotSlasher(address caller);
    error NotSlashable(address operator);
    error BadWad(uint256 wad);
    error UnsortedStrategies();
    error LengthMismatch();
    error RegistrarRefused(address avs);

    event OperatorRegisteredAsOperator(address indexed operator, string metadataURI);
    event StakeDeposited(address indexed operator, IStrategy indexed strategy, uint256 amount);
    event AVSMetadataURIUpdated(address indexed avs, string metadataURI);
    event OperatorSetCreated(address indexed avs, uint32 id, address slasher);
    event AVSRegistrarSet(address indexed avs, IAVSRegistrar registrar);
    event AllocationUpdated(address indexed operator, address avs, uint32 id, IStrategy strategy, uint64 magnitude);
    event OperatorAddedToSet(address indexed operator, address avs, uint32 id);
    event OperatorRemovedFromSet(address indexed operator, address avs, uint32 id);
    event OperatorSlashed(address indexed operator, address avs, uint32 id, IStrategy strategy, uint256 sharesSlashed);

    // ------------------------------------------------------------------ DelegationManager subset

    /// @inheritdoc IDelegationManager
    function registerAsOperator(address, uint32, string calldata metadataURI) external {
        if (isOperator[msg.sender]) revert AlreadyOperator(msg.sender);
        isOperator[msg.sender] = true;
        emit OperatorRegisteredAsOperator(msg.sender, metadataURI);
    }

    /// @notice Stand-in for restaking: the operator deposits ETH as shares of `strategy`.
    function depositStake(IStrategy strategy) external payable {
        if (!isOperator[msg.sender]) revert NotOperator(msg.sender);
        if (maxMagnitude[msg.sender][strategy] == 0 && shares[msg.sender][strategy] == 0) {
            maxMagnitude[msg.sender][strategy] = WAD;
        }
        shares[msg.sender][strategy] += msg.value;
        emit StakeDeposited(msg.sender, strategy, msg.value);
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
        if (bytes(avsMetadataURI[avs]).length == 0) revert NoMetadata(avs);
        for (uint256 i = 0; i < params.length; i++) {
            SetInfo storage s = _sets[_key(avs, params[i].operatorSetId)];
            if (s.exists) revert SetExists(avs, params[i].operatorSetId);
            s.exists = true;
            s.slasher = params[i].slasher;
            s.strategies = params[i].strategies;
            emit OperatorSetCreated(avs, params[i].operatorSetId, params[i].slasher);
        }
    }

    /// @inheritdoc IAllocationManager
    function setAVSRegistrar(address avs, IAVSRegistrar registrar) external {
        _onlySelf(avs);
        if (!registrar.supportsAVS(avs)) revert RegistrarRefused(avs);
        _registrars[avs] = registrar;
        emit AVSRegistrarSet(avs, registrar);
    }

    /// @notice The registrar of `avs` (the AVS itself unless set).
    function getAVSRegistrar(address avs) public view returns (IAVSRegistrar) {
        IAVSRegistrar r = _registrars[avs];
        return address(r) == address(0) ? IAVSRegistrar(avs) : r;
    }

    /// @notice Strategies and slasher of a set.
    function getOperatorSet(OperatorSet memory operatorSet)
        external
        view
        returns (bool exists, address slasher, IStrategy[] memory strategies)
    {
        SetInfo storage s = _sets[_key(operatorSet.avs, operatorSet.id)];
        return (s.exists, s.slasher, s.strategies);
    }

    /// @inheritdoc IAllocationManager
    /// @dev Slashes `wadsToSlash[i]` of the allocated magnitude; the operator loses the same
    /// fraction of its shares as of its max magnitude (EigenLayer's accounting).
    function slashOperator(address avs, SlashingParams calldata params)
        external
        returns (uint256 slashId, uint256[] memory slashedShares)
    {
        bytes32 key = _key(avs, params.operatorSetId);
        SetInfo storage s = _sets[key];
        if (!s.exists) revert SetUnknown(avs, params.operatorSetId);
        if (msg.sender != s.slasher) revert NotSlasher(msg.sender);
        if (!isRegistered[key][params.operator]) revert NotSlashable(params.operator);
        if (params.strategies.length != params.wadsToSlash.length) revert LengthMismatch();
        slashId = ++slashCount;
        slashedShares = new uint256[](params.strategies.length);
        for (uint256 i = 0; i < params.strategies.length; i++) {
            IStrategy strategy = params.strategies[i];
            if (i > 0 && address(strategy) <= address(params.strategies[i - 1])) revert UnsortedStrategies();
            if (!_inSet(s, strategy)) revert StrategyNotInSet(strategy);
            uint256 wad = params.wadsToSlash[i];
            if (wad == 0 || wad > WAD) revert BadWad(wad);
            slashedShares[i] = _slash(key, params.operator, strategy, wad);
            emit OperatorSlashed(params.operator, avs, params.operatorSetId, strategy, slashedShares[i]);
        }
    }

    function _slash(bytes32 key, address operator, IStrategy strategy, uint256 wad) internal returns (uint256 slashed) {
        uint64 allocated = allocatedMagnitude[key][operator][strategy];
        uint64 maxMag = maxMagnitude[operator][strategy];
        if (allocated == 0 || maxMag == 0) return 0;
        uint64 slashedMag = uint64((uint256(allocated) * wad + WAD - 1) / WAD);
        slashed = shares[operator][strategy] * slashedMag / maxMag;
        allocatedMagnitude[key][operator][strategy] = allocated - slashedMag;
        encumberedMagnitude[operator][strategy] -= slashedMag;
        maxMagnitude[operator][strategy] = maxMag - slashedMag;
        shares[operator][strategy] -= slashed;
    }

    // ------------------------------------------------------------------ operator side

    /// @inheritdoc IAllocationManager
    /// @dev Takes effect at once (the real core delays allocations and deallocations).
    function modifyAllocations(address operator, AllocateParams[] calldata params) external {
        _onlySelf(operator);
        if (!isOperator[operator]) revert NotOperator(operator);
        for (uint256 i = 0; i < params.length; i++) {
            AllocateParams calldata a = params[i];
            bytes32 key = _key(a.operatorSet.avs, a.operatorSet.id);
            SetInfo storage s = _sets[key];
            if (!s.exists) revert SetUnknown(a.operatorSet.avs, a.operatorSet.id);
            if (a.strategies.length != a.newMagnitudes.length) revert LengthMismatch();
            for (uint256 j = 0; j < a.strategies.length; j++) {
                IStrategy strategy = a.strategies[j];
                if (!_inSet(s, strategy)) revert StrategyNotInSet(strategy);
                uint64 old = allocatedMagnitude[key][operator][strategy];
                uint64 encumbered = encumberedMagnitude[operator][strategy] - old + a.newMagnitudes[j];
                if (encumbered > maxMagnitude[operator][strategy]) revert OverAllocated(operator, strategy);
                encumberedMagnitude[operator][strategy] = encumbered;
                allocatedMagnitude[key][operator][strategy] = a.newMagnitudes[j];
                emit AllocationUpdated(operator, a.operatorSet.avs, a.operatorSet.id, strategy, a.newMagnitudes[j]);
            }
        }
    }

    /// @inheritdoc IAllocationManager
    function registerForOperatorSets(address operator, RegisterParams calldata params) external {
        _onlySelf(operator);
        if (!isOperator[operator]) revert NotOperator(operator);
        for (uint256 i = 0; i < params.operatorSetIds.length; i++) {
            bytes32 key = _key(params.avs, params.operatorSetIds[i]);
            if (!_sets[key].exists) revert SetUnknown(params.avs, params.operatorSetIds[i]);
            if (isRegistered[key][operator]) revert AlreadyRegistered(operator, params.operatorSetIds[i]);
            isRegistered[key][operator] = true;
            emit OperatorAddedToSet(operator, params.avs, params.operatorSetIds[i]);
        }
        getAVSRegistrar(params.avs).registerOperator(operator, params.avs, params.operatorSetIds, params.data);
    }

    /// @inheritdoc IAllocationManager
    /// @dev The operator or the AVS may call it.
    function deregisterFromOperatorSets(DeregisterParams calldata params) external {
        if (msg.sender != params.operator && msg.sender != params.avs) revert NotSelf(msg.sender, params.operator);
        for (uint256 i = 0; i < params.operatorSetIds.length; i++) {
            bytes32 key = _key(params.avs, params.operatorSetIds[i]);
            if (!isRegistered[key][params.operator]) revert NotRegistered(params.operator, params.operatorSetIds[i]);
            isRegistered[key][params.operator] = false;
            emit OperatorRemovedFromSet(params.operator, params.avs, params.operatorSetIds[i]);
        }
        getAVSRegistrar(params.avs).deregisterOperator(params.operator, params.avs, params.operatorSetIds);
    }

    // ------------------------------------------------------------------ reads

    /// @inheritdoc IAllocationManager
    function getAllocatedStake(
        OperatorSet memory operatorSet,
        address[] memory operators,
        IStrategy[] memory strategies
    ) public view returns (uint256[][] memory stake) {
        bytes32 key = _key(operatorSet.avs, operatorSet.id);
        stake = new uint256[][](operators.length);
        for (uint256 i = 0; i < operators.length; i++) {
            stake[i] = new uint256[](strategies.length);
            for (uint256 j = 0; j < strategies.length; j++) {
                uint64 maxMag = maxMagnitude[operators[i]][strategies[j]];
                if (maxMag == 0) continue;
                stake[i][j] =
                    shares[operators[i]][strategies[j]] * allocatedMagnitude[key][operators[i]][strategies[j]] / maxMag;
            }
        }
    }

    /// @inheritdoc IAllocationManager
    /// @dev Allocations have no delay here, so this is the allocated stake of registered operators.
    function getMinimumSlashableStake(
        OperatorSet memory operatorSet,
        address[] memory operators,
        IStrategy[] memory strategies,
        uint32
    ) external view returns (uint256[][] memory slashableStake) {
        slashableStake = getAllocatedStake(operatorSet, operators, strategies);
        for (uint256 i = 0; i < operators.length; i++) {
            if (!isOperatorSlashable(operators[i], operatorSet)) delete slashableStake[i];
            if (slashableStake[i].length == 0) slashableStake[i] = new uint256[](strategies.length);
        }
    }

    /// @inheritdoc IAllocationManager
    function isOperatorSlashable(address operator, OperatorSet memory operatorSet) public view returns (bool) {
        return isRegistered[_key(operatorSet.avs, operatorSet.id)][operator];
    }

    // ------------------------------------------------------------------ helpers

    function _onlySelf(address expected) internal view {
        if (msg.sender != expected) revert NotSelf(msg.sender, expected);
    }

    function _key(address avs, uint32 id) internal pure returns (bytes32) {
        return keccak256(abi.encode(avs, id));
    }

    function _inSet(SetInfo storage s, IStrategy strategy) internal view returns (bool) {
        for (uint256 i = 0; i < s.strategies.length; i++) {
            if (s.strategies[i] == strategy) return true;
        }
        return false;
    }
}
