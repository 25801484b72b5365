// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IStrategy} from "../interfaces/eigenlayer/IStrategy.sol";

/// @title StandInStrategy
/// @notice DEVNET/TEST STAND-IN for an EigenLayer strategy: an identity only. Stake in it is
/// native ETH deposited through {EigenLayerCoreStandIn.depositStake}.
contract StandInStrategy is IStrategy {
    /// @notice address(0): the stand-in's stake is native ETH.
    function underlyingToken() external pure returns (address) {
        return address(0);
    }
}
