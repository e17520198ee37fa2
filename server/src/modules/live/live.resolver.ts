import { Arg, Resolver, Root, Subscription } from "type-graphql";
import { GraphQLError } from "graphql";
import { ensureAllowed } from "../../auth/permissions";
import { requireViewer } from "../../context";
import type { PublishedEvent } from "./fan-out";
import type { LiveContext } from "./live.hub";
import { LiveEventType } from "./live-event-type";
import { LiveEvent } from "./live.types";

@Resolver()
export class LiveResolver {
  @Subscription(() => LiveEvent, {
    description:
      "Events the viewer's partner may see (the same need-to-know as queries), as they are published; over " +
      "WebSocket (graphql-ws) at /graphql. `types` narrows them; all types when absent.",
    subscribe: ({ args, context }) => {
      const ctx = context as LiveContext;
      // The permission guard checks each delivered event; refuse at subscribe time too, before anything streams.
      ensureAllowed("Subscription.events", ctx);
      const viewer = requireViewer(ctx);
      if (!ctx.live) {
        throw new GraphQLError("Subscriptions are served over WebSocket (graphql-ws) at /graphql", {
          extensions: { code: "BAD_REQUEST" },
        });
      }
      const types = (args as { types?: LiveEventType[] | null }).types ?? null;
      return ctx.live.stream(viewer.partner.id, types);
    },
  })
  events(
    @Root() event: PublishedEvent,
    @Arg("types", () => [LiveEventType], { nullable: true }) _types: LiveEventType[] | null,
  ): LiveEvent {
    return LiveEvent.of(event);
  }
}
