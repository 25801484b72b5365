// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AutomatorFixture} from "./lib/AutomatorFixture.sol";
import {FleekAutomator} from "../src/FleekAutomator.sol";
import {IFleekAutomator} from "../src/interfaces/IFleekAutomator.sol";
import {IAllocationManager} from "../src/interfaces/eigenlayer/IAllocationManager.sol";

/// @dev Exposes the literal copies of keccak256 values that submitHits' assembly uses.
contract HitVerifierConstantsHarness is FleekAutomator {
    constructor(Params memory p) FleekAutomator(msg.sender, IAllocationManager(address(1)), p) {}

    function literals() external pure returns (bytes32 typeHash, bytes32 provenTopic, bytes32 rejectedTopic) {
        return (HIT_TYPEHASH_VALUE, HIT_PROVEN_TOPIC, HIT_REJECTED_TOPIC);
    }
}

/// @notice The assembly's literals equal the values Solidity derives from the type and events.
contract HitVerifierConstantsTest is AutomatorFixture {
    function test_literals_matchTypeHashAndEventSelectors() public {
        HitVerifierConstantsHarness h = new HitVerifierConstantsHarness(defaultParams());
        (bytes32 typeHash, bytes32 provenTopic, bytes32 rejectedTopic) = h.literals();
        vm.assertEq(typeHash, h.HIT_TYPEHASH(), "HIT_TYPEHASH_VALUE");
        vm.assertEq(provenTopic, IFleekAutomator.HitProven.selector, "HIT_PROVEN_TOPIC");
        vm.assertEq(rejectedTopic, IFleekAutomator.HitRejected.selector, "HIT_REJECTED_TOPIC");
    }
}
