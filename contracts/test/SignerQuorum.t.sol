// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AutomatorFixture} from "./lib/AutomatorFixture.sol";
import {IFleekAutomator} from "../src/interfaces/IFleekAutomator.sol";

/// @notice The owner cannot remove proxy signers below the quorum of a live task (issue 11,
/// finding 6): every later slot of the task would be unprovable and its honest primary slashed.
contract SignerQuorumTest is AutomatorFixture {
    function test_removal_belowLiveQuorum_refused_untilLastSlotDeadline() public {
        uint256 id = createTask(uint64(block.timestamp), 10, 20, 5, 2, 1 gwei); // both signers needed
        uint64 until = avs.missDeadline(id, 19);
        vm.assertEq(avs.quorumNeededUntil(2), until, "needed until the last slot's miss deadline");
        vm.expectRevert(abi.encodeWithSelector(IFleekAutomator.SignersNeededByLiveTask.selector, uint8(2), until));
        avs.removeProxySigner(signerAddrs[0]);

        avs.rotateProxySigner(signerAddrs[0], address(0x5163)); // a rotation keeps the count: allowed
        vm.assertEq(avs.proxySigners().length, 2, "two signers");

        vm.warp(until);
        vm.expectRevert(abi.encodeWithSelector(IFleekAutomator.SignersNeededByLiveTask.selector, uint8(2), until));
        avs.removeProxySigner(signerAddrs[1]);
        vm.warp(uint256(until) + 1);
        avs.removeProxySigner(signerAddrs[1]); // the task cannot be penalized any more
        vm.assertEq(avs.proxySigners().length, 1, "one left");
    }

    function test_removal_keepingQuorum_allowed() public {
        createTask(uint64(block.timestamp), 10, 20, 5, 1, 1 gwei);
        avs.removeProxySigner(signerAddrs[0]); // 2 -> 1 signer, the task needs 1
        vm.expectRevert(
            abi.encodeWithSelector(IFleekAutomator.SignersNeededByLiveTask.selector, uint8(1), avs.quorumNeededUntil(1))
        );
        avs.removeProxySigner(signerAddrs[1]);
    }

    function test_removal_withSpareSigner_allowed() public {
        createTask(uint64(block.timestamp), 10, 20, 5, 2, 0);
        avs.addProxySigner(address(0x5164));
        avs.removeProxySigner(address(0x5164)); // 3 -> 2: quorum 2 still met
        vm.expectRevert(
            abi.encodeWithSelector(IFleekAutomator.SignersNeededByLiveTask.selector, uint8(2), avs.quorumNeededUntil(2))
        );
        avs.removeProxySigner(signerAddrs[0]);
    }

    function test_latestTaskOfAQuorumCounts() public {
        uint256 a = createTask(uint64(block.timestamp), 10, 100, 5, 2, 0);
        createTask(uint64(block.timestamp), 10, 3, 5, 2, 0); // ends earlier: does not shorten it
        vm.assertEq(avs.quorumNeededUntil(2), avs.missDeadline(a, 99), "the longest task");
        vm.assertEq(avs.quorumNeededUntil(3), 0, "no task with quorum 3");
    }

    function test_unknownSigner_stillSignerUnknown() public {
        createTask(uint64(block.timestamp), 10, 20, 5, 2, 0);
        vm.expectRevert(abi.encodeWithSelector(IFleekAutomator.SignerUnknown.selector, address(0x5165)));
        avs.removeProxySigner(address(0x5165));
    }
}
