#!/usr/bin/env node
// Bundles the proxy into the one ES module file `fleek functions deploy --path` takes: every
// dependency (viem included) inlined, only `node:` built-ins left as imports, and no environment
// value baked in (the key and settings are read at run time from the deployment's variables).
// Usage: node proxy/scripts/bundle.mjs [OUTFILE]   (default proxy/dist/function.js)

import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const proxyDir = fileURLToPath(new URL('..', import.meta.url));

/**
 * @param {{outfile?: string}} [options]
 * @returns {Promise<{outfile: string, bytes: number, imports: string[]}>} imports: what the bundle still imports
 */
export async function bundleProxy({ outfile = `${proxyDir}dist/function.js` } = {}) {
  const result = await build({
    entryPoints: [`${proxyDir}src/main.js`],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  });
  const [output] = Object.values(result.metafile.outputs);
  return { outfile, bytes: output.bytes, imports: output.imports.map(({ path }) => path) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { outfile, bytes } = await bundleProxy({ outfile: process.argv[2] });
  console.log(`bundled ${outfile} (${(bytes / 1024).toFixed(0)} KiB)`);
}
