// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";

import {IFleekAutomator} from "./interfaces/IFleekAutomator.sol";
import {IAllocationManager} from "./interfaces/eigenlayer/IAllocationManager.sol";
import {IStrategy} from "./interfaces/eigenlayer/IStrategy.sol";
import {AutomatorStorage} from "./automator/AutomatorStorage.sol";
import {HitVerifier} from "./automator/HitVerifier.sol";
import {MissPenalties} from "./automator/MissPenalties.sol";
import {TaskRegistry} from "./automator/TaskRegistry.sol";

/// @title FleekAutomator
/// @notice The Fleek Automator AVS: a registry of HTTP schedules (tasks), the assignment of each
/// slot to a staked operator, verification of proxy-signed proofs of hit, operator fees, and
/// penalties for missed slots through EigenLayer slashing. Rules: docs/.
/// @dev The AVS is its own IAVSRegistrar and the slasher of its one operator set. It talks to
/// the EigenLayer core only through IAllocationManager, so the same code runs against the real
/// core and against the devnet stand-in. Each job lives in one part under ./automator/; this
/// contract adds setup, parameters and pausing.
contract FleekAutomator is TaskRegistry, HitVerifier, MissPenalties {
    /// @notice The AVS registered itself with the EigenLayer core ({initializeAVS}).
    /// @param metadataURI The AVS metadata URI.
    /// @param strategies The operator set's strategies.
    event AVSInitialized(string metadataURI, IStrategy[] strategies);

    /// @param initialOwner The owner (parameters, signers, pause).
    /// @param allocationManager_ The EigenLayer AllocationManager (or the devnet stand-in).
    /// @param p The initial parameters.
    constructor(address initialOwner, IAllocationManager allocationManager_, Params memory p)
        Ownable(initialOwner)
        EIP712("FleekAutomator", "1")
        AutomatorStorage(allocationManager_)
    {
        _setParams(p);
    }

    /// @notice Registers the AVS with the EigenLayer core: metadata, operator set
    /// {OPERATOR_SET_ID} over `strategyList` (ascending) with this contract as slasher, and this
    /// contract as registrar. Once.
    function initializeAVS(string calldata metadataURI, IStrategy[] calldata strategyList) external onlyOwner {
        if (_strategies.length != 0) revert AlreadyInitialized();
        if (strategyList.length == 0) revert BadStrategies();
        for (uint256 i = 1; i < strategyList.length; i++) {
            if (address(strategyList[i]) <= address(strategyList[i - 1])) revert BadStrategies();
        }
        _strategies = strategyList;
        allocationManager.updateAVSMetadataURI(address(this), metadataURI);
        IAllocationManager.CreateSetParamsV2[] memory sets = new IAllocationManager.CreateSetParamsV2[](1);
        sets[0] = IAllocationManager.CreateSetParamsV2(OPERATOR_SET_ID, strategyList, address(this));
        allocationManager.createOperatorSets(address(this), sets);
        allocationManager.setAVSRegistrar(address(this), this);
        emit AVSInitialized(metadataURI, strategyList);
    }

    /// @notice Updates the AVS metadata URI held by the EigenLayer core.
    function updateMetadataURI(string calldata metadataURI) external onlyOwner {
        allocationManager.updateAVSMetadataURI(address(this), metadataURI);
    }

    /// @notice The operator set's strategies, ascending.
    /// @return The strategies.
    function strategies() external view returns (IStrategy[] memory) {
        return _strategies;
    }

    /// @notice Pauses task creation, hit submission and miss reports.
    function pause() external onlyOwner {
        _pause();
    }

    /// @notice Ends a {pause}.
    function unpause() external onlyOwner {
        _unpause();
    }

    /// @inheritdoc IFleekAutomator
    function params() external view returns (Params memory) {
        return _params;
    }

    /// @inheritdoc IFleekAutomator
    /// @dev Applies to existing tasks too (windows and deadlines are computed from the current
    /// parameters); the operator set schedule already published is not moved.
    function setParams(Params calldata p) external onlyOwner {
        _setParams(p);
    }

    /// @dev Checks and stores the parameters.
    function _setParams(Params memory p) internal {
        if (p.epochLength == 0) revert BadParams("epochLength is 0");
        if (p.redundancy == 0) revert BadParams("redundancy is 0");
        if (p.minTolerance > p.maxTolerance) revert BadParams("minTolerance > maxTolerance");
        if (p.maxMisses == 0) revert BadParams("maxMisses is 0");
        if (p.slashWad > 1e18) revert BadParams("slashWad > 1e18");
        if (p.maxUrlLength == 0) revert BadParams("maxUrlLength is 0");
        _params = p;
        emit ParamsUpdated(p);
    }
}
