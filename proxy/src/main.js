// The Fleek Function entry point. Fleek calls `main(params)` with `{method, path, headers, query,
// body}` and sends back the `{status, headers, body}` it returns. The configuration and the key
// come from the environment the deployment sets (proxy/README.md lists the variables), read
// once on the first call; the bundle itself holds neither.

import { handlerFromEnv } from './handlerFromEnv.js';

/** @type {((params: object) => Promise<object>) | undefined} */
let handle;

/** Fleek exposes deployment variables on `fleek.env`; a plain node process on `process.env`. */
function deploymentEnv() {
  return globalThis.fleek?.env ?? globalThis.process?.env ?? {};
}

export const main = async (params) => {
  try {
    handle ??= handlerFromEnv(deploymentEnv()).handle;
  } catch (error) {
    console.error('proxy: not configured:', error.message);
    return {
      status: 500,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ error: 'proxy_misconfigured', message: 'the proxy is not configured; see its log' }),
    };
  }
  return handle(params);
};
