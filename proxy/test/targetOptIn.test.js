// Third-party URL protection (requireTargetOptIn): the opt-in document is fetched from the
// target's origin at its checked address, must list this AVS as eip155:<chain>:<contract> (or
// "*"), and is kept per origin and contract, so a stream of slots costs one fetch. Real local
// servers; the handler-level effect (status 0, reason not_opted_in, target never called) is in
// the reason mapping and handler.js.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { failureReason } from '../src/failureReason.js';
import { createOptInCheck, optInPath } from '../src/targetOptIn.js';
import { startTarget } from './helpers/httpServers.js';

const contract = '0x5FbDB2315678afecb367f032d93F642f64180aa3';

describe('target opt-in', () => {
  const documents = {};
  let server;
  before(async () => {
    server = await startTarget((request, _body, response) => {
      const document = documents[request.headers.host.split(':')[0]];
      if (request.url !== optInPath || document === undefined) return response.writeHead(404).end('no');
      if (document === 'redirect') return response.writeHead(302, { location: 'http://elsewhere/' }).end();
      response.writeHead(200, { 'content-type': 'application/json' }).end(typeof document === 'string' ? document : JSON.stringify(document));
    });
  });
  after(() => server.close());

  const target = (host) => ({ url: new URL(`http://${host}:${server.port}/hook`), address: '127.0.0.1', family: 4 });
  const fetchesFor = (host) => server.requests.filter((request) => request.headers.host.startsWith(`${host}:`)).length;

  it('accepts an origin that lists this chain and contract, or everything', async () => {
    documents['yes.test'] = { automators: [`eip155:31337:${contract.toLowerCase()}`] };
    documents['all.test'] = { automators: ['*'] };
    const check = createOptInCheck({ chainId: 31337 }, { userAgent: 'test' });
    assert.deepEqual(await check.check(target('yes.test'), contract), { ok: true, why: '' });
    assert.equal((await check.check(target('all.test'), contract)).ok, true);
    assert.equal(server.requests.at(-1).url, optInPath);
  });

  it('refuses an origin without the document, with another contract or chain, a redirect, or no JSON, and says why', async () => {
    documents['other.test'] = { automators: [`eip155:1:${contract}`, 'eip155:31337:0x0000000000000000000000000000000000000001'] };
    documents['redirect.test'] = 'redirect';
    documents['garbage.test'] = '{nope';
    const check = createOptInCheck({ chainId: 31337 }, { userAgent: 'test' });
    assert.match((await check.check(target('none.test'), contract)).why, /answered HTTP 404/);
    assert.match((await check.check(target('other.test'), contract)).why, /does not list eip155:31337:0x5fbdb/);
    assert.match((await check.check(target('redirect.test'), contract)).why, /answered HTTP 302/);
    assert.match((await check.check(target('garbage.test'), contract)).why, /not JSON/);
    assert.equal(failureReason({ code: 'target_not_opted_in' }), 'not_opted_in');
  });

  it('fetches the document once per origin and contract for many slots, concurrent or not', async () => {
    documents['busy.test'] = { automators: ['*'] };
    const check = createOptInCheck({ chainId: 31337 }, { userAgent: 'test' });
    await Promise.all(Array.from({ length: 20 }, () => check.check(target('busy.test'), contract)));
    for (let i = 0; i < 20; i++) await check.check(target('busy.test'), contract);
    assert.equal(fetchesFor('busy.test'), 1);
    await check.check(target('none2.test'), contract);
    await check.check(target('none2.test'), contract);
    assert.equal(fetchesFor('none2.test'), 1);
  });
});
