// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IFleekAutomator} from "../interfaces/IFleekAutomator.sol";
import {AutomatorStorage} from "./AutomatorStorage.sol";

/// @title Payouts
/// @notice Pull payments: operator fees and reporter bounties accrue in `owed` and are withdrawn
/// by their owner; direct transfers (refunds) revert on failure.
abstract contract Payouts is AutomatorStorage {
    /// @inheritdoc IFleekAutomator
    function owed(address account) external view returns (uint256) {
        return _owed[account];
    }

    /// @inheritdoc IFleekAutomator
    function withdraw() external nonReentrant {
        uint256 amount = _owed[msg.sender];
        if (amount == 0) revert NothingToWithdraw(msg.sender);
        _owed[msg.sender] = 0;
        emit Withdrawn(msg.sender, amount);
        _send(msg.sender, amount);
    }

    function _send(address to, uint256 amount) internal {
        if (amount == 0) return;
        (bool ok,) = to.call{value: amount}("");
        if (!ok) revert TransferFailed(to, amount);
    }
}
