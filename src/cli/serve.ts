/** `vpclite serve`: open the store, start the HTTP server, print the ready line, stop cleanly on a signal. */
import { pino } from 'pino';
import { loadCredentialsFile, type AuthOptions } from '../gateway/auth.js';
import { startServer } from '../gateway/server.js';
import { setReassociationDefault } from '../resources/addresses/address-settings.js';
import { openStore } from '../store/open-store.js';
import { Throttle } from '../gateway/throttle.js';
import { configureElasticIpPool, configurePublicIpv4Pool } from '../resources/public-ipv4/pool.js';

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
  const throttle = options.throttle === 'aws' ? new Throttle() : undefined;
  const running = await startServer({ host: options.host, port, store, auth, logger, throttle });
  process.stdout.write(`vpclite listening on ${running.url}\n`);

  const stop = async () => {
    await running.close();
    await store.close();
    // exit() would drop log lines still in the buffer: wait until they are written.
    await new Promise<void>((resolve) => logger.flush(() => resolve()));
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
