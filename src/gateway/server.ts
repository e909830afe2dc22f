/**
 * The HTTP server (node:http): buffers each request up to a size limit, routes `/_vpclite/*` to the admin JSON
 * API, `/console` to the web console's files (src/console/) and everything else to the EC2 endpoint, and logs
 * one line per request (action, status, ms, request id).
 */
import { STATUS_CODES, createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { headersTooLarge, internalError, malformedHttpRequest, requestTooLarge } from '../errors/protocol.js';
import { encodeError } from '../protocol/encode-output.js';
import type { Store } from '../store/store.js';
import { handleAdmin } from './admin.js';
import { isConsolePath, serveConsole } from '../console/serve-console.js';
import type { AuthOptions } from './auth.js';
import { Ec2Endpoint } from './ec2-endpoint.js';
import type { Throttle } from './throttle.js';
import { randomUUID } from 'node:crypto';
import type { ObservationSink } from '../traffic/flow-observation.js';
import { MetricsSink } from '../traffic/metrics-sink.js';
import { SimulatedClock } from '../traffic/simulated-clock.js';
import { handleTrafficRoutes } from './traffic-routes.js';
import { LOGS_CONTENT_TYPE, LogsEndpoint, isLogsRequest } from '../logs/logs-endpoint.js';
import { FlowLogSink } from '../flow-logs/flow-log-sink.js';
import { TopologyCache } from '../traffic/topology-cache.js';
import { flushFlowLogs } from '../flow-logs/flush.js';

export const MAX_BODY_BYTES = 2 * 1024 * 1024;

export interface ServerOptions {
  store: Store;
  auth: AuthOptions;
  logger: Logger;
  clock?: () => Date;
  /** AWS's request token buckets (`serve --throttle aws`); absent, nothing is throttled. */
  throttle?: Throttle;
  /** Where POST /_vpclite/traffic sends its observations besides this server's own metrics and flow logs. */
  sinks?: ObservationSink[];
  /** Where flow logs with `s3` destinations are written (one directory per bucket); none when undefined. */
  s3Dir?: string;
}

export interface RunningServer {
  server: Server;
  endpoint: Ec2Endpoint;
  url: string;
  close(): Promise<void>;
  /** The server's clock (the wall clock plus what POST /_vpclite/clock advanced). */
  clock: SimulatedClock;
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

export function createServer(options: ServerOptions): Server & { endpoint: Ec2Endpoint; clock: SimulatedClock } {
  const { store, logger } = options;
  // One clock for the EC2 endpoint and the traffic observations, advanceable by POST /_vpclite/clock.
  const clock = new SimulatedClock(options.clock);
  const metrics = new MetricsSink();
  const flowLogs = new FlowLogSink(store, { s3Dir: options.s3Dir });
  // Moving the clock past a window's end delivers it, so a reader right after an advance sees its records.
  const deliverFlowLogs = (now: Date) => flushFlowLogs(store, now, { s3Dir: options.s3Dir });
  const traffic = { store, clock, metrics, topologies: new TopologyCache(), sinks: [metrics, flowLogs, ...(options.sinks ?? [])], afterClockAdvance: deliverFlowLogs };
  const endpoint = new Ec2Endpoint({
    store,
    auth: options.auth,
    clock: clock.now,
    signatureClock: options.clock ?? (() => new Date()),
    throttle: options.throttle,
    onInternalError: (error, requestId) => logger.error({ err: error, requestId }, 'internal error'),
  });
  const logsEndpoint = new LogsEndpoint({
    store,
    auth: options.auth,
    clock: clock.now,
    signatureClock: options.clock ?? (() => new Date()),
    s3Dir: options.s3Dir,
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
      const result = await handleAdmin(
        url,
        req.method ?? 'GET',
        { store, endpoint, auth: options.auth, onReset: () => metrics.reset() },
        { headers: req.headers, body },
      );
      res.writeHead(result.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(result.body));
      logger.info({ admin: url, status: result.status, ms: Math.round(performance.now() - started) }, 'request');
      return;
    }
    if (isConsolePath(url)) {
      const page = await serveConsole(url, req.method ?? 'GET');
      res.writeHead(page.status, { ...page.headers, 'Content-Length': Buffer.byteLength(page.body) });
      res.end(page.body);
      logger.info({ console: url, status: page.status, ms: Math.round(performance.now() - started) }, 'request');
      return;
    }
    const method = req.method ?? 'GET';
    if (isLogsRequest(req.headers)) {
      // The CloudWatch Logs subset (src/logs/): JSON in and out, told apart from EC2 by its X-Amz-Target.
      const logs = await logsEndpoint.handle({ method, url, headers: req.headers, body });
      res.writeHead(logs.status, {
        'Content-Type': LOGS_CONTENT_TYPE,
        'x-amzn-RequestId': logs.requestId,
        'Content-Length': Buffer.byteLength(logs.body),
      });
      res.end(logs.body);
      logger.info({ logs: logs.action, status: logs.status, ms: Math.round((performance.now() - started) * 10) / 10, requestId: logs.requestId, error: logs.errorCode }, 'request');
      return;
    }
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
  return Object.assign(server, { endpoint, clock });
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
    clock: server.clock,
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
