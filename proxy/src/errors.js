// The one error type the proxy answers with: an HTTP status, a stable machine-readable code
// (what operators and tests match on) and a human message naming what is wrong.

export class ProxyError extends Error {
  /**
   * @param {number} status HTTP status of the refusal (4xx: the request; 5xx: the proxy or its chain)
   * @param {string} code stable snake_case reason, see proxy/README.md
   * @param {string} message what is wrong, for a human
   */
  constructor(status, code, message) {
    super(message);
    this.name = 'ProxyError';
    this.status = status;
    this.code = code;
  }
}
