"""Each analysis page tells its story first on a 1280x720 screen; no chart text is cut off."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page

from tools.server import StreamlitServer, goto, wait_for_rerun, wait_until_idle

pytestmark = pytest.mark.browser

STORY = "[data-testid=stMain] .st-key-story"
CHART = ".js-plotly-plot"
# The page's own charts: the sidebar holds a blank one on a session's first run.
PLOT = f"[data-testid=stMain] {CHART}"
# Every plot's own box, and each piece of text plotly drew that lies outside it by more than
# a pixel (a tick label, a legend entry, a bar's or a Sankey node's label).
CLIPPED = """() => [...document.querySelectorAll(".js-plotly-plot")].flatMap((plot) => {
  const box = plot.getBoundingClientRect();
  return [...plot.querySelectorAll(".main-svg text")]
    .filter((text) => text.textContent.trim() && text.getBBox().width > 0)
    .map((text) => [text.textContent, text.getBoundingClientRect()])
    .filter(([, r]) => r.left < box.left - 1 || r.right > box.right + 1
                    || r.top < box.top - 1 || r.bottom > box.bottom + 1)
    .map(([label, r]) => `${label} at ${Math.round(r.left)}..${Math.round(r.right)} `
                        + `in ${Math.round(box.left)}..${Math.round(box.right)}`);
})"""
# Pairs of text plotly drew in one plot whose boxes overlap, so neither can be read.
OVERLAPS = """(plot) => {
  const texts = [...plot.querySelectorAll(".main-svg text")]
    .filter((text) => text.textContent.trim() && text.getBBox().width > 0)
    .map((text) => [text.textContent, text.getBoundingClientRect()]);
  return texts.flatMap(([one, a], i) => texts.slice(i + 1)
    .filter(([, b]) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
    .map(([other]) => `${one} over ${other}`));
}"""
# What a phone's browser says it is: the page draws some charts in a narrow shape for it.
PHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
)
# The Interviews page's tabs: each draws its own chart when opened.
INSIGHTS_TABS = (
    "Where applications go",
    "Where they stop",
    "Enough in the basket?",
    "Which sources work",
    "Do fitting jobs go better?",
)


def _visit(
    browser: Browser, url: str, width: int, height: int, scheme: str, user_agent: str | None = None
) -> Page:
    """A fresh tab at one size and colour scheme, on a page that has finished drawing."""
    context = browser.new_context(
        viewport={"width": width, "height": height}, color_scheme=scheme, user_agent=user_agent
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    goto(page, url, settle=True)
    assert not page.locator("[data-testid=stException]").count()
    return page


def _drawn(page: Page) -> None:
    """Wait until every plot on the page has drawn its SVG."""
    page.wait_for_function(
        f"""() => [...document.querySelectorAll("{PLOT}")]
                 .every((plot) => plot.querySelector(".main-svg text"))"""
    )


@pytest.mark.parametrize(
    ("path", "metrics", "reading"),
    [
        ("/insights", 5, "8 in 10 candidates"),
        ("/feedback", 3, "What came up most:"),
    ],
)
def test_the_story_fits_one_1280x720_screen(
    browser: Browser, shared_sample_server: StreamlitServer, path: str, metrics: int, reading: str
) -> None:
    page = _visit(browser, shared_sample_server.url + path, 1280, 720, "light")
    story = page.locator(STORY)
    chart = story.locator(CHART)
    chart.wait_for()
    _drawn(page)
    assert story.locator("[data-testid=stMetric]").count() == metrics
    assert reading in story.inner_text()
    for what, element in (("headline", story), ("first chart", chart)):
        box = element.bounding_box()
        assert box is not None
        assert box["y"] >= 0 and box["y"] + box["height"] <= 720, (what, box)
    page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_no_chart_label_is_cut_off_on_interviews_and_offers(
    browser: Browser, shared_sample_server: StreamlitServer, width: int, scheme: str
) -> None:
    page = _visit(browser, shared_sample_server.url + "/insights", width, 844, scheme)
    for tab in INSIGHTS_TABS:
        button = page.get_by_role("tab", name=tab)
        opening = button.get_attribute("aria-selected") != "true"
        button.click()
        if opening:  # the tab is drawn once opened; the open one asks for no run
            wait_for_rerun(page)
        wait_until_idle(page)
        _drawn(page)
        assert page.locator(PLOT).count() == 2, tab
        assert page.evaluate(CLIPPED) == [], tab
    page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_no_chart_label_is_cut_off_on_feedback_themes(
    browser: Browser, shared_sample_server: StreamlitServer, width: int, scheme: str
) -> None:
    page = _visit(browser, shared_sample_server.url + "/feedback", width, 844, scheme)
    # The full chart, with the longest labels (as many themes as the sample's feedback shows).
    page.get_by_text(re.compile(r"^All \d+ themes$")).click()
    wait_for_rerun(page)
    _drawn(page)
    # The story's chart, every theme's, over time and by how far you got.
    assert page.locator(PLOT).count() == 4
    assert page.evaluate(CLIPPED) == []
    page.context.close()


def test_on_a_phone_the_flow_is_one_row_a_step_and_no_label_overlaps_another(
    browser: Browser, shared_sample_server: StreamlitServer
) -> None:
    page = _visit(browser, shared_sample_server.url + "/insights", 390, 844, "light", PHONE)
    page.get_by_role("tab", name=INSIGHTS_TABS[0]).click()  # open already: no run
    wait_until_idle(page)
    _drawn(page)
    flow = page.locator(PLOT).nth(1)
    assert flow.evaluate("(plot) => plot.data.map((trace) => trace.type)") == ["funnel"]
    assert flow.evaluate(OVERLAPS) == []
    assert page.evaluate(CLIPPED) == []
    assert "heard back" in page.locator("[data-testid=stMain]").inner_text()
    page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_sankey_labels_are_full_contrast_in_either_theme(
    browser: Browser, shared_sample_server: StreamlitServer, scheme: str
) -> None:
    page = _visit(browser, shared_sample_server.url + "/insights", 1280, 720, scheme)
    page.locator(f"{PLOT} .node-label").first.wait_for()
    fills = page.evaluate(
        """() => [...document.querySelectorAll(".js-plotly-plot .node-label")]
                 .map((label) => [label.textContent, getComputedStyle(label).fill])"""
    )
    assert fills, "the Sankey draws its node labels"
    ink = "rgb(49, 51, 63)" if scheme == "light" else "rgb(250, 250, 250)"
    assert all(fill == ink for _, fill in fills), fills
    assert all(" · " in label and label.split(" · ")[1].isdigit() for label, _ in fills)
    page.context.close()


def test_every_choice_of_the_reflection_form_is_in_view_on_a_phone(
    browser: Browser, shared_sample_server: StreamlitServer
) -> None:
    page = _visit(browser, shared_sample_server.url + "/reflect", 390, 844, "light")
    page.get_by_text("Confidence before (1 to 10)").wait_for()
    edges = page.evaluate(
        """() => [...document.querySelectorAll("[data-testid=stButtonGroup] button")]
                 .map((chip) => [chip.innerText, chip.getBoundingClientRect().right])"""
    )
    assert [label for label, _ in edges].count("10") == 2  # before and after
    assert [label for label, right in edges if right > 390 - 16] == []
    page.context.close()
