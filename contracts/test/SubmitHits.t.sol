// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AutomatorFixture} from "./lib/AutomatorFixture.sol";
import {Vm} from "./lib/Vm.sol";
import {IFleekAutomator} from "../src/interfaces/IFleekAutomator.sol";
import {FleekAutomator} from "../src/FleekAutomator.sol";
import {IAllocationManager} from "../src/interfaces/eigenlayer/IAllocationManager.sol";

/// @notice submitHits: acceptance and every rejection reason, batches, quorum and signer rules.
contract SubmitHitsTest is AutomatorFixture {
    bytes32 internal constant RESP = keccak256("ok");

    function _expectReject(address op, IFleekAutomator.SignedHit memory h, IFleekAutomator.RejectReason reason)
        internal
    {
        vm.expectEmit(address(avs));
        emit IFleekAutomator.HitRejected(h.taskId, h.slot, op, reason);
        vm.assertEq(submitOne(op, h), 0, "rejected");
    }

    function _backup(uint256 id, uint32 slot) internal view returns (address) {
        (address[] memory ops,) = avs.eligibleOperators(id, slot);
        return ops[1];
    }

    function _notEligible(uint256 id, uint32 slot) internal view returns (address) {
        (address[] memory ops,) = avs.eligibleOperators(id, slot);
        for (uint256 i = 0; i < operatorAddrs.length; i++) {
            if (operatorAddrs[i] != ops[0] && operatorAddrs[i] != ops[1]) return operatorAddrs[i];
        }
        revert("all eligible");
    }

    function test_primaryHit_accepted() public {
        uint256 id = createDefaultTask();
        (address op, IFleekAutomator.SignedHit memory h) = primaryHit(id, 0);
        vm.expectEmit(address(avs));
        emit IFleekAutomator.HitProven(id, 0 | (200 << 32) | (uint256(h.hitTimeMs) << 48));
        vm.expectEmit(address(avs));
        emit IFleekAutomator.HitsSubmitted(op, 1, 0);
        vm.assertEq(submitOne(op, h), 1, "accepted");
        vm.assertEq(uint256(avs.slotState(id, 0)), uint256(IFleekAutomator.SlotState.Proven), "proven");
        vm.assertEq(avs.owed(op), 1 gwei, "fee owed");
        IFleekAutomator.Task memory t = avs.getTask(id);
        vm.assertEq(t.proven, 1, "task.proven");
        vm.assertEq(t.deposit, 19 gwei, "deposit");
        IFleekAutomator.OperatorInfo memory info = avs.operatorInfo(op);
        vm.assertEq(info.hitsProven, 1, "hitsProven");
        vm.assertEq(info.feesEarned, 1 gwei, "feesEarned");
        (uint32 proven,, uint32 pending) = avs.progress(id);
        vm.assertEq(proven, 1, "progress proven");
        vm.assertEq(pending, 19, "progress pending");
    }

    function test_non2xxStatus_isProven() public {
        uint256 id = createDefaultTask();
        address op = primaryOf(id, 0);
        IFleekAutomator.SignedHit memory h = signHit(id, 0, op, uint64(block.timestamp * 1000), 0, RESP, 1);
        vm.assertEq(submitOne(op, h), 1, "status 0 still proves the call");
    }

    function test_timeWindow_edgesInMilliseconds() public {
        uint256 id = createTask(uint64(block.timestamp + 10), 10, 3, 5, 1, 0);
        uint64 due = avs.slotTime(id, 0);
        address op = primaryOf(id, 0);
        vm.warp(due + 5);
        _expectReject(
            op, signHit(id, 0, op, (due - 5) * 1000 - 1, 200, RESP, 1), IFleekAutomator.RejectReason.OutsideTimeWindow
        );
        _expectReject(
            op, signHit(id, 0, op, (due + 5) * 1000 + 1, 200, RESP, 1), IFleekAutomator.RejectReason.OutsideTimeWindow
        );
        vm.assertEq(submitOne(op, signHit(id, 0, op, (due - 5) * 1000, 200, RESP, 1)), 1, "early edge");
        address op1 = primaryOf(id, 1);
        vm.warp(due + 15);
        vm.assertEq(submitOne(op1, signHit(id, 1, op1, (due + 15) * 1000, 200, RESP, 1)), 1, "late edge");
    }

    function test_hitFromTheFuture_rejected() public {
        uint256 id = createTask(uint64(block.timestamp), 10, 3, 100, 1, 0);
        address op = primaryOf(id, 0);
        uint64 nowMs = uint64(block.timestamp * 1000);
        _expectReject(
            op, signHit(id, 0, op, nowMs + 2000, 200, RESP, 1), IFleekAutomator.RejectReason.OutsideTimeWindow
        );
        vm.assertEq(submitOne(op, signHit(id, 0, op, nowMs + 1999, 200, RESP, 1)), 1, "up to 1 s of clock skew");
    }

    function test_backup_onlyInItsWindow() public {
        uint256 id = createTask(uint64(block.timestamp), 10, 3, 1, 1, 0);
        address backup = _backup(id, 0);
        uint64 due = avs.slotTime(id, 0);
        (, uint64[] memory earliest) = avs.eligibleOperators(id, 0);
        vm.assertEq(earliest[0], due, "primary at T");
        vm.assertEq(earliest[1], due + 4, "backup at T + failoverDelay");
        vm.warp(due + 5);
        _expectReject(
            backup, signHit(id, 0, backup, due * 1000, 200, RESP, 1), IFleekAutomator.RejectReason.OutsideTimeWindow
        );
        vm.assertEq(submitOne(backup, signHit(id, 0, backup, (due + 4) * 1000, 200, RESP, 1)), 1, "backup accepted");
        // the primary is now too late: the slot is resolved
        address primary = primaryOf(id, 0);
        _expectReject(
            primary, signHit(id, 0, primary, due * 1000, 200, RESP, 1), IFleekAutomator.RejectReason.AlreadyResolved
        );
    }

    function test_notEligible_rejected() public {
        uint256 id = createDefaultTask();
        address other = _notEligible(id, 0);
        _expectReject(
            other,
            signHit(id, 0, other, uint64(block.timestamp * 1000), 200, RESP, 1),
            IFleekAutomator.RejectReason.NotEligible
        );
        address stranger = address(0xCAFE);
        _expectReject(
            stranger,
            signHit(id, 0, stranger, uint64(block.timestamp * 1000), 200, RESP, 1),
            IFleekAutomator.RejectReason.NotEligible
        );
    }

    function test_slotBeforeAnySet_notEligible() public {
        // a fresh AVS with no operators at all
        setUpEmptyAvs();
        uint256 id = createDefaultTask();
        (address[] memory ops,) = avs.eligibleOperators(id, 0);
        vm.assertEq(ops.length, 0, "no operators");
        _expectReject(
            operatorAddrs[0],
            signHit(id, 0, operatorAddrs[0], uint64(block.timestamp * 1000), 200, RESP, 1),
            IFleekAutomator.RejectReason.NotEligible
        );
    }

    function setUpEmptyAvs() internal {
        avs = new FleekAutomator(address(this), IAllocationManager(address(core)), defaultParams());
        avs.initializeAVS("https://example.com/avs.json", strategyList());
        for (uint256 i = 0; i < signerAddrs.length; i++) {
            avs.addProxySigner(signerAddrs[i]);
        }
    }

    function test_unknownTask_outOfRange_rejected() public {
        uint256 id = createDefaultTask();
        address op = primaryOf(id, 0);
        _expectReject(
            op,
            signHit(id + 1, 0, op, uint64(block.timestamp * 1000), 200, RESP, 1),
            IFleekAutomator.RejectReason.UnknownTask
        );
        _expectReject(
            op,
            signHit(id, 20, op, uint64(block.timestamp * 1000), 200, RESP, 1),
            IFleekAutomator.RejectReason.SlotOutOfRange
        );
        _expectReject(
            op,
            signHit(id, type(uint32).max, op, uint64(block.timestamp * 1000), 200, RESP, 1),
            IFleekAutomator.RejectReason.SlotOutOfRange
        );
    }

    function test_cancelledSlots_rejected_dueSlotsStillPaid() public {
        uint256 id = createDefaultTask();
        avs.cancelTask(id); // served: slots with T <= now + 6, i.e. slot 0
        (address op, IFleekAutomator.SignedHit memory h) = primaryHit(id, 0);
        vm.assertEq(submitOne(op, h), 1, "slot 0 still served");
        vm.warp(block.timestamp + 10);
        (address op1, IFleekAutomator.SignedHit memory h1) = primaryHit(id, 1);
        _expectReject(op1, h1, IFleekAutomator.RejectReason.TaskCancelled);
        vm.assertEq(avs.getTask(id).deposit, 0, "nothing left");
    }

    function test_duplicate_inBatchAndAcrossBatches() public {
        uint256 id = createDefaultTask();
        (address op, IFleekAutomator.SignedHit memory h) = primaryHit(id, 0);
        IFleekAutomator.SignedHit[] memory batch = new IFleekAutomator.SignedHit[](2);
        batch[0] = h;
        batch[1] = h;
        vm.expectEmit(address(avs));
        emit IFleekAutomator.HitRejected(id, 0, op, IFleekAutomator.RejectReason.AlreadyResolved);
        vm.prank(op);
        vm.assertEq(avs.submitHits(batch), 1, "second copy rejected");
        _expectReject(op, h, IFleekAutomator.RejectReason.AlreadyResolved);
        vm.assertEq(avs.owed(op), 1 gwei, "paid once");
    }

    function test_badSignatures_rejected() public {
        uint256 id = createTask(uint64(block.timestamp), 10, 3, 5, 2, 0);
        address op = primaryOf(id, 0);
        uint64 t = uint64(block.timestamp * 1000);
        IFleekAutomator.SignedHit memory good = signHit(id, 0, op, t, 200, RESP, 2);
        bytes32 digest = avs.hitDigest(IFleekAutomator.Hit(id, 0, op, t, 200, RESP));
        IFleekAutomator.SignedHit memory h = signHit(id, 0, op, t, 200, RESP, 2); // mutated below

        h.signatures = sign(signerKeys[0], digest); // too few
        _expectReject(op, h, IFleekAutomator.RejectReason.BadSignature);
        h.signatures = bytes.concat(good.signatures, hex"00"); // wrong length
        _expectReject(op, h, IFleekAutomator.RejectReason.BadSignature);
        h.signatures = bytes.concat(sign(signerKeys[1], digest), sign(signerKeys[0], digest)); // descending
        _expectReject(op, h, IFleekAutomator.RejectReason.BadSignature);
        h.signatures = bytes.concat(sign(signerKeys[0], digest), sign(signerKeys[0], digest)); // duplicate
        _expectReject(op, h, IFleekAutomator.RejectReason.BadSignature);
        h.signatures = bytes.concat(sign(signerKeys[0], digest), sign(0xBAD, digest)); // not a proxy signer
        if (vm.addr(0xBAD) < signerAddrs[0]) {
            h.signatures = bytes.concat(sign(0xBAD, digest), sign(signerKeys[0], digest));
        }
        _expectReject(op, h, IFleekAutomator.RejectReason.BadSignature);
        h.signatures = bytes.concat(sign(signerKeys[0], digest), new bytes(65)); // garbage
        _expectReject(op, h, IFleekAutomator.RejectReason.BadSignature);
        h.signatures = bytes.concat(_highS(sign(signerKeys[0], digest)), sign(signerKeys[1], digest)); // malleable
        _expectReject(op, h, IFleekAutomator.RejectReason.BadSignature);

        IFleekAutomator.SignedHit memory tampered = signHit(id, 0, op, t, 200, RESP, 2);
        tampered.status = 500; // signed 200
        _expectReject(op, tampered, IFleekAutomator.RejectReason.BadSignature);

        vm.assertEq(submitOne(op, good), 1, "the good one still passes");
    }

    /// @dev The other valid signature for the same key and digest: (r, n - s, v ^ 1).
    function _highS(bytes memory sig) internal pure returns (bytes memory) {
        bytes32 r;
        bytes32 s;
        uint8 v;
        assembly {
            r := mload(add(sig, 32))
            s := mload(add(sig, 64))
            v := byte(0, mload(add(sig, 96)))
        }
        uint256 n = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;
        return abi.encodePacked(r, bytes32(n - uint256(s)), v == 27 ? uint8(28) : uint8(27));
    }

    function test_hitSignedForAnotherOperator_rejected() public {
        uint256 id = createDefaultTask();
        (address primary, IFleekAutomator.SignedHit memory h) = primaryHit(id, 0);
        address backup = _backup(id, 0);
        vm.assertTrue(backup != primary, "distinct");
        // The backup replays the primary's proof: the digest binds msg.sender, so the time window
        // or the signature fails, never a theft of the primary's fee.
        vm.warp(block.timestamp + 4);
        h.hitTimeMs += 4000;
        _expectReject(backup, h, IFleekAutomator.RejectReason.BadSignature);
    }

    function test_removedAndRotatedSigner() public {
        uint256 id = createDefaultTask();
        (address op, IFleekAutomator.SignedHit memory h) = primaryHit(id, 0);
        avs.removeProxySigner(signerAddrs[0]);
        _expectReject(op, h, IFleekAutomator.RejectReason.BadSignature);
        avs.addProxySigner(signerAddrs[0]);
        vm.assertEq(submitOne(op, h), 1, "signer back");
    }

    function test_mixedBatch_goodOnesSurvive_andTasksInterleave() public {
        uint256 a = createTask(uint64(block.timestamp), 1, 300, 300, 1, 1 gwei);
        uint256 b = createTask(uint64(block.timestamp), 1, 300, 300, 1, 2 gwei);
        vm.warp(block.timestamp + 200);
        address op = operatorAddrs[0];
        uint32[] memory slots = _primarySlots(a, op, 4);
        uint32[] memory slotsB = _primarySlots(b, op, 2);
        IFleekAutomator.SignedHit[] memory batch = new IFleekAutomator.SignedHit[](7);
        batch[0] = signHit(a, slots[0], op, avs.slotTime(a, slots[0]) * 1000, 200, RESP, 1);
        batch[1] = signHit(b, slotsB[0], op, avs.slotTime(b, slotsB[0]) * 1000, 200, RESP, 1);
        batch[2] = signHit(a, slots[1], op, avs.slotTime(a, slots[1]) * 1000, 200, RESP, 1);
        batch[3] = signHit(a, slots[2], op, 1, 200, RESP, 1); // outside window
        batch[4] = signHit(b, slotsB[1], op, avs.slotTime(b, slotsB[1]) * 1000, 200, RESP, 1);
        batch[5] = batch[0]; // duplicate after a task switch
        batch[6] = signHit(a, slots[3], op, avs.slotTime(a, slots[3]) * 1000, 200, RESP, 1);
        vm.expectEmit(address(avs));
        emit IFleekAutomator.HitsSubmitted(op, 5, 2);
        vm.prank(op);
        vm.assertEq(avs.submitHits(batch), 5, "accepted");
        vm.assertEq(avs.getTask(a).proven, 3, "a proven");
        vm.assertEq(avs.getTask(b).proven, 2, "b proven");
        vm.assertEq(avs.getTask(a).deposit, 297 gwei, "a deposit");
        vm.assertEq(avs.getTask(b).deposit, 596 gwei, "b deposit");
        vm.assertEq(avs.owed(op), 7 gwei, "owed");
        vm.assertEq(
            uint256(avs.slotState(a, slots[2])), uint256(IFleekAutomator.SlotState.Pending), "rejected stays pending"
        );
    }

    /// @dev The first `k` slots of a 1 s task whose primary is `op` (slots span bitmap words).
    function _primarySlots(uint256 id, address op, uint256 k) internal view returns (uint32[] memory out) {
        out = new uint32[](k);
        uint256 found;
        for (uint32 s = 0; s < 200 && found < k; s++) {
            if (primaryOf(id, s) == op) out[found++] = s;
        }
        require(found == k, "not enough slots");
    }

    function test_slotsAcrossBitmapWords() public {
        uint256 id = createTask(uint64(block.timestamp), 1, 300, 300, 1, 0);
        vm.warp(block.timestamp + 260);
        uint32[4] memory slots = [uint32(126), 127, 128, 255];
        for (uint256 i = 0; i < slots.length; i++) {
            (address op, IFleekAutomator.SignedHit memory h) = primaryHit(id, slots[i]);
            vm.assertEq(submitOne(op, h), 1, "accepted");
        }
        for (uint256 i = 0; i < slots.length; i++) {
            vm.assertEq(uint256(avs.slotState(id, slots[i])), uint256(IFleekAutomator.SlotState.Proven), "proven");
        }
        vm.assertEq(uint256(avs.slotState(id, 129)), uint256(IFleekAutomator.SlotState.Pending), "neighbour pending");
    }

    function test_whenPaused_reverts() public {
        uint256 id = createDefaultTask();
        (address op, IFleekAutomator.SignedHit memory h) = primaryHit(id, 0);
        avs.pause();
        vm.expectRevert(abi.encodeWithSignature("EnforcedPause()"));
        submitOne(op, h);
        avs.unpause();
        vm.assertEq(submitOne(op, h), 1, "after unpause");
    }

    function test_emptyBatch() public {
        IFleekAutomator.SignedHit[] memory batch = new IFleekAutomator.SignedHit[](0);
        vm.assertEq(avs.submitHits(batch), 0, "nothing");
    }

    /// @dev submitHits reads hits straight from calldata: a malformed encoding must only make
    /// that hit fail its checks, never revert the batch or pass.
    function test_malformedCalldata_rejectedNotReverted() public {
        uint256 id = createDefaultTask();
        (address op, IFleekAutomator.SignedHit memory h) = primaryHit(id, 0);
        IFleekAutomator.SignedHit[] memory batch = new IFleekAutomator.SignedHit[](1);
        batch[0] = h;
        bytes memory good = abi.encodeCall(avs.submitHits, (batch));
        // layout: selector, array offset, length, element offset, then the element's words
        uint256 element = 4 + 32 * 3;
        _expectRejectedRaw(op, _patch(good, element + 32 * 3, (1 << 16) + 200), IFleekAutomator.RejectReason.BadSignature); // status
        _expectRejectedRaw(op, _patch(good, element + 32 * 5, type(uint64).max), IFleekAutomator.RejectReason.BadSignature); // signatures offset
        _expectRejectedRaw(op, _patch(good, element + 32 * 2, (1 << 64) + h.hitTimeMs), IFleekAutomator.RejectReason.OutsideTimeWindow); // hitTimeMs
        _expectRejectedRaw(op, _patch(good, element + 32, (1 << 32)), IFleekAutomator.RejectReason.SlotOutOfRange); // slot
        _expectRejectedRaw(op, _patch(good, 4 + 32 * 2, type(uint64).max), IFleekAutomator.RejectReason.UnknownTask); // element offset
        vm.prank(op);
        (bool ok, bytes memory ret) = address(avs).call(good);
        vm.assertTrue(ok && abi.decode(ret, (uint256)) == 1, "the unpatched batch passes");
    }

    function _patch(bytes memory data, uint256 at, uint256 word) internal pure returns (bytes memory out) {
        out = bytes.concat(data);
        assembly {
            mstore(add(add(out, 32), at), word)
        }
    }

    function _expectRejectedRaw(address op, bytes memory data, IFleekAutomator.RejectReason reason) internal {
        vm.recordLogs();
        vm.prank(op);
        (bool ok, bytes memory ret) = address(avs).call(data);
        vm.assertTrue(ok, "batch must not revert");
        vm.assertEq(abi.decode(ret, (uint256)), 0, "nothing accepted");
        Vm.Log[] memory logs = vm.getRecordedLogs();
        vm.assertEq(logs[0].topics[0], IFleekAutomator.HitRejected.selector, "HitRejected");
        vm.assertEq(abi.decode(logs[0].data, (uint256)), uint256(reason), "reason");
    }
}
