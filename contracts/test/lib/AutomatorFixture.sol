// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {TestBase} from "./Vm.sol";
import {FleekAutomator} from "../../src/FleekAutomator.sol";
import {IFleekAutomator} from "../../src/interfaces/IFleekAutomator.sol";
import {EigenLayerCoreStandIn} from "../../src/dev/EigenLayerCoreStandIn.sol";
import {StandInStrategy} from "../../src/dev/StandInStrategy.sol";
import {IAllocationManager} from "../../src/interfaces/eigenlayer/IAllocationManager.sol";
import {IStrategy} from "../../src/interfaces/eigenlayer/IStrategy.sol";
import {OperatorSet} from "../../src/interfaces/eigenlayer/OperatorSetLib.sol";
import {OperatorSetSchedule} from "../../src/lib/OperatorSetSchedule.sol";

/// @notice Shared setup for the AVS tests: the EigenLayer core stand-in, the AVS with the devnet
/// parameters, two proxy signers and four staked operators already active in the set, plus
/// helpers to create tasks and sign and submit hits.
abstract contract AutomatorFixture is TestBase {
    uint256 internal constant T0 = 1_700_000_000; // an epoch boundary
    uint256 internal constant OPERATOR_COUNT = 4;
    uint256 internal constant STAKE = 10 ether;
    string internal constant URL = "https://example.com/hook";
    /// @dev The stand-in core's DEALLOCATION_DELAY and ALLOCATION_CONFIGURATION_DELAY (blocks).
    uint32 internal constant DEALLOCATION_DELAY = 50;
    uint32 internal constant ALLOCATION_CONFIGURATION_DELAY = 60;

    EigenLayerCoreStandIn internal core;
    StandInStrategy internal strategy;
    FleekAutomator internal avs;

    uint256[] internal signerKeys; // ascending by address
    address[] internal signerAddrs;
    uint256[] internal operatorKeys;
    address[] internal operatorAddrs;

    function setUp() public virtual {
        vm.warp(T0);
        vm.deal(address(this), 1_000_000 ether);
        core = new EigenLayerCoreStandIn(DEALLOCATION_DELAY, ALLOCATION_CONFIGURATION_DELAY);
        strategy = new StandInStrategy();
        avs = new FleekAutomator(address(this), IAllocationManager(address(core)), defaultParams());
        avs.initializeAVS("https://example.com/avs.json", strategyList());

        _addSigner(0x51);
        _addSigner(0x52);
        for (uint256 i = 0; i < OPERATOR_COUNT; i++) {
            uint256 key = 0xA000 + i;
            operatorKeys.push(key);
            operatorAddrs.push(vm.addr(key));
            joinOperator(vm.addr(key), STAKE);
        }
        activatePendingSet();
    }

    function defaultParams() internal pure returns (IFleekAutomator.Params memory p) {
        p.epochLength = 10;
        p.activationDelay = 5;
        p.redundancy = 2;
        p.failoverDelay = 4;
        p.submitWindow = 60;
        p.minTolerance = 1;
        p.maxTolerance = 300;
        p.maxMisses = 3;
        p.slashWad = 1e16;
        p.maxUrlLength = 2048;
        p.maxBodyLength = 4096;
    }

    function strategyList() internal view returns (IStrategy[] memory list) {
        list = new IStrategy[](1);
        list[0] = strategy;
    }

    function operatorSet() internal view returns (OperatorSet memory) {
        return OperatorSet(address(avs), 0);
    }

    function _addSigner(uint256 key) private {
        address a = vm.addr(key);
        uint256 i = signerAddrs.length;
        signerAddrs.push(a);
        signerKeys.push(key);
        // keep both arrays ascending by address
        while (i > 0 && signerAddrs[i - 1] > a) {
            (signerAddrs[i - 1], signerAddrs[i]) = (signerAddrs[i], signerAddrs[i - 1]);
            (signerKeys[i - 1], signerKeys[i]) = (signerKeys[i], signerKeys[i - 1]);
            i--;
        }
        avs.addProxySigner(a);
    }

    // ---------------------------------------------------------------- operators

    /// @notice Operator registration through the core, as a real operator does it.
    function joinOperator(address operator, uint256 stake) internal {
        vm.deal(operator, stake);
        vm.startPrank(operator);
        if (!core.isOperator(operator)) core.registerAsOperator(address(0), 0, "");
        core.depositStake{value: stake}(strategy);
        allocate(operator, 1e18);
        uint32[] memory ids = new uint32[](1);
        core.registerForOperatorSets(operator, IAllocationManager.RegisterParams(address(avs), ids, ""));
        vm.stopPrank();
    }

    function allocate(address operator, uint64 magnitude) internal {
        uint64[] memory mags = new uint64[](1);
        mags[0] = magnitude;
        IAllocationManager.AllocateParams[] memory a = new IAllocationManager.AllocateParams[](1);
        a[0] = IAllocationManager.AllocateParams(operatorSet(), strategyList(), mags);
        core.modifyAllocations(operator, a);
    }

    function leaveOperator(address operator) internal {
        uint32[] memory ids = new uint32[](1);
        vm.prank(operator);
        core.deregisterFromOperatorSets(IAllocationManager.DeregisterParams(operator, address(avs), ids));
    }

    /// @notice The operator's allocated stake in the AVS's set (the one strategy).
    function stakeOf(address operator) internal view returns (uint256) {
        address[] memory ops = new address[](1);
        ops[0] = operator;
        return core.getAllocatedStake(operatorSet(), ops, strategyList())[0][0];
    }

    /// @notice Slashing parameters for `operator` in the AVS's set with one wad.
    function slashingParams(address operator, uint256 wad)
        internal
        view
        returns (IAllocationManager.SlashingParams memory sp)
    {
        sp = IAllocationManager.SlashingParams({
            operator: operator,
            operatorSetId: 0,
            strategies: strategyList(),
            wadsToSlash: new uint256[](1),
            description: ""
        });
        sp.wadsToSlash[0] = wad;
    }

    /// @notice Warps to the effective time of the latest scheduled set change.
    function activatePendingSet() internal {
        uint64 at = latestEffectiveFrom();
        if (at > block.timestamp) vm.warp(at);
    }

    function latestEffectiveFrom() internal view returns (uint64) {
        OperatorSetSchedule.Entry[] memory entries = avs.operatorSetHistory();
        return entries[entries.length - 1].effectiveFrom;
    }

    function keyOf(address operator) internal view returns (uint256) {
        for (uint256 i = 0; i < operatorAddrs.length; i++) {
            if (operatorAddrs[i] == operator) return operatorKeys[i];
        }
        revert("unknown operator");
    }

    // ---------------------------------------------------------------- tasks

    /// @notice The account that reports misses in the tests.
    address internal constant REPORTER = address(0x4E90);

    /// @notice `reportMissed` as {REPORTER}.
    function report(uint256 taskId, uint32 slot) internal {
        vm.prank(REPORTER);
        avs.reportMissed(taskId, slot);
    }

    function createTask(uint64 start, uint32 interval, uint32 count, uint32 tolerance, uint8 quorum, uint128 fee)
        internal
        returns (uint256)
    {
        return avs.createTask{value: uint256(fee) * count}(
            URL, IFleekAutomator.Method.POST, "{}", start, interval, count, tolerance, quorum, fee
        );
    }

    /// @notice A task starting now: every 10 s, 20 slots, tolerance 5 s, quorum 1, fee 1 gwei.
    function createDefaultTask() internal returns (uint256) {
        return createTask(uint64(block.timestamp), 10, 20, 5, 1, 1 gwei);
    }

    // ---------------------------------------------------------------- hits

    function primaryOf(uint256 taskId, uint32 slot) internal view returns (address) {
        (address[] memory ops,) = avs.eligibleOperators(taskId, slot);
        return ops[0];
    }

    function signHit(
        uint256 taskId,
        uint32 slot,
        address operator,
        uint64 hitTimeMs,
        uint16 status,
        bytes32 respHash,
        uint256 quorum
    ) internal view returns (IFleekAutomator.SignedHit memory h) {
        bytes32 digest = avs.hitDigest(IFleekAutomator.Hit(taskId, slot, operator, hitTimeMs, status, respHash));
        bytes memory sigs;
        for (uint256 i = 0; i < quorum; i++) {
            sigs = bytes.concat(sigs, sign(signerKeys[i], digest));
        }
        h = IFleekAutomator.SignedHit(taskId, slot, hitTimeMs, status, respHash, sigs);
    }

    function sign(uint256 key, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    /// @notice A valid hit by the slot's primary at exactly its due time, with quorum signatures.
    function primaryHit(uint256 taskId, uint32 slot)
        internal
        view
        returns (address op, IFleekAutomator.SignedHit memory h)
    {
        op = primaryOf(taskId, slot);
        IFleekAutomator.Task memory t = avs.getTask(taskId);
        h = signHit(taskId, slot, op, avs.slotTime(taskId, slot) * 1000, 200, keccak256("ok"), t.quorum);
    }

    function submitOne(address op, IFleekAutomator.SignedHit memory h) internal returns (uint256) {
        IFleekAutomator.SignedHit[] memory batch = new IFleekAutomator.SignedHit[](1);
        batch[0] = h;
        vm.prank(op);
        return avs.submitHits(batch);
    }

    /// @notice Sum of deposits of tasks 1..taskCount plus what `accounts` are owed.
    function liabilities(address[] memory accounts) internal view returns (uint256 sum) {
        uint256 n = avs.taskCount();
        for (uint256 id = 1; id <= n; id++) {
            sum += avs.getTask(id).deposit;
        }
        for (uint256 i = 0; i < accounts.length; i++) {
            sum += avs.owed(accounts[i]);
        }
    }

    receive() external payable {}
}
