// Starts Debian's chromium (never a downloaded browser) headless through playwright-core, with a
// fresh profile that is removed on close.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM = '/usr/bin/chromium';

/** @returns {context, close()} a persistent context on a throwaway --user-data-dir */
export async function launchBrowser({ viewport = { width: 1360, height: 900 } } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'automator-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
