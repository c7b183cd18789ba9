# ruff: noqa: E501  (a message catalogue: one message per line in three languages)
"""The dynamic smoke run: a SCORM package played in headless Chromium with scorm-again as the LMS.

:func:`run_smoke` starts :mod:`oqu.smoke.child` in its own process group with a hard time cap
(``budget``, 15 s by default). The package's code is untrusted and reaches nothing but its own
files, in layers (docs/security.md):

* the child, the Playwright driver and Chromium run in a new **network namespace** with no
  interface up (``unshare(CLONE_NEWNET)``; without root, inside a new user namespace too) —
  no socket of any kind reaches this machine or another;
* no server listens: the browser's requests are answered by interception, every other request
  of any scheme is aborted, every WebSocket refused without a connection;
* Chromium is told to use a dead proxy for everything, loopback included
  (``--proxy-bypass-list=<-loopback>``), to resolve no name (``MAP * ~NOTFOUND``), and to send
  WebRTC nowhere but through that proxy;
* as root, Chromium runs as the unprivileged user :data:`SMOKE_USER` (created if absent) **with
  its sandbox**, never with ``--no-sandbox``; each of its processes under
  ``RLIMIT_DATA`` = :data:`MEMORY_LIMIT`, ``RLIMIT_CPU``, no core files, and the user under
  ``RLIMIT_NPROC``.

The child reads the package from the zip (nothing extracted) and reports each event as it
happens: the API looked up, every run-time call, the first contentful paint of the package's
frame, console errors, and JPEG screenshots of the first screens. When the cap is reached, or a
screenshot cannot be taken because the page's main thread never returns (``while(true){}``),
the child, the Playwright driver and Chromium are killed by process id and the partial result
becomes a finding. Without Playwright or Chromium the run is skipped with an info finding.

The report channel cannot be reached by the package's code (:mod:`oqu.smoke.child`). The
isolation in force is recorded in the report (``isolation``).

Findings carry the rule id ``10.7/smoke`` (a SCORM package must work in the LMS, 10.7); a
slide of an Oqu player's stage that does not fit at 1366×768 (a test aside) is a ``7.5/stage``
warning at the slide's source line (``data-src``), the package's name before ``!``.
"""

from __future__ import annotations

import base64
import contextlib
import importlib.util
import io
import json
import os
import pwd
import resource
import secrets
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from oqu.diagnostics import Diagnostic, Location, Text, finding, msg, register_rule, t

__all__ = [
    "DEFAULT_BUDGET",
    "FIT_RULE",
    "RULE",
    "SmokeResult",
    "chromium_path",
    "findings",
    "run_smoke",
]

RULE = "10.7/smoke"
DEFAULT_BUDGET = 15.0  # seconds, the whole run, browser start included
SHOT_WIDTH = 640  # screenshots are downscaled to this width for the report
MAX_LISTED = 5  # console errors / blocked requests shown as findings (all are in the JSON)
SMOKE_USER = os.environ.get("OQU_SMOKE_USER", "oqu-smoke")  # Chromium's user when run as root
MEMORY_LIMIT = 1 << 30  # RLIMIT_DATA of each Chromium process, bytes
CHILD_MEMORY_LIMIT = 2 << 30  # RLIMIT_DATA of the worker and the Playwright driver, bytes
MAX_PROCESSES = 512  # RLIMIT_NPROC of the smoke user (all its processes together)
DEAD_PROXY = "http://127.0.0.1:9"  # nothing listens (and in the namespace nothing is up)
CHROMIUM_ARGS = [
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-domain-reliability",
    "--dns-prefetch-disable",
    "--no-first-run",
    "--no-pings",
    f"--proxy-server={DEAD_PROXY}",
    "--proxy-bypass-list=<-loopback>",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--webrtc-ip-handling-policy=disable_non_proxied_udp",
    "--force-webrtc-ip-handling-policy",
    "--disable-features=DnsOverHttps,NetworkPrediction,MediaRouter,OptimizationHints",
]

MESSAGES = {
    "summary": msg("info",
        t("Динамикалық тексеру (SCORM {version}): API {api}, {init} {initialized}, мәртебе/балл {status}, {commit} {committed}, бірінші экран {first}",
          "Динамическая проверка (SCORM {version}): API {api}, {init} {initialized}, статус/балл {status}, {commit} {committed}, первый экран {first}",
          "Smoke run (SCORM {version}): API {api}, {init} {initialized}, status/score {status}, {commit} {committed}, first screen {first}")),
    "skipped": msg("info",
        t("Динамикалық тексеру орындалмады: {reason}", "Динамическая проверка не выполнялась: {reason}",
          "The smoke run was skipped: {reason}"),
        t("pip install 'oqu[smoke]' және apt-get install chromium орнатыңыз.",
          "Установите pip install 'oqu[smoke]' и apt-get install chromium.",
          "Install pip install 'oqu[smoke]' and apt-get install chromium.")),
    "not-played": msg("info",
        t("Динамикалық тексеру орындалмады: {reason}", "Динамическая проверка не выполнялась: {reason}",
          "The smoke run was skipped: {reason}")),
    "failed": msg("info",
        t("Динамикалық тексеруді аяқтау мүмкін болмады: {problem}", "Динамическую проверку не удалось завершить: {problem}",
          "The smoke run could not be completed: {problem}")),
    "timeout": msg("error",
        t("Пакет {seconds} с ішінде алғашқы экрандарын көрсетпеді (скрипт шексіз айналуы мүмкін); браузер тоқтатылды",
          "Пакет не показал первые экраны за {seconds} с (скрипт, возможно, зациклен); браузер остановлен",
          "The package did not show its first screens within {seconds} s (a script may loop forever); the browser was stopped"),
        t("Бастапқы беттің скриптерін тексеріңіз: олар шексіз цикл жасамауы керек.",
          "Проверьте скрипты стартовой страницы: в них не должно быть бесконечного цикла.",
          "Check the launch page's scripts for an endless loop.")),
    "no-api": msg("warning",
        t("Пакет LMS API-ін іздемеді: LMS ештеңе жазбайды", "Пакет не искал API LMS: LMS ничего не запишет",
          "The package never looked for the LMS API: the LMS will record nothing"),
        t("Пакетті авторлық құралдан SCORM ретінде қайта жариялаңыз (веб-бет ретінде емес).",
          "Опубликуйте пакет заново как SCORM (а не как веб-страницу).",
          "Publish the package again as SCORM (not as a web page).")),
    "no-init": msg("warning",
        t("Пакет API-ді тапты, бірақ {call} шақырмады", "Пакет нашёл API, но не вызвал {call}",
          "The package found the API but never called {call}")),
    "init-failed": msg("error",
        t("{call} «{result}» қайтарды", "{call} вернул «{result}»", "{call} returned '{result}'")),
    "no-commit": msg("warning",
        t("Пакет {init} шақырды, бірақ {commit} де, {finish} де шақырмады — оқушының нәтижесі жоғалуы мүмкін",
          "Пакет вызвал {init}, но ни {commit}, ни {finish} — результат учащегося может потеряться",
          "The package called {init} but never {commit} nor {finish}: the learner's progress may be lost"),
        t("Маңызды кезеңдерде және pagehide/visibilitychange оқиғаларында Commit шақырыңыз.",
          "Вызывайте Commit на важных этапах и в событиях pagehide/visibilitychange.",
          "Call Commit at milestones and on pagehide/visibilitychange.")),
    "console": msg("warning",
        t("Браузер консолінде қате: {text}", "Ошибка в консоли браузера: {text}", "Error in the browser console: {text}")),
    "external": msg("warning",
        t("Пакет сыртқы ресурсты жүктеуге тырысты (бұғатталды): {url}",
          "Пакет пытался загрузить внешний ресурс (заблокировано): {url}",
          "The package tried to fetch an external resource (blocked): {url}"),
        t("Барлық файлдарды пакетке салыңыз: студенттер офлайн немесе LMS ішінде жұмыс істейді.",
          "Положите все файлы в пакет: студенты работают офлайн или внутри LMS.",
          "Put every file in the package: learners may be offline or inside the LMS only.")),
    "missing": msg("warning",
        t("Ойнату кезінде пакетте жоқ файл сұралды: {target}", "При воспроизведении запрошен файл, которого нет в пакете: {target}",
          "While playing, the package asked for a file it does not hold: {target}")),
    "blank": msg("warning",
        t("Бірінші экран {seconds} с бойы бос болды", "Первый экран оставался пустым {seconds} с",
          "The first screen stayed blank for {seconds} s")),
}  # fmt: skip
register_rule(RULE, MESSAGES)
# 7.5: convenient wherever the learner connects from — an Oqu slide that does not fit its stage
# at 1366×768 scrolls inside the stage (docs/player.md, "The slide stage").
FIT_RULE = "7.5/stage"
register_rule(FIT_RULE, {
    "overflow": msg("warning",
        t("Слайд «{slide}» 1366×768 экранда сахнаға сыймайды: тағы {over} px айналдыру керек (сахна биіктігі {height} px)",
          "Слайд «{slide}» не помещается на сцену при экране 1366×768: ещё {over} px прокрутки (высота сцены {height} px)",
          "Slide '{slide}' does not fit its stage at 1366×768: {over} px more to scroll (the stage is {height} px high)"),
        t("Мәтінді қысқартыңыз, оны екі слайдқа бөліңіз немесе ұзын мәтінді интерактивті элементтің (қойындылар, қадамдар) ішіне салыңыз.",
          "Сократите текст, разделите слайд на два или уберите длинный текст внутрь интерактивного элемента (вкладки, шаги).",
          "Shorten the text, split the slide in two, or move long text into an interaction (tabs, steps).")),
})  # fmt: skip


@dataclass(slots=True)
class Screenshot:
    label: str  # "first", "later", "next"
    jpeg: bytes  # downscaled
    width: int
    height: int
    blank: bool


@dataclass(slots=True)
class SmokeResult:
    status: str  # "ok" | "timeout" | "hang" | "skipped" | "failed"
    version: str
    reason: str = ""
    seconds: float = 0.0
    api_found: bool = False
    calls: list[dict[str, Any]] = field(default_factory=list)
    first_screen_ms: int | None = None
    console_errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    screenshots: list[Screenshot] = field(default_factory=list)
    overflow: list[dict[str, Any]] = field(default_factory=list)  # slides too long (7.5)
    budget: float = DEFAULT_BUDGET
    isolation: dict[str, Any] = field(default_factory=dict)

    @property
    def names(self) -> dict[str, str]:
        if self.version == "2004":
            return {"init": "Initialize", "set": "SetValue", "commit": "Commit",
                    "finish": "Terminate"}  # fmt: skip
        return {"init": "LMSInitialize", "set": "LMSSetValue", "commit": "LMSCommit",
                "finish": "LMSFinish"}  # fmt: skip

    def called(self, key: str, phase: str | None = None) -> list[dict[str, Any]]:
        name = self.names[key]
        return [c for c in self.calls if c["call"] == name and phase in (None, c["phase"])]

    def values_set(self) -> dict[str, str]:
        return {
            str(c["args"][0]): str(c["args"][1]) for c in self.called("set") if len(c["args"]) > 1
        }

    def status_set(self) -> dict[str, str]:
        keys = ("lesson_status", "completion_status", "success_status", "score.raw", "score.scaled")
        return {k: v for k, v in self.values_set().items() if k.endswith(keys)}

    def to_json(self) -> dict[str, Any]:
        init = self.called("init")
        return {
            "status": self.status,
            "reason": self.reason or None,
            "scorm_version": self.version or None,
            "seconds": round(self.seconds, 2),
            "budget": self.budget,
            "api_found": self.api_found,
            "initialized": bool(init) and init[0]["result"] == "true",
            "initialize_result": init[0]["result"] if init else None,
            "status_set": self.status_set(),
            "commit": bool(self.called("commit")),
            "commit_on_exit": bool(self.called("commit", "exit") or self.called("finish", "exit")),
            "finish": bool(self.called("finish")),
            "first_screen_ms": self.first_screen_ms,
            "console_errors": self.console_errors,
            "blocked_requests": self.blocked,
            "missing_files": self.missing,
            "calls": self.calls[:100],
            "isolation": self.isolation,
            "overflow": self.overflow,
            "screenshots": [
                {
                    "label": s.label,
                    "width": s.width,
                    "height": s.height,
                    "blank": s.blank,
                    "data": "data:image/jpeg;base64," + base64.b64encode(s.jpeg).decode("ascii"),
                }
                for s in self.screenshots
            ],
        }


def chromium_path() -> str | None:
    """Chromium to drive: ``$OQU_CHROMIUM``, else ``/usr/bin/chromium``, else on PATH."""
    env = os.environ.get("OQU_CHROMIUM")
    if env:
        return env if Path(env).exists() else None
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    return shutil.which("chromium") or shutil.which("chromium-browser")


# Why a run did not happen or ended early: ``SmokeResult.reason`` keeps the English words (the
# report's JSON), the finding says them in the report's language (issue 15.8).
NO_PLAYWRIGHT = "Playwright is not installed (pip install 'oqu[smoke]')"
NO_CHROMIUM = "Chromium was not found (apt-get install chromium, or set OQU_CHROMIUM)"
NO_LAUNCH = "the package has no launchable page or no known SCORM version (see 10.7)"
FOLDER = "a folder: zip it to play it"
STOPPED = "the browser stopped before the run ended"
REASONS = {
    NO_PLAYWRIGHT: t("Playwright орнатылмаған (pip install 'oqu[smoke]')",
                     "Playwright не установлен (pip install 'oqu[smoke]')", NO_PLAYWRIGHT),
    NO_CHROMIUM: t("Chromium табылмады (apt-get install chromium немесе OQU_CHROMIUM айнымалысы)",
                   "Chromium не найден (apt-get install chromium или переменная OQU_CHROMIUM)",
                   NO_CHROMIUM),
    NO_LAUNCH: t("пакетте іске қосылатын бет немесе белгілі SCORM нұсқасы жоқ (10.7 қараңыз)",
                 "в пакете нет стартовой страницы или известной версии SCORM (см. 10.7)",
                 NO_LAUNCH),
    FOLDER: t("бұл қалта: ойнату үшін оны zip-ке буыңыз",
              "это папка: упакуйте её в zip, чтобы воспроизвести", FOLDER),
    STOPPED: t("браузер тексеру аяқталмай тұрып тоқтады",
               "браузер остановился до конца проверки", STOPPED),
}  # fmt: skip


def _reason(text: str) -> Text | str:
    return REASONS.get(text, text)


def unavailable() -> str:
    """Why the smoke run cannot run here ("" when it can)."""
    if importlib.util.find_spec("playwright") is None:
        return NO_PLAYWRIGHT
    if chromium_path() is None:
        return NO_CHROMIUM
    return ""


def _descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (Linux /proc); Playwright starts Chromium in its own group."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    out: list[int] = []
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def _kill_tree(proc: subprocess.Popen[bytes]) -> None:
    for pid in [*_descendants(proc.pid), proc.pid]:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    proc.wait()


def _screenshot(label: str, data: bytes) -> Screenshot:
    from PIL import Image, ImageStat

    with Image.open(io.BytesIO(data)) as img:
        rgb = img.convert("RGB")
    blank = max(ImageStat.Stat(rgb.convert("L")).stddev) < 2.0
    if rgb.width > SHOT_WIDTH:
        rgb = rgb.resize((SHOT_WIDTH, round(rgb.height * SHOT_WIDTH / rgb.width)))
    out = io.BytesIO()
    rgb.save(out, "JPEG", quality=70, optimize=True)
    return Screenshot(label, out.getvalue(), rgb.width, rgb.height, blank)


def _smoke_user() -> pwd.struct_passwd | None:
    """The unprivileged user Chromium runs as when the checker is root (created if absent)."""
    try:
        return pwd.getpwnam(SMOKE_USER)
    except KeyError:
        pass
    useradd = shutil.which("useradd")
    if useradd:
        subprocess.run(
            [useradd, "--system", "--no-create-home", "--home-dir", "/nonexistent",
             "--shell", "/usr/sbin/nologin", SMOKE_USER],
            capture_output=True, check=False, timeout=30,
        )  # fmt: skip
    try:
        return pwd.getpwnam(SMOKE_USER)
    except KeyError:
        return None


def _wrapper(folder: Path, chromium: str, user: pwd.struct_passwd | None, cpu: int) -> Path:
    """A launcher Playwright starts instead of Chromium: limits, then (as root) the smoke user."""
    prlimit = shutil.which("prlimit")
    setpriv = shutil.which("setpriv")
    parts = []
    if prlimit:
        parts += [prlimit, f"--data={MEMORY_LIMIT}", f"--cpu={cpu}", "--core=0"]
        if user is not None:
            parts += [f"--nproc={MAX_PROCESSES}"]
        parts += ["--"]
    if user is not None and setpriv:
        parts += [setpriv, f"--reuid={user.pw_uid}", f"--regid={user.pw_gid}", "--clear-groups",
                  "--"]  # fmt: skip
    home = folder / "home"
    parts += ["/usr/bin/env", f"HOME={home}", f"XDG_CONFIG_HOME={home}", f"XDG_CACHE_HOME={home}",
              chromium]  # fmt: skip
    script = folder / "chromium"
    quoted = " ".join(shlex.quote(p) for p in parts)
    script.write_text(f'#!/bin/sh\nexec {quoted} "$@"\n')
    script.chmod(0o755)
    return script


def _enter_namespace() -> None:
    """In the child before exec: its own network namespace with nothing up, and limits."""
    with contextlib.suppress(OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    with contextlib.suppress(OSError, ValueError):
        resource.setrlimit(resource.RLIMIT_DATA, (CHILD_MEMORY_LIMIT, CHILD_MEMORY_LIMIT))
    if os.geteuid() == 0:
        with contextlib.suppress(OSError):
            os.unshare(os.CLONE_NEWNET)
        return
    uid, gid = os.getuid(), os.getgid()
    try:
        os.unshare(os.CLONE_NEWUSER | os.CLONE_NEWNET)
    except OSError:
        return  # no namespaces here: the other layers remain
    with contextlib.suppress(OSError):  # the same ids inside: Chromium must not see root
        Path("/proc/self/setgroups").write_text("deny")
        Path("/proc/self/uid_map").write_text(f"{uid} {uid} 1")
        Path("/proc/self/gid_map").write_text(f"{gid} {gid} 1")


def run_smoke(
    zip_path: Path, version: str, launch: str, *, budget: float = DEFAULT_BUDGET
) -> SmokeResult:
    """Play the package's launch page; never runs longer than ``budget`` seconds."""
    result = SmokeResult("ok", version, budget=budget)
    why = unavailable()
    if why:
        result.status, result.reason = "skipped", why
        return result
    chromium = chromium_path()
    assert chromium is not None
    user = _smoke_user() if os.geteuid() == 0 else None
    # Chromium's sandbox needs a user that is not root: the smoke user, or ourselves.
    sandbox = os.geteuid() != 0 or (user is not None and shutil.which("setpriv") is not None)
    folder = Path(tempfile.mkdtemp(prefix="oqu-smoke-"))
    try:
        folder.chmod(0o755)
        for sub in ("home", "profile"):
            (folder / sub).mkdir(mode=0o700)
            if user is not None and sandbox:
                os.chown(folder / sub, user.pw_uid, user.pw_gid)
        cpu = int(budget) * 2 + 10
        wrapper = _wrapper(folder, chromium, user if sandbox else None, cpu)
        zip_file = zip_path.open("rb")  # passed open: the child may not see its folder
        try:
            return _play(result, zip_path, zip_file.fileno(), version, launch, budget,
                         wrapper, folder / "profile", sandbox, user)  # fmt: skip
        finally:
            zip_file.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _play(
    result: SmokeResult,
    zip_path: Path,
    zip_fd: int,
    version: str,
    launch: str,
    budget: float,
    wrapper: Path,
    profile: Path,
    sandbox: bool,
    user: pwd.struct_passwd | None,
) -> SmokeResult:
    cfg = {
        "zip": str(zip_path),
        "zip_fd": zip_fd,
        "launch": launch,
        "version": version,
        "chromium": str(wrapper),
        "profile": str(profile),
        "sandbox": sandbox,
        "token": secrets.token_hex(16),
        "args": CHROMIUM_ARGS + ([] if sandbox else ["--no-sandbox"]),
        "first_ms": min(3000, budget * 250),
        "shot_ms": min(3000, budget * 200),
        "settle": 1.0,
        "fit_by": budget * 0.7,  # seconds after the start: the stage's fit is measured (7.5)
    }
    start = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", "oqu.smoke.child", json.dumps(cfg)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        pass_fds=(zip_fd,),
        preexec_fn=_enter_namespace,  # only os calls between fork and exec
    )
    result.isolation = {
        "user": user.pw_name
        if (user is not None and sandbox)
        else pwd.getpwuid(os.getuid()).pw_name,
        "chromium_sandbox": sandbox,
        "memory_limit_bytes": MEMORY_LIMIT if shutil.which("prlimit") else None,
        "cpu_limit_seconds": int(budget) * 2 + 10 if shutil.which("prlimit") else None,
        "time_limit_seconds": budget,
    }
    events: list[dict[str, Any]] = []
    stop = threading.Event()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            try:
                ev = json.loads(line)
            except ValueError:
                continue
            if stop.is_set():
                continue  # after the end: the browser being killed says nothing of the package
            events.append(ev)
            if ev.get("kind") in ("hang", "done"):
                stop.set()  # nothing more to learn: do not wait for Chromium to close

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    while proc.poll() is None and not stop.is_set() and time.monotonic() - start < budget:
        stop.wait(0.05)
    _kill_tree(proc)  # also a Chromium left behind by a crashed driver
    reader.join(2)
    if proc.stdout is not None:
        proc.stdout.close()
    kinds = {e.get("kind") for e in events}
    if "hang" in kinds:
        result.status = "hang"
    elif "done" not in kinds and time.monotonic() - start >= budget:
        result.status = "timeout"
    result.seconds = time.monotonic() - start
    _collect(result, events)
    return result


def _collect(result: SmokeResult, events: list[dict[str, Any]]) -> None:
    origin = 0.0
    for ev in events:
        kind = ev.get("kind")
        if kind == "isolation":
            up = list(ev.get("interfaces_up", []))
            result.isolation["network_namespace"] = not up
            result.isolation["interfaces_up"] = up
        elif kind == "sandbox":
            result.isolation["renderer_sandboxed"] = ev.get("sandboxed")
        elif kind == "harness":
            origin = float(ev["origin"])
        elif kind == "lookup":
            result.api_found = True
        elif kind == "lms":
            result.api_found = True
            call = {"call": ev["call"], "args": ev["args"], "result": ev["result"]}
            result.calls.append({**call, "phase": ev["phase"], "t_ms": round(float(ev["t"]))})
        elif kind == "fcp" and origin and result.first_screen_ms is None:
            result.first_screen_ms = max(0, round(float(ev["t"]) - origin))
        elif kind == "console" and str(ev["text"]).startswith("Failed to load resource"):
            continue  # a blocked or missing file: reported as such
        elif kind == "console" and len(result.console_errors) < 50:
            result.console_errors.append(str(ev["text"]))
        elif kind == "blocked" and len(result.blocked) < 50:
            result.blocked.append(str(ev["url"]))
        elif kind == "missing" and len(result.missing) < 50:
            result.missing.append(str(ev["path"]))
        elif kind == "overflow":
            keys = ("slide", "src", "over", "height")
            result.overflow.append({k: ev.get(k) for k in keys})
        elif kind == "shot":
            with contextlib.suppress(OSError, ValueError):
                result.screenshots.append(_screenshot(ev["label"], base64.b64decode(ev["data"])))
        elif kind == "error" and result.status == "ok":
            result.status, result.reason = "failed", str(ev["problem"])
    if result.status == "ok" and not any(e.get("kind") == "done" for e in events):
        result.status, result.reason = "failed", STOPPED


def findings(result: SmokeResult, location: Location) -> Iterator[Diagnostic]:
    """The run's findings (rule ``10.7/smoke``)."""
    loc = location
    if result.status == "skipped":  # the hint to install only when that is what is missing
        install = result.reason in (NO_PLAYWRIGHT, NO_CHROMIUM)
        variant = "skipped" if install else "not-played"
        yield finding(RULE, variant, loc, reason=_reason(result.reason))
        return
    if result.status == "failed" and not result.calls and not result.screenshots:
        yield finding(RULE, "failed", loc, problem=_reason(result.reason))
        return
    n = result.names
    if result.status in ("timeout", "hang"):
        yield finding(RULE, "timeout", loc, seconds=f"{result.seconds:.1f}")
    elif result.status == "failed":
        yield finding(RULE, "failed", loc, problem=_reason(result.reason))
    data = result.to_json()
    init = result.called("init")
    complete = result.status == "ok"
    if complete and not result.api_found:
        yield finding(RULE, "no-api", loc)
    elif complete and not init:
        yield finding(RULE, "no-init", loc, call=n["init"])
    elif init and init[0]["result"] != "true":
        yield finding(RULE, "init-failed", loc, call=n["init"], result=init[0]["result"])
    if complete and init and not result.called("commit") and not result.called("finish"):
        yield finding(
            RULE, "no-commit", loc, init=n["init"], commit=n["commit"], finish=n["finish"]
        )
    for text in result.console_errors[:MAX_LISTED]:
        yield finding(RULE, "console", loc, text=text)
    for url in result.blocked[:MAX_LISTED]:
        yield finding(RULE, "external", loc, url=url)
    for path in result.missing[:MAX_LISTED]:
        yield finding(RULE, "missing", Location(f"{loc.file}!{path}"), target=path)
    for row in result.overflow:
        file, _, line = str(row.get("src") or "").rpartition(":")
        where = Location(f"{loc.file}!{file}", int(line)) if line.isdigit() and file else loc
        yield finding(FIT_RULE, "overflow", where, slide=row["slide"], over=row["over"],
                      height=row["height"])  # fmt: skip
    if result.screenshots and all(s.blank for s in result.screenshots):
        yield finding(RULE, "blank", loc, seconds=f"{result.seconds:.1f}")
    status = ", ".join(f"{k}={v}" for k, v in result.status_set().items()) or "—"
    first = f"{result.first_screen_ms} ms" if result.first_screen_ms is not None else "—"
    yield finding(
        RULE,
        "summary",
        loc,
        version=result.version,
        api="+" if result.api_found else "−",
        init=n["init"],
        initialized="+" if data["initialized"] else "−",
        status=status,
        commit=n["commit"],
        committed="+" if data["commit"] else "−",
        first=first,
    )
