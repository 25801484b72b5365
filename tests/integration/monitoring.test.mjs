// deploy/monitoring/: the Prometheus alert rules parse as YAML (the `yaml` npm package, a full
// YAML 1.2 parser) into well-formed rule groups, the Grafana dashboard parses as JSON, and every
// metric either of them names is exported by a running automator-operator (scraped from its
// /metrics on a bare anvil; a histogram counts for its _bucket/_sum/_count series).
//   AUTOMATOR_OPERATOR=build/actors/automator-operator node --test tests/integration/monitoring.test.mjs
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT, ANVIL_KEYS } from '../../deploy/lib/devchain.mjs';
import { metricsOf, processGroup, startNodeOnBareChain } from './lib/processes.mjs';

const alerts = parse(readFileSync(join(ROOT, 'deploy/monitoring/prometheus-alerts.yml'), 'utf8'));
const dashboard = JSON.parse(readFileSync(join(ROOT, 'deploy/monitoring/grafana-dashboard.json'), 'utf8'));
const rules = alerts.groups.flatMap((g) => g.rules);
const panels = dashboard.panels.filter((p) => p.type !== 'row');
const expressions = [...rules.map((r) => r.expr), ...panels.flatMap((p) => p.targets.map((t) => t.expr))];
// Series Prometheus makes itself, not the node.
const SYNTHETIC = new Set(['up']);

test('the alert rules are well-formed groups of alerts', () => {
  assert.ok(Array.isArray(alerts.groups) && alerts.groups.length > 0);
  const names = new Set();
  for (const rule of rules) {
    assert.match(rule.alert, /^[A-Z][A-Za-z]+$/, JSON.stringify(rule));
    assert.ok(!names.has(rule.alert), `alert ${rule.alert} twice`);
    names.add(rule.alert);
    assert.equal(typeof rule.expr, 'string');
    assert.ok(['critical', 'warning'].includes(rule.labels?.severity), `${rule.alert}: severity`);
    assert.ok(rule.annotations?.summary, `${rule.alert}: summary`);
    if (rule.for) assert.match(rule.for, /^\d+[smh]$/);
  }
  // What an operator must act on (issue 14): drift, misses, low gas, a stuck submitter, a caller
  // down, the chain watcher behind.
  for (const alert of ['AutomatorFireDriftHigh', 'AutomatorOperatorMissedSlots', 'AutomatorGasBalanceLow',
    'AutomatorSubmitterStuck', 'AutomatorCallerDown', 'AutomatorChainWatcherBehind']) assert.ok(names.has(alert), alert);
});

test('the dashboard is a Grafana dashboard with unique panel ids and a query per panel', () => {
  assert.equal(typeof dashboard.title, 'string');
  assert.ok(dashboard.uid && dashboard.schemaVersion >= 30);
  const ids = dashboard.panels.map((p) => p.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const p of panels) {
    assert.ok(p.targets.length > 0 && p.targets.every((t) => t.expr && t.refId), p.title);
    assert.ok(p.gridPos.x + p.gridPos.w <= 24, `${p.title} fits the grid`);
  }
});

test('every metric the alerts and the dashboard name is exported by a running node', { timeout: 90_000 }, async () => {
  const operator = process.env.AUTOMATOR_OPERATOR;
  assert.ok(operator, 'set AUTOMATOR_OPERATOR to the automator-operator binary');
  const work = mkdtempSync(join(tmpdir(), 'automator-monitoring-'));
  const group = processGroup();
  after(async () => {
    await group.stopAll();
    rmSync(work, { recursive: true, force: true });
  });
  const { metricsPort } = await startNodeOnBareChain({ group, work, operator, key: ANVIL_KEYS[1], contract: '0x000000000000000000000000000000000000dEaD' });
  const text = await metricsOf(metricsPort);
  const families = new Map([...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1], m[2]]));
  const exported = (name) => families.has(name) ||
    ['_bucket', '_sum', '_count'].some((s) => name.endsWith(s) && families.get(name.slice(0, -s.length)) === 'histogram');
  const named = new Set(expressions.flatMap((e) => [...e.matchAll(/\b[a-z_][a-z0-9_]*(?=\s*(\{|\[|$|\)|\s|>|<|=|-|\/|\*|\+))/g)].map((m) => m[0])));
  const metrics = [...named].filter((n) => /^(automator|eigen)_/.test(n));
  assert.ok(metrics.length >= 25, `found ${metrics.length} metric names`);
  const missing = metrics.filter((n) => !exported(n));
  assert.deepEqual(missing, [], `not exported by the node: ${missing.join(', ')}`);
  for (const n of named) if (!/^(automator|eigen)_/.test(n) && !SYNTHETIC.has(n) && families.has(n) === false) {
    // PromQL functions and keywords (rate, sum, by, le, ...) are not metric names: only flag
    // something that looks like a metric and is neither ours nor Prometheus's.
    assert.ok(!/_total$|_seconds$|_block$/.test(n), `unknown metric ${n}`);
  }
  // The health-check series the alerts select by label exist on a running node.
  assert.match(text, /^automator_health_check\{check="contract"\} 0$/m);
});
