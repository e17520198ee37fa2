import type { SelectQueryBuilder } from "typeorm";
import { badInput } from "../../common/errors";
import { fromGlobalId } from "../../common/global-id";
import type { ServiceContext } from "../../service-context";
import { Customer } from "../customer/customer.entity";
import { subscriptionQuery } from "../subscription/subscription.query";
import type { CustomerSubscription } from "../subscription/customer-subscription.entity";
import { SEARCH_DEFAULT_FIRST, searchInputProblem, searchTerms, type SearchTerms } from "./search.rules";
import type { SearchResults } from "./search.types";

/** A uuid typed or pasted as is (a tenant id, a subscription id), or the uuid inside a global id of `type`. */
function idOf(raw: string, type: "Customer" | "CustomerSubscription"): string {
  const decoded = fromGlobalId(raw);
  return decoded?.type === type ? decoded.id : raw.toLowerCase();
}

/**
 * Relevance tiers, best first: 0 an exact id / tenant id / domain / catalog offer id, 1 a name (or domain) that
 * starts with the text, 2 one that contains it. Equalities go first in the WHERE so that an exact hit is an index
 * lookup; the page is bounded (LIMIT), and the scope's own conditions (auth/scope.ts) narrow the scan to the network.
 */
function ranked<T extends Customer | CustomerSubscription>(
  qb: SelectQueryBuilder<T>,
  exact: string,
  prefix: string,
  contains: string,
  terms: SearchTerms,
  tieBreak: string,
  first: number,
): Promise<T[]> {
  return qb
    .andWhere(`(${exact} OR ${contains})`)
    .setParameters({ exact: terms.exact, prefix: terms.prefix, contains: terms.contains })
    .orderBy(`CASE WHEN ${exact} THEN 0 WHEN ${prefix} THEN 1 ELSE 2 END`, "ASC")
    .addOrderBy(tieBreak, "ASC")
    .addOrderBy(`${qb.alias}.id`, "ASC")
    .limit(first)
    .getMany();
}

export class SearchService {
  /** Customers and subscriptions of the viewer's network matching `query`, at most `first` of each. */
  async search(s: ServiceContext, query: string, first: number | null | undefined): Promise<SearchResults> {
    const problem = searchInputProblem(query, first);
    if (problem) throw badInput(problem[0], problem[1]);
    const limit = first ?? SEARCH_DEFAULT_FIRST;
    const terms = searchTerms(query);
    const raw = query.trim();

    const customers = s.scope
      .visibleCustomers(s.em.getRepository(Customer).createQueryBuilder("c"), "c.id")
      .setParameters({ customerId: idOf(raw, "Customer"), tenantIds: [raw, terms.exact] });
    const subscriptions = subscriptionQuery(s.em, s.scope, null).setParameters({
      subscriptionId: idOf(raw, "CustomerSubscription"),
    });
    const [foundCustomers, foundSubscriptions] = await Promise.all([
      ranked(
        customers,
        "(c.id = :customerId OR c.tenant_id IN (:...tenantIds) OR c.domain = :exact)",
        "(LOWER(c.name) LIKE :prefix ESCAPE '\\' OR c.domain LIKE :prefix ESCAPE '\\')",
        "(LOWER(c.name) LIKE :contains ESCAPE '\\' OR c.domain LIKE :contains ESCAPE '\\')",
        terms,
        "c.name",
        limit,
      ),
      ranked(
        subscriptions,
        "(s.id = :subscriptionId OR LOWER(s.offer_id) = :exact)",
        "LOWER(s.offer_name) LIKE :prefix ESCAPE '\\'",
        "LOWER(s.offer_name) LIKE :contains ESCAPE '\\'",
        terms,
        "s.offer_name",
        limit,
      ),
    ]);
    return { customers: foundCustomers, subscriptions: foundSubscriptions };
  }
}

export const searchService = new SearchService();
