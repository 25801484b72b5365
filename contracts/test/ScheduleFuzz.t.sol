// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AutomatorFixture} from "./lib/AutomatorFixture.sol";
import {IFleekAutomator} from "../src/interfaces/IFleekAutomator.sol";
import {SlotAssignment} from "../src/lib/SlotAssignment.sol";

/// @notice Fuzz tests of the schedule math, the assignment rule, the time window, the epoch
/// schedule of set changes and the cancellation refund.
contract ScheduleFuzzTest is AutomatorFixture {
    function _bound(uint256 x, uint256 lo, uint256 hi) internal pure returns (uint256) {
        return lo + x % (hi - lo + 1);
    }

    function testFuzz_slotTimeAndDeadline(uint64 startOffset, uint32 interval, uint32 count, uint32 tol, uint32 slot)
        public
    {
        interval = uint32(_bound(interval, 1, type(uint32).max));
        count = uint32(_bound(count, 1, 1_000_000));
        tol = uint32(_bound(tol, 1, 300));
        uint64 start = uint64(block.timestamp + _bound(startOffset, 0, 1e12));
        slot = uint32(_bound(slot, 0, count - 1));
        uint256 id = createTask(start, interval, count, tol, 1, 0);
        uint256 due = uint256(start) + uint256(slot) * interval;
        vm.assertEq(avs.slotTime(id, slot), due, "T(k) = start + k * interval");
        vm.assertEq(avs.missDeadline(id, slot), due + 4 + tol + 60, "deadline");
        (, uint64[] memory earliest) = avs.eligibleOperators(id, slot);
        for (uint256 r = 0; r < earliest.length; r++) {
            vm.assertEq(earliest[r], due + r * 4, "earliest");
        }
    }

    function testFuzz_assignmentRule(uint256 taskId, uint32 slot, uint8 nSeed, uint8 rSeed) public pure {
        uint256 n = _bound(nSeed, 1, 64);
        uint256 redundancy = _bound(rSeed, 1, 8);
        uint256 h = uint256(keccak256(abi.encode(taskId, uint256(slot))));
        vm.assertEq(SlotAssignment.slotHash(taskId, slot), h, "h");
        uint256 m = SlotAssignment.positions(redundancy, n);
        vm.assertEq(m, redundancy < n ? redundancy : n, "min(R, n)");
        for (uint256 r = 0; r < m; r++) {
            uint256 index = SlotAssignment.indexAt(h, r, n);
            vm.assertEq(index, (h % n + r) % n, "O[(h + r) % n]");
            vm.assertEq(SlotAssignment.positionOf(h, index, n), r, "inverse");
            for (uint256 q = 0; q < r; q++) {
                vm.assertTrue(SlotAssignment.indexAt(h, q, n) != index, "distinct");
            }
        }
    }

    function testFuzz_eligibleOperatorsFollowTheRule(uint32 slot) public {
        uint256 id = createTask(uint64(block.timestamp), 1, type(uint32).max, 5, 1, 0);
        slot = slot % type(uint32).max; // < count
        (address[] memory ops,) = avs.eligibleOperators(id, slot);
        address[] memory set = avs.operatorsAt(avs.slotTime(id, slot));
        uint256 h = uint256(keccak256(abi.encode(id, uint256(slot))));
        vm.assertEq(ops.length, 2, "R = 2 of 4");
        for (uint256 r = 0; r < ops.length; r++) {
            vm.assertEq(ops[r], set[(h + r) % set.length], "rule");
        }
    }

    function testFuzz_timeWindow(int64 offsetMs, uint32 tol) public {
        tol = uint32(_bound(tol, 1, 300));
        int256 off = int256(offsetMs) % (int256(uint256(tol)) * 3000);
        uint256 id = createTask(uint64(block.timestamp + 1000), 10, 2, tol, 1, 0);
        uint64 due = avs.slotTime(id, 0);
        vm.warp(due + 3 * tol + 2); // no hit is from the future
        address op = primaryOf(id, 0);
        uint64 hitMs = uint64(int64(int256(uint256(due) * 1000) + off));
        uint256 accepted = submitOne(op, signHit(id, 0, op, hitMs, 200, bytes32(0), 1));
        bool inside = (off < 0 ? -off : off) <= int256(uint256(tol)) * 1000;
        vm.assertEq(accepted, inside ? 1 : 0, "accepted iff |hitTimeMs - T| <= tolerance");
    }

    function testFuzz_setChangeAtEpochBoundary(uint32 wait) public {
        vm.warp(block.timestamp + _bound(wait, 0, 1e9));
        joinOperator(vm.addr(0xB0B), 1 ether);
        uint256 eff = latestEffectiveFrom();
        vm.assertEq(eff % 10, 0, "an epoch boundary");
        vm.assertGe(eff, block.timestamp + 5, "at least activationDelay away");
        vm.assertLe(eff, block.timestamp + 5 + 9, "the first such boundary");
        vm.assertEq(avs.operatorsAt(uint64(eff - 1)).length, 4, "old set before");
        vm.assertEq(avs.operatorsAt(uint64(eff)).length, 5, "new set from");
    }

    function testFuzz_cancelRefund(uint32 wait, uint32 interval, uint32 tol, uint32 count) public {
        interval = uint32(_bound(interval, 1, 100));
        tol = uint32(_bound(tol, 1, 300));
        count = uint32(_bound(count, 1, 500));
        uint256 start = block.timestamp + 50;
        uint256 id = createTask(uint64(start), interval, count, tol, 1, 3);
        vm.warp(block.timestamp + _bound(wait, 0, 100_000));
        uint256 before = address(this).balance;
        avs.cancelTask(id);
        uint256 served = avs.servedSlots(id);
        uint256 lastServed = block.timestamp + tol + 1;
        for (uint256 k = 0; k < count; k++) {
            bool due = start + k * interval <= lastServed;
            vm.assertEq(k < served, due, "served = slots due by now + tolerance + 1");
            if (k > served + 2) break;
        }
        vm.assertEq(address(this).balance - before, 3 * (count - served), "refund");
        vm.assertEq(avs.getTask(id).deposit, 3 * served, "rest stays for due slots");
    }
}
