// Builds the handler from environment variables: the one way both the Fleek entry point and the
// local runner configure the proxy (variables listed in proxy/README.md).

import { configFromEnv } from './config.js';
import { createHandler } from './handler.js';
import { createHitSigner } from './hitSigner.js';
import { loadPrivateKey } from './keySource.js';

/**
 * @param {Record<string, string | undefined>} env
 * @param {{now?: () => number}} [options]
 */
export function handlerFromEnv(env, options = {}) {
  const config = configFromEnv(env);
  const privateKey = loadPrivateKey({
    privateKey: env.AUTOMATOR_PROXY_KEY,
    keyFile: env.AUTOMATOR_KEY_FILE,
    keystorePath: env.AUTOMATOR_KEYSTORE,
    keystorePassword: env.AUTOMATOR_KEYSTORE_PASSWORD,
    keystorePasswordFile: env.AUTOMATOR_KEYSTORE_PASSWORD_FILE,
  });
  const signer = createHitSigner(privateKey);
  return { config, signer, handle: createHandler({ config, signer, ...options }) };
}
