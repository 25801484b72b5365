// Real local HTTP servers for tests: a target that records what it received and answers as a
// test tells it to.

import http from 'node:http';

/**
 * @param {(request: http.IncomingMessage, body: Buffer, response: http.ServerResponse) => void} respond
 * @returns {Promise<{url: string, port: number, requests: {method: string, url: string, headers: object, body: Buffer}[], close: () => Promise<void>}>}
 */
export async function startTarget(respond) {
  const requests = [];
  const server = http.createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      requests.push({ method: request.method, url: request.url, headers: request.headers, body });
      respond(request, body, response);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}
