// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AutomatorFixture} from "./lib/AutomatorFixture.sol";
import {IFleekAutomator} from "../src/interfaces/IFleekAutomator.sol";
import {FleekAutomator} from "../src/FleekAutomator.sol";

/// @notice createTask, cancelTask and the task views: every rule and every revert.
contract TaskRegistryTest is AutomatorFixture {
    function _create(
        string memory url,
        bytes memory body,
        uint64 start,
        uint32 interval,
        uint32 count,
        uint32 tol,
        uint8 quorum,
        uint128 fee,
        uint256 value
    ) internal returns (uint256) {
        return avs.createTask{value: value}(
            url, IFleekAutomator.Method.GET, body, start, interval, count, tol, quorum, fee
        );
    }

    function test_createTask_storesEverything() public {
        uint64 start = uint64(block.timestamp + 100);
        vm.roll(77);
        vm.expectEmit(address(avs));
        emit IFleekAutomator.TaskCreated(
            1, address(this), URL, IFleekAutomator.Method.GET, "body", start, 10, 5, 3, 2, 7
        );
        uint256 id = _create(URL, "body", start, 10, 5, 3, 2, 7, 35);
        vm.assertEq(id, 1, "first id is 1");
        vm.assertEq(avs.taskCount(), 1, "count");
        IFleekAutomator.Task memory t = avs.getTask(id);
        vm.assertEq(t.owner, address(this), "owner");
        vm.assertEq(t.start, start, "start");
        vm.assertEq(t.interval, 10, "interval");
        vm.assertEq(t.count, 5, "count");
        vm.assertEq(t.tolerance, 3, "tolerance");
        vm.assertEq(t.quorum, 2, "quorum");
        vm.assertEq(t.feePerHit, 7, "fee");
        vm.assertEq(t.deposit, 35, "deposit");
        vm.assertEq(t.createdBlock, 77, "createdBlock");
        vm.assertEq(t.targetHash, keccak256(bytes(URL)), "targetHash");
        vm.assertEq(t.bodyHash, keccak256("body"), "bodyHash");
        vm.assertEq(address(avs).balance, 35, "balance");
        vm.assertEq(avs.slotTime(id, 4), start + 40, "slot time");
        (uint32 proven, uint32 missed, uint32 pending) = avs.progress(id);
        vm.assertEq(proven + missed, 0, "nothing resolved");
        vm.assertEq(pending, 5, "all pending");
        vm.assertEq(uint256(avs.slotState(id, 0)), uint256(IFleekAutomator.SlotState.Pending), "state");
    }

    function test_createTask_cashless() public {
        uint256 id = _create(URL, "", uint64(block.timestamp), 1, 3, 1, 1, 0, 0);
        vm.assertEq(avs.getTask(id).deposit, 0, "no deposit");
    }

    function test_createTask_startWithinToleranceOfNow() public {
        _create(URL, "", uint64(block.timestamp - 5), 1, 1, 5, 1, 0, 0);
        vm.expectRevert(
            abi.encodeWithSelector(
                IFleekAutomator.StartInPast.selector, uint64(block.timestamp - 6), uint64(block.timestamp)
            )
        );
        _create(URL, "", uint64(block.timestamp - 6), 1, 1, 5, 1, 0, 0);
    }

    function test_createTask_reverts() public {
        uint64 now_ = uint64(block.timestamp);
        vm.expectRevert(IFleekAutomator.ZeroInterval.selector);
        _create(URL, "", now_, 0, 1, 5, 1, 0, 0);
        vm.expectRevert(IFleekAutomator.ZeroCount.selector);
        _create(URL, "", now_, 1, 0, 5, 1, 0, 0);
        vm.expectRevert(IFleekAutomator.EmptyUrl.selector);
        _create("", "", now_, 1, 1, 5, 1, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(IFleekAutomator.UrlTooLong.selector, 2049, 2048));
        _create(string(new bytes(2049)), "", now_, 1, 1, 5, 1, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(IFleekAutomator.BodyTooLong.selector, 4097, 4096));
        _create(URL, new bytes(4097), now_, 1, 1, 5, 1, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(IFleekAutomator.ToleranceOutOfBounds.selector, 0, 1, 300));
        _create(URL, "", now_, 1, 1, 0, 1, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(IFleekAutomator.ToleranceOutOfBounds.selector, 301, 1, 300));
        _create(URL, "", now_, 1, 1, 301, 1, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(IFleekAutomator.BadQuorum.selector, 0, 2));
        _create(URL, "", now_, 1, 1, 5, 0, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(IFleekAutomator.BadQuorum.selector, 3, 2));
        _create(URL, "", now_, 1, 1, 5, 3, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(IFleekAutomator.DepositMismatch.selector, 29, 30));
        _create(URL, "", now_, 1, 3, 5, 1, 10, 29);
        vm.expectRevert(abi.encodeWithSelector(IFleekAutomator.DepositMismatch.selector, 31, 30));
        _create(URL, "", now_, 1, 3, 5, 1, 10, 31);
        vm.expectRevert(IFleekAutomator.ScheduleOverflow.selector);
        _create(URL, "", now_, type(uint32).max, type(uint32).max, 5, 1, 0, 0);
        vm.expectRevert(IFleekAutomator.ScheduleOverflow.selector);
        _create(URL, "", type(uint64).max, 1, 1, 5, 1, 0, 0);
    }

    function test_createTask_whenPaused_reverts() public {
        avs.pause();
        vm.expectRevert(abi.encodeWithSignature("EnforcedPause()"));
        createDefaultTask();
    }

    function test_views_unknownTaskAndSlot() public {
        vm.expectRevert(abi.encodeWithSelector(IFleekAutomator.UnknownTask.selector, 1));
        avs.getTask(1);
        vm.expectRevert(abi.encodeWithSelector(IFleekAutomator.UnknownTask.selector, 0));
        avs.progress(0);
        uint256 id = createDefaultTask();
        vm.expectRevert(abi.encodeWithSelector(IFleekAutomator.SlotOutOfRange.selector, id, 20));
        avs.slotState(id, 20);
        vm.expectRevert(abi.encodeWithSelector(IFleekAutomator.SlotOutOfRange.selector, id, 20));
        avs.slotTime(id, 20);
        vm.expectRevert(abi.encodeWithSelector(IFleekAutomator.SlotOutOfRange.selector, id, 20));
        avs.eligibleOperators(id, 20);
        vm.expectRevert(abi.encodeWithSelector(IFleekAutomator.SlotOutOfRange.selector, id, 20));
        avs.missDeadline(id, 20);
    }

    // ---------------------------------------------------------------- cancel

    function test_cancel_refundsSlotsNotYetDue() public {
        // slots at T0', +10, ..., +190; tolerance 5; cancel 12 s in: slots with T(k) > now + 6 are refunded
        uint256 id = createDefaultTask();
        uint256 start = block.timestamp;
        vm.warp(start + 12);
        uint256 before = address(this).balance;
        vm.expectEmit(address(avs));
        emit IFleekAutomator.TaskCancelled(id, 18 gwei); // slots 0 and 1 (T = +0, +10 <= +18) stay
        avs.cancelTask(id);
        vm.assertEq(address(this).balance - before, 18 gwei, "refund");
        IFleekAutomator.Task memory t = avs.getTask(id);
        vm.assertTrue(t.cancelled, "cancelled");
        vm.assertEq(t.deposit, 2 gwei, "due slots keep their fee");
        vm.assertEq(avs.servedSlots(id), 2, "served");
        (,, uint32 pending) = avs.progress(id);
        vm.assertEq(pending, 2, "pending counts served slots");
        vm.assertEq(address(avs).balance, 2 gwei, "balance");
    }

    function test_cancel_beforeStart_refundsAll() public {
        uint256 id = createTask(uint64(block.timestamp + 1000), 10, 20, 5, 1, 1 gwei);
        avs.cancelTask(id);
        vm.assertEq(avs.getTask(id).deposit, 0, "all refunded");
        vm.assertEq(avs.servedSlots(id), 0, "nothing served");
    }

    function test_cancel_afterEnd_refundsNothing() public {
        uint256 id = createDefaultTask();
        vm.warp(block.timestamp + 10_000);
        avs.cancelTask(id);
        vm.assertEq(avs.getTask(id).deposit, 20 gwei, "all slots were due");
        vm.assertEq(avs.servedSlots(id), 20, "all served");
    }

    function test_cancel_boundary_slotAtNowPlusTolerancePlusOneIsServed() public {
        uint256 id = createTask(uint64(block.timestamp + 6), 1, 3, 5, 1, 1);
        avs.cancelTask(id); // now + 5 + 1 = start: slot 0 may still be proven by a hit signed now
        vm.assertEq(avs.servedSlots(id), 1, "slot 0 served");
    }

    function test_cancel_reverts() public {
        vm.expectRevert(abi.encodeWithSelector(IFleekAutomator.UnknownTask.selector, 9));
        avs.cancelTask(9);
        uint256 id = createDefaultTask();
        vm.prank(address(0xBEEF));
        vm.expectRevert(abi.encodeWithSelector(IFleekAutomator.NotTaskOwner.selector, id, address(0xBEEF)));
        avs.cancelTask(id);
        avs.cancelTask(id);
        vm.expectRevert(abi.encodeWithSelector(IFleekAutomator.TaskAlreadyCancelled.selector, id));
        avs.cancelTask(id);
    }

    function test_cancel_refundToRejectingOwner_reverts() public {
        RejectingOwner owner = new RejectingOwner();
        vm.deal(address(owner), 1 ether);
        uint256 id = owner.create(avs);
        vm.expectRevert(abi.encodeWithSelector(IFleekAutomator.TransferFailed.selector, address(owner), 10));
        owner.cancel(avs, id);
    }
}

/// @notice A task owner that cannot receive ETH.
contract RejectingOwner {
    function create(FleekAutomator avs) external returns (uint256) {
        return avs.createTask{value: 10}(
            "https://x", IFleekAutomator.Method.GET, "", uint64(block.timestamp + 100), 1, 10, 1, 1, 1
        );
    }

    function cancel(FleekAutomator avs, uint256 id) external {
        avs.cancelTask(id);
    }
}
