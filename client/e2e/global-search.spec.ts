import { DEMO, expect, screenshot, test } from "./fixtures";

// The header's global search on the seeded demo network, at 1280 px and on a phone (390 px), with the keyboard:
// "/" opens it, arrows move through the results, Enter opens one; Escape closes it. A reseller never finds another
// reseller's customer.

test("the provider finds a customer and a subscription from the header, with the keyboard", async ({
  asProvider: page,
  graphqlAs,
}) => {
  const { customers } = await graphqlAs<{ customers: { nodes: { id: string; name: string }[] } }>(
    DEMO.provider,
    `{ customers(filter: { search: "Contoso Ltd" }, first: 5) { nodes { id name } } }`,
  );
  const contoso = customers.nodes.find((c) => c.name.startsWith("Contoso Ltd"))!;

  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/subscriptions");
  await expect(page.getByRole("heading", { level: 1, name: "Subscriptions" })).toBeVisible();
  // The header keeps one row at 1280 px with the search button.
  expect((await page.locator("header.topbar").boundingBox())!.height).toBeLessThan(64);

  await page.keyboard.press("/");
  const box = page.getByRole("searchbox", { name: "Search customers and subscriptions" });
  await expect(box).toBeFocused();
  await box.fill("contoso ltd");
  const search = page.getByRole("search");
  const found = search.getByRole("region", { name: "Customers" }).getByRole("link");
  await expect(found.first()).toContainText("Contoso Ltd");
  await screenshot(page, "42-global-search");
  await page.keyboard.press("ArrowDown");
  await expect(found.first()).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/customers/${encodeURIComponent(contoso.id)}$`));
  await expect(box).toBeHidden();

  // A subscription by its offer: the link opens its panel. Escape closes the results.
  await page.getByRole("button", { name: "Search customers and subscriptions" }).click();
  await box.fill("microsoft 365");
  const subs = search.getByRole("region", { name: "Subscriptions" }).getByRole("link");
  await expect(subs.first()).toContainText("Microsoft 365");
  await page.keyboard.press("Escape");
  await expect(box).toBeHidden();
  await expect(page.getByRole("button", { name: "Search customers and subscriptions" })).toBeFocused();
  await page.keyboard.press("/");
  await expect(box).toBeFocused();
  await expect(subs.first()).toBeVisible();
  await subs.first().click();
  await expect(page).toHaveURL(/\/subscriptions\/[^/?]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Microsoft 365");
});

test("on a phone, in Portuguese, the reseller finds its own customers only", async ({ signIn, graphqlAs }) => {
  // A customer of another reseller of the same provider: in the provider's network, not in Wingtip's.
  const mine = await graphqlAs<{ customers: { nodes: { name: string }[] } }>(
    DEMO.reseller,
    `{ customers(first: 100) { nodes { name } } }`,
  );
  const theirs = await graphqlAs<{ customers: { nodes: { name: string }[] } }>(
    DEMO.provider,
    `{ customers(first: 100) { nodes { name } } }`,
  );
  const ownNames = new Set(mine.customers.nodes.map((c) => c.name));
  const other = theirs.customers.nodes.find((c) => !ownNames.has(c.name))!;
  const own = mine.customers.nodes[0]!;

  const page = await signIn(DEMO.reseller);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.addInitScript(() => localStorage.setItem("channelgate.locale", "pt-PT"));
  await page.goto("/");
  await page.getByRole("button", { name: "Pesquisar clientes e subscrições" }).click();
  const box = page.getByRole("searchbox", { name: "Pesquisar clientes e subscrições" });
  await box.fill(own.name);
  const search = page.getByRole("search");
  await expect(search.getByRole("region", { name: "Clientes" }).getByRole("link").first()).toContainText(own.name);
  const panel = await search.locator(".search-panel").boundingBox();
  expect(panel!.x).toBeGreaterThanOrEqual(0);
  expect(panel!.x + panel!.width).toBeLessThanOrEqual(390);
  await screenshot(page, "43-global-search-390-pt");

  await box.fill(other.name);
  await expect(search.getByText(`Nada na sua rede corresponde a “${other.name}”.`)).toBeVisible();
  await expect(search.getByRole("link")).toHaveCount(0);
});
