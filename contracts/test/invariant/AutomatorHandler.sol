// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {TestBase} from "../lib/Vm.sol";
import {FleekAutomator} from "../../src/FleekAutomator.sol";
import {IFleekAutomator} from "../../src/interfaces/IFleekAutomator.sol";
import {EigenLayerCoreStandIn} from "../../src/dev/EigenLayerCoreStandIn.sol";
import {IAllocationManager} from "../../src/interfaces/eigenlayer/IAllocationManager.sol";
import {IStrategy} from "../../src/interfaces/eigenlayer/IStrategy.sol";
import {OperatorSet} from "../../src/interfaces/eigenlayer/OperatorSetLib.sol";

/// @notice The actions the invariant fuzzer drives against the AVS: users create and cancel
/// tasks, operators submit (good and bad) hits, join and leave, reporters report misses, time
/// passes. It records what the invariants need (ghost state) and flags any broken promise.
contract AutomatorHandler is TestBase {
    FleekAutomator public immutable avs;
    EigenLayerCoreStandIn public immutable core;
    IStrategy public immutable strategy;
    uint256[] internal signerKeys; // ascending by address
    uint256[] internal operatorKeys; // every operator that ever joined
    address[] public accounts; // everyone who may be owed money
    address[] public operators;

    /// @notice A slot accepted twice, or a proven slot reported missed: must stay 0.
    uint256 public provenTwice;
    uint256 public provenSlotPenalized;
    mapping(uint256 taskId => mapping(uint256 slot => bool)) public ghostProven;

    uint256 internal nextOperatorKey = 0xD000;

    constructor(
        FleekAutomator avs_,
        EigenLayerCoreStandIn core_,
        IStrategy strategy_,
        uint256[] memory signers,
        uint256[] memory ops
    ) {
        avs = avs_;
        core = core_;
        strategy = strategy_;
        signerKeys = signers;
        for (uint256 i = 0; i < ops.length; i++) {
            _track(ops[i]);
        }
        accounts.push(address(this));
        accounts.push(address(0x4E90)); // the reporter
    }

    receive() external payable {}

    function _track(uint256 key) internal {
        operatorKeys.push(key);
        operators.push(vm.addr(key));
        accounts.push(vm.addr(key));
    }

    function operatorCount() external view returns (uint256) {
        return operators.length;
    }

    function accountCount() external view returns (uint256) {
        return accounts.length;
    }

    function _pick(uint256 seed, uint256 n) internal pure returns (uint256) {
        return n == 0 ? 0 : seed % n;
    }

    // ---------------------------------------------------------------- actions

    function createTask(uint256 seed) external {
        uint32 count = uint32(1 + seed % 40);
        uint32 interval = uint32(1 + (seed >> 8) % 15);
        uint32 tol = uint32(1 + (seed >> 16) % 20);
        uint128 fee = uint128((seed >> 24) % 3 == 0 ? 0 : 1 + (seed >> 32) % 1e9);
        uint8 quorum = uint8(1 + (seed >> 64) % 2);
        uint64 start = uint64(block.timestamp + (seed >> 72) % 30);
        vm.deal(address(this), address(this).balance + uint256(fee) * count);
        avs.createTask{value: uint256(fee) * count}(
            "https://x.test/", IFleekAutomator.Method.GET, "", start, interval, count, tol, quorum, fee
        );
    }

    function cancelTask(uint256 seed) external {
        uint256 n = avs.taskCount();
        if (n == 0) return;
        uint256 id = 1 + _pick(seed, n);
        if (avs.getTask(id).cancelled) return;
        avs.cancelTask(id);
    }

    /// @dev A hit by one of the slot's eligible operators near its fire time; sometimes too
    /// early or late, sometimes signed by too few signers, so both outcomes happen.
    function submitHit(uint256 seed) external {
        uint256 n = avs.taskCount();
        if (n == 0) return;
        uint256 id = 1 + _pick(seed, n);
        IFleekAutomator.Task memory t = avs.getTask(id);
        if (block.timestamp < t.start) return;
        uint256 dueSlots = (block.timestamp - t.start) / t.interval + 1; // slots already due
        uint32 slot = uint32(_pick(seed >> 8, dueSlots < t.count ? dueSlots : t.count));
        (address[] memory ops, uint64[] memory earliest) = avs.eligibleOperators(id, slot);
        if (ops.length == 0) return;
        uint256 r = _pick(seed >> 16, ops.length);
        int256 skewMs = int256((seed >> 24) % (uint256(t.tolerance) * 2500)) - int256(uint256(t.tolerance) * 1250);
        int256 hitMs = int256(uint256(earliest[r]) * 1000) + skewMs;
        if (hitMs < 0 || uint256(hitMs) / 1000 > block.timestamp + 1) return;
        uint256 quorum = (seed >> 40) % 5 == 0 ? t.quorum - 1 : t.quorum;
        bool wasProven = avs.slotState(id, slot) == IFleekAutomator.SlotState.Proven;
        IFleekAutomator.SignedHit[] memory batch = new IFleekAutomator.SignedHit[](1);
        batch[0] = _sign(id, slot, ops[r], uint64(uint256(hitMs)), quorum);
        vm.prank(ops[r]);
        uint256 accepted = avs.submitHits(batch);
        if (accepted == 1) {
            if (wasProven || ghostProven[id][slot]) provenTwice++;
            ghostProven[id][slot] = true;
        }
    }

    function _sign(uint256 id, uint32 slot, address op, uint64 hitMs, uint256 quorum)
        internal
        view
        returns (IFleekAutomator.SignedHit memory h)
    {
        bytes32 digest = avs.hitDigest(IFleekAutomator.Hit(id, slot, op, hitMs, 200, bytes32(0)));
        bytes memory sigs;
        for (uint256 i = 0; i < quorum; i++) {
            (uint8 v, bytes32 r, bytes32 s) = vm.sign(signerKeys[i], digest);
            sigs = bytes.concat(sigs, abi.encodePacked(r, s, v));
        }
        h = IFleekAutomator.SignedHit(id, slot, hitMs, 200, bytes32(0), sigs);
    }

    function reportMissed(uint256 seed) external {
        uint256 n = avs.taskCount();
        if (n == 0) return;
        uint256 id = 1 + _pick(seed, n);
        uint32 slot = uint32(_pick(seed >> 8, avs.getTask(id).count));
        bool wasProven = avs.slotState(id, slot) == IFleekAutomator.SlotState.Proven;
        vm.prank(address(0x4E90));
        try avs.reportMissed(id, slot) {
            if (wasProven || ghostProven[id][slot]) provenSlotPenalized++;
        } catch {}
    }

    function warp(uint256 seed) external {
        vm.warp(block.timestamp + seed % 120);
    }

    function withdraw(uint256 seed) external {
        address who = accounts[_pick(seed, accounts.length)];
        if (avs.owed(who) == 0) return;
        vm.prank(who);
        avs.withdraw();
    }

    function joinOperator(uint256 seed) external {
        if (operators.length >= 8) return;
        uint256 key = nextOperatorKey++;
        address op = vm.addr(key);
        uint256 stake = 1 ether + seed % 10 ether;
        vm.deal(op, stake);
        vm.startPrank(op);
        core.registerAsOperator(address(0), 0, "");
        core.depositStake{value: stake}(strategy);
        _allocate(op, 1e18);
        uint32[] memory ids = new uint32[](1);
        core.registerForOperatorSets(op, IAllocationManager.RegisterParams(address(avs), ids, ""));
        vm.stopPrank();
        _track(key);
    }

    function leaveOperator(uint256 seed) external {
        address op = operators[_pick(seed, operators.length)];
        if (!core.isMemberOfOperatorSet(op, OperatorSet(address(avs), 0))) return;
        uint32[] memory ids = new uint32[](1);
        vm.prank(op);
        core.deregisterFromOperatorSets(IAllocationManager.DeregisterParams(op, address(avs), ids));
    }

    /// @dev An operator takes its allocation away, the core's DEALLOCATION_DELAY passes, and
    /// anyone removes it from the set (and from the core's).
    function deallocate(uint256 seed) external {
        address op = operators[_pick(seed, operators.length)];
        vm.prank(op);
        _allocate(op, 0);
        vm.roll(block.number + core.DEALLOCATION_DELAY() + 1);
        avs.removeUnstaked(op);
    }

    function _allocate(address op, uint64 magnitude) internal {
        IStrategy[] memory strategies = new IStrategy[](1);
        strategies[0] = strategy;
        uint64[] memory mags = new uint64[](1);
        mags[0] = magnitude;
        IAllocationManager.AllocateParams[] memory a = new IAllocationManager.AllocateParams[](1);
        a[0] = IAllocationManager.AllocateParams(OperatorSet(address(avs), 0), strategies, mags);
        core.modifyAllocations(op, a);
    }
}
