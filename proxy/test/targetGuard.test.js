// The SSRF guard: every special address range, the URL forms that hide them, and DNS names that
// resolve to them (through a real local DNS server).

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { classifyAddress, createTargetGuard, embeddedIPv4 } from '../src/targetGuard.js';
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

describe('addresses that carry IPv4, and the rest of the IANA special-purpose registries', () => {
  const cases = {
    '::ffff:0:7f00:1': 'ipv4_translated', // ::ffff:0:127.0.0.1 (SIIT)
    '::ffff:0:a00:1': 'ipv4_translated',
    '::ffff:0:808:808': 'ipv4_translated',
    '64:ff9b::192.168.0.1': 'reserved', // NAT64 of a private address
    '64:ff9b:1::a00:1': 'reserved', // local-use NAT64
    '2002:c0a8:1::1': 'reserved', // 6to4 of 192.168.0.1
    '2001:0:4136:e378:8000:63bf:f5ff:fffe': 'reserved', // Teredo, client 10.0.0.1
    '2001:2::1': 'reserved', // benchmarking
    '2001:20::1': 'reserved', // ORCHIDv2
    '3fff::1': 'reserved', // documentation (RFC 9637)
    '5f00::1': 'reserved', // SRv6 SIDs
    '100::1': 'reserved', // discard-only
    '4000::1': 'reserved', // outside 2000::/3: unassigned
    '::2': 'reserved',
    '192.88.99.1': 'reserved',
    '192.31.196.1': 'reserved',
    '192.52.193.1': 'reserved',
    '192.175.48.1': 'reserved',
    '2001:200::1': 'public',
    '2a00:1450:4001::200e': 'public',
  };
  for (const [address, category] of Object.entries(cases)) {
    it(`${address} is ${category}`, () => assert.equal(classifyAddress(address), category));
  }

  it('names the IPv4 address an IPv6 target carries', () => {
    assert.deepEqual(embeddedIPv4('::ffff:0:7f00:1'), { form: 'IPv4-translated', ipv4: '127.0.0.1' });
    assert.deepEqual(embeddedIPv4('::ffff:10.1.2.3'), { form: 'IPv4-mapped', ipv4: '10.1.2.3' });
    assert.deepEqual(embeddedIPv4('64:ff9b::a00:1'), { form: 'NAT64', ipv4: '10.0.0.1' });
    assert.deepEqual(embeddedIPv4('2002:a9fe:a9fe::1'), { form: '6to4', ipv4: '169.254.169.254' });
    assert.deepEqual(embeddedIPv4('2001:0:4136:e378:8000:63bf:3fff:fdd2'), { form: 'Teredo', ipv4: '192.0.2.45' });
    assert.equal(embeddedIPv4('2606:4700:4700::1111'), null);
  });

  it('refuses them even where loopback and private targets are allowed, naming what they carry', async () => {
    const open = createTargetGuard({ allowLoopback: true, allowPrivate: true, dnsServers: [] });
    const refused = async (url, pattern) =>
      assert.rejects(open.resolveTarget(url), (error) => error.code === 'target_forbidden' && pattern.test(error.message));
    await refused('http://[::ffff:0:7f00:1]/', /IPv4-translated of 127\.0\.0\.1, loopback.*ipv4-translated/);
    await refused('http://[64:ff9b::a9fe:a9fe]/', /NAT64 of 169\.254\.169\.254, link-local/);
    await refused('http://[2002:a00:1::1]/', /6to4 of 10\.0\.0\.1, private/);
  });

  it('resolves names with an injected resolver, whose failure is target_unresolved', async () => {
    const guard = createTargetGuard({ allowLoopback: true, allowPrivate: false, dnsServers: [] }, async (host) => {
      if (host === 'gone.test') throw Object.assign(new Error('no such name'), { code: 'ENOTFOUND' });
      return host === 'empty.test' ? [] : [{ address: '127.0.0.1', family: 4 }];
    });
    assert.equal((await guard.resolveTarget('http://here.test:9/')).address, '127.0.0.1');
    await assert.rejects(guard.resolveTarget('http://gone.test/'), (error) => error.code === 'target_unresolved' && /ENOTFOUND/.test(error.message));
    await assert.rejects(guard.resolveTarget('http://empty.test/'), { code: 'target_unresolved' });
  });
});
