import { ArrayMaxSize, MaxLength } from "class-validator";
import { Field, ID, InputType, ObjectType } from "type-graphql";
import { ConnectionType } from "../../common/connection";
import { Payload } from "../../common/mutation";
import { LiveEventType } from "../live/live-event-type";
import { WebhookDelivery } from "./webhook-delivery.entity";
import { WebhookEndpoint } from "./webhook-endpoint.entity";

export const MAX_WEBHOOK_URL_LENGTH = 2048;
export const MAX_WEBHOOK_DESCRIPTION_LENGTH = 200;
/** Endpoints per partner: a bounded fan-out per event. */
export const MAX_WEBHOOK_ENDPOINTS = 20;

export const WebhookEndpointConnection = ConnectionType(WebhookEndpoint, "WebhookEndpoint");
export const WebhookDeliveryConnection = ConnectionType(WebhookDelivery, "WebhookDelivery");

@InputType()
export class CreateWebhookEndpointInput {
  @MaxLength(10_000)
  @Field({ description: `Where to POST events: https:// (1–${MAX_WEBHOOK_URL_LENGTH} characters), public address.` })
  url: string;

  @ArrayMaxSize(50)
  @Field(() => [LiveEventType], { nullable: true, description: "The event types to send; none or empty: every type." })
  eventTypes?: LiveEventType[] | null;

  @MaxLength(1000)
  @Field(() => String, { nullable: true, description: `What it is for (at most ${MAX_WEBHOOK_DESCRIPTION_LENGTH}).` })
  description?: string | null;
}

@InputType({ description: "Changes an endpoint; omitted fields keep their value." })
export class UpdateWebhookEndpointInput {
  @Field(() => ID)
  id: string;

  @MaxLength(10_000)
  @Field(() => String, { nullable: true })
  url?: string | null;

  @ArrayMaxSize(50)
  @Field(() => [LiveEventType], { nullable: true, description: "Empty: every type." })
  eventTypes?: LiveEventType[] | null;

  @MaxLength(1000)
  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => Boolean, { nullable: true, description: "Turns sending on or off (on again after a 410 Gone)." })
  active?: boolean | null;
}

@InputType()
export class WebhookEndpointIdInput {
  @Field(() => ID)
  id: string;
}

@InputType()
export class ReplayWebhookDeliveryInput {
  @Field(() => ID, { description: "The delivery to send again (any status): a new delivery of the same payload." })
  id: string;
}

@ObjectType()
export class WebhookEndpointSecretPayload extends Payload {
  @Field(() => String, {
    nullable: true,
    description:
      "The signing secret, shown this once: verify each request's Channelgate-Signature with it (README, Outbound webhooks).",
  })
  secret: string | null;

  @Field(() => WebhookEndpoint, { nullable: true })
  webhookEndpoint: WebhookEndpoint | null;
}

@ObjectType()
export class WebhookEndpointPayload extends Payload {
  @Field(() => WebhookEndpoint, { nullable: true })
  webhookEndpoint: WebhookEndpoint | null;
}

@ObjectType()
export class DeleteWebhookEndpointPayload extends Payload {
  @Field(() => ID, { nullable: true, description: "The deleted endpoint's id (its deliveries are deleted with it)." })
  deletedId: string | null;
}

@ObjectType()
export class ReplayWebhookDeliveryPayload extends Payload {
  @Field(() => WebhookDelivery, { nullable: true, description: "The new delivery, PENDING." })
  delivery: WebhookDelivery | null;
}
