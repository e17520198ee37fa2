import { Field, ObjectType } from "type-graphql";
import type { EntityManager } from "typeorm";
import type { RequestContext, Viewer } from "../context";
import { requireViewer } from "../context";
import { dialectOf, runInTransaction } from "../data-source";
import { UserError, UserErrorsAbort } from "./user-error";

@ObjectType()
export abstract class Payload {
  @Field(() => [UserError], { description: "Empty on success. Expected failures, each tied to an input field." })
  userErrors: UserError[];
}

export interface MutationScope {
  em: EntityManager;
  viewer: Viewer;
  ctx: RequestContext;
  /** True on PostgreSQL, where rows read for an update are locked with SELECT … FOR UPDATE. */
  canLockRows: boolean;
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
  try {
    const result = await runInTransaction(ctx.dataSource, (em) => work({ em, viewer, ctx, canLockRows }));
    return Object.assign(new PayloadClass(), { userErrors: [] }, result);
  } catch (error) {
    if (error instanceof UserErrorsAbort) {
      return Object.assign(new PayloadClass(), error.partial, { userErrors: error.errors });
    }
    throw error;
  }
}
