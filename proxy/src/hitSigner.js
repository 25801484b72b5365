// The proxy's signatures: the EIP-712 `Hit` proof the contract verifies, and the EIP-191
// signature of the canonical request string that lets a target check a call came from a
// registered proxy (see proxy/README.md, "Verifying a call in the target").

import { concatBytes, domainSeparator, hexToBytes, keccak256, numberToBytes, serializeSignature, toBytes } from 'viem';
import { privateKeyToAccount, sign } from 'viem/accounts';

/** The EIP-712 `Hit` type, the one JS spelling of it (the contract's is HitVerifier's HIT_TYPEHASH). */
export const hitTypes = {
  Hit: [
    { name: 'taskId', type: 'uint256' },
    { name: 'slot', type: 'uint32' },
    { name: 'operator', type: 'address' },
    { name: 'hitTimeMs', type: 'uint64' },
    { name: 'status', type: 'uint16' },
    { name: 'responseHash', type: 'bytes32' },
  ],
};

/**
 * @typedef {object} Hit
 * @property {bigint} taskId
 * @property {number} slot
 * @property {`0x${string}`} operator
 * @property {bigint} hitTimeMs
 * @property {number} status
 * @property {`0x${string}`} responseHash
 */

/** EIP-712 encodeType of `Hit`: "Hit(uint256 taskId,uint32 slot,...)", built from hitTypes. */
export const hitTypeString = `Hit(${hitTypes.Hit.map(({ name, type }) => `${type} ${name}`).join(',')})`;
const hitTypeHash = hexToBytes(keccak256(toBytes(hitTypeString)));
const separators = new Map();

/** Domain separators are per (chain, contract) and never change: computed once each. */
function separatorOf(chainId, contract) {
  const key = `${chainId}:${contract}`;
  let separator = separators.get(key);
  if (!separator) {
    separator = hexToBytes(domainSeparator({ domain: { name: 'FleekAutomator', version: '1', chainId, verifyingContract: contract } }));
    separators.set(key, separator);
  }
  return separator;
}

const word = (value) => numberToBytes(value, { size: 32 });

/**
 * The EIP-712 digest of a `Hit` under the AVS contract's domain. Encoded by hand: every field
 * is a static 32-byte word, and viem's generic hashTypedData costs more than the signature.
 * @param {{chainId: number, contract: `0x${string}`, hit: Hit}} input
 */
export function hitDigest({ chainId, contract, hit }) {
  const structHash = keccak256(
    concatBytes([hitTypeHash, word(hit.taskId), word(hit.slot), word(BigInt(hit.operator)), word(hit.hitTimeMs), word(hit.status), hexToBytes(hit.responseHash)]),
    'bytes',
  );
  return keccak256(concatBytes([Uint8Array.of(0x19, 0x01), separatorOf(chainId, contract), structHash]));
}

/**
 * The text a target call's X-Automator-Signature signs, one field per line.
 * @param {{idempotencyKey: string, timestampMs: number, method: string, url: string, body: Uint8Array}} call
 */
export function callSigningText({ idempotencyKey, timestampMs, method, url, body }) {
  return ['fleek-automator-call/1', idempotencyKey, String(timestampMs), method, url, keccak256(body)].join('\n');
}

/**
 * @param {`0x${string}`} privateKey
 */
export function createHitSigner(privateKey) {
  const account = privateKeyToAccount(privateKey);
  return {
    address: account.address,

    /**
     * @param {{chainId: number, contract: `0x${string}`, hit: Hit}} input
     * @returns {Promise<{digest: `0x${string}`, signature: `0x${string}`}>} signature: 65 bytes r||s||v, v in {27, 28}
     */
    async signHit(input) {
      const digest = hitDigest(input);
      const signature = serializeSignature(await sign({ hash: digest, privateKey }));
      return { digest, signature };
    },

    /** EIP-191 personal_sign of callSigningText(call). */
    signCall(call) {
      return account.signMessage({ message: callSigningText(call) });
    },
  };
}
