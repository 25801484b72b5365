// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AutomatorFixture} from "./lib/AutomatorFixture.sol";
import {IFleekAutomator} from "../src/interfaces/IFleekAutomator.sol";

/// @notice Withdrawals, proxy signer management, parameters, pause and ownership.
contract AdminTest is AutomatorFixture {
    bytes internal constant NOT_OWNER = abi.encodeWithSignature("OwnableUnauthorizedAccount(address)", address(0xBEEF));

    function test_withdraw_paysOwedOnce() public {
        uint256 id = createDefaultTask();
        (address op, IFleekAutomator.SignedHit memory h) = primaryHit(id, 0);
        submitOne(op, h);
        uint256 before = op.balance;
        vm.expectEmit(address(avs));
        emit IFleekAutomator.Withdrawn(op, 1 gwei);
        vm.prank(op);
        avs.withdraw();
        vm.assertEq(op.balance - before, 1 gwei, "paid");
        vm.assertEq(avs.owed(op), 0, "cleared");
        vm.prank(op);
        vm.expectRevert(abi.encodeWithSelector(IFleekAutomator.NothingToWithdraw.selector, op));
        avs.withdraw();
        vm.assertEq(address(avs).balance, avs.getTask(id).deposit, "balance identity");
    }

    function test_signers_addRemoveRotate() public {
        address fresh = address(0x5161);
        vm.expectEmit(address(avs));
        emit IFleekAutomator.ProxySignerAdded(fresh);
        avs.addProxySigner(fresh);
        vm.assertTrue(avs.isProxySigner(fresh), "added");
        vm.assertEq(avs.proxySigners().length, 3, "three");
        vm.expectRevert(abi.encodeWithSelector(IFleekAutomator.SignerExists.selector, fresh));
        avs.addProxySigner(fresh);
        vm.expectRevert(abi.encodeWithSelector(IFleekAutomator.BadParams.selector, "signer is the zero address"));
        avs.addProxySigner(address(0));

        address rotated = address(0x5162);
        vm.expectEmit(address(avs));
        emit IFleekAutomator.ProxySignerRemoved(signerAddrs[0]);
        vm.expectEmit(address(avs));
        emit IFleekAutomator.ProxySignerAdded(rotated);
        avs.rotateProxySigner(signerAddrs[0], rotated);
        vm.assertFalse(avs.isProxySigner(signerAddrs[0]), "old gone");
        vm.assertTrue(avs.isProxySigner(rotated), "new in");

        avs.removeProxySigner(fresh);
        vm.expectRevert(abi.encodeWithSelector(IFleekAutomator.SignerUnknown.selector, fresh));
        avs.removeProxySigner(fresh);
        vm.expectRevert(abi.encodeWithSelector(IFleekAutomator.SignerUnknown.selector, fresh));
        avs.rotateProxySigner(fresh, address(0x5163));
        address[] memory list = avs.proxySigners();
        vm.assertEq(list.length, 2, "two left");
        for (uint256 i = 0; i < list.length; i++) {
            vm.assertTrue(avs.isProxySigner(list[i]), "list consistent");
        }
    }

    function test_onlyOwner() public {
        vm.startPrank(address(0xBEEF));
        vm.expectRevert(NOT_OWNER);
        avs.addProxySigner(address(1));
        vm.expectRevert(NOT_OWNER);
        avs.removeProxySigner(signerAddrs[0]);
        vm.expectRevert(NOT_OWNER);
        avs.rotateProxySigner(signerAddrs[0], address(1));
        vm.expectRevert(NOT_OWNER);
        avs.setParams(defaultParams());
        vm.expectRevert(NOT_OWNER);
        avs.pause();
        vm.expectRevert(NOT_OWNER);
        avs.unpause();
        vm.expectRevert(NOT_OWNER);
        avs.updateMetadataURI("x");
        vm.stopPrank();
    }

    function test_setParams_validatesAndEmits() public {
        IFleekAutomator.Params memory p = defaultParams();
        p.failoverDelay = 9;
        vm.expectEmit(address(avs));
        emit IFleekAutomator.ParamsUpdated(p);
        avs.setParams(p);
        vm.assertEq(avs.params().failoverDelay, 9, "stored");

        _expectBadParams(_with(0), "epochLength is 0");
        _expectBadParams(_with(1), "redundancy is 0");
        _expectBadParams(_with(2), "minTolerance > maxTolerance");
        _expectBadParams(_with(3), "maxMisses is 0");
        _expectBadParams(_with(4), "slashWad > 1e18");
        _expectBadParams(_with(5), "maxUrlLength is 0");
    }

    function _with(uint256 broken) internal pure returns (IFleekAutomator.Params memory p) {
        p = defaultParams();
        if (broken == 0) p.epochLength = 0;
        if (broken == 1) p.redundancy = 0;
        if (broken == 2) p.minTolerance = p.maxTolerance + 1;
        if (broken == 3) p.maxMisses = 0;
        if (broken == 4) p.slashWad = 1e18 + 1;
        if (broken == 5) p.maxUrlLength = 0;
    }

    function _expectBadParams(IFleekAutomator.Params memory p, string memory reason) internal {
        vm.expectRevert(abi.encodeWithSelector(IFleekAutomator.BadParams.selector, reason));
        avs.setParams(p);
    }

    function test_ownership_twoStep() public {
        avs.transferOwnership(address(0xBEEF));
        vm.assertEq(avs.owner(), address(this), "not yet");
        vm.prank(address(0xBEEF));
        avs.acceptOwnership();
        vm.assertEq(avs.owner(), address(0xBEEF), "transferred");
    }

    function test_hitDigest_matchesEip712() public view {
        IFleekAutomator.Hit memory hit = IFleekAutomator.Hit(7, 3, address(0xAB), 1234, 200, keccak256("r"));
        bytes32 typeHash = keccak256(
            "Hit(uint256 taskId,uint32 slot,address operator,uint64 hitTimeMs,uint16 status,bytes32 responseHash)"
        );
        bytes32 structHash = keccak256(
            abi.encode(typeHash, hit.taskId, hit.slot, hit.operator, hit.hitTimeMs, hit.status, hit.responseHash)
        );
        bytes32 domain = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("FleekAutomator"),
                keccak256("1"),
                block.chainid,
                address(avs)
            )
        );
        vm.assertEq(avs.domainSeparator(), domain, "domain");
        vm.assertEq(avs.hitDigest(hit), keccak256(abi.encodePacked(hex"1901", domain, structHash)), "digest");
    }
}
