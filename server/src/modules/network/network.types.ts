import { Field, Int, ObjectType } from "type-graphql";
import { GraphQLLocalDate } from "graphql-scalars";
import { OfferKind, SalesChannel, SubscriptionStatus } from "../../domain/enums";

@ObjectType()
export class ChannelCount {
  @Field(() => SalesChannel)
  channel: SalesChannel;
  @Field(() => Int)
  count: number;
}

@ObjectType()
export class StatusCount {
  @Field(() => SubscriptionStatus)
  status: SubscriptionStatus;
  @Field(() => Int)
  count: number;
}

@ObjectType()
export class OfferKindCount {
  @Field(() => OfferKind)
  offerKind: OfferKind;
  @Field(() => Int)
  count: number;
}

@ObjectType({ description: "Dashboard totals for the viewer's network as of a date." })
export class NetworkSummary {
  @Field(() => GraphQLLocalDate)
  asOf: string;

  @Field(() => Int)
  customerCount: number;

  @Field(() => Int, {
    description: "Customers holding live subscriptions bought outside CSP (multi-channel opportunities).",
  })
  multiChannelCustomerCount: number;

  @Field(() => Int)
  subscriptionCount: number;

  @Field(() => [ChannelCount])
  subscriptionsByChannel: ChannelCount[];

  @Field(() => [StatusCount])
  subscriptionsByStatus: StatusCount[];

  @Field(() => [OfferKindCount])
  subscriptionsByOfferKind: OfferKindCount[];

  @Field(() => Int, { description: "ACTIVE subscriptions whose term ends within 30 days." })
  termsEndingIn30Days: number;

  @Field(() => Int, { description: "ACTIVE subscriptions whose term ends within 60 days." })
  termsEndingIn60Days: number;

  @Field(() => Int)
  incomingTransfersPending: number;

  @Field(() => Int)
  outgoingTransfersPending: number;

  @Field(() => Int, { description: "Pending transfers with 7 days or fewer left." })
  transfersExpiringWithin7Days: number;

  @Field(() => Int, { description: "Relationship requests still waiting for the customer." })
  relationshipsRequested: number;

  @Field(() => Int, { description: "Resellers with an ACTIVE partnership (providers)." })
  activeResellerCount: number;

  @Field(() => Int, { description: "Active resellers a provider cannot name today (MPA, status, region)." })
  resellersWithComplianceIssues: number;

  @Field(() => Int, {
    description:
      "OPEN provider requests: received from resellers (a provider) plus sent to providers (a reseller), to answer or to wait for.",
  })
  openProviderRequests: number;
}
