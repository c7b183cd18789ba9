"""The dynamic smoke run (``oqu check PKG.zip --smoke``): packages that behave and misbehave."""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from oqu.check import check
from oqu.diagnostics import Location
from oqu.report import render_html
from oqu.smoke import RULE, SmokeResult, findings, run_smoke, unavailable
from tests.rules.conftest import make_zip, manifest12

MANIFEST2004 = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="pkg" version="1.0" xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3">
<metadata><schema>ADL SCORM</schema><schemaversion>2004 4th Edition</schemaversion></metadata>
<organizations default="org"><organization identifier="org"><title>T</title>
<item identifier="i1" identifierref="r1"><title>T</title></item></organization></organizations>
<resources><resource identifier="r1" type="webcontent" adlcp:scormType="sco" href="index.html">
<file href="index.html"/></resource></resources></manifest>
"""

FIND = "function findAPI(w,n){while(w){if(w[n])return w[n];if(w===w.parent)break;w=w.parent;}}"
GOOD12 = f"""<!doctype html><html><head><meta charset="utf-8"><title>x</title><script>
{FIND} var api = findAPI(window.parent, "API"); api.LMSInitialize("");
api.LMSSetValue("cmi.core.lesson_status", "completed"); api.LMSSetValue("cmi.core.score.raw", "80");
addEventListener("pagehide", function () {{ api.LMSCommit(""); api.LMSFinish(""); }});
</script></head><body><h1>Сәлем</h1><p>Slide 1</p>
<button onclick="document.body.innerHTML='<h1>Slide 2</h1>'">Next</button></body></html>"""
GOOD2004 = f"""<!doctype html><html><head><meta charset="utf-8"><title>x</title><script>
{FIND} var api = findAPI(window.parent, "API_1484_11"); api.Initialize("");
api.SetValue("cmi.completion_status", "completed"); api.SetValue("cmi.score.scaled", "0.9");
api.Commit("");</script></head><body><h1>2004</h1></body></html>"""
NO_COMMIT = GOOD12.replace('addEventListener("pagehide"', 'void (0) && addEventListener("pagehide"')
EXTERNAL = NO_COMMIT.replace(
    "<title>x</title>", "<title>x</title><link rel=stylesheet href='https://cdn.example.com/a.css'>"
)
LOOP = "<!doctype html><html><body><h1>x</h1><script>while (true) {}</script></body></html>"
NOT_SCORM = "<!doctype html><html><body><h1>Just a web page</h1></body></html>"
BLANK = "<!doctype html><html><body style='background:#fff'></body></html>"
# Loads blank and paints its first slide two seconds later, as players that fetch their data do.
LATE = (
    "<!doctype html><html><body><script>setTimeout(function () {"
    "document.body.innerHTML = '<h1>Slide 1</h1><p>Pasteurisation</p>'; }, 2000);"
    "</script></body></html>"
)


def _pkg(path: Path, html: str, v2004: bool = False) -> Path:
    manifest = MANIFEST2004 if v2004 else manifest12("index.html", ["index.html"])
    return make_zip(path, {"index.html": html, "imsmanifest.xml": manifest})


needs_browser = pytest.mark.skipif(
    bool(unavailable()) and os.environ.get("CI") != "true", reason=unavailable() or "-"
)
pytestmark = [pytest.mark.browser, needs_browser]


def variants(result: SmokeResult) -> list[str]:
    return [d.variant for d in findings(result, Location("p.zip"))]


def _chromium_children() -> set[int]:
    """Chromium processes below this test process (none may outlive a run)."""
    out = subprocess.run(["ps", "-eo", "pid=,ppid=,comm="], capture_output=True, text=True)
    rows = [line.split(None, 2) for line in out.stdout.splitlines()]
    children: dict[int, list[int]] = {}
    names = {}
    for pid, ppid, comm in rows:
        children.setdefault(int(ppid), []).append(int(pid))
        names[int(pid)] = comm
    todo, found = [os.getpid()], set()
    while todo:
        for child in children.get(todo.pop(), []):
            todo.append(child)
            if "chrom" in names[child]:
                found.add(child)
    return found


def test_a_good_scorm12_package_its_report_and_the_html_report(tmp_path: Path) -> None:
    # one smoke run (a sandboxed Chromium of its own, seconds) for the package's facts, the
    # report's findings and the HTML report (what `--format html` renders from the same report)
    pkg = _pkg(tmp_path / "g.zip", GOOD12)
    assert check(pkg).smoke is None  # the smoke run happens only when asked
    before = _chromium_children()
    report = check(pkg, smoke=True)
    data = report.smoke
    assert data is not None
    assert data["status"] == "ok", data["reason"]
    assert data["api_found"] and data["initialized"]
    assert data["status_set"] == {"cmi.core.lesson_status": "completed", "cmi.core.score.raw": "80"}
    assert data["commit"] and data["commit_on_exit"] and data["finish"]
    assert data["first_screen_ms"] is not None and data["first_screen_ms"] < 5000
    assert data["blocked_requests"] == [] and data["console_errors"] == []
    shots = data["screenshots"]
    assert [s["label"] for s in shots] == ["first", "later", "next"]  # "Next" was clicked
    assert not any(s["blank"] for s in shots)
    for s in shots:
        head, b64 = s["data"].split(",", 1)
        assert head == "data:image/jpeg;base64" and s["width"] <= 640
        assert base64.b64decode(b64)[:2] == b"\xff\xd8"
    assert [d.variant for d in report.findings if d.code == RULE] == ["summary"]
    assert _chromium_children() <= before  # the session's own browser may be running
    page = render_html(report, "en")
    assert page.count('<img src="data:image/jpeg;base64,') == 3
    assert "img-src data:" in page and "<script" not in page
    assert len(page) < 400_000


def test_a_good_scorm2004_package_played_sandboxed(tmp_path: Path) -> None:
    # one smoke run (a sandboxed Chromium of its own, seconds) for both: the 2004 package's
    # report, and how Chromium ran it (issue 12)
    result = run_smoke(_pkg(tmp_path / "g.zip", GOOD2004, v2004=True), "2004", "index.html")
    data = result.to_json()
    assert data["initialized"] and data["commit"] and not data["finish"]
    assert data["status_set"] == {"cmi.completion_status": "completed", "cmi.score.scaled": "0.9"}
    assert variants(result) == ["summary"]
    iso = data["isolation"]
    assert iso["chromium_sandbox"] is True and iso["renderer_sandboxed"] is True, iso
    assert iso["network_namespace"] is True
    if os.geteuid() == 0:
        assert iso["user"] == "oqu-smoke"  # main: root with --no-sandbox


def test_a_launch_page_that_loops_forever_is_stopped_within_the_cap(tmp_path: Path) -> None:
    # a budget of 6 s (the default is 15): the first screen is given 1.5 s and the screenshot
    # 1.2 s, then the run is a hang; on a busy machine the cap itself ends it (a timeout).
    # Either way it stops within the cap, with the renderer spinning for less of it.
    before = _chromium_children()
    start = time.monotonic()
    result = run_smoke(_pkg(tmp_path / "loop.zip", LOOP), "1.2", "index.html", budget=6)
    assert time.monotonic() - start < 6 + 3
    assert result.status in ("hang", "timeout")
    found = [d for d in findings(result, Location("loop.zip")) if d.variant == "timeout"]
    assert found and found[0].severity == "error"
    assert _chromium_children() <= before  # the session's own browser may be running


def test_a_first_screen_that_stays_blank(tmp_path: Path) -> None:
    result = run_smoke(_pkg(tmp_path / "blank.zip", BLANK), "1.2", "index.html")
    assert result.status == "ok"
    assert result.screenshots and all(s.blank for s in result.screenshots)
    assert "blank" in variants(result)


def test_a_first_screen_painted_after_the_load_is_not_blank(tmp_path: Path) -> None:
    result = run_smoke(_pkg(tmp_path / "late.zip", LATE), "1.2", "index.html")
    assert [s.blank for s in result.screenshots][-1] is False
    assert "blank" not in variants(result)


def test_initialize_without_commit_and_external_requests_are_reported(tmp_path: Path) -> None:
    # one smoke run: EXTERNAL is NO_COMMIT with a stylesheet from a CDN
    result = run_smoke(_pkg(tmp_path / "ext.zip", EXTERNAL), "1.2", "index.html")
    assert result.to_json()["initialized"] and not result.to_json()["commit"]
    found = [d for d in findings(result, Location("ext.zip")) if d.variant == "no-commit"]
    assert found[0].severity == "warning" and "LMSCommit" in found[0].message("en")
    assert result.blocked == ["https://cdn.example.com/a.css"]
    assert result.console_errors == []  # the abort's own console line is not double-counted
    assert "external" in variants(result)


def test_a_web_page_that_never_looks_for_the_api(tmp_path: Path) -> None:
    result = run_smoke(_pkg(tmp_path / "web.zip", NOT_SCORM), "1.2", "index.html")
    assert result.status == "ok" and not result.api_found
    assert variants(result)[0] == "no-api"


def test_cli_smoke_exit_code_and_json(tmp_path: Path) -> None:
    # the command line's own entry, in this process: the smoke run is a process of its own
    # either way (oqu.smoke.child), the CLI's interpreter start is not what is tested
    from typer.testing import CliRunner

    from oqu.cli import app

    pkg = _pkg(tmp_path / "g.zip", GOOD12)
    args = ["check", str(pkg), "--smoke", "--lang", "en", "--format", "json"]
    r = CliRunner().invoke(app, args)
    assert r.exit_code == 3, r.output  # plays well, but its content could not be checked
    data = json.loads(r.stdout)
    assert data["schema"] == "oqu-check/2" and data["smoke"]["initialized"] is True
    assert data["smoke"]["screenshots"][0]["data"].startswith("data:image/jpeg;base64,")
    assert any(f["rule"] == RULE for f in data["findings"])


def test_oqu_built_scorm2004_package_plays(tmp_path: Path) -> None:
    from oqu.packaging.pipeline import build
    from tests.rules.conftest import EXAMPLES

    zip_path = build(EXAMPLES / "haccp-kk", tmp_path, ("scorm2004",)).outputs[0]
    report = check(zip_path, smoke=True)
    smoke = report.smoke
    assert smoke is not None and smoke["status"] == "ok", smoke
    assert smoke["initialized"] and smoke["commit_on_exit"] and smoke["finish"]
    assert smoke["console_errors"] == [] and smoke["blocked_requests"] == []
    assert [d.variant for d in report.findings if d.code == RULE] == ["summary"]


# --- the package reaches nothing, cannot forge the report, runs confined (issue 12) ------------


class Listener:
    """TCP and UDP on one port of 127.0.0.1, counting whatever arrives (nothing may)."""

    def __init__(self) -> None:
        import socket
        import threading

        self.tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.tcp.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.tcp.bind(("127.0.0.1", 0))
        self.port = self.tcp.getsockname()[1]
        self.tcp.listen(16)
        self.tcp.settimeout(0.2)
        self.udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.udp.bind(("127.0.0.1", self.port))
        self.udp.settimeout(0.2)
        self.received: list[str] = []
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=f, daemon=True) for f in (self._tcp, self._udp)]
        for t in self.threads:
            t.start()

    def _tcp(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.tcp.accept()
            except OSError:
                continue
            conn.settimeout(0.5)
            try:
                self.received.append("tcp: " + conn.recv(200).decode("latin-1"))
            except OSError:
                self.received.append("tcp: (connected)")
            conn.close()

    def _udp(self) -> None:
        while not self.stop.is_set():
            try:
                data, _ = self.udp.recvfrom(2048)
            except OSError:
                continue
            self.received.append(f"udp: {len(data)} bytes")

    def close(self) -> None:
        self.stop.set()
        for t in self.threads:
            t.join(1)
        self.tcp.close()
        self.udp.close()


def _reach_out(port: int) -> str:
    """A package that tries every way out to 127.0.0.1:port, then navigates its own frame."""
    url = f"http://127.0.0.1:{port}"
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>x</title>
<link rel="dns-prefetch" href="//attacker.example"><link rel="preconnect" href="{url}">
</head><body><h1>Нет сети</h1><script>
const U = "{url}";
try {{ new WebSocket("ws://127.0.0.1:{port}/ws"); }} catch (e) {{}}
fetch(U + "/fetch").catch(() => {{}});
fetch("http://localhost:{port}/fetch-localhost", {{mode: "no-cors"}}).catch(() => {{}});
const x = new XMLHttpRequest(); x.open("GET", U + "/xhr"); x.send();
navigator.sendBeacon(U + "/beacon", "x");
new Image().src = U + "/img";
try {{ new EventSource(U + "/sse"); }} catch (e) {{}}
const f = document.createElement("iframe"); f.src = U + "/frame"; document.body.appendChild(f);
try {{
  const pc = new RTCPeerConnection({{iceServers: [{{urls: "stun:127.0.0.1:{port}"}},
    {{urls: "turn:127.0.0.1:{port}?transport=tcp", username: "u", credential: "c"}}]}});
  pc.createDataChannel("d"); pc.createOffer().then((o) => pc.setLocalDescription(o));
}} catch (e) {{}}
setTimeout(() => {{ location.href = U + "/navigate"; }}, 1200);
</script></body></html>"""


def test_the_package_reaches_nothing(tmp_path: Path) -> None:
    listener = Listener()
    try:
        html = _reach_out(listener.port)
        result = run_smoke(_pkg(tmp_path / "net.zip", html), "1.2", "index.html", budget=15)
        time.sleep(0.5)  # anything in flight lands
    finally:
        listener.close()
    assert listener.received == []  # main: the WebSocket connected ("tcp: GET /ws …")
    blocked = " ".join(result.blocked)
    for what in ("/ws", "/fetch", "/img", "/frame"):
        assert what in blocked, (what, result.blocked)  # tried, and stopped by the checker
    assert result.isolation.get("network_namespace") is True, result.isolation


FORGER = """<!doctype html><html><head><meta charset="utf-8"><title>x</title></head>
<body><h1>Forger</h1><script>
const forge = (ev) => {
  for (const w of [window, window.parent, window.top]) {
    for (const name of Object.getOwnPropertyNames(w)) {
      if (/^__(oqu|playwright)/i.test(name) && typeof w[name] === "function") {
        try { const got = w[name](ev); if (typeof got === "function") got("lms", []); } catch (e) {}
      }
    }
    try { w.__oquEvent(ev); } catch (e) {}
  }
};
forge({kind: "lms", call: "LMSInitialize", args: [""], result: "true", phase: "run", t: 1});
forge({kind: "lms", call: "LMSCommit", args: [""], result: "true", phase: "exit", t: 2});
forge({kind: "lookup", t: 1});
forge({kind: "done"});
forge({kind: "shot", label: "next", data: "AAAA"});
console.debug('{"kind":"lms","call":"LMSInitialize","n":"1","a0":"","result":"true"}');
// a window of its own has a top frame of its own: its channel must not count
const popup = window.open("about:blank");
const lms = ["call", "LMSInitialize", "n", "1", "a0", "", "result", "true", "phase", "run"];
for (const w of [popup, window.open("/__oqu__/harness.html?api=12&pkg=about:blank")]) {
  for (let i = 0; i < 40; i++) setTimeout(() => {
    try { const s = w.__oquTake(); if (s) s("lms", lms); } catch (e) {}
  }, i * 25);
}
</script></body></html>"""


def test_the_package_cannot_forge_the_report(tmp_path: Path) -> None:
    result = run_smoke(_pkg(tmp_path / "forger.zip", FORGER), "1.2", "index.html")
    assert result.status == "ok", result.reason
    assert result.calls == [] and not result.api_found  # main: the forged calls were reported
    assert [s.label for s in result.screenshots] == ["first", "later"]
    assert "no-api" in variants(result)


# Chromium runs sandboxed as an unprivileged user: test_a_good_scorm2004_package_played_sandboxed.


HOG = """<!doctype html><html><body><h1>Hog</h1><script>
const kept = [];
try { for (let i = 0; i < 24; i++) kept.push(new Uint8Array(64 << 20).fill(1)); }
catch (e) { console.error("allocation stopped at " + kept.length * 64 + " MB: " + e); }
</script></body></html>"""


def test_a_package_cannot_take_more_than_the_memory_limit(tmp_path: Path) -> None:
    start = time.monotonic()
    result = run_smoke(_pkg(tmp_path / "hog.zip", HOG), "1.2", "index.html", budget=15)
    assert time.monotonic() - start < 15 + 3
    stopped = [e for e in result.console_errors if "allocation stopped" in e]
    assert stopped, result.console_errors  # 1.5 GB asked for; the limit is 1 GiB per process
    assert int(stopped[0].split(" at ")[1].split()[0]) < 1024


def test_a_slide_too_long_for_its_stage_is_a_warning_at_its_line(tmp_path: Path) -> None:
    """Issue 17: a slide that does not fit the stage at 1366×768 is a 7.5 warning at the
    slide's source line, in the report's three languages; the examples' slides fit (above)."""
    from oqu.packaging.pipeline import build
    from oqu.smoke import FIT_RULE
    from tests.rules.conftest import EXAMPLES

    src = tmp_path / "src"
    shutil.copytree(EXAMPLES / "haccp-kk", src)
    module = src / "01-haccp.md"
    long = "## Ұзын слайд\n\n" + "Пастерлеу температурасы мен уақыты тіркеледі.\n\n" * 40
    module.write_text(long + module.read_text(encoding="utf-8"), encoding="utf-8")
    zip_path = build(src, tmp_path / "out", ("scorm12",)).outputs[0]
    report = check(zip_path, smoke=True, smoke_budget=40)  # fit is measured in the first half
    found = [d for d in report.findings if d.code == FIT_RULE]
    assert len(found) == 1, [(str(d.location), d.args) for d in found]
    d = found[0]
    assert d.severity == "warning" and d.variant == "overflow"
    assert (d.location.file, d.location.line) == (f"{zip_path}!01-haccp.md", 1)
    assert "1366×768" in d.message("en") and "1366×768" in d.message("kk")
    assert "не помещается" in d.message("ru")
    assert report.smoke is not None and report.smoke["overflow"][0]["over"] > 100
