// The devnet's operator nodes (C++, build/actors/automator-operator), one per operator account;
// placeholder until the node and its config templates (config/*.ini) exist.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './devchain.mjs';

export const operatorBinary = () => join(ROOT, 'build', 'actors', 'automator-operator');

export async function startOperators({ print }) {
  const templates = ['single-process.ini', 'split-callers.ini', 'split-submitter.ini'].map((f) => join(ROOT, 'config', f));
  const missing = templates.filter((t) => !existsSync(t));
  if (missing.length) print(`operator config templates missing (${missing.join(', ')}): running without operators`);
  return [];
}
