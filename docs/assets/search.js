// Site search (Pagefind's default UI), loaded on demand: a page view fetches nothing under pagefind/; the reader
// opening search (the header button, "/" or "s") loads the UI, which then fetches only the index chunks a query needs.
(() => {
  const dialog = document.getElementById("tme-search");
  if (!dialog || typeof dialog.showModal !== "function") return; // the #tme-search fragment panel still works
  const bundle = new URL(dialog.dataset.bundle, location.href);
  const root = new URL(dialog.dataset.root, location.href);
  let loading = null;

  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = () => reject(new Error(`could not load ${src}`));
      document.head.append(script);
    });
  }

  function load() {
    if (loading) return loading;
    const css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = new URL("pagefind-ui.css", bundle).href;
    document.head.append(css);
    loading = loadScript(new URL("pagefind-ui.js", bundle).href).then(() => {
      new window.PagefindUI({
        element: "#tme-search-ui",
        bundlePath: bundle.pathname,
        baseUrl: root.pathname,
        showImages: false,
        showSubResults: true,
        autofocus: true,
        // Pagefind adds to a page's score each metadata field's weight times the query's share of the field, squared.
        // "names" holds every name of an actor, a treaty or a glossary term ("Araqchi" for Abbas Araghchi) and
        // "heading" a page's title, both as plain words (macros/search/names.py: Pagefind 1.5.2 counts a joined word
        // such as "Araghchi–Putin" two to eight times over in a field, so its own title field, which it shows, must not
        // rank). A name outranks a heading: a reader typing "Lavrov" wants his page, then the events and sources whose
        // headlines mention him; a heading is weighted as Pagefind weights a title by default. Where several records
        // bear a name ("Russia" starts "Russian Foreign Ministry"), the page text decides; pageLength 0 (Pagefind's
        // default is 0.75) stops marking a page down for its length, which on a record page measures how much of the
        // site refers to it (its back-link sections), so Russia's page comes first. List pages, long because they
        // list records, do not index their entries (data-pagefind-ignore in their templates).
        ranking: { pageLength: 0, metaWeights: { names: 10, heading: 5, title: 0 } },
        processResult: (result) => {
          delete result.meta.names; // ranking fields, not for the reader: a result shows its title and its kind
          delete result.meta.heading;
          return result;
        },
        translations: { placeholder: "Search names, quotes, treaties, events…" },
      });
      dialog.querySelector("[data-tme-search-fallback]").hidden = true;
    });
    loading.catch(() => {
      loading = null; // let the reader try again; the fallback list stays visible meanwhile
    });
    return loading;
  }

  function open(event) {
    if (event) event.preventDefault();
    if (!dialog.open) dialog.showModal();
    load().then(() => dialog.querySelector("#tme-search-ui input")?.focus());
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
