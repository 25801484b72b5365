// Why a target call ended with status 0, as one stable code that travels with the proof in the
// proxy's answer (`call.reason`) and in its log, so an operator (and the task owner) can tell a
// target that is down from one that resets, hangs, does not resolve or is forbidden. The free
// text (`call.failure`) says the rest.

/** The codes, for the README and the tests. */
export const failureReasons = ['dns', 'forbidden', 'not_opted_in', 'refused', 'reset', 'timeout', 'unreachable', 'tls', 'aborted', 'protocol', 'other'];

const byErrorCode = {
  ECONNREFUSED: 'refused',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  ECONNABORTED: 'reset',
  ETIMEDOUT: 'timeout',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  EHOSTDOWN: 'unreachable',
  EADDRNOTAVAIL: 'unreachable',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EPROTO: 'tls',
};

/**
 * @param {{code?: string, message?: string}} error a socket/HTTP error, or one of the proxy's own
 * @returns {string} one of failureReasons
 */
export function failureReason(error) {
  const code = String(error?.code ?? '');
  if (code === 'target_unresolved') return 'dns';
  if (code === 'target_forbidden') return 'forbidden';
  if (code === 'target_not_opted_in') return 'not_opted_in';
  if (byErrorCode[code]) return byErrorCode[code];
  if (code.startsWith('HPE_')) return 'protocol';
  if (code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/.test(code)) return 'tls';
  return 'other';
}

/** Failures worth a second try on a fresh connection: nothing of the response had arrived. */
export function isRetryableTransportFailure(reason) {
  return reason === 'reset' || reason === 'refused';
}
