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
import type { Partner } from "./modules/partner/partner.entity";

/**
 * What a service operation works with: one unit of work of one request. Services take it as their first argument
 * (`customerService.create(ctx, input)`), read and write only through `em`, and decide only with what it carries.
 *
 * This is the seam for what comes next, so that no resolver changes when it arrives: audit events belong here
 * (written through `em`, inside the transaction), an upstream Partner Center connector too (called by services
 * before their writes), and live events would be collected here and published by `mutate` once `runMutation` has
 * committed.
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
}

/** A signed-in viewer's unit of work. */
export interface ServiceContext extends PublicServiceContext {
  viewer: Viewer;
  /** The viewer's partner: the actor of every decision. */
  actor: Partner;
  /** What the viewer may see (auth/scope.ts). */
  scope: TenantScope;
}

function build(ctx: RequestContext, em: EntityManager, loaders: Loaders): PublicServiceContext {
  return {
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
  return new Loaders(em, ctx.viewer?.scope ?? null, ctx.config.transferPolicy);
}

/**
 * A mutation: one service call inside one transaction. User errors (common/ensure.ts) roll back and answer with the
 * payload's partial fields; anything else rolls back and is masked. UNAUTHENTICATED without a viewer.
 */
export function mutate<P extends Payload>(
  ctx: RequestContext,
  PayloadClass: new () => P,
  operation: (s: ServiceContext) => Promise<Partial<P>>,
): Promise<P> {
  const viewer = requireViewer(ctx);
  return runMutation(ctx.dataSource, PayloadClass, (em) =>
    operation(signedIn(build(ctx, em, transactionLoaders(ctx, em)), viewer)),
  );
}

/** A mutation anyone may call (its input carries the credential, e.g. an acceptance link's token). */
export function mutatePublic<P extends Payload>(
  ctx: RequestContext,
  PayloadClass: new () => P,
  operation: (s: PublicServiceContext) => Promise<Partial<P>>,
): Promise<P> {
  return runMutation(ctx.dataSource, PayloadClass, (em) => operation(build(ctx, em, transactionLoaders(ctx, em))));
}
