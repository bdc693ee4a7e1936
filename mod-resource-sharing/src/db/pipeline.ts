// Several commands in one round trip. PostgreSQL's extended query protocol lets commands share one
// Sync: the server runs them in order, and on the first error skips the rest up to the Sync (an
// open transaction is then aborted). node-postgres sends one command per round trip; this sends a
// statement together with commands before it (a transaction's BEGIN, statements whose rows nobody
// reads, such as an advisory lock) and after it (the transaction's COMMIT), all written to the
// socket at once and answered at once. The statement's result is answered as usual; the others'
// are dropped. Each command still takes its own snapshot (READ COMMITTED), after the commands
// before it have run: a lookup sent after a lock sees what was committed before the lock was had.
//
// Built on node-postgres' Query (public, and what its Submittable interface is for); it relies on
// two habits of its Client, both checked by the tests of every transaction: a ParseComplete marks
// the active query's `name` as prepared (so the name is hidden until the commands before the
// statement have answered), and an ErrorResponse forgets the name it reads there (so an error
// before the statement forgets it here instead).
import pg from 'pg';

/** A command whose result nobody reads; its parameters are text (or null). */
export interface Command {
  text: string;
  values?: (string | null)[];
}

type Connection = {
  stream: { cork?: () => void; uncork?: () => void };
  parse(config: { text: string; name?: string; types?: unknown[] }): void;
  bind(config: { portal?: string; statement?: string; values?: unknown[] }): void;
  execute(config: { portal?: string; rows?: number }): void;
  sync(): void;
  submittedNamedStatements: Record<string, string | undefined>;
};

type Internals = {
  name?: string;
  queryMode?: string;
  handleDataRow(msg: unknown): void;
  handleCommandComplete(msg: unknown, connection: Connection): void;
  handleError(err: Error, connection: Connection): void;
  submit(connection: Connection): Error | null;
};

function write(connection: Connection, commands: Command[]): void {
  for (const c of commands) {
    connection.parse({ text: c.text });
    connection.bind({ values: c.values ?? [] });
    connection.execute({});
  }
}

class PipelinedQuery extends pg.Query {
  /** commands answered so far (the ones before the statement, the statement, the ones after it) */
  answered = 0;
  statementName: string | undefined;

  constructor(
    config: pg.QueryConfig,
    readonly before: Command[],
    readonly after: Command[],
    callback: (err: Error | undefined, res: pg.QueryResult) => void,
  ) {
    super({ ...config, callback } as pg.QueryConfig);
    // the statement goes out in the extended protocol in any case: a simple Query message would
    // end the pipeline
    (this as unknown as Internals).queryMode = 'extended';
  }

  beforeStatement(): boolean {
    return this.answered < this.before.length;
  }
}

// Query's own handlers, overridden on the prototype (one set of functions for every query)
const base = pg.Query.prototype as unknown as Internals;

Object.assign(PipelinedQuery.prototype, {
  submit(this: PipelinedQuery & Internals, connection: Connection): Error | null {
    connection.stream.cork?.();
    const sync = connection.sync;
    try {
      write(connection, this.before);
      // the statement's own Parse/Bind/Describe/Execute end with a Sync: the commands after it go in first
      const after = this.after;
      connection.sync = () => {
        connection.sync = sync;
        write(connection, after);
        sync.call(connection);
      };
      const failed = base.submit.call(this, connection);
      if (this.before.length) {
        this.statementName = this.name;
        this.name = undefined;
      }
      return failed;
    } finally {
      connection.sync = sync;
      connection.stream.uncork?.();
    }
  },
  handleDataRow(this: PipelinedQuery & Internals, msg: unknown): void {
    if (!this.beforeStatement()) base.handleDataRow.call(this, msg);
  },
  handleCommandComplete(this: PipelinedQuery & Internals, msg: unknown, connection: Connection): void {
    const index = this.answered++;
    if (index === this.before.length) return base.handleCommandComplete.call(this, msg, connection);
    // the last command before the statement has answered: from here on the messages are the statement's
    if (index === this.before.length - 1) this.name = this.statementName;
  },
  handleError(this: PipelinedQuery & Internals, err: Error, connection: Connection): void {
    if (this.beforeStatement() && this.statementName) {
      delete connection.submittedNamedStatements[this.statementName];
      this.name = this.statementName;
    }
    base.handleError.call(this, err, connection);
  },
});

/**
 * Runs `config` with `before` ahead of it and `after` behind it, in one round trip. Fails with
 * the first error of any of them; after an error nothing that followed it ran.
 */
export function pipelined<R extends pg.QueryResultRow>(
  client: pg.ClientBase,
  config: pg.QueryConfig,
  around: { before?: Command[]; after?: Command[] },
): Promise<pg.QueryResult<R>> {
  return new Promise((resolve, reject) => {
    const query = new PipelinedQuery(config, around.before ?? [], around.after ?? [], (err, res) =>
      err ? reject(err) : resolve(res as pg.QueryResult<R>),
    );
    client.query(query as unknown as pg.QueryConfig);
  });
}
