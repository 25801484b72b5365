// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice EigenLayer's identifier of an operator set: the AVS that owns it and its id.
struct OperatorSet {
    address avs;
    uint32 id;
}
