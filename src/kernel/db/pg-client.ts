import pg from 'pg';
import { preparedName } from './prepared.js';

// The platform pool's PostgreSQL client: node-postgres with three additions.
//
// 1. Texts marked with preparedOnPostgres() run as named prepared statements (prepared.ts).
//
// 2. A transaction's BEGIN travels with its first statement. Kysely awaits BEGIN before it runs a transaction's
//    body, so every transaction paid a round trip for BEGIN alone — an audited change of one statement took three
//    (BEGIN, the statement, COMMIT) where an autocommit insert takes one. The pool's clients run in node-postgres's
//    pipeline mode (a query is written to the socket without waiting for the answer to the one before), and a bare
//    BEGIN is answered at once: it is sent, and the transaction's next query follows it on the wire.
//
// 3. Inside a transaction, a text marked with answerLaterOnPostgres() — a write whose caller needs nothing back —
//    is answered at once as well (an empty answer) and travels with the transaction's next query or its COMMIT.
//    The ledger's audit insert is one: its ids are made in the process, so an audited change's evidence costs no
//    round trip of its own. Outside a transaction a marked text runs as any other (its error must reach its own
//    caller, not a later user of the pooled connection).
//
// Whatever was answered early is checked by the next query of the connection: that query's caller waits for it
// and gets its error first, so no failure goes unseen, and a failed write inside a transaction fails the
// transaction (PostgreSQL aborts it; COMMIT's caller gets the write's error and nothing commits). A ROLLBACK waits
// too but is not stopped by such an error (it is what undoes it). BEGIN fails only when the connection does, and
// then so does the query behind it, so it cannot leave that query to run outside the transaction. Pipeline mode
// changes nothing else for the platform: Kysely awaits each query of a connection before the next, and
// node-postgres refuses what pipelining cannot carry (cursors, the `rows` option), which the pool does not use
// (streaming reads have clients of their own). Measured in docs/evidence-benchmarks.md ("BEGIN with the first
// statement").

const answerLater = new Set<string>();

/**
 * Marks fixed PostgreSQL SQL text as a write whose caller needs no answer (no rows, no row count): inside a
 * transaction the pool's client sends it and answers at once with an empty result; its outcome is checked by the
 * transaction's next query or COMMIT, whose caller gets its error. Returns the text.
 */
export function answerLaterOnPostgres(text: string): string {
  answerLater.add(text);
  return text;
}

/** No parameters: a bare BEGIN as Kysely sends it (beginTransaction without an isolation level) has none. */
function noValues(values: unknown): boolean {
  return values === undefined || (Array.isArray(values) && values.length === 0);
}

/** What node-postgres answers to BEGIN (Kysely reads only `command`, `rowCount` and `rows`). */
const BEGIN_RESULT = { command: 'BEGIN', rowCount: null, oid: 0, rows: [], fields: [] };
/** The early answer to a marked write: nothing (Kysely then reports no affected-row count). */
const LATER_RESULT = { command: null, rowCount: null, oid: 0, rows: [], fields: [] };

/** Statements that end a transaction or undo part of it (Kysely sends them in lower case; others may not). */
const TRANSACTION_END = /^\s*(commit|end|rollback|abort)\b/i;

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
    // Queries answered early and not yet checked: the next query's caller waits for them.
    let early: Promise<unknown> | null = null;
    // Between a bare BEGIN and the COMMIT or ROLLBACK that ends it.
    let inTransaction = false;
    const sendEarly = (sent: Promise<unknown>) => {
      // Whoever sends next reports the failure; until then it must not count as unhandled.
      sent.catch(() => undefined);
      early = early ? early.then(() => sent) : sent;
    };
    // An own property in front of the prototype's query(): one function for its overloads.
    Object.defineProperty(this, 'query', {
      value: (...args: unknown[]) => {
        const [text, values, callback] = args;
        const promiseForm = callback === undefined && typeof values !== 'function';
        if (promiseForm && text === 'begin' && noValues(values) && this.pipeline) {
          sendEarly(query('begin') as Promise<unknown>);
          inTransaction = true;
          return Promise.resolve(BEGIN_RESULT);
        }
        const name = typeof text === 'string' && promiseForm ? preparedName(text) : undefined;
        const run = () =>
          name !== undefined && (values === undefined || Array.isArray(values))
            ? query({ name, text, values })
            : query(...args);
        if (promiseForm && inTransaction && typeof text === 'string' && answerLater.has(text)) {
          sendEarly(run() as Promise<unknown>);
          return Promise.resolve(LATER_RESULT);
        }
        const ending = typeof text === 'string' ? TRANSACTION_END.exec(text) : null;
        // ROLLBACK (and ROLLBACK TO a savepoint) is what undoes a failed early write, so it is not stopped by one.
        const undoing = ending !== null && /^(rollback|abort)$/i.test(ending[1]!);
        if (ending && !/^\s*rollback\s+to\b/i.test(text as string)) inTransaction = false;
        const before = early;
        if (!before) return run();
        early = null;
        if (!promiseForm) {
          // Callback form (not Kysely's): the early queries' error goes to the callback before the query's answer.
          const cb = args[args.length - 1] as Callback;
          args[args.length - 1] = (err: Error | null, res?: unknown) =>
            void before.then(
              () => cb(err, res),
              (earlyErr: Error) => cb(undoing ? err : earlyErr, res),
            );
          return query(...args);
        }
        const answer = run() as Promise<unknown>;
        return before.then(
          () => answer,
          (err: unknown) => {
            if (undoing) return answer;
            answer.catch(() => undefined);
            throw err;
          },
        );
      },
    });
  }
}
