/** What `ebkit serve` and `ebkit aggregate` share: the serving flags, their checks, and running until a signal. */
import { isIP } from 'node:net';
import type { Command } from 'commander';
import { unopenable } from './read-input.js';

export interface ServingOptions {
  host: string;
  port: string;
  db: string;
  config?: string;
  publicUrl?: string;
  auth: string;
}

/** Resolves on SIGINT or SIGTERM. */
export function signalled(): Promise<void> {
  return new Promise<void>((done) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export const AUTH_MODES = ['none', 'bearer'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

export function isAuthMode(value: string): value is AuthMode {
  return (AUTH_MODES as readonly string[]).includes(value);
}

/** The checked --auth value (servingProblem has refused anything else). */
export function authModeOf(opts: ServingOptions): AuthMode {
  return isAuthMode(opts.auth) ? opts.auth : 'none';
}

/** What is wrong with the serving flags, in one sentence; undefined when nothing is. */
export function servingProblem(opts: ServingOptions): string | undefined {
  if (!/^\d+$/.test(opts.port) || Number(opts.port) > 65535)
    return `--port must be an integer from 0 to 65535, got "${opts.port}"`;
  if (!isAuthMode(opts.auth)) return `--auth must be none or bearer, got "${opts.auth}"`;
  if (opts.publicUrl !== undefined && !/^https?:\/\/[^\s/]+/.test(opts.publicUrl))
    return `--public-url must be an absolute http(s) URL, got "${opts.publicUrl}"`;
  return undefined;
}

/** Whether `host` is the unspecified address (0.0.0.0, ::, [::], 0:0:…:0): listening on every interface. */
export function isWildcardHost(host: string): boolean {
  const h = host.trim().replace(/^\[(.*)\]$/, '$1');
  if (h === '0.0.0.0') return true;
  return isIP(h) === 6 && /^[0:]+$/.test(h);
}

/**
 * The warning for a service listening on every interface without --public-url, or undefined. The URLs it hands out
 * (Location, meta.url, the VOSI accessURL) are made from the listening address, and 0.0.0.0 or [::] is no address
 * a remote client can connect to; the host name clients use cannot be guessed, so this warns instead of choosing.
 */
export function wildcardHostWarning(opts: ServingOptions, url: string): string | undefined {
  if (opts.publicUrl !== undefined || !isWildcardHost(opts.host)) return undefined;
  return `warning: --host ${opts.host} listens on every interface, but the URLs handed out (Location, meta.url, the VOSI accessURL) start with ${url}, which remote clients cannot reach; give --public-url with the URL they reach this service at`;
}

/**
 * Why the --config file cannot be read, in the words every command uses for a file it cannot read (the broker's
 * own loader would quote Node's `ENOENT: no such file or directory, open '…'`); undefined when it can be opened.
 */
export function configProblem(opts: ServingOptions, cwd: string): string | undefined {
  if (opts.config === undefined) return undefined;
  const problem = unopenable(opts.config, cwd);
  return problem === undefined ? undefined : `--config: ${problem}`;
}

/** Adds --host, --port, --db, --config, --public-url and --auth; the texts say what each command keeps. */
export function addServingOptions(
  cmd: Command,
  help: { db: string; dbDefault: string; config: string; auth: string },
): Command {
  return cmd
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0: any free port)', '8080')
    .option('--db <file>', help.db, help.dbDefault)
    .option('--config <file>', help.config)
    .option('--public-url <url>', 'base URL clients reach the service at (default: the listening address)')
    .option('--auth <mode>', help.auth, 'none');
}

/** Why a server could not listen, in words, by the error's code (the option to change is named with it). */
const LISTEN_FAILURES: Readonly<Record<string, string>> = {
  EADDRINUSE: 'the port is in use by another program; give another --port (0 takes any free one)',
  EADDRNOTAVAIL: 'this machine has no such address; give one of its own as --host (127.0.0.1, or 0.0.0.0 for all)',
  ENOTFOUND: 'no such host name or address; give one of this machine as --host (127.0.0.1, or 0.0.0.0 for all)',
  EAI_AGAIN: 'the host name could not be looked up; give an address as --host',
  EACCES: 'not allowed to listen there (a port below 1024 needs privileges); give another --port',
};

/**
 * Why serving could not start, in one line; a listen failure names --host and --port. A missing SQLite module is told with the --db that needed it, and whether
 * that file was the default (a user who never named a file otherwise cannot see why a file was wanted).
 */
export function startFailure(err: unknown, opts: ServingOptions, dbDefault: string): string {
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: unknown } | null)?.code;
  const listen = typeof code === 'string' ? LISTEN_FAILURES[code] : undefined;
  if (listen !== undefined) return `--host ${opts.host} --port ${opts.port}: ${listen} (${message})`;
  if (code !== 'EBK_OPTIONAL_MISSING') return message;
  return `--db ${opts.db}${opts.db === dbDefault ? ' (the default)' : ''}: ${message}`;
}
