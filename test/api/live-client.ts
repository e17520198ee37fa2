import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";

/** One live event as a subscriber receives it. */
export interface ReceivedEvent {
  id: string;
  type: string;
  subjectId: string;
  dueOn: string | null;
}

/**
 * A graphql-ws subscriber of `events` for tests: collects what it receives, and waits for an event matching a
 * predicate (failing after `timeoutMs`). `ready` resolves once the server acknowledged the connection, and
 * `closed` with the close code when the server refuses or ends it.
 */
export interface LiveSubscriber {
  events: ReceivedEvent[];
  errors: unknown[];
  ready: Promise<void>;
  closed: Promise<number>;
  waitFor(match: (e: ReceivedEvent) => boolean, timeoutMs?: number): Promise<ReceivedEvent>;
  close(): Promise<void>;
}

export function subscribeEvents(
  httpUrl: string,
  connectionParams: Record<string, unknown>,
  types: string[] | null = null,
  /** Upgrade request headers (a browser's Cookie and Origin). */
  headers: Record<string, string> = {},
): LiveSubscriber {
  const events: ReceivedEvent[] = [];
  const errors: unknown[] = [];
  const waiters = new Set<() => void>();
  let acked!: () => void;
  let ended!: (code: number) => void;
  const ready = new Promise<void>((r) => (acked = r));
  const closed = new Promise<number>((r) => (ended = r));
  const client: Client = createClient({
    url: httpUrl.replace(/^http/, "ws"),
    webSocketImpl: class extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers });
      }
    },
    connectionParams,
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: (error) => errors.push(error),
    on: {
      connected: () => acked(),
      closed: (event) => ended((event as { code?: number }).code ?? 0),
    },
  });
  client.subscribe<{ events: ReceivedEvent }>(
    {
      query: "subscription($types: [LiveEventType!]) { events(types: $types) { id type subjectId dueOn } }",
      variables: { types },
    },
    {
      next: (result) => {
        if (result.errors) errors.push(...result.errors);
        if (result.data) events.push(result.data.events);
        for (const w of waiters) w();
      },
      error: (error) => {
        errors.push(error);
        for (const w of waiters) w();
      },
      complete: () => undefined,
    },
  );
  return {
    events,
    errors,
    ready,
    closed,
    waitFor(match, timeoutMs = 3000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(match);
          if (!found) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `no matching event within ${timeoutMs} ms; got ${JSON.stringify(events)} ${JSON.stringify(errors)}`,
            ),
          );
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    async close() {
      await client.dispose();
    },
  };
}
