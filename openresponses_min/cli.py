# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""The command line: stream an answer to the terminal, or replay a recorded stream.

    python -m openresponses_min [options] [PROMPT]       (PROMPT, or standard input)
    python -m openresponses_min replay FILE.sse [--json]

Without an API key for the chosen provider, it says so in one line and
answers from the built-in mock server, so that it works on any machine.
Exit codes: 0 success, 1 API or response failure (one line on stderr),
2 usage error, 130 interrupted. A closed stdout (``| head -1``) ends it
quietly.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from dataclasses import dataclass

from . import __version__
from .errors import OpenResponsesError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from typing import IO, Any

    from .events import Event
    from .response import Usage


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
    try:
        if args[:1] == ["replay"]:
            return replay(_replay_parser().parse_args(args[1:]))
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
        epilog="Also: openresponses-min replay FILE.sse [--json] to decode a recorded stream.",
    )
    parser.add_argument("prompt", nargs="?", help="what to ask (default: standard input)")
    parser.add_argument("--model", default="gpt-5-mini", help="model name (default: %(default)s)")
    parser.add_argument("--instructions", help="system instructions for the model")
    parser.add_argument(
        "--provider",
        choices=PROVIDERS,
        default="openai",
        help="preset base URL and key variable (default: %(default)s)",
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
    parser.add_argument(
        "--background",
        action="store_true",
        help="run as a background response, resumed if the stream drops",
    )
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
    parser.add_argument("--mock", action="store_true", help="answer from the mock server")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def _replay_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="openresponses-min replay",
        description="Decode a recorded text/event-stream body and print its text or events.",
    )
    parser.add_argument("file", type=argparse.FileType("rb"), help="the recorded stream")
    parser.add_argument("--json", action="store_true", help="print every event as JSON")
    return parser


def ask(args: argparse.Namespace) -> int:
    prompt = args.prompt
    if prompt is None:
        if sys.stdin.isatty():
            _parser().error("give a PROMPT, or pipe one in on standard input")
        prompt = sys.stdin.read()
    if not prompt.strip():
        _parser().error("the prompt is empty")
    if args.max_retries < 0 or args.timeout <= 0:
        _parser().error("--max-retries must be >= 0 and --timeout > 0")
    provider = PROVIDERS[args.provider]
    key_env = args.api_key_env or provider.key_env
    key = os.environ.get(key_env, "") if key_env else ""
    from_env = os.environ.get("OPENAI_BASE_URL") if args.provider == "openai" else None
    base_url = args.base_url or from_env or provider.base_url  # fmt: skip
    use_mock = args.mock or (provider.key_required and not key and not args.base_url)
    if use_mock and not args.mock:
        _note(
            f"no {key_env} set: answering from the built-in mock server "
            f"(set it to ask {args.provider}, or see --help)"
        )
    if not use_mock:
        return _run(args, prompt, base_url, key)
    from .mock import MockServer

    with MockServer(pace=MOCK_PACE) as server:
        return _run(args, prompt, server.base_url, "")


def _run(args: argparse.Namespace, prompt: str, base_url: str, key: str) -> int:
    from .client import Client, Timeout

    try:
        client = Client(
            api_key=key,
            base_url=base_url,
            max_retries=args.max_retries,
            timeout=Timeout(connect=min(args.timeout, 10.0), read=args.timeout),
        )
    except ValueError as exc:
        _parser().error(str(exc))
    params: dict[str, Any] = {"model": args.model, "input": prompt}
    if args.instructions:
        params["instructions"] = args.instructions
    if args.background:
        params["background"] = True
    started = time.monotonic()
    with client:
        try:
            stream = client.responses.create(stream=True, **params)
        except OpenResponsesError as exc:
            return _failed(exc)
        with stream:
            try:
                first = _show(stream, args, sys.stdout)
            except OpenResponsesError as exc:
                return _failed(exc)
            except KeyboardInterrupt:
                stream.close()
                raise
        response = stream.response
    if response.status == "incomplete" and response.incomplete_details is not None:
        _note(f"(incomplete: {response.incomplete_details.reason})")
    if args.usage:
        _usage(response.usage, first, started)
    return 0


def _show(events: Iterable[Event], args: argparse.Namespace, out: IO[str]) -> float | None:
    """Print the events as asked; when the first text arrived (monotonic seconds)."""
    from .events import (
        ResponseOutputItemDoneEvent,
        ResponseOutputTextDeltaEvent,
        ResponseReasoningSummaryTextDeltaEvent,
        ResponseReasoningTextDeltaEvent,
    )
    from .response import FunctionCallItem

    first: float | None = None
    wrote = ""  # the last text written, to end the output with one newline
    try:
        for event in events:
            if first is None and isinstance(event, ResponseOutputTextDeltaEvent):
                first = time.monotonic()
            if args.json:
                out.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
                out.flush()
            elif isinstance(event, ResponseOutputTextDeltaEvent) and event.delta:
                out.write(event.delta)
                out.flush()
                wrote = event.delta
            elif getattr(args, "show_reasoning", False) and isinstance(
                event, (ResponseReasoningSummaryTextDeltaEvent, ResponseReasoningTextDeltaEvent)
            ):
                sys.stderr.write(_dim(event.delta))
                sys.stderr.flush()
            elif isinstance(event, ResponseOutputItemDoneEvent) and isinstance(
                event.item, FunctionCallItem
            ):
                _end_line(out, wrote)
                wrote = ""
                _note(_dim(f"→ {event.item.name}({event.item.arguments})"))
    finally:
        _end_line(out, wrote)
    return first


def replay(args: argparse.Namespace) -> int:
    from .accumulate import ResponseAccumulator
    from .events import ResponseFailedEvent
    from .streaming import EventDecoder

    with args.file:
        body = args.file.read()
    decoder = EventDecoder()
    events = decoder.feed(body)
    decoder.close()
    accumulator = ResponseAccumulator()
    for event in events:
        accumulator.add(event)
    _show(events, args, sys.stdout)
    if decoder.failure is not None:
        return _failed(decoder.failure)
    if isinstance(accumulator.terminal, ResponseFailedEvent) or accumulator.error is not None:
        error = accumulator.error
        reason = f"{error.code}: {error.message}" if error else "response.failed"
        _note(f"error: the recorded response failed: {reason}")
        return 1
    if accumulator.terminal is None:
        _note("error: the recording ends without a terminal event")
        return 1
    return 0


def _failed(error: BaseException) -> int:
    _note(f"error: {error}")
    return 1


def _usage(usage: Usage | None, first: float | None, started: float) -> None:
    total = time.monotonic() - started
    parts = []
    if usage is not None:
        parts.append(
            f"tokens: {usage.input_tokens} in, {usage.output_tokens} out, "
            f"{usage.total_tokens} total"
        )
    if first is not None:
        parts.append(f"first token after {first - started:.2f} s")
    parts.append(f"total {total:.2f} s")
    _note(" · ".join(parts))


def _note(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _end_line(out: IO[str], last: str) -> None:
    """End the text with a newline unless it ended with one, or nothing was written."""
    if last and not last.endswith("\n"):
        out.write("\n")
        out.flush()


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
