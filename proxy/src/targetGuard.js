// Keeps the proxy from being an open relay into private networks: a registered target URL is
// called only over http(s), without credentials, and only if every address its host resolves to
// is public (loopback and private ranges only when the configuration allows them). The caller
// connects to the address checked here, so a second DNS answer cannot swap in a private one.

import { promises as dns } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { ProxyError } from './errors.js';

// Checked in this order. IPv4 and IPv6 ranges live in separate lists because node's BlockList
// matches an IPv4 address against IPv6 rules through its mapped form (and the reverse), which
// would hide an IPv4-mapped address behind the range of the IPv4 address it carries.
const rangesByCategory = [
  ['ipv4_mapped', [['::ffff:0:0', 96, 'ipv6']]],
  ['loopback', [['127.0.0.0', 8, 'ipv4'], ['::1', 128, 'ipv6']]],
  ['private', [['10.0.0.0', 8, 'ipv4'], ['172.16.0.0', 12, 'ipv4'], ['192.168.0.0', 16, 'ipv4'], ['fc00::', 7, 'ipv6']]],
  ['cgnat', [['100.64.0.0', 10, 'ipv4']]],
  ['link_local', [['169.254.0.0', 16, 'ipv4'], ['fe80::', 10, 'ipv6'], ['fec0::', 10, 'ipv6']]],
  ['unspecified', [['0.0.0.0', 8, 'ipv4'], ['::', 128, 'ipv6']]],
  ['multicast', [['224.0.0.0', 4, 'ipv4'], ['ff00::', 8, 'ipv6']]],
  [
    'reserved',
    [
      ['192.0.0.0', 24, 'ipv4'],
      ['192.0.2.0', 24, 'ipv4'],
      ['198.18.0.0', 15, 'ipv4'],
      ['198.51.100.0', 24, 'ipv4'],
      ['203.0.113.0', 24, 'ipv4'],
      ['240.0.0.0', 4, 'ipv4'],
      ['::', 96, 'ipv6'], // IPv4-compatible (deprecated)
      ['64:ff9b::', 96, 'ipv6'], // NAT64 can reach private IPv4
      ['64:ff9b:1::', 48, 'ipv6'],
      ['100::', 64, 'ipv6'],
      ['2001::', 32, 'ipv6'], // Teredo
      ['2001:db8::', 32, 'ipv6'],
      ['2002::', 16, 'ipv6'], // 6to4 embeds any IPv4 address
    ],
  ],
].map(([category, ranges]) => {
  const lists = { ipv4: new BlockList(), ipv6: new BlockList() };
  for (const [network, prefix, family] of ranges) lists[family].addSubnet(network, prefix, family);
  return { category, lists };
});

/**
 * The kind of address `ip` is: 'public' or the special range it falls in.
 * @param {string} ip an IPv4 or IPv6 address without brackets
 */
export function classifyAddress(ip) {
  const family = isIP(ip);
  if (family === 0) throw new Error(`${ip} is not an IP address`);
  const type = family === 4 ? 'ipv4' : 'ipv6';
  return rangesByCategory.find(({ lists }) => lists[type].check(ip, type))?.category ?? 'public';
}

/**
 * @param {{allowLoopback: boolean, allowPrivate: boolean, dnsServers: string[]}} config
 */
export function createTargetGuard({ allowLoopback, allowPrivate, dnsServers }) {
  const allowed = new Set(['public']);
  if (allowLoopback) allowed.add('loopback');
  if (allowPrivate) ['private', 'cgnat'].forEach((category) => allowed.add(category));
  const resolve = dnsServers.length ? resolverLookup(dnsServers) : systemLookup;

  return {
    /**
     * Checks a registered URL and picks the address to connect to.
     * @param {string} rawUrl
     * @returns {Promise<{url: URL, address: string, family: 4 | 6}>}
     * @throws {ProxyError} target_forbidden (never call it) or target_unresolved (DNS failed)
     */
    async resolveTarget(rawUrl) {
      let url;
      try {
        url = new URL(rawUrl);
      } catch {
        throw forbidden(`the registered target ${JSON.stringify(rawUrl)} is not a URL`);
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw forbidden(`the target's scheme ${url.protocol} is not http or https`);
      if (url.username || url.password) throw forbidden('the target URL carries credentials');
      // WHATWG URL parsing already turned decimal, octal and hex IPv4 forms into dotted quads.
      const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
      const addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await resolve(host);
      for (const { address } of addresses) {
        const category = classifyAddress(address);
        if (!allowed.has(category)) throw forbidden(`the target host ${host} resolves to ${address} (${category.replace('_', '-')} address space)`);
      }
      return { url, ...addresses[0] };
    },
  };
}

function forbidden(message) {
  return new ProxyError(403, 'target_forbidden', message);
}

async function systemLookup(host) {
  try {
    return await dns.lookup(host, { all: true, verbatim: true });
  } catch (error) {
    throw new ProxyError(502, 'target_unresolved', `the target host ${host} does not resolve: ${error.code ?? error.message}`);
  }
}

function resolverLookup(servers) {
  const resolver = new dns.Resolver({ timeout: 2_000, tries: 1 });
  resolver.setServers(servers);
  return async (host) => {
    const answers = await Promise.allSettled([resolver.resolve4(host), resolver.resolve6(host)]);
    const addresses = answers.flatMap((answer, index) =>
      answer.status === 'fulfilled' ? answer.value.map((address) => ({ address, family: index === 0 ? 4 : 6 })) : [],
    );
    if (addresses.length === 0) {
      const reason = answers.map((answer) => answer.reason?.code).filter(Boolean).join('/');
      throw new ProxyError(502, 'target_unresolved', `the target host ${host} does not resolve: ${reason || 'no address'}`);
    }
    return addresses;
  };
}
