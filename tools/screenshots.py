"""Full-page screenshots of every page, light and dark, wide and narrow, empty and sample data.

Run from the repository root: `.venv/bin/python -m tools.screenshots [--out screenshots]`.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

from tools.server import (
    CHROMIUM_ARGS,
    CHROMIUM_PATH,
    PAGES,
    PROJECT_ROOT,
    ServerError,
    StreamlitServer,
    goto,
    seed_sample,
    sqlite_url,
)

SCHEMES = ("light", "dark")
VIEWPORTS = {"wide": (1400, 900), "narrow": (390, 844)}
DATABASES = ("empty", "sample")


# Streamlit scrolls inside <main>, not the document, so Playwright's full_page alone shows
# one screen: the window must grow to the bottom of the content (padding included) first.
_CONTENT_BOTTOM = """() => {
    const block = document.querySelector("[data-testid=stMainBlockContainer]");
    return Math.ceil(block ? block.getBoundingClientRect().bottom : document.body.scrollHeight);
}"""
_NEXT_FRAME = (
    "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"
)


def _settled_height(page: Page) -> int:
    """The content's height once it stops changing: widgets and fonts finish after the run."""
    page.evaluate("() => document.fonts.ready.then(() => true)")
    height = -1
    for _ in range(20):
        page.evaluate(_NEXT_FRAME)
        current = int(page.evaluate(_CONTENT_BOTTOM))
        if current == height:
            break
        height = current
        page.wait_for_timeout(150)
    return height


def _full_page_screenshot(page: Page, target: Path) -> None:
    """Grow the window to the content's height, photograph it, then restore the window."""
    size = page.viewport_size
    assert size is not None
    height = size["height"]
    for _ in range(3):  # growing the window can reflow the page; stop once the height holds
        needed = max(size["height"], _settled_height(page))
        if needed == height:
            break
        height = needed
        page.set_viewport_size({"width": size["width"], "height": height})
        page.wait_for_function(f"() => window.innerHeight === {height}")
    page.screenshot(path=target, full_page=True)
    page.set_viewport_size(size)


def _shoot(
    browser: Browser,
    server: StreamlitServer,
    database: str,
    out: Path,
    query: str = "",
    schemes: Sequence[str] = SCHEMES,
    viewports: Sequence[str] = tuple(VIEWPORTS),
) -> list[Path]:
    """Every page of one running server, in each colour scheme and viewport."""
    written: list[Path] = []
    for scheme in schemes:
        for size in viewports:
            width, height = VIEWPORTS[size]
            context = browser.new_context(
                viewport={"width": width, "height": height}, color_scheme=scheme
            )
            page = context.new_page()
            for name, path in PAGES.items():
                goto(page, server.url + path + query, settle=True)
                target = out / f"{database}-{scheme}-{size}-{name}.png"
                _full_page_screenshot(page, target)
                written.append(target)
            context.close()
    return written


def capture(out: Path) -> list[Path]:
    """Start the app on an empty and on a sample database and photograph it all."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="bounceback-shots-") as scratch, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM_PATH), args=CHROMIUM_ARGS)
        try:
            for database in DATABASES:
                db_url = sqlite_url(Path(scratch) / f"{database}.db")
                if database == "sample":
                    seed_sample(db_url)
                with StreamlitServer(db_url, log_dir=Path(scratch)) as server:
                    written += _shoot(browser, server, database, out)
                    if database == "sample":  # what an advisor shares: names hidden
                        written += _shoot(
                            browser, server, "presenter", out, "?presenter=1", ("light",), ("wide",)
                        )
        finally:
            browser.close()
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """Write the PNGs and list them; exit 1 with a reason when it cannot run."""
    parser = argparse.ArgumentParser(prog="python -m tools.screenshots", description=__doc__)
    parser.add_argument(
        "--out",
        type=Path,
        default=PROJECT_ROOT / "screenshots",
        help="folder for the PNG files (default: screenshots/ in the repository, git-ignored)",
    )
    args = parser.parse_args(argv)
    if not CHROMIUM_PATH.exists():
        print(f"Chromium is missing at {CHROMIUM_PATH}: run `apt-get install chromium`.")
        return 1
    try:
        written = capture(args.out)
    except ServerError as error:
        print(error, file=sys.stderr)
        return 1
    for path in written:
        print(path)
    print(f"{len(written)} screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
