import { ArrayMaxSize, MaxLength } from "class-validator";
import { Field, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { PartnershipStatus } from "../../domain/enums";
import {
  CAN_MANAGE_API_TOKENS,
  CAN_MANAGE_CUSTOMERS,
  CAN_MANAGE_NETWORK,
  CAN_MANAGE_USERS,
  CAN_ORDER,
  CAN_TRANSFER,
} from "../../auth/roles";
import { ConnectionType } from "../../common/connection";
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

const roles = (list: readonly string[]) => list.join(", ");

@ObjectType({
  description:
    "What the signed-in user may do, from the server's role lists and the partner's type, to show or hide actions. The role flags say which mutations the user's role may call (others answer FORBIDDEN); the partner flags say which the partner may use at all. The mutations still decide every case, with userErrors.",
})
export class ViewerPermissions {
  @Field({
    description: `The role may manage reseller partnerships: inviteReseller, acceptResellerInvitation, endResellerPartnership (roles: ${roles(CAN_MANAGE_NETWORK)}).`,
  })
  canManageNetwork: boolean;

  @Field({
    description: `The role may manage customers: createCustomer, requestCustomerRelationship, removeCustomerRelationship, registerExternalSubscription (roles: ${roles(CAN_MANAGE_CUSTOMERS)}).`,
  })
  canManageCustomers: boolean;

  @Field({
    description: `The role may order and change subscriptions: orderSubscription, cancelSubscription, suspendSubscription, reactivateSubscription, and provider requests for those actions (roles: ${roles(CAN_ORDER)}). The partner must also be able to act for customers (canActForCustomers); a reseller asks its provider instead (mustUseProvider).`,
  })
  canOrder: boolean;

  @Field({
    description: `The role may handle transfers: createTransfer, acceptTransfer, rejectTransfer, withdrawTransfer, and TRANSFER provider requests (roles: ${roles(CAN_TRANSFER)}).`,
  })
  canTransfer: boolean;

  @Field({
    description: `The role may manage the partner's users: users, inviteUser, changeUserRole, deactivateUser (roles: ${roles(CAN_MANAGE_USERS)}).`,
  })
  canManageUsers: boolean;

  @Field({
    description: `The role may manage the partner's API tokens: apiTokens, createApiToken, revokeApiToken (roles: ${roles(CAN_MANAGE_API_TOKENS)}).`,
  })
  canManageApiTokens: boolean;

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
