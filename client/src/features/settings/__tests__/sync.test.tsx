import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  SettingsStartSyncDocument,
  SettingsSyncRunsDocument,
  type SettingsSyncRunRowFragment,
} from "../../../graphql/generated";
import { makeViewer, renderView, userError } from "../../../testing/harness";
import { SyncView } from "../SyncView";

const run = (id: string, extra: Partial<SettingsSyncRunRowFragment> = {}): SettingsSyncRunRowFragment => ({
  __typename: "SyncRun",
  id,
  kind: "FULL",
  status: "SUCCEEDED",
  phase: "CUSTOMERS",
  phases: [
    { __typename: "SyncPhaseProgress", phase: "PARTNERS", done: 14, total: 14 },
    { __typename: "SyncPhaseProgress", phase: "CUSTOMERS", done: 161, total: 161 },
  ],
  changed: 0,
  calls: 811,
  retries: 3,
  throttled: 2,
  startedAt: "2026-12-02T09:00:00.000Z",
  finishedAt: "2026-12-02T09:00:36.000Z",
  error: null,
  resumeFrom: null,
  ...extra,
});

const listMock = (nodes: SettingsSyncRunRowFragment[], maxUsageCount = 1) => ({
  request: { query: SettingsSyncRunsDocument, variables: { first: 10 } },
  result: { data: { syncRuns: { __typename: "SyncRunConnection", nodes } } },
  maxUsageCount,
});

describe("Settings → Partner Center sync", () => {
  it("shows the last runs with their progress, calls and failures with the resume point", async () => {
    renderView(<SyncView />, {
      url: "/settings/partner-center-sync",
      mocks: [
        listMock([
          run("r2", {
            status: "FAILED",
            error: "customer 40/161 (…): Partner Center answered HTTP 503",
            resumeFrom: "0b1c",
            phases: [{ __typename: "SyncPhaseProgress", phase: "CUSTOMERS", done: 39, total: 161 }],
          }),
          run("r1"),
        ]),
      ],
    });
    const failed = await screen.findByTestId("sync-run-r2");
    expect(failed).toHaveTextContent("Failed");
    expect(failed).toHaveTextContent("Customers 39/161");
    expect(failed).toHaveTextContent("HTTP 503");
    expect(failed).toHaveTextContent("Resume point: customer 0b1c");
    expect(screen.getByTestId("sync-run-r1")).toHaveTextContent("811 (3, 2)");
    expect(screen.getByRole("button", { name: "Resume the failed sync" })).toBeEnabled();
    expect(screen.getByRole("button", { name: "Start full sync" })).toBeEnabled();
  });

  it("polls every 2 s while a run is RUNNING, until it finishes", async () => {
    const running = run("r3", {
      status: "RUNNING",
      finishedAt: null,
      phases: [{ __typename: "SyncPhaseProgress", phase: "CUSTOMERS", done: 20, total: 161 }],
    });
    renderView(<SyncView />, {
      url: "/settings/partner-center-sync",
      mocks: [listMock([running]), listMock([run("r3")], 5)],
    });
    expect(await screen.findByTestId("sync-run-r3")).toHaveTextContent("Customers 20/161");
    expect(screen.getByRole("button", { name: "Start full sync" })).toBeDisabled();
    await waitFor(() => expect(screen.getByTestId("sync-run-r3")).toHaveTextContent("Succeeded"), { timeout: 4000 });
    expect(screen.getByTestId("sync-run-r3")).toHaveTextContent("Customers 161/161");
  });

  it("says why a start is refused (the sandbox has nothing to sync)", async () => {
    const u = userEvent.setup();
    renderView(<SyncView />, {
      url: "/settings/partner-center-sync",
      mocks: [
        listMock([]),
        {
          request: { query: SettingsStartSyncDocument, variables: { input: { resume: false } } },
          result: {
            data: {
              startSync: {
                __typename: "StartSyncPayload",
                syncRun: null,
                userErrors: [userError(null, "There is nothing to sync: … (UPSTREAM=sandbox) …", "INVALID_STATE")],
              },
            },
          },
        },
      ],
    });
    expect(await screen.findByText("No sync has run yet.")).toBeInTheDocument();
    await u.click(screen.getByRole("button", { name: "Start full sync" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("nothing to sync");
  });

  it("offers no Start button to a role that may not start one, and no page to one that may not see it", async () => {
    const { unmount } = renderView(<SyncView />, {
      url: "/settings/partner-center-sync",
      viewer: { ...makeViewer(), permissions: { ...makeViewer().permissions, canStartSync: false } },
      mocks: [listMock([run("r1")])],
    });
    await screen.findByTestId("sync-run-r1");
    expect(screen.queryByRole("button", { name: "Start full sync" })).not.toBeInTheDocument();
    unmount();
    renderView(<SyncView />, { url: "/settings/partner-center-sync", viewer: makeViewer({ role: "HELPDESK_AGENT" }) });
    expect(screen.getByText(/cannot see the Partner Center sync/)).toBeInTheDocument();
  });
});
