// Unit tests of error descriptions (portal/src/errors.js) with viem's own error classes and the
// contract's real ABI from contracts/out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeErrorResult, ContractFunctionRevertedError, ContractFunctionExecutionError, UserRejectedRequestError, BaseError, HttpRequestError } from 'viem';
import { describeError, explainContractError } from '../src/errors.js';
import { loadAbis } from '../abis.mjs';

const { automatorAbi: abi } = loadAbis();

function reverted(errorName, args) {
  const data = encodeErrorResult({ abi, errorName, args });
  const cause = new ContractFunctionRevertedError({ abi, data, functionName: 'createTask' });
  return new ContractFunctionExecutionError(cause, { abi, functionName: 'createTask', args: [] });
}

test('a custom error is decoded by name with its arguments', () => {
  const text = describeError(reverted('ToleranceOutOfBounds', [99, 1, 60]));
  assert.equal(text, 'ToleranceOutOfBounds: Tolerance 99 s is outside the allowed 1..60 s.');
  assert.match(describeError(reverted('DepositMismatch', [1n, 10n ** 18n])), /deposit must be 1 ETH/);
  assert.match(describeError(reverted('NotTaskOwner', [7n, '0x' + '11'.repeat(20)])), /owner of task #7/);
});

test('an unknown error name still shows its arguments', () => {
  assert.equal(explainContractError('OwnableUnauthorizedAccount', ['0xabc']), 'OwnableUnauthorizedAccount(0xabc)');
});

test('a wallet rejection and other errors', () => {
  const rejected = new BaseError('rejected', { cause: new UserRejectedRequestError(new Error('no')) });
  assert.equal(describeError(rejected), 'You rejected the request in your wallet.');
  assert.equal(describeError(new Error('plain')), 'plain');
});

test('an unreachable RPC names the HTTP status and the relay\'s message', () => {
  const down = new HttpRequestError({ url: 'http://x/rpc', status: 502, details: JSON.stringify({ code: -32603, message: 'chain RPC http://127.0.0.1:8545 unreachable: ECONNREFUSED' }) });
  assert.equal(describeError(down), 'The chain RPC did not answer (HTTP 502): chain RPC http://127.0.0.1:8545 unreachable: ECONNREFUSED');
  const refused = new HttpRequestError({ url: 'http://x/rpc', cause: new TypeError('Failed to fetch') });
  assert.equal(describeError(refused), 'The chain RPC did not answer: Failed to fetch');
});
