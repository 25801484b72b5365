// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IFleekAutomator} from "../interfaces/IFleekAutomator.sol";
import {AutomatorStorage} from "./AutomatorStorage.sol";

/// @title ProxySigners
/// @notice The owner-managed set of Automation Proxy keys whose signatures prove hits.
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
    /// @dev Proofs signed by `signer` are refused from this block on.
    function removeProxySigner(address signer) external onlyOwner {
        _removeSigner(signer);
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
