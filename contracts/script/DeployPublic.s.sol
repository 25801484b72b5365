// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DeployBase} from "./lib/DeployBase.sol";
import {FleekAutomator} from "../src/FleekAutomator.sol";
import {IAllocationManager} from "../src/interfaces/eigenlayer/IAllocationManager.sol";
import {IStrategy} from "../src/interfaces/eigenlayer/IStrategy.sol";

/// @title DeployPublic
/// @notice Public chain: deploys only the AVS against the real EigenLayer core given by
/// ALLOCATION_MANAGER, DELEGATION_MANAGER and STRATEGY (the operator set's strategy), sets its
/// metadata, operator set and registrar, and adds PROXY_SIGNERS. Operators then register
/// themselves through the core. Parameters as in {DeployBase-paramsFromEnv}.
contract DeployPublic is DeployBase {
    function run() external {
        uint256 deployBlock = block.number;
        address allocationManager = vm.envAddress("ALLOCATION_MANAGER");
        address delegationManager = vm.envAddress("DELEGATION_MANAGER");
        address strategy = vm.envAddress("STRATEGY");
        vm.startBroadcast();
        FleekAutomator avs = deployAVS(IAllocationManager(allocationManager), IStrategy(strategy));
        vm.stopBroadcast();
        writeDeployment(avs, allocationManager, delegationManager, strategy, deployBlock, new address[](0));
    }
}
