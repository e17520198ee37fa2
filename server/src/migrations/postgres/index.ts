import { Initial1795609999885 } from "./1795609999885-Initial";
import { ProviderRequest1795612226997 } from "./1795612226997-ProviderRequest";
import { IntegrityIdempotency1796187612466 } from "./1796187612466-IntegrityIdempotency";
import { ApiTokensUsers1796187626604 } from "./1796187626604-ApiTokensUsers";
import { AuditEvent1796187810413 } from "./1796187810413-AuditEvent";
import { RelationshipRequestExpiry1796194859355 } from "./1796194859355-RelationshipRequestExpiry";
import { OidcSessions1796194947887 } from "./1796194947887-OidcSessions";
import { SyncProvenance1796195066340 } from "./1796195066340-SyncProvenance";
import { CustomerAgreement1796199000000 } from "./1796199000000-CustomerAgreement";
import { SubscriptionLifecycle1796400000000 } from "./1796400000000-SubscriptionLifecycle";
import { OutboxEvent1796460000000 } from "./1796460000000-OutboxEvent";
import { SyncRun1796500000000 } from "./1796500000000-SyncRun";
import { ProviderRequestLifecycle1796510000000 } from "./1796510000000-ProviderRequestLifecycle";
import { ListsAndSavedViews1796520000000 } from "./1796520000000-ListsAndSavedViews";
import { ProviderRequestActionLength1796530000000 } from "./1796530000000-ProviderRequestActionLength";
import { OutboundWebhooks1796610000000 } from "./1796610000000-OutboundWebhooks";
import { ScopeCoveringIndexes1796625000000 } from "./1796625000000-ScopeCoveringIndexes";
import { EligibilityFactsIndex1796620000000 } from "./1796620000000-EligibilityFactsIndex";
import { AuditEventReseller1796730000000 } from "./1796730000000-AuditEventReseller";
import { PartnerRecordedFacts1796700000000 } from "./1796700000000-PartnerRecordedFacts";
import { SearchTrigramIndexes1796740000000 } from "./1796740000000-SearchTrigramIndexes";
import { PartnerFactRecorders1796780000000 } from "./1796780000000-PartnerFactRecorders";
import { NetworkCounters1796760000000 } from "./1796760000000-NetworkCounters";

export const migrations = [
  Initial1795609999885,
  ProviderRequest1795612226997,
  IntegrityIdempotency1796187612466,
  ApiTokensUsers1796187626604,
  AuditEvent1796187810413,
  RelationshipRequestExpiry1796194859355,
  OidcSessions1796194947887,
  SyncProvenance1796195066340,
  CustomerAgreement1796199000000,
  SubscriptionLifecycle1796400000000,
  OutboxEvent1796460000000,
  SyncRun1796500000000,
  ProviderRequestLifecycle1796510000000,
  ListsAndSavedViews1796520000000,
  ProviderRequestActionLength1796530000000,
  OutboundWebhooks1796610000000,
  ScopeCoveringIndexes1796625000000,
  EligibilityFactsIndex1796620000000,
  AuditEventReseller1796730000000,
  PartnerRecordedFacts1796700000000,
  SearchTrigramIndexes1796740000000,
  NetworkCounters1796760000000,
  PartnerFactRecorders1796780000000,
];
