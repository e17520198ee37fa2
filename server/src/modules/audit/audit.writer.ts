import { randomUUID } from "node:crypto";
import type { ApolloServerPlugin } from "@apollo/server";
import { defaultFieldResolver, GraphQLError, type GraphQLSchema } from "graphql";
import type { DataSource, EntityManager } from "typeorm";
import type { QueryDeepPartialEntity } from "typeorm/query-builder/QueryPartialEntity";
import { logger } from "../../common/log";
import { runInTransaction } from "../../common/transaction";
import { userError, UserErrorCode, UserErrorSource, type UserError } from "../../common/user-error";
import type { RequestContext } from "../../context";
import { AuditEvent, AuditOutcome, type AuditUserErrorRow } from "./audit-event.entity";
import { AuditRecorder, decisionRow, type DecisionLike } from "./audit-recorder";

/** Who called: a signed-in user (maybe through an API token), or nobody (a public mutation). */
export interface AuditActor {
  userId: string | null;
  apiTokenId: string | null;
  label: string | null;
  partnerId: string | null;
}

/** What the payload answered: its user errors and any decision it carries. */
interface AnsweredPayload {
  userErrors?: readonly UserError[];
  decision?: DecisionLike | null;
  providerDecision?: DecisionLike | null;
}

/** The root mutation field a request is resolving, and whether the seam has written (or will write) its event. */
interface MutationCall {
  field: string;
  audited: boolean;
}

// Root mutation fields run one after another, and a resolver calls `mutate` as it starts, so the call noted last
// for a request is the one being run.
const currentCall = new WeakMap<object, MutationCall>();

/** The seam takes the running mutation's name, and with it the duty to write its event. */
export function claimMutation(ctx: object): string {
  const call = currentCall.get(ctx);
  if (!call) return "unknown";
  call.audited = true;
  return call.field;
}

/** How a refusal before the seam (sign-in, role, argument validation) reads in the log. */
function refusalBeforeSeam(error: Error): { outcome: AuditOutcome; errors: UserError[] } {
  const code = error instanceof GraphQLError ? error.extensions.code : null;
  const as = (c: UserErrorCode) => ({
    outcome: AuditOutcome.REFUSED,
    errors: [userError(null, c, error.message.slice(0, 500))],
  });
  if (code === "FORBIDDEN" || code === "UNAUTHENTICATED") return as(UserErrorCode.NOT_ALLOWED);
  if (code === "BAD_USER_INPUT") return as(UserErrorCode.INVALID_INPUT);
  return { outcome: AuditOutcome.FAILED, errors: [] };
}

/** A root mutation field of a request refused before the seam, and why. */
interface EarlyRefusal {
  field: string;
  error: Error;
}

/** Each executing mutation request's early refusals (by its context), written once its execution ends. */
const refusedEarly = new WeakMap<object, EarlyRefusal[]>();

const isPromiseLike = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as PromiseLike<unknown> | null)?.then === "function";

/**
 * Wraps each root mutation field, outermost (around the permission and input guards), to note which one a request
 * is resolving (the event's `operation`) and whether it failed before the seam. Not Apollo's `willResolveField`
 * hook: once any plugin returns one, Apollo wraps the resolver of every field of the schema for good, and every
 * field of every later query pays for it (issue 10). Mutates and returns `schema`.
 */
export function auditMutationFields(schema: GraphQLSchema): GraphQLSchema {
  const mutation = schema.getMutationType();
  for (const field of Object.values(mutation?.getFields() ?? {})) {
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = (source, args, context: object, info) => {
      const call: MutationCall = { field: info.fieldName, audited: false };
      currentCall.set(context, call);
      const refused = (error: unknown) => {
        if (!call.audited) refusedEarly.get(context)?.push({ field: call.field, error: error as Error });
      };
      let result: unknown;
      try {
        result = resolve(source, args, context, info);
      } catch (error) {
        refused(error);
        throw error;
      }
      if (isPromiseLike(result)) result.then(undefined, refused);
      return result;
    };
  }
  return schema;
}

/**
 * Writes the event of a signed-in caller's mutation that was refused before reaching the seam: a role that may not
 * call it, or arguments that failed validation (auditMutationFields notes them). An anonymous caller's refused call
 * is not kept: it concerns no partner.
 */
export function auditPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async executionDidStart({ contextValue, operation }) {
          if (operation?.operation !== "mutation") return;
          const refusals: EarlyRefusal[] = [];
          refusedEarly.set(contextValue, refusals);
          return {
            async executionDidEnd() {
              refusedEarly.delete(contextValue);
              const viewer = contextValue.viewer;
              if (!viewer) return;
              for (const { field, error } of refusals) {
                const { outcome, errors } = refusalBeforeSeam(error);
                const actor = {
                  userId: viewer.user.id,
                  apiTokenId: viewer.apiTokenId ?? null,
                  label: viewer.user.email,
                  partnerId: viewer.partner.id,
                };
                const events = auditEvents(new AuditRecorder(), field, actor, {
                  outcome,
                  committed: false,
                  answer: { userErrors: errors },
                  requestId: contextValue.request.requestId || null,
                });
                await writeAfterRollback(contextValue.dataSource, events);
              }
            },
          };
        },
      };
    },
  };
}

// A Partner Center refusal comes only after our rule book allowed (upstream/write-through.ts): a disagreement.
const errorRow = (e: UserError): AuditUserErrorRow => ({
  field: e.field,
  code: e.code,
  ruleId: e.ruleId,
  message: e.message,
  ...(e.source === UserErrorSource.PARTNER_CENTER
    ? { source: e.source, upstreamCode: e.upstreamCode, disagreement: true }
    : {}),
});

/** The events of one mutation call: one, or one per accountable partner for a customer's own action. */
export function auditEvents(
  recorder: AuditRecorder,
  operation: string,
  actor: AuditActor,
  result: {
    outcome: AuditOutcome;
    committed: boolean;
    answer: AnsweredPayload;
    /** The request's id (X-Request-Id), or null outside a request (the scheduler). */
    requestId: string | null;
  },
): AuditEvent[] {
  const { outcome, committed, answer, requestId } = result;
  const answered = answer.decision ?? answer.providerDecision ?? null;
  const decision = recorder.recordedDecision ?? (answered ? decisionRow(answered) : null);
  const errors = answer.userErrors?.length ? answer.userErrors.map(errorRow) : null;
  const partners = actor.partnerId ? [actor.partnerId] : recorder.accountablePartners;
  const occurredAt = new Date();
  return (partners.length ? partners : [null]).map((partnerId) =>
    Object.assign(new AuditEvent(), {
      id: randomUUID(),
      occurredAt,
      requestId,
      actorUserId: actor.userId,
      actorApiTokenId: actor.apiTokenId,
      actorLabel: actor.label ?? recorder.actorLabel,
      partnerId,
      operation,
      outcome,
      customerId: recorder.customerId,
      resellerId: recorder.resellerId,
      targets: recorder.targets,
      // After a rollback nothing that was reported as changed is true any more.
      changes: committed ? recorder.changes : [],
      decision,
      userErrors: errors,
    }),
  );
}

/** Writes events in their own small transaction, after a rollback; a failure is logged, the answer stands. */
export async function writeAfterRollback(dataSource: DataSource, events: AuditEvent[]): Promise<void> {
  try {
    await runInTransaction(dataSource, (em) => writeAuditEvents(em, events));
  } catch (error) {
    logger.error(
      { err: error instanceof Error ? error.message : String(error), operation: events[0]?.operation },
      "audit event not written",
    );
  }
}

export async function writeAuditEvents(em: EntityManager, events: AuditEvent[]): Promise<void> {
  // simple-json columns hold plain objects; TypeORM's deep-partial type cannot see through Record<string, unknown>.
  await em.insert(AuditEvent, events as QueryDeepPartialEntity<AuditEvent>[]);
}
