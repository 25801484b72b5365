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
    function quorumNeededUntil(uint8 quorum) public view returns (uint64) {
        uint64 lastWindow = _quorumLastWindow[quorum];
        return lastWindow == 0 ? 0 : _deadlineAfter(lastWindow, 0);
    }

    /// @dev Reverts unless every task with a quorum above `signersAfter` is past the miss deadline
    /// of its last slot. Tasks are tracked per quorum by their latest slot window (a cancelled
    /// task counts until its original end: conservative, never unsafe).
    function _requireQuorumsKept(uint256 signersAfter) internal view {
        for (uint256 q = signersAfter + 1; q <= _maxQuorum; q++) {
            uint64 until = quorumNeededUntil(uint8(q));
            if (block.timestamp <= until) revert SignersNeededByLiveTask(uint8(q), until);
        }
    }

    /// @dev Records that a task with `quorum` has slots to prove until `lastWindow` (its last
    /// slot's due time plus tolerance).
    function _noteQuorum(uint8 quorum, uint64 lastWindow) internal {
        if (lastWindow > _quorumLastWindow[quorum]) _quorumLastWindow[quorum] = lastWindow;
        if (quorum > _maxQuorum) _maxQuorum = quorum;
    }

    /// @inheritdoc IFleekAutomator
    function rotateProxySigner(address oldSigner, address newSigner) external onlyOwner {
        _removeSigner(oldSigner);
        _addSigner(newSigner);
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
