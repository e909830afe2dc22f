/** `vpclite serve`: open the store, start the HTTP server, print the ready line, stop cleanly on a signal. */
import { pino } from 'pino';
import { loadCredentialsFile, type AuthOptions } from '../gateway/auth.js';
import { startServer } from '../gateway/server.js';
import { setReassociationDefault } from '../resources/addresses/address-settings.js';
import { openStore } from '../store/open-store.js';
import { Throttle } from '../gateway/throttle.js';
import { configureElasticIpPool, configurePublicIpv4Pool } from '../resources/public-ipv4/pool.js';
import { join } from 'node:path';
import { flushFlowLogs } from '../flow-logs/flush.js';

/** How often `serve` delivers the flow log windows that have closed. */
const FLOW_LOG_DELIVERY_MS = 5_000;

export interface ServeOptions {
  host: string;
  port: string;
  data: string;
  postgres?: string;
  pgPoolSize: string;
  auth: string;
  credentials?: string;
  logLevel: string;
  eipPool: string;
  eipStrictReassociation?: boolean;
  publicIpv4Pool: string;
  s3Dir?: string;
  throttle: string;
}

export async function serve(options: ServeOptions): Promise<void> {
  const port = Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, not ${options.port}`);
  if (options.auth !== 'any' && options.auth !== 'strict') throw new Error(`--auth must be "any" or "strict"`);
  if (options.auth === 'strict' && !options.credentials) {
    throw new Error('--auth strict needs --credentials FILE (lines of "<access key> <secret key> <account>")');
  }
  const pgPoolSize = Number(options.pgPoolSize);
  if (!Number.isInteger(pgPoolSize) || pgPoolSize < 1) throw new Error(`--pg-pool-size must be a positive integer, not ${options.pgPoolSize}`);
  if (options.throttle !== 'off' && options.throttle !== 'aws') {
    throw new Error(`--throttle must be "off" or "aws", not "${options.throttle}"`);
  }
  configureElasticIpPool(options.eipPool);
  setReassociationDefault(options.eipStrictReassociation !== true);
  configurePublicIpv4Pool(options.publicIpv4Pool);
  const auth: AuthOptions = {
    mode: options.auth,
    credentials: options.credentials ? loadCredentialsFile(options.credentials) : new Map(),
  };
  const logger = pino(
    { level: options.logLevel, base: undefined, timestamp: pino.stdTimeFunctions.isoTime },
    pino.destination({ dest: 1, sync: false, minLength: 4096 }),
  );
  // The log is buffered for throughput; flushing a few times a second keeps it readable as it happens.
  setInterval(() => logger.flush(), 250).unref();
  const store = await openStore({
    data: options.data,
    postgres: options.postgres,
    pgPoolSize,
    onIdleError: (error) => logger.warn({ err: error }, 'idle database connection failed; it will be replaced'),
  });
  // Flow log files for s3 destinations sit next to the SQLite file unless told otherwise; a server that keeps no
  // directory of its own (in memory, or on PostgreSQL) writes them only where --s3-dir says.
  const s3Dir = options.s3Dir ?? (options.postgres || options.data === ':memory:' ? undefined : join(options.data, 's3'));
  const throttle = options.throttle === 'aws' ? new Throttle() : undefined;
  const running = await startServer({ host: options.host, port, store, auth, logger, s3Dir, throttle });
  process.stdout.write(`vpclite listening on ${running.url}\n`);
  // Flow log windows close with time, not only with traffic or reads: deliver what is due every few seconds, so
  // S3 files appear for readers that never call the Logs API.
  const delivery = setInterval(() => {
    flushFlowLogs(store, running.clock.now(), { s3Dir }).catch((error) => logger.warn({ err: error }, 'flow log delivery failed'));
  }, FLOW_LOG_DELIVERY_MS);
  delivery.unref();

  const stop = async () => {
    clearInterval(delivery);
    await running.close();
    await store.close();
    // exit() would drop log lines still in the buffer: wait until they are written.
    await new Promise<void>((resolve) => logger.flush(() => resolve()));
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
