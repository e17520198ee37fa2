import type autocannon from "autocannon";
import type { Operation, OperationVars } from "./operations";

// The write cycle of `npm run bench`: order a CSP subscription for the viewer's customer, then cancel it (inside
// its cancellation window). Two HTTP requests per cycle; req/s, CPU and SQL are per request, averaged over both.

const ORDER_INPUT = {
  offerName: "Microsoft 365 Business Basic",
  offerId: "CFQ7TTC0LH18:0001",
  offerKind: "LICENSE_BASED",
  quantity: 3,
  termDuration: "P1M",
};

const ORDER = `mutation Order($input: OrderSubscriptionInput!) { orderSubscription(input: $input) {
  userErrors { code } subscription { id status offerName quantity autoRenew } } }`;
const CANCEL = `mutation Cancel($input: SubscriptionActionInput!) { cancelSubscription(input: $input) {
  userErrors { code } subscription { id status autoRenew } } }`;

type Side = "graphql" | "baseline";

const orderBody = (side: Side, vars: OperationVars) => {
  const input = { ...ORDER_INPUT, customerId: vars.orderCustomerId };
  return JSON.stringify(side === "graphql" ? { query: ORDER, variables: { input } } : { variables: { input } });
};
const cancelBody = (side: Side, subscriptionId: string) => {
  const input = { subscriptionId };
  return JSON.stringify(side === "graphql" ? { query: CANCEL, variables: { input } } : { variables: { input } });
};
const paths = (side: Side) =>
  side === "graphql"
    ? { order: "/graphql", cancel: "/graphql" }
    : { order: "/op/orderSubscription", cancel: "/op/cancelSubscription" };

/** The new subscription's id in an order's answer (both sides answer the same shape). */
function orderedId(text: string): string | null {
  try {
    const body = JSON.parse(text) as { data?: { orderSubscription?: { subscription?: { id?: string } | null } } };
    return body.data?.orderSubscription?.subscription?.id ?? null;
  } catch {
    return null;
  }
}

/** An answer that carries user errors did not do the work: the bench counts it as an error. */
export const refused = (text: string) => text.includes('"userErrors":[{');

export const WRITE_CYCLE = {
  name: "writeCycle",
  operation: {
    name: "writeCycle",
    title: "write cycle (order, then cancel)",
    query: `${ORDER}\n${CANCEL}`,
    write: true,
  } satisfies Operation,

  /** One cycle, for the equality check: both answers, and the SQL statements per request. */
  async once(side: Side, url: string, headers: Record<string, string>, vars: OperationVars) {
    const post = async (path: string, body: string) => {
      const res = await fetch(`${url}${path}`, { method: "POST", headers, body });
      const text = await res.text();
      if (res.status !== 200 || text.includes('"errors":') || refused(text))
        throw new Error(`${side} write cycle: HTTP ${res.status} ${text.slice(0, 400)}`);
      return { text, sql: Number(res.headers.get("x-sql-count") ?? NaN) };
    };
    const p = paths(side);
    const order = await post(p.order, orderBody(side, vars));
    const id = orderedId(order.text);
    if (!id) throw new Error(`${side} write cycle: no subscription in ${order.text.slice(0, 300)}`);
    const cancel = await post(p.cancel, cancelBody(side, id));
    const data = (text: string) => (JSON.parse(text) as { data: Record<string, unknown> }).data;
    return { body: { ...data(order.text), ...data(cancel.text) }, sql: (order.sql + cancel.sql) / 2 };
  },
};

/** The cycle as an autocannon request sequence: the cancel names the subscription the order answered with. */
export function writeCycleRequests(
  side: Side,
  headers: Record<string, string>,
  vars: OperationVars,
): autocannon.Request[] {
  const p = paths(side);
  return [
    {
      method: "POST",
      path: p.order,
      headers,
      body: orderBody(side, vars),
      onResponse: (_status: number, body: string, context: object) => {
        (context as { subscriptionId?: string | null }).subscriptionId = orderedId(body);
      },
    },
    {
      method: "POST",
      path: p.cancel,
      headers,
      setupRequest: (req: autocannon.Request, context: object) => ({
        ...req,
        body: cancelBody(side, String((context as { subscriptionId?: string | null }).subscriptionId)),
      }),
    },
  ];
}
