import type { SelectQueryBuilder } from "typeorm";
import { badInput } from "../../common/errors";
import { dialectOf } from "../../common/transaction";
import { fromGlobalId } from "../../common/global-id";
import type { ServiceContext } from "../../service-context";
import { Customer } from "../customer/customer.entity";
import { subscriptionQuery } from "../subscription/subscription.query";
import type { CustomerSubscription } from "../subscription/customer-subscription.entity";
import {
  ftsPhrase,
  hasTrigram,
  SEARCH_DEFAULT_FIRST,
  searchInputProblem,
  searchTerms,
  type SearchTerms,
} from "./search.rules";
import type { SearchResults } from "./search.types";

/** A uuid typed or pasted as is (a tenant id, a subscription id), or the uuid inside a global id of `type`. */
function idOf(raw: string, type: "Customer" | "CustomerSubscription"): string {
  const decoded = fromGlobalId(raw);
  return decoded?.type === type ? decoded.id : raw.toLowerCase();
}

/**
 * Relevance tiers, best first: 0 an exact id / tenant id / domain / catalog offer id, 1 a name (or domain) that
 * starts with the text, 2 one that contains it. Every arm of the WHERE is an index lookup: the equalities, and the
 * substring match through the trigram indexes (migration SearchTrigramIndexes); the page is bounded (LIMIT). The
 * scope (auth/scope.ts) takes its "list" shape: the network's customers are read once and each candidate row is
 * one lookup in them. The "probe" shape tried every network partner per row (one index probe per reseller), which
 * for a provider with 500 resellers and a text most offers hold ("365") took minutes at 300,000 subscriptions.
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

/**
 * On SQLite, the rows a trigram table (migration SearchTrigramIndexes) finds holding the text: the substring match
 * is then checked on those candidates only, not on every row of the network. Null where no index applies: on
 * PostgreSQL (its pg_trgm GIN indexes serve the LIKE conditions themselves, no SQL change), for a text shorter than a
 * trigram, or when asked for the plain scan (`index: false`, to compare both).
 */
function candidates(
  s: SearchContext,
  table: "customer_search" | "subscription_search",
  alias: string,
  text: string,
  index: boolean,
) {
  if (!index || dialectOf(s.em.connection) !== "sqlite" || !hasTrigram(text)) return null;
  return `${alias}.rowid IN (SELECT rowid FROM ${table} WHERE ${table} MATCH :fts)`;
}

/** `contains`, restricted to the index's candidates when there are some (the same rows: see `candidates`). */
const within = (candidate: string | null, contains: string) =>
  candidate ? `(${candidate} AND ${contains})` : contains;

/** What a search reads with: the viewer's scope and the request's manager. */
export type SearchContext = Pick<ServiceContext, "em" | "scope">;

export interface SearchOptions {
  /** false: the plain scan of the network's rows, as before the trigram indexes (to check that both agree). */
  index?: boolean;
}

export class SearchService {
  /** Customers and subscriptions of the viewer's network matching `query`, at most `first` of each. */
  async search(
    s: SearchContext,
    query: string,
    first: number | null | undefined,
    options: SearchOptions = {},
  ): Promise<SearchResults> {
    const problem = searchInputProblem(query, first);
    if (problem) throw badInput(problem[0], problem[1]);
    const limit = first ?? SEARCH_DEFAULT_FIRST;
    const terms = searchTerms(query);
    const raw = query.trim();
    const index = options.index ?? true;

    // SQLite would drive the customers' statement from the network's list (27,000 customers of a large provider,
    // each checked against the index's candidates); `+c.id` (SQLite's documented way to keep a term from driving a
    // plan) leaves it to the OR of index lookups, which finds the few candidates first. Same rows either way.
    const sqliteIndexed = candidates(s, "customer_search", "c", terms.exact, index) !== null;
    const customers = s.scope
      .visibleCustomers(s.em.getRepository(Customer).createQueryBuilder("c"), sqliteIndexed ? "+c.id" : "c.id", "list")
      .setParameters({ customerId: idOf(raw, "Customer"), tenantIds: [raw, terms.exact], fts: ftsPhrase(terms.exact) });
    const subscriptions = subscriptionQuery(s.em, s.scope, null, "filter", "list").setParameters({
      subscriptionId: idOf(raw, "CustomerSubscription"),
      fts: ftsPhrase(terms.exact),
    });
    const [foundCustomers, foundSubscriptions] = await Promise.all([
      ranked(
        customers,
        "(c.id = :customerId OR c.tenant_id IN (:...tenantIds) OR c.domain = :exact)",
        "(LOWER(c.name) LIKE :prefix ESCAPE '\\' OR c.domain LIKE :prefix ESCAPE '\\')",
        within(
          candidates(s, "customer_search", "c", terms.exact, index),
          "(LOWER(c.name) LIKE :contains ESCAPE '\\' OR c.domain LIKE :contains ESCAPE '\\')",
        ),
        terms,
        "c.name",
        limit,
      ),
      ranked(
        subscriptions,
        "(s.id = :subscriptionId OR LOWER(s.offer_id) = :exact)",
        "LOWER(s.offer_name) LIKE :prefix ESCAPE '\\'",
        within(
          candidates(s, "subscription_search", "s", terms.exact, index),
          "LOWER(s.offer_name) LIKE :contains ESCAPE '\\'",
        ),
        terms,
        "s.offer_name",
        limit,
      ),
    ]);
    return { customers: foundCustomers, subscriptions: foundSubscriptions };
  }
}

export const searchService = new SearchService();
