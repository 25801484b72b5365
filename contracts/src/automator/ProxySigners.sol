// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IFleekAutomator} from "../interfaces/IFleekAutomator.sol";
import {AutomatorStorage} from "./AutomatorStorage.sol";

/// @title ProxySigners
/// @notice The owner-managed set of Automation Proxy keys whose signatures prove hits. The owner
/// may not remove a signer while a task still needs as many signers as there are now: its later
/// slots would become unprovable and its honest primary slashed. Rotation (one key for another)
/// is always allowed.
abstract contract ProxySigners is AutomatorStorage {
    /// @inheritdoc IFleekAutomator
    function isProxySigner(address signer) external view returns (bool) {
        return _signerIndex[signer] != 0;
    }

    /// @inheritdoc IFleekAutomator
    function proxySigners() external view returns (address[] memory) {
        return _signers;
    }

    /// @inheritdoc IFleekAutomator
    function addProxySigner(address signer) external onlyOwner {
        _addSigner(signer);
    }

    /// @inheritdoc IFleekAutomator
    /// @dev Proofs signed by `signer` are refused from this block on. Reverts
    /// {SignersNeededByLiveTask} while a task with quorum above the remaining count is live.
    function removeProxySigner(address signer) external onlyOwner {
        _requireQuorumsKept(_signers.length - (_signerIndex[signer] != 0 ? 1 : 0));
        _removeSigner(signer);
    }

    /// @inheritdoc IFleekAutomator
    /// @dev Always allowed: the signer count, and so every task's quorum, is kept.
    function rotateProxySigner(address oldSigner, address newSigner) external onlyOwner {
        _removeSigner(oldSigner);
        _addSigner(newSigner);
    }

    /// @inheritdoc IFleekAutomator
    function quorumNeededUntil(uint8 quorum) public view returns (uint64) {
        uint64 lastWindow = _quorumLastWindow[quorum];
        return lastWindow == 0 ? 0 : _deadlineAfter(lastWindow, 0);
    }

    /// @dev Reverts unless every task that needs all of today's signers is past the miss deadline
    /// of its last slot. Removal from n to n-1 signers only needs quorum n checked: a task is
    /// created with quorum <= n, and no removal ever leaves a live task above the count, so no
    /// live task has a quorum above n. Tasks are tracked per quorum by their latest slot window
    /// (a cancelled task counts until its original end: conservative, never unsafe).
    function _requireQuorumsKept(uint256 signersAfter) internal view {
        if (signersAfter >= _signers.length) return; // unknown signer: _removeSigner says so
        uint8 q = uint8(_signers.length);
        uint64 until = quorumNeededUntil(q);
        if (block.timestamp <= until) revert SignersNeededByLiveTask(q, until);
    }

    /// @dev Records that a task with `quorum` has slots to prove until `lastWindow` (its last
    /// slot's due time plus tolerance).
    function _noteQuorum(uint8 quorum, uint64 lastWindow) internal {
        if (lastWindow > _quorumLastWindow[quorum]) _quorumLastWindow[quorum] = lastWindow;
    }

    function _addSigner(address signer) internal {
        if (signer == address(0)) revert BadParams("signer is the zero address");
        if (_signerIndex[signer] != 0) revert SignerExists(signer);
        _signers.push(signer);
        _signerIndex[signer] = _signers.length;
        emit ProxySignerAdded(signer);
    }

    function _removeSigner(address signer) internal {
        uint256 indexPlusOne = _signerIndex[signer];
        if (indexPlusOne == 0) revert SignerUnknown(signer);
        address last = _signers[_signers.length - 1];
        _signers[indexPlusOne - 1] = last;
        _signerIndex[last] = indexPlusOne;
        _signers.pop();
        delete _signerIndex[signer];
        emit ProxySignerRemoved(signer);
    }
}
