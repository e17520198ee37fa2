import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { GlobalSearchDocument, type GlobalSearchQuery } from "../../../graphql/generated";
import { renderView } from "../../../testing/harness";
import { GlobalSearch } from "../GlobalSearch";

const RESULT: GlobalSearchQuery = {
  search: {
    __typename: "SearchResults",
    customers: [{ __typename: "Customer", id: "Q3VzdG9tZXI6MQ", name: "Contoso Ltd.", domain: "contoso.example" }],
    subscriptions: [
      {
        __typename: "CustomerSubscription",
        id: "Q3VzdG9tZXJTdWJzY3JpcHRpb246MQ",
        offerName: "Contoso Analytics",
        status: "ACTIVE",
        customer: { __typename: "Customer", id: "Q3VzdG9tZXI6Mg", name: "Fabrikam" },
      },
    ],
  },
};

const mock = (query: string, data: GlobalSearchQuery = RESULT) => ({
  request: { query: GlobalSearchDocument, variables: { query, first: 5 } },
  result: { data },
  maxUsageCount: 5,
});

function renderSearch(mocks = [mock("conto")], locale: "en" | "pt-PT" = "en") {
  return renderView(
    <>
      <button type="button">elsewhere</button>
      <GlobalSearch />
    </>,
    { url: "/", mocks, locale },
  );
}

describe("GlobalSearch", () => {
  it("'/' opens the box; results are links grouped by kind; arrows move, Enter opens one", async () => {
    renderSearch();
    const toggle = screen.getByRole("button", { name: "Search customers and subscriptions" });
    expect(toggle).toHaveAttribute("aria-expanded", "false");
    expect(screen.queryByRole("searchbox")).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "elsewhere" }));
    await userEvent.keyboard("/");
    const box = screen.getByRole("searchbox", { name: "Search customers and subscriptions" });
    await waitFor(() => expect(box).toHaveFocus());
    expect(toggle).toHaveAttribute("aria-expanded", "true");
    expect(box).toHaveValue("");

    await userEvent.type(box, "conto");
    const panel = screen.getByRole("search");
    const customers = await within(panel).findByRole("region", { name: "Customers" });
    expect(within(customers).getByRole("link", { name: /Contoso Ltd\./ })).toHaveAttribute(
      "href",
      "/customers/Q3VzdG9tZXI6MQ",
    );
    const subscriptions = within(panel).getByRole("region", { name: "Subscriptions" });
    const subLink = within(subscriptions).getByRole("link", { name: /Contoso Analytics Fabrikam · Active/ });
    expect(within(panel).getByRole("status")).toHaveTextContent("1 customer, 1 subscription.");

    await userEvent.keyboard("{ArrowDown}");
    expect(within(customers).getByRole("link")).toHaveFocus();
    await userEvent.keyboard("{ArrowDown}");
    expect(subLink).toHaveFocus();
    await userEvent.keyboard("{ArrowUp}{ArrowUp}");
    expect(box).toHaveFocus();
    await userEvent.keyboard("{ArrowDown}{ArrowDown}{Enter}");
    await waitFor(() =>
      expect(screen.getByTestId("location")).toHaveTextContent("/subscriptions/Q3VzdG9tZXJTdWJzY3JpcHRpb246MQ"),
    );
    expect(box).not.toBeVisible();
  });

  it("Escape closes the panel and returns to the button; typing '/' in the box is a character", async () => {
    renderSearch([
      mock("conto"),
      mock("conto/", { search: { __typename: "SearchResults", customers: [], subscriptions: [] } }),
    ]);
    const toggle = screen.getByRole("button", { name: "Search customers and subscriptions" });
    await userEvent.click(toggle);
    const box = screen.getByRole("searchbox");
    await userEvent.type(box, "conto");
    await screen.findByRole("link", { name: /Contoso Ltd\./ });
    await userEvent.keyboard("{ArrowDown}{Escape}");
    expect(toggle).toHaveFocus();
    expect(box).not.toBeVisible();
    expect(toggle).toHaveAttribute("aria-expanded", "false");

    await userEvent.click(toggle);
    await waitFor(() => expect(box).toHaveFocus());
    expect(box).toHaveValue("conto");
    await userEvent.type(box, "/");
    expect(box).toHaveValue("conto/");
    expect(await screen.findByText("Nothing in your network matches “conto/”.")).toBeVisible();
  });

  it("asks nothing for fewer than 2 characters", async () => {
    renderSearch([]);
    await userEvent.click(screen.getByRole("button", { name: "Search customers and subscriptions" }));
    await userEvent.type(screen.getByRole("searchbox"), "c");
    expect(screen.getByRole("status")).toHaveTextContent("Type at least 2 characters.");
  });

  it("speaks Portuguese", async () => {
    renderSearch([mock("conto")], "pt-PT");
    await userEvent.click(screen.getByRole("button", { name: "Pesquisar clientes e subscrições" }));
    const box = screen.getByRole("searchbox", { name: "Pesquisar clientes e subscrições" });
    await userEvent.type(box, "conto");
    expect(await screen.findByRole("region", { name: "Clientes" })).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("1 cliente, 1 subscrição.");
    expect(screen.getByRole("link", { name: /Contoso Analytics Fabrikam · Ativa/ })).toBeInTheDocument();
  });
});
