"""Start `streamlit run app.py` on a free loopback port, for browser tests and screenshots."""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import weakref
from pathlib import Path
from types import TracebackType

from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_PATH = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PAGES = {
    "today": "/",
    "pipeline": "/pipeline",
    "insights": "/insights",
    "reflect": "/reflect",
    "prep": "/prep",
    "lessons": "/lessons",
    "feedback": "/feedback",
    "sessions": "/sessions",
    "activity": "/activity",
    "import": "/import",
    "settings": "/settings",
}
# The same pages as script files (Today is home.py), for AppTest and the benchmarks.
PAGE_FILES = [f"app_pages/{name if name != 'today' else 'home'}.py" for name in PAGES]
IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"
BUSY = "[data-testid=stApp]:not([data-test-script-state=notRunning])"
# Something the page's own script drew: a deep link's first run may hand over to a second.
DRAWN = "[data-testid=stMain] [data-testid=stElementContainer]"


class ServerError(RuntimeError):
    """The server did not come up; the message carries its output, so the cause is visible."""


def free_port() -> int:
    """Ask the kernel for an unused loopback port, so parallel runs never collide."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def sqlite_url(path: Path) -> str:
    """A SQLAlchemy URL for a SQLite file, absolute so the server's cwd does not matter."""
    return f"sqlite:///{path.resolve()}"


# Sample databases seeded through the CLI in this process, by time zone and day, to copy from.
_SEEDED: dict[tuple[str, str], Path] = {}
_SQLITE = "sqlite:///"


def seed_sample(db_url: str) -> None:
    """Write the 60 sample applications through the CLI, exactly as a user would.

    The CLI runs once per time zone and day in a process; a new SQLite file after that gets a
    copy of what it wrote (the browser tests seed dozens of databases, 2 s each)."""
    target = Path(db_url.removeprefix(_SQLITE)) if db_url.startswith(_SQLITE) else None
    if target is None or target.exists():
        _seed_through_cli(db_url)
        return
    key = (os.environ.get("TZ", ""), time.strftime("%Y-%m-%d"))
    if key not in _SEEDED:
        folder = tempfile.mkdtemp(prefix="bounceback-sample-")
        atexit.register(shutil.rmtree, folder, ignore_errors=True)  # the process's own copy
        template = Path(folder) / "sample.db"
        _seed_through_cli(sqlite_url(template))
        _SEEDED[key] = template
    with (
        contextlib.closing(sqlite3.connect(_SEEDED[key])) as source,
        contextlib.closing(sqlite3.connect(target)) as copy,
    ):
        source.backup(copy)


def _seed_through_cli(db_url: str) -> None:
    """`bounceback demo` on this database."""
    result = subprocess.run(
        [sys.executable, "-m", "bounceback", "demo", "--db", db_url],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if result.returncode != 0:
        raise ServerError(f"seeding failed ({result.returncode}):\n{result.stdout}{result.stderr}")


class StreamlitServer:
    """One `streamlit run app.py` on a given database; stop() and start() again to restart."""

    def __init__(self, db_url: str, log_dir: Path | None = None, script: str = "app.py") -> None:
        self.db_url = db_url
        # Another script (relative to the project root) for the benchmark's floor page.
        self.script = script
        self.port = 0
        self._log_dir = log_dir
        self._log_path: Path | None = None
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """The base URL, valid while the server runs (each start picks a new port)."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        """The server's process id, for measuring its memory."""
        if self._process is None:
            raise ServerError("the server is not running")
        return self._process.pid

    def output(self) -> str:
        """What the server printed, for error messages."""
        if self._log_path is None or not self._log_path.exists():
            return ""
        return self._log_path.read_text(encoding="utf-8", errors="replace")

    def start(self, timeout: float = 30.0) -> StreamlitServer:
        """Start on a fresh free port and wait until the health check answers 'ok'."""
        if self._process is not None:
            raise ServerError("the server is already running")
        self.port = free_port()
        handle, name = tempfile.mkstemp(
            prefix=f"streamlit-{self.port}-", suffix=".log", dir=self._log_dir
        )
        self._log_path = Path(name)
        env = {**os.environ, "BOUNCEBACK_DB_URL": self.db_url, "PYTHONUNBUFFERED": "1"}
        command = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            self.script,
            "--server.headless",
            "true",
            "--server.port",
            str(self.port),
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
            # Code edited mid-run must not be half-reloaded under a test (stale cached classes).
            "--server.fileWatcherType",
            "none",
        ]
        with os.fdopen(handle, "wb") as log:
            self._process = subprocess.Popen(
                command, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
            )
        try:
            self._wait_healthy(timeout)
        except ServerError:
            self.stop()
            raise
        return self

    def _wait_healthy(self, timeout: float) -> None:
        """Poll /_stcore/health; give up early if the process dies."""
        assert self._process is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise ServerError(
                    f"streamlit exited with {self._process.returncode}:\n{self.output()}"
                )
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as reply:
                    if reply.read().decode().strip() == "ok":
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.1)
        raise ServerError(
            f"streamlit did not answer on {self.url} in {timeout:.0f} s:\n{self.output()}"
        )

    def stop(self, timeout: float = 10.0) -> None:
        """Terminate, then kill if it will not go: a test run never leaves servers behind."""
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=timeout)

    def kill(self) -> None:
        """SIGKILL, as a crash or the OOM killer would: no chance to finish or tidy up."""
        process, self._process = self._process, None
        if process is not None:
            process.kill()
            process.wait()

    def __enter__(self) -> StreamlitServer:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()


# Notes when the user last clicked or typed, and when each script run was asked for or began,
# so a wait can tell the run an interaction caused from one that was already under way.
RUN_COUNTER = """
window.__runs = {input: 0, starts: [], state: "notRunning"};
for (const kind of ["pointerdown", "click", "keydown", "input", "change"]) {
  document.addEventListener(kind, () => { window.__runs.input = performance.now(); }, true);
}
new MutationObserver(() => {
  const app = document.querySelector("[data-testid=stApp]");
  const state = app ? app.getAttribute("data-test-script-state") : null;
  if (state && state !== window.__runs.state && state !== "notRunning") {
    window.__runs.starts.push(performance.now());
  }
  if (state) window.__runs.state = state;
}).observe(document, {subtree: true, childList: true, attributes: true,
                      attributeFilter: ["data-test-script-state"]});
"""
# A run the last interaction asked for: begun (or requested) at or after it.
_ASKED_FOR = "() => window.__runs.starts.some((at) => at >= window.__runs.input)"
# How long an interaction may take to start its rerun on a loaded machine.
NEW_RUN_MS = 10_000
_counted: weakref.WeakSet[Page] = weakref.WeakSet()


def count_runs(page: Page) -> None:
    """Count this tab's script runs from its next navigation on (goto does it for you)."""
    if page not in _counted:
        page.add_init_script(RUN_COUNTER)
        _counted.add(page)


def wait_until_idle(page: Page, timeout_ms: float = 30_000) -> None:
    """Wait for the script run to finish; a page that is still drawing is not worth checking."""
    page.wait_for_selector(IDLE, state="attached", timeout=timeout_ms)


def wait_for_rerun(page: Page, timeout_ms: float = 30_000) -> None:
    """After an interaction: wait for the run it asked for to begin, then for the end.

    A tab that counts its runs (see count_runs) waits up to NEW_RUN_MS for a run begun at or
    after the last click or key press, so a run that is quick, or slow to start, is never
    missed, nor taken for one already under way; a tab that does not count falls back to
    catching the busy state in a short window.
    """
    if page in _counted and page.evaluate("() => window.__runs !== undefined"):
        with contextlib.suppress(PlaywrightTimeout):
            page.wait_for_function(_ASKED_FOR, timeout=NEW_RUN_MS)
    else:
        with contextlib.suppress(PlaywrightTimeout):
            page.wait_for_selector(BUSY, state="attached", timeout=1_500)
    wait_until_idle(page, timeout_ms)


def goto(page: Page, url: str, settle: bool = False, timeout_ms: float = 30_000) -> None:
    """Navigate and wait for the first script run; `settle` also waits for images and fonts."""
    count_runs(page)
    page.goto(url, wait_until="domcontentloaded", timeout=timeout_ms)
    wait_until_idle(page, timeout_ms)
    page.wait_for_selector(DRAWN, state="attached", timeout=timeout_ms)
    wait_until_idle(page, timeout_ms)
    if settle:
        page.wait_for_load_state("networkidle", timeout=timeout_ms)
