/**
 * `vpclite snapshot save FILE` / `load FILE`: the whole state of a database (every account and region) as
 * versioned JSON, read and written directly in the database (--data DIR for SQLite, --postgres URL), like
 * `vpclite migrate`. Save while a server runs is safe (one read transaction); load while no server runs on that
 * database, since servers keep per-process caches of what exists. Loading into either engine works whatever
 * engine saved it; a snapshot of a newer schema is refused, and so is a database that already holds state unless
 * --replace.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { openStore } from '../../store/open-store.js';
import { rowCount, type Snapshot } from '../../store/snapshot/snapshot-format.js';
import { checkSnapshot, loadSnapshot, saveSnapshot, SnapshotRefused } from '../../store/snapshot/snapshot.js';
import type { Store } from '../../store/store.js';
import { CliError, EXIT } from './cli-error.js';
import { outputOption, printed } from './command-helpers.js';
import { outputFormat, type Rendered } from './output.js';
import { progress } from './progress.js';

interface DatabaseOptions {
  data: string;
  postgres?: string;
  output: string;
}

async function open(options: DatabaseOptions): Promise<Store> {
  try {
    return await openStore({ data: options.data, postgres: options.postgres });
  } catch (error) {
    const where = options.postgres ? 'the PostgreSQL database' : `the SQLite data directory ${options.data}`;
    throw new CliError(`cannot open ${where}`, (error as Error).message, options.postgres ? 'check the --postgres URL and that the server is up' : 'check --data (it must be a directory vpclite can write)', EXIT.unreachable);
  }
}

const tableSummary = (snapshot: Snapshot, title: string): Rendered['sections'][number] => ({
  title,
  name: 'TABLE',
  columns: ['Table', 'Rows'],
  rows: Object.entries(snapshot.tables).filter(([, t]) => t.rows.length > 0).map(([name, t]) => [name, t.rows.length]),
});

async function save(file: string, options: DatabaseOptions): Promise<Rendered> {
  outputFormat(options.output);
  const store = await open(options);
  const started = performance.now();
  try {
    const bar = progress('save');
    const snapshot = await saveSnapshot(store, (done, total, table) => bar.update(done, total, table));
    const text = JSON.stringify(snapshot);
    await writeFile(file, text).catch((error: Error) => {
      throw new CliError(`cannot write ${file}`, error.message, 'pick a path in a directory you can write', EXIT.failure);
    });
    const ms = Math.round(performance.now() - started);
    bar.finish(`${rowCount(snapshot)} rows in ${ms} ms`);
    const data = { file, schemaVersion: snapshot.schemaVersion, engine: snapshot.engine, rows: rowCount(snapshot), bytes: Buffer.byteLength(text), ms };
    return { data, sections: [tableSummary(snapshot, `Saved ${file} (schema version ${snapshot.schemaVersion}, ${snapshot.engine})`)], notes: [`${data.rows} rows, ${data.bytes} bytes, ${ms} ms`] };
  } finally {
    await store.close();
  }
}

async function load(file: string, options: DatabaseOptions & { replace?: boolean }): Promise<Rendered> {
  outputFormat(options.output);
  let snapshot: Snapshot;
  try {
    await stat(file);
  } catch {
    throw new CliError(`cannot read ${file}`, 'the file does not exist', 'pass the path of a file `vpclite snapshot save` wrote', EXIT.usage);
  }
  try {
    snapshot = checkSnapshot(JSON.parse(await readFile(file, 'utf8')));
  } catch (error) {
    if (error instanceof SnapshotRefused && error.reason === 'newer') {
      throw new CliError(`refusing to load ${file}: it is from a newer vpclite`, error.message, 'upgrade vpclite to the version that saved it (or newer), then load again; nothing was changed', EXIT.precondition);
    }
    const why = error instanceof SnapshotRefused ? error.message : `it is not JSON (${(error as Error).message})`;
    throw new CliError(`cannot load ${file}`, why, 'pass a file written by `vpclite snapshot save`', EXIT.usage);
  }
  const store = await open(options);
  const started = performance.now();
  try {
    const bar = progress('load');
    try {
      await loadSnapshot(store, snapshot, { replace: options.replace === true }, (done, total, table) => bar.update(done, total, table));
    } catch (error) {
      if (error instanceof SnapshotRefused && error.reason === 'not-empty') {
        throw new CliError(`refusing to load ${file} over existing state`, error.message, 'load into an empty database, or pass --replace to discard what it holds; nothing was changed', EXIT.precondition);
      }
      if (error instanceof SnapshotRefused) throw new CliError(`cannot load ${file}`, error.message, 'nothing was changed; load it with the vpclite version that saved it', EXIT.precondition);
      throw error;
    }
    const ms = Math.round(performance.now() - started);
    bar.finish(`${rowCount(snapshot)} rows in ${ms} ms`);
    const data = { file, schemaVersion: snapshot.schemaVersion, into: store.info.engine, rows: rowCount(snapshot), ms };
    return { data, sections: [tableSummary(snapshot, `Loaded ${file} into ${store.info.location} (${store.info.engine})`)], notes: [`${data.rows} rows in ${ms} ms`] };
  } finally {
    await store.close();
  }
}

export function registerSnapshotCommands(program: Command): void {
  const snapshot = program.command('snapshot').description('Save or load the whole state (every account and region) as versioned JSON');
  const database = (command: Command) =>
    outputOption(
      command
        .option('--data <dir>', 'the SQLite data directory', '.vpclite')
        .option('--postgres <url>', 'a PostgreSQL database instead (postgres://user:pass@host:port/db)'),
    );
  database(snapshot.command('save').description('Write the database\'s whole state to FILE').argument('<file>', 'where to write the snapshot')).action(printed(save));
  database(
    snapshot
      .command('load')
      .description('Load a snapshot into an empty database (stop servers on it first); refuses a snapshot from a newer vpclite')
      .argument('<file>', 'a file written by `vpclite snapshot save`')
      .option('--replace', 'discard what the database holds first (in the same transaction)'),
  ).action(printed(load));
}
