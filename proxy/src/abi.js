// The subset of IFleekAutomator (contracts/src/interfaces/IFleekAutomator.sol) the proxy reads.

import { parseAbi } from 'viem';

export const automatorAbi = parseAbi([
  'struct Task { address owner; uint64 start; uint32 interval; uint32 count; uint32 tolerance; uint8 method; uint8 quorum; bool cancelled; uint128 feePerHit; uint128 deposit; uint32 proven; uint32 missed; uint64 createdBlock; bytes32 targetHash; bytes32 bodyHash; }',
  'struct Params { uint32 epochLength; uint32 activationDelay; uint8 redundancy; uint32 failoverDelay; uint32 submitWindow; uint32 minTolerance; uint32 maxTolerance; uint32 maxMisses; uint64 slashWad; uint16 maxUrlLength; uint16 maxBodyLength; }',
  'function getTask(uint256 taskId) view returns (Task)',
  'function taskCount() view returns (uint256)',
  'function params() view returns (Params)',
  'function eligibleOperators(uint256 taskId, uint32 slot) view returns (address[] operators, uint64[] earliest)',
  'function isProxySigner(address signer) view returns (bool)',
  // FleekAutomator beyond the interface: the first slot a cancelled task no longer serves.
  'function servedSlots(uint256 taskId) view returns (uint32)',
  'error UnknownTask(uint256 taskId)',
  'error SlotOutOfRange(uint256 taskId, uint32 slot)',
  'error NoOperators(uint64 timestamp)',
  'event TaskCreated(uint256 indexed taskId, address indexed owner, string url, uint8 method, bytes body, uint64 start, uint32 interval, uint32 count, uint32 tolerance, uint8 quorum, uint128 feePerHit)',
]);

/** Index of IFleekAutomator.Method → HTTP method. */
export const httpMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
