// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AutomatorFixture} from "./lib/AutomatorFixture.sol";
import {IFleekAutomator} from "../src/interfaces/IFleekAutomator.sol";
import {IAllocationManager} from "../src/interfaces/eigenlayer/IAllocationManager.sol";
import {IPausable} from "../src/interfaces/eigenlayer/IPausable.sol";

/// @notice What the AVS does when the core refuses: slashing paused (the miss is recorded, the
/// bounty paid, the slash deferred and retried by anyone), an operator out of its slashable
/// window (the slash skipped with an event), and ejection or removal deregistering the operator
/// from the core's set (deferred while registration is paused).
contract CoreRefusalsTest is AutomatorFixture {
    uint256 internal constant SLASHING_PAUSED = 1 << 1;
    uint256 internal constant REGISTRATION_PAUSED = 1 << 2;

    /// @dev Two misses of `victim` reported on a new 1 s task; returns the task and the slot
    /// whose report ejects it.
    function _twoMisses(address victim) internal returns (uint256 id, uint32 third) {
        id = createTask(uint64(block.timestamp), 1, 200, 5, 1, 0);
        uint32[] memory slots = new uint32[](3);
        uint256 found;
        for (uint32 s = 0; s < 200 && found < 3; s++) {
            if (primaryOf(id, s) == victim) slots[found++] = s;
        }
        require(found == 3, "victim has three slots");
        vm.warp(block.timestamp + 1000);
        report(id, slots[0]);
        report(id, slots[1]);
        third = slots[2];
    }

    function test_slashingPaused_missRecorded_bountyPaid_slashDeferred() public {
        uint256 id = createDefaultTask();
        address primary = primaryOf(id, 0);
        vm.warp(block.timestamp + 1000);
        core.pause(SLASHING_PAUSED);
        vm.expectEmit(address(avs));
        emit IFleekAutomator.SlotMissed(id, 0, primary, REPORTER, 1 gwei);
        vm.expectEmit(address(avs));
        emit IFleekAutomator.SlashDeferred(primary, id, 0, IPausable.CurrentlyPaused.selector);
        report(id, 0);
        vm.assertEq(uint256(avs.slotState(id, 0)), uint256(IFleekAutomator.SlotState.Missed), "recorded");
        vm.assertEq(avs.owed(REPORTER), 1 gwei, "bounty paid");
        vm.assertEq(avs.operatorInfo(primary).misses, 1, "miss counted");
        vm.assertEq(stakeOf(primary), STAKE, "not slashed yet");
        (address op, uint64 wad) = avs.deferredSlash(id, 0);
        vm.assertEq(op, primary, "deferred for the primary");
        vm.assertEq(wad, 1e16, "with the wad of the report");

        bytes memory stillPaused = abi.encodeWithSelector(
            IFleekAutomator.SlashStillRefused.selector, id, uint32(0), IPausable.CurrentlyPaused.selector
        );
        vm.expectRevert(stillPaused);
        avs.retrySlash(id, 0);

        core.unpause(0);
        vm.expectEmit(address(avs));
        emit IFleekAutomator.OperatorSlashed(primary, 1, 1e16);
        vm.prank(address(0xCAFE)); // anyone
        avs.retrySlash(id, 0);
        vm.assertEq(stakeOf(primary), STAKE - STAKE / 100, "slashed once unpaused");
        (op,) = avs.deferredSlash(id, 0);
        vm.assertEq(op, address(0), "cleared");
        vm.expectRevert(abi.encodeWithSelector(IFleekAutomator.NoDeferredSlash.selector, id, uint32(0)));
        avs.retrySlash(id, 0); // once only
        vm.assertEq(stakeOf(primary), STAKE - STAKE / 100, "not twice");
    }

    function test_retrySlash_unknownSlot_reverts() public {
        uint256 id = createDefaultTask();
        vm.expectRevert(abi.encodeWithSelector(IFleekAutomator.NoDeferredSlash.selector, id, uint32(3)));
        avs.retrySlash(id, 3);
        vm.warp(block.timestamp + 1000);
        report(id, 3); // slashed at once: nothing deferred
        vm.expectRevert(abi.encodeWithSelector(IFleekAutomator.NoDeferredSlash.selector, id, uint32(3)));
        avs.retrySlash(id, 3);
    }

    function test_deferredSlash_droppedOnceOperatorUnslashable() public {
        uint256 id = createDefaultTask();
        address primary = primaryOf(id, 0);
        vm.warp(block.timestamp + 1000);
        core.pause(SLASHING_PAUSED);
        report(id, 0);
        leaveOperator(primary);
        vm.roll(block.number + DEALLOCATION_DELAY + 1);
        core.unpause(0);
        vm.expectEmit(address(avs));
        emit IFleekAutomator.SlashSkipped(primary, id, 0, IAllocationManager.OperatorNotSlashable.selector);
        avs.retrySlash(id, 0);
        (address op,) = avs.deferredSlash(id, 0);
        vm.assertEq(op, address(0), "dropped for good");
        vm.assertEq(stakeOf(primary), STAKE, "never slashed");
    }

    function test_unslashablePrimary_slashSkippedWithEvent() public {
        uint256 id = createDefaultTask();
        address primary = primaryOf(id, 0);
        leaveOperator(primary);
        vm.roll(block.number + DEALLOCATION_DELAY + 1);
        vm.warp(block.timestamp + 1000);
        vm.expectEmit(address(avs));
        emit IFleekAutomator.SlashSkipped(primary, id, 0, IAllocationManager.OperatorNotSlashable.selector);
        report(id, 0);
        vm.assertEq(avs.owed(REPORTER), 1 gwei, "bounty paid");
        (address op,) = avs.deferredSlash(id, 0);
        vm.assertEq(op, address(0), "nothing to retry");
    }

    function test_deregisteredPrimary_slashableDuringWindow() public {
        uint256 id = createDefaultTask();
        address primary = primaryOf(id, 0);
        leaveOperator(primary);
        vm.roll(block.number + DEALLOCATION_DELAY); // last slashable block
        vm.warp(block.timestamp + 1000);
        report(id, 0);
        vm.assertEq(stakeOf(primary), STAKE - STAKE / 100, "slashed inside the window");
    }

    /// @dev With slashing paused, no gas limit makes a report succeed without recording the
    /// deferral; without the pause, none makes it succeed without the slash (see PenaltiesTest).
    function test_slashingPaused_tooLittleGas_neverLosesTheSlash() public {
        uint256 id = createDefaultTask();
        vm.warp(block.timestamp + 1000);
        core.pause(SLASHING_PAUSED);
        uint256 succeeded;
        for (uint256 gasLimit = 50_000; gasLimit <= 1_000_000; gasLimit += 10_000) {
            uint256 snapshot = vm.snapshotState();
            vm.prank(REPORTER);
            (bool ok,) = address(avs).call{gas: gasLimit}(abi.encodeCall(avs.reportMissed, (id, 0)));
            if (ok) {
                succeeded++;
                (address op,) = avs.deferredSlash(id, 0);
                vm.assertTrue(op != address(0), "a recorded miss always keeps its slash");
            }
            vm.revertToState(snapshot);
        }
        vm.assertGe(succeeded, 1, "enough gas succeeds");
    }

    function test_tooLittleGasForTheSlash_clearError() public {
        uint256 id = createDefaultTask();
        vm.warp(block.timestamp + 1000);
        vm.prank(REPORTER);
        (bool ok, bytes memory ret) = address(avs).call{gas: 300_000}(abi.encodeCall(avs.reportMissed, (id, 0)));
        vm.assertFalse(ok, "refused");
        vm.assertEq(bytes4(ret), IFleekAutomator.InsufficientGasForCore.selector, "says why");
    }

    function test_ejection_deregistersFromTheCore() public {
        address victim = operatorAddrs[2];
        (uint256 id, uint32 third) = _twoMisses(victim);
        vm.assertTrue(core.isMemberOfOperatorSet(victim, operatorSet()), "still a member");
        vm.expectEmit(address(avs));
        emit IFleekAutomator.OperatorEjected(victim, 3);
        vm.expectEmit(address(avs));
        emit IFleekAutomator.OperatorDeregistered(victim);
        report(id, third);
        vm.assertFalse(core.isMemberOfOperatorSet(victim, operatorSet()), "left the core's set");
        vm.assertFalse(avs.operatorInfo(victim).registered, "deregistered");
        vm.assertTrue(avs.operatorInfo(victim).ejected, "ejected");
        vm.assertEq(stakeOf(victim), STAKE * 99 / 100 * 99 / 100 * 99 / 100, "slashed three times");
        vm.assertTrue(core.isOperatorSlashable(victim, operatorSet()), "slashable for the window");

        // it cannot come back: the core refuses during the window, the AVS after it
        uint32[] memory ids = new uint32[](1);
        vm.prank(victim);
        vm.expectRevert(IAllocationManager.AlreadyMemberOfSet.selector);
        core.registerForOperatorSets(victim, IAllocationManager.RegisterParams(address(avs), ids, ""));
        vm.roll(block.number + DEALLOCATION_DELAY + 1);
        vm.prank(victim);
        vm.expectRevert(abi.encodeWithSelector(IFleekAutomator.OperatorIsEjected.selector, victim));
        core.registerForOperatorSets(victim, IAllocationManager.RegisterParams(address(avs), ids, ""));
    }

    function test_ejection_whileRegistrationPaused_deferredThenRetried() public {
        address victim = operatorAddrs[1];
        (uint256 id, uint32 third) = _twoMisses(victim);
        core.pause(REGISTRATION_PAUSED);
        vm.expectEmit(address(avs));
        emit IFleekAutomator.CoreDeregistrationDeferred(victim, IPausable.CurrentlyPaused.selector);
        report(id, third);
        vm.assertTrue(avs.operatorInfo(victim).ejected, "ejected from the AVS's set all the same");
        vm.assertEq(avs.operatorsAt(latestEffectiveFrom()).length, 3, "out of the assignment");
        vm.assertTrue(core.isMemberOfOperatorSet(victim, operatorSet()), "the core still lists it");

        vm.expectEmit(address(avs)); // a retry while the core still refuses says so again
        emit IFleekAutomator.CoreDeregistrationDeferred(victim, IPausable.CurrentlyPaused.selector);
        avs.removeUnstaked(victim);
        core.unpause(0);
        vm.prank(address(0xCAFE)); // anyone
        avs.removeUnstaked(victim); // an ejected operator needs no unstaking to be removed
        vm.assertFalse(core.isMemberOfOperatorSet(victim, operatorSet()), "deregistered on retry");
        vm.assertFalse(avs.operatorInfo(victim).registered, "the AVS knows");
        vm.recordLogs();
        avs.removeUnstaked(victim); // idempotent: nothing left to do
        vm.assertEq(vm.getRecordedLogs().length, 0, "no-op");
    }

    function test_removeUnstaked_refusesStakedOperators() public {
        address op = operatorAddrs[0];
        vm.expectRevert(
            abi.encodeWithSelector(IFleekAutomator.BadParams.selector, "operator still has slashable stake")
        );
        avs.removeUnstaked(op);
    }

    function test_removeUnstaked_whileRegistrationPaused_deferred() public {
        address op = operatorAddrs[3];
        vm.prank(op);
        allocate(op, 0);
        vm.roll(block.number + DEALLOCATION_DELAY + 1);
        core.pause(REGISTRATION_PAUSED);
        vm.expectEmit(address(avs));
        emit IFleekAutomator.CoreDeregistrationDeferred(op, IPausable.CurrentlyPaused.selector);
        avs.removeUnstaked(op);
        vm.assertEq(avs.operatorsAt(latestEffectiveFrom()).length, 3, "removed from the assignment");
        core.unpause(0);
        avs.removeUnstaked(op);
        vm.assertFalse(core.isMemberOfOperatorSet(op, operatorSet()), "deregistered on retry");
    }
}
