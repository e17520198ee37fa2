import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from "typeorm";
import { OfferKind, TermDuration } from "../../domain/enums";
import { toGlobalId } from "../../common/global-id";
import { Node } from "../../common/node";
import { Partner } from "../partner/partner.entity";
import { Customer } from "../customer/customer.entity";
import { CustomerSubscription } from "../subscription/customer-subscription.entity";
import { ScheduledChange } from "../subscription/subscription-lifecycle.types";

/** What an indirect reseller asks its provider to do (RULES.md R22: resellers act through their provider). */
export enum ProviderRequestAction {
  ORDER = "ORDER",
  CANCEL = "CANCEL",
  SUSPEND = "SUSPEND",
  REACTIVATE = "REACTIVATE",
  TRANSFER = "TRANSFER",
  // Rule book V2: new-commerce lifecycle changes a reseller cannot make itself (R22).
  CHANGE_QUANTITY = "CHANGE_QUANTITY",
  SET_AUTO_RENEW = "SET_AUTO_RENEW",
  SCHEDULE_CHANGE = "SCHEDULE_CHANGE",
  CANCEL_SCHEDULED_CHANGE = "CANCEL_SCHEDULED_CHANGE",
}

export enum ProviderRequestStatus {
  OPEN = "OPEN",
  FULFILLED = "FULFILLED",
  DECLINED = "DECLINED",
  WITHDRAWN = "WITHDRAWN",
}

registerEnumType(ProviderRequestAction, {
  name: "ProviderRequestAction",
  description:
    "What a reseller asks its provider to do: ORDER a new subscription, or CANCEL, SUSPEND, REACTIVATE or TRANSFER (take over, naming the reseller) an existing one, or (rule book V2) CHANGE_QUANTITY, SET_AUTO_RENEW, SCHEDULE_CHANGE or CANCEL_SCHEDULED_CHANGE (remove the change saved for renewal) on it.",
});
registerEnumType(ProviderRequestStatus, {
  name: "ProviderRequestStatus",
  description: "OPEN until the provider answers (FULFILLED or DECLINED) or the reseller withdraws it (WITHDRAWN).",
});

/** Actions whose subject is an existing subscription; ORDER names an offer instead. */
export const SUBSCRIPTION_REQUEST_ACTIONS: ReadonlySet<ProviderRequestAction> = new Set([
  ProviderRequestAction.CANCEL,
  ProviderRequestAction.SUSPEND,
  ProviderRequestAction.REACTIVATE,
  ProviderRequestAction.TRANSFER,
  ProviderRequestAction.CHANGE_QUANTITY,
  ProviderRequestAction.SET_AUTO_RENEW,
  ProviderRequestAction.SCHEDULE_CHANGE,
  ProviderRequestAction.CANCEL_SCHEDULED_CHANGE,
]);

/** Longest `note` and `responseNote`. */
export const MAX_NOTE_LENGTH = 1000;

@ObjectType({
  implements: Node,
  description:
    "An indirect reseller's request to one of its indirect providers to order, cancel, suspend, reactivate or transfer on its behalf (resellers cannot do these themselves, R22). The provider does the work with the ordinary mutations, then marks the request FULFILLED (or DECLINED).",
})
@Entity()
// One OPEN request per reseller, provider, action and subscription (ORDER has none: NULLs never collide).
@Index("UQ_provider_request_open", ["resellerId", "providerId", "action", "subscriptionId"], {
  unique: true,
  where: `"status" = 'OPEN'`,
})
export class ProviderRequest implements Node {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  get nodeId(): string {
    return toGlobalId("ProviderRequest", this.id);
  }

  /** The indirect reseller that asks. */
  @Column({ type: "varchar", length: 36 })
  @Index()
  resellerId: string;

  @ManyToOne(() => Partner, { onDelete: "CASCADE" })
  @JoinColumn({ name: "reseller_id" })
  reseller?: Relation<Partner>;

  /** The indirect provider asked. */
  @Column({ type: "varchar", length: 36 })
  @Index()
  providerId: string;

  @ManyToOne(() => Partner, { onDelete: "CASCADE" })
  @JoinColumn({ name: "provider_id" })
  provider?: Relation<Partner>;

  @Column({ type: "varchar", length: 36 })
  @Index()
  customerId: string;

  @ManyToOne(() => Customer, { onDelete: "CASCADE" })
  @JoinColumn({ name: "customer_id" })
  customer?: Relation<Customer>;

  @Field(() => ProviderRequestAction)
  @Column({ type: "varchar", length: 32 })
  action: ProviderRequestAction;

  /** Every action but ORDER: the subscription concerned. */
  @Column({ type: "varchar", length: 36, nullable: true })
  @Index()
  subscriptionId: string | null;

  @ManyToOne(() => CustomerSubscription, { nullable: true, onDelete: "SET NULL" })
  @JoinColumn({ name: "subscription_id" })
  subscription?: Relation<CustomerSubscription> | null;

  @Field(() => String, { nullable: true, description: "ORDER: the offer to buy." })
  @Column({ type: "varchar", length: 200, nullable: true })
  offerName: string | null;

  @Field(() => String, { nullable: true, description: "ORDER: catalog id of the offer, e.g. CFQ7TTC0LFLZ:0001." })
  @Column({ type: "varchar", length: 100, nullable: true })
  offerId: string | null;

  @Field(() => OfferKind, { nullable: true, description: "ORDER: license-based or usage-based." })
  @Column({ type: "varchar", length: 20, nullable: true })
  offerKind: OfferKind | null;

  @Field(() => Int, {
    nullable: true,
    description: "ORDER: seats (1 for usage-based offers); CHANGE_QUANTITY: the new seat total asked for.",
  })
  @Column({ type: "integer", nullable: true })
  quantity: number | null;

  @Field(() => TermDuration, { nullable: true, description: "ORDER of a license-based offer: the term." })
  @Column({ type: "varchar", length: 5, nullable: true })
  termDuration: TermDuration | null;

  @Field(() => Boolean, { nullable: true, description: "SET_AUTO_RENEW: the value asked for." })
  @Column({ type: "boolean", nullable: true })
  autoRenew: boolean | null;

  @Field(() => ScheduledChange, { nullable: true, description: "SCHEDULE_CHANGE: the change asked for at renewal." })
  @Column({ type: "simple-json", nullable: true })
  scheduledChange: ScheduledChange | null;

  @Field(() => String, { nullable: true, description: "The reseller's note to the provider." })
  @Column({ type: "varchar", length: MAX_NOTE_LENGTH, nullable: true })
  note: string | null;

  @Field(() => ProviderRequestStatus)
  @Column({ type: "varchar", length: 20 })
  @Index()
  status: ProviderRequestStatus;

  @Field(() => String, { nullable: true, description: "The provider's answer, e.g. why it declined." })
  @Column({ type: "varchar", length: MAX_NOTE_LENGTH, nullable: true })
  responseNote: string | null;

  @Column({ type: "varchar", length: 36, nullable: true })
  createdByUserId: string | null;

  @Field()
  @Column({ type: Date })
  @Index()
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: "When it was fulfilled, declined or withdrawn." })
  @Column({ type: Date, nullable: true })
  respondedAt: Date | null;

  /** Optimistic concurrency: a request leaves OPEN only over the version that was read. */
  @Field(() => Int)
  @Column({ type: "integer", default: 1 })
  version: number;
}
