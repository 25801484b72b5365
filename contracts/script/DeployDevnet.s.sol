// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {DeployBase} from "./lib/DeployBase.sol";
import {FleekAutomator} from "../src/FleekAutomator.sol";
import {EigenLayerCoreStandIn} from "../src/dev/EigenLayerCoreStandIn.sol";
import {StandInStrategy} from "../src/dev/StandInStrategy.sol";
import {IAllocationManager} from "../src/interfaces/eigenlayer/IAllocationManager.sol";
import {IStrategy} from "../src/interfaces/eigenlayer/IStrategy.sol";
import {OperatorSet} from "../src/interfaces/eigenlayer/OperatorSetLib.sol";

/// @title DeployDevnet
/// @notice Local devnet: deploys the EigenLayer core STAND-IN, a stand-in strategy and the AVS,
/// then registers every operator of OPERATOR_KEYS (comma-separated private keys: operator,
/// OPERATOR_STAKE wei of stake, full allocation, registration for the set). Operators become
/// active at the first epoch boundary ACTIVATION_DELAY seconds after deployment. The stand-in
/// keeps the real core's delays: DEALLOCATION_DELAY (default 900 blocks) and
/// ALLOCATION_CONFIGURATION_DELAY (default 1200), the values of EigenLayer's own local deploy
/// config; operators register with ALLOCATION_DELAY (default 0: their allocation is slashable in
/// the block it is made, which the real core allows too, so they register at once).
/// Usage: forge script script/DeployDevnet.s.sol --broadcast --rpc-url $RPC --private-key $KEY
contract DeployDevnet is DeployBase {
    function run() external {
        uint256 deployBlock = block.number;
        vm.startBroadcast();
        EigenLayerCoreStandIn core = new EigenLayerCoreStandIn(
            uint32(vm.envOr("DEALLOCATION_DELAY", uint256(900))),
            uint32(vm.envOr("ALLOCATION_CONFIGURATION_DELAY", uint256(1200)))
        );
        StandInStrategy strategy = new StandInStrategy();
        FleekAutomator avs = deployAVS(IAllocationManager(address(core)), strategy);
        vm.stopBroadcast();

        uint256[] memory keys = vm.envOr("OPERATOR_KEYS", ",", new uint256[](0));
        address[] memory operators = new address[](keys.length);
        for (uint256 i = 0; i < keys.length; i++) {
            operators[i] = registerOperator(core, strategy, avs, keys[i]);
        }
        writeDeployment(avs, address(core), address(core), address(strategy), deployBlock, operators);
    }

    function registerOperator(EigenLayerCoreStandIn core, IStrategy strategy, FleekAutomator avs, uint256 key)
        internal
        returns (address operator)
    {
        operator = vm.addr(key);
        OperatorSet memory set = OperatorSet(address(avs), avs.OPERATOR_SET_ID());
        IStrategy[] memory strategies = new IStrategy[](1);
        strategies[0] = strategy;
        uint64[] memory magnitudes = new uint64[](1);
        magnitudes[0] = core.WAD();
        IAllocationManager.AllocateParams[] memory allocations = new IAllocationManager.AllocateParams[](1);
        allocations[0] = IAllocationManager.AllocateParams(set, strategies, magnitudes);
        uint32[] memory ids = new uint32[](1);
        ids[0] = set.id;

        vm.startBroadcast(key);
        core.registerAsOperator(
            address(0), uint32(vm.envOr("ALLOCATION_DELAY", uint256(0))), "https://fleek.xyz/automator/operator.json"
        );
        core.depositStake{value: vm.envOr("OPERATOR_STAKE", uint256(10 ether))}(strategy);
        core.modifyAllocations(operator, allocations);
        core.registerForOperatorSets(operator, IAllocationManager.RegisterParams(address(avs), ids, ""));
        vm.stopBroadcast();
    }
}
