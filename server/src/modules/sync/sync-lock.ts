import type { DataSource, QueryRunner } from "typeorm";
import { dialectOf } from "../../common/transaction";

// One sync at a time across replicas. PostgreSQL: a session-level advisory lock, held on a connection of its own
// for the whole run; another replica's pg_try_advisory_lock answers false at once, and the lock goes away with the
// connection if the process dies (https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS).
// SQLite is one process by construction (one file, one writer), so an in-process flag per data source is the lock.

/** The advisory lock's key pair: "cg" and "sync" as integers, so no other lock of the database takes it by chance. */
const LOCK_KEY: readonly [number, number] = [0x6367, 0x73796e63];

export interface SyncLock {
  release(): Promise<void>;
}

const held = new WeakMap<DataSource, true>();

/** Takes the sync lock, or answers null when another run (here or in another replica) holds it. */
export async function tryAcquireSyncLock(ds: DataSource): Promise<SyncLock | null> {
  if (dialectOf(ds) !== "postgres") {
    if (held.has(ds)) return null;
    held.set(ds, true);
    let released = false;
    return {
      release: () => {
        if (!released) held.delete(ds);
        released = true;
        return Promise.resolve();
      },
    };
  }
  const runner: QueryRunner = ds.createQueryRunner();
  await runner.connect();
  try {
    const rows = (await runner.query("SELECT pg_try_advisory_lock($1, $2) AS locked", [...LOCK_KEY])) as Array<{
      locked: boolean;
    }>;
    if (!rows[0]?.locked) {
      await runner.release();
      return null;
    }
  } catch (error) {
    await runner.release();
    throw error;
  }
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      try {
        await runner.query("SELECT pg_advisory_unlock($1, $2)", [...LOCK_KEY]);
      } finally {
        await runner.release();
      }
    },
  };
}
