import { Initial1795609999885 } from "./1795609999885-Initial";
import { ProviderRequest1795612226997 } from "./1795612226997-ProviderRequest";
import { IntegrityIdempotency1796187612466 } from "./1796187612466-IntegrityIdempotency";
import { ApiTokensUsers1796187626604 } from "./1796187626604-ApiTokensUsers";
import { AuditEvent1796187810413 } from "./1796187810413-AuditEvent";
import { SubscriptionLifecycle1796400000000 } from "./1796400000000-SubscriptionLifecycle";

export const migrations = [
  Initial1795609999885,
  ProviderRequest1795612226997,
  IntegrityIdempotency1796187612466,
  ApiTokensUsers1796187626604,
  AuditEvent1796187810413,
  SubscriptionLifecycle1796400000000,
];
