import { Initial1795609998903 } from "./1795609998903-Initial";
import { ProviderRequest1795612221353 } from "./1795612221353-ProviderRequest";
import { ApiTokensUsers1796187607982 } from "./1796187607982-ApiTokensUsers";
import { IntegrityIdempotency1796187612466 } from "./1796187612466-IntegrityIdempotency";
import { AuditEvent1796187786714 } from "./1796187786714-AuditEvent";
import { SubscriptionLifecycle1796400000000 } from "./1796400000000-SubscriptionLifecycle";

export const migrations = [
  Initial1795609998903,
  ProviderRequest1795612221353,
  ApiTokensUsers1796187607982,
  IntegrityIdempotency1796187612466,
  AuditEvent1796187786714,
  SubscriptionLifecycle1796400000000,
];
