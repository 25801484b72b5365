// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IFleekAutomator} from "../interfaces/IFleekAutomator.sol";
import {IAllocationManager} from "../interfaces/eigenlayer/IAllocationManager.sol";
import {IPausable} from "../interfaces/eigenlayer/IPausable.sol";
import {IStrategy} from "../interfaces/eigenlayer/IStrategy.sol";
import {OperatorSet} from "../interfaces/eigenlayer/OperatorSetLib.sol";

/// @title CoreCalls
/// @notice The AVS's calls into the EigenLayer core that a penalty or a removal must survive:
/// the core may refuse them for a while (slashing or registration paused, operator no longer
/// slashable), and the AVS then records what it could and lets anyone retry. Only those refusals
/// are caught: any other failure, out-of-gas included, reverts the whole transaction, so a
/// caller cannot make a slash fail by starving it of gas and still collect the bounty.
/// @dev An external library (its code runs in the AVS by DELEGATECALL, so the core sees the AVS
/// as caller): it keeps the AVS under the 24 KiB code limit. forge links it on deployment.
library CoreCalls {
    /// @dev Gas a slashOperator call must have: the real core's measured cost with headroom
    /// (contracts/README.md, Gas), so that a report with too little gas fails with a clear
    /// {IFleekAutomator.InsufficientGasForCore} instead of running out inside the core.
    uint256 internal constant SLASH_MIN_GAS = 600_000;
    /// @dev Gas a deregisterFromOperatorSets call must have (it calls back the AVS's registrar).
    uint256 internal constant DEREGISTER_MIN_GAS = 200_000;

    /// @notice Slashes `wad` of the operator's allocation in every strategy of the AVS's set.
    /// @param core The AllocationManager.
    /// @param setId The AVS's operator set.
    /// @param strategies The set's strategies, ascending.
    /// @param operator The operator.
    /// @param wad Fraction of 1e18.
    /// @return refused True if the core does not slash now.
    /// @return reason The refusal: `OperatorNotSlashable()` (checked first: it left the set more
    /// than DEALLOCATION_DELAY blocks ago) or `CurrentlyPaused()`.
    /// @return slashId The core's slash id when slashed.
    function slash(IAllocationManager core, uint32 setId, IStrategy[] storage strategies, address operator, uint64 wad)
        external
        returns (bool refused, bytes4 reason, uint256 slashId)
    {
        if (!core.isOperatorSlashable(operator, OperatorSet(address(this), setId))) {
            return (true, IAllocationManager.OperatorNotSlashable.selector, 0);
        }
        uint256 n = strategies.length;
        uint256[] memory wads = new uint256[](n);
        for (uint256 i = 0; i < n; i++) {
            wads[i] = wad;
        }
        IAllocationManager.SlashingParams memory sp = IAllocationManager.SlashingParams({
            operator: operator,
            operatorSetId: setId,
            strategies: strategies,
            wadsToSlash: wads,
            description: "fleek-automator: missed slot"
        });
        bytes memory ret;
        (refused, reason, ret) =
            _call(core, abi.encodeCall(IAllocationManager.slashOperator, (address(this), sp)), SLASH_MIN_GAS);
        if (!refused) slashId = abi.decode(ret, (uint256));
    }

    /// @notice Deregisters the operator from the AVS's set in the core (the core calls back the
    /// AVS's `deregisterOperator`).
    /// @param core The AllocationManager.
    /// @param setId The AVS's operator set.
    /// @param operator The operator.
    /// @return refused True if the core refused (`CurrentlyPaused()`).
    /// @return reason The refusal's selector.
    function deregister(IAllocationManager core, uint32 setId, address operator)
        external
        returns (bool refused, bytes4 reason)
    {
        uint32[] memory ids = new uint32[](1);
        ids[0] = setId;
        IAllocationManager.DeregisterParams memory params =
            IAllocationManager.DeregisterParams(operator, address(this), ids);
        (refused, reason,) =
            _call(core, abi.encodeCall(IAllocationManager.deregisterFromOperatorSets, (params)), DEREGISTER_MIN_GAS);
    }

    /// @notice Whether the operator has stake the AVS's set can slash now (pending deallocations
    /// effective this block excluded).
    /// @param core The AllocationManager.
    /// @param setId The AVS's operator set.
    /// @param strategies The set's strategies.
    /// @param operator The operator.
    /// @return True if some strategy has slashable stake.
    function hasSlashableStake(IAllocationManager core, uint32 setId, IStrategy[] storage strategies, address operator)
        external
        view
        returns (bool)
    {
        address[] memory ops = new address[](1);
        ops[0] = operator;
        uint256[][] memory stake =
            core.getMinimumSlashableStake(OperatorSet(address(this), setId), ops, strategies, uint32(block.number));
        for (uint256 i = 0; i < stake[0].length; i++) {
            if (stake[0][i] != 0) return true;
        }
        return false;
    }

    /// @dev Calls the core with `data`. Returns `refused = true` with the core's error selector if
    /// the core refused with one of the errors in {_isRefusal}; bubbles up every other revert.
    /// Why the refusal list and not only a gas check: an out-of-gas deep inside the core leaves
    /// its callers more than 1/64 of the gas, so the remaining gas cannot tell it from a refusal;
    /// an out-of-gas never produces `CurrentlyPaused()` or `OperatorNotSlashable()`.
    function _call(IAllocationManager core, bytes memory data, uint256 minGas)
        private
        returns (bool refused, bytes4 reason, bytes memory ret)
    {
        uint256 available = gasleft();
        if (available < minGas) revert IFleekAutomator.InsufficientGasForCore(available, minGas);
        bool ok;
        (ok, ret) = address(core).call(data);
        if (ok) return (false, 0, ret);
        reason = bytes4(ret);
        if (ret.length != 4 || !_isRefusal(reason)) {
            assembly ("memory-safe") {
                revert(add(ret, 32), mload(ret))
            }
        }
        return (true, reason, ret);
    }

    /// @dev The core's errors that mean "not now" or "not any more", never a fault of the call.
    function _isRefusal(bytes4 selector) private pure returns (bool) {
        return
            selector == IPausable.CurrentlyPaused.selector
                || selector == IAllocationManager.OperatorNotSlashable.selector;
    }
}
