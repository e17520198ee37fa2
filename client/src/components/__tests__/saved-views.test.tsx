import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  SavedViewCreateDocument,
  SavedViewDeleteDocument,
  SavedViewsDocument,
  SavedViewUpdateDocument,
  type SavedViewFieldsFragment,
} from "../../graphql/generated";
import { makeViewer, renderView, userError } from "../../testing/harness";
import { filterQuery, SavedViews } from "../SavedViews";

const KEYS = ["status", "search", "reseller"];

const view = (id: string, name: string, filter: string, orderBy: string | null): SavedViewFieldsFragment => ({
  __typename: "SavedView",
  id,
  name,
  list: "SUBSCRIPTIONS",
  filter,
  orderBy,
});

const ending = view("U2F2ZWRWaWV3OjE", "Ending soon", "status=ACTIVE&search=teams", "TERM_END:ASC");
const listed = (views: SavedViewFieldsFragment[]) => ({
  request: { query: SavedViewsDocument, variables: { list: "SUBSCRIPTIONS" } },
  result: { data: { savedViews: views } },
});
const payload = (field: string, saved: SavedViewFieldsFragment | null, errors: unknown[] = []) => ({
  data: { [field]: { __typename: "SavedViewPayload", savedView: saved, userErrors: errors } },
});

const render = (url: string, mocks: unknown[], viewer = makeViewer()) =>
  renderView(<SavedViews list="SUBSCRIPTIONS" filterKeys={KEYS} canSave={viewer.permissions.canOrder} />, {
    url,
    mocks: mocks as never,
    viewer,
  });

describe("filterQuery", () => {
  it("keeps the list's filter keys only, dropping paging, sort and empty values", () => {
    const search = new URLSearchParams("status=ACTIVE&after=abc&sort=TERM_END:ASC&page=3&search=&reseller=r1&panel=x");
    expect(filterQuery(search, KEYS)).toBe("status=ACTIVE&reseller=r1");
  });
});

describe("SavedViews", () => {
  it("saves the current filter and sort under a name", async () => {
    const user = userEvent.setup();
    const saved = view("U2F2ZWRWaWV3OjI", "Teams", "status=ACTIVE&search=teams", "OFFER_NAME:DESC");
    render("/subscriptions?status=ACTIVE&search=teams&sort=OFFER_NAME:DESC&after=xyz&page=2", [
      listed([]),
      {
        request: {
          query: SavedViewCreateDocument,
          variables: {
            input: {
              list: "SUBSCRIPTIONS",
              name: "Teams",
              filter: "status=ACTIVE&search=teams",
              orderBy: "OFFER_NAME:DESC",
            },
          },
        },
        result: payload("createSavedView", saved),
      },
      listed([saved]),
    ]);
    await user.click(await screen.findByRole("button", { name: "Save as view…" }));
    await user.type(screen.getByLabelText("Name of this view"), "Teams");
    await user.click(screen.getByRole("button", { name: "Save view" }));
    expect(await screen.findByText("Saved “Teams”.")).toBeInTheDocument();
    // The list is refetched and the view matching the URL shows as the open one.
    await waitFor(() => expect(screen.getByLabelText("Open a saved view")).toHaveDisplayValue("Teams"));
  });

  it("asks for a name before sending, and shows the server's refusal beside the field", async () => {
    const user = userEvent.setup();
    render("/subscriptions?status=ACTIVE", [
      listed([ending]),
      {
        request: {
          query: SavedViewCreateDocument,
          variables: { input: { list: "SUBSCRIPTIONS", name: "Ending soon", filter: "status=ACTIVE", orderBy: null } },
        },
        result: payload("createSavedView", null, [
          userError("name", "You already have a view with this name.", "ALREADY_EXISTS"),
        ]),
      },
    ]);
    await user.click(await screen.findByRole("button", { name: "Save as view…" }));
    await user.click(screen.getByRole("button", { name: "Save view" }));
    expect(await screen.findByText("Give the view a name.")).toBeInTheDocument();
    await user.type(screen.getByLabelText("Name of this view"), "Ending soon");
    await user.click(screen.getByRole("button", { name: "Save view" }));
    expect(await screen.findByText("You already have a view with this name.")).toBeInTheDocument();
    expect(screen.getByLabelText("Name of this view")).toHaveAttribute("aria-invalid", "true");
  });

  it("opens a view: its filter and sort replace the URL, on the first page", async () => {
    const user = userEvent.setup();
    render("/subscriptions?search=old&after=c1&page=4", [listed([ending])]);
    await screen.findByRole("option", { name: "Ending soon" });
    await user.selectOptions(screen.getByLabelText("Open a saved view"), "Ending soon");
    await waitFor(() =>
      expect(screen.getByTestId("location")).toHaveTextContent(
        "/subscriptions?status=ACTIVE&search=teams&sort=TERM_END%3AASC",
      ),
    );
  });

  it("renames and deletes the open view", async () => {
    const user = userEvent.setup();
    const renamed = { ...ending, name: "Teams ending" };
    render("/subscriptions?status=ACTIVE&search=teams&sort=TERM_END:ASC", [
      listed([ending]),
      {
        request: { query: SavedViewUpdateDocument, variables: { input: { id: ending.id, name: "Teams ending" } } },
        result: payload("updateSavedView", renamed),
      },
      listed([renamed]),
      {
        request: { query: SavedViewDeleteDocument, variables: { input: { id: ending.id } } },
        result: {
          data: { deleteSavedView: { __typename: "DeleteSavedViewPayload", deletedId: ending.id, userErrors: [] } },
        },
      },
      listed([]),
    ]);
    await waitFor(() => expect(screen.getByLabelText("Open a saved view")).toHaveDisplayValue("Ending soon"));
    await user.click(screen.getByRole("button", { name: "Rename view" }));
    const name = screen.getByLabelText("Name of this view");
    expect(name).toHaveValue("Ending soon");
    await user.clear(name);
    await user.type(name, "Teams ending");
    await user.click(screen.getByRole("button", { name: "Rename" }));
    expect(await screen.findByText("Renamed to “Teams ending”.")).toBeInTheDocument();

    await user.click(await screen.findByRole("button", { name: "Delete view Teams ending" }));
    expect(screen.getByText(/Delete the view “Teams ending”\?/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Delete view" }));
    expect(await screen.findByText("Deleted “Teams ending”.")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByLabelText("Open a saved view")).toBeDisabled());
  });

  it("lets a read-only role open its views but not save, rename or delete", async () => {
    render(
      "/subscriptions?status=ACTIVE&search=teams&sort=TERM_END:ASC",
      [listed([ending])],
      makeViewer({ role: "HELPDESK_AGENT" }),
    );
    await waitFor(() => expect(screen.getByLabelText("Open a saved view")).toHaveDisplayValue("Ending soon"));
    expect(screen.queryByRole("button", { name: "Save as view…" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Rename view" })).not.toBeInTheDocument();
  });

  it("speaks Portuguese", async () => {
    renderView(<SavedViews list="SUBSCRIPTIONS" filterKeys={KEYS} canSave />, {
      url: "/subscriptions",
      mocks: [listed([])] as never,
      locale: "pt-PT",
    });
    expect(await screen.findByRole("button", { name: "Guardar como vista…" })).toBeInTheDocument();
    expect(screen.getByLabelText("Abrir uma vista guardada")).toBeInTheDocument();
  });
});
