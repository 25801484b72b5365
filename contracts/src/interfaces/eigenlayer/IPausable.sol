// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IPausable
/// @notice The part of EigenLayer's IPausable the AVS and its tests observe: the core's
/// contracts pause functions by bit index and revert with {CurrentlyPaused} while paused.
interface IPausable {
    /// @notice A paused function was called (EigenLayer's `Pausable`).
    error CurrentlyPaused();
    /// @notice The caller may not pause.
    error OnlyPauser();
    /// @notice The caller may not unpause.
    error OnlyUnpauser();
    /// @notice `pause` tried to clear a bit or `unpause` to set one.
    error InvalidNewPausedStatus();

    /// @notice The pause bitmap changed to `newPausedStatus` by `account` (more bits set).
    /// @param account The pauser.
    /// @param newPausedStatus The bitmap of paused functions from now on.
    event Paused(address indexed account, uint256 newPausedStatus);
    /// @notice The pause bitmap changed to `newPausedStatus` by `account` (bits cleared).
    /// @param account The unpauser.
    /// @param newPausedStatus The bitmap of paused functions from now on.
    event Unpaused(address indexed account, uint256 newPausedStatus);

    /// @notice Sets more pause bits: `newPausedStatus` must keep every bit already set.
    /// @param newPausedStatus The new bitmap.
    function pause(uint256 newPausedStatus) external;

    /// @notice Clears pause bits: `newPausedStatus` must set no bit that is clear now.
    /// @param newPausedStatus The new bitmap.
    function unpause(uint256 newPausedStatus) external;

    /// @notice The bitmap of paused functions.
    /// @return The bitmap.
    function paused() external view returns (uint256);

    /// @notice Whether the function group with bit `index` is paused.
    /// @param index The bit index (AllocationManager: 0 allocations, 1 slashing, 2 set registration).
    /// @return True while paused.
    function paused(uint8 index) external view returns (bool);
}
