import type { NonEmptyArray } from "type-graphql";
import { EligibilityResolver } from "./modules/eligibility/eligibility.resolver";
import { CustomerMutations } from "./modules/customer/customer.mutations";
import { PartnershipMutations } from "./modules/partner/partnership.mutations";
import { PartnerFactsMutations } from "./modules/partner/partner-facts.mutations";
import { SubscriptionMutations } from "./modules/subscription/subscription.mutations";
import { SubscriptionLifecycleMutations } from "./modules/subscription/subscription-lifecycle.mutations";
import { TransferMutations } from "./modules/transfer/transfer.mutations";
import {
  CustomerRelationshipResolver,
  CustomerResolver,
  RelationshipRequestResolver,
} from "./modules/customer/customer.resolver";
import { AuditResolver } from "./modules/audit/audit.resolver";
import { NetworkResolver } from "./modules/network/network.resolver";
import { NodeResolver } from "./modules/node/node.resolver";
import { SubscriptionResolver } from "./modules/subscription/subscription.resolver";
import { RenewalsResolver } from "./modules/subscription/renewals.resolver";
import { TransferResolver } from "./modules/transfer/transfer.resolver";
import { ProviderRequestResolver } from "./modules/provider-request/provider-request.resolver";
import { ApiTokenResolver } from "./modules/api-token/api-token.resolver";
import { UserResolver } from "./modules/user/user.resolver";
import { LiveResolver } from "./modules/live/live.resolver";
import { SyncResolver, ViewerSyncStatusResolver } from "./modules/sync/sync.resolver";
import { SavedViewResolver } from "./modules/saved-view/saved-view.resolver";
import { WebhookResolver } from "./modules/webhook/webhook.resolver";
import { SearchResolver } from "./modules/search/search.resolver";
import { ProviderRequestMutations } from "./modules/provider-request/provider-request.mutations";
import {
  PartnerFieldsResolver,
  PartnerResolver,
  ResellerPartnershipResolver,
} from "./modules/partner/partner.resolver";

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const resolvers: NonEmptyArray<Function> = [
  PartnerResolver,
  PartnerFieldsResolver,
  ResellerPartnershipResolver,
  EligibilityResolver,
  CustomerResolver,
  CustomerRelationshipResolver,
  RelationshipRequestResolver,
  SubscriptionResolver,
  RenewalsResolver,
  TransferResolver,
  ProviderRequestResolver,
  NodeResolver,
  NetworkResolver,
  PartnershipMutations,
  PartnerFactsMutations,
  CustomerMutations,
  SubscriptionMutations,
  SubscriptionLifecycleMutations,
  TransferMutations,
  ProviderRequestMutations,
  UserResolver,
  ApiTokenResolver,
  SyncResolver,
  ViewerSyncStatusResolver,
  AuditResolver,
  LiveResolver,
  SavedViewResolver,
  WebhookResolver,
  SearchResolver,
];
