import { ArrayMaxSize, MaxLength } from "class-validator";
import { Field, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { PartnerFact, PartnershipStatus } from "../../domain/enums";
import { PERMISSION_FLAGS, type PermissionFlag } from "../../auth/roles";
import { rolesOf } from "../../auth/permissions";
import { ConnectionType, OrderByInput } from "../../common/connection";
import { Partner } from "./partner.entity";
import { ResellerPartnership } from "./reseller-partnership.entity";
import { User } from "../user/user.entity";

export enum ComplianceFlag {
  MPA_NOT_SIGNED = "MPA_NOT_SIGNED",
  NOT_ACTIVE = "NOT_ACTIVE",
  OTHER_REGION = "OTHER_REGION",
}
registerEnumType(ComplianceFlag, {
  name: "ComplianceFlag",
  description: "Why a provider cannot name this reseller on orders and transfers (R24–R26).",
});

export enum FactsRecorder {
  THIS_PARTNER = "THIS_PARTNER",
  YOUR_ORGANIZATION = "YOUR_ORGANIZATION",
  ANOTHER_PARTNER = "ANOTHER_PARTNER",
}
registerEnumType(FactsRecorder, {
  name: "FactsRecorder",
  description:
    "Who last recorded a partner's facts in channelgate, as the viewer may know it: the viewer's own organization, the partner itself, or another partner (one of the reseller's other providers, not named).",
  valuesConfig: {
    THIS_PARTNER: { description: "The partner recorded its own facts." },
    YOUR_ORGANIZATION: { description: "The viewer's organization recorded them (itself, or as the provider)." },
    ANOTHER_PARTNER: { description: "Another partner recorded them (e.g. another provider of this reseller)." },
  },
});

@ObjectType({
  description:
    "One partner fact recorded in channelgate (recordPartnerFacts): when, and who recorded it, as the viewer may know it.",
})
export class RecordedPartnerFact {
  @Field(() => PartnerFact)
  fact: PartnerFact;

  @Field(() => Date, { description: "When the fact was last recorded." })
  recordedAt: Date;

  @Field(() => FactsRecorder, {
    nullable: true,
    description: "Who recorded it last; null when recorded before channelgate kept a recorder per fact.",
  })
  recordedBy: FactsRecorder | null;
}

/** "op (roles: …)" for each operation of a flag, from the permission matrix. */
const opsOf = (flag: PermissionFlag) =>
  PERMISSION_FLAGS[flag].map((op) => `${op.split(".")[1]} (roles: ${rolesOf(op).join(", ")})`).join(", ");
const flag = (flagName: PermissionFlag, what: string) => ({ description: `${what}: ${opsOf(flagName)}.` });

@ObjectType({
  description:
    "What the signed-in user may do, from the permission matrix (README: Permissions) and the partner's type, to show, hide or disable actions. The role flags say which operations the user's role (and API token scope) may call (others answer FORBIDDEN); the partner flags say which the partner may use at all. The mutations still decide every case, with userErrors.",
})
export class ViewerPermissions {
  @Field(flag("canManageNetwork", "The role may manage reseller partnerships (any of)"))
  canManageNetwork: boolean;

  @Field(flag("canManageCustomers", "The role may manage customers (any of)"))
  canManageCustomers: boolean;

  @Field({
    description: `The role may order (${opsOf("canOrder")}). The partner must also be able to act for customers (canActForCustomers); a reseller asks its provider instead (mustUseProvider).`,
  })
  canOrder: boolean;

  @Field(flag("canTransfer", "The role may handle transfers (any of)"))
  canTransfer: boolean;

  @Field(flag("canManageUsers", "The role may manage the partner's users"))
  canManageUsers: boolean;

  @Field(flag("canManageApiTokens", "The role may manage the partner's API tokens (with its own sign-in)"))
  canManageApiTokens: boolean;

  @Field(flag("canManageWebhooks", "The role may manage the partner's outbound webhooks (with its own sign-in)"))
  canManageWebhooks: boolean;

  @Field(flag("canViewNetwork", "The role may read customers, subscriptions, transfers and the dashboard"))
  canViewNetwork: boolean;

  @Field(flag("canInviteReseller", "The role may invite resellers"))
  canInviteReseller: boolean;

  @Field(flag("canAcceptResellerInvitation", "The role may accept a provider's invitation"))
  canAcceptResellerInvitation: boolean;

  @Field(flag("canEndResellerPartnership", "The role may end a partnership"))
  canEndResellerPartnership: boolean;

  @Field(flag("canCreateCustomer", "The role may create customers"))
  canCreateCustomer: boolean;

  @Field(flag("canRequestRelationship", "The role may request customer relationships"))
  canRequestRelationship: boolean;

  @Field(flag("canRemoveRelationship", "The role may remove customer relationships"))
  canRemoveRelationship: boolean;

  @Field(flag("canRegisterExternalSubscription", "The role may register subscriptions bought elsewhere"))
  canRegisterExternalSubscription: boolean;

  @Field(flag("canCancel", "The role may cancel subscriptions"))
  canCancel: boolean;

  @Field(flag("canSuspend", "The role may suspend subscriptions"))
  canSuspend: boolean;

  @Field(flag("canReactivate", "The role may reactivate subscriptions"))
  canReactivate: boolean;

  @Field(flag("canRequestProviderAction", "The role may ask a provider to act (each action also needs its own role)"))
  canRequestProviderAction: boolean;

  @Field(flag("canViewAudit", "The role may read the audit log and export it"))
  canViewAudit: boolean;

  @Field(flag("canViewSync", "The role may read the Partner Center sync runs (home partner only)"))
  canViewSync: boolean;

  @Field(flag("canStartSync", "The role may start a Partner Center sync (home partner only)"))
  canStartSync: boolean;

  @Field(
    flag(
      "canRecordPartnerFacts",
      "The role may record partner facts Partner Center serves no read API for (its own partner's; a provider also an active reseller's program status)",
    ),
  )
  canRecordPartnerFacts: boolean;

  @Field(() => [String], {
    description:
      "Every root operation the user may call, as `Query.name` or `Mutation.name`, sorted: the permission matrix for the role, narrowed by the API token's scopes.",
  })
  allowedOperations: string[];

  @Field({
    description:
      "The partner bills CSP subscriptions itself (direct-bill or indirect provider, like Partner.canTransact): it can create customers, order, cancel, suspend, reactivate and take subscriptions over by transfer.",
  })
  canActForCustomers: boolean;

  @Field({
    description:
      "The partner is only an indirect reseller (R22): it cannot create customers, order, cancel, suspend, reactivate or transfer itself, and asks one of its indirect providers with requestProviderAction instead. It can still request customer relationships (two-tier, with its provider) and register external subscriptions.",
  })
  mustUseProvider: boolean;
}

@ObjectType({ description: "The signed-in user and their partner." })
export class Viewer {
  @Field(() => User)
  user: User;
  @Field(() => Partner)
  partner: Partner;
  @Field(() => ViewerPermissions, { description: "What this user may do (role and partner type)." })
  permissions: ViewerPermissions;
}

export const ResellerPartnershipConnection = ConnectionType(ResellerPartnership, "ResellerPartnership");

/** The columns the reseller and provider lists sort on (the counterpart partner's, or the partnership's own). */
export enum PartnershipSortField {
  NAME = "NAME",
  PARTNER_ID = "PARTNER_ID",
  STATUS = "STATUS",
  INVITED_AT = "INVITED_AT",
}
registerEnumType(PartnershipSortField, { name: "PartnershipSortField" });
export const PartnershipOrder = OrderByInput(PartnershipSortField, "Partnership");
export type PartnershipOrder = InstanceType<typeof PartnershipOrder>;

@InputType()
export class PartnershipFilter {
  @ArrayMaxSize(20)
  @Field(() => [PartnershipStatus], { nullable: true })
  status?: PartnershipStatus[] | null;

  @MaxLength(200)
  @Field(() => String, { nullable: true, description: "Matches the counterpart's name or Partner ID." })
  search?: string | null;

  @Field(() => Boolean, { nullable: true, description: "Only resellers with at least one compliance flag." })
  hasComplianceIssues?: boolean | null;
}

@ObjectType()
export class PartnershipCounts {
  @Field(() => Int, { description: "Customers with an ACTIVE relationship with the reseller." })
  customers: number;
  @Field(() => Int, { description: "ACTIVE or SUSPENDED subscriptions naming the reseller as reseller of record." })
  subscriptions: number;
}
