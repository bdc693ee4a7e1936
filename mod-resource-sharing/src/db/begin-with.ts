// A transaction's first statement carries its BEGIN. PostgreSQL's extended query protocol lets
// several commands share one Sync: Parse/Bind/Execute of BEGIN, then the statement's own
// Parse/Bind/Describe/Execute, then Sync, written to the socket at once and answered at once. So a
// transaction costs no round trip of its own to start (node-postgres sends one command per round
// trip otherwise). The statement's result is answered as usual; BEGIN's is dropped.
//
// Built on node-postgres' Query (public, and what its Submittable interface is for); it relies on
// two habits of its Client, both checked by the tests of every transaction: a ParseComplete marks
// the active query's `name` as prepared (so the name is hidden until BEGIN has answered), and an
// ErrorResponse forgets the name it reads there (so a failed BEGIN forgets it here instead).
import pg from 'pg';

type Connection = {
  stream: { cork?: () => void; uncork?: () => void };
  parse(config: { text: string; name?: string; types?: unknown[] }): void;
  bind(config: { portal?: string; statement?: string; values?: unknown[] }): void;
  execute(config: { portal?: string; rows?: number }): void;
  submittedNamedStatements: Record<string, string | undefined>;
};

type Internals = {
  name?: string;
  queryMode?: string;
  handleCommandComplete(msg: unknown, connection: Connection): void;
  handleError(err: Error, connection: Connection): void;
  submit(connection: Connection): Error | null;
};

class BeginThenQuery extends pg.Query {
  private begun = false;
  private statementName: string | undefined;

  constructor(config: pg.QueryConfig, callback: (err: Error | undefined, res: pg.QueryResult) => void) {
    super({ ...config, callback } as pg.QueryConfig);
    const self = this as unknown as Internals;
    // the statement goes out in the extended protocol in any case: a simple Query message would
    // end the pipeline
    self.queryMode = 'extended';
    const base = { submit: self.submit, handleCommandComplete: self.handleCommandComplete, handleError: self.handleError };
    self.submit = (connection) => {
      connection.stream.cork?.();
      try {
        connection.parse({ text: 'BEGIN' });
        connection.bind({});
        connection.execute({});
        const failed = base.submit.call(this, connection);
        this.statementName = self.name;
        self.name = undefined;
        return failed;
      } finally {
        connection.stream.uncork?.();
      }
    };
    self.handleCommandComplete = (msg, connection) => {
      if (!this.begun) {
        // BEGIN's answer: from here on the messages are the statement's
        this.begun = true;
        self.name = this.statementName;
        return;
      }
      base.handleCommandComplete.call(this, msg, connection);
    };
    self.handleError = (err, connection) => {
      if (!this.begun && this.statementName) {
        delete connection.submittedNamedStatements[this.statementName];
        self.name = this.statementName;
      }
      base.handleError.call(this, err, connection);
    };
  }
}

/** Runs `config` as the first statement of a transaction it opens, in the same round trip. */
export function beginWith<R extends pg.QueryResultRow>(client: pg.ClientBase, config: pg.QueryConfig): Promise<pg.QueryResult<R>> {
  return new Promise((resolve, reject) => {
    const query = new BeginThenQuery(config, (err, res) => (err ? reject(err) : resolve(res as pg.QueryResult<R>)));
    client.query(query as unknown as pg.QueryConfig);
  });
}
