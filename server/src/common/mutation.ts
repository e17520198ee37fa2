import { Field, ObjectType } from "type-graphql";
import type { EntityManager } from "typeorm";
import type { RequestContext, Viewer } from "../context";
import { requireViewer } from "../context";
import { dialectOf, runInTransaction } from "../data-source";
import { Loaders } from "../loaders";
import { UserError, UserErrorsAbort } from "./user-error";
import { translator, type Translate } from "./user-messages";

@ObjectType()
export abstract class Payload {
  @Field(() => [UserError], { description: "Empty on success. Expected failures, each tied to an input field." })
  userErrors: UserError[];
}

export interface MutationScope {
  em: EntityManager;
  viewer: Viewer;
  /** The request context, with loaders that read through the transaction (`em`), never the pool. */
  ctx: RequestContext;
  /** True on PostgreSQL, where rows read for an update are locked with SELECT … FOR UPDATE. */
  canLockRows: boolean;
  /** Catalogue messages (common/user-messages.ts) in the request's locale, for user errors. */
  t: Translate;
}

/**
 * Runs a mutation in one transaction. Throwing UserErrorsAbort rolls everything back and answers with the
 * user errors (plus any partial payload it carries); any other error rolls back and is masked by formatError.
 */
export async function mutate<P extends Payload>(
  ctx: RequestContext,
  PayloadClass: new () => P,
  work: (m: MutationScope) => Promise<Partial<P>>,
  options: { anonymous?: boolean } = {},
): Promise<P> {
  const viewer = options.anonymous ? (ctx.viewer as Viewer) : requireViewer(ctx);
  const canLockRows = dialectOf(ctx.dataSource) === "postgres";
  const t = translator(ctx.locale);
  try {
    // Reads inside the transaction must use its connection: a loader on the pool would need a second
    // connection per mutation, and concurrent mutations holding every pooled connection would wait forever.
    const result = await runInTransaction(ctx.dataSource, (em) => {
      const loaders = new Loaders(em, ctx.viewer?.scope ?? null, ctx.config.transferPolicy);
      return work({ em, viewer, ctx: { ...ctx, loaders }, canLockRows, t });
    });
    return Object.assign(new PayloadClass(), { userErrors: [] }, result);
  } catch (error) {
    if (error instanceof UserErrorsAbort) {
      return Object.assign(new PayloadClass(), error.partial, { userErrors: error.errors });
    }
    throw error;
  }
}
