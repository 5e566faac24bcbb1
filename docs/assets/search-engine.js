// The site's search engine: looks a typed query up in the bounded index that macros/search writes to searchindex/
// (macros/search/writer.py describes its files). A query fetches one small meta file, one key shard per query word
// and, for the results shown, one document chunk per 32 documents: a bounded number of files, each capped in size at
// build time, whatever the number of pages. Pure functions plus fetch; no DOM, no markup.
//
// Words are spelled exactly as macros/search/tokens.py spells them (tests/test_search.py runs both on the same text):
// lower case, accents dropped (NFD, combining marks removed) but Russian "й" kept, Persian letters and digits spelled
// one way, a zero-width non-joiner joining, then runs of letters, numbers and "+". Each query word is looked up as
// typed and by its Snowball stem ("negotiate" → "negoti", which starts "negotiations"; macros/search/stems.py), with
// the same Snowball release's English and Russian stemmers (assets/snowball/), loaded with the first query.

const WORD = /[\p{L}\p{N}+]+/gu;
const MARKS = /\p{M}+/gu;
const SHORT_I = /\u0438\u0306/g; // "и" and a combining breve: "й" decomposed, recomposed before marks are dropped
const PERSIAN = /[\u064a\u0649\u0643\u0640\u0660-\u0669\u06f0-\u06f9\u200c]/g;
const encoder = new TextEncoder();

function persian(ch) {
  const code = ch.codePointAt(0);
  if (code >= 0x0660 && code <= 0x0669) return String(code - 0x0660); // Arabic-Indic digits
  if (code >= 0x06f0 && code <= 0x06f9) return String(code - 0x06f0); // Persian digits
  if (ch === "\u064a" || ch === "\u0649") return "\u06cc"; // Arabic yeh, alef maksura → Persian yeh
  if (ch === "\u0643") return "\u06a9"; // Arabic kaf → keheh
  return ""; // tatweel, ZWNJ
}

/** `text` in lower case without accents, Persian spelled one way (as macros/search/tokens.py folds it). */
export function fold(text) {
  return String(text)
    .toLowerCase()
    .normalize("NFD")
    .replace(SHORT_I, "\u0439")
    .replace(MARKS, "")
    .replace(PERSIAN, persian);
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

// Snowball stemmers by language, each module imported once, when a query first needs it.
const STEMMERS = [
  [/^[a-z]+$/, "english"],
  [/^[а-яё]+$/, "russian"],
];
const stemmers = new Map();

function stemmerOf(language) {
  if (!stemmers.has(language)) {
    const loading = import(new URL(`./snowball/${language}-stemmer.js`, import.meta.url).href).then(
      (module) => new module.default(),
    );
    loading.catch(() => stemmers.delete(language));
    stemmers.set(language, loading);
  }
  return stemmers.get(language);
}

/** The Snowball stem of a folded word: English for a–z, Russian for Cyrillic, else the word itself. */
export async function stem(word) {
  const found = STEMMERS.find(([pattern]) => pattern.test(word));
  return found ? (await stemmerOf(found[1])).stemWord(word) : word;
}

const GROUP_ROUNDS = 8;

/** A key's stem group, the stem of its stem… until it stays the same: the hash of it picks the key's shard. */
export async function group(key) {
  for (let round = 0; round < GROUP_ROUNDS; round++) {
    const shorter = await stem(key);
    if (shorter === key) break;
    key = shorter;
  }
  return key;
}

const MIN_WORD = 2; // a shorter query word matches too much to rank anything
const MAX_WORDS = 6; // each word costs one shard fetch: the first query stays bounded
const MAX_KEY = 24; // a key's characters at most: a longer typed word is looked up by its start
const MIN_STEM = 4; // a shorter stem starts too many unrelated words to be looked up

/** The words of `query` that are looked up: the first `max` distinct ones at least `min` characters long. */
export function queryWords(query, { min = MIN_WORD, max = MAX_WORDS } = {}) {
  const found = [];
  for (const word of words(query)) {
    if ([...word].length >= min && !found.includes(word)) found.push(word);
    if (found.length === max) break;
  }
  return found;
}

/**
 * The query's words with the keys each is looked up by: `[{word, key, stem}]`, `key` the word (or its first `maxKey`
 * characters), `stem` its Snowball stem where that differs and is at least `minStem` characters long, else null.
 */
export async function queryTerms(query, { min = MIN_WORD, max = MAX_WORDS, maxKey = MAX_KEY, minStem = MIN_STEM } = {}) {
  return Promise.all(
    queryWords(query, { min, max }).map(async (word) => {
      const chars = [...word];
      const key = chars.length > maxKey ? chars.slice(0, maxKey).join("") : word;
      const stemmed = key === word ? await stem(word) : key;
      return { word, key, stem: stemmed !== key && [...stemmed].length >= minStem ? stemmed : null };
    }),
  );
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
  if (info?.version !== 2) throw new Error(`unknown search index version ${info?.version}`);
  return info;
}

/** The champion lists of a term's keys from their shard (one file: a word and its stem share a group), each
 * `[df, doc, score, doc, score, ...]`; a key the index lacks gives none. */
async function postings(root, info, term) {
  const shard = await fetchJSON(new URL(`keys/${fnv1a32(await group(term.key)) % info.shards}.json`, root));
  const lists = [];
  for (const key of term.stem === null ? [term.key] : [term.key, term.stem]) {
    const list = shard !== null && typeof shard === "object" && Object.hasOwn(shard, key) ? shard[key] : null;
    if (Array.isArray(list) && list.length >= 1) lists.push(list);
  }
  return lists;
}

/** The query terms as the index at `root` reads them (its meta's limits). */
export async function indexTerms(root, query) {
  const info = await meta(folder(root));
  return queryTerms(query, { min: info.minPrefix, max: info.maxWords, maxKey: info.maxKey, minStem: info.minStem });
}

/**
 * Every document the query's words lead to, best first: `[{doc, score, matched}]`. A document's score for a word is
 * the better of score × log(1 + D / df) over the word's keys (as typed, and its stem); a document matching more of
 * the query's words comes first, then the larger sum of log(1 + word score) (a page matching every word fairly well
 * before one matching one word very well), then the lower doc id. `root` is the address of the searchindex/ folder.
 * macros/search/query.py is the same ranking in Python, and says why.
 */
export async function search(root, query) {
  root = folder(root);
  const info = await meta(root);
  const terms = await indexTerms(root, query);
  const found = new Map();
  for (const lists of await Promise.all(terms.map((term) => postings(root, info, term)))) {
    const best = new Map();
    for (const list of lists) {
      const idf = Math.log(1 + info.docs / Math.max(1, list[0]));
      for (let i = 1; i + 1 < list.length; i += 2) {
        const score = list[i + 1] * idf;
        if (!(best.get(list[i]) >= score)) best.set(list[i], score);
      }
    }
    for (const [doc, score] of best) {
      const hit = found.get(doc) ?? { doc, score: 0, matched: 0 };
      hit.score += Math.log(1 + score);
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
