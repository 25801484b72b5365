// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IAVSRegistrar
/// @notice Called back by EigenLayer's AllocationManager when an operator registers for or
/// deregisters from an AVS's operator sets.
interface IAVSRegistrar {
    function registerOperator(address operator, address avs, uint32[] calldata operatorSetIds, bytes calldata data)
        external;

    function deregisterOperator(address operator, address avs, uint32[] calldata operatorSetIds) external;

    /// @notice Whether this registrar serves `avs`; the AllocationManager checks it in `setAVSRegistrar`.
    function supportsAVS(address avs) external view returns (bool);
}
