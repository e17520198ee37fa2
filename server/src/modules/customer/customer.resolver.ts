import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../../context";
import { PageArgs } from "../../common/connection";
import { ensure } from "../../common/ensure";
import { notFound } from "../../common/errors";
import { selectedNodeFields } from "../../common/selected-fields";
import { readContext } from "../../service-context";
import { SalesChannel } from "../../domain/enums";
import { Customer } from "./customer.entity";
import { CustomerRelationship } from "./customer-relationship.entity";
import { Partner } from "../partner/partner.entity";
import { acceptanceUrlOf, customerRelationshipService } from "./customer-relationship.service";
import { mayReadAcceptanceLink } from "../../auth/scope";
import { CAN_MANAGE_CUSTOMERS } from "../../auth/roles";
import { customerService } from "./customer.service";
import { CustomerConnection, CustomerFilter, CustomerOrder, RelationshipRequestPreview } from "./customer.types";

@Resolver(() => Customer)
export class CustomerResolver {
  @Query(() => CustomerConnection, { description: "Customers in the viewer's network, by name unless orderBy says." })
  async customers(
    @Args() page: PageArgs,
    @Arg("filter", () => CustomerFilter, { nullable: true }) filter: CustomerFilter | null,
    @Arg("orderBy", () => CustomerOrder, { nullable: true }) orderBy: CustomerOrder | null,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const fields = selectedNodeFields(info);
    return new CustomerConnection(await customerService.list(readContext(ctx), page, filter, orderBy, fields));
  }

  @FieldResolver(() => [CustomerRelationship], {
    description: "The viewer's network's relationships with this customer (yours, and your resellers').",
  })
  relationships(@Root() c: Customer, @Ctx() ctx: RequestContext): Promise<CustomerRelationship[]> {
    return ctx.loaders.relationshipsOfCustomer.load(c.id);
  }

  @FieldResolver(() => [SalesChannel], {
    description: "Channels the customer holds live (ACTIVE or SUSPENDED) subscriptions from.",
  })
  async channels(@Root() c: Customer, @Ctx() ctx: RequestContext): Promise<SalesChannel[]> {
    return (await ctx.loaders.channelsOfCustomer.load(c.id)) as SalesChannel[];
  }

  @FieldResolver(() => Boolean, {
    description: "Holds subscriptions bought outside CSP: a multi-channel support opportunity.",
  })
  async hasNonCspSubscriptions(@Root() c: Customer, @Ctx() ctx: RequestContext): Promise<boolean> {
    return (await ctx.loaders.channelsOfCustomer.load(c.id)).some((ch) => ch !== SalesChannel.CSP);
  }

  @FieldResolver(() => Partner, { nullable: true, description: "Set when this tenant is a partner's own CSP tenant." })
  async partnerTenantOf(@Root() c: Customer, @Ctx() ctx: RequestContext): Promise<Partner | null> {
    return c.partnerTenantOfId ? ctx.loaders.partner.load(c.partnerTenantOfId) : null;
  }
}

@Resolver(() => CustomerRelationship)
export class CustomerRelationshipResolver {
  @FieldResolver(() => Partner)
  async partner(@Root() r: CustomerRelationship, @Ctx() ctx: RequestContext): Promise<Partner> {
    return ensure(await ctx.loaders.partner.load(r.partnerId), () => notFound("Partner"));
  }

  @FieldResolver(() => Customer)
  async customer(@Root() r: CustomerRelationship, @Ctx() ctx: RequestContext): Promise<Customer | null> {
    return ctx.loaders.customer.load(r.customerId);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "While REQUESTED and not expired: the link to send to the customer's global admin (path relative to the SPA's origin). Null for roles that cannot manage customers (the link is a credential).",
  })
  acceptanceUrl(@Root() r: CustomerRelationship, @Ctx() ctx: RequestContext): string | null {
    const role = ctx.viewer?.user.role;
    const visible = mayReadAcceptanceLink(role !== undefined && CAN_MANAGE_CUSTOMERS.includes(role), r, new Date());
    return visible && r.requestToken ? acceptanceUrlOf(r.requestToken) : null;
  }
}

@Resolver(() => RelationshipRequestPreview)
export class RelationshipRequestResolver {
  @Query(() => RelationshipRequestPreview, {
    nullable: true,
    description:
      "Public: what the relationship request behind an acceptance link asks, for the customer's global admin before acceptCustomerRelationship. Needs no partner token, but the customer-admin session that accepts (customerAdminToken: a global admin of the customer's tenant). Null when the token is unknown, expired or used, or the session is not that tenant's global admin; BAD_USER_INPUT (field token) when it is not 16–64 characters.",
  })
  async relationshipRequest(
    @Arg("token", () => String) token: string,
    @Arg("customerAdminToken", () => String, {
      description: "The customer-admin session (as for acceptCustomerRelationship).",
    })
    customerAdminToken: string,
    @Ctx() ctx: RequestContext,
  ): Promise<RelationshipRequestPreview | null> {
    return customerRelationshipService.preview(ctx, token, customerAdminToken);
  }
}
