/** The one paginator: follows a next-token until the service stops returning one. */

export async function* pages<Page>(fetchPage: (token: string | undefined) => Promise<Page>, nextToken: (page: Page) => string | undefined): AsyncGenerator<Page> {
  let token: string | undefined;
  const seen = new Set<string>();
  do {
    const page = await fetchPage(token);
    yield page;
    token = nextToken(page);
    if (token !== undefined && seen.has(token)) {
      throw new Error(`pagination loop: the service returned the token ${token.slice(0, 40)} twice`);
    }
    if (token !== undefined) seen.add(token);
  } while (token !== undefined && token !== '');
}

export async function collectPages<Page, Item>(
  fetchPage: (token: string | undefined) => Promise<Page>,
  nextToken: (page: Page) => string | undefined,
  items: (page: Page) => readonly Item[] | undefined,
): Promise<Item[]> {
  const out: Item[] = [];
  for await (const page of pages(fetchPage, nextToken)) out.push(...(items(page) ?? []));
  return out;
}
