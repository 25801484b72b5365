// The devnet's sample target function: a tiny HTTP server that logs every call the proxy makes
// (task, slot, method, body) and answers 200 with a small JSON body; /health is its readiness probe.
//   node deploy/sample_target.mjs [--port 8790]
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { port: { type: 'string', default: '8790' }, host: { type: 'string', default: '127.0.0.1' } } });
let calls = 0;
const seen = new Set();

const server = createServer((req, res) => {
  if (req.url === '/health') return res.writeHead(200).end('ok'); // readiness probe, not a call
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    calls += 1;
    const key = req.headers['x-automator-idempotency-key'] ?? '-';
    const repeat = seen.has(key);
    seen.add(key);
    const task = req.headers['x-automator-task'] ?? '?';
    const slot = req.headers['x-automator-slot'] ?? '?';
    const body = Buffer.concat(chunks).toString('utf8');
    console.log(`call #${calls}: ${req.method} ${req.url} task ${task} slot ${slot}${repeat ? ' (repeat of an idempotency key)' : ''}${body ? ` body ${body.slice(0, 80)}` : ''}`);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true, task, slot, call: calls, at: new Date().toISOString() }));
  });
});

server.listen(Number(values.port), values.host, () => console.log(`sample target listening on http://${values.host}:${values.port}/`));
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => server.close(() => process.exit(0)));
