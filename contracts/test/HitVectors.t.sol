// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {TestBase} from "./lib/Vm.sol";
import {FleekAutomator} from "../src/FleekAutomator.sol";
import {IFleekAutomator} from "../src/interfaces/IFleekAutomator.sol";
import {IAllocationManager} from "../src/interfaces/eigenlayer/IAllocationManager.sol";
import {SlotAssignment} from "../src/lib/SlotAssignment.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @notice Checks the contract's EIP-712 hashing, signature recovery and slot assignment
/// against tests/vectors/hit_vectors.json, the vectors the C++ node and the proxy check too.
contract HitVectorsTest is TestBase {
    string internal json;

    function setUp() public {
        json = vm.readFile(string.concat(vm.projectRoot(), "/../tests/vectors/hit_vectors.json"));
    }

    function _key(uint256 i, string memory field) internal pure returns (string memory) {
        return string.concat(".hits[", vm.toString(i), "].", field);
    }

    function _hit(uint256 i) internal view returns (IFleekAutomator.Hit memory h) {
        h.taskId = vm.parseJsonUint(json, _key(i, "hit.taskId"));
        h.slot = uint32(vm.parseJsonUint(json, _key(i, "hit.slot")));
        h.operator = vm.parseJsonAddress(json, _key(i, "hit.operator"));
        h.hitTimeMs = uint64(vm.parseJsonUint(json, _key(i, "hit.hitTimeMs")));
        h.status = uint16(vm.parseJsonUint(json, _key(i, "hit.status")));
        h.responseHash = vm.parseJsonBytes32(json, _key(i, "hit.responseHash"));
    }

    function test_hitVectors_hashAndRecover() public {
        uint256 count = vm.parseJsonUint(json, ".hitCount");
        vm.assertGe(count, 6, "vector count");
        // The contract at the vectors' verifyingContract: the EIP-712 domain follows the code's
        // address and chain id, so a copy of the runtime code there answers for that domain.
        FleekAutomator deployed = new FleekAutomator(address(this), IAllocationManager(address(1)), _params());
        for (uint256 i = 0; i < count; i++) {
            address verifying = vm.parseJsonAddress(json, _key(i, "domain.verifyingContract"));
            vm.etch(verifying, address(deployed).code);
            vm.chainId(vm.parseJsonUint(json, _key(i, "domain.chainId")));
            FleekAutomator avs = FleekAutomator(verifying);
            string memory name = vm.parseJsonString(json, _key(i, "name"));

            vm.assertEq(avs.HIT_TYPEHASH(), vm.parseJsonBytes32(json, _key(i, "typeHash")), name);
            vm.assertEq(avs.domainSeparator(), vm.parseJsonBytes32(json, _key(i, "domainSeparator")), name);
            bytes32 digest = avs.hitDigest(_hit(i));
            vm.assertEq(digest, vm.parseJsonBytes32(json, _key(i, "digest")), name);

            address signer = vm.parseJsonAddress(json, _key(i, "signer"));
            vm.assertEq(vm.addr(vm.parseJsonUint(json, _key(i, "signerKey"))), signer, name);
            bytes memory signature = vm.parseJsonBytes(json, _key(i, "signature"));
            vm.assertEq(signature.length, 65, name);
            vm.assertEq(ECDSA.recover(digest, signature), signer, name);
        }
    }

    function test_assignmentVectors() public view {
        uint256 count = vm.parseJsonUint(json, ".assignment.caseCount");
        uint256 redundancy = vm.parseJsonUint(json, ".assignment.redundancy");
        address[] memory all = vm.parseJsonAddressArray(json, ".assignment.operators");
        for (uint256 i = 0; i < count; i++) {
            string memory c = string.concat(".assignment.cases[", vm.toString(i), "].");
            uint256 taskId = vm.parseJsonUint(json, string.concat(c, "taskId"));
            uint256 slot = vm.parseJsonUint(json, string.concat(c, "slot"));
            uint256 n = vm.parseJsonUint(json, string.concat(c, "n"));
            uint256 h = SlotAssignment.slotHash(taskId, slot);
            vm.assertEq(bytes32(h), vm.parseJsonBytes32(json, string.concat(c, "h")), "h");
            vm.assertEq(
                SlotAssignment.indexAt(h, 0, n), vm.parseJsonUint(json, string.concat(c, "primaryIndex")), "index"
            );
            vm.assertEq(
                all[SlotAssignment.indexAt(h, 0, n)], vm.parseJsonAddress(json, string.concat(c, "primary")), "primary"
            );
            uint256 m = SlotAssignment.positions(redundancy, n);
            for (uint256 r = 1; r < m; r++) {
                address want = vm.parseJsonAddress(json, string.concat(c, "backups[", vm.toString(r - 1), "]"));
                vm.assertEq(all[SlotAssignment.indexAt(h, r, n)], want, "backup");
                vm.assertEq(SlotAssignment.positionOf(h, SlotAssignment.indexAt(h, r, n), n), r, "inverse");
            }
        }
    }

    function _params() internal pure returns (IFleekAutomator.Params memory p) {
        p.epochLength = 1;
        p.redundancy = 1;
        p.maxMisses = 1;
        p.maxUrlLength = 1;
    }
}
