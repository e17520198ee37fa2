import { Arg, Args, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { Brackets } from "typeorm";
import type { RequestContext } from "../../context";
import { requireViewer } from "../../context";
import { paginate, PageArgs } from "../../common/connection";
import { badInput } from "../../common/errors";
import { userMessage } from "../../common/user-messages";
import { RelationshipStatus, SalesChannel } from "../../domain/enums";
import { Customer } from "./customer.entity";
import { CustomerRelationship } from "./customer-relationship.entity";
import { Partner } from "../partner/partner.entity";
import { REQUEST_TOKEN_LENGTH } from "./customer-relationship.entity";
import { requireId } from "../../common/global-id";
import { CustomerConnection, CustomerFilter, RelationshipRequestPreview } from "./customer.types";

const COUNTRY = /^[A-Z]{2}$/;

@Resolver(() => Customer)
export class CustomerResolver {
  @Authorized()
  @Query(() => CustomerConnection, { description: "Customers in the viewer's network, by name." })
  async customers(
    @Args() page: PageArgs,
    @Arg("filter", () => CustomerFilter, { nullable: true }) filter: CustomerFilter | null,
    @Ctx() ctx: RequestContext,
  ) {
    const { scope } = requireViewer(ctx);
    const qb = scope.visibleCustomers(ctx.dataSource.getRepository(Customer).createQueryBuilder("c"), "c.id");
    if (filter?.search) {
      const term = `%${filter.search.trim().toLowerCase()}%`;
      qb.andWhere(
        new Brackets((w) => w.where("LOWER(c.name) LIKE :term", { term }).orWhere("c.domain LIKE :term", { term })),
      );
    }
    if (filter?.country) {
      if (!COUNTRY.test(filter.country))
        throw badInput("filter.country", "must be an ISO 3166-1 alpha-2 code such as US");
      qb.andWhere("c.country = :country", { country: filter.country });
    }
    if (filter?.channels?.length) {
      qb.andWhere(
        "EXISTS (SELECT 1 FROM customer_subscription fs WHERE fs.customer_id = c.id AND fs.channel IN (:...channels) AND fs.status IN ('ACTIVE', 'SUSPENDED'))",
        { channels: filter.channels },
      );
    }
    if (filter?.hasNonCspSubscriptions !== undefined && filter.hasNonCspSubscriptions !== null) {
      const exists =
        "EXISTS (SELECT 1 FROM customer_subscription ns WHERE ns.customer_id = c.id AND ns.channel <> :cspChannel AND ns.status IN ('ACTIVE', 'SUSPENDED'))";
      qb.andWhere(filter.hasNonCspSubscriptions ? exists : `NOT ${exists}`, { cspChannel: SalesChannel.CSP });
    }
    if (filter?.resellerId) {
      const resellerId = requireId(filter.resellerId, "Partner", "filter.resellerId");
      qb.andWhere(
        "c.id IN (SELECT rr.customer_id FROM customer_relationship rr WHERE rr.partner_id = :resellerId AND rr.status IN ('ACTIVE', 'REQUESTED'))",
        { resellerId },
      );
    }
    const result = await paginate(qb, page, {
      column: "c.name",
      idColumn: "c.id",
      direction: "ASC",
      value: (c) => c.name,
      id: (c) => c.id,
    });
    return new CustomerConnection(result);
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
    return (await ctx.loaders.partner.load(r.partnerId))!;
  }

  @FieldResolver(() => Customer)
  async customer(@Root() r: CustomerRelationship, @Ctx() ctx: RequestContext): Promise<Customer | null> {
    return ctx.loaders.customer.load(r.customerId);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "While REQUESTED: the link to send to the customer's global admin (path relative to the API origin).",
  })
  acceptanceUrl(@Root() r: CustomerRelationship): string | null {
    return r.status === RelationshipStatus.REQUESTED && r.requestToken
      ? `/relationships/accept?token=${encodeURIComponent(r.requestToken)}`
      : null;
  }
}

@Resolver(() => RelationshipRequestPreview)
export class RelationshipRequestResolver {
  @Query(() => RelationshipRequestPreview, {
    nullable: true,
    description:
      "Public: what the relationship request behind an acceptance link asks, for the customer's global admin before acceptCustomerRelationship. Needs no partner token: the link's secret is the credential. Null when the token is unknown or was already used; BAD_USER_INPUT (field token) when it is not 16–64 characters.",
  })
  async relationshipRequest(
    @Arg("token", () => String) token: string,
    @Ctx() ctx: RequestContext,
  ): Promise<RelationshipRequestPreview | null> {
    const { min, max } = REQUEST_TOKEN_LENGTH;
    if (token.length < min || token.length > max) {
      throw badInput("token", userMessage(ctx.locale, "TEXT_LENGTH", { min, max }));
    }
    const rows = await ctx.dataSource.getRepository(CustomerRelationship).find({
      where: { requestToken: token, status: RelationshipStatus.REQUESTED },
      relations: { partner: true, customer: true },
    });
    const customer = rows[0]?.customer;
    if (!customer) return null;
    return Object.assign(new RelationshipRequestPreview(), {
      customerName: customer.name,
      customerDomain: customer.domain,
      partnerNames: rows.map((r) => (r.partner as Partner).name).sort(),
      includesDelegatedAdmin: rows.some((r) => r.includesDelegatedAdmin),
      requestedAt: new Date(Math.max(...rows.map((r) => r.requestedAt.getTime()))),
    });
  }
}
