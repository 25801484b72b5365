// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AutomatorFixture} from "./lib/AutomatorFixture.sol";
import {IFleekAutomator} from "../src/interfaces/IFleekAutomator.sol";
import {AutomatorStorage} from "../src/automator/AutomatorStorage.sol";
import {FleekAutomator} from "../src/FleekAutomator.sol";
import {EigenLayerCoreStandIn} from "../src/dev/EigenLayerCoreStandIn.sol";
import {IAllocationManager} from "../src/interfaces/eigenlayer/IAllocationManager.sol";
import {IStrategy} from "../src/interfaces/eigenlayer/IStrategy.sol";
import {OperatorSetSchedule} from "../src/lib/OperatorSetSchedule.sol";

/// @notice Operators joining and leaving through the EigenLayer core (stand-in), the epoch
/// schedule of the active set, and the AVS's setup with the core.
contract OperatorSetTest is AutomatorFixture {
    function _sorted4() internal view returns (address[] memory s) {
        s = new address[](4);
        for (uint256 i = 0; i < 4; i++) {
            s[i] = operatorAddrs[i];
        }
        for (uint256 i = 1; i < 4; i++) {
            for (uint256 j = i; j > 0 && s[j - 1] > s[j]; j--) {
                (s[j - 1], s[j]) = (s[j], s[j - 1]);
            }
        }
    }

    function _assertSet(address[] memory got, address[] memory want, string memory what) internal pure {
        vm.assertEq(got.length, want.length, what);
        for (uint256 i = 0; i < got.length; i++) {
            vm.assertEq(got[i], want[i], what);
        }
    }

    function test_setup_operatorsActiveFromFirstBoundary() public view {
        vm.assertEq(block.timestamp, T0 + 10, "boundary >= T0 + activationDelay");
        _assertSet(avs.operatorsAt(uint64(T0 + 10)), _sorted4(), "active, sorted");
        vm.assertEq(avs.operatorsAt(uint64(T0 + 9)).length, 0, "not before");
        for (uint256 i = 0; i < 4; i++) {
            IFleekAutomator.OperatorInfo memory info = avs.operatorInfo(operatorAddrs[i]);
            vm.assertTrue(info.registered && !info.ejected, "registered");
        }
    }

    function test_join_takesEffectAtBoundaryAfterDelay() public {
        vm.warp(block.timestamp + 6); // T0 + 16: boundary >= T0 + 21 is T0 + 30
        address newcomer = vm.addr(0xB0B);
        address[] memory before = avs.operatorsAt(uint64(block.timestamp));
        joinOperator(newcomer, 1 ether);
        vm.assertTrue(avs.operatorInfo(newcomer).registered, "registered");
        _assertSet(avs.operatorsAt(uint64(T0 + 29)), before, "old set until the boundary");
        address[] memory after_ = avs.operatorsAt(uint64(T0 + 30));
        vm.assertEq(after_.length, 5, "joined at T0 + 30");
        for (uint256 i = 1; i < after_.length; i++) {
            vm.assertTrue(after_[i - 1] < after_[i], "sorted");
        }
        vm.assertEq(latestEffectiveFrom(), T0 + 30, "scheduled");
    }

    function test_changesInOneEpoch_mergeIntoOneEntry() public {
        address a = vm.addr(0xB0B);
        address b = vm.addr(0xB0C);
        joinOperator(a, 1 ether);
        joinOperator(b, 1 ether);
        leaveOperator(operatorAddrs[0]);
        OperatorSetSchedule.Entry[] memory h = avs.operatorSetHistory();
        vm.assertEq(h.length, 2, "one pending entry");
        vm.assertEq(h[1].operators.length, 5, "4 + 2 - 1");
    }

    function test_leave_takesEffectAtBoundary_slotsBeforeKeepOldSet() public {
        uint256 id = createTask(uint64(block.timestamp), 1, 100, 5, 1, 0);
        address leaving = primaryOf(id, 30);
        vm.expectEmit(address(avs));
        emit IFleekAutomator.OperatorDeregistered(leaving);
        leaveOperator(leaving);
        vm.assertFalse(avs.operatorInfo(leaving).registered, "deregistered");
        uint64 eff = latestEffectiveFrom();
        vm.assertEq(eff, T0 + 20, "boundary");
        // slot 30 is due at T0 + 40, after the change: assigned from the new set
        (address[] memory ops,) = avs.eligibleOperators(id, 30);
        for (uint256 i = 0; i < ops.length; i++) {
            vm.assertTrue(ops[i] != leaving, "gone from later slots");
        }
        // slot 0 is due now: the old set still serves it
        vm.assertEq(avs.operatorsAt(uint64(block.timestamp)).length, 4, "old set now");
    }

    function test_register_withoutAllocation_reverts() public {
        address op = vm.addr(0xB0B);
        vm.deal(op, 1 ether);
        vm.startPrank(op);
        core.registerAsOperator(address(0), 0, "");
        core.depositStake{value: 1 ether}(strategy);
        uint32[] memory ids = new uint32[](1);
        vm.expectRevert(abi.encodeWithSelector(IFleekAutomator.InsufficientStake.selector, op));
        core.registerForOperatorSets(op, IAllocationManager.RegisterParams(address(avs), ids, ""));
        vm.stopPrank();
    }

    function test_registrar_onlyAllocationManager_rightAvs_rightSet() public {
        uint32[] memory ids = new uint32[](1);
        vm.expectRevert(abi.encodeWithSelector(IFleekAutomator.NotAllocationManager.selector, address(this)));
        avs.registerOperator(address(1), address(avs), ids, "");
        vm.expectRevert(abi.encodeWithSelector(IFleekAutomator.NotAllocationManager.selector, address(this)));
        avs.deregisterOperator(address(1), address(avs), ids);
        vm.prank(address(core));
        vm.expectRevert(abi.encodeWithSelector(IFleekAutomator.WrongAVS.selector, address(2)));
        avs.registerOperator(address(1), address(2), ids, "");
        ids[0] = 1;
        vm.prank(address(core));
        vm.expectRevert(abi.encodeWithSelector(AutomatorStorage.UnknownOperatorSet.selector, 1));
        avs.registerOperator(address(1), address(avs), ids, "");
        vm.assertTrue(avs.supportsAVS(address(avs)), "supports itself");
        vm.assertFalse(avs.supportsAVS(address(2)), "only itself");
    }

    function test_removeUnstaked() public {
        address op = operatorAddrs[1];
        vm.expectRevert(
            abi.encodeWithSelector(IFleekAutomator.BadParams.selector, "operator still has slashable stake")
        );
        avs.removeUnstaked(op);
        vm.prank(op);
        allocate(op, 0);
        // the core keeps a deallocated magnitude slashable for DEALLOCATION_DELAY blocks
        vm.expectRevert(
            abi.encodeWithSelector(IFleekAutomator.BadParams.selector, "operator still has slashable stake")
        );
        avs.removeUnstaked(op);
        vm.roll(block.number + DEALLOCATION_DELAY + 1);
        vm.expectEmit(address(avs));
        emit IFleekAutomator.OperatorDeregistered(op);
        avs.removeUnstaked(op);
        vm.assertFalse(core.isMemberOfOperatorSet(op, operatorSet()), "deregistered from the core's set too");
        vm.assertFalse(avs.operatorInfo(op).registered, "the AVS knows");
        address[] memory next = avs.operatorsAt(latestEffectiveFrom());
        for (uint256 i = 0; i < next.length; i++) {
            vm.assertTrue(next[i] != op, "removed");
        }
        vm.assertEq(next.length, 3, "three left");
    }

    function test_initializeAVS_rules() public {
        vm.expectRevert(AutomatorStorage.AlreadyInitialized.selector);
        avs.initializeAVS("x", strategyList());
        FleekAutomator fresh = new FleekAutomator(address(this), IAllocationManager(address(core)), defaultParams());
        vm.expectRevert(AutomatorStorage.BadStrategies.selector);
        fresh.initializeAVS("x", new IStrategy[](0));
        IStrategy[] memory twice = new IStrategy[](2);
        twice[0] = strategy;
        twice[1] = strategy;
        vm.expectRevert(AutomatorStorage.BadStrategies.selector);
        fresh.initializeAVS("x", twice);
        vm.prank(address(0xBEEF));
        vm.expectRevert(abi.encodeWithSignature("OwnableUnauthorizedAccount(address)", address(0xBEEF)));
        fresh.initializeAVS("x", strategyList());
        fresh.initializeAVS("ipfs://meta", strategyList());
        vm.assertEq(keccak256(bytes(core.avsMetadataURI(address(fresh)))), keccak256("ipfs://meta"), "metadata");
        (bool exists, address slasher,) = core.getOperatorSet(operatorSet());
        vm.assertTrue(exists, "set exists");
        vm.assertEq(slasher, address(avs), "slasher is the AVS");
        vm.assertEq(address(core.getAVSRegistrar(address(avs))), address(avs), "registrar");
        fresh.updateMetadataURI("ipfs://meta2");
        vm.assertEq(
            keccak256(bytes(core.avsMetadataURI(address(fresh)))), keccak256("ipfs://meta2"), "metadata updated"
        );
    }

    function test_standIn_onlySlasherSlashes() public {
        IAllocationManager.SlashingParams memory sp = slashingParams(operatorAddrs[0], 1e17);
        vm.expectRevert(IAllocationManager.InvalidCaller.selector); // the real core's error for a non-slasher
        core.slashOperator(address(avs), sp);
        vm.prank(address(avs));
        core.slashOperator(address(avs), sp);
        address[] memory ops = new address[](1);
        ops[0] = operatorAddrs[0];
        vm.assertEq(core.getAllocatedStake(operatorSet(), ops, strategyList())[0][0], 9 ether, "10% slashed");
        vm.assertEq(core.shares(operatorAddrs[0], strategy), 9 ether, "shares slashed");
    }
}
