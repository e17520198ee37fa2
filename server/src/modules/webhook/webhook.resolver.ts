import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { CAN_MANAGE_WEBHOOKS } from "../../auth/roles";
import { PageArgs } from "../../common/connection";
import type { RequestContext } from "../../context";
import { mutate, readContext } from "../../service-context";
import { wakeWebhooks } from "./webhook.dispatcher";
import { WebhookEndpoint } from "./webhook-endpoint.entity";
import { webhookService } from "./webhook.service";
import {
  CreateWebhookEndpointInput,
  DeleteWebhookEndpointPayload,
  ReplayWebhookDeliveryInput,
  ReplayWebhookDeliveryPayload,
  UpdateWebhookEndpointInput,
  WebhookDeliveryConnection,
  WebhookEndpointConnection,
  WebhookEndpointIdInput,
  WebhookEndpointPayload,
  WebhookEndpointSecretPayload,
} from "./webhook.types";

const roles = CAN_MANAGE_WEBHOOKS.join(", ");
const who = `(roles: ${roles}; not with an API token)`;

@Resolver(() => WebhookEndpoint)
export class WebhookResolver {
  @Query(() => WebhookEndpointConnection, {
    description: `The outbound webhook endpoints of the viewer's partner, newest first ${who}.`,
  })
  async webhookEndpoints(@Args() page: PageArgs, @Ctx() ctx: RequestContext) {
    return new WebhookEndpointConnection(await webhookService.list(readContext(ctx), page));
  }

  @Query(() => WebhookDeliveryConnection, {
    description: `The deliveries of one endpoint, newest first, with each attempt's answer ${who}.`,
  })
  async webhookDeliveries(
    @Arg("endpointId", () => ID) endpointId: string,
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return new WebhookDeliveryConnection(await webhookService.deliveries(readContext(ctx), endpointId, page));
  }

  @Mutation(() => WebhookEndpointSecretPayload, {
    description: `Registers a URL that receives the partner's events (those its live subscription would get), signed with a secret returned this once ${who}.`,
  })
  createWebhookEndpoint(
    @Arg("input", () => CreateWebhookEndpointInput) input: CreateWebhookEndpointInput,
    @Ctx() ctx: RequestContext,
  ) {
    return mutate(ctx, WebhookEndpointSecretPayload, (s) => webhookService.create(s, input));
  }

  @Mutation(() => WebhookEndpointPayload, {
    description: `Changes an endpoint's URL, event types, description, or turns it on or off ${who}.`,
  })
  updateWebhookEndpoint(
    @Arg("input", () => UpdateWebhookEndpointInput) input: UpdateWebhookEndpointInput,
    @Ctx() ctx: RequestContext,
  ) {
    return mutate(ctx, WebhookEndpointPayload, (s) => webhookService.update(s, input));
  }

  @Mutation(() => DeleteWebhookEndpointPayload, { description: `Deletes an endpoint and its delivery log ${who}.` })
  deleteWebhookEndpoint(
    @Arg("input", () => WebhookEndpointIdInput) input: WebhookEndpointIdInput,
    @Ctx() ctx: RequestContext,
  ) {
    return mutate(ctx, DeleteWebhookEndpointPayload, (s) => webhookService.delete(s, input));
  }

  @Mutation(() => WebhookEndpointSecretPayload, {
    description: `Replaces an endpoint's signing secret at once; the new one is returned this once ${who}.`,
  })
  rotateWebhookSecret(
    @Arg("input", () => WebhookEndpointIdInput) input: WebhookEndpointIdInput,
    @Ctx() ctx: RequestContext,
  ) {
    return mutate(ctx, WebhookEndpointSecretPayload, (s) => webhookService.rotate(s, input));
  }

  @Mutation(() => ReplayWebhookDeliveryPayload, {
    description: `Sends a delivery's event again to its endpoint, as a new delivery ${who}.`,
  })
  async replayWebhookDelivery(
    @Arg("input", () => ReplayWebhookDeliveryInput) input: ReplayWebhookDeliveryInput,
    @Ctx() ctx: RequestContext,
  ) {
    const payload = await mutate(ctx, ReplayWebhookDeliveryPayload, (s) => webhookService.replay(s, input));
    // Committed: this replica sends it now rather than at its next poll.
    if (payload.delivery) wakeWebhooks(ctx.dataSource);
    return payload;
  }
}
