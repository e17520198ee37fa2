import type { EntityManager } from "typeorm";
import type { TenantScope } from "./auth/scope";
import { runMutation, type Payload } from "./common/mutation";
import { dialectOf } from "./common/transaction";
import type { IsoDate } from "./common/dates";
import type { Locale } from "./common/locale";
import { translator, type Translate } from "./common/user-messages";
import type { AppConfig } from "./config";
import { requireViewer, type RequestContext, type Viewer } from "./context";
import { Loaders } from "./loaders";
import { AuditOutcome } from "./modules/audit/audit-event.entity";
import { AuditRecorder } from "./modules/audit/audit-recorder";
import {
  auditEvents,
  claimMutation,
  writeAfterRollback,
  writeAuditEvents,
  type AuditActor,
} from "./modules/audit/audit.writer";
import type { Partner } from "./modules/partner/partner.entity";
import { outboxCommitted, writeMutationEvents } from "./modules/live/outbox.writer";
import type { RequestIds } from "./upstream/partner-center-writes";
import { requestIdsFor } from "./upstream/request-ids";
import type { UpstreamPort } from "./upstream/upstream";

/**
 * What a service operation works with: one unit of work of one request. Services take it as their first argument
 * (`customerService.create(ctx, input)`), read and write only through `em`, and decide only with what it carries.
 *
 * This is the seam for what comes next, so that no resolver changes when it arrives: audit events are written here
 * (see `audited`), the upstream port is here (services call it after the rule book allowed, before their writes:
 * `writeThrough` in upstream/write-through.ts), and live events would be collected here and published by `mutate`
 * once `runMutation` has committed.
 */
export interface PublicServiceContext {
  /** The mutation's transaction, or for reads the data source's manager. */
  em: EntityManager;
  /** Loaders scoped to the viewer that read through `em` (never the pool while a transaction is open). */
  loaders: Loaders;
  viewer: Viewer | null;
  locale: Locale;
  /** Catalogue messages (common/user-messages.ts) in the request's locale, for user errors. */
  t: Translate;
  /** Today's date (UTC) for this request: the default `asOf`. Rules never read the clock. */
  today: IsoDate;
  config: AppConfig;
  /** True on PostgreSQL, where rows read for an update are locked with SELECT … FOR UPDATE. */
  canLockRows: boolean;
  /** What the mutation named, changed and decided, for its audit event (a query's recorder is never written). */
  audit: AuditRecorder;
  /** Where the partner network lives: the sandbox (no-op writes) or Partner Center (write-through). */
  upstream: UpstreamPort;
  /** The MS-RequestId of each upstream call of this mutation, by step (upstream/request-ids.ts). */
  upstreamRequestId: RequestIds;
}

/** A signed-in viewer's unit of work. */
export interface ServiceContext extends PublicServiceContext {
  viewer: Viewer;
  /** The viewer's partner: the actor of every decision. */
  actor: Partner;
  /** What the viewer may see (auth/scope.ts). */
  scope: TenantScope;
}

/** Root mutations of one request, in order: each gets its own upstream request ids. */
const mutationsSeen = new WeakMap<RequestContext, number>();

function build(
  ctx: RequestContext,
  em: EntityManager,
  loaders: Loaders,
  audit = new AuditRecorder(),
  operation = "query",
): PublicServiceContext {
  let seq = mutationsSeen.get(ctx) ?? 0;
  if (operation !== "query") mutationsSeen.set(ctx, ++seq);
  return {
    audit,
    upstream: ctx.upstream,
    upstreamRequestId: requestIdsFor(ctx.idempotencyScope, `${operation}#${seq}`),
    em,
    loaders,
    viewer: ctx.viewer,
    locale: ctx.locale,
    t: translator(ctx.locale),
    today: ctx.today,
    config: ctx.config,
    canLockRows: dialectOf(ctx.dataSource) === "postgres",
  };
}

function signedIn(base: PublicServiceContext, viewer: Viewer): ServiceContext {
  return { ...base, viewer, actor: viewer.partner, scope: viewer.scope };
}

/** A read-only context for queries: the pool's manager and the request's loaders. UNAUTHENTICATED without a viewer. */
export function readContext(ctx: RequestContext): ServiceContext {
  const viewer = requireViewer(ctx);
  return signedIn(build(ctx, ctx.dataSource.manager, ctx.loaders), viewer);
}

/** Loaders that read through a transaction, with the request's scope. */
function transactionLoaders(ctx: RequestContext, em: EntityManager): Loaders {
  return new Loaders(em, ctx.viewer?.scope ?? null, ctx.config.transferPolicy, ctx.config.ruleBook);
}

/**
 * Runs a mutation and writes its audit event (modules/audit). Accepted — or answered with user errors after a
 * committed change, like a transfer found expired — the event is written through `em` as the last statement of
 * the mutation's own transaction: the change and its event commit together or not at all. Refused (user errors
 * rolled the transaction back) or failed (an internal error), the event is written right after the rollback in a
 * small transaction of its own, with the user errors and the decision the payload carries and no changes.
 *
 * What committed is also written to the outbox in the same transaction (modules/live): the domain events its
 * changes amount to, each with the partners that may see it. The publisher is woken once the commit is done.
 */
async function audited<P extends Payload>(
  ctx: RequestContext,
  PayloadClass: new () => P,
  actor: AuditActor,
  work: (em: EntityManager, audit: AuditRecorder, operation: string) => Promise<Partial<P>>,
): Promise<P> {
  const operation = claimMutation(ctx);
  const requestId = ctx.request.requestId || null;
  const audit = new AuditRecorder();
  let committed = false;
  let published = false;
  let payload: P;
  try {
    payload = await runMutation(ctx.dataSource, PayloadClass, async (em) => {
      const result = await work(em, audit, operation);
      const outcome = result.userErrors?.length ? AuditOutcome.REFUSED : AuditOutcome.ACCEPTED;
      await writeAuditEvents(
        em,
        auditEvents(audit, operation, actor, { outcome, committed: true, answer: result, requestId }),
      );
      // With live events off nothing drains the outbox: nothing is written to it either.
      if (ctx.config.live.enabled) {
        published =
          (await writeMutationEvents(em, operation, audit.changes, audit.customerId, (type, id) =>
            audit.written(type, id),
          )) > 0;
      }
      committed = true;
      return result;
    });
  } catch (error) {
    const events = auditEvents(audit, operation, actor, {
      outcome: AuditOutcome.FAILED,
      committed: false,
      answer: {},
      requestId,
    });
    await writeAfterRollback(ctx.dataSource, events);
    throw error;
  }
  if (published) outboxCommitted(ctx.dataSource);
  if (!committed) {
    const answer = payload as Partial<P>;
    await writeAfterRollback(
      ctx.dataSource,
      auditEvents(audit, operation, actor, { outcome: AuditOutcome.REFUSED, committed: false, answer, requestId }),
    );
  }
  return payload;
}

function actorOf(viewer: Viewer | null): AuditActor {
  if (!viewer) return { userId: null, apiTokenId: null, label: null, partnerId: null };
  return {
    userId: viewer.user.id,
    apiTokenId: viewer.apiTokenId ?? null,
    label: viewer.user.email,
    partnerId: viewer.partner.id,
  };
}

/**
 * A mutation: one service call inside one transaction, audited. User errors (common/ensure.ts) roll back and
 * answer with the payload's partial fields; anything else rolls back and is masked. UNAUTHENTICATED without a viewer.
 */
export function mutate<P extends Payload>(
  ctx: RequestContext,
  PayloadClass: new () => P,
  operation: (s: ServiceContext) => Promise<Partial<P>>,
): Promise<P> {
  const viewer = requireViewer(ctx);
  return audited(ctx, PayloadClass, actorOf(viewer), (em, audit, name) =>
    operation(signedIn(build(ctx, em, transactionLoaders(ctx, em), audit, name), viewer)),
  );
}

/** A mutation anyone may call (its input carries the credential, e.g. an acceptance link's token), audited. */
export function mutatePublic<P extends Payload>(
  ctx: RequestContext,
  PayloadClass: new () => P,
  operation: (s: PublicServiceContext) => Promise<Partial<P>>,
): Promise<P> {
  return audited(ctx, PayloadClass, actorOf(ctx.viewer), (em, audit, name) =>
    operation(build(ctx, em, transactionLoaders(ctx, em), audit, name)),
  );
}
