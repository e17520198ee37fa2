import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { RequestContext } from "../../context";
import { mutate, mutatePublic } from "../../service-context";
import { customerRelationshipService as relationships } from "./customer-relationship.service";
import { customerService as customers } from "./customer.service";
import {
  AcceptRelationshipInput,
  AcceptRelationshipPayload,
  CreateCustomerInput,
  CreateCustomerPayload,
  RecordCustomerAgreementInput,
  RecordCustomerAgreementPayload,
  RemoveRelationshipInput,
  RemoveRelationshipPayload,
  RequestRelationshipInput,
  RequestRelationshipPayload,
} from "./customer.types";

@Resolver()
export class CustomerMutations {
  @Mutation(() => CreateCustomerPayload, {
    description:
      "A direct-bill partner or indirect provider creates a customer tenant record (with an ACTIVE relationship).",
  })
  createCustomer(@Arg("input", () => CreateCustomerInput) input: CreateCustomerInput, @Ctx() ctx: RequestContext) {
    return mutate(ctx, CreateCustomerPayload, (s) => customers.create(s, input));
  }

  @Mutation(() => RecordCustomerAgreementPayload, {
    description:
      "A partner with an ACTIVE relationship records that the customer accepted the Microsoft Customer Agreement (date and the customer's user who accepted); ordering needs it (R3).",
  })
  recordCustomerAgreement(
    @Arg("input", () => RecordCustomerAgreementInput) input: RecordCustomerAgreementInput,
    @Ctx() ctx: RequestContext,
  ) {
    return mutate(ctx, RecordCustomerAgreementPayload, (s) => customers.recordAgreement(s, input));
  }

  @Mutation(() => RequestRelationshipPayload, {
    description:
      "Request a reseller relationship; returns the link for the customer's global admin. A reseller's request (or a provider naming a reseller) is two-tier: accepting it creates both relationships.",
  })
  requestCustomerRelationship(
    @Arg("input", () => RequestRelationshipInput) input: RequestRelationshipInput,
    @Ctx() ctx: RequestContext,
  ) {
    return mutate(ctx, RequestRelationshipPayload, (s) => relationships.request(s, input));
  }

  @Mutation(() => AcceptRelationshipPayload, {
    description:
      "The customer's global admin accepts a relationship request through its link, signed in to the customer's tenant (input.customerAdminToken). Needs no partner token.",
  })
  acceptCustomerRelationship(
    @Arg("input", () => AcceptRelationshipInput) input: AcceptRelationshipInput,
    @Ctx() ctx: RequestContext,
  ) {
    return mutatePublic(ctx, AcceptRelationshipPayload, (s) => relationships.accept(s, input));
  }

  @Mutation(() => RemoveRelationshipPayload, {
    description:
      "A direct-bill partner or indirect provider ends its relationship, once nothing it bills is active (R1, R6a, R6).",
  })
  removeCustomerRelationship(
    @Arg("input", () => RemoveRelationshipInput) input: RemoveRelationshipInput,
    @Ctx() ctx: RequestContext,
  ) {
    return mutate(ctx, RemoveRelationshipPayload, (s) => relationships.remove(s, input));
  }
}
