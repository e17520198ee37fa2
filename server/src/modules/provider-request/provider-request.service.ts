import { randomUUID } from "node:crypto";
import { instantColumn, paginate, sortOrder, SortDirection, type Page, type PageArgs } from "../../common/connection";
import { ensure, ensureNoErrors, ensureThat } from "../../common/ensure";
import { insertUnique } from "../../common/unique";
import { requireId } from "../../common/global-id";
import { userError, UserErrorCode } from "../../common/user-error";
import { updateVersioned } from "../../common/versioned";
import { EligibilityAction, OfferKind, PartnerType } from "../../domain/enums";
import type { ServiceContext } from "../../service-context";
import { EligibilityService, decisionTime } from "../eligibility/eligibility.service";
import { presentDecision } from "../eligibility/present";
import { checkV2Input, isValuelessV2Action, type ValuelessV2Action } from "../eligibility/v2-input";
import type { Decision } from "../eligibility/rule";
import { cleanNote, ensureActionRole, requestChecks, responseChecks } from "./provider-request.checks";
import { ProviderRequest, ProviderRequestAction, ProviderRequestStatus } from "./provider-request.entity";
import { visibleProviderRequest } from "./provider-request.lookups";
import { isOpen } from "./provider-request.status";
import { subjectOf, type RequestSubject } from "./provider-request.subject";
import {
  ProviderRequestOutcome,
  type ProviderRequestFilter,
  type ProviderRequestIdInput,
  type ProviderRequestOrder,
  ProviderRequestSortField,
  type RequestProviderActionInput,
  type ResolveProviderRequestInput,
} from "./provider-request.types";
import type { EligibilityDecision } from "../eligibility/eligibility.types";
import type { CustomerSubscription } from "../subscription/customer-subscription.entity";

/** The engine's action for each request action. */
const ELIGIBILITY_ACTION: Record<ProviderRequestAction, EligibilityAction> = {
  ORDER: EligibilityAction.ORDER,
  CANCEL: EligibilityAction.CANCEL,
  SUSPEND: EligibilityAction.SUSPEND,
  REACTIVATE: EligibilityAction.REACTIVATE,
  TRANSFER: EligibilityAction.TRANSFER,
  CHANGE_QUANTITY: EligibilityAction.CHANGE_QUANTITY,
  SET_AUTO_RENEW: EligibilityAction.SET_AUTO_RENEW,
  SCHEDULE_CHANGE: EligibilityAction.SCHEDULE_CHANGE,
  // Removing the saved change is decided as saving "renew as it is" (subscription-lifecycle.service.ts).
  CANCEL_SCHEDULED_CHANGE: EligibilityAction.SCHEDULE_CHANGE,
};

/** The request list's sort keys. */
const REQUEST_SORTS = {
  CREATED_AT: instantColumn("pr.created_at", (r: ProviderRequest) => r.createdAt),
  STATUS: { column: "pr.status", value: (r: ProviderRequest) => r.status },
  ACTION: { column: "pr.action", value: (r: ProviderRequest) => r.action },
};

/** The request list's order: newest first unless orderBy says. */
export const providerRequestOrder = (orderBy: ProviderRequestOrder | null) =>
  sortOrder(REQUEST_SORTS, { idColumn: "pr.id", id: (r: ProviderRequest) => r.id }, orderBy, {
    field: ProviderRequestSortField.CREATED_AT,
    direction: SortDirection.DESC,
  });

export interface ProviderRequestResult {
  providerRequest: ProviderRequest;
  providerDecision?: EligibilityDecision;
}

/**
 * Requests from an indirect reseller to one of its providers (R22: resellers act through their provider). The
 * provider does the work with the ordinary mutations; a request only records what was asked and the answer.
 */
export class ProviderRequestService {
  /** Requests the viewer's partner sent (as a reseller) or received (as a provider), newest first. */
  async list(
    s: ServiceContext,
    filter: ProviderRequestFilter | null,
    page: PageArgs,
    orderBy: ProviderRequestOrder | null = null,
  ): Promise<Page<ProviderRequest>> {
    return paginate(this.query(s, filter), page, providerRequestOrder(orderBy));
  }

  /** The filtered, scoped request query (the list and its CSV export). */
  query(s: ServiceContext, filter: ProviderRequestFilter | null) {
    const qb = s.scope.visibleProviderRequests(s.em.getRepository(ProviderRequest).createQueryBuilder("pr"), "pr");
    if (filter?.status?.length) qb.andWhere("pr.status IN (:...statuses)", { statuses: filter.status });
    if (filter?.direction) s.scope.providerRequestsInDirection(qb, "pr", filter.direction);
    if (filter?.customerId) {
      qb.andWhere("pr.customer_id = :customerId", {
        customerId: requireId(filter.customerId, "Customer", "filter.customerId"),
      });
    }
    if (filter?.resellerId) {
      // Within the scope above: a provider sees only the requests it received, so this names one of its resellers.
      qb.andWhere("pr.reseller_id = :requestReseller", {
        requestReseller: requireId(filter.resellerId, "Partner", "filter.resellerId"),
      });
    }
    return qb;
  }

  /** The reseller asks; the payload carries what the provider would be told if it acted today. */
  async request(s: ServiceContext, input: RequestProviderActionInput): Promise<ProviderRequestResult> {
    ensureActionRole(s.viewer.user.role, input.action, s.locale);
    ensureThat(s.actor.types.includes(PartnerType.INDIRECT_RESELLER), () =>
      userError(null, UserErrorCode.NOT_ALLOWED, s.t("ONLY_RESELLERS_SEND_REQUESTS")),
    );
    ensureNoErrors(requestChecks(input, s.locale).errors);
    // The lifecycle actions exist only under rule book V2, with their values checked as eligibility checks them.
    checkV2Input(
      { ...lifecycleValues(input), action: v2InputAction(input.action), transferId: null },
      s.config.ruleBook,
    );
    const removal = input.action === ProviderRequestAction.CANCEL_SCHEDULED_CHANGE;
    const subject = await subjectOf(s, input);
    ensureThat(!removal || subject.subscription?.scheduledChange != null, () =>
      userError("subscriptionId", UserErrorCode.INVALID_STATE, s.t("NO_SCHEDULED_CHANGE")),
    );
    const decision = await providerDecision(s, input, subject);
    const providerRequest = newRequest(s, input, subject);
    // One OPEN request per subject (UQ_provider_request_open): a concurrent duplicate gets the sequential answer.
    await insertUnique(s.em, ProviderRequest, providerRequest, () =>
      userError(
        "subscriptionId",
        UserErrorCode.ALREADY_EXISTS,
        s.t("PROVIDER_REQUEST_ALREADY_OPEN", { action: input.action }),
      ),
    );
    s.audit.change("ProviderRequest", null, providerRequest);
    return { providerRequest, providerDecision: presentDecision(decision, s.today, s.locale) };
  }

  /** The provider closes an OPEN request: FULFILLED (it did the work) or DECLINED, with a note to the reseller. */
  async resolve(s: ServiceContext, input: ResolveProviderRequestInput): Promise<ProviderRequestResult> {
    ensureNoErrors(responseChecks(input.responseNote, s.locale).errors);
    const request = await openRequest(s, input.requestId, "provider");
    const status =
      input.outcome === ProviderRequestOutcome.FULFILLED
        ? ProviderRequestStatus.FULFILLED
        : ProviderRequestStatus.DECLINED;
    return { providerRequest: await close(s, request, status, cleanNote(input.responseNote)) };
  }

  /** The reseller withdraws its OPEN request. */
  async withdraw(s: ServiceContext, input: ProviderRequestIdInput): Promise<ProviderRequestResult> {
    const request = await openRequest(s, input.requestId, "reseller");
    return { providerRequest: await close(s, request, ProviderRequestStatus.WITHDRAWN, null) };
  }
}

/** Decided as the provider: for ORDER and TRANSFER naming the reseller, the way the provider will act. */
async function providerDecision(
  s: ServiceContext,
  input: RequestProviderActionInput,
  { provider, customer, subscription }: RequestSubject,
): Promise<Decision> {
  const service = new EligibilityService(s.em);
  const opts = { asOf: s.today, ...decisionTime(s), policy: s.config.transferPolicy };
  const action = ELIGIBILITY_ACTION[input.action];
  const noDecision = () => new Error(`no ${action} decision for the provider`);
  if (subscription) {
    const reseller = input.action === ProviderRequestAction.TRANSFER ? s.actor : null;
    const values =
      input.action === ProviderRequestAction.CANCEL_SCHEDULED_CHANGE
        ? { ...lifecycleValues(input), change: renewAsItIs(subscription) }
        : lifecycleValues(input);
    const decisions = await service.decideForSubscriptions(provider, action, [subscription], {
      ...opts,
      reseller,
      ...values,
    });
    return ensure(decisions.get(subscription.id), noDecision);
  }
  const decisions = await service.decideForCustomers(provider, action, [customer.id], {
    ...opts,
    reseller: s.actor,
    offerKind: input.offerKind,
  });
  return ensure(decisions.get(customer.id), noDecision);
}

/** The action checkV2Input knows the request's by: the engine's, or a valueless V2 action of its own. */
const v2InputAction = (action: ProviderRequestAction): EligibilityAction | ValuelessV2Action =>
  isValuelessV2Action(action) ? action : ELIGIBILITY_ACTION[action];

/** CHANGE_QUANTITY, SET_AUTO_RENEW, SCHEDULE_CHANGE: the value asked for (their fields passed requestChecks). */
function lifecycleValues(input: RequestProviderActionInput) {
  const { CHANGE_QUANTITY, SET_AUTO_RENEW, SCHEDULE_CHANGE } = ProviderRequestAction;
  return {
    quantity: input.action === CHANGE_QUANTITY ? (input.quantity ?? null) : null,
    autoRenew: input.action === SET_AUTO_RENEW ? (input.autoRenew ?? null) : null,
    change: input.action === SCHEDULE_CHANGE ? (input.change ?? null) : null,
  };
}

/** CANCEL_SCHEDULED_CHANGE: renewing with today's plan and seats, as cancelScheduledChange decides it. */
const renewAsItIs = (subscription: CustomerSubscription) => ({
  quantity: subscription.quantity,
  termDuration: subscription.termDuration,
  billingCycle: subscription.billingCycle,
});

/** ORDER: the offer asked for (its fields passed requestChecks); the other actions name a subscription instead. */
function offerOf(input: RequestProviderActionInput) {
  if (input.action !== ProviderRequestAction.ORDER) {
    return { offerName: null, offerId: null, offerKind: null, quantity: null, termDuration: null };
  }
  const license = input.offerKind === OfferKind.LICENSE_BASED;
  return {
    offerName: input.offerName?.trim() ?? null,
    offerId: input.offerId?.trim() ?? null,
    offerKind: input.offerKind ?? null,
    quantity: license ? (input.quantity ?? null) : 1,
    termDuration: license ? (input.termDuration ?? null) : null,
  };
}

function newRequest(s: ServiceContext, input: RequestProviderActionInput, subject: RequestSubject): ProviderRequest {
  return Object.assign(new ProviderRequest(), {
    id: randomUUID(),
    resellerId: s.actor.id,
    providerId: subject.provider.id,
    customerId: subject.customer.id,
    action: input.action,
    subscriptionId: subject.subscription?.id ?? null,
    ...offerOf(input),
    ...(input.action === ProviderRequestAction.CHANGE_QUANTITY ? { quantity: input.quantity ?? null } : {}),
    autoRenew: lifecycleValues(input).autoRenew,
    scheduledChange: lifecycleValues(input).change,
    note: cleanNote(input.note),
    status: ProviderRequestStatus.OPEN,
    responseNote: null,
    createdByUserId: s.viewer.user.id,
    createdAt: new Date(),
    respondedAt: null,
    version: 1,
  });
}

/** The request, if the viewer's partner is the given party, its role may handle the action, and it is OPEN. */
async function openRequest(
  s: ServiceContext,
  globalId: string,
  party: "provider" | "reseller",
): Promise<ProviderRequest> {
  const request = await visibleProviderRequest(s, globalId);
  ensureThat((party === "provider" ? request.providerId : request.resellerId) === s.actor.id, () =>
    userError(
      "requestId",
      UserErrorCode.NOT_ALLOWED,
      s.t(party === "provider" ? "ONLY_REQUEST_PROVIDER" : "ONLY_REQUEST_RESELLER"),
    ),
  );
  ensureActionRole(s.viewer.user.role, request.action, s.locale);
  ensureThat(isOpen(request), () =>
    userError("requestId", UserErrorCode.INVALID_STATE, s.t("PROVIDER_REQUEST_NOT_OPEN", { status: request.status })),
  );
  return request;
}

/** Leaves OPEN only over the version that was read: a concurrent answer wins, this one is refused. */
async function close(
  s: ServiceContext,
  request: ProviderRequest,
  status: ProviderRequestStatus,
  responseNote: string | null,
): Promise<ProviderRequest> {
  const closed = await updateVersioned(
    s.em,
    ProviderRequest,
    request,
    { status, responseNote, respondedAt: new Date() },
    () => userError("requestId", UserErrorCode.CONFLICT, s.t("PROVIDER_REQUEST_CHANGED")),
    { where: { status: ProviderRequestStatus.OPEN } },
  );
  s.audit.change("ProviderRequest", request, closed);
  return closed;
}
