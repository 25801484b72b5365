// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AutomatorFixture} from "./lib/AutomatorFixture.sol";
import {IFleekAutomator} from "../src/interfaces/IFleekAutomator.sol";
import {AutomatorStorage} from "../src/automator/AutomatorStorage.sol";
import {FleekAutomator} from "../src/FleekAutomator.sol";
import {IAllocationManager} from "../src/interfaces/eigenlayer/IAllocationManager.sol";

/// @notice reportMissed: deadline, slashing through the core, bounty, misses and ejection.
contract PenaltiesTest is AutomatorFixture {
    function test_missDeadline_includesBackupWindows() public {
        uint256 id = createDefaultTask();
        // T + (R-1)·failoverDelay + tolerance + submitWindow = T + 4 + 5 + 60
        vm.assertEq(avs.missDeadline(id, 3), avs.slotTime(id, 3) + 69, "deadline");
    }

    function test_reportMissed_slashesPrimary_paysBounty() public {
        uint256 id = createDefaultTask();
        address primary = primaryOf(id, 0);
        uint64 deadline = avs.missDeadline(id, 0);
        vm.warp(deadline);
        vm.expectRevert(abi.encodeWithSelector(IFleekAutomator.DeadlineNotReached.selector, id, 0, deadline));
        report(id, 0);
        vm.warp(deadline + 1);
        vm.expectEmit(address(avs));
        emit IFleekAutomator.SlotMissed(id, 0, primary, REPORTER, 1 gwei);
        vm.expectEmit(address(avs));
        emit IFleekAutomator.OperatorSlashed(primary, 1, 1e16);
        report(id, 0);
        vm.assertEq(uint256(avs.slotState(id, 0)), uint256(IFleekAutomator.SlotState.Missed), "missed");
        vm.assertEq(avs.owed(REPORTER), 1 gwei, "bounty");
        IFleekAutomator.Task memory t = avs.getTask(id);
        vm.assertEq(t.missed, 1, "task.missed");
        vm.assertEq(t.deposit, 19 gwei, "deposit");
        vm.assertEq(avs.operatorInfo(primary).misses, 1, "misses");
        vm.assertEq(stakeOf(primary), STAKE - STAKE / 100, "1% slashed for real");
        (, uint32 missed, uint32 pending) = avs.progress(id);
        vm.assertEq(missed, 1, "progress missed");
        vm.assertEq(pending, 19, "progress pending");
    }

    function test_reportMissed_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IFleekAutomator.UnknownTask.selector, 5));
        avs.reportMissed(5, 0);
        uint256 id = createDefaultTask();
        vm.expectRevert(abi.encodeWithSelector(IFleekAutomator.SlotOutOfRange.selector, id, 20));
        avs.reportMissed(id, 20);
        (address op, IFleekAutomator.SignedHit memory h) = primaryHit(id, 0);
        submitOne(op, h);
        vm.warp(block.timestamp + 1000);
        vm.expectRevert(abi.encodeWithSelector(IFleekAutomator.SlotAlreadyResolved.selector, id, 0));
        report(id, 0); // a proven slot is never penalized
        report(id, 1);
        vm.expectRevert(abi.encodeWithSelector(IFleekAutomator.SlotAlreadyResolved.selector, id, 1));
        report(id, 1); // once only
        avs.pause();
        vm.expectRevert(abi.encodeWithSignature("EnforcedPause()"));
        report(id, 2);
    }

    function test_reportMissed_cancelledSlot_reverts() public {
        uint256 id = createDefaultTask();
        avs.cancelTask(id);
        vm.warp(block.timestamp + 1000);
        vm.expectRevert(abi.encodeWithSelector(AutomatorStorage.SlotCancelled.selector, id, 1));
        report(id, 1);
        report(id, 0); // due before the cancellation: still served, still enforced
    }

    function test_reportMissed_noOperators_reverts() public {
        avs = new FleekAutomator(address(this), IAllocationManager(address(core)), defaultParams());
        avs.initializeAVS("https://example.com/avs.json", strategyList());
        avs.addProxySigner(signerAddrs[0]);
        uint256 id = createDefaultTask();
        vm.warp(block.timestamp + 1000);
        vm.expectRevert(abi.encodeWithSelector(IFleekAutomator.NoOperators.selector, avs.slotTime(id, 0)));
        report(id, 0);
    }

    function test_ejection_afterMaxMisses() public {
        uint256 id = createTask(uint64(block.timestamp), 1, 200, 5, 1, 0);
        address victim = operatorAddrs[2];
        uint32[] memory slots = new uint32[](3);
        uint256 found;
        for (uint32 s = 0; s < 200 && found < 3; s++) {
            if (primaryOf(id, s) == victim) slots[found++] = s;
        }
        vm.warp(block.timestamp + 1000);
        report(id, slots[0]);
        report(id, slots[1]);
        vm.assertFalse(avs.operatorInfo(victim).ejected, "not yet");
        vm.expectEmit(address(avs));
        emit IFleekAutomator.OperatorEjected(victim, 3);
        report(id, slots[2]);
        vm.assertTrue(avs.operatorInfo(victim).ejected, "ejected");
        address[] memory next = avs.operatorsAt(latestEffectiveFrom());
        vm.assertEq(next.length, 3, "left the assignment set");
        for (uint256 i = 0; i < next.length; i++) {
            vm.assertTrue(next[i] != victim, "victim gone");
        }
        vm.assertEq(stakeOf(victim), STAKE * 99 / 100 * 99 / 100 * 99 / 100, "slashed three times");
    }

    /// @dev A reporter must not be able to starve the slash of gas and still collect the bounty.
    function test_reportMissed_withTooLittleGas_neverSkipsTheSlash() public {
        uint256 id = createDefaultTask();
        address primary = primaryOf(id, 0);
        vm.warp(block.timestamp + 1000);
        uint256 succeeded;
        for (uint256 gasLimit = 50_000; gasLimit <= 1_000_000; gasLimit += 5_000) {
            uint256 snapshot = vm.snapshotState();
            vm.prank(REPORTER);
            (bool ok,) = address(avs).call{gas: gasLimit}(abi.encodeCall(avs.reportMissed, (id, 0)));
            if (ok) {
                succeeded++;
                vm.assertEq(stakeOf(primary), STAKE - STAKE / 100, "a recorded miss is always slashed");
            }
            vm.revertToState(snapshot);
        }
        vm.assertGe(succeeded, 1, "enough gas succeeds");
    }

    function test_slashRefusedByCore_reportStillRecorded() public {
        uint256 id = createDefaultTask();
        address primary = primaryOf(id, 0);
        leaveOperator(primary);
        vm.roll(block.number + DEALLOCATION_DELAY + 1); // past its slashable window: the core refuses
        vm.warp(block.timestamp + 1000);
        vm.recordLogs();
        report(id, 0);
        vm.assertEq(uint256(avs.slotState(id, 0)), uint256(IFleekAutomator.SlotState.Missed), "recorded");
        vm.assertEq(avs.owed(REPORTER), 1 gwei, "bounty paid");
        vm.assertEq(stakeOf(primary), STAKE, "not slashed");
    }

    function test_zeroSlashWad_noSlash() public {
        IFleekAutomator.Params memory p = defaultParams();
        p.slashWad = 0;
        avs.setParams(p);
        uint256 id = createDefaultTask();
        address primary = primaryOf(id, 0);
        vm.warp(block.timestamp + 1000);
        report(id, 0);
        vm.assertEq(stakeOf(primary), STAKE, "no slash");
        vm.assertEq(avs.operatorInfo(primary).misses, 1, "miss still counted");
    }
}
