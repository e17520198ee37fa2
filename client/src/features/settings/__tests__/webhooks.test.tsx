import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  SettingsCreateWebhookEndpointDocument,
  SettingsReplayWebhookDeliveryDocument,
  SettingsWebhookDeliveriesDocument,
  SettingsWebhookEndpointsDocument,
  type SettingsWebhookDeliveryRowFragment,
  type SettingsWebhookEndpointRowFragment,
} from "../../../graphql/generated";
import { makeViewer, renderView, userError } from "../../../testing/harness";
import { WebhooksView } from "../WebhooksView";

const endpoint = (
  id: string,
  url: string,
  extra: Partial<SettingsWebhookEndpointRowFragment> = {},
): SettingsWebhookEndpointRowFragment => ({
  __typename: "WebhookEndpoint",
  id,
  url,
  description: "",
  eventTypes: [],
  active: true,
  disabledReason: null,
  secretPrefix: "whsec_abcd",
  createdAt: "2026-11-01T10:00:00.000Z",
  ...extra,
});

const erp = endpoint("V2ViaG9va0VuZHBvaW50OjE", "https://erp.example.com/hooks", {
  description: "ERP",
  eventTypes: ["TRANSFER_CREATED", "SUBSCRIPTION_CHANGED"],
});
const gone = endpoint("V2ViaG9va0VuZHBvaW50OjI", "https://old.example.com/hooks", {
  active: false,
  disabledReason: "The receiver answered 410 Gone",
});

const delivery = (
  id: string,
  extra: Partial<SettingsWebhookDeliveryRowFragment> = {},
): SettingsWebhookDeliveryRowFragment => ({
  __typename: "WebhookDelivery",
  id,
  eventId: "41",
  eventType: "SUBSCRIPTION_CHANGED",
  status: "DELIVERED",
  attemptCount: 3,
  responseCode: 200,
  responseTimeMs: 35,
  error: null,
  nextAttemptAt: null,
  deliveredAt: "2026-12-01T10:05:00.000Z",
  createdAt: "2026-12-01T10:00:00.000Z",
  replayOf: null,
  attempts: [
    {
      __typename: "WebhookAttempt",
      at: "2026-12-01T10:00:00.000Z",
      responseCode: 500,
      responseTimeMs: 20,
      error: "the receiver answered HTTP 500",
    },
    {
      __typename: "WebhookAttempt",
      at: "2026-12-01T10:01:00.000Z",
      responseCode: 500,
      responseTimeMs: 22,
      error: "the receiver answered HTTP 500",
    },
    {
      __typename: "WebhookAttempt",
      at: "2026-12-01T10:05:00.000Z",
      responseCode: 200,
      responseTimeMs: 35,
      error: null,
    },
  ],
  ...extra,
});
const delivered = delivery("V2ViaG9va0RlbGl2ZXJ5OjE");
const timedOut = delivery("V2ViaG9va0RlbGl2ZXJ5OjI", {
  eventId: "42",
  eventType: "TRANSFER_CREATED",
  status: "PENDING",
  attemptCount: 1,
  responseCode: null,
  error: "no answer within 10000 ms",
  nextAttemptAt: "2026-12-01T11:00:00.000Z",
  deliveredAt: null,
  attempts: [
    {
      __typename: "WebhookAttempt",
      at: "2026-12-01T10:00:00.000Z",
      responseCode: null,
      responseTimeMs: 10000,
      error: "no answer within 10000 ms",
    },
  ],
});

const listMock = (nodes: SettingsWebhookEndpointRowFragment[], maxUsageCount = 10) => ({
  request: { query: SettingsWebhookEndpointsDocument, variables: { first: 25, after: null } },
  result: {
    data: {
      webhookEndpoints: {
        __typename: "WebhookEndpointConnection",
        totalCount: nodes.length,
        pageInfo: { __typename: "PageInfo", hasNextPage: false, endCursor: null },
        nodes,
      },
    },
  },
  maxUsageCount,
});

const deliveriesMock = (nodes: SettingsWebhookDeliveryRowFragment[]) => ({
  request: { query: SettingsWebhookDeliveriesDocument, variables: { endpointId: erp.id, first: 50 } },
  result: {
    data: { webhookDeliveries: { __typename: "WebhookDeliveryConnection", totalCount: nodes.length, nodes } },
  },
});

const SECRET = "whsec_" + "B".repeat(43);

afterEach(() => vi.restoreAllMocks());

describe("Settings → Webhooks", () => {
  it("lists endpoints with their events and state; a turned-off one says why", async () => {
    renderView(<WebhooksView />, { url: "/settings/webhooks", mocks: [listMock([erp, gone])] });
    const rows = await screen.findAllByTestId("webhook-row");
    expect(rows[0]).toHaveTextContent("https://erp.example.com/hooks");
    expect(rows[0]).toHaveTextContent("TRANSFER_CREATED");
    expect(rows[0]).toHaveTextContent("SUBSCRIPTION_CHANGED");
    expect(rows[0]).toHaveTextContent("whsec_abcd…");
    expect(rows[0]).toHaveTextContent("On");
    expect(rows[1]).toHaveTextContent("All events");
    expect(rows[1]).toHaveTextContent("Off");
    expect(rows[1]).toHaveTextContent("The receiver answered 410 Gone");
  });

  it("adds an endpoint with chosen events and shows its secret once, with a copy button", async () => {
    const u = userEvent.setup();
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    const created = endpoint("V2ViaG9va0VuZHBvaW50OjM", "https://crm.example.com/in", {
      eventTypes: ["TRANSFER_ACCEPTED"],
    });
    let sent: Record<string, unknown> | null = null;
    renderView(<WebhooksView />, {
      url: "/settings/webhooks",
      mocks: [
        listMock([erp], 1),
        {
          request: {
            query: SettingsCreateWebhookEndpointDocument,
            variables: (v: { input: Record<string, unknown> }) => ((sent = v.input), true),
          },
          result: {
            data: {
              createWebhookEndpoint: {
                __typename: "WebhookEndpointSecretPayload",
                secret: SECRET,
                webhookEndpoint: created,
                userErrors: [],
              },
            },
          },
        },
        listMock([created, erp]),
      ],
    });
    await u.click(await screen.findByRole("button", { name: "Add endpoint" }));
    await u.type(screen.getByLabelText(/^URL/), "https://crm.example.com/in");
    await u.click(screen.getByRole("checkbox", { name: "TRANSFER_ACCEPTED" }));
    const form = screen.getByRole("form", { name: "Add a webhook endpoint" });
    await u.click(within(form).getByRole("button", { name: "Add endpoint" }));

    const secret = await screen.findByTestId("webhook-secret");
    expect(within(secret).getByLabelText("Signing secret")).toHaveValue(SECRET);
    expect(secret).toHaveTextContent("This is the only time the secret of https://crm.example.com/in is shown");
    expect(sent).toEqual({ url: "https://crm.example.com/in", description: null, eventTypes: ["TRANSFER_ACCEPTED"] });
    await u.click(within(secret).getByRole("button", { name: "Copy" }));
    expect(writeText).toHaveBeenCalledWith(SECRET);
    await u.click(within(secret).getByRole("button", { name: "I have copied it" }));
    expect(screen.queryByDisplayValue(SECRET)).not.toBeInTheDocument();
    expect(await screen.findAllByTestId("webhook-row")).toHaveLength(2);
  });

  it("shows a refused URL beside its field, and no secret", async () => {
    const u = userEvent.setup();
    renderView(<WebhooksView />, {
      url: "/settings/webhooks?create=1",
      mocks: [
        listMock([]),
        {
          request: { query: SettingsCreateWebhookEndpointDocument, variables: () => true },
          result: {
            data: {
              createWebhookEndpoint: {
                __typename: "WebhookEndpointSecretPayload",
                secret: null,
                webhookEndpoint: null,
                userErrors: [userError("url", "must not point to a private, loopback or link-local address")],
              },
            },
          },
        },
      ],
    });
    await u.type(await screen.findByLabelText(/^URL/), "https://10.0.0.5/hook");
    const form = screen.getByRole("form", { name: "Add a webhook endpoint" });
    await u.click(within(form).getByRole("button", { name: "Add endpoint" }));
    const field = screen.getByLabelText(/^URL/);
    await waitFor(() => expect(field).toHaveFocus());
    expect(field).toHaveAccessibleDescription(/must not point to a private/);
    expect(screen.queryByTestId("webhook-secret")).not.toBeInTheDocument();
  });

  it("shows an endpoint's deliveries with each attempt's code, and replays one", async () => {
    const u = userEvent.setup();
    let replayed: unknown = null;
    const replay = delivery("V2ViaG9va0RlbGl2ZXJ5OjM", {
      status: "PENDING",
      attemptCount: 0,
      responseCode: null,
      responseTimeMs: null,
      deliveredAt: null,
      replayOf: delivered.id,
      attempts: [],
    });
    renderView(<WebhooksView />, {
      url: "/settings/webhooks",
      mocks: [
        listMock([erp]),
        deliveriesMock([timedOut, delivered]),
        {
          request: {
            query: SettingsReplayWebhookDeliveryDocument,
            variables: (v: { input: unknown }) => ((replayed = v.input), true),
          },
          result: {
            data: {
              replayWebhookDelivery: { __typename: "ReplayWebhookDeliveryPayload", delivery: replay, userErrors: [] },
            },
          },
        },
        deliveriesMock([replay, timedOut, delivered]),
      ],
    });
    await u.click(await screen.findByRole("button", { name: "Deliveries of https://erp.example.com/hooks" }));
    const log = await screen.findByTestId("webhook-deliveries");
    const rows = await within(log).findAllByTestId("delivery-row");
    expect(rows[0]).toHaveTextContent("TRANSFER_CREATED");
    expect(rows[0]).toHaveTextContent("Pending");
    expect(rows[0]).toHaveTextContent("no answer");
    expect(rows[0]).toHaveTextContent("no answer within 10000 ms");
    expect(
      within(rows[1]!)
        .getAllByRole("listitem")
        .map((li) => li.textContent),
    ).toEqual(["500 (20 ms)", "500 (22 ms)", "200 (35 ms)"]);
    expect(rows[1]).toHaveTextContent("Delivered");

    await u.click(within(rows[1]!).getByRole("button", { name: "Replay event 41" }));
    expect(await screen.findByText("Event 41 is queued to be sent again.")).toBeInTheDocument();
    expect(replayed).toEqual({ id: delivered.id });
    await waitFor(() => expect(within(log).getAllByTestId("delivery-row")).toHaveLength(3));
    expect(within(log).getAllByTestId("delivery-row")[0]).toHaveTextContent("replay");
  });

  it("shows a refused replay on its row", async () => {
    const u = userEvent.setup();
    renderView(<WebhooksView />, {
      url: `/settings/webhooks?endpoint=${erp.id}`,
      mocks: [
        listMock([erp]),
        deliveriesMock([delivered]),
        {
          request: { query: SettingsReplayWebhookDeliveryDocument, variables: () => true },
          result: {
            data: {
              replayWebhookDelivery: {
                __typename: "ReplayWebhookDeliveryPayload",
                delivery: null,
                userErrors: [
                  userError("id", "The endpoint is turned off; turn it on before replaying", "INVALID_STATE"),
                ],
              },
            },
          },
        },
      ],
    });
    const row = (await screen.findAllByTestId("delivery-row"))[0]!;
    await u.click(within(row).getByRole("button", { name: "Replay event 41" }));
    expect(await within(row).findByText("The endpoint is turned off; turn it on before replaying")).toBeInTheDocument();
  });

  it("tells a role that cannot manage webhooks so", () => {
    renderView(<WebhooksView />, { url: "/settings/webhooks", viewer: makeViewer({ role: "ADMIN_AGENT" }) });
    expect(screen.getByRole("heading", { level: 1, name: "Webhooks" })).toBeInTheDocument();
    expect(screen.getByText(/cannot manage Webhooks/)).toBeInTheDocument();
    expect(screen.queryByRole("button")).not.toBeInTheDocument();
  });

  it("has every string in Portuguese too", async () => {
    const { webhookMessages } = await import("../webhook-messages");
    expect(Object.keys(webhookMessages["pt-PT"]).sort()).toEqual(Object.keys(webhookMessages.en).sort());
  });
});
