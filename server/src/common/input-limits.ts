// The limits of every text input of the API, checked in one place (common/input-guard.ts) before any resolver
// runs. Keys are schema coordinates: `InputType.field` for input object fields, `Type.field(arg)` for arguments
// and `*(arg)` for an argument of that name on any field. `column` names the entity column the value is stored
// in or compared with (`Entity.property`): a test checks that `max` never exceeds that column's varchar length,
// because SQLite does not enforce varchar lengths and PostgreSQL refuses longer values with an internal error.
// The README's "Input limits" table lists these; a test fails when a String input of the schema has no entry.

export interface TextLimit {
  /** Most characters (Unicode code points, as PostgreSQL's varchar counts them). */
  readonly max: number;
  /** Allows line breaks (LF, CR) and tabs: free-text notes. Other fields are one line. */
  readonly multiline?: boolean;
  /** The column the value is stored in, `Entity.property`, when there is one. */
  readonly column?: string;
}

/** Ids: opaque Relay global ids (base64url of "Type:uuid", about 60 characters). */
export const MAX_ID_LENGTH = 200;

/** Cursors returned by connections: base64url of a JSON [sort key, value, id] triple. */
const CURSOR: TextLimit = { max: 500 };
/** Free-text search and id filters of lists: compared, never stored. */
const FILTER: TextLimit = { max: 200 };

/** A customer-admin session (auth/customer-admin-token.ts): a compact JWT of tid, upn (≤ 254), wids; verified, never stored. */
const CUSTOMER_ADMIN_SESSION: TextLimit = { max: 2048 };

export const TEXT_INPUT_LIMITS: Readonly<Record<string, TextLimit>> = {
  "*(after)": CURSOR,
  "*(before)": CURSOR,
  "CreateSavedViewInput.name": { max: 100, column: "SavedView.name" },
  "UpdateSavedViewInput.name": { max: 100, column: "SavedView.name" },
  // A saved view's filter is the SPA's URL query (the service then checks its shape); its sort is FIELD:DIR.
  "CreateSavedViewInput.filter": { max: 2000 },
  "UpdateSavedViewInput.filter": { max: 2000 },
  "CreateSavedViewInput.orderBy": { max: 60 },
  "UpdateSavedViewInput.orderBy": { max: 60 },
  // The global search's own check (modules/search) names the 2–100 characters it needs; this only caps the input.
  "Query.search(query)": FILTER,
  "Query.relationshipRequest(token)": { max: 64, column: "CustomerRelationship.requestToken" },
  "Query.relationshipRequest(customerAdminToken)": CUSTOMER_ADMIN_SESSION,
  "AcceptRelationshipInput.customerAdminToken": CUSTOMER_ADMIN_SESSION,
  "AcceptRelationshipInput.token": { max: 64, column: "CustomerRelationship.requestToken" },
  "AuditEventFilter.operation": { max: 80, column: "AuditEvent.operation" },
  "CreateApiTokenInput.name": { max: 100, column: "ApiToken.name" },
  "CreateCustomerInput.name": { max: 200, column: "Customer.name" },
  "CreateCustomerInput.domain": { max: 253, column: "Customer.domain" },
  // Countries: the services allow exactly two letters A–Z (COUNTRY_CODE), checked together with the other fields
  // so that a form shows every error at once; the guard only caps what reaches that check.
  "CreateCustomerInput.country": { max: 10 },
  "CustomerFilter.country": { max: 10 },
  "CustomerFilter.resellerId": FILTER,
  "CustomerFilter.search": FILTER,
  "InviteResellerInput.resellerPartnerId": { max: 20, column: "Partner.partnerId" },
  "InviteUserInput.email": { max: 254, column: "User.email" },
  "InviteUserInput.displayName": { max: 200, column: "User.displayName" },
  "OrderSubscriptionInput.offerId": { max: 100, column: "CustomerSubscription.offerId" },
  "OrderSubscriptionInput.offerName": { max: 200, column: "CustomerSubscription.offerName" },
  "PartnershipFilter.search": FILTER,
  "ProviderRequestFilter.customerId": FILTER,
  "ProviderRequestFilter.resellerId": FILTER,
  "RecordCustomerAgreementInput.acceptedByName": { max: 200, column: "Customer.mcaAcceptedByName" },
  "RecordCustomerAgreementInput.acceptedByEmail": { max: 254, column: "Customer.mcaAcceptedByEmail" },
  "RegisterExternalSubscriptionInput.offerId": { max: 100, column: "CustomerSubscription.offerId" },
  "RegisterExternalSubscriptionInput.offerName": { max: 200, column: "CustomerSubscription.offerName" },
  "RequestProviderActionInput.note": { max: 1000, multiline: true, column: "ProviderRequest.note" },
  "RequestProviderActionInput.offerId": { max: 100, column: "ProviderRequest.offerId" },
  "RequestProviderActionInput.offerName": { max: 200, column: "ProviderRequest.offerName" },
  "RequestRelationshipInput.customerDomain": { max: 253, column: "Customer.domain" },
  "ResolveProviderRequestInput.responseNote": { max: 1000, multiline: true, column: "ProviderRequest.responseNote" },
  // Outbound webhooks: the URL (the service then checks scheme and host) and a one-line description.
  "CreateWebhookEndpointInput.url": { max: 2048, column: "WebhookEndpoint.url" },
  "UpdateWebhookEndpointInput.url": { max: 2048, column: "WebhookEndpoint.url" },
  "CreateWebhookEndpointInput.description": { max: 200, column: "WebhookEndpoint.description" },
  "UpdateWebhookEndpointInput.description": { max: 200, column: "WebhookEndpoint.description" },
  "SubscriptionFilter.customerId": FILTER,
  "SubscriptionFilter.resellerId": FILTER,
  "SubscriptionFilter.search": FILTER,
  "TransferFilter.customerId": FILTER,
};

/** A String input with no entry above (a new field, until it gets one): one line of at most this many. */
export const DEFAULT_TEXT_LIMIT: TextLimit = { max: 200 };

/**
 * Dates accepted anywhere (LocalDate and DateTime inputs: purchase and term dates, decision dates, filters):
 * CSP began in 2014 and terms run at most a few years, so anything outside is a mistake — and year 0000 or
 * 10000 would not fit PostgreSQL's date type.
 */
export const DATE_RANGE = { from: "2000-01-01", to: "2100-12-31" } as const;
