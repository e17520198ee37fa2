import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { LiveEventsDocument, ShellOpenRequestsDocument, ViewerDocument } from "../../../graphql/generated";
import { AuthProvider } from "../../../lib/auth";
import { makeViewer, renderView } from "../../../testing/harness";
import { Layout } from "../Layout";

// The navigation's request badge follows live events: a PROVIDER_REQUEST_OPENED event refetches its count, with
// no polling and no navigation.

const openRequests = (totalCount: number) => ({
  request: { query: ShellOpenRequestsDocument },
  result: { data: { providerRequests: { __typename: "ProviderRequestConnection", totalCount } } },
});

describe("live request badge", () => {
  it("shows the new count when a provider request is opened", async () => {
    renderView(
      <AuthProvider>
        <Layout />
      </AuthProvider>,
      {
        mocks: [
          { request: { query: ViewerDocument }, result: { data: { viewer: makeViewer() } } },
          openRequests(1),
          {
            request: { query: LiveEventsDocument },
            delay: 100,
            result: {
              data: {
                events: {
                  __typename: "LiveEvent",
                  id: "7",
                  type: "PROVIDER_REQUEST_OPENED",
                  subjectId: "UHJvdmlkZXJSZXF1ZXN0Ong",
                },
              },
            },
          },
          openRequests(3),
        ],
      },
    );
    expect(await screen.findByText("(1 open)", { exact: false })).toBeInTheDocument();
    expect(await screen.findByText("(3 open)", { exact: false }, { timeout: 3000 })).toBeInTheDocument();
  });
});
