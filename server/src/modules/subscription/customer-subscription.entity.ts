import { Field, Int, ObjectType } from "type-graphql";
import { GraphQLInstant } from "../../common/instant-scalar";
import { ScheduledChange, SeatTranche } from "./subscription-lifecycle.types";
import { GraphQLLocalDate } from "graphql-scalars";
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from "typeorm";
import {
  BillingCycle,
  CommerceModel,
  OfferKind,
  ProductType,
  SalesChannel,
  SubscriptionStatus,
  TermDuration,
} from "../../domain/enums";
import { toGlobalId } from "../../common/global-id";
import { Node } from "../../common/node";
import { Partner } from "../partner/partner.entity";
import { Customer } from "../customer/customer.entity";

// Named CustomerSubscription: a GraphQL type called `Subscription` would become the subscription root type.
@ObjectType({ implements: Node, description: "A customer's subscription, bought through CSP or any other channel." })
@Entity()
@Index(["customerId", "status"])
// Created by migration EligibilityFactsIndex (partial, Azure plans only); declared so that generated migrations keep it.
@Index("IDX_sub_azure_plan_customer_partner", { synchronize: false })
export class CustomerSubscription implements Node {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  get nodeId(): string {
    return toGlobalId("CustomerSubscription", this.id);
  }

  @Column({ type: "varchar", length: 36 })
  @Index()
  customerId: string;

  @ManyToOne(() => Customer, { onDelete: "CASCADE" })
  @JoinColumn({ name: "customer_id" })
  customer?: Relation<Customer>;

  @Field()
  @Column({ type: "varchar", length: 200 })
  offerName: string;

  @Field({ description: "Catalog id of the offer (product:sku for new commerce)." })
  @Column({ type: "varchar", length: 100 })
  offerId: string;

  @Field(() => OfferKind)
  @Column({ type: "varchar", length: 20 })
  @Index()
  offerKind: OfferKind;

  @Field(() => CommerceModel)
  @Column({ type: "varchar", length: 20 })
  commerceModel: CommerceModel;

  @Field(() => SalesChannel)
  @Column({ type: "varchar", length: 30 })
  @Index()
  channel: SalesChannel;

  @Field(() => SubscriptionStatus)
  @Column({ type: "varchar", length: 20 })
  @Index()
  status: SubscriptionStatus;

  /** The CSP partner that bills it; null unless channel is CSP. */
  @Column({ type: "varchar", length: 36, nullable: true })
  @Index()
  transactingPartnerId: string | null;

  @ManyToOne(() => Partner, { nullable: true, onDelete: "SET NULL" })
  @JoinColumn({ name: "transacting_partner_id" })
  transactingPartner?: Relation<Partner> | null;

  @Column({ type: "varchar", length: 36, nullable: true })
  @Index()
  resellerOfRecordId: string | null;

  @ManyToOne(() => Partner, { nullable: true, onDelete: "SET NULL" })
  @JoinColumn({ name: "reseller_of_record_id" })
  resellerOfRecord?: Relation<Partner> | null;

  /** For multi-channel support: the partner that recorded a subscription bought elsewhere. */
  @Column({ type: "varchar", length: 36, nullable: true })
  @Index()
  registeredById: string | null;

  @Field(() => GraphQLLocalDate)
  @Column({ type: "date" })
  purchaseDate: string;

  @Field(() => GraphQLLocalDate, { nullable: true })
  @Column({ type: "date", nullable: true })
  renewalDate: string | null;

  @Field(() => GraphQLLocalDate)
  @Column({ type: "date" })
  @Index()
  commitmentEndDate: string;

  @Field(() => TermDuration, { nullable: true })
  @Column({ type: "varchar", length: 5, nullable: true })
  termDuration: TermDuration | null;

  @Field(() => BillingCycle)
  @Column({ type: "varchar", length: 20 })
  billingCycle: BillingCycle;

  @Field(() => Int)
  @Column({ type: "integer" })
  quantity: number;

  @Field()
  @Column({ type: "boolean" })
  autoRenew: boolean;

  /** Set for add-ons: the base subscription they belong to. */
  @Column({ type: "varchar", length: 36, nullable: true })
  @Index()
  parentId: string | null;

  @ManyToOne(() => CustomerSubscription, { nullable: true, onDelete: "SET NULL" })
  @JoinColumn({ name: "parent_id" })
  parent?: Relation<CustomerSubscription> | null;

  @Field({ description: "True for the Azure plan offer." })
  @Column({ type: "boolean" })
  isAzurePlan: boolean;

  // ---- rule book V2 (RULES.md "v2: vocabulary") ----

  @Field(() => ProductType)
  @Column({ type: "varchar", length: 30, default: ProductType.LICENSE })
  productType: ProductType;

  @Field(() => GraphQLInstant, { description: "The purchase instant (UTC); purchaseDate is its date." })
  @Column({ type: Date })
  purchasedAt: Date;

  @Field(() => GraphQLInstant, {
    nullable: true,
    description: "When the last renewal completed (UTC); renewalDate is its date.",
  })
  @Column({ type: Date, nullable: true })
  renewedAt: Date | null;

  @Field(() => [SeatTranche], {
    description: "The seats of the current term by when they were added; each has its own 168-hour reduction window.",
  })
  @Column({ type: "simple-json" })
  tranches: SeatTranche[];

  @Field(() => Int, { nullable: true, description: "The offer's maximum seats on one subscription; null: no maximum." })
  @Column({ type: "integer", nullable: true })
  maxQuantity: number | null;

  @Field(() => ScheduledChange, { nullable: true, description: "What is saved for the next renewal." })
  @Column({ type: "simple-json", nullable: true })
  scheduledChange: ScheduledChange | null;

  @Field(() => Int, { description: "Azure plans: how many Azure subscriptions under the plan are active." })
  @Column({ type: "integer", default: 0 })
  activeAzureSubscriptions: number;

  @Field()
  @Column({ type: Date })
  createdAt: Date;

  @Field()
  @Column({ type: Date })
  updatedAt: Date;

  /** Optimistic concurrency: every write is `UPDATE … WHERE version = :seen`. */
  @Field(() => Int)
  @Column({ type: "integer", default: 1 })
  version: number;

  /** Provenance: "partner-center" for rows a sync wrote, null for channelgate's own (seed, mutations). */
  @Field(() => String, {
    nullable: true,
    description: "Where the data came from: partner-center when a sync wrote it last, null for channelgate's own.",
  })
  @Column({ type: "varchar", length: 20, nullable: true })
  source?: string | null;

  /** When a sync last wrote this row. */
  @Field(() => Date, { nullable: true, description: "When a Partner Center sync last wrote it (stale when old)." })
  @Column({ type: Date, nullable: true })
  syncedAt?: Date | null;
}
