import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderView } from "../../testing/harness";
import { FormErrors, FormField } from "../FormField";
import { EligibilityBadge, ReasonList } from "../Reasons";
import { errorsByField } from "../../lib/user-errors";

const decision = {
  eligible: false,
  blocking: [
    {
      code: "LEGACY_LICENSE_NOT_TRANSFERABLE",
      ruleId: "R11b",
      message: "Legacy licenses cannot move.",
      source: "https://learn.microsoft.com/en-us/partner-center/customers/transfer-subscriptions",
      sourceTitle: "Transfer subscriptions between partners",
    },
  ],
  advisories: [
    { code: "NON_CSP_CHANNEL_REQUIRES_REPROVISION", ruleId: "R7a", message: "Reprovision to take it over." },
  ],
};

describe("FormField", () => {
  it("links the label and the server errors to the control", () => {
    renderView(
      <FormField
        label="Domain"
        errors={[{ field: ["input", "domain"], message: "Already exists", code: "ALREADY_EXISTS", ruleId: null }]}
      >
        <input />
      </FormField>,
    );
    const input = screen.getByLabelText("Domain");
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(input).toHaveAccessibleDescription("Already exists");
  });

  it("shows errors without a field at the top of a form", () => {
    renderView(
      <FormErrors
        errors={[
          { field: null, message: "Ask your provider", code: "INDIRECT_RESELLER_MUST_USE_PROVIDER", ruleId: "R22" },
        ]}
      />,
    );
    expect(screen.getByRole("alert")).toHaveTextContent("Ask your provider (R22)");
  });
});

describe("errorsByField", () => {
  it("groups by the path after input", () => {
    const grouped = errorsByField([
      { field: ["input", "subscriptionIds", "2"], message: "a", code: "X", ruleId: null },
      { field: null, message: "b", code: "Y", ruleId: null },
    ]);
    expect(Object.keys(grouped).sort()).toEqual(["", "subscriptionIds.2"]);
  });
});

describe("eligibility", () => {
  it("spells out every reason in words with its rule and source, never its code as text", () => {
    renderView(
      <>
        <EligibilityBadge decision={decision} />
        <ReasonList decision={decision} />
      </>,
    );
    expect(screen.getByText(/Not allowed/)).toBeInTheDocument();
    const items = screen.getAllByRole("listitem");
    expect(items[0]).toHaveTextContent(
      "Legacy licenses cannot move. (Rule R11b · Source: Transfer subscriptions between partners)",
    );
    expect(items[0]).not.toHaveTextContent("LEGACY_LICENSE_NOT_TRANSFERABLE");
    expect(items[0]).toHaveAttribute("data-code", "LEGACY_LICENSE_NOT_TRANSFERABLE");
    const link = within(items[0]!).getByRole("link", { name: "Transfer subscriptions between partners" });
    expect(link).toHaveAttribute(
      "href",
      "https://learn.microsoft.com/en-us/partner-center/customers/transfer-subscriptions",
    );
    expect(items[1]).toHaveTextContent(/^Note: .*\(Rule R7a\)$/);
    // A reason without a source (R7a here) shows no link.
    expect(within(items[1]!).queryByRole("link")).toBeNull();
  });

  it("falls back to the address when a reason has no source title", () => {
    const url = "https://learn.microsoft.com/en-us/partner-center/multichannel";
    renderView(
      <ReasonList
        decision={{
          ...decision,
          blocking: [{ ...decision.blocking[0]!, source: url, sourceTitle: undefined }],
          advisories: [],
        }}
      />,
      { locale: "pt-PT" },
    );
    expect(screen.getByRole("listitem")).toHaveTextContent(`(Regra R11b · Fonte: ${url})`);
    expect(screen.getByRole("link", { name: url })).toHaveAttribute("href", url);
  });

  it("speaks Portuguese when asked", () => {
    renderView(<EligibilityBadge decision={{ ...decision, eligible: true, blocking: [] }} />, { locale: "pt-PT" });
    expect(screen.getByText(/Permitido/)).toBeInTheDocument();
  });
});
