import { Arg, Ctx, Int, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../../context";
import { readContext } from "../../service-context";
import { SEARCH_DEFAULT_FIRST, SEARCH_MAX_FIRST, SEARCH_MAX_LENGTH, SEARCH_MIN_LENGTH } from "./search.rules";
import { searchService } from "./search.service";
import { SearchResults } from "./search.types";

@Resolver()
export class SearchResolver {
  @Query(() => SearchResults, {
    description:
      "The global search: customers (name, domain, tenant id) and subscriptions (offer name, catalog offer id, id) of the viewer's network, case-insensitive, most relevant first.",
  })
  search(
    @Arg("query", { description: `${SEARCH_MIN_LENGTH}–${SEARCH_MAX_LENGTH} characters (trimmed).` }) query: string,
    @Arg("first", () => Int, {
      nullable: true,
      description: `Results per group, 1–${SEARCH_MAX_FIRST} (default ${SEARCH_DEFAULT_FIRST}).`,
    })
    first: number | null,
    @Ctx() ctx: RequestContext,
  ) {
    return searchService.search(readContext(ctx), query, first);
  }
}
