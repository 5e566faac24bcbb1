"""Material's script on the reader's first interaction (assets/material-on-interaction.js): a page view that is only
read never fetches it; the first scroll, tap or key loads it and Material's components start; what a reader needs
first (the palette toggle, the drawer) works before it has loaded, and the page reads with JavaScript off."""

from __future__ import annotations

import pytest

from conftest import static_server

BUNDLE = "**/assets/javascripts/bundle.*.min.js"
MATERIAL_RUNS = "'component$' in window"


@pytest.fixture(scope="module")
def server(built):
    with static_server(built.site) as address:
        yield address


@pytest.fixture
def context(browser):
    """A fresh browser profile (its own localStorage) recording the scripts it requests."""
    made = []

    def make(width: int = 1280, scheme: str = "light", javascript: bool = True, bundle: bool = True):
        ctx = browser.new_context(
            viewport={"width": width, "height": 800}, color_scheme=scheme, java_script_enabled=javascript
        )
        ctx.requested = []
        ctx.on("request", lambda request: ctx.requested.append(request.url))
        if not bundle:  # Material's script never arrives: what works, works without it
            ctx.route(BUNDLE, lambda route: route.abort())
        made.append(ctx)
        return ctx

    yield make
    for ctx in made:
        ctx.close()


def bundle_requested(ctx) -> bool:
    return any("/assets/javascripts/bundle." in url for url in ctx.requested)


def scheme(page) -> str:
    return page.evaluate("document.body.dataset.mdColorScheme")


def toggle(page):
    """The palette toggle a reader sees (Material shows one label, for the other scheme)."""
    return page.locator("[data-md-component=palette] label:not([hidden])")


@pytest.mark.parametrize("path", ["", "visit/", "actors/sergei-lavrov/", "timeline/"])
def test_a_page_that_is_only_read_does_not_fetch_materials_script(context, server, path):
    ctx = context()
    page = ctx.new_page()
    page.goto(server + path, wait_until="networkidle")
    assert not bundle_requested(ctx)
    assert not page.evaluate(MATERIAL_RUNS)
    assert page.locator("script[data-tme-on-interaction]").count() == 1  # Material's tag, held inert


def test_the_first_scroll_starts_materials_components(context, server):
    ctx = context()
    page = ctx.new_page()
    page.goto(server + "visit/", wait_until="networkidle")
    assert page.locator(".md-sidebar--secondary .md-nav__link--active").count() == 0
    page.mouse.wheel(0, 2000)
    page.wait_for_function(MATERIAL_RUNS)
    assert bundle_requested(ctx)
    # The table of contents follows the reading position, and scrolling back up offers the back-to-top button.
    page.mouse.wheel(0, 400)
    page.locator(".md-sidebar--secondary .md-nav__link--active").first.wait_for()
    page.mouse.wheel(0, -300)
    page.locator(".md-top:not([hidden])").wait_for()


def test_a_first_key_loads_materials_script(context, server):
    ctx = context()
    page = ctx.new_page()
    page.goto(server + "actors/sergei-lavrov/", wait_until="networkidle")
    page.keyboard.press("Tab")
    page.wait_for_function(MATERIAL_RUNS)


def test_the_palette_toggle_works_on_the_first_click_without_materials_script(context, server):
    ctx = context(bundle=False)
    page = ctx.new_page()
    page.goto(server + "visit/", wait_until="networkidle")
    assert scheme(page) == "default"
    toggle(page).click()
    assert scheme(page) == "slate"
    assert toggle(page).get_attribute("title") == "Switch to light mode"
    assert not page.evaluate(MATERIAL_RUNS)
    # The next page opens in the chosen scheme, before any interaction.
    page.goto(server + "timeline/", wait_until="networkidle")
    assert scheme(page) == "slate"
    assert toggle(page).get_attribute("title") == "Switch to light mode"
    # Enter on the focused option switches back, as Material's script does.
    page.focus("[data-md-component=palette] input:nth-of-type(2)")
    page.keyboard.press("Enter")
    assert scheme(page) == "default"


def test_material_agrees_with_the_palette_chosen_before_it_loaded(context, server):
    ctx = context()
    page = ctx.new_page()
    page.goto(server + "visit/", wait_until="networkidle")
    toggle(page).click()
    assert scheme(page) == "slate"
    # The click loaded Material's script; its palette component, once mounted, sets the theme-color meta tag.
    page.wait_for_function("document.querySelector('meta[name=theme-color]')?.content")
    assert scheme(page) == "slate"
    assert toggle(page).get_attribute("title") == "Switch to light mode"
    stored = page.evaluate("__md_get('__palette')")
    assert stored["index"] == 1 and stored["color"]["scheme"] == "slate"
    # Material now handles the toggle alone: one Enter switches once.
    page.focus("[data-md-component=palette] input:nth-of-type(2)")
    page.keyboard.press("Enter")
    assert scheme(page) == "default"
    toggle(page).click()
    assert scheme(page) == "slate"


def test_a_reader_who_prefers_dark_gets_it_from_the_first_paint(context, server):
    ctx = context(scheme="dark", bundle=False)
    page = ctx.new_page()
    page.goto(server + "", wait_until="networkidle")
    assert scheme(page) == "slate"
    assert toggle(page).get_attribute("title") == "Switch to light mode"


def test_the_drawer_opens_on_a_phone_without_materials_script(context, server):
    ctx = context(width=390, bundle=False)
    page = ctx.new_page()
    page.goto(server + "visit/", wait_until="networkidle")
    left = "document.querySelector('.md-sidebar--primary').getBoundingClientRect().left"
    assert page.evaluate(left) < 0  # off screen, to the left
    page.locator("label.md-header__button[for=__drawer]").click()
    page.wait_for_function(f"{left} >= 0")  # slid in
    assert page.is_checked("#__drawer")


def test_a_page_reads_with_javascript_off_and_never_fetches_materials_script(context, server):
    ctx = context(width=390, javascript=False)
    page = ctx.new_page()
    page.goto(server + "visit/", wait_until="networkidle")
    page.mouse.wheel(0, 1500)
    assert page.locator("#quote-araghchi-no-talks-under-pressure").is_visible()
    assert not bundle_requested(ctx)
