// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {TestBase} from "../../test/lib/Vm.sol";
import {FleekAutomator} from "../../src/FleekAutomator.sol";
import {IFleekAutomator} from "../../src/interfaces/IFleekAutomator.sol";
import {IAllocationManager} from "../../src/interfaces/eigenlayer/IAllocationManager.sol";
import {IStrategy} from "../../src/interfaces/eigenlayer/IStrategy.sol";

/// @notice What both deploy scripts share: protocol parameters from the environment, deploying
/// and registering the AVS with the EigenLayer core, and writing the deployment JSON that the
/// node, the proxy and the portal read.
abstract contract DeployBase is TestBase {
    /// @notice Parameters, each overridable by the environment variable of the same name in
    /// upper snake case (EPOCH_LENGTH, ACTIVATION_DELAY, ...). Defaults are the devnet's.
    function paramsFromEnv() internal view returns (IFleekAutomator.Params memory p) {
        p.epochLength = uint32(vm.envOr("EPOCH_LENGTH", uint256(10)));
        p.activationDelay = uint32(vm.envOr("ACTIVATION_DELAY", uint256(5)));
        p.redundancy = uint8(vm.envOr("REDUNDANCY", uint256(2)));
        p.failoverDelay = uint32(vm.envOr("FAILOVER_DELAY", uint256(4)));
        p.submitWindow = uint32(vm.envOr("SUBMIT_WINDOW", uint256(60)));
        p.minTolerance = uint32(vm.envOr("MIN_TOLERANCE", uint256(1)));
        p.maxTolerance = uint32(vm.envOr("MAX_TOLERANCE", uint256(300)));
        p.maxMisses = uint32(vm.envOr("MAX_MISSES", uint256(3)));
        p.slashWad = uint64(vm.envOr("SLASH_WAD", uint256(1e16)));
        p.maxUrlLength = uint16(vm.envOr("MAX_URL_LENGTH", uint256(2048)));
        p.maxBodyLength = uint16(vm.envOr("MAX_BODY_LENGTH", uint256(4096)));
    }

    /// @notice Deploys the AVS owned by `owner` (the broadcaster), registers it with the core
    /// and adds the proxy signers from PROXY_SIGNERS (comma-separated addresses).
    function deployAVS(IAllocationManager core, IStrategy strategy) internal returns (FleekAutomator avs) {
        avs = new FleekAutomator(msg.sender, core, paramsFromEnv());
        IStrategy[] memory strategies = new IStrategy[](1);
        strategies[0] = strategy;
        avs.initializeAVS(vm.envOr("AVS_METADATA_URI", string("https://fleek.xyz/automator/avs.json")), strategies);
        address[] memory signers = proxySignersFromEnv();
        for (uint256 i = 0; i < signers.length; i++) {
            avs.addProxySigner(signers[i]);
        }
    }

    function proxySignersFromEnv() internal view returns (address[] memory) {
        return vm.envOr("PROXY_SIGNERS", ",", new address[](0));
    }

    /// @notice Writes the deployment JSON to DEPLOYMENT_OUT, by default
    /// deploy/out/deployment-<chainId>.json.
    function writeDeployment(
        FleekAutomator avs,
        address allocationManager,
        address delegationManager,
        address strategy,
        uint256 deployBlock,
        address[] memory operators
    ) internal {
        string memory json = string.concat(
            "{\"chainId\":",
            vm.toString(block.chainid),
            ",\"automator\":\"",
            vm.toString(address(avs)),
            "\",\"allocationManager\":\"",
            vm.toString(allocationManager),
            "\",\"delegationManager\":\"",
            vm.toString(delegationManager),
            "\",\"strategy\":\"",
            vm.toString(strategy),
            "\",\"operatorSetId\":",
            vm.toString(uint256(avs.OPERATOR_SET_ID())),
            ",\"deployBlock\":",
            vm.toString(deployBlock),
            ",\"proxySigners\":",
            _jsonAddresses(avs.proxySigners()),
            ",\"operators\":",
            _jsonAddresses(operators),
            "}\n"
        );
        string memory defaultPath =
            string.concat(vm.projectRoot(), "/../deploy/out/deployment-", vm.toString(block.chainid), ".json");
        vm.writeFile(vm.envOr("DEPLOYMENT_OUT", defaultPath), json);
    }

    function _jsonAddresses(address[] memory list) private pure returns (string memory out) {
        out = "[";
        for (uint256 i = 0; i < list.length; i++) {
            out = string.concat(out, i == 0 ? "\"" : ",\"", vm.toString(list[i]), "\"");
        }
        out = string.concat(out, "]");
    }
}
