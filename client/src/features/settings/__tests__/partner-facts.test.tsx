import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  OwnPartnerFactsDocument,
  RecordPartnerFactsDocument,
  type PartnerFactsFieldsFragment,
} from "../../../graphql/generated";
import { makeViewer, renderView, userError } from "../../../testing/harness";
import { PartnerFactsView } from "../PartnerFactsView";
import { SettingsNav } from "../SettingsNav";

const viewer = makeViewer();
const own = (extra: Partial<PartnerFactsFieldsFragment> = {}): PartnerFactsFieldsFragment => ({
  __typename: "Partner",
  id: viewer.partner.id,
  name: "Trey Research",
  types: ["INDIRECT_PROVIDER"],
  canTransact: true,
  programStatus: "ACTIVE",
  mpaSigned: true,
  recordedFacts: [],
  factProvenance: [],
  ...extra,
});

const ownMock = (partner = own()) => ({
  request: { query: OwnPartnerFactsDocument },
  result: { data: { viewer: { __typename: "Viewer", partner } } },
});

const recordMock = (
  input: Record<string, unknown>,
  partner: PartnerFactsFieldsFragment | null,
  errors: ReturnType<typeof userError>[] = [],
) => ({
  request: { query: RecordPartnerFactsDocument, variables: { input: { partnerId: viewer.partner.id, ...input } } },
  result: {
    data: { recordPartnerFacts: { __typename: "PartnerFactsPayload", partner, userErrors: errors } },
  },
});

const URL = "/settings/partner-facts";
/** A fact's value on the page (its <dd>), by the fact's term. */
const fact = (term: string) => screen.getByText(term, { selector: "dt" }).nextElementSibling;

describe("Settings → Partner facts", () => {
  it("shows the home partner's facts, records the two changed, then shows who recorded each and when", async () => {
    const user = userEvent.setup();
    const at = "2026-12-02T10:00:00.000Z";
    const recorded = own({
      programStatus: "SUSPENDED",
      mpaSigned: false,
      recordedFacts: ["PROGRAM_STATUS", "MPA_SIGNED"],
      factProvenance: (["PROGRAM_STATUS", "MPA_SIGNED"] as const).map((f) => ({
        __typename: "RecordedPartnerFact" as const,
        fact: f,
        recordedAt: at,
        recordedBy: "YOUR_ORGANIZATION" as const,
      })),
    });
    renderView(<PartnerFactsView />, {
      url: URL,
      viewer,
      // The advisor-only standing was not changed: it is not sent, so it keeps its (absent) record.
      mocks: [ownMock(), recordMock({ programStatus: "SUSPENDED", mpaSigned: false }, recorded)],
    });
    expect(await screen.findByRole("heading", { level: 1, name: "Partner facts" })).toBeInTheDocument();
    await waitFor(() => expect(fact("CSP program status")).toHaveTextContent("Active"));
    expect(fact("Microsoft Partner Agreement signed")).toHaveTextContent("Yes");
    expect(screen.getByText(/^Never recorded in channelgate/)).toBeInTheDocument();

    const open = screen.getByRole("button", { name: "Record facts" });
    await user.click(open);
    const form = screen.getByRole("form", { name: "Record Trey Research's facts" });
    await user.selectOptions(within(form).getByRole("combobox", { name: "CSP program status" }), "SUSPENDED");
    await user.click(within(form).getByRole("checkbox", { name: "Microsoft Partner Agreement signed" }));
    await user.click(within(form).getByRole("button", { name: "Record" }));

    expect(await screen.findByText("Trey Research's facts were recorded.")).toBeInTheDocument();
    // The form's open state is in the URL (?record=1): it closes once the router has applied the change.
    await waitFor(() => expect(screen.queryByRole("form")).not.toBeInTheDocument());
    expect(fact("CSP program status")).toHaveTextContent(/^Suspended · recorded in channelgate/);
    expect(fact("Microsoft Partner Agreement signed")).toHaveTextContent(/^No · recorded in channelgate/);
    expect(screen.getByText(/^CSP program status: Recorded by your organization on /)).toBeInTheDocument();
    expect(
      screen.getByText(/^Microsoft Partner Agreement signed: Recorded by your organization on /),
    ).toBeInTheDocument();
    expect(fact("Advisor program only (does not transact in CSP)")).toHaveTextContent(/^Transacts in CSP$/);
    // FormPanel gives the focus back in its effect's cleanup, which React runs after the commit.
    await waitFor(() => expect(open).toHaveFocus());
  });

  it("shows a refused fact's error beside its field, focused, and records nothing; Escape closes the form", async () => {
    const user = userEvent.setup();
    renderView(<PartnerFactsView />, {
      url: URL,
      viewer,
      mocks: [
        ownMock(),
        recordMock({ advisorOnly: true }, null, [
          userError(
            "advisorOnly",
            "Partner Center lists this partner with indirect providers or resellers: it transacts in CSP.",
            "INVALID_STATE",
          ),
        ]),
      ],
    });
    // The button waits for the partner's current facts (the form starts from them).
    await screen.findByText(/^Never recorded in channelgate/);
    await user.click(screen.getByRole("button", { name: "Record facts" }));
    const advisor = screen.getByRole("checkbox", { name: "Advisor program only (does not transact in CSP)" });
    await user.click(advisor);
    await user.click(screen.getByRole("button", { name: "Record" }));
    await waitFor(() => expect(advisor).toHaveAttribute("aria-invalid", "true"));
    expect(advisor).toHaveAccessibleDescription(/it transacts in CSP/);
    expect(advisor).toHaveFocus();
    expect(screen.getByRole("combobox", { name: "CSP program status" })).not.toHaveAttribute("aria-invalid");
    expect(fact("Advisor program only (does not transact in CSP)")).toHaveTextContent("Transacts in CSP");
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("form")).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("button", { name: "Record facts" })).toHaveFocus());
  });

  it("sends nothing when no fact changed, and says so", async () => {
    const user = userEvent.setup();
    // No mutation mock: a request would fail the test's MockedProvider.
    renderView(<PartnerFactsView />, { url: URL, viewer, mocks: [ownMock()] });
    await screen.findByText(/^Never recorded in channelgate/);
    await user.click(screen.getByRole("button", { name: "Record facts" }));
    await user.click(screen.getByRole("button", { name: "Record" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Nothing changed: change a fact to record it.");
    expect(screen.getByRole("form")).toBeInTheDocument();
    expect(screen.queryByText(/facts were recorded/)).not.toBeInTheDocument();
  });

  it("another role sees why not, no form and no tab (the server refuses it FORBIDDEN anyway)", async () => {
    const admin = makeViewer({ role: "ADMIN_AGENT" });
    renderView(<PartnerFactsView />, { url: URL, viewer: admin, mocks: [ownMock()] });
    expect(screen.getByRole("heading", { level: 1, name: "Partner facts" })).toBeInTheDocument();
    expect(
      screen.getByText("Your role (Admin agent) cannot record partner facts. A global admin can."),
    ).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Record facts" })).not.toBeInTheDocument();
  });

  it("is a settings tab for a global admin only", () => {
    const { unmount } = renderView(<SettingsNav />, { viewer });
    expect(screen.getByRole("link", { name: "Partner facts" })).toHaveAttribute("href", URL);
    // Every tab has its name without its own screen's messages loaded (Webhooks' showed its key, settings.webhooks).
    expect(screen.getByRole("link", { name: "Webhooks" })).toBeInTheDocument();
    unmount();
    renderView(<SettingsNav />, { viewer: makeViewer({ role: "ADMIN_AGENT" }) });
    expect(screen.queryByRole("link", { name: "Partner facts" })).not.toBeInTheDocument();
  });

  it("is in Portuguese too", async () => {
    renderView(<PartnerFactsView />, { url: URL, viewer, mocks: [ownMock()], locale: "pt-PT" });
    expect(await screen.findByRole("heading", { level: 1, name: "Factos do parceiro" })).toBeInTheDocument();
    expect(await screen.findByText(/^Nunca registado no channelgate/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Registar factos" })).toBeInTheDocument();
  });
});
