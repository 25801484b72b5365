// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title SlotAssignment
/// @notice The assignment rule (docs/slot-lifecycle.md) in one place: for slot `k` of task `t`,
/// `h = uint256(keccak256(abi.encode(t, uint256(k))))`, the operator at position `r` of the
/// sorted set `O` is `O[(h + r) % |O|]` (r = 0 is the primary, 1..R-1 the backups).
library SlotAssignment {
    /// @notice The slot's assignment hash `h`.
    function slotHash(uint256 taskId, uint256 slot) internal pure returns (uint256 h) {
        assembly ("memory-safe") {
            mstore(0x00, taskId)
            mstore(0x20, slot)
            h := keccak256(0x00, 0x40)
        }
    }

    /// @notice How many operators are eligible for a slot: min(R, n).
    function positions(uint256 redundancy, uint256 n) internal pure returns (uint256) {
        return redundancy < n ? redundancy : n;
    }

    /// @notice Index into the set of the operator at position `r`.
    function indexAt(uint256 h, uint256 r, uint256 n) internal pure returns (uint256) {
        unchecked {
            return (h % n + r) % n;
        }
    }

    /// @notice Position of the operator at set index `index` (inverse of {indexAt}); a position
    /// >= {positions} means the operator is not eligible for the slot.
    function positionOf(uint256 h, uint256 index, uint256 n) internal pure returns (uint256) {
        unchecked {
            return (index + n - h % n) % n;
        }
    }
}
