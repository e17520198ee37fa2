import { useState, type FormEvent } from "react";
import { screen, waitFor } from "@testing-library/react";
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
    renderView(<NameForm call={() => Promise.reject(new Error("Failed to fetch"))} />);
    await user.type(screen.getByLabelText("Name"), "Contoso");
    await user.click(screen.getByRole("button", { name: "Save" }));
    const errors = await screen.findByText("Failed to fetch");
    expect(errors).toHaveAttribute("data-code", REQUEST_FAILED);
    const list = errors.closest(".form-errors") as HTMLElement;
    await waitFor(() => expect(list).toHaveFocus());
    expect(screen.getByLabelText("Name")).not.toHaveAttribute("aria-invalid");
    expect(screen.getByRole("button", { name: "Save" })).toBeEnabled();
  });
});

describe("runMutation", () => {
  it("answers the payload when it has no userErrors, its userErrors otherwise, and one error when it throws", async () => {
    expect(await runMutation(async () => ok("A"))).toEqual({ done: ok("A"), errors: [] });
    const refused = { userErrors: [fieldError("name", "Bad")], name: null };
    expect(await runMutation(async () => refused)).toEqual({ done: null, errors: refused.userErrors });
    const thrown = await runMutation<Payload>(() => Promise.reject(new Error("FORBIDDEN")));
    expect(thrown.done).toBeNull();
    expect(thrown.errors).toEqual([{ field: null, message: "FORBIDDEN", code: REQUEST_FAILED, ruleId: null }]);
  });
});
