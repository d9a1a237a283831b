import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_SESSION_MAX_AGE_DAYS } from '../auth/sessions';
import type { StoreConfig } from '../store';

export const USAGE = `Tambon Field server

Usage: node --import tsx src/server/main.ts [command] [flags]   (or: npm start -- [command] [flags])

Commands:
  start          (default) serve the app and the API
  create-admin   create the organization (if missing) and an admin account, then exit
  seed-demo      load the demo tambon and its accounts, then exit
  backup         take a backup now, check it by restoring it into a scratch database, then exit
  restore FILE   put a backup in place of the database (stop the server first); the current
                 database is kept aside, and a backup from a newer version is refused; PDPA
                 erasures made after the backup are applied again (from the database kept aside
                 and the erasure journal in --backup-dir)

Flags for start (environment variable in brackets):
  --port N            [PORT]        default 8080
  --host ADDR         [HOST]        default 0.0.0.0 (reachable from the LAN)
  --data-dir DIR      [DATA_DIR]    default ./data (SQLite file tambon-field.sqlite)
  --static-dir DIR    [STATIC_DIR]  built app, default ./dist
  --demo                            load the demo tambon (idempotent) and print its accounts
  --idle-lock-minutes N [IDLE_LOCK_MINUTES] devices lock after N minutes unused, default 5
  --session-days N    [SESSION_DAYS] a sign-in lasts N days at most (1-90), default 14
  --tls-cert FILE     [TLS_CERT]    serve HTTPS with this certificate (PEM) ...
  --tls-key FILE      [TLS_KEY]     ... and this key
  [DATABASE_URL=postgres://...]     use PostgreSQL instead of SQLite ([DATABASE_SCHEMA] optional)
  --trust-proxy HOPS|ADDRS [TRUST_PROXY] behind reverse proxies: how many (a hop count, e.g. 1)
                    or which (addresses/CIDRs, comma-separated) may set X-Forwarded-For/-Proto
  --metrics-token T   [METRICS_TOKEN] serve GET /metrics (Prometheus) to scrapers sending
                    "Authorization: Bearer T"; off without it
  --backup-dir DIR    [BACKUP_DIR]  default <data-dir>/backups
  --backup-keep N     [BACKUP_KEEP] backups kept, default 14; 0 turns the nightly backup off
  --backup-hour H     [BACKUP_HOUR] the nightly backup's hour, Bangkok time, default 2
                    (PostgreSQL backups need pg_dump and pg_restore, and a role that may create
                    a scratch database for the restore check)

Flags for create-admin (asked for when missing):
  --username NAME --name "ชื่อ นามสกุล" --password PASSWORD
  --subdistrict CODE   6-digit sub-district code, default 451804
  --org-name NAME      default อบต.<sub-district>
`;

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  'data-dir': { type: 'string' },
  'static-dir': { type: 'string' },
  demo: { type: 'boolean' },
  'idle-lock-minutes': { type: 'string' },
  'session-days': { type: 'string' },
  'trust-proxy': { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  username: { type: 'string' },
  name: { type: 'string' },
  password: { type: 'string' },
  subdistrict: { type: 'string' },
  'org-name': { type: 'string' },
  'backup-dir': { type: 'string' },
  'metrics-token': { type: 'string' },
  'backup-keep': { type: 'string' },
  'backup-hour': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Fastify's `trustProxy`, limited to the safe forms. */
export type TrustProxy = false | number | string[];

export type Command = 'start' | 'create-admin' | 'seed-demo' | 'backup' | 'restore' | 'help';

export interface CliConfig {
  command: Command;
  port: number;
  host: string;
  dataDir: string;
  staticDir: string;
  demo: boolean;
  idleLockMinutes: number;
  /** Absolute lifetime of a session, from its password login. */
  sessionDays: number;
  tls: { cert: Buffer; key: Buffer } | null;
  /** The proxies whose X-Forwarded-For is believed: a hop count or their addresses; never all. */
  trustProxy: TrustProxy;
  store: StoreConfig;
  backups: {
    dir: string;
    /** 0: no scheduled backups. */
    keep: number;
    /** Bangkok time. */
    hour: number;
  };
  /** Bearer token of `GET /metrics`; undefined: no metrics route. */
  metricsToken?: string;
  /** `restore FILE`. */
  restoreFile?: string;
  admin: {
    username?: string;
    name?: string;
    password?: string;
    subdistrict: string;
    orgName?: string;
  };
}

export function parseCli(argv: string[], env: NodeJS.ProcessEnv): CliConfig {
  const { values, positionals } = parseArgs({
    args: argv,
    options: OPTIONS,
    allowPositionals: true,
  });
  const [command, restoreFile] = values.help ? ['help' as const] : parseCommand(positionals);
  const dataDir = resolve(values['data-dir'] ?? env.DATA_DIR ?? './data');
  return {
    command,
    port: parsePort(values.port ?? env.PORT ?? '8080'),
    host: values.host ?? env.HOST ?? '0.0.0.0',
    dataDir,
    staticDir: resolve(values['static-dir'] ?? env.STATIC_DIR ?? './dist'),
    demo: values.demo ?? false,
    idleLockMinutes: parseMinutes(values['idle-lock-minutes'] ?? env.IDLE_LOCK_MINUTES ?? '5'),
    sessionDays: parseSessionDays(
      values['session-days'] ?? env.SESSION_DAYS ?? String(DEFAULT_SESSION_MAX_AGE_DAYS),
    ),
    tls: readTls(values['tls-cert'] ?? env.TLS_CERT, values['tls-key'] ?? env.TLS_KEY),
    trustProxy: parseTrustProxy(values['trust-proxy'] ?? env.TRUST_PROXY),
    store: env.DATABASE_URL
      ? { kind: 'postgres', url: env.DATABASE_URL, schema: env.DATABASE_SCHEMA || undefined }
      : { kind: 'sqlite', file: join(dataDir, 'tambon-field.sqlite') },
    backups: {
      dir: resolve(values['backup-dir'] ?? env.BACKUP_DIR ?? join(dataDir, 'backups')),
      keep: parseWhole('--backup-keep', values['backup-keep'] ?? env.BACKUP_KEEP ?? '14', 0, 1000),
      hour: parseWhole('--backup-hour', values['backup-hour'] ?? env.BACKUP_HOUR ?? '2', 0, 23),
    },
    restoreFile: restoreFile ? resolve(restoreFile) : undefined,
    metricsToken: parseMetricsToken(values['metrics-token'] ?? env.METRICS_TOKEN),
    admin: {
      username: values.username,
      name: values.name,
      password: values.password,
      subdistrict: values.subdistrict ?? '451804',
      orgName: values['org-name'],
    },
  };
}

/** Makes the data directory when the store is the embedded SQLite file. */
export function prepareDataDir(config: CliConfig): void {
  if (config.store.kind === 'sqlite') mkdirSync(config.dataDir, { recursive: true });
}

function parseCommand(positionals: string[]): [Command, string?] {
  const [command = 'start', ...rest] = positionals;
  if (command === 'restore') {
    if (rest.length !== 1) throw new Error('restore needs the backup file: restore FILE');
    return ['restore', rest[0]];
  }
  if (rest.length > 0) throw new Error(`Unexpected arguments: ${rest.join(' ')}`);
  if (['start', 'create-admin', 'seed-demo', 'backup'].includes(command))
    return [command as Command];
  throw new Error(`Unknown command: ${command}`);
}

function parseMetricsToken(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (value.length < 16) throw new Error('--metrics-token must be at least 16 characters');
  return value;
}

function parseWhole(flag: string, value: string, min: number, max: number): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new Error(`${flag} must be a whole number from ${min} to ${max}, not "${value}"`);
  }
  return number;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`Invalid port: ${value}`);
  return port;
}

function readTls(certFile?: string, keyFile?: string): CliConfig['tls'] {
  if (!certFile && !keyFile) return null;
  if (!certFile || !keyFile) throw new Error('HTTPS needs both --tls-cert and --tls-key');
  return { cert: readFileSync(certFile), key: readFileSync(keyFile) };
}

/**
 * `1` (one proxy in front, the usual Caddy or nginx), `2`…, or the proxies' addresses
 * (`10.0.0.5,10.1.0.0/16`). "Trust every hop" is refused: a client could then write any address
 * into X-Forwarded-For and pass it off as its own, past the per-address limits and into the
 * audit log.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = value?.trim() ?? '';
  if (text === '' || text === '0') return false;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops <= 10) return hops;
  }
  const addresses = text.split(',').map((a) => a.trim());
  if (addresses.every((a) => /^[0-9a-fA-F.:]+(\/\d{1,3})?$/.test(a) && /[.:]/.test(a))) {
    return addresses;
  }
  throw new Error(
    `TRUST_PROXY must be a hop count (1 for one proxy in front) or the proxies' addresses ` +
      `(comma-separated, CIDR allowed), not "${text}": trusting every hop would let a client ` +
      'forge its address',
  );
}

function parseSessionDays(value: string): number {
  const days = Number(value);
  if (!Number.isInteger(days) || days < 1 || days > 90) {
    throw new Error(`--session-days must be a whole number from 1 to 90, not "${value}"`);
  }
  return days;
}

function parseMinutes(value: string): number {
  const minutes = Number(value);
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 120) {
    throw new Error(`--idle-lock-minutes must be a whole number from 1 to 120, not "${value}"`);
  }
  return minutes;
}
