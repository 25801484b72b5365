// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IPausable} from "../interfaces/eigenlayer/IPausable.sol";

/// @title StandInPausable
/// @notice DEVNET/TEST STAND-IN for EigenLayer's `Pausable`: a bitmap of paused function groups,
/// set only by the pauser and cleared only by the unpauser, paused functions reverting with
/// {IPausable.CurrentlyPaused}. Here one account (the deployer) is both pauser and unpauser;
/// the real core reads them from its PauserRegistry.
abstract contract StandInPausable is IPausable {
    /// @notice The account that may pause and unpause.
    address public immutable pauser;
    uint256 private _paused;

    /// @param pauser_ The pauser and unpauser.
    constructor(address pauser_) {
        pauser = pauser_;
    }

    /// @inheritdoc IPausable
    function pause(uint256 newPausedStatus) external {
        if (msg.sender != pauser) revert OnlyPauser();
        if (_paused & newPausedStatus != _paused) revert InvalidNewPausedStatus();
        _paused = newPausedStatus;
        emit Paused(msg.sender, newPausedStatus);
    }

    /// @inheritdoc IPausable
    function unpause(uint256 newPausedStatus) external {
        if (msg.sender != pauser) revert OnlyUnpauser();
        if (~_paused & ~newPausedStatus != ~_paused) revert InvalidNewPausedStatus();
        _paused = newPausedStatus;
        emit Unpaused(msg.sender, newPausedStatus);
    }

    /// @inheritdoc IPausable
    function paused() external view returns (uint256) {
        return _paused;
    }

    /// @inheritdoc IPausable
    function paused(uint8 index) public view returns (bool) {
        return (_paused >> index) & 1 == 1;
    }

    /// @dev Reverts with {IPausable.CurrentlyPaused} while function group `index` is paused.
    /// @param index The group's bit.
    function _whenNotPaused(uint8 index) internal view {
        if (paused(index)) revert CurrentlyPaused();
    }
}
