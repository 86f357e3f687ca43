import Database from "better-sqlite3";

/** FTS5's own token sequence for one text, read back through an fts5vocab instance table. */
export function ftsTokenizer(tokenizer: string): (text: string) => string[] {
  const db = new Database(":memory:");
  db.exec(`CREATE VIRTUAL TABLE t USING fts5(x, tokenize = '${tokenizer}');
    CREATE VIRTUAL TABLE v USING fts5vocab(t, instance);`);
  const clear = db.prepare("DELETE FROM t");
  const insert = db.prepare("INSERT INTO t (rowid, x) VALUES (1, ?)");
  const read = db.prepare<[], { term: string }>('SELECT term FROM v ORDER BY "offset"');
  return (text) => {
    clear.run();
    insert.run(text);
    return read.all().map((row) => row.term);
  };
}
