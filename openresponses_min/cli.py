# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""The command line: stream an answer to the terminal, or replay a recorded stream.

    python -m openresponses_min [options] [PROMPT]       (PROMPT, standard input, or both)
    python -m openresponses_min chat [options]            (one turn per line of input)
    python -m openresponses_min replay FILE.sse [--json]

Without an API key it says so in one line and answers from the built-in mock
server, so that it works on any machine; a provider chosen explicitly
without its key is a usage error. ``chat`` holds a conversation over one
WebSocket (``client.responses.connect()``), each turn continuing the last
through ``previous_response_id``; a server that refuses the upgrade is
chatted with over HTTP instead. A live stream and ``replay`` drive the
same ``StreamLifecycle``, so they deliver the same events and judge the end
the same way. What it prints is faithful and safe: surrogate halves split
between deltas are joined (a lone one prints as U+FFFD), the key never
shows, and every error is one line on stderr with control characters
escaped. Exit codes: 0 success, 1 API or response failure, 2 usage error,
130 interrupted. A closed stdout (``| head -1``) ends it quietly.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import logging
import os
import sys
import time
from collections import defaultdict
from dataclasses import dataclass

from ._core.redact import Redactor
from ._core.text import TextJoiner, has_surrogates, json_text, replace_lone_surrogates
from ._version import __version__
from .errors import OpenResponsesError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence
    from typing import IO, Any

    from ._sync.client import Client, Stream
    from ._sync.session import ResponsesConnection
    from .events import Event
    from .response import Response


@dataclass(frozen=True)
class Provider:
    base_url: str
    key_env: str | None
    key_required: bool


PROVIDERS = {
    "openai": Provider("https://api.openai.com/v1", "OPENAI_API_KEY", True),
    "vercel": Provider("https://ai-gateway.vercel.sh/v1", "AI_GATEWAY_API_KEY", True),
    "openrouter": Provider("https://openrouter.ai/api/v1", "OPENROUTER_API_KEY", True),
    "lmstudio": Provider("http://localhost:1234/v1", None, False),
    "ollama": Provider("http://localhost:11434/v1", None, False),
    "vllm": Provider("http://localhost:8000/v1", "VLLM_API_KEY", False),
}
MOCK_PACE = 0.04
"""Seconds between the words of the mock server's answer: about a model's pace."""


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors="replace")  # a narrow console encoding never crashes it
    _log_warnings_on_one_line()
    try:
        if args[:1] == ["replay"]:
            return replay(_replay_parser().parse_args(args[1:]))
        if args[:1] == ["chat"]:
            return chat(_chat_parser().parse_args(args[1:]))
        return ask(_parser().parse_args(args))
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="openresponses-min",
        description="Stream an answer from the OpenAI Responses API or any Open Responses "
        "server. Without an API key, the built-in mock server answers.",
        epilog="Piped standard input is sent too, before the PROMPT. "
        "Also: openresponses-min chat to hold a conversation, "
        "openresponses-min replay FILE.sse [--json] to decode a recorded stream.",
    )
    parser.add_argument("prompt", nargs="?", help="what to ask (default: standard input)")
    _connection_options(parser)
    parser.add_argument(
        "--background",
        action="store_true",
        help="run as a background response, resumed if the stream drops",
    )
    _output_options(parser)
    parser.add_argument(
        "--tool",
        action="append",
        default=[],
        metavar="NAME|FILE.json",
        help="offer a function tool: a name (taking no arguments), or a JSON file holding its "
        "definition; may be repeated. A call is printed to standard error",
    )
    parser.add_argument(
        "--json-schema",
        metavar="FILE.json",
        help="ask for an answer in JSON valid against the schema in this file",
    )
    parser.add_argument("--mock", action="store_true", help="answer from the mock server")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def _chat_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="openresponses-min chat",
        description="Hold a conversation: each line of standard input is a turn, answered "
        "over one WebSocket (over HTTP when the server refuses it), continuing the last "
        "answer. End it with end of input (Ctrl-D). Without an API key, the built-in mock "
        "server answers.",
    )
    _connection_options(parser)
    _output_options(parser)
    parser.add_argument(
        "--http", action="store_true", help="chat over HTTP, without trying WebSocket mode"
    )
    parser.add_argument("--mock", action="store_true", help="answer from the mock server")
    return parser


def _connection_options(parser: argparse.ArgumentParser) -> None:
    """What to ask and where: the options ``ask`` and ``chat`` share."""
    parser.add_argument("--model", default="gpt-5-mini", help="model name (default: %(default)s)")
    parser.add_argument("--instructions", help="system instructions for the model")
    parser.add_argument(
        "--provider",
        choices=PROVIDERS,
        help="preset base URL and key variable (default: openai, or the mock server "
        "when OPENAI_API_KEY is not set)",
    )
    parser.add_argument("--base-url", help="API base URL, overriding the provider's")
    parser.add_argument(
        "--api-key-env", metavar="NAME", help="environment variable holding the API key"
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=600.0,
        help="seconds of silence before giving up (default: %(default)s)",
    )
    parser.add_argument("--max-retries", type=int, default=2, help="default: %(default)s")


def _output_options(parser: argparse.ArgumentParser) -> None:
    """What to print: the options ``ask`` and ``chat`` share."""
    parser.add_argument(
        "--show-reasoning", action="store_true", help="print reasoning summaries to standard error"
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print every event as one line of JSON, exactly as received",
    )
    parser.add_argument(
        "--usage",
        action="store_true",
        help="print tokens, time to first token and total time to standard error",
    )


def _replay_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="openresponses-min replay",
        description="Decode a recorded text/event-stream body and print its text or events.",
    )
    parser.add_argument("file", type=argparse.FileType("rb"), help="the recorded stream")
    parser.add_argument("--json", action="store_true", help="print every event as JSON")
    return parser


def ask(args: argparse.Namespace) -> int:
    prompt = _prompt(args.prompt)
    return _served(args, _parser(), lambda base_url, key: _run(args, prompt, base_url, key))


def chat(args: argparse.Namespace) -> int:
    return _served(args, _chat_parser(), lambda base_url, key: _chat(args, base_url, key))


def _served(
    args: argparse.Namespace,
    parser: argparse.ArgumentParser,
    run: Callable[[str, str], int],
) -> int:
    """``run`` with the base URL and key the options choose, or against the mock server
    when asked to, or when no key is set and nothing else was chosen."""
    if args.max_retries < 0 or args.timeout <= 0:
        parser.error("--max-retries must be >= 0 and --timeout > 0")
    provider = PROVIDERS[args.provider or "openai"]
    key_env = args.api_key_env or provider.key_env
    key = os.environ.get(key_env, "") if key_env else ""
    from_env = os.environ.get("OPENAI_BASE_URL") if args.provider in (None, "openai") else None
    base_url = args.base_url or from_env or provider.base_url
    missing = provider.key_required and not key and not args.base_url and not from_env
    explicit = args.provider is not None or args.api_key_env is not None
    if missing and explicit and not args.mock:
        parser.error(f"{key_env} is not set: --provider {args.provider or 'openai'} needs it")
    if missing and not args.mock:
        _note(
            f"no {key_env} set: answering from the built-in mock server "
            "(set it to ask openai, or see --help)"
        )
    if not (args.mock or missing):
        return run(base_url, key)
    from .mock import MockServer

    with MockServer(pace=MOCK_PACE) as server:
        return run(server.base_url, "")


def _prompt(argument: str | None) -> str:
    """The prompt: piped standard input and the argument, both when both are given."""
    stdin = sys.stdin
    piped = stdin.read() if stdin is not None and not stdin.isatty() else ""
    if argument is None and not piped and stdin is not None and stdin.isatty():
        _parser().error("give a PROMPT, or pipe one in on standard input")
    prompt = "\n\n".join(part.strip("\n") for part in (piped, argument or "") if part.strip())
    if not prompt:
        _parser().error("the prompt is empty")
    return prompt


def _run(args: argparse.Namespace, prompt: str, base_url: str, key: str) -> int:
    client = _client(args, base_url, key, _parser())
    params = _params(args, prompt)
    if args.background:
        params["background"] = True
    if args.tool:
        params["tools"] = [_tool(spec) for spec in args.tool]
    if args.json_schema:
        schema = _json_file(args.json_schema, "--json-schema")
        params["text"] = {"format": {"type": "json_schema", "name": "answer", "schema": schema}}
    started = time.monotonic()
    redactor = Redactor([key])
    with client:
        try:
            stream = client.responses.create(stream=True, **params)
        except OpenResponsesError as exc:
            return _failed(exc, redactor)
        return _shown(stream, args, redactor, started)


def _chat(args: argparse.Namespace, base_url: str, key: str) -> int:
    """One turn per line of input, each continuing the last answer; 1 if any failed."""
    redactor = Redactor([key])
    status = 0
    with _client(args, base_url, key, _chat_parser()) as client, contextlib.ExitStack() as stack:
        try:
            conn = None if args.http else _websocket(client, stack)
        except OpenResponsesError as exc:
            return _failed(exc, redactor)
        previous: str | None = None
        for line in _lines():
            params = _params(args, line)
            if previous is not None:
                params["previous_response_id"] = previous
            started = time.monotonic()
            try:
                if conn is None:
                    stream = client.responses.create(stream=True, **params)
                else:
                    stream = conn.create(**params)
            except OpenResponsesError as exc:
                status = _failed(exc, redactor)
                continue
            if _shown(stream, args, redactor, started):
                status = 1
            else:
                previous = stream.response.id
    return status


NO_WEBSOCKET = frozenset({400, 403, 404, 405, 426, 501})
"""Statuses that refuse the upgrade itself (it carries no body to be wrong): the server
does not take WebSocket mode, so ``chat`` goes on over HTTP. Among them 403, which uvicorn
(vLLM, any FastAPI server) answers to an upgrade it has no route for, though a server may
also mean a refused key by it: the HTTP call then says so."""


def _websocket(client: Client, stack: contextlib.ExitStack) -> ResponsesConnection | None:
    """A connection in WebSocket mode, or ``None`` when the server does not take it."""
    from .errors import APIStatusError

    try:
        return stack.enter_context(client.responses.connect())
    except APIStatusError as exc:
        if exc.status_code not in NO_WEBSOCKET:
            raise
        # "refused", not "does not take": a 403 may be the key (then the HTTP call says so)
        _note(f"the server refused WebSocket mode ({exc.status_code}): chatting over HTTP")
        return None


def _lines() -> Iterator[str]:
    """The turns: each non-blank line of standard input, prompted for on a terminal."""
    stdin = sys.stdin
    if stdin is None:
        return
    while True:
        if stdin.isatty():
            sys.stderr.write("› ")
            sys.stderr.flush()
        line = stdin.readline()
        if not line:
            return
        if line.strip():
            yield line.strip()


def _client(
    args: argparse.Namespace, base_url: str, key: str, parser: argparse.ArgumentParser
) -> Client:
    from ._core.config import Timeout
    from ._sync.client import Client

    try:
        return Client(
            api_key=key,
            base_url=base_url,
            max_retries=args.max_retries,
            timeout=Timeout(args.timeout, connect=min(args.timeout, 10.0)),
        )
    except ValueError as exc:
        parser.error(str(exc))


def _params(args: argparse.Namespace, prompt: str) -> dict[str, Any]:
    params: dict[str, Any] = {"model": args.model, "input": prompt}
    if args.instructions:
        params["instructions"] = args.instructions
    return params


def _shown(stream: Stream, args: argparse.Namespace, redactor: Redactor, started: float) -> int:
    """Print one response's stream as the options ask; its exit status."""
    with stream:
        try:
            first = _show(stream, args, redactor)
        except OpenResponsesError as exc:
            return _failed(exc, redactor)
        except KeyboardInterrupt:
            stream.close()
            raise
    response = stream.response
    _report(response, redactor)
    if args.usage:
        _usage(response, first, started)
    return 0


def replay(args: argparse.Namespace) -> int:
    from ._core.lifecycle import StreamLifecycle

    with args.file:
        body = args.file.read()
    lifecycle = StreamLifecycle()
    lifecycle.feed(body)
    lifecycle.end_of_body()
    redactor = Redactor()
    _show(iter(lifecycle.next_event, None), args, redactor)
    verdict = lifecycle.verdict()
    if verdict is not None:
        return _failed(verdict, redactor)
    _report(lifecycle.accumulator.response, redactor)
    return 0


# --- what is printed ----------------------------------------------------------------------------


class _Printer:
    """Text written as it arrives, faithfully and safely: surrogate pairs split between
    pieces joined, a lone surrogate as U+FFFD, the key redacted even when split."""

    def __init__(self, out: IO[str], redactor: Redactor) -> None:
        self._out = out
        self._joiner = TextJoiner()
        self._redact = redactor.streaming()
        self._last = ""

    def write(self, text: str) -> None:
        self._show(self._redact.feed(replace_lone_surrogates(self._joiner.feed(text))))

    def end_line(self) -> None:
        """End what was written with one newline, unless it ended with one or is empty."""
        held = replace_lone_surrogates(self._joiner.flush())
        self._show(self._redact.feed(held) + self._redact.flush())
        if self._last and self._last != "\n":
            self._show("\n")
        self._last = ""

    def _show(self, text: str) -> None:
        if text:
            self._out.write(text)
            self._out.flush()
            self._last = text[-1]


class _Answer:
    """The answer's text on stdout: each delta as it comes, the part of a
    ``output_text.done`` that no delta brought, and a newline between messages."""

    def __init__(self, printer: _Printer) -> None:
        self._printer = printer
        self._item: str | None = None
        # Per content part, the text printed so far, for its done event. A buffer, not a
        # string grown by +: that would copy the whole text again for every delta.
        self._printed: defaultdict[str, io.StringIO] = defaultdict(io.StringIO)

    def delta(self, event: Any) -> None:
        if isinstance(event.delta, str) and event.delta:
            self._write(event, event.delta)

    def done(self, event: Any) -> None:
        buffer = self._printed.get(_part_key(event))
        printed = "" if buffer is None else buffer.getvalue()
        text = event.text
        if isinstance(text, str) and text.startswith(printed) and len(text) > len(printed):
            self._write(event, text[len(printed) :])

    def end(self) -> None:
        self._printer.end_line()

    def _write(self, event: Any, text: str) -> None:
        item = _item_key(event)
        if self._item is not None and item != self._item:
            self._printer.end_line()
        self._item = item
        self._printed[_part_key(event)].write(text)
        self._printer.write(text)


def _item_key(event: Any) -> str:
    index = event.output_index
    return repr(index) if isinstance(index, int) else repr(event.item_id)


def _part_key(event: Any) -> str:
    return f"{_item_key(event)}/{event.content_index!r}"


def _show(events: Iterable[Event], args: argparse.Namespace, redactor: Redactor) -> float | None:
    """Print the events as asked; when the first text arrived (monotonic seconds)."""
    from .events import (
        ResponseOutputItemDoneEvent,
        ResponseOutputTextDeltaEvent,
        ResponseOutputTextDoneEvent,
        ResponseReasoningSummaryTextDeltaEvent,
        ResponseReasoningTextDeltaEvent,
    )
    from .response import FunctionCallItem

    first: float | None = None
    answer = _Answer(_Printer(sys.stdout, redactor))
    reasoning = _Printer(sys.stderr, redactor)
    show_reasoning = getattr(args, "show_reasoning", False)
    try:
        for event in events:
            if first is None and isinstance(event, ResponseOutputTextDeltaEvent):
                first = time.monotonic()
            if args.json:
                _print_json(event.to_dict(), redactor)
            elif isinstance(event, ResponseOutputTextDeltaEvent):
                answer.delta(event)
            elif isinstance(event, ResponseOutputTextDoneEvent):
                answer.done(event)
            elif show_reasoning and isinstance(
                event, (ResponseReasoningSummaryTextDeltaEvent, ResponseReasoningTextDeltaEvent)
            ):
                if isinstance(event.delta, str):
                    reasoning.write(_dim(event.delta))
            elif isinstance(event, ResponseOutputItemDoneEvent) and isinstance(
                event.item, FunctionCallItem
            ):
                answer.end()
                reasoning.end_line()
                call = event.item
                _note(_dim(f"→ {_one_line(json_text(call.name), redactor)}"
                           f"({_one_line(json_text(call.arguments), redactor)})"))  # fmt: skip
    finally:
        answer.end()
        reasoning.end_line()
    return first


def _tool(spec: str) -> dict[str, Any]:
    """A function tool from ``--tool``: a definition in a JSON file, or a bare name."""
    if not spec.endswith(".json"):
        parameters = {"type": "object", "properties": {}, "additionalProperties": False}
        return {"type": "function", "name": spec, "parameters": parameters}
    tool = _json_file(spec, "--tool")
    if not isinstance(tool, dict) or not isinstance(tool.get("name"), str):
        _parser().error(f"--tool {spec}: not a tool definition with a name")
    return {"type": "function", **tool}


def _json_file(path: str, option: str) -> Any:
    try:
        with open(path, encoding="utf-8") as file:
            return json.load(file)
    except (OSError, ValueError) as exc:
        _parser().error(f"{option} {path}: {exc}")


def _print_json(payload: dict[str, Any], redactor: Redactor) -> None:
    line = json.dumps(redactor.value(payload), ensure_ascii=False)
    if has_surrogates(line):  # a lone one cannot be written as text: escaped, it stays exact
        line = json.dumps(redactor.value(payload))
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _report(response: Response, redactor: Redactor) -> None:
    from .response import IncompleteDetails

    if response.status == "incomplete":
        details = response.incomplete_details
        reason = details.reason if isinstance(details, IncompleteDetails) else details
        _note(f"(incomplete: {_one_line(json_text(reason) or 'no reason given', redactor)})")


def _failed(error: BaseException, redactor: Redactor) -> int:
    _note(f"error: {_one_line(str(error), redactor)}")
    return 1


def _usage(response: Response, first: float | None, started: float) -> None:
    from .response import Usage

    total = time.monotonic() - started
    parts = []
    usage = response.usage
    if isinstance(usage, Usage):
        parts.append(
            f"tokens: {usage.input_tokens} in, {usage.output_tokens} out, "
            f"{usage.total_tokens} total"
        )
    if first is not None:
        parts.append(f"first token after {first - started:.2f} s")
    parts.append(f"total {total:.2f} s")
    _note(" · ".join(parts))


_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _one_line(text: str, redactor: Redactor) -> str:
    """``text`` on one line, safe for a terminal: every character that is not printable
    (line breaks, ANSI escapes, other controls, lone surrogates) escaped, and secrets
    redacted."""
    text = redactor.text(text)
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else _ESCAPES.get(c) or _escape(c) for c in text)


def _escape(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


class _OneLineWarnings(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return f"warning: {_one_line(record.getMessage(), Redactor())}"


def _log_warnings_on_one_line() -> None:
    """The package's warnings (events missing from a stream) on stderr, each on one line
    with control characters escaped, like every other line a server's text is in."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(_OneLineWarnings())
    package = logging.getLogger("openresponses_min")
    package.addHandler(handler)
    package.propagate = False


def _note(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _dim(text: str) -> str:
    """Dim text on a colour terminal; plain when output is redirected or NO_COLOR is set."""
    if os.environ.get("NO_COLOR") or not (sys.stdout.isatty() and sys.stderr.isatty()):
        return text
    return f"\x1b[2m{text}\x1b[0m"


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at nothing, so the exit flush is quiet too."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
