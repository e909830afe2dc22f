/**
 * The HTTP server (node:http): buffers each request up to a size limit, routes `/_vpclite/*` to the admin JSON
 * API and everything else to the EC2 endpoint, and logs one line per request (action, status, ms, request id).
 */
import { STATUS_CODES, createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { headersTooLarge, internalError, malformedHttpRequest, requestTooLarge } from '../errors/protocol.js';
import { encodeError } from '../protocol/encode-output.js';
import type { Store } from '../store/store.js';
import { handleAdmin } from './admin.js';
import type { AuthOptions } from './auth.js';
import { Ec2Endpoint } from './ec2-endpoint.js';
import { randomUUID } from 'node:crypto';
import type { ObservationSink } from '../traffic/flow-observation.js';
import { MetricsSink } from '../traffic/metrics-sink.js';
import { SimulatedClock } from '../traffic/simulated-clock.js';
import { handleTrafficRoutes } from './traffic-routes.js';

export const MAX_BODY_BYTES = 2 * 1024 * 1024;

export interface ServerOptions {
  store: Store;
  auth: AuthOptions;
  logger: Logger;
  clock?: () => Date;
  /** Where POST /_vpclite/traffic sends its observations besides this server's own metrics (flow logs). */
  sinks?: ObservationSink[];
}

export interface RunningServer {
  server: Server;
  endpoint: Ec2Endpoint;
  url: string;
  close(): Promise<void>;
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge());
        req.pause();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

// The headers EC2 answers with (wire-protocol.md §1), spelled as EC2 spells them.
const CONTENT_TYPE = 'text/xml;charset=UTF-8';
const SERVER = 'AmazonEC2';

function sendXml(res: ServerResponse, status: number, requestId: string, body: string, close = false): void {
  const headers: Record<string, string | number> = {
    'Content-Type': CONTENT_TYPE,
    Server: SERVER,
    'x-amzn-RequestId': requestId,
    'Content-Length': Buffer.byteLength(body),
  };
  if (close) headers.Connection = 'close';
  res.writeHead(status, headers);
  res.end(body);
}

export function createServer(options: ServerOptions): Server & { endpoint: Ec2Endpoint } {
  const { store, logger } = options;
  // One clock for the EC2 endpoint and the traffic observations, advanceable by POST /_vpclite/clock.
  const clock = new SimulatedClock(options.clock);
  const metrics = new MetricsSink();
  const traffic = { store, clock, metrics, sinks: [metrics, ...(options.sinks ?? [])] };
  const endpoint = new Ec2Endpoint({
    store,
    auth: options.auth,
    clock: clock.now,
    onInternalError: (error, requestId) => logger.error({ err: error, requestId }, 'internal error'),
  });

  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const url = req.url ?? '/';
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch (error) {
      if (!(error instanceof BodyTooLarge)) {
        // The client went away in the middle of its body: there is nobody left to answer.
        res.destroy();
        return;
      }
      const requestId = randomUUID();
      const e = requestTooLarge(MAX_BODY_BYTES);
      // The rest of the body is not read, so the connection cannot carry another request.
      sendXml(res, e.status, requestId, encodeError(e.code, e.message, requestId), true);
      logger.info({ status: e.status, ms: Math.round(performance.now() - started), requestId, error: e.code }, 'request');
      return;
    }
    const extension = await handleTrafficRoutes(traffic, { method: req.method ?? 'GET', url, headers: req.headers, body });
    if (extension !== undefined) {
      res.writeHead(extension.status, { 'content-type': extension.contentType });
      res.end(extension.body);
      logger.info({ admin: url.split('?')[0], status: extension.status, ms: Math.round(performance.now() - started) }, 'request');
      return;
    }
    if (url.startsWith('/_vpclite/')) {
      const result = await handleAdmin(url, req.method ?? 'GET', { store, endpoint, onReset: () => metrics.reset() });
      res.writeHead(result.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(result.body));
      logger.info({ admin: url, status: result.status, ms: Math.round(performance.now() - started) }, 'request');
      return;
    }
    const method = req.method ?? 'GET';
    const result = await endpoint.handle({ method, url, headers: req.headers, body });
    sendXml(res, result.status, result.requestId, result.body);
    logger.info(
      {
        action: result.action || undefined,
        status: result.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        requestId: result.requestId,
        error: result.errorCode,
      },
      'request',
    );
  };

  const server = createHttpServer({ keepAliveTimeout: 65_000, requestTimeout: 60_000 }, (req, res) => {
    handler(req, res).catch((error) => {
      logger.error({ err: error }, 'unhandled request failure');
      if (!res.headersSent) {
        const requestId = randomUUID();
        const e = internalError();
        sendXml(res, e.status, requestId, encodeError(e.code, e.message, requestId));
      }
    });
  });
  // Bytes that are not HTTP get the EC2 error envelope too (DESIGN.md invariant 6), then the socket is closed.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const e = error.code === 'HPE_HEADER_OVERFLOW' ? headersTooLarge() : malformedHttpRequest(error.code ?? 'unreadable');
    const requestId = randomUUID();
    const body = encodeError(e.code, e.message, requestId);
    socket.end(
      `HTTP/1.1 ${e.status} ${STATUS_CODES[e.status]}\r\nContent-Type: ${CONTENT_TYPE}\r\nServer: ${SERVER}\r\n` +
        `x-amzn-RequestId: ${requestId}\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    logger.info({ status: e.status, requestId, error: e.code, reason: error.code }, 'request');
  });
  return Object.assign(server, { endpoint });
}

export async function startServer(options: ServerOptions & { host: string; port: number }): Promise<RunningServer> {
  const server = createServer(options);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  // An IPv6 literal needs brackets in a URL (http://[::1]:4599).
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    server,
    endpoint: server.endpoint,
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
