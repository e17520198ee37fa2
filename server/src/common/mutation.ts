import { Field, ObjectType } from "type-graphql";
import type { DataSource, EntityManager } from "typeorm";
import { runInTransaction } from "./transaction";
import { UserError, UserErrorsAbort } from "./user-error";

@ObjectType()
export abstract class Payload {
  @Field(() => [UserError], { description: "Empty on success. Expected failures, each tied to an input field." })
  userErrors: UserError[];
}

/**
 * Runs `work` in one transaction and builds the payload. Throwing UserErrorsAbort (see common/ensure.ts) rolls
 * everything back and answers with the user errors plus any partial payload it carries; any other error rolls back
 * and is masked by formatError. The caller (service-context.ts) decides what `work` gets to work with.
 */
export async function runMutation<P extends Payload>(
  dataSource: DataSource,
  PayloadClass: new () => P,
  work: (em: EntityManager) => Promise<Partial<P>>,
): Promise<P> {
  try {
    const result = await runInTransaction(dataSource, work);
    return Object.assign(new PayloadClass(), { userErrors: [] }, result);
  } catch (error) {
    if (error instanceof UserErrorsAbort) {
      return Object.assign(new PayloadClass(), error.partial, { userErrors: error.errors });
    }
    throw error;
  }
}
