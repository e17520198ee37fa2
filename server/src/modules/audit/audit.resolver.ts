import { Arg, Args, Ctx, Query, Resolver } from "type-graphql";
import { PageArgs } from "../../common/connection";
import type { RequestContext } from "../../context";
import { readContext } from "../../service-context";
import { auditService } from "./audit.service";
import { AuditEventConnection, AuditEventFilter, AuditEventView } from "./audit.types";

@Resolver(() => AuditEventView)
export class AuditResolver {
  @Query(() => AuditEventConnection, {
    description:
      "The audit log: every mutation by the viewer's partner's users and API tokens (and customers' acceptances " +
      "of its requests), accepted or refused, newest first. No retention limit.",
  })
  async auditEvents(
    @Args() page: PageArgs,
    @Arg("filter", () => AuditEventFilter, { nullable: true }) filter: AuditEventFilter | null,
    @Ctx() ctx: RequestContext,
  ) {
    return new AuditEventConnection(await auditService.list(readContext(ctx), filter, page));
  }
}
