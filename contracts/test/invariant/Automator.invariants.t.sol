// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AutomatorFixture} from "../lib/AutomatorFixture.sol";
import {AutomatorHandler} from "./AutomatorHandler.sol";
import {IFleekAutomator} from "../../src/interfaces/IFleekAutomator.sol";
import {OperatorSetSchedule} from "../../src/lib/OperatorSetSchedule.sol";

/// @notice Invariants of the AVS under random sequences of {AutomatorHandler} actions: money is
/// fully backed, a slot is proven at most once, a proven slot is never penalized, task counters
/// add up, and the scheduled operator set is exactly the staked, registered, non-ejected operators.
contract AutomatorInvariantsTest is AutomatorFixture {
    /// @dev Layout forge expects from `targetSelectors()`.
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    AutomatorHandler internal handler;

    function setUp() public override {
        super.setUp();
        handler = new AutomatorHandler(avs, core, strategy, signerKeys, operatorKeys);
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    function targetSelectors() public view returns (FuzzSelector[] memory targets) {
        bytes4[] memory s = new bytes4[](10);
        s[0] = AutomatorHandler.createTask.selector;
        s[1] = AutomatorHandler.submitHit.selector;
        s[2] = AutomatorHandler.submitHit.selector; // hits are the main traffic
        s[3] = AutomatorHandler.reportMissed.selector;
        s[4] = AutomatorHandler.warp.selector;
        s[5] = AutomatorHandler.cancelTask.selector;
        s[6] = AutomatorHandler.withdraw.selector;
        s[7] = AutomatorHandler.joinOperator.selector;
        s[8] = AutomatorHandler.leaveOperator.selector;
        s[9] = AutomatorHandler.deallocate.selector;
        targets = new FuzzSelector[](1);
        targets[0] = FuzzSelector(address(handler), s);
    }

    function invariant_balanceEqualsDepositsPlusOwed() public view {
        address[] memory accounts = new address[](handler.accountCount());
        for (uint256 i = 0; i < accounts.length; i++) {
            accounts[i] = handler.accounts(i);
        }
        vm.assertEq(address(avs).balance, liabilities(accounts), "balance == deposits + owed");
    }

    function invariant_slotProvenAtMostOnce() public view {
        vm.assertEq(handler.provenTwice(), 0, "a slot was accepted twice");
    }

    function invariant_provenSlotNeverPenalized() public view {
        vm.assertEq(handler.provenSlotPenalized(), 0, "a proven slot was reported missed");
    }

    function invariant_taskCountersAddUp() public view {
        uint256 n = avs.taskCount();
        for (uint256 id = 1; id <= n; id++) {
            IFleekAutomator.Task memory t = avs.getTask(id);
            uint256 served = avs.servedSlots(id);
            vm.assertLe(uint256(t.proven) + t.missed, served, "resolved <= served");
            vm.assertEq(t.deposit, uint256(t.feePerHit) * (served - t.proven - t.missed), "deposit pays the open slots");
        }
    }

    function invariant_scheduledSetIsTheStakedOperators() public view {
        OperatorSetSchedule.Entry[] memory history = avs.operatorSetHistory();
        address[] memory scheduled = history[history.length - 1].operators;
        uint256 expected;
        for (uint256 i = 0; i < handler.operatorCount(); i++) {
            address op = handler.operators(i);
            IFleekAutomator.OperatorInfo memory info = avs.operatorInfo(op);
            address[] memory one = new address[](1);
            one[0] = op;
            bool staked =
                core.getMinimumSlashableStake(operatorSet(), one, strategyList(), uint32(block.number))[0][0] > 0;
            bool eligible = info.registered && !info.ejected && staked;
            bool present;
            for (uint256 j = 0; j < scheduled.length; j++) {
                if (scheduled[j] == op) present = true;
            }
            vm.assertEq(present, eligible, "in the set iff registered, not ejected and staked");
            if (eligible) expected++;
        }
        vm.assertEq(scheduled.length, expected, "no one else in the set");
        for (uint256 j = 1; j < scheduled.length; j++) {
            vm.assertTrue(scheduled[j - 1] < scheduled[j], "sorted");
        }
    }
}
