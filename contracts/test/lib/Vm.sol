// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice The subset of Foundry's cheatcodes the tests and scripts use. forge-std is not on
/// the npm registry in a current version, so the project declares the interface it needs.
interface Vm {
    function assertEq(uint256 left, uint256 right, string calldata err) external pure;
    function assertTrue(bool condition, string calldata err) external pure;
    function warp(uint256 newTimestamp) external;
}

/// @notice Base for tests: the cheatcode handle at its well-known address.
abstract contract TestBase {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));
}
