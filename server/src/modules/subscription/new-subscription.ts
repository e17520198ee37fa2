import { randomUUID } from "node:crypto";
import { termEndDate, type IsoDate } from "../../common/dates";
import { dateOf, formatInstant, fromDate, startOfDate } from "../../common/instants";
import {
  BillingCycle,
  CommerceModel,
  OfferKind,
  ProductType,
  SalesChannel,
  SubscriptionStatus,
  TermDuration,
} from "../../domain/enums";
import { TERM_MONTHS } from "../../domain/policy";
import type { Customer } from "../customer/customer.entity";
import type { Partner } from "../partner/partner.entity";
import { CustomerSubscription } from "./customer-subscription.entity";
import type { OrderSubscriptionInput, RegisterExternalSubscriptionInput } from "./subscription.types";

// The rows the subscription mutations insert, from input that has passed its checks.

/** Last day of the commitment of a subscription bought on `purchaseDate`: a term, or one month without one. */
export function commitmentEnd(purchaseDate: IsoDate, term: TermDuration | null): IsoDate {
  return termEndDate(purchaseDate, term ? TERM_MONTHS[term] : 1);
}

/** RULES.md "v2: vocabulary": the product type a subscription has when nothing more is known. */
export function defaultProductType(offerKind: OfferKind, isAzurePlan: boolean): ProductType {
  if (isAzurePlan) return ProductType.AZURE_PLAN;
  return offerKind === OfferKind.USAGE_BASED ? ProductType.USAGE : ProductType.LICENSE;
}

/** Every seat in one tranche, added at `at` (a purchase or a renewal). */
export const oneTranche = (quantity: number, at: number) =>
  quantity > 0 ? [{ quantity, purchasedAt: formatInstant(at) }] : [];

function row(fields: Omit<CustomerSubscription, "id" | "nodeId" | "createdAt" | "updatedAt" | "version">) {
  const now = new Date();
  return Object.assign(new CustomerSubscription(), {
    id: randomUUID(),
    ...fields,
    createdAt: now,
    updatedAt: now,
    version: 1,
  });
}

/** A subscription the customer bought through another channel, recorded by the partner that supports it. */
export function externalSubscription(
  input: RegisterExternalSubscriptionInput,
  customer: Customer,
  registeredBy: Partner,
): CustomerSubscription {
  const offerName = input.offerName.trim();
  return row({
    customerId: customer.id,
    offerName,
    offerId: input.offerId?.trim() || offerName.toUpperCase().replace(/[^A-Z0-9]+/g, "-"),
    offerKind: input.offerKind,
    commerceModel: CommerceModel.NEW_COMMERCE,
    channel: input.channel,
    status: input.status,
    transactingPartnerId: null,
    resellerOfRecordId: null,
    registeredById: registeredBy.id,
    purchaseDate: input.purchaseDate,
    renewalDate: null,
    commitmentEndDate: input.commitmentEndDate,
    termDuration: null,
    billingCycle: BillingCycle.NONE,
    quantity: input.quantity,
    autoRenew: false,
    parentId: null,
    isAzurePlan: false,
    productType: defaultProductType(input.offerKind, false),
    purchasedAt: new Date(startOfDate(input.purchaseDate)),
    renewedAt: null,
    tranches: oneTranche(input.quantity, startOfDate(input.purchaseDate)),
    maxQuantity: null,
    scheduledChange: null,
    activeAzureSubscriptions: 0,
  });
}

/** A new-commerce CSP subscription bought today, billed by the ordering partner (for the reseller it names). */
export function cspSubscription(
  input: OrderSubscriptionInput,
  order: {
    customer: Customer;
    buyer: Partner;
    reseller: Partner | null;
    parent: CustomerSubscription | null;
    today: IsoDate;
  },
): CustomerSubscription {
  const license = input.offerKind === OfferKind.LICENSE_BASED;
  const term = license ? (input.termDuration ?? null) : null;
  // The purchase instant: now, to the second (its date is today unless the day turned in between).
  const now = fromDate(new Date());
  const purchasedAt = dateOf(now) === order.today ? now : startOfDate(order.today);
  return row({
    customerId: order.customer.id,
    offerName: input.offerName.trim(),
    offerId: input.offerId.trim(),
    offerKind: input.offerKind,
    commerceModel: CommerceModel.NEW_COMMERCE,
    channel: SalesChannel.CSP,
    status: SubscriptionStatus.ACTIVE,
    transactingPartnerId: order.buyer.id,
    resellerOfRecordId: order.reseller?.id ?? null,
    registeredById: null,
    purchaseDate: order.today,
    renewalDate: null,
    commitmentEndDate: commitmentEnd(order.today, term),
    termDuration: term,
    billingCycle: input.billingCycle ?? (license ? BillingCycle.ANNUAL : BillingCycle.MONTHLY),
    quantity: input.quantity,
    autoRenew: true,
    parentId: order.parent?.id ?? null,
    isAzurePlan: input.isAzurePlan,
    productType: defaultProductType(input.offerKind, input.isAzurePlan),
    purchasedAt: new Date(purchasedAt),
    renewedAt: null,
    tranches: oneTranche(input.quantity, purchasedAt),
    maxQuantity: null,
    scheduledChange: null,
    activeAzureSubscriptions: 0,
  });
}
