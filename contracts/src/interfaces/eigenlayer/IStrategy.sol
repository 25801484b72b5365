// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IStrategy
/// @notice The part of EigenLayer's strategy interface the AVS refers to: a strategy is only an
/// identity (an address) in operator-set and slashing calls.
interface IStrategy {
    /// @notice The token whose shares the strategy holds.
    function underlyingToken() external view returns (address);
}
