// Keeps the proxy from being an open relay into private networks: a registered target URL is
// called only over http(s), without credentials, and only if every address its host resolves to
// is public (loopback and private ranges only when the configuration allows them). The caller
// connects to the address checked here, so a second DNS answer cannot swap in a private one.
// IPv6 is public only inside global unicast (2000::/3) and outside every special-purpose range
// of the IANA registries; a form that carries an IPv4 address (mapped, translated, compatible,
// NAT64, 6to4, Teredo) is refused, and the refusal names the IPv4 address it carries.

import { promises as dns } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { ProxyError } from './errors.js';

// Checked in this order. IPv4 and IPv6 ranges live in separate lists because node's BlockList
// matches an IPv4 address against IPv6 rules through its mapped form (and the reverse), which
// would hide an IPv4-mapped address behind the range of the IPv4 address it carries.
const rangesByCategory = [
  ['ipv4_mapped', [['::ffff:0:0', 96, 'ipv6']]],
  ['ipv4_translated', [['::ffff:0:0:0', 96, 'ipv6']]], // SIIT (RFC 6145), ::ffff:0:a.b.c.d
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
      ['192.31.196.0', 24, 'ipv4'], // AS112
      ['192.52.193.0', 24, 'ipv4'], // AMT
      ['192.88.99.0', 24, 'ipv4'], // 6to4 relay anycast (deprecated)
      ['192.175.48.0', 24, 'ipv4'], // AS112 direct delegation
      ['198.18.0.0', 15, 'ipv4'],
      ['198.51.100.0', 24, 'ipv4'],
      ['203.0.113.0', 24, 'ipv4'],
      ['240.0.0.0', 4, 'ipv4'],
      ['::', 96, 'ipv6'], // IPv4-compatible (deprecated)
      ['64:ff9b::', 96, 'ipv6'], // NAT64 can reach private IPv4
      ['64:ff9b:1::', 48, 'ipv6'],
      ['100::', 64, 'ipv6'],
      ['2001::', 23, 'ipv6'], // IETF protocol assignments: Teredo, benchmarking, AMT, AS112, ORCHID
      ['2001:db8::', 32, 'ipv6'],
      ['2002::', 16, 'ipv6'], // 6to4 embeds any IPv4 address
      ['3fff::', 20, 'ipv6'], // documentation (RFC 9637)
      ['5f00::', 16, 'ipv6'], // SRv6 SIDs (RFC 9602)
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
  const special = rangesByCategory.find(({ lists }) => lists[type].check(ip, type))?.category;
  if (special) return special;
  // Outside 2000::/3, IPv6 is reserved or unassigned (the special ranges outside it were above).
  return type === 'ipv6' && !globalUnicast.check(ip, 'ipv6') ? 'reserved' : 'public';
}

const globalUnicast = new BlockList();
globalUnicast.addSubnet('2000::', 3, 'ipv6');

/**
 * The IPv4 address an IPv6 address carries, and in which form, or null.
 * @param {string} ip an IPv6 address
 * @returns {{form: string, ipv4: string} | null}
 */
export function embeddedIPv4(ip) {
  if (isIP(ip) !== 6) return null;
  const words = ipv6Words(ip);
  const v4 = (high, low) => [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
  const zero = (from, to) => words.slice(from, to).every((word) => word === 0);
  if (zero(0, 5) && words[5] === 0xffff) return { form: 'IPv4-mapped', ipv4: v4(words[6], words[7]) };
  if (zero(0, 4) && words[4] === 0xffff && words[5] === 0) return { form: 'IPv4-translated', ipv4: v4(words[6], words[7]) };
  if (zero(0, 6) && (words[6] !== 0 || words[7] > 1)) return { form: 'IPv4-compatible', ipv4: v4(words[6], words[7]) };
  if (words[0] === 0x64 && words[1] === 0xff9b && zero(2, 6)) return { form: 'NAT64', ipv4: v4(words[6], words[7]) };
  if (words[0] === 0x2002) return { form: '6to4', ipv4: v4(words[1], words[2]) };
  if (words[0] === 0x2001 && words[1] === 0) return { form: 'Teredo', ipv4: v4(words[6] ^ 0xffff, words[7] ^ 0xffff) };
  return null;
}

/** The eight 16-bit words of an IPv6 address (with or without a dotted IPv4 tail). */
function ipv6Words(ip) {
  let text = ip;
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const parse = (part) => (part ? part.split(':').map((word) => parseInt(word, 16)) : []);
  const [first, last] = [parse(head), parse(tail)];
  return tail === undefined ? first : [...first, ...Array(8 - first.length - last.length).fill(0), ...last];
}

/** An address as a refusal names it: "10.0.0.1", or "64:ff9b::a00:1 (NAT64 of 10.0.0.1, private)". */
function describeAddress(address) {
  const embedded = embeddedIPv4(address);
  return embedded ? `${address} (${embedded.form} of ${embedded.ipv4}, ${classifyAddress(embedded.ipv4).replace('_', '-')})` : address;
}

/**
 * @param {{allowLoopback: boolean, allowPrivate: boolean, dnsServers: string[]}} config
 * @param {(host: string) => Promise<{address: string, family: 4 | 6}[]>} [lookup] resolves target
 *   names instead of the system or the configured servers (tests inject a slow resolver here)
 */
export function createTargetGuard({ allowLoopback, allowPrivate, dnsServers }, lookup) {
  const allowed = new Set(['public']);
  if (allowLoopback) allowed.add('loopback');
  if (allowPrivate) ['private', 'cgnat'].forEach((category) => allowed.add(category));
  const resolve = lookup ? injectedLookup(lookup) : dnsServers.length ? resolverLookup(dnsServers) : systemLookup;

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
        if (!allowed.has(category)) throw forbidden(`the target host ${host} resolves to ${describeAddress(address)} (${category.replace('_', '-')} address space)`);
      }
      return { url, ...addresses[0] };
    },
  };
}

function forbidden(message) {
  return new ProxyError(403, 'target_forbidden', message);
}

function injectedLookup(lookup) {
  return async (host) => {
    let addresses;
    try {
      addresses = await lookup(host);
    } catch (error) {
      throw new ProxyError(502, 'target_unresolved', `the target host ${host} does not resolve: ${error.code ?? error.message}`);
    }
    if (!addresses?.length) throw new ProxyError(502, 'target_unresolved', `the target host ${host} does not resolve: no address`);
    return addresses;
  };
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
