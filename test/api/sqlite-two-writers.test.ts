import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataSource } from "typeorm";
import { createDataSource, runInTransaction } from "../../server/src/data-source";

// Two processes writing one SQLite file (two servers on one data/channelgate.sqlite, or the server and the users
// CLI): this process runs transactions through runInTransaction that read, wait a little (a mutation's async work)
// and write, while a second process (plain better-sqlite3, as a second server begins its transactions) does the
// same. With TypeORM's DEFERRED BEGIN, this process's write after its read failed at once with SQLITE_BUSY when the
// other had written meanwhile (a client's INTERNAL_SERVER_ERROR); begun IMMEDIATE, each transaction waits for the
// write lock (busy timeout) and every one commits: none fails and no increment is lost. SQLite only.

const OTHER_PROCESS = `
const Database = require("better-sqlite3");
const db = new Database(process.argv[1], { timeout: 5000 });
db.pragma("journal_mode = WAL");
const pause = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
let done = 0;
const until = Date.now() + Number(process.argv[2]);
while (Date.now() < until) {
  db.exec("BEGIN IMMEDIATE");
  const { n } = db.prepare("SELECT n FROM counter WHERE id = 1").get();
  pause(2);
  db.prepare("UPDATE counter SET n = ? WHERE id = 1").run(n + 1);
  db.exec("COMMIT");
  done++;
  pause(3);
}
process.stdout.write(String(done));
`;

describe.skipIf(!!process.env.TEST_DATABASE_URL)("two processes writing one SQLite file", () => {
  let dir: string;
  let file: string;
  let ds: DataSource;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "cg-sqlite-"));
    file = join(dir, "two-writers.sqlite");
    ds = createDataSource({ databaseUrl: null, sqlitePath: file });
    await ds.initialize();
    await ds.query("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)");
    await ds.query("INSERT INTO counter (id, n) VALUES (1, 0)");
  });

  afterAll(async () => {
    await ds?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it("read-then-write transactions of both commit: nothing errors, no update is lost", async () => {
    const other = spawn(process.execPath, ["-e", OTHER_PROCESS, file, "2500"], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    other.stdout.on("data", (c: Buffer) => (out += c.toString()));
    other.stderr.on("data", (c: Buffer) => (err += c.toString()));
    const exited = new Promise<number | null>((r) => other.on("exit", r));
    let running = true;
    void exited.then(() => (running = false));

    let mine = 0;
    const failures: string[] = [];
    while (running) {
      try {
        await runInTransaction(ds, async (em) => {
          const [row] = (await em.query("SELECT n FROM counter WHERE id = 1")) as { n: number }[];
          await new Promise((r) => setTimeout(r, 2));
          await em.query("UPDATE counter SET n = ? WHERE id = 1", [row!.n + 1]);
        });
        mine++;
      } catch (error) {
        failures.push(error instanceof Error ? error.message : String(error));
      }
      // Between requests (SQLite's busy handler polls: back-to-back transactions would starve the other process).
      await new Promise((r) => setTimeout(r, 3));
    }
    expect(await exited, err).toBe(0);
    const theirs = Number(out);
    expect(failures).toEqual([]);
    expect(mine).toBeGreaterThan(10);
    expect(theirs).toBeGreaterThan(10);
    const [{ n }] = (await ds.query("SELECT n FROM counter WHERE id = 1")) as [{ n: number }];
    expect(n).toBe(mine + theirs);
  });
});
