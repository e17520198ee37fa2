import { randomUUID } from "node:crypto";
import { ensureOwnSignIn } from "../../auth/roles";
import { paginate, type Page, type PageArgs } from "../../common/connection";
import { ensure, ensureNoErrors, ensureThat } from "../../common/ensure";
import { badInput, notFound as notFoundError } from "../../common/errors";
import { requireId } from "../../common/global-id";
import { findByGlobalId } from "../../common/lookup";
import { userError, UserErrorCode } from "../../common/user-error";
import { InputChecks } from "../../common/validate";
import type { ServiceContext } from "../../service-context";
import type { LiveEventType } from "../live/live-event-type";
import { newDelivery } from "./webhook.dispatcher";
import { WebhookDelivery } from "./webhook-delivery.entity";
import { WebhookEndpoint } from "./webhook-endpoint.entity";
import { encryptSecret, newWebhookSecret, SECRET_DISPLAY_LENGTH } from "./webhook-secret";
import { urlProblem } from "./webhook.rules";
import {
  MAX_WEBHOOK_DESCRIPTION_LENGTH,
  MAX_WEBHOOK_ENDPOINTS,
  MAX_WEBHOOK_URL_LENGTH,
  type CreateWebhookEndpointInput,
  type ReplayWebhookDeliveryInput,
  type UpdateWebhookEndpointInput,
  type WebhookEndpointIdInput,
} from "./webhook.types";

/** Newest first; the cursor carries the creation time as an ISO string. */
const newestFirst = <T extends { id: string; createdAt: Date }>(alias: string) => ({
  column: `${alias}.created_at`,
  idColumn: `${alias}.id`,
  direction: "DESC" as const,
  value: (t: T) => t.createdAt.toISOString(),
  id: (t: T) => t.id,
  toParameter: (v: string | number) => {
    const date = new Date(String(v));
    if (Number.isNaN(date.getTime())) throw badInput("after", "is not a cursor returned by this list");
    return date;
  },
});

const endpointsOf = (s: ServiceContext) =>
  s.scope.visibleWebhooks(s.em.getRepository(WebhookEndpoint).createQueryBuilder("w"), "w");
const deliveriesOf = (s: ServiceContext) =>
  s.scope.visibleWebhooks(s.em.getRepository(WebhookDelivery).createQueryBuilder("d"), "d");

/** What the audit log keeps of an endpoint (never the secret: only its display prefix). */
const audited = (w: WebhookEndpoint) => ({
  id: w.id,
  url: w.url,
  description: w.description,
  eventTypes: [...w.eventTypes],
  active: w.active,
  secretPrefix: w.secretPrefix,
});

/**
 * Outbound webhooks of the viewer's partner (modules/webhook): register, change, rotate, delete, read the delivery
 * log, replay. A user's own sign-in (a token cannot hand out secrets); another partner's endpoint is "not found".
 */
export class WebhookService {
  list(s: ServiceContext, page: PageArgs): Promise<Page<WebhookEndpoint>> {
    ensureOwnSignIn(s.viewer, s.locale);
    return paginate(endpointsOf(s), page, newestFirst<WebhookEndpoint>("w"));
  }

  /** An endpoint's deliveries, newest first. Another partner's endpoint is NOT_FOUND, as one that does not exist. */
  async deliveries(s: ServiceContext, endpointId: string, page: PageArgs): Promise<Page<WebhookDelivery>> {
    ensureOwnSignIn(s.viewer, s.locale);
    const id = requireId(endpointId, "WebhookEndpoint", "endpointId");
    const endpoint = await endpointsOf(s).andWhere("w.id = :id", { id }).getOne();
    if (!endpoint) throw notFoundError("WebhookEndpoint", "endpointId");
    return paginate(
      deliveriesOf(s).andWhere("d.endpoint_id = :endpointId", { endpointId: endpoint.id }),
      page,
      newestFirst<WebhookDelivery>("d"),
    );
  }

  async create(
    s: ServiceContext,
    input: CreateWebhookEndpointInput,
  ): Promise<{ secret: string; webhookEndpoint: WebhookEndpoint }> {
    ensureOwnSignIn(s.viewer, s.locale);
    const eventTypes = input.eventTypes ?? [];
    this.check(s, input.url, input.description ?? "", eventTypes);
    const count = await endpointsOf(s).getCount();
    ensureThat(count < MAX_WEBHOOK_ENDPOINTS, () =>
      userError("url", UserErrorCode.INVALID_STATE, s.t("WEBHOOK_LIMIT", { max: MAX_WEBHOOK_ENDPOINTS })),
    );
    const secret = newWebhookSecret();
    const now = new Date();
    const endpoint = Object.assign(new WebhookEndpoint(), {
      id: randomUUID(),
      partnerId: s.actor.id,
      url: input.url.trim(),
      description: (input.description ?? "").trim(),
      eventTypes: [...eventTypes].sort(),
      active: true,
      disabledReason: null,
      secretPrefix: secret.slice(0, SECRET_DISPLAY_LENGTH),
      secretCiphertext: encryptSecret(s.config.authSecret, secret),
      createdByUserId: s.viewer.user.id,
      createdAt: now,
      updatedAt: now,
      secretRotatedAt: null,
    });
    await s.em.getRepository(WebhookEndpoint).insert(endpoint);
    s.audit.change("WebhookEndpoint", null, audited(endpoint));
    return { secret, webhookEndpoint: endpoint };
  }

  async update(s: ServiceContext, input: UpdateWebhookEndpointInput): Promise<{ webhookEndpoint: WebhookEndpoint }> {
    ensureOwnSignIn(s.viewer, s.locale);
    const before = await this.own(s, input.id);
    const active = input.active ?? before.active;
    const next = Object.assign(new WebhookEndpoint(), before, {
      url: input.url === null || input.url === undefined ? before.url : input.url.trim(),
      description:
        input.description === null || input.description === undefined ? before.description : input.description.trim(),
      eventTypes: input.eventTypes ? [...input.eventTypes].sort() : before.eventTypes,
      active,
      // Turned on again by a user: the server's reason for turning it off no longer holds.
      disabledReason: active ? null : before.disabledReason,
      updatedAt: new Date(),
    });
    this.check(s, next.url, next.description, next.eventTypes);
    await s.em.getRepository(WebhookEndpoint).update(
      { id: before.id, partnerId: s.actor.id },
      {
        url: next.url,
        description: next.description,
        eventTypes: next.eventTypes,
        active: next.active,
        disabledReason: next.disabledReason,
        updatedAt: next.updatedAt,
      },
    );
    s.audit.change("WebhookEndpoint", audited(before), audited(next));
    return { webhookEndpoint: next };
  }

  async delete(s: ServiceContext, input: WebhookEndpointIdInput): Promise<{ deletedId: string }> {
    ensureOwnSignIn(s.viewer, s.locale);
    const endpoint = await this.own(s, input.id);
    await s.em.getRepository(WebhookDelivery).delete({ endpointId: endpoint.id, partnerId: s.actor.id });
    await s.em.getRepository(WebhookEndpoint).delete({ id: endpoint.id, partnerId: s.actor.id });
    const gone = { id: endpoint.id, url: null, description: null, eventTypes: null, active: null, secretPrefix: null };
    s.audit.change("WebhookEndpoint", audited(endpoint), gone);
    return { deletedId: endpoint.nodeId };
  }

  /** A new secret replaces the old one at once (receivers must switch to it); shown this once. */
  async rotate(
    s: ServiceContext,
    input: WebhookEndpointIdInput,
  ): Promise<{ secret: string; webhookEndpoint: WebhookEndpoint }> {
    ensureOwnSignIn(s.viewer, s.locale);
    const before = await this.own(s, input.id);
    const secret = newWebhookSecret();
    const now = new Date();
    const next = Object.assign(new WebhookEndpoint(), before, {
      secretPrefix: secret.slice(0, SECRET_DISPLAY_LENGTH),
      secretCiphertext: encryptSecret(s.config.authSecret, secret),
      secretRotatedAt: now,
      updatedAt: now,
    });
    await s.em.getRepository(WebhookEndpoint).update(
      { id: before.id, partnerId: s.actor.id },
      {
        secretPrefix: next.secretPrefix,
        secretCiphertext: next.secretCiphertext,
        secretRotatedAt: now,
        updatedAt: now,
      },
    );
    s.audit.change("WebhookEndpoint", audited(before), audited(next));
    return { secret, webhookEndpoint: next };
  }

  /** Sends a delivery's payload again, as a new PENDING delivery to the same (active) endpoint. */
  async replay(s: ServiceContext, input: ReplayWebhookDeliveryInput): Promise<{ delivery: WebhookDelivery }> {
    ensureOwnSignIn(s.viewer, s.locale);
    const notFound = () => userError("id", UserErrorCode.NOT_FOUND, s.t("WEBHOOK_DELIVERY_NOT_FOUND"));
    const original = await findByGlobalId(
      input.id,
      "WebhookDelivery",
      (id) => deliveriesOf(s).innerJoinAndSelect("d.endpoint", "w").andWhere("d.id = :id", { id }).getOne(),
      notFound,
    );
    const endpoint = ensure(original.endpoint, notFound);
    ensureThat(endpoint.active, () => userError("id", UserErrorCode.INVALID_STATE, s.t("WEBHOOK_ENDPOINT_OFF")));
    const delivery = newDelivery(
      endpoint,
      original.eventId,
      original.eventType,
      original.payload,
      new Date(),
      original.id,
    );
    await s.em.getRepository(WebhookDelivery).insert(delivery);
    s.audit.target("WebhookEndpoint", endpoint.id).target("WebhookDelivery", original.id);
    return { delivery };
  }

  /** One of the partner's endpoints; another partner's is "not found", exactly like one that does not exist. */
  private own(s: ServiceContext, id: string): Promise<WebhookEndpoint> {
    const notFound = () => userError("id", UserErrorCode.NOT_FOUND, s.t("WEBHOOK_NOT_FOUND"));
    return findByGlobalId(
      id,
      "WebhookEndpoint",
      (dbId) => endpointsOf(s).andWhere("w.id = :dbId", { dbId }).getOne(),
      notFound,
    );
  }

  private check(s: ServiceContext, url: string, description: string, eventTypes: readonly LiveEventType[]): void {
    const checks = new InputChecks(s.locale)
      .text("url", url, 1, MAX_WEBHOOK_URL_LENGTH)
      .text("description", description, 0, MAX_WEBHOOK_DESCRIPTION_LENGTH);
    if (!checks.errors.some((e) => e.field?.includes("url"))) {
      const problem = urlProblem(url, s.config.webhooks.allowPrivateUrls);
      if (problem) checks.fail("url", problem);
    }
    if (new Set(eventTypes).size !== eventTypes.length) checks.fail("eventTypes", "WEBHOOK_EVENT_TYPES");
    ensureNoErrors(checks.errors);
  }
}

export const webhookService = new WebhookService();
