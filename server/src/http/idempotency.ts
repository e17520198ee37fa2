import { createHash } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { parse, type OperationDefinitionNode } from "graphql";
import { IsNull, LessThan, type DataSource } from "typeorm";
import { logger } from "../common/log";
import { runInTransaction } from "../common/transaction";
import { isUniqueViolation } from "../common/unique";
import { callerKey, callerOf } from "./caller";
import { IdempotencyKey } from "./idempotency.entity";

/**
 * `Idempotency-Key` on mutations, for tools that retry. The first request with a key claims it (an insert: the
 * primary key is (caller, key), so one request wins even when twenty arrive at once), runs, and stores its answer;
 * a later request with the same key and the same operation and variables gets that answer back, with
 * `Idempotency-Replayed: true`, and changes nothing. Concurrent requests with the key wait for the first one's answer
 * (up to `waitMs`), then get 409 IDEMPOTENCY_IN_PROGRESS. The same key with another body: 422 IDEMPOTENCY_KEY_REUSED.
 * A malformed key: 400 IDEMPOTENCY_KEY_INVALID. Keys are per caller (user, or address when anonymous) and kept
 * 24 hours. Queries ignore the header (they change nothing). An answer that failed internally (HTTP 5xx or
 * INTERNAL_SERVER_ERROR: the transaction rolled back) is not kept, so a retry with the key runs again.
 *
 * Partner Center's REST API has the same idea in its MS-RequestId header: the retry after a timeout sends the same
 * value (learn.microsoft.com/partner-center/developer/headers).
 */
export interface IdempotencyOptions {
  /** How long a key is kept. */
  ttlMs: number;
  /** How long a concurrent request waits for the first one's answer. */
  waitMs: number;
}

export const IDEMPOTENCY_DEFAULTS: IdempotencyOptions = { ttlMs: 24 * 3600_000, waitMs: 15_000 };

/** 1 to 255 visible ASCII characters (no spaces or control characters). */
const VALID_KEY = /^[\x21-\x7e]{1,255}$/;
const POLL_MS = 25;
const PURGE_EVERY_MS = 60_000;

interface GraphQLBody {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
}

function refuse(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}

/** True when the body's operation (the named one, or the only one) is a mutation; false when it does not parse. */
function isMutation(body: GraphQLBody): boolean {
  if (typeof body.query !== "string") return false;
  try {
    const operations = parse(body.query).definitions.filter(
      (d): d is OperationDefinitionNode => d.kind === "OperationDefinition",
    );
    const name = typeof body.operationName === "string" ? body.operationName : null;
    const operation = name ? operations.find((o) => o.name?.value === name) : operations[0];
    return operation?.operation === "mutation";
  } catch {
    return false; // Apollo answers the syntax error
  }
}

/** Stable JSON (sorted keys), so that the same variables in another key order hash the same. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

function requestHash(body: GraphQLBody): string {
  return createHash("sha256")
    .update(stable({ query: body.query, operationName: body.operationName ?? null, variables: body.variables ?? {} }))
    .digest("hex");
}

/** An answer not worth keeping: the mutation did not run to a result (a retry should run it). */
function failedInternally(status: number, text: string): boolean {
  return status >= 500 || text.includes('"INTERNAL_SERVER_ERROR"');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function idempotency(ds: DataSource, options: IdempotencyOptions = IDEMPOTENCY_DEFAULTS) {
  let lastPurge = 0;

  /** Claims the key (after dropping an expired claim of it); false when another request holds it. */
  async function claim(caller: string, key: string, hash: string): Promise<boolean> {
    const now = new Date();
    const expired = new Date(now.getTime() - options.ttlMs);
    const purge = now.getTime() - lastPurge > PURGE_EVERY_MS;
    if (purge) lastPurge = now.getTime();
    try {
      await runInTransaction(ds, async (em) => {
        // Opportunistic purge of every expired key, at most once a minute per process.
        if (purge) await em.delete(IdempotencyKey, { createdAt: LessThan(expired) });
        else await em.delete(IdempotencyKey, { callerKey: caller, key, createdAt: LessThan(expired) });
        await em.insert(IdempotencyKey, {
          callerKey: caller,
          key,
          requestHash: hash,
          statusCode: null,
          response: null,
          createdAt: now,
        });
      });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /** The first request's answer once it is stored (or its claim, when for another body or the wait is over). */
  async function awaitAnswer(caller: string, key: string, hash: string): Promise<IdempotencyKey | null> {
    const deadline = Date.now() + options.waitMs;
    for (;;) {
      const row = await runInTransaction(ds, (em) => em.findOneBy(IdempotencyKey, { callerKey: caller, key }));
      if (!row || row.requestHash !== hash || row.statusCode !== null || Date.now() >= deadline) return row;
      await sleep(POLL_MS);
    }
  }

  /** Keeps the answer before it is sent (so a retry that follows the answer finds it), or frees the key. */
  function recordAnswer(res: Response, caller: string, key: string): void {
    const send = res.send.bind(res);
    let settled = false;
    const release = () =>
      runInTransaction(ds, (em) => em.delete(IdempotencyKey, { callerKey: caller, key, statusCode: IsNull() }));
    res.send = (body?: unknown) => {
      if (settled) return send(body);
      settled = true;
      const text =
        typeof body === "string" ? body : Buffer.isBuffer(body) ? body.toString("utf8") : JSON.stringify(body);
      const status = res.statusCode;
      const write = failedInternally(status, text)
        ? release()
        : runInTransaction(ds, (em) =>
            em.update(IdempotencyKey, { callerKey: caller, key }, { statusCode: status, response: text }),
          );
      write
        .catch((err: unknown) => logger.error({ err, key }, "idempotency key not recorded"))
        .finally(() => send(body));
      return res;
    };
    // The connection closed before an answer: free the key, so that the retry runs.
    res.on("close", () => {
      if (settled) return;
      settled = true;
      release().catch((err: unknown) => logger.error({ err, key }, "idempotency key not released"));
    });
  }

  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const header = req.headers["idempotency-key"];
    if (header === undefined) return next();
    if (typeof header !== "string" || !VALID_KEY.test(header)) {
      return refuse(res, 400, "IDEMPOTENCY_KEY_INVALID", "Idempotency-Key must be 1 to 255 visible ASCII characters");
    }
    const body = (req.body ?? {}) as GraphQLBody;
    if (!isMutation(body)) return next();
    const caller = callerKey(callerOf(res));
    const hash = requestHash(body);
    try {
      if (await claim(caller, header, hash)) {
        recordAnswer(res, caller, header);
        return next();
      }
      const stored = await awaitAnswer(caller, header, hash);
      if (!stored) {
        // The first request failed and freed the key meanwhile: this one runs instead.
        return (await claim(caller, header, hash)) ? (recordAnswer(res, caller, header), next()) : inProgress(res);
      }
      if (stored.requestHash !== hash) {
        return refuse(
          res,
          422,
          "IDEMPOTENCY_KEY_REUSED",
          "This Idempotency-Key was used for another request: send a new key for a different operation or variables",
        );
      }
      if (stored.statusCode === null || stored.response === null) return inProgress(res);
      res.status(stored.statusCode).set("content-type", "application/json; charset=utf-8");
      res.set("idempotency-replayed", "true").send(stored.response);
    } catch (error) {
      next(error);
    }
  };
}

/**
 * The request's Idempotency-Key scoped to its caller (`<caller>|<key>`), or null without a valid one: the write-through
 * derives its MS-RequestIds from it (upstream/request-ids.ts), so a retried mutation is a replay upstream too.
 */
export function idempotencyScope(req: Request): string | null {
  const header = req.headers["idempotency-key"];
  if (typeof header !== "string" || !VALID_KEY.test(header) || !req.res) return null;
  return `${callerKey(callerOf(req.res))}|${header}`;
}

function inProgress(res: Response): void {
  refuse(
    res,
    409,
    "IDEMPOTENCY_IN_PROGRESS",
    "A request with this Idempotency-Key is still running: retry later with the same key",
  );
}
