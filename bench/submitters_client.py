"""The load generator of bench/submitters.py: simulated browsers answering a consultation,
on asyncio and the standard library (a small HTTP/1.1 client: keep-alive when the server
offers it, cookies, redirects followed by hand so each step is checked).

Each browser, again and again until the time is up, with a new cookie jar each time (a new
resident): the consultation's page, start (sending the form as a browser does: its hidden
CSRF token, the optional email left blank, the hidden honeypot left blank), the question
page (a choice and a unique text, the "submission token"), "about you" sent as shown (every
optional question left blank), check your answers (which must show the token), send, and
the confirmation page. Only a confirmation page that came back counts as acknowledged."""

from __future__ import annotations

import asyncio
import random
import re
import resource
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit

TIMEOUT = 60.0  # seconds for one request, queueing included
SENT_HEADING = "Your response has been sent"


@dataclass
class Target:
    base: str
    consultation_id: int
    page_id: int
    choice_field: str
    choices: tuple[str, ...]
    text_field: str
    text_question_id: int


class JourneyError(Exception):
    """A journey that did not reach the confirmation: ``kind`` says where and why."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: str = ""
    cookies: list[str] = field(default_factory=list)


class Browser:
    """One connection (reopened when the server closes it) and one cookie jar."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.cookies: dict[str, str] = {}
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.requests = 0

    def new_resident(self) -> None:
        self.cookies.clear()

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.reader = self.writer = None

    async def request(
        self, method: str, path: str, form: list[tuple[str, str]] | None = None
    ) -> Reply:
        body = urlencode(form).encode() if form is not None else b""
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}",
                 "Accept: text/html", "User-Agent: engage-bench-submitters"]  # fmt: skip
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        if form is not None:
            lines += ["Content-Type: application/x-www-form-urlencoded",
                      f"Content-Length: {len(body)}"]  # fmt: skip
        message = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body
        reused = self.writer is not None
        try:
            reply = await asyncio.wait_for(self._exchange(message), TIMEOUT)
        except (ConnectionError, asyncio.IncompleteReadError):
            await self.close()
            if not reused:
                raise
            # The server closed a kept-alive connection before reading: send again on a new
            # one, as browsers do. Anything else is an error of the journey.
            reply = await asyncio.wait_for(self._exchange(message), TIMEOUT)
        except BaseException:
            await self.close()
            raise
        self.requests += 1
        for cookie in reply.cookies:
            name, _, value = cookie.split(";", 1)[0].partition("=")
            if value and "expires=thu, 01 jan 1970" not in cookie.lower():
                self.cookies[name.strip()] = value.strip()
            else:
                self.cookies.pop(name.strip(), None)
        return reply

    async def _exchange(self, message: bytes) -> Reply:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(message)
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionResetError("closed before answering")
        reply = Reply(status=int(status_line.split()[1]), headers={})
        while (line := await self.reader.readline()) not in (b"\r\n", b"\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            name, value = name.strip().lower(), value.strip()
            if name == "set-cookie":
                reply.cookies.append(value)
            reply.headers[name] = value
        if "content-length" in reply.headers:
            raw = await self.reader.readexactly(int(reply.headers["content-length"]))
        elif reply.headers.get("transfer-encoding", "").lower() == "chunked":
            raw = await self._chunked()
        else:
            raw = await self.reader.read()
            reply.headers["connection"] = "close"
        reply.body = raw.decode("utf-8", "replace")
        if reply.headers.get("connection", "").lower() == "close":
            await self.close()
        return reply

    async def _chunked(self) -> bytes:
        assert self.reader is not None
        parts = []
        while size := int((await self.reader.readline()).split(b";")[0], 16):
            parts.append(await self.reader.readexactly(size))
            await self.reader.readline()
        await self.reader.readline()
        return b"".join(parts)


_FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S)
_INPUT = re.compile(r"<input\b([^>]*)>")
_TEXTAREA = re.compile(r"<textarea\b([^>]*)>(.*?)</textarea>", re.S)
_SELECT = re.compile(r"<select\b([^>]*)>(.*?)</select>", re.S)
_OPTION = re.compile(r"<option\b([^>]*)>")
_ATTRIBUTE = re.compile(r'([\w-]+)(?:="([^"]*)")?')


def _attributes(text: str) -> dict[str, str]:
    return {name: value or "" for name, value in _ATTRIBUTE.findall(text)}


def form_of(html: str, step: str) -> list[tuple[str, str]]:
    """What a browser sends from the page's POST form untouched: hidden and text inputs with
    their values, checked radios and checkboxes, each select's chosen option, text areas."""
    for form_attributes, inside in _FORM.findall(html):
        if 'method="post"' not in form_attributes or 'name="csrf_token"' not in inside:
            continue
        sent: list[tuple[str, str]] = []
        for raw in _INPUT.findall(inside):
            attributes = _attributes(raw)
            kind, name = attributes.get("type", "text"), attributes.get("name")
            if not name or kind in ("submit", "button", "file"):
                continue
            if kind in ("radio", "checkbox") and "checked" not in attributes:
                continue
            sent.append((name, attributes.get("value", "on" if kind == "checkbox" else "")))
        for raw, text in _TEXTAREA.findall(inside):
            sent.append((_attributes(raw).get("name", ""), text))
        for raw, options in _SELECT.findall(inside):
            choices = [_attributes(option) for option in _OPTION.findall(options)]
            chosen = next((c for c in choices if "selected" in c), choices[0] if choices else {})
            sent.append((_attributes(raw).get("name", ""), chosen.get("value", "")))
        return sent
    raise JourneyError(f"{step}: no form with a CSRF token")


def _path(location: str) -> str:
    parts = urlsplit(location)
    return parts.path + (f"?{parts.query}" if parts.query else "")


async def _get(browser: Browser, path: str, step: str) -> Reply:
    reply = await browser.request("GET", path)
    if reply.status != 200:
        raise JourneyError(f"{step}: HTTP {reply.status}")
    return reply


async def _post(browser: Browser, path: str, form: list, step: str, expected: str) -> None:
    reply = await browser.request("POST", path, form)
    if reply.status != 302:
        raise JourneyError(f"{step}: HTTP {reply.status}")
    went = _path(reply.headers.get("location", ""))
    if went != expected:
        raise JourneyError(f"{step}: sent to {re.sub(r'[0-9]+', 'N', went)}")


def _fill(form: list[tuple[str, str]], answers: dict[str, str]) -> list[tuple[str, str]]:
    return [(name, value) for name, value in form if name not in answers] + list(answers.items())


async def journey(browser: Browser, target: Target, token: str) -> None:
    """One resident from the consultation's page to the confirmation; raises JourneyError."""
    home = f"/consultations/{target.consultation_id}"
    page = f"{home}/questions/{target.page_id}"
    browser.new_resident()
    shown = await _get(browser, home, "consultation page")
    if f'href="{home}/start"' not in shown.body:
        raise JourneyError("consultation page: no start link")
    start = await _get(browser, f"{home}/start", "start")
    await _post(browser, f"{home}/start", form_of(start.body, "start"), "start sent", page)
    questions = await _get(browser, page, "question page")
    if f'name="{target.choice_field}"' not in questions.body:
        raise JourneyError("question page: the questions are missing")
    answers = {
        target.choice_field: random.choice(target.choices),  # noqa: S311 - not a secret
        target.text_field: token,
        "action": "continue",
    }
    form = _fill(form_of(questions.body, "question page"), answers)
    await _post(browser, page, form, "question page sent", f"{home}/about-you")
    about = await _get(browser, f"{home}/about-you", "about you")
    form = form_of(about.body, "about you")
    await _post(browser, f"{home}/about-you", form, "about you sent", f"{home}/check")
    check = await _get(browser, f"{home}/check", "check your answers")
    if token not in check.body:
        raise JourneyError("check your answers: the typed answer is not shown")
    form = form_of(check.body, "check your answers")
    await _post(browser, f"{home}/check", form, "send", f"{home}/sent")
    sent = await _get(browser, f"{home}/sent", "confirmation")
    if SENT_HEADING not in sent.body:
        raise JourneyError("confirmation: no confirmation heading")


@dataclass
class Window:
    """The measured stretch: from ``start`` (after the ramp) to ``end`` (perf_counter)."""

    start: float
    end: float


@dataclass
class Tally:
    acknowledged: list[str] = field(default_factory=list)  # confirmed within the window
    outside: list[str] = field(default_factory=list)  # confirmed in the ramp, or after the end
    journey_seconds: list[float] = field(default_factory=list)
    errors: Counter = field(default_factory=Counter)
    cut_off: int = 0


async def _submitter(
    target: Target, number: str, tally: Tally, browser: Browser, window: Window, ramp: float
) -> None:
    await asyncio.sleep(random.uniform(0, ramp))  # noqa: S311 - arrivals spread over the ramp
    count = 0
    while time.perf_counter() < window.end:
        count += 1
        token = f"bench-{number}-{count}-{random.getrandbits(32):08x}"
        began = time.perf_counter()
        try:
            await journey(browser, target, token)
        except asyncio.CancelledError:
            tally.cut_off += 1
            raise
        except JourneyError as problem:
            tally.errors[problem.kind] += 1
            await browser.close()
            continue
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as error:
            tally.errors[f"connection: {type(error).__name__}"] += 1
            await browser.close()
            continue
        ended = time.perf_counter()
        # After the end: its cancellation was lost (asyncio.wait_for in Python 3.11).
        if not window.start <= ended <= window.end:
            tally.outside.append(token)
            continue
        tally.journey_seconds.append(ended - began)
        tally.acknowledged.append(token)


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def _load(
    target: Target, clients: int, ramp: float, duration: float, name: str
) -> dict[str, Any]:
    split = urlsplit(target.base)
    tally = Tally()
    browsers = [Browser(split.hostname or "127.0.0.1", split.port or 80) for _ in range(clients)]
    began = time.perf_counter()
    window = Window(began + ramp, began + ramp + duration)
    tasks = {
        asyncio.create_task(_submitter(target, f"{name}c{i}", tally, browser, window, ramp))
        for i, browser in enumerate(browsers)
    }
    await asyncio.sleep(ramp)
    start = (time.perf_counter(), _cpu_seconds(), sum(browser.requests for browser in browsers))
    await asyncio.sleep(max(0.0, window.end - time.perf_counter()))
    end = (time.perf_counter(), _cpu_seconds(), sum(browser.requests for browser in browsers))
    while tasks:  # cancelled again until each has stopped: a cancellation can be lost
        for task in tasks:
            task.cancel()
        _, tasks = await asyncio.wait(tasks, timeout=1)
    for browser in browsers:
        await browser.close()
    return {
        "acknowledged": tally.acknowledged,
        "outside_window": tally.outside,
        "journey_seconds": tally.journey_seconds,
        "errors": dict(tally.errors),
        "cut_off": tally.cut_off,
        "requests": end[2] - start[2],
        "requests_per_journey": 10,
        "elapsed": end[0] - start[0],
        "cpu_seconds": end[1] - start[1],
    }


def run_load(
    target: Target, clients: int, duration: float, name: str, ramp: float = 0.0
) -> dict[str, Any]:
    """Run ``clients`` browsers in this process: they start at random moments over ``ramp``
    seconds, then ``duration`` seconds are measured. What happened in those seconds."""
    return asyncio.run(_load(target, clients, ramp, duration, name))


def percentile(ordered: list[float], wanted: float) -> float:
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, round(wanted / 100 * (len(ordered) - 1)))]
