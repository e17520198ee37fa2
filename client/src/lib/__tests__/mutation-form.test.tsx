import { useState, type FormEvent } from "react";
import { screen, waitFor, within } from "@testing-library/react";
import { CombinedGraphQLErrors, ServerError } from "@apollo/client/errors";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { FormErrors, FormField } from "../../components/FormField";
import { renderView } from "../../testing/harness";
import { REQUEST_FAILED, runMutation } from "../graphql";
import { useMutationForm } from "../mutation-form";
import { fieldError, formErrors, type UserErrorLike } from "../user-errors";

type Payload = { userErrors: UserErrorLike[]; name: string | null };

/** A two-field form over a fake mutation: `call` answers (or throws) as the test says. */
function NameForm({ call }: { call(name: string): Promise<Payload> }) {
  const form = useMutationForm();
  const [name, setName] = useState("");
  const [saved, setSaved] = useState<string | null>(null);
  const { byField, general } = formErrors(form.errors, ["name", "note"]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const payload = await form.submit(() => call(name), {
      validate: () => (name ? [] : [fieldError("name", "Required")]),
    });
    if (payload) setSaved(payload.name);
  }

  return (
    <form id={form.id} onSubmit={(e) => void submit(e)} noValidate>
      <FormErrors errors={general} />
      <FormField label="Note" errors={byField.note}>
        <input />
      </FormField>
      <FormField label="Name" errors={byField.name}>
        <input value={name} onChange={(e) => setName(e.target.value)} />
      </FormField>
      <button type="submit" disabled={form.pending}>
        {form.pending ? "Saving…" : "Save"}
      </button>
      {saved && <p role="status">Saved {saved}</p>}
    </form>
  );
}

const ok = (name: string): Payload => ({ userErrors: [], name });

describe("useMutationForm", () => {
  it("checks before sending: the local error is on its field, which gets the focus, and nothing is sent", async () => {
    const user = userEvent.setup();
    let calls = 0;
    renderView(<NameForm call={async (name) => (calls++, ok(name))} />);
    await user.click(screen.getByRole("button", { name: "Save" }));
    const field = screen.getByLabelText("Name");
    expect(field).toHaveAttribute("aria-invalid", "true");
    expect(field).toHaveAccessibleDescription("Required");
    await waitFor(() => expect(field).toHaveFocus());
    expect(calls).toBe(0);
  });

  it("shows the pending state while the mutation runs, then the payload on success", async () => {
    const user = userEvent.setup();
    let answer!: (p: Payload) => void;
    renderView(<NameForm call={() => new Promise<Payload>((resolve) => (answer = resolve))} />);
    await user.type(screen.getByLabelText("Name"), "Contoso");
    await user.click(screen.getByRole("button", { name: "Save" }));
    expect(screen.getByRole("button", { name: "Saving…" })).toBeDisabled();
    answer(ok("Contoso"));
    expect(await screen.findByRole("status")).toHaveTextContent("Saved Contoso");
    expect(screen.getByRole("button", { name: "Save" })).toBeEnabled();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("maps the payload's userErrors to the fields and focuses the first invalid one; others go on top", async () => {
    const user = userEvent.setup();
    const refused: Payload = {
      name: null,
      userErrors: [
        { field: ["input", "name"], message: "Already taken", code: "ALREADY_EXISTS", ruleId: null },
        { field: null, message: "Ask your provider", code: "INDIRECT_RESELLER_MUST_USE_PROVIDER", ruleId: "R22" },
      ],
    };
    renderView(<NameForm call={async () => refused} />);
    await user.type(screen.getByLabelText("Name"), "Contoso");
    await user.click(screen.getByRole("button", { name: "Save" }));
    const field = screen.getByLabelText("Name");
    await waitFor(() => expect(field).toHaveFocus());
    expect(field).toHaveAccessibleDescription("Already taken");
    expect(screen.getByLabelText("Note")).not.toHaveAttribute("aria-invalid");
    expect(screen.getByText("Ask your provider (R22)").closest(".form-errors")).not.toBeNull();
    expect(screen.queryByRole("status")).not.toBeInTheDocument();
  });

  it("turns a thrown error (network, FORBIDDEN…) into one form-level error, focused", async () => {
    const user = userEvent.setup();
    renderView(<NameForm call={() => Promise.reject(new TypeError("Failed to fetch"))} />);
    await user.type(screen.getByLabelText("Name"), "Contoso");
    await user.click(screen.getByRole("button", { name: "Save" }));
    // In people's words, not the browser's ("Failed to fetch").
    const errors = await screen.findByText("Cannot reach the server. Check your connection, then try again.");
    expect(errors).toHaveAttribute("data-code", REQUEST_FAILED);
    const list = errors.closest(".form-errors") as HTMLElement;
    await waitFor(() => expect(list).toHaveFocus());
    expect(screen.getByLabelText("Name")).not.toHaveAttribute("aria-invalid");
    expect(screen.getByRole("button", { name: "Save" })).toBeEnabled();
  });

  it("offers to try again after a 503 and sends the form again", async () => {
    const user = userEvent.setup();
    let calls = 0;
    const unavailable = new ServerError("Response not successful: Received status code 503", {
      response: new Response("", { status: 503 }),
      bodyText: "",
    });
    renderView(<NameForm call={async (name) => (++calls === 1 ? Promise.reject(unavailable) : ok(name))} />);
    await user.type(screen.getByLabelText("Name"), "Contoso");
    await user.click(screen.getByRole("button", { name: "Save" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("The service is not available at the moment");
    expect(alert).not.toHaveTextContent("503");
    await user.click(within(alert).getByRole("button", { name: "Try again" }));
    expect(await screen.findByRole("status")).toHaveTextContent("Saved Contoso");
    expect(calls).toBe(2);
  });

  it("does not offer to try again after a refusal of the role (FORBIDDEN)", async () => {
    const user = userEvent.setup();
    const forbidden = new CombinedGraphQLErrors({
      errors: [{ message: "Forbidden", extensions: { code: "FORBIDDEN" } }],
    });
    renderView(<NameForm call={() => Promise.reject(forbidden)} />);
    await user.type(screen.getByLabelText("Name"), "Contoso");
    await user.click(screen.getByRole("button", { name: "Save" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Your role does not allow this.");
    expect(within(alert).queryByRole("button")).not.toBeInTheDocument();
  });

  it("announces field errors without an alert list: a live region that describes the field", async () => {
    const user = userEvent.setup();
    renderView(<NameForm call={async (name) => ok(name)} />);
    await user.click(screen.getByRole("button", { name: "Save" }));
    const field = screen.getByLabelText("Name");
    const described = document.getElementById(field.getAttribute("aria-describedby")!)!;
    expect(described).toHaveAttribute("aria-live", "polite");
    expect(described).toHaveTextContent("Required");
    expect(described.querySelector("ul, li")).toBeNull();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });
});

describe("runMutation", () => {
  it("answers the payload when it has no userErrors, its userErrors otherwise, and one error when it throws", async () => {
    expect(await runMutation(async () => ok("A"))).toEqual({ done: ok("A"), errors: [] });
    const refused = { userErrors: [fieldError("name", "Bad")], name: null };
    expect(await runMutation(async () => refused)).toEqual({ done: null, errors: refused.userErrors });
    const thrown = await runMutation<Payload>(() => Promise.reject(new Error("FORBIDDEN")));
    expect(thrown.done).toBeNull();
    expect(thrown.errors).toEqual([
      { field: null, message: "FORBIDDEN", code: REQUEST_FAILED, ruleId: null, retryable: false },
    ]);
  });
});
