import { ArrayMaxSize, MaxLength } from "class-validator";
import { GraphQLLocalDate } from "graphql-scalars";
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { SalesChannel } from "../../domain/enums";
import { ConnectionType, OrderByInput } from "../../common/connection";
import { Payload } from "../../common/mutation";
import { EligibilityDecision } from "../eligibility/eligibility.types";
import { Customer } from "./customer.entity";
import { CustomerRelationship } from "./customer-relationship.entity";

export const CustomerConnection = ConnectionType(Customer, "Customer");

@InputType()
export class CustomerFilter {
  @MaxLength(200)
  @Field(() => String, { nullable: true, description: "Matches name or domain (case-insensitive, substring)." })
  search?: string | null;

  @MaxLength(200)
  @Field(() => String, { nullable: true, description: "ISO 3166-1 alpha-2." })
  country?: string | null;

  @ArrayMaxSize(20)
  @Field(() => [SalesChannel], {
    nullable: true,
    description: "Customers holding a live (ACTIVE or SUSPENDED) subscription from any of these channels.",
  })
  channels?: SalesChannel[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "Customers holding (or not) live subscriptions bought outside CSP.",
  })
  hasNonCspSubscriptions?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "Customers with (or without) a relationship request of the viewer's network still waiting for them.",
  })
  relationshipRequested?: boolean | null;

  @MaxLength(200)
  @Field(() => String, {
    nullable: true,
    description: "A provider's view: only customers of this reseller (Partner id).",
  })
  resellerId?: string | null;
}

@ObjectType({
  description:
    "What a pending relationship request asks, for the customer's global admin before accepting it: who asks, and for which tenant. Nothing else about the customer.",
})
export class RelationshipRequestPreview {
  @Field()
  customerName: string;

  @Field({ description: "The customer tenant's primary domain: a global admin of this tenant must sign in to accept." })
  customerDomain: string;

  @Field(() => [String], {
    description: "Partners that accepting makes resellers of the customer (two for a two-tier request), by name.",
  })
  partnerNames: string[];

  @Field({ description: "The request asks for delegated admin privileges (DAP)." })
  includesDelegatedAdmin: boolean;

  @Field({ description: "When the link was issued (or last re-issued)." })
  requestedAt: Date;

  @Field({ description: "When the link stops working." })
  requestExpiresAt: Date;
}

@InputType()
export class CreateCustomerInput {
  @Field()
  name: string;
  @Field({ description: "Primary domain, e.g. fabrikam.onmicrosoft.com." })
  domain: string;
  @Field({ description: "ISO 3166-1 alpha-2; must be the partner's own country." })
  country: string;
  @Field({ defaultValue: false, description: "The customer has accepted the Microsoft Customer Agreement." })
  mcaAccepted: boolean;
  @Field(() => ID, { nullable: true, description: "An indirect provider creates the customer for this reseller." })
  resellerId?: string | null;
}

@InputType()
export class RequestRelationshipInput {
  @Field(() => ID, { nullable: true, description: "A customer in your network (e.g. after a removed relationship)." })
  customerId?: string | null;
  @Field(() => String, { nullable: true, description: "Or the customer's domain." })
  customerDomain?: string | null;
  @Field({ defaultValue: true, description: "Ask for delegated admin privileges (DAP)." })
  includesDelegatedAdmin: boolean;
  @Field(() => ID, { nullable: true, description: "Provider: invite the customer for this reseller too (two-tier)." })
  resellerId?: string | null;
  @Field(() => ID, { nullable: true, description: "Reseller: the provider to include, when it has several." })
  providerId?: string | null;
}

@InputType()
export class AcceptRelationshipInput {
  @Field({ description: "The token of the acceptance link." })
  token: string;
  @Field({
    description:
      "The customer-admin session from the customer's sign-in (audience channelgate-customer-admin, tid = the customer's tenant id, a global admin). In the sandbox: POST /auth/demo-customer-login. The accepting UPN comes from it.",
  })
  customerAdminToken: string;
}

@InputType()
export class RemoveRelationshipInput {
  @Field(() => ID)
  customerId: string;
}

@InputType({
  description:
    "A partner's confirmation that the customer accepted the Microsoft Customer Agreement (Partner Center: confirm customer acceptance).",
})
export class RecordCustomerAgreementInput {
  @Field(() => ID)
  customerId: string;
  @Field(() => GraphQLLocalDate, {
    description: "When the customer accepted (Partner Center's dateAgreed); not later than today.",
  })
  dateAgreed: string;
  @Field({ description: "Full name of the customer's user who accepted." })
  acceptedByName: string;
  @Field({ description: "Email address of the customer's user who accepted." })
  acceptedByEmail: string;
}

@ObjectType()
export class RecordCustomerAgreementPayload extends Payload {
  @Field(() => Customer, { nullable: true })
  customer: Customer | null;
}

@ObjectType()
export class CreateCustomerPayload extends Payload {
  @Field(() => Customer, { nullable: true })
  customer: Customer | null;
}

@ObjectType()
export class RequestRelationshipPayload extends Payload {
  @Field(() => [CustomerRelationship], {
    nullable: true,
    description: "The requested relationships, for a customer already in your network (requested by id); else null.",
  })
  relationships: CustomerRelationship[] | null;
  @Field(() => String, { nullable: true, description: "Send this link to the customer's global admin." })
  acceptanceUrl: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      "With Partner Center upstream: Partner Center's own relationship request link (the same for every customer). Null in the sandbox.",
  })
  partnerCenterUrl: string | null;
  @Field(() => Date, { nullable: true, description: "The link stops working then (7 days after the request)." })
  requestExpiresAt: Date | null;
  @Field(() => String, {
    nullable: true,
    description:
      "The domain the request is for, as asked. Nothing else about a customer outside your network is shown until it accepts.",
  })
  customerDomain: string | null;
}

@ObjectType()
export class AcceptRelationshipPayload extends Payload {
  @Field(() => String, { nullable: true })
  customerName: string | null;
  @Field(() => [String], { nullable: true, description: "Partners the customer now has a relationship with." })
  partnerNames: string[] | null;
  @Field(() => Int, { nullable: true })
  acceptedCount: number | null;
}

@ObjectType()
export class RemoveRelationshipPayload extends Payload {
  @Field(() => CustomerRelationship, { nullable: true })
  relationship: CustomerRelationship | null;
  @Field(() => EligibilityDecision, { nullable: true })
  decision: EligibilityDecision | null;
}

/** The columns the customer list sorts on (each indexed with the id, see the migrations). */
export enum CustomerSortField {
  NAME = "NAME",
  DOMAIN = "DOMAIN",
  COUNTRY = "COUNTRY",
  CREATED_AT = "CREATED_AT",
}
registerEnumType(CustomerSortField, { name: "CustomerSortField" });
export const CustomerOrder = OrderByInput(CustomerSortField, "Customer");
export type CustomerOrder = InstanceType<typeof CustomerOrder>;
