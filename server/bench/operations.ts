// The benchmark's operations (issue 10): one GraphQL document each, and the variables both servers receive. The
// raw baseline (baseline.ts) answers POST /op/<name> with the same variables and the same JSON as GraphQL's `data`.

export interface OperationVars {
  /** Global id of a customer in the viewer's network that holds another partner's CSP subscriptions if any. */
  customerId: string;
  /** The same id, typed String! as the subscription filter takes it. */
  customerFilter: string;
  /** Global id of a customer the viewer's partner itself holds, where it may order (the write cycle). */
  orderCustomerId: string;
}

export interface Operation {
  name: string;
  title: string;
  query: string;
  /** A write: its answers carry fresh ids, so they are compared with ids masked. */
  write?: boolean;
}

const REASONS = "eligible blocking { code ruleId } advisories { code ruleId }";

export const OPERATIONS: readonly Operation[] = [
  {
    name: "dashboard",
    title: "provider dashboard (summary + 25 resellers with counts)",
    query: `query Dashboard { networkSummary { customerCount subscriptionCount termsEndingIn30Days incomingTransfersPending
      outgoingTransfersPending relationshipsRequested activeResellerCount resellersWithComplianceIssues }
      resellers(first: 25) { totalCount nodes { status reseller { name partnerId } counts { customers subscriptions } } } }`,
  },
  {
    name: "subscriptions",
    title: "100 subscriptions",
    // Not `customer { name }`: on the demo network a provider's list holds CSP subscriptions it billed for customers
    // that have left it, and their customer answers NOT_FOUND (reported with issue 10).
    query: `query Subscriptions { subscriptions(first: 100) { totalCount nodes { id offerName status quantity
      commitmentEndDate transactingPartner { name } resellerOfRecord { name } } } }`,
  },
  {
    name: "transferEligibility",
    title: "transferEligibility of one customer",
    query: `query TransferEligibility($customerId: ID!) { transferEligibility(customerId: $customerId, first: 20) {
      totalCount nodes { subscription { id offerName } decision { ${REASONS} } } } }`,
  },
  {
    name: "subscriptionsTransfer",
    title: "100 subscriptions + TRANSFER eligibility",
    query: `query SubscriptionsTransfer { subscriptions(first: 100) { totalCount nodes { id offerName status
      eligibility(action: TRANSFER) { ${REASONS} } } } }`,
  },
  {
    name: "customerPage",
    title: "customer page",
    query: `query CustomerPage($customerId: ID!, $customerFilter: String!) { node(id: $customerId) { ... on Customer { name domain country
      mcaAccepted channels relationships { status partner { name } } } }
      subscriptions(first: 20, filter: { customerId: $customerFilter }) { totalCount nodes { id offerName status channel } } }`,
  },
  {
    name: "fiveDecisions",
    title: "50 subscriptions × 5 decisions",
    query: `query FiveDecisions { subscriptions(first: 50) { nodes { id
      support: eligibility(action: SUPPORT) { ${REASONS} } transfer: eligibility(action: TRANSFER) { ${REASONS} }
      cancel: eligibility(action: CANCEL) { ${REASONS} } suspend: eligibility(action: SUSPEND) { ${REASONS} }
      reactivate: eligibility(action: REACTIVATE) { ${REASONS} } } } }`,
  },
];
