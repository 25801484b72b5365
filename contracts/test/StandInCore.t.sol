// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AutomatorFixture} from "./lib/AutomatorFixture.sol";
import {IFleekAutomator} from "../src/interfaces/IFleekAutomator.sol";
import {IAllocationManager} from "../src/interfaces/eigenlayer/IAllocationManager.sol";
import {IDelegationManager} from "../src/interfaces/eigenlayer/IDelegationManager.sol";
import {IPausable} from "../src/interfaces/eigenlayer/IPausable.sol";

/// @notice The stand-in core behaves as the real one where the AVS or an operator can see it:
/// allocation delay, deallocation delay, the slashable window after deregistration, pause bits,
/// and the real error names.
contract StandInCoreTest is AutomatorFixture {
    address internal newcomer;

    function setUp() public override {
        super.setUp();
        newcomer = vm.addr(0xB0B);
        vm.deal(newcomer, 1 ether);
    }

    function _stake(address op, uint32 futureBlock) internal view returns (uint256) {
        address[] memory ops = new address[](1);
        ops[0] = op;
        return core.getMinimumSlashableStake(operatorSet(), ops, strategyList(), futureBlock)[0][0];
    }

    function _register(address op) internal {
        uint32[] memory ids = new uint32[](1);
        vm.prank(op);
        core.registerForOperatorSets(op, IAllocationManager.RegisterParams(address(avs), ids, ""));
    }

    function test_allocationDelay_stakeSlashableOnlyAtEffectBlock() public {
        vm.startPrank(newcomer);
        core.registerAsOperator(address(0), 5, "");
        core.depositStake{value: 1 ether}(strategy);
        allocate(newcomer, 1e18);
        vm.stopPrank();
        IAllocationManager.Allocation memory a = core.getAllocation(newcomer, operatorSet(), strategy);
        vm.assertEq(a.effectBlock, block.number + 5, "effect block");
        vm.assertEq(a.currentMagnitude, 0, "not effective yet");
        uint32[] memory ids = new uint32[](1);
        vm.prank(newcomer);
        vm.expectRevert(abi.encodeWithSelector(IFleekAutomator.InsufficientStake.selector, newcomer));
        core.registerForOperatorSets(newcomer, IAllocationManager.RegisterParams(address(avs), ids, ""));
        vm.roll(block.number + 5);
        vm.assertEq(core.getAllocation(newcomer, operatorSet(), strategy).currentMagnitude, 1e18, "effective");
        _register(newcomer);
        vm.assertTrue(avs.operatorInfo(newcomer).registered, "registered once effective");
    }

    function test_allocationDelayChange_waitsConfigurationDelay() public {
        vm.startPrank(newcomer);
        core.registerAsOperator(address(0), 0, "");
        core.setAllocationDelay(newcomer, 7);
        vm.stopPrank();
        (bool isSet, uint32 delay) = core.getAllocationDelay(newcomer);
        vm.assertTrue(isSet, "set at registration");
        vm.assertEq(delay, 0, "old delay until the configuration delay passes");
        vm.roll(block.number + ALLOCATION_CONFIGURATION_DELAY + 1);
        (, delay) = core.getAllocationDelay(newcomer);
        vm.assertEq(delay, 7, "new delay");
    }

    function test_deallocation_staysSlashableForDelay() public {
        address op = operatorAddrs[0];
        vm.prank(op);
        allocate(op, 0);
        vm.assertEq(_stake(op, uint32(block.number)), STAKE, "still slashable now");
        uint32 effect = uint32(block.number) + DEALLOCATION_DELAY + 1;
        vm.assertEq(core.getAllocation(op, operatorSet(), strategy).effectBlock, effect, "effect block");
        vm.assertEq(_stake(op, effect), 0, "minimum slashable stake looks ahead");
        vm.prank(op);
        vm.expectRevert(IAllocationManager.ModificationAlreadyPending.selector);
        allocate(op, 1e18);
        vm.roll(effect);
        vm.assertEq(_stake(op, uint32(block.number)), 0, "gone after the delay");
        vm.assertEq(core.getAllocatableMagnitude(op, strategy), 1e18, "magnitude free again");
        vm.prank(op);
        allocate(op, 5e17); // the queue is cleared on the next change
        vm.assertEq(core.getEncumberedMagnitude(op, strategy), 5e17, "re-allocated");
    }

    function test_slashDuringDeallocation_shrinksThePendingPart() public {
        address op = operatorAddrs[0];
        vm.prank(op);
        allocate(op, 5e17);
        vm.prank(address(avs));
        core.slashOperator(address(avs), slashingParams(op, 1e17));
        IAllocationManager.Allocation memory a = core.getAllocation(op, operatorSet(), strategy);
        vm.assertEq(a.currentMagnitude, 9e17, "10% of the current magnitude");
        vm.assertEq(uint256(int256(-a.pendingDiff)), 45e16, "10% of the pending deallocation");
        vm.roll(block.number + DEALLOCATION_DELAY + 1);
        vm.assertEq(core.getAllocation(op, operatorSet(), strategy).currentMagnitude, 45e16, "half of what is left");
        vm.assertEq(core.getMaxMagnitude(op, strategy), 9e17, "max magnitude slashed");
    }

    function test_deregistration_slashableWindow_noReRegistrationMeanwhile() public {
        address op = operatorAddrs[0];
        leaveOperator(op);
        vm.assertFalse(core.isMemberOfOperatorSet(op, operatorSet()), "not a member");
        vm.roll(block.number + DEALLOCATION_DELAY);
        vm.assertTrue(core.isOperatorSlashable(op, operatorSet()), "slashable to the last block");
        uint32[] memory ids = new uint32[](1);
        vm.prank(op);
        vm.expectRevert(IAllocationManager.AlreadyMemberOfSet.selector);
        core.registerForOperatorSets(op, IAllocationManager.RegisterParams(address(avs), ids, ""));
        vm.roll(block.number + 1);
        vm.assertFalse(core.isOperatorSlashable(op, operatorSet()), "window over");
        vm.assertEq(_stake(op, uint32(block.number)), 0, "no slashable stake");
        _register(op); // allowed again
        vm.assertTrue(avs.operatorInfo(op).registered, "back");
    }

    function test_pauseBits_realErrors() public {
        vm.prank(address(0xBEEF));
        vm.expectRevert(IPausable.OnlyPauser.selector);
        core.pause(2);
        core.pause(2 | 4);
        vm.assertTrue(core.paused(1) && core.paused(2) && !core.paused(0), "bits");
        vm.expectRevert(IPausable.InvalidNewPausedStatus.selector);
        core.pause(2); // pause may only add bits
        vm.expectRevert(IPausable.InvalidNewPausedStatus.selector);
        core.unpause(1 | 2 | 4); // unpause may only clear bits
        IAllocationManager.SlashingParams memory sp = slashingParams(operatorAddrs[0], 1e16);
        vm.prank(address(avs));
        vm.expectRevert(IPausable.CurrentlyPaused.selector);
        core.slashOperator(address(avs), sp);
        vm.expectRevert(IPausable.CurrentlyPaused.selector);
        leaveOperator(operatorAddrs[0]);
        core.unpause(0);
        vm.assertEq(core.paused(), 0, "unpaused");
        leaveOperator(operatorAddrs[0]);
    }

    function test_realErrorNames() public {
        vm.prank(newcomer);
        vm.expectRevert(IAllocationManager.UninitializedAllocationDelay.selector);
        allocate(newcomer, 1e18);
        vm.prank(newcomer);
        vm.expectRevert(IAllocationManager.InvalidOperator.selector);
        core.depositStake{value: 1}(strategy);
        vm.startPrank(newcomer);
        core.registerAsOperator(address(0), 0, "");
        vm.expectRevert(IDelegationManager.ActivelyDelegated.selector);
        core.registerAsOperator(address(0), 0, "");
        vm.expectRevert(IAllocationManager.InsufficientMagnitude.selector);
        allocate(newcomer, 1e18 + 1);
        allocate(newcomer, 1e18);
        vm.expectRevert(IAllocationManager.SameMagnitude.selector);
        allocate(newcomer, 1e18);
        vm.stopPrank();
        vm.expectRevert(IAllocationManager.NotMemberOfSet.selector);
        vm.prank(newcomer);
        core.deregisterFromOperatorSets(IAllocationManager.DeregisterParams(newcomer, address(avs), new uint32[](1)));
        vm.expectRevert(IAllocationManager.InvalidCaller.selector);
        core.deregisterFromOperatorSets(
            IAllocationManager.DeregisterParams(operatorAddrs[0], address(avs), new uint32[](1))
        );
        vm.assertEq(core.operatorShares(operatorAddrs[0], strategy), STAKE, "operatorShares");
    }
}
