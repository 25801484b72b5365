// Where the project's JavaScript finds forge, cast and anvil: deploy/bin, which runs the
// platform binaries of @foundry-rs/* so that a tool's exit code is the caller's to see (the npm
// wrappers in node_modules/.bin drop it). Put FOUNDRY_BIN_DIR first in a child's PATH when the
// child runs the tools by name.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Folder holding forge, cast and anvil that report their own exit codes. */
export const FOUNDRY_BIN_DIR = join(ROOT, 'deploy', 'bin');
export const FORGE = join(FOUNDRY_BIN_DIR, 'forge');
export const CAST = join(FOUNDRY_BIN_DIR, 'cast');
export const ANVIL = join(FOUNDRY_BIN_DIR, 'anvil');

/** `env` with FOUNDRY_BIN_DIR at the front of its PATH. */
export function withFoundryPath(env = process.env) {
  return { ...env, PATH: `${FOUNDRY_BIN_DIR}:${env.PATH ?? ''}` };
}
