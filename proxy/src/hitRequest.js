// Parses and validates the body of a hit request, `{chainId, contract, taskId, slot, operator}`
// plus, for a co-signature, `cosign: {hitTimeMs, status, responseHash, signature}`, into typed
// values. Every refusal names the field that is wrong.

import { getAddress, isAddress, isHex } from 'viem';
import { ProxyError } from './errors.js';

const maxUint256 = (1n << 256n) - 1n;
const maxUint32 = 2 ** 32 - 1;
const maxUint64 = (1n << 64n) - 1n;

/**
 * @typedef {object} HitRequest
 * @property {number} chainId
 * @property {`0x${string}`} contract checksummed
 * @property {bigint} taskId
 * @property {number} slot
 * @property {`0x${string}`} operator checksummed
 * @property {{hitTimeMs: bigint, status: number, responseHash: `0x${string}`, signature: `0x${string}`}} [cosign]
 *   another proxy's signed answer to co-sign (quorum tasks)
 */

/**
 * @param {unknown} body the request body as Fleek passes it: a JSON string, or already parsed
 * @param {number} maxBytes cap on the body's size
 * @returns {HitRequest}
 */
export function parseHitRequest(body, maxBytes) {
  const fields = parseJsonObject(body, maxBytes);
  return {
    chainId: unsignedInteger(fields, 'chainId', Number.MAX_SAFE_INTEGER, Number),
    contract: address(fields, 'contract'),
    taskId: unsignedInteger(fields, 'taskId', maxUint256, (value) => value),
    slot: unsignedInteger(fields, 'slot', maxUint32, Number),
    operator: address(fields, 'operator'),
    ...(fields.cosign === undefined ? {} : { cosign: parseCosign(fields.cosign) }),
  };
}

function parseCosign(cosign) {
  if (typeof cosign !== 'object' || cosign === null || Array.isArray(cosign)) {
    throw new ProxyError(400, 'bad_request', 'cosign must be an object {hitTimeMs, status, responseHash, signature}');
  }
  return {
    hitTimeMs: unsignedInteger(cosign, 'hitTimeMs', maxUint64, (value) => value),
    status: unsignedInteger(cosign, 'status', 65_535, Number),
    responseHash: hexBytes(cosign, 'responseHash', 32),
    signature: hexBytes(cosign, 'signature', 65),
  };
}

function hexBytes(fields, name, size) {
  const raw = fields[name];
  if (!isHex(raw, { strict: true }) || raw.length !== 2 + 2 * size) {
    throw new ProxyError(400, 'bad_request', `${name} must be ${size} bytes of 0x-prefixed hex, got ${JSON.stringify(raw)}`);
  }
  return raw;
}

function parseJsonObject(body, maxBytes) {
  if (body === undefined || body === null || body === '') {
    throw new ProxyError(400, 'bad_request', 'the request needs a JSON body {chainId, contract, taskId, slot, operator}');
  }
  if (typeof body === 'object' && !Buffer.isBuffer(body)) return body;
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : String(body);
  if (Buffer.byteLength(text) > maxBytes) {
    throw new ProxyError(413, 'body_too_large', `the request body is larger than ${maxBytes} bytes`);
  }
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ProxyError(400, 'bad_request', `the request body is not JSON: ${error.message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ProxyError(400, 'bad_request', 'the request body must be a JSON object');
  }
  return parsed;
}

/** Accepts a JSON number (when safe) or a decimal string, because a uint256 overflows JSON numbers. */
function unsignedInteger(fields, name, max, convert) {
  const raw = fields[name];
  let value;
  if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0) value = BigInt(raw);
  else if (typeof raw === 'string' && /^[0-9]{1,78}$/.test(raw)) value = BigInt(raw);
  else throw new ProxyError(400, 'bad_request', `${name} must be an unsigned integer (number or decimal string), got ${JSON.stringify(raw)}`);
  if (value > BigInt(max)) throw new ProxyError(400, 'bad_request', `${name} is out of range: ${value}`);
  return convert(value);
}

function address(fields, name) {
  const raw = fields[name];
  if (typeof raw !== 'string' || !isAddress(raw, { strict: false })) {
    throw new ProxyError(400, 'bad_request', `${name} must be a 0x-prefixed 20-byte address, got ${JSON.stringify(raw)}`);
  }
  return getAddress(raw);
}
