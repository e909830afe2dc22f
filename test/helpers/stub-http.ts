/**
 * A plain HTTP server that records every request and answers with a fixed document. Golden tests use it to see
 * the exact bytes a real client sends, and to hand a real client a golden response to parse.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface StubServer {
  url: string;
  requests: RecordedRequest[];
  /** What the next requests are answered with. */
  answer(status: number, body: string): void;
  close(): Promise<void>;
}

export async function startStubServer(): Promise<StubServer> {
  const requests: RecordedRequest[] = [];
  let reply = { status: 200, body: '' };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(reply.status, { 'content-type': 'text/xml;charset=UTF-8' });
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    answer: (status, body) => {
      reply = { status, body };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
