// A tiny authoritative DNS server on UDP for tests: answers A and AAAA queries from a fixed map
// (NXDOMAIN for other names), so the proxy's resolver path runs against a real server.

import dgram from 'node:dgram';
import { isIPv4 } from 'node:net';

const typeA = 1;
const typeAAAA = 28;

/**
 * @param {Record<string, string[]>} records name → addresses (IPv4 and/or IPv6)
 * @returns {Promise<{server: string, close: () => Promise<void>}>} server as "127.0.0.1:port"
 */
export async function startDnsServer(records) {
  const socket = dgram.createSocket('udp4');
  socket.on('message', (query, peer) => {
    const { name, type, questionEnd } = parseQuestion(query);
    const known = records[name.toLowerCase()];
    const addresses = (known ?? []).filter((address) => (type === typeA ? isIPv4(address) : type === typeAAAA && !isIPv4(address)));
    const header = Buffer.alloc(12);
    query.copy(header, 0, 0, 2);
    header.writeUInt16BE(known ? 0x8180 : 0x8183, 2);
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(addresses.length, 6);
    const answers = addresses.map((address) => answer(type, address));
    socket.send(Buffer.concat([header, query.subarray(12, questionEnd), ...answers]), peer.port, peer.address);
  });
  await new Promise((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    server: `127.0.0.1:${socket.address().port}`,
    close: () => new Promise((resolve) => socket.close(resolve)),
  };
}

function parseQuestion(query) {
  const labels = [];
  let offset = 12;
  while (query[offset] !== 0) {
    labels.push(query.subarray(offset + 1, offset + 1 + query[offset]).toString('ascii'));
    offset += query[offset] + 1;
  }
  const type = query.readUInt16BE(offset + 1);
  return { name: labels.join('.'), type, questionEnd: offset + 5 };
}

function answer(type, address) {
  const data = type === typeA ? Buffer.from(address.split('.').map(Number)) : ipv6Bytes(address);
  const record = Buffer.alloc(12);
  record.writeUInt16BE(0xc00c, 0); // name: pointer to the question
  record.writeUInt16BE(type, 2);
  record.writeUInt16BE(1, 4); // class IN
  record.writeUInt32BE(60, 6);
  record.writeUInt16BE(data.length, 10);
  return Buffer.concat([record, data]);
}

function ipv6Bytes(address) {
  const [head, tail = ''] = address.split('::');
  const groups = (part) => (part ? part.split(':') : []);
  const missing = 8 - groups(head).length - groups(tail).length;
  const all = [...groups(head), ...Array(address.includes('::') ? missing : 0).fill('0'), ...groups(tail)];
  return Buffer.from(all.flatMap((group) => [parseInt(group, 16) >> 8, parseInt(group, 16) & 0xff]));
}
