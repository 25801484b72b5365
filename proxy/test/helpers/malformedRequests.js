// A corpus of malformed and hostile HTTP requests as raw bytes, and a sender that writes them to
// a server over a plain TCP socket (node's HTTP client would refuse to send most of them). Used
// by the proxy runner's and the portal server's "no request crashes the server" tests.

import net from 'node:net';

const host = 'Host: 127.0.0.1\r\n';

/** name → raw request bytes. Each must get an error answer or a closed socket, never a crash. */
export const malformedRequests = {
  'target //': `GET // HTTP/1.1\r\n${host}\r\n`,
  'target http://[': `GET http://[ HTTP/1.1\r\n${host}\r\n`,
  'POST to //': `POST // HTTP/1.1\r\n${host}Content-Length: 2\r\n\r\n{}`,
  'POST to http://[': `POST http://[ HTTP/1.1\r\n${host}Content-Length: 2\r\n\r\n{}`,
  'target ////x?': `GET ////x? HTTP/1.1\r\n${host}\r\n`,
  'target *': `OPTIONS * HTTP/1.1\r\n${host}\r\n`,
  'absolute-form target': `GET http://example.com/ HTTP/1.1\r\n${host}\r\n`,
  'target with a bad escape': `GET /%zz?q=% HTTP/1.1\r\n${host}\r\n`,
  'target with raw high bytes': Buffer.concat([Buffer.from('GET /'), Buffer.from([0xff, 0xfe, 0x80]), Buffer.from(` HTTP/1.1\r\n${host}\r\n`)]),
  'target with a NUL': `GET /\0 HTTP/1.1\r\n${host}\r\n`,
  'target with a space': `GET /a b HTTP/1.1\r\n${host}\r\n`,
  'no version': `GET /\r\n\r\n`,
  'HTTP/9.9': `GET / HTTP/9.9\r\n${host}\r\n`,
  'HTTP/1.0 without Host': `GET / HTTP/1.0\r\n\r\n`,
  'garbage line': `\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 not http at all\r\n\r\n`,
  'empty lines only': `\r\n\r\n\r\n`,
  'unknown method': `BREW / HTTP/1.1\r\n${host}\r\n`,
  'DELETE': `DELETE / HTTP/1.1\r\n${host}\r\n`,
  'header without a colon': `GET / HTTP/1.1\r\n${host}this is no header\r\n\r\n`,
  'header with a bad name': `GET / HTTP/1.1\r\n${host}Bad Name: x\r\n\r\n`,
  'header with a control character': `GET / HTTP/1.1\r\n${host}X-A: a\x01b\r\n\r\n`,
  'huge header': `GET / HTTP/1.1\r\n${host}X-Big: ${'a'.repeat(40_000)}\r\n\r\n`,
  'many headers': `GET / HTTP/1.1\r\n${host}${Array.from({ length: 3000 }, (_, i) => `X-${i}: ${i}\r\n`).join('')}\r\n`,
  'Content-Length not a number': `POST / HTTP/1.1\r\n${host}Content-Length: abc\r\n\r\n{}`,
  'Content-Length negative': `POST / HTTP/1.1\r\n${host}Content-Length: -5\r\n\r\n{}`,
  'two different Content-Lengths': `POST / HTTP/1.1\r\n${host}Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}x`,
  'Content-Length and chunked': `POST / HTTP/1.1\r\n${host}Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n`,
  'bad chunk size': `POST / HTTP/1.1\r\n${host}Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
  'unknown transfer encoding': `POST / HTTP/1.1\r\n${host}Transfer-Encoding: gzip\r\n\r\n{}`,
  'huge declared body': `POST / HTTP/1.1\r\n${host}Content-Length: 99999999999\r\n\r\n{}`,
  'oversized chunked body': `POST / HTTP/1.1\r\n${host}Transfer-Encoding: chunked\r\n\r\n${'4000\r\n' + 'x'.repeat(0x4000) + '\r\n'}${'4000\r\n' + 'x'.repeat(0x4000) + '\r\n'}0\r\n\r\n`,
  'oversized plain body': `POST / HTTP/1.1\r\n${host}Content-Length: 600000\r\n\r\n${'x'.repeat(600_000)}`,
  'binary body': Buffer.concat([Buffer.from(`POST / HTTP/1.1\r\n${host}Content-Length: 6\r\n\r\n`), Buffer.from([0, 0xff, 0xfe, 0x7b, 0x22, 0])]),
  'JSON nested deep': (() => {
    const body = '['.repeat(50_000) + ']'.repeat(50_000);
    return `POST / HTTP/1.1\r\n${host}Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
  })(),
  'JSON that is a string': `POST / HTTP/1.1\r\n${host}Content-Length: 7\r\n\r\n"hello"`,
  'pipelined bad then good': `GET // HTTP/1.1\r\n${host}\r\nGET / HTTP/1.1\r\n${host}\r\n`,
  'request smuggling attempt': `POST / HTTP/1.1\r\n${host}Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n0\r\n\r\nGET // HTTP/1.1\r\n\r\n`,
};

/**
 * Writes `bytes` to host:port and collects what comes back until the server closes the socket,
 * a whole response is in, or `waitMs` passes. Resolves with the text (possibly empty); a reset socket is not an error.
 * @param {{host?: string, port: number}} where
 * @param {string | Buffer} bytes
 * @param {number} [waitMs]
 */
export function sendRaw({ host: address = '127.0.0.1', port }, bytes, waitMs = 1_500) {
  return new Promise((resolve) => {
    const chunks = [];
    const socket = net.connect({ host: address, port });
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('latin1'));
    };
    let timer = setTimeout(done, waitMs);
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      // A whole response in: give a pipelined second one a moment, then stop waiting.
      if (completeResponse(Buffer.concat(chunks).toString('latin1'))) {
        clearTimeout(timer);
        timer = setTimeout(done, 100);
      }
    });
    socket.on('error', done);
    socket.on('close', done);
    socket.on('connect', () => socket.write(bytes));
  });
}

/** Whether `text` holds a whole response (a content-length body, or the last chunk). */
function completeResponse(text) {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const head = text.slice(0, end);
  if (/transfer-encoding: *chunked/i.test(head)) return text.endsWith('\r\n0\r\n\r\n');
  const length = /content-length: *(\d+)/i.exec(head);
  return length !== null && text.length - end - 4 >= Number(length[1]);
}

/** The status code of the first response in raw text, or 0 when there is none. */
export function firstStatus(text) {
  return Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0);
}
