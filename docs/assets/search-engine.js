// The site's search engine: looks a typed query up in the bounded index that macros/search writes to searchindex/
// (macros/search/writer.py describes its files). A query fetches one small meta file, one key shard per query word
// and, for the results shown, one document chunk per 32 documents: a bounded number of files, each capped in size at
// build time, whatever the number of pages. Pure functions plus fetch; no DOM, no markup.
//
// Words are spelled exactly as macros/search/tokens.py spells them (tests/test_search.py runs both on the same text):
// lower case, accents dropped (NFD, combining marks removed), then runs of letters, numbers and "+".

const WORD = /[\p{L}\p{N}+]+/gu;
const MARKS = /\p{M}+/gu;
const encoder = new TextEncoder();

/** `text` in lower case without accents (as macros/search/tokens.py folds it). */
export function fold(text) {
  return String(text).toLowerCase().normalize("NFD").replace(MARKS, "");
}

/** The words of `text`: folded, split into runs of Unicode letters, numbers and "+" ("P5+1" stays one word). */
export function words(text) {
  return fold(text).match(WORD) ?? [];
}

/** FNV-1a, 32 bits, over the UTF-8 bytes of `text`: which key shard holds a word. */
export function fnv1a32(text) {
  let hash = 0x811c9dc5;
  for (const byte of encoder.encode(text)) hash = Math.imul(hash ^ byte, 0x01000193);
  return hash >>> 0;
}

const MIN_WORD = 2; // a shorter query word matches too much to rank anything
const MAX_WORDS = 6; // each word costs one shard fetch: the first query stays bounded

/** The words of `query` that are looked up: the first `max` distinct ones at least `min` characters long. */
export function queryWords(query, { min = MIN_WORD, max = MAX_WORDS } = {}) {
  const found = [];
  for (const word of words(query)) {
    if ([...word].length >= min && !found.includes(word)) found.push(word);
    if (found.length === max) break;
  }
  return found;
}

// Every file fetched once per page view, shared by every query (a promise, so concurrent queries share a fetch too);
// a failed fetch is forgotten, so the next query tries again.
const files = new Map();

function fetchJSON(url) {
  const key = url.href;
  if (!files.has(key)) {
    const loading = fetch(url).then((response) => {
      if (!response.ok) throw new Error(`${response.status} ${response.statusText} for ${url.pathname}`);
      return response.json();
    });
    loading.catch(() => files.delete(key));
    files.set(key, loading);
  }
  return files.get(key);
}

function folder(root) {
  const url = new URL(root, globalThis.document?.baseURI ?? globalThis.location?.href);
  if (!url.pathname.endsWith("/")) url.pathname += "/";
  return url;
}

async function meta(root) {
  const info = await fetchJSON(new URL("meta.json", root));
  if (info?.version !== 1) throw new Error(`unknown search index version ${info?.version}`);
  return info;
}

/** The champion list of `word` from its shard: `[df, doc, score, doc, score, ...]`, or null. */
async function postings(root, info, word) {
  const shard = await fetchJSON(new URL(`keys/${fnv1a32(word) % info.shards}.json`, root));
  const list = shard !== null && typeof shard === "object" && Object.hasOwn(shard, word) ? shard[word] : null;
  return Array.isArray(list) && list.length >= 1 ? list : null;
}

/**
 * Every document the query's words lead to, best first: `[{doc, score, matched}]`. A document matching more of the
 * query's words comes first, then the larger sum of score × log(1 + D / df) over the words it matches, then the
 * lower doc id. `root` is the address of the searchindex/ folder.
 */
export async function search(root, query) {
  root = folder(root);
  const info = await meta(root);
  const wanted = queryWords(query, { min: info.minPrefix ?? MIN_WORD, max: info.maxWords ?? MAX_WORDS });
  const lists = await Promise.all(wanted.map((word) => postings(root, info, word)));
  const found = new Map();
  for (const list of lists) {
    if (!list) continue;
    const idf = Math.log(1 + info.docs / Math.max(1, list[0]));
    for (let i = 1; i + 1 < list.length; i += 2) {
      const doc = list[i];
      const hit = found.get(doc) ?? { doc, score: 0, matched: 0 };
      hit.score += list[i + 1] * idf;
      hit.matched += 1;
      found.set(doc, hit);
    }
  }
  return [...found.values()].sort((a, b) => b.matched - a.matched || b.score - a.score || a.doc - b.doc);
}

/**
 * The documents `ids` as `[{url, title, kind, summary}]`, in that order; `url` is relative to the site root, as the
 * index holds it (the caller checks it stays in the site), or null if the index has no such document.
 */
export async function documents(root, ids) {
  root = folder(root);
  const info = await meta(root);
  const chunks = new Map();
  for (const id of ids) {
    const chunk = Math.floor(id / info.chunk);
    if (!chunks.has(chunk)) chunks.set(chunk, fetchJSON(new URL(`docs/${chunk}.json`, root)));
  }
  return Promise.all(
    ids.map(async (id) => {
      const entry = (await chunks.get(Math.floor(id / info.chunk)))?.[id % info.chunk];
      const [url, title, kind, summary] = Array.isArray(entry) ? entry : [];
      // No address for a document the chunk lacks (not "", which is the home page's).
      const address = typeof url === "string" ? url : null;
      return { url: address, title: text(title), kind: text(kind), summary: text(summary) };
    }),
  );
}

function text(value) {
  return typeof value === "string" ? value : "";
}
