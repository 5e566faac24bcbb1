// Site search, loaded on demand: a page view fetches nothing of it. The reader opening search (the header button, "/"
// or "s", or a link to #tme-search) imports the engine (assets/search-engine.js), which then fetches only the index
// files a query needs (searchindex/). Everything shown is built with DOM text nodes: a title or a summary from the
// index is text, never markup, and a result's address must stay inside the site.
(() => {
  const dialog = document.getElementById("tme-search");
  if (!dialog || typeof dialog.showModal !== "function") return; // the #tme-search fragment panel still works
  const bundle = new URL(dialog.dataset.bundle, location.href);
  const root = new URL(dialog.dataset.root, location.href);
  const engineAddress = new URL(dialog.dataset.engine, location.href);
  const PAGE = 10; // results shown at first, and added by "Show more results"
  const DEBOUNCE_MS = 150;
  let loading = null;

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // A result's address, relative to the site root in the index, resolved against it; null unless it stays a page of
  // this site (an index written from a hostile page could hold "javascript:…", "//elsewhere/" or "/elsewhere").
  function siteAddress(url) {
    if (typeof url !== "string" || /[\u0000-\u0020\\:]/.test(url) || url.includes("//") || url.startsWith("/")) {
      return null;
    }
    const address = new URL(url, root);
    return address.origin === root.origin && address.href.startsWith(root.href) ? address.href : null;
  }

  // `summary` with each word that a query word or its stem starts marked: text nodes and <mark> elements, never parsed
  // markup. A summary in Persian or Russian reads in its own direction (dir="auto").
  function highlighted(summary, wanted, engine) {
    const paragraph = element("p", "tme-search__summary");
    paragraph.dir = "auto";
    let at = 0;
    for (const run of summary.matchAll(/[\p{L}\p{M}\p{N}+\u200c]+/gu)) {
      if (!engine.words(run[0]).some((word) => wanted.some((w) => word.startsWith(w)))) continue;
      paragraph.append(summary.slice(at, run.index), element("mark", "", run[0]));
      at = run.index + run[0].length;
    }
    paragraph.append(summary.slice(at));
    return paragraph;
  }

  function build(engine) {
    const ui = dialog.querySelector("#tme-search-ui");
    const form = element("form", "tme-search__form");
    form.setAttribute("role", "search");
    const label = element("label", "tme-search__label", "Search names, quotes, treaties, events");
    label.htmlFor = "tme-search-input";
    const input = element("input", "tme-search__input");
    Object.assign(input, { type: "search", id: "tme-search-input", autocomplete: "off", spellcheck: false });
    input.dir = "auto"; // a query typed in Persian reads right to left
    input.placeholder = "Search names, quotes, treaties, events…";
    input.setAttribute("enterkeyhint", "go");
    form.append(label, input);
    const status = element("p", "tme-search__status");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    const list = element("ol", "tme-search__results");
    const more = element("button", "tme-search__more", "Show more results");
    more.type = "button";
    more.hidden = true;
    const scroller = element("div", "tme-search__scroll"); // the results scroll; the field stays in view
    scroller.append(list, more);
    ui.replaceChildren(form, status, scroller);

    let ranked = [];
    let wanted = [];
    let shown = 0;
    let generation = 0; // a newer query's answer replaces an older one's, whichever arrives first
    let timer = 0;
    let pending = Promise.resolve();

    async function show(count, current) {
      const ids = ranked.slice(shown, shown + count).map((hit) => hit.doc);
      const found = await engine.documents(bundle, ids);
      if (current !== generation) return null;
      shown += ids.length;
      let first = null;
      for (const doc of found) {
        const href = siteAddress(doc.url);
        if (href === null) continue;
        const item = element("li", "tme-search__result");
        const link = element("a", "tme-search__link", doc.title || doc.url || "Home");
        link.href = href;
        link.dir = "auto"; // a title in Persian reads right to left, isolated from the kind after it
        item.append(link, " ", element("span", "tme-search__kind", doc.kind));
        if (doc.summary) item.append(highlighted(doc.summary, wanted, engine));
        list.append(item);
        first ??= link;
      }
      more.hidden = shown >= ranked.length;
      return first;
    }

    function report(text) {
      if (status.textContent !== text) status.textContent = text;
    }

    async function run() {
      clearTimeout(timer);
      timer = 0;
      const current = ++generation;
      const query = input.value.trim();
      ranked = [];
      shown = 0;
      if (engine.queryWords(query).length === 0) {
        wanted = [];
        list.replaceChildren();
        more.hidden = true;
        report(query ? "Type at least two letters or digits." : "");
        return;
      }
      try {
        const [found, terms] = await Promise.all([engine.search(bundle, query), engine.indexTerms(bundle, query)]);
        if (current !== generation) return;
        ranked = found;
        wanted = terms.flatMap((term) => (term.stem === null ? [term.key] : [term.key, term.stem]));
        list.replaceChildren();
        await show(PAGE, current);
        if (current !== generation) return;
        const n = ranked.length;
        report(n === 0 ? `No results for “${query}”` : `${n} result${n === 1 ? "" : "s"} for “${query}”`);
      } catch (error) {
        if (current !== generation) return;
        list.replaceChildren();
        more.hidden = true;
        report(`Search could not load (${error.message}). Try again.`);
      }
    }

    input.addEventListener("keydown", (event) => {
      // A search field's own Escape empties it; in this dialog, Escape closes search at once, keeping the query.
      if (event.key === "Escape") close(event);
    });
    ui.addEventListener("keydown", (event) => {
      // The arrow keys move between the field and the results' links (Tab still does too).
      if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
      const stops = [input, ...list.querySelectorAll(".tme-search__link")];
      const at = stops.indexOf(document.activeElement);
      if (at === -1) return;
      const next = stops[at + (event.key === "ArrowDown" ? 1 : -1)];
      if (next) {
        event.preventDefault();
        next.focus();
      }
    });
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        pending = run();
      }, DEBOUNCE_MS);
    });
    form.addEventListener("submit", async (event) => {
      event.preventDefault(); // Enter: the first result, once the query typed so far is answered
      if (timer) pending = run();
      const current = generation;
      await pending;
      const first = list.querySelector(".tme-search__link");
      if (first && current === generation) location.assign(first.href);
    });
    more.addEventListener("click", async () => {
      const current = generation;
      more.disabled = true; // one page at a time: a second click waits for the first
      try {
        const first = await show(PAGE, current);
        first?.focus(); // where the reader left off, not back at the top of the list
      } catch (error) {
        if (current === generation) report(`More results could not load (${error.message}). Try again.`);
      } finally {
        more.disabled = false;
      }
    });
    dialog.querySelector("[data-tme-search-fallback]").hidden = true;
    return input;
  }

  function load() {
    if (loading) return loading;
    loading = import(engineAddress.href).then(build);
    loading.catch(() => {
      loading = null; // let the reader try again; the fallback list stays visible meanwhile
    });
    return loading;
  }

  function open(event) {
    if (event) event.preventDefault();
    if (!dialog.open) dialog.showModal();
    load().then(
      (input) => {
        input.focus();
        input.select();
      },
      () => {}, // the fallback list stays; the next open tries again
    );
  }

  function close(event) {
    if (event) event.preventDefault();
    dialog.close();
  }

  for (const button of document.querySelectorAll("[data-tme-search-open]")) button.addEventListener("click", open);
  dialog.querySelector("[data-tme-search-close]").addEventListener("click", close);
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog) close(event); // a click on the backdrop
  });
  document.addEventListener("keydown", (event) => {
    if (dialog.open || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    if (event.target.closest("input, textarea, select, [contenteditable]")) return;
    if (event.key === "/" || event.key === "s" || event.key === "S") open(event);
  });
  if (location.hash === "#tme-search") open(); // a link to the search panel opens the search itself
})();
