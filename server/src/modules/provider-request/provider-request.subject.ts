import { decodeId } from "../../common/global-id";
import { userError, UserError, UserErrorCode, UserErrorsAbort } from "../../common/user-error";
import { PartnershipStatus } from "../../domain/enums";
import type { ServiceContext } from "../../service-context";
import type { Customer } from "../customer/customer.entity";
import { hasActiveRelationship } from "../customer/customer.lookups";
import { ruleMessage } from "../eligibility/messages";
import type { Partner } from "../partner/partner.entity";
import { ResellerPartnership } from "../partner/reseller-partnership.entity";
import { CustomerSubscription } from "../subscription/customer-subscription.entity";
import { ProviderRequest, ProviderRequestAction, SUBSCRIPTION_REQUEST_ACTIONS } from "./provider-request.entity";
import { whereOpen } from "./provider-request.status";
import type { RequestProviderActionInput } from "./provider-request.types";

// Who and what a provider request is about, checked together so that the reseller sees every problem at once:
// the provider (an ACTIVE partnership), the customer (one the reseller holds), and the subscription of the action.

export interface RequestSubject {
  provider: Partner;
  customer: Customer;
  /** CANCEL, SUSPEND, REACTIVATE, TRANSFER: the subscription concerned; null for ORDER. */
  subscription: CustomerSubscription | null;
}

/** The provider, customer and subscription the input names; a user error for each one that does not qualify. */
export async function subjectOf(s: ServiceContext, input: RequestProviderActionInput): Promise<RequestSubject> {
  const provider = await partneredProvider(s, input.providerId);
  const about = await customerAndSubscription(s, input, provider);
  if (!provider || about instanceof UserError) {
    throw new UserErrorsAbort([
      ...(provider
        ? []
        : [
            userError(
              "providerId",
              UserErrorCode.PROVIDER_RESELLER_PARTNERSHIP_REQUIRED,
              s.t("PROVIDER_PARTNERSHIP_REQUIRED"),
              "R23",
            ),
          ]),
      ...(about instanceof UserError ? [about] : []),
    ]);
  }
  return { provider, ...about };
}

/** A provider the reseller has an ACTIVE partnership with, or null. */
async function partneredProvider(s: ServiceContext, globalId: string): Promise<Partner | null> {
  const providerId = decodeId(globalId, "Partner");
  if (typeof providerId !== "string") return null;
  const partnered = await s.em
    .getRepository(ResellerPartnership)
    .existsBy({ providerId, resellerId: s.actor.id, status: PartnershipStatus.ACTIVE });
  return partnered ? s.loaders.partner.load(providerId) : null;
}

/** The customer (one the reseller holds an ACTIVE relationship with) and the action's subscription, or the first problem. */
async function customerAndSubscription(
  s: ServiceContext,
  input: RequestProviderActionInput,
  provider: Partner | null,
): Promise<Omit<RequestSubject, "provider"> | UserError> {
  const customerId = decodeId(input.customerId, "Customer");
  const customer = typeof customerId === "string" ? await s.loaders.customer.load(customerId) : null;
  if (!customer) return userError("customerId", UserErrorCode.NOT_FOUND, s.t("CUSTOMER_NOT_FOUND"));
  if (!(await hasActiveRelationship(s, customer))) {
    return userError("customerId", UserErrorCode.RESELLER_RELATIONSHIP_REQUIRED, ruleMessage("R1", s.locale), "R1");
  }
  if (!SUBSCRIPTION_REQUEST_ACTIONS.has(input.action)) return { customer, subscription: null };
  const subscriptionId = decodeId(input.subscriptionId, "CustomerSubscription");
  const subscription =
    typeof subscriptionId === "string" ? await subjectSubscription(s, subscriptionId, input.action) : null;
  if (!subscription || subscription.customerId !== customer.id) {
    return userError("subscriptionId", UserErrorCode.NOT_FOUND, s.t("CUSTOMER_SUBSCRIPTION_NOT_IN_NETWORK"));
  }
  // A transfer takes over someone else's subscription; the other actions change one sold through the reseller.
  if (input.action !== ProviderRequestAction.TRANSFER && subscription.resellerOfRecordId !== s.actor.id) {
    return userError("subscriptionId", UserErrorCode.NOT_ALLOWED, s.t("NOT_RESELLER_OF_RECORD"));
  }
  if (provider && (await alreadyOpen(s, provider, subscription, input.action))) {
    return userError(
      "subscriptionId",
      UserErrorCode.ALREADY_EXISTS,
      s.t("PROVIDER_REQUEST_ALREADY_OPEN", { action: input.action }),
    );
  }
  return { customer, subscription };
}

/**
 * The subscription a request may name: one the reseller may read (it resells it) or, for TRANSFER, any subscription
 * of its customer, as a transfer needs (TenantScope.transferableSubscriptions).
 */
async function subjectSubscription(
  s: ServiceContext,
  id: string,
  action: ProviderRequestAction,
): Promise<CustomerSubscription | null> {
  if (action !== ProviderRequestAction.TRANSFER) return s.loaders.subscription.load(id);
  const qb = s.em.getRepository(CustomerSubscription).createQueryBuilder("s").where("s.id = :id", { id });
  return s.scope.transferableSubscriptions(qb, "s.customer_id").getOne();
}

/** The reseller already has an OPEN request for this action on this subscription with this provider. */
function alreadyOpen(
  s: ServiceContext,
  provider: Partner,
  subscription: CustomerSubscription,
  action: ProviderRequestAction,
): Promise<boolean> {
  const qb = s.em
    .getRepository(ProviderRequest)
    .createQueryBuilder("pr")
    .where("pr.reseller_id = :reseller AND pr.provider_id = :provider", { reseller: s.actor.id, provider: provider.id })
    .andWhere("pr.subscription_id = :subscription AND pr.action = :action", { subscription: subscription.id, action });
  return whereOpen(qb, "pr").getExists();
}
