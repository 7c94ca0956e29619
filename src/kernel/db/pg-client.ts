import pg from 'pg';
import { preparedName } from './prepared.js';

// The platform pool's PostgreSQL client: node-postgres with two additions.
//
// 1. Texts marked with preparedOnPostgres() run as named prepared statements (prepared.ts).
//
// 2. A transaction's BEGIN travels with its first statement. Kysely awaits BEGIN before it runs a transaction's
//    body, so every transaction paid a round trip for BEGIN alone — an audited change of one statement took three
//    (BEGIN, the statement, COMMIT) where an autocommit insert takes one. The pool's clients run in node-postgres's
//    pipeline mode (a query is written to the socket without waiting for the answer to the one before), and a bare
//    BEGIN is answered at once: it is sent, and the transaction's next query follows it on the wire. That query's
//    caller waits for both and gets BEGIN's error if BEGIN failed, so no failure goes unseen. BEGIN fails only
//    when the connection does, and then so does the query behind it; it cannot leave that query to run outside
//    the transaction on a live connection. Measured on a bare single-row insert (docs/evidence.md): BEGIN, INSERT,
//    COMMIT 0.47–0.67× the rate of an autocommit insert; with BEGIN sent with the INSERT 0.66–0.84×.
//    Pipeline mode changes nothing else for the platform: Kysely awaits each query of a connection before the
//    next, and node-postgres refuses the two things pipelining cannot carry (cursors and the `rows` option), which
//    the platform's pool does not use (its streaming reads use their own clients).

/** A bare BEGIN as Kysely sends it (PostgresDriver.beginTransaction without an isolation level). */
function isBareBegin(text: unknown, values: unknown): boolean {
  return text === 'begin' && (values === undefined || (Array.isArray(values) && values.length === 0));
}

/** What node-postgres answers to BEGIN (Kysely reads only `command`, `rowCount` and `rows`). */
const BEGIN_RESULT = { command: 'BEGIN', rowCount: null, oid: 0, rows: [], fields: [] };

type Callback = (err: Error | null, res?: unknown) => void;

/** The pool's client (see the header). */
export class PlatformPgClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(
      typeof config === 'string'
        ? { connectionString: config, pipeline: true }
        : { ...config, pipeline: true },
    );
    const query = pg.Client.prototype.query.bind(this) as (...args: unknown[]) => unknown;
    // BEGIN sent and not yet awaited by anyone: the next query's caller waits for it.
    let begun: Promise<unknown> | null = null;
    // An own property in front of the prototype's query(): one function for its overloads.
    Object.defineProperty(this, 'query', {
      value: (...args: unknown[]) => {
        const [text, values, callback] = args;
        if (callback === undefined && isBareBegin(text, values) && this.pipeline) {
          const sent = query('begin') as Promise<unknown>;
          // Whoever sends next reports BEGIN's failure; until then it must not count as unhandled.
          sent.catch(() => undefined);
          begun = begun ? begun.then(() => sent) : sent;
          return Promise.resolve(BEGIN_RESULT);
        }
        const name = typeof text === 'string' && callback === undefined ? preparedName(text) : undefined;
        const run = () =>
          name !== undefined && (values === undefined || Array.isArray(values))
            ? query({ name, text, values })
            : query(...args);
        const before = begun;
        if (!before) return run();
        begun = null;
        if (typeof args[args.length - 1] === 'function') {
          // Callback form (not Kysely's): hand BEGIN's error to the callback instead of the query's answer.
          const cb = args[args.length - 1] as Callback;
          args[args.length - 1] = (err: Error | null, res?: unknown) =>
            void before.then(
              () => cb(err, res),
              (beginErr: Error) => cb(beginErr),
            );
          return query(...args);
        }
        const answer = run() as Promise<unknown>;
        return before.then(
          () => answer,
          (err: unknown) => {
            answer.catch(() => undefined);
            throw err;
          },
        );
      },
    });
  }
}
