import type { Request, Response } from "express";
import { GraphQLError } from "graphql";
import type { DataSource } from "typeorm";
import { buildContext } from "../../auth/request-context";
import { ensureAllowed } from "../../auth/permissions";
import { MAX_PAGE_SIZE } from "../../common/connection";
import { logger } from "../../common/log";
import type { AppConfig } from "../../config";
import { readContext } from "../../service-context";
import { auditService } from "./audit.service";
import type { AuditEventFilter, AuditEventView } from "./audit.types";

export const AUDIT_CSV_COLUMNS = [
  "occurredAt",
  "operation",
  "outcome",
  "actorKind",
  "actor",
  "actorUserId",
  "actorApiTokenId",
  "requestId",
  "targets",
  "changes",
  "decisionEligible",
  "blockingRules",
  "advisoryRules",
  "userErrors",
] as const;

/**
 * One CSV field (RFC 4180 quoting). A value a spreadsheet would run as a formula (=, +, -, @, tab, CR) is prefixed
 * with a quote, as OWASP's "CSV Injection" page advises.
 */
export function csvField(value: string | null): string {
  if (value === null) return "";
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csvRow(e: AuditEventView): string {
  const cells: Record<(typeof AUDIT_CSV_COLUMNS)[number], string | null> = {
    occurredAt: e.occurredAt.toISOString(),
    operation: e.operation,
    outcome: e.outcome,
    actorKind: e.actor.kind,
    actor: e.actor.name,
    actorUserId: e.actor.userId,
    actorApiTokenId: e.actor.apiTokenId,
    requestId: e.requestId,
    targets: e.targets.map((t) => `${t.type}:${t.id}`).join(" "),
    changes: e.changes.length ? JSON.stringify(e.changes) : null,
    decisionEligible: e.decision ? String(e.decision.eligible) : null,
    blockingRules: e.decision?.blocking.map((r) => `${r.ruleId}:${r.code}`).join(" ") ?? null,
    advisoryRules: e.decision?.advisories.map((r) => `${r.ruleId}:${r.code}`).join(" ") ?? null,
    userErrors: e.userErrors.map((u) => [u.code, u.ruleId].filter(Boolean).join(":")).join(" ") || null,
  };
  return AUDIT_CSV_COLUMNS.map((c) => csvField(cells[c])).join(",") + "\r\n";
}

/** A query-string parameter: absent, or one string (a repeated parameter is refused). */
export function param(req: Request, name: string): string | null {
  const value = req.query[name];
  if (value === undefined || value === "") return null;
  if (typeof value !== "string")
    throw new GraphQLError(`${name}: give it once`, { extensions: { code: "BAD_USER_INPUT" } });
  return value;
}

function instant(req: Request, name: string): Date | null {
  const value = param(req, name);
  if (value === null) return null;
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) {
    throw new GraphQLError(`${name}: must be an ISO 8601 date-time`, { extensions: { code: "BAD_USER_INPUT" } });
  }
  return date;
}

export function failure(res: Response, error: unknown): void {
  const code = error instanceof GraphQLError ? error.extensions.code : null;
  if (code === "UNAUTHENTICATED") {
    res.status(401).json({ error: "Sign in: send Authorization: Bearer <token>" });
  } else if (code === "FORBIDDEN") {
    res.status(403).json({ error: (error as GraphQLError).message });
  } else if (code === "BAD_USER_INPUT") {
    res.status(400).json({ error: (error as GraphQLError).message });
  } else if (code === "NOT_FOUND") {
    res.status(404).json({ error: (error as GraphQLError).message });
  } else {
    logger.error({ err: error instanceof Error ? error.message : String(error) }, "audit export failed");
    res.status(500).json({ error: "Internal server error" });
  }
}

/**
 * GET /export/audit-events.csv?customerId=&resellerId=&actorId=&operation=&from=&to= — the `auditEvents` list with the same
 * filter, scope and bearer-token sign-in, every page, streamed as CSV (newest first).
 */
export function auditCsvExport(dataSource: DataSource, config: AppConfig) {
  return async (req: Request, res: Response): Promise<void> => {
    let started = false;
    try {
      const ctx = await buildContext(req, dataSource, config);
      // The same row of the permission matrix as the auditEvents list.
      ensureAllowed("Query.auditEvents", ctx);
      const s = readContext(ctx);
      const filter: AuditEventFilter = {
        customerId: param(req, "customerId"),
        resellerId: param(req, "resellerId"),
        actorId: param(req, "actorId"),
        operation: param(req, "operation"),
        from: instant(req, "from"),
        to: instant(req, "to"),
      };
      let after: string | null = null;
      do {
        const page = await auditService.list(s, filter, { first: MAX_PAGE_SIZE, after });
        if (!started) {
          res.status(200);
          res.setHeader("content-type", "text/csv; charset=utf-8");
          res.setHeader("content-disposition", 'attachment; filename="audit-events.csv"');
          res.setHeader("cache-control", "no-store");
          res.write(AUDIT_CSV_COLUMNS.join(",") + "\r\n");
          started = true;
        }
        for (const e of page.nodes) res.write(csvRow(e));
        after = page.hasNextPage ? (page.cursors[page.cursors.length - 1] ?? null) : null;
      } while (after);
      res.end();
    } catch (error) {
      if (started) {
        logger.error({ err: error instanceof Error ? error.message : String(error) }, "audit export cut short");
        res.destroy();
      } else {
        failure(res, error);
      }
    }
  };
}
