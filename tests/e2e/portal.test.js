// End to end, in Debian's chromium: a devnet on free ports, a task created through the portal,
// its proven hits on the task page, an operator stopped (its slots taken over by a backup or
// reported missed, and the penalty on the operators page), a cancel with refund, and the RPC banner when the chain's
// RPC goes away and comes back. Screenshots go to test-results/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { launchBrowser } from './browser.mjs';
import { startTestDevnet, startRelay, screenshotPath } from './helpers.mjs';
import { operatorBinary } from '../../deploy/lib/operators.mjs';
import { startPortal } from '../../portal/serve.mjs';

const HAVE_OPERATORS = existsSync(operatorBinary());
let devnet;
let browser;
let page;
let taskPath;

before(async () => {
  devnet = await startTestDevnet();
  browser = await launchBrowser();
  page = await browser.context.newPage();
  page.on('pageerror', (err) => devnet.log.write(`[browser] page error: ${err.message}\n`));
});

after(async () => {
  await browser?.close();
  await devnet?.stop();
});

const rows = (state) => page.locator(`tr[data-state="${state}"]`);

async function waitForCount(locator, atLeast, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const n = await locator.count();
    if (n >= atLeast) return n;
    if (Date.now() > deadline) throw new Error(`${what}: ${n} after ${timeoutMs / 1000} s, expected at least ${atLeast}`);
    await page.waitForTimeout(500);
  }
}

test('a task created through the portal shows its proven hits', async () => {
  await page.goto(`${devnet.portalUrl}#/new`);
  await page.waitForSelector('#block-number');
  // Validation happens before any transaction.
  await page.fill('#f-url', 'not a url');
  await page.click('#create-submit');
  assert.match(await page.textContent('#e-url'), /not valid/);

  await page.fill('#f-url', devnet.targetUrl);
  await page.fill('#f-every', '2');
  await page.fill('#f-runs', '40');
  await page.fill('#f-tolerance', '3');
  await page.fill('#f-fee', '0.001');
  await page.click('#create-submit');
  await page.waitForURL(/#\/task\/\d+$/, { timeout: 30000 });
  taskPath = new URL(page.url()).hash;
  await page.waitForSelector('.tx-confirmed');
  await page.waitForSelector('table.slots');
  assert.equal(await page.locator('tr[data-slot]').count(), 30); // first page of 40 slots

  if (HAVE_OPERATORS) {
    await waitForCount(rows('proven'), 3, 60000, 'proven slots on the task page');
    const proven = rows('proven').first();
    assert.match(await proven.textContent(), /200/);
    assert.match(await proven.locator('a').first().getAttribute('href'), /^#\/tx\/0x[0-9a-f]{64}$/);
  }
  await page.screenshot({ path: screenshotPath('e2e-task.png'), fullPage: true });
});

test('a stopped operator\'s slots are taken over or reported missed, and the penalty shows', async () => {
  await page.goto(`${devnet.portalUrl}${taskPath}`);
  if (HAVE_OPERATORS) {
    // With one operator down, a backup proves the slots it was primary of.
    const [first, second] = devnet.operators;
    await first.stop();
    const takenOver = page.locator(`tr[data-state="proven"][data-primary="${first.address}"] .badge-backup`);
    await waitForCount(takenOver, 1, 60000, `slots of the stopped operator ${first.address} proven by a backup`);
    await page.screenshot({ path: screenshotPath('e2e-task-takeover.png'), fullPage: true });
    // With two down, a slot whose primary and backup are both gone has no proof.
    await second.stop();
  }
  // A slot nobody proved goes late; anyone may report it, which penalizes its primary.
  await waitForCount(page.locator('tr[data-state="late"], tr[data-state="missed"]'), 1, 90000, 'late or missed slots');
  if (await rows('missed').count() === 0) {
    await rows('late').first().locator('button', { hasText: 'Report missed' }).click();
    await page.waitForSelector('.tx-confirmed >> text=penalized', { timeout: 30000 });
    await waitForCount(rows('missed'), 1, 15000, 'missed slots after the report');
  }
  const primary = await rows('missed').first().getAttribute('data-primary');
  await page.screenshot({ path: screenshotPath('e2e-task-missed.png'), fullPage: true });

  await page.goto(`${devnet.portalUrl}#/operators`);
  const row = page.locator(`tr[data-operator="${primary}"]`);
  await row.waitFor();
  await page.waitForFunction((op) => /slash/.test(document.querySelector(`tr[data-operator="${op}"] .penalties`)?.textContent ?? ''), primary, { timeout: 15000 });
  assert.match(await row.locator('.penalties').textContent(), /\d+ slash(es)? \(\d+(\.\d+)?%\)/);
  // Its node is down: the page says it is not proving (or, past the miss limit, ejected).
  assert.match(await row.getAttribute('data-state'), /^(not proving|ejected)$/);
  await page.screenshot({ path: screenshotPath('e2e-operators.png'), fullPage: true });
});

test('cancelling the task refunds its unspent deposit', async () => {
  await page.goto(`${devnet.portalUrl}${taskPath}`);
  await page.click('#cancel-task');
  await page.waitForSelector('.tx-confirmed >> text=refunded', { timeout: 30000 });
  await page.waitForSelector('h2 .badge-cancelled');
  await page.waitForFunction(() => /Cancelled\s*refund \d/.test(document.querySelector('.facts')?.textContent ?? ''));
  await page.goto(`${devnet.portalUrl}#/`);
  await page.waitForSelector(`tr[data-task] .badge-cancelled`);
});

test('the portal says when the RPC is unreachable and recovers when it is back', async () => {
  const relay = await startRelay(Number(new URL(devnet.rpcUrl).port));
  const { writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const configPath = join(tmpdir(), `automator-e2e-portal-${process.pid}.json`);
  writeFileSync(configPath, JSON.stringify({ ...devnet.deployment, rpcUrl: relay.url }));
  const portal = await startPortal({ configPath, port: 0 });
  try {
    await page.goto(portal.url);
    await page.waitForSelector('#block-number');
    assert.equal(await page.isVisible('#rpc-banner'), false);
    await relay.cut();
    await page.waitForSelector('#rpc-banner', { state: 'visible', timeout: 15000 });
    assert.match(await page.textContent('#rpc-banner'), /Chain RPC unreachable/);
    await page.screenshot({ path: screenshotPath('e2e-rpc-down.png') });
    await relay.restore();
    await page.waitForSelector('#rpc-banner', { state: 'hidden', timeout: 15000 });
  } finally {
    await portal.close();
    await relay.cut().catch(() => {});
  }
});
