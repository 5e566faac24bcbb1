// Material for MkDocs' script, loaded on the reader's first interaction instead of with the page. Everything a reader
// needs first works without it: the text, the navigation drawer (a checkbox), the palette toggle
// (partials/palette-state.html) and search (search.js). Its components (the back-to-top button, the table of contents
// following the scroll, the header title) then start on the first scroll, tap, key or focus. Loaded with the page, its
// evaluation is one long task that keeps a phone's main thread busy for a quarter of a second at every page view
// (scripts/lighthouse.sh), whether the reader touches anything or not.
(() => {
  // overrides/main.html keeps Material's own tag as an inert data block (type="text/plain", the address in data-src),
  // so the address stays Material's.
  const held = document.querySelector("script[data-tme-on-interaction]");
  if (!held) return;
  const events = ["pointerdown", "touchstart", "keydown", "focusin", "wheel", "scroll"];
  const options = { capture: true, passive: true };

  function load() {
    for (const type of events) window.removeEventListener(type, load, options);
    const script = document.createElement("script");
    script.src = new URL(held.dataset.src, document.baseURI).href;
    // Material starts its components on DOMContentLoaded, which has passed; it listens for the event once, on the
    // document, and nothing else of the site's listens for it after the page has loaded.
    script.onload = () => document.dispatchEvent(new Event("DOMContentLoaded"));
    document.body.append(script);
  }

  for (const type of events) window.addEventListener(type, load, options);
})();
