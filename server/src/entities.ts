import { Partner } from "./modules/partner/partner.entity";
import { ResellerPartnership } from "./modules/partner/reseller-partnership.entity";
import { User } from "./modules/user/user.entity";
import { Customer } from "./modules/customer/customer.entity";
import { CustomerRelationship } from "./modules/customer/customer-relationship.entity";
import { CustomerSubscription } from "./modules/subscription/customer-subscription.entity";
import { Transfer, TransferLine } from "./modules/transfer/transfer.entity";
import { IdempotencyKey } from "./http/idempotency.entity";
import { ProviderRequest } from "./modules/provider-request/provider-request.entity";
import { ApiToken } from "./modules/api-token/api-token.entity";
import { AuditEvent } from "./modules/audit/audit-event.entity";
import { UserSession } from "./http/session.entity";
import { OutboxEvent } from "./modules/live/outbox-event.entity";
import { SyncRun } from "./modules/sync/sync-run.entity";
import { WebhookEvent } from "./modules/sync/webhook-event.entity";
import { SavedView } from "./modules/saved-view/saved-view.entity";
import { WebhookDelivery } from "./modules/webhook/webhook-delivery.entity";
import { WebhookEndpoint } from "./modules/webhook/webhook-endpoint.entity";

/** Every ORM entity, for the DataSource. Code imports an entity from its module, not from here. */
export const entities = [
  Partner,
  ResellerPartnership,
  User,
  Customer,
  CustomerRelationship,
  CustomerSubscription,
  Transfer,
  TransferLine,
  ProviderRequest,
  ApiToken,
  IdempotencyKey,
  AuditEvent,
  UserSession,
  OutboxEvent,
  SyncRun,
  WebhookEvent,
  SavedView,
  WebhookEndpoint,
  WebhookDelivery,
];
