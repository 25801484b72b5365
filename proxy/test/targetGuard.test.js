// The SSRF guard: every special address range, the URL forms that hide them, and DNS names that
// resolve to them (through a real local DNS server).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { classifyAddress, createTargetGuard } from '../src/targetGuard.js';
import { startDnsServer } from './helpers/dnsServer.js';

describe('classifyAddress', () => {
  const cases = {
    '127.0.0.1': 'loopback',
    '127.255.0.9': 'loopback',
    '::1': 'loopback',
    '10.1.2.3': 'private',
    '172.16.0.1': 'private',
    '172.31.255.255': 'private',
    '192.168.1.1': 'private',
    'fd00:ec2::254': 'private',
    'fc00::1': 'private',
    '100.64.0.1': 'cgnat',
    '100.100.100.200': 'cgnat',
    '169.254.169.254': 'link_local',
    'fe80::1': 'link_local',
    '::ffff:127.0.0.1': 'ipv4_mapped',
    '::ffff:8.8.8.8': 'ipv4_mapped',
    '::127.0.0.1': 'reserved',
    '64:ff9b::a00:1': 'reserved',
    '2002:7f00:1::': 'reserved',
    '0.0.0.0': 'unspecified',
    '::': 'unspecified',
    '224.0.0.1': 'multicast',
    '255.255.255.255': 'reserved',
    '8.8.8.8': 'public',
    '172.32.0.1': 'public',
    '2606:4700:4700::1111': 'public',
  };
  for (const [address, category] of Object.entries(cases)) {
    it(`${address} is ${category}`, () => assert.equal(classifyAddress(address), category));
  }
});

describe('target guard', () => {
  let dns;
  before(async () => {
    dns = await startDnsServer({
      'public.test': ['93.184.215.14'],
      'private.test': ['10.0.0.5'],
      'metadata.test': ['169.254.169.254'],
      'loopback6.test': ['::1'],
      'mixed.test': ['93.184.215.14', '192.168.0.7'],
      'mapped.test': ['::ffff:7f00:1'],
    });
  });
  after(() => dns.close());

  const strict = () => createTargetGuard({ allowLoopback: false, allowPrivate: false, dnsServers: [dns.server] });
  const refused = async (guard, url, pattern) =>
    assert.rejects(guard.resolveTarget(url), (error) => error.code === 'target_forbidden' && pattern.test(error.message));

  it('refuses loopback in every spelling', async () => {
    const guard = strict();
    for (const url of [
      'http://127.0.0.1/',
      'http://127.1/',
      'http://2130706433/', // decimal
      'http://0177.0.0.1/', // octal
      'http://0x7f.0.0.1/', // hex
      'http://[::1]:8080/',
      'http://[0:0:0:0:0:0:0:1]/',
    ]) {
      await refused(guard, url, /loopback/);
    }
  });

  it('refuses IPv4-mapped IPv6 even where loopback is allowed', async () => {
    const guard = createTargetGuard({ allowLoopback: true, allowPrivate: false, dnsServers: [dns.server] });
    await refused(guard, 'http://[::ffff:127.0.0.1]/', /ipv4-mapped/);
    await refused(guard, 'http://mapped.test/', /ipv4-mapped/);
  });

  it('refuses private, CGNAT, link-local and metadata addresses', async () => {
    const guard = strict();
    await refused(guard, 'http://10.0.0.1/', /private/);
    await refused(guard, 'http://192.168.1.1/', /private/);
    await refused(guard, 'http://100.64.1.1/', /cgnat/);
    await refused(guard, 'http://169.254.169.254/latest/meta-data/', /link-local/);
    await refused(guard, 'http://[fd00:ec2::254]/', /private/);
    await refused(guard, 'http://[fe80::1]/', /link-local/);
  });

  it('refuses DNS names that resolve to private addresses, even one of several', async () => {
    const guard = strict();
    await refused(guard, 'http://private.test/', /private\.test resolves to 10\.0\.0\.5/);
    await refused(guard, 'http://metadata.test/', /169\.254\.169\.254/);
    await refused(guard, 'http://loopback6.test/', /::1/);
    await refused(guard, 'http://mixed.test/', /192\.168\.0\.7/);
    const system = createTargetGuard({ allowLoopback: false, allowPrivate: false, dnsServers: [] });
    await refused(system, 'http://localhost/', /loopback/);
  });

  it('refuses other schemes and credentials', async () => {
    const guard = strict();
    await refused(guard, 'file:///etc/passwd', /scheme/);
    await refused(guard, 'gopher://public.test/', /scheme/);
    await refused(guard, 'http://user:pw@public.test/', /credentials/);
    await refused(guard, 'not a url', /not a URL/);
  });

  it('pins the resolved public address', async () => {
    const { url, address, family } = await strict().resolveTarget('https://public.test/hook?x=1');
    assert.equal(url.hostname, 'public.test');
    assert.deepEqual({ address, family }, { address: '93.184.215.14', family: 4 });
  });

  it('allows loopback and private only where configured', async () => {
    const devnet = createTargetGuard({ allowLoopback: true, allowPrivate: false, dnsServers: [] });
    assert.equal((await devnet.resolveTarget('http://127.0.0.1:9/')).address, '127.0.0.1');
    assert.equal((await devnet.resolveTarget('http://[::1]:9/')).address, '::1');
    await refused(devnet, 'http://10.0.0.1/', /private/);
    const closed = createTargetGuard({ allowLoopback: false, allowPrivate: true, dnsServers: [dns.server] });
    assert.equal((await closed.resolveTarget('http://private.test/')).address, '10.0.0.5');
    await refused(closed, 'http://169.254.169.254/', /link-local/);
  });

  it('reports a name that does not resolve', async () => {
    await assert.rejects(strict().resolveTarget('http://nowhere.test/'), { code: 'target_unresolved' });
  });
});
