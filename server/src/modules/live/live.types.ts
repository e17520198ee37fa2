import { Field, ID, ObjectType } from "type-graphql";
import { GraphQLLocalDate } from "graphql-scalars";
import { toGlobalId, type NodeTypeName } from "../../common/global-id";
import type { PublishedEvent } from "./fan-out";
import { LiveEventType } from "./live-event-type";

@ObjectType({
  description:
    "Something that happened in the viewer's network, as it happened: refetch what it names. Delivered at least " +
    "once (a repeated id is the same event).",
})
export class LiveEvent {
  @Field(() => ID, {
    description:
      "The outbox id: increasing in the order events were written (a change's events are consecutive); a repeated id " +
      "is the same event.",
  })
  id: string;

  @Field(() => LiveEventType)
  type: LiveEventType;

  @Field()
  occurredAt: Date;

  @Field(() => ID, { description: "The global id of the node the event is about (a Transfer, CustomerSubscription…)." })
  subjectId: string;

  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description: "Timed events: the date announced (the window's last day, the transfer's last day, the term's end).",
  })
  dueOn: string | null;

  static of(e: PublishedEvent): LiveEvent {
    return Object.assign(new LiveEvent(), {
      id: e.id,
      type: e.type,
      occurredAt: new Date(e.occurredAt),
      subjectId: toGlobalId(e.subjectType as NodeTypeName, e.subjectId),
      dueOn: e.dueOn,
    });
  }
}
