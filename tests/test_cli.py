# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""The command line, end to end in a subprocess against the mock server, and the
README's quick start run exactly as written in a copy of the repository."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
from argparse import Namespace
from pathlib import Path
from typing import Any

import pytest
from conftest import KEY, capture_payloads

from openresponses_min import cli as cli_module
from openresponses_min._core.redact import Redactor
from openresponses_min.events import parse_event
from openresponses_min.mock import MockServer, Reply, answer_events

REPO = Path(__file__).resolve().parent.parent
STORY = answer_events({"model": "m", "input": "a story"}, "resp_cli")
TEXT = STORY[-1]["response"]["output"][0]["content"][0]["text"]


def environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.endswith(("_API_KEY", "_PROXY", "_proxy"))}
    env.pop("OPENAI_BASE_URL", None)
    env.pop("NO_COLOR", None)
    env["PYTHONPATH"] = str(REPO)
    return {**env, **extra}


def cli(*args: str, stdin: str | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    """The command run with ``args``; standard input is ``stdin``, else nothing (never
    whatever the test runner's happens to be)."""
    return subprocess.run(
        [sys.executable, "-m", "openresponses_min", *args],
        input=stdin, stdin=subprocess.DEVNULL if stdin is None else None,
        capture_output=True, text=True, timeout=60, env=environment(**env),
    )  # fmt: skip


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def paced_cli() -> subprocess.Popen[bytes]:
    """The CLI answering "hello" from the paced mock server, its output piped. SIGINT is
    reset for it: a test run in a background job inherits it ignored."""
    command = [sys.executable, "-m", "openresponses_min", "--mock", "hello"]
    pipe = subprocess.PIPE
    reset = _default_sigint if sys.platform != "win32" else None
    return subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=pipe, stderr=pipe,
                            env=environment(), preexec_fn=reset)  # fmt: skip


def test_without_a_key_it_answers_from_the_mock_server() -> None:
    done = cli("Why is the sky blue?", "--usage")
    assert done.returncode == 0, done.stderr
    assert "mock server answering “Why is the sky blue?”" in done.stdout
    assert done.stdout.endswith("\n") and done.stdout.count("\n") == 1
    note, usage = done.stderr.splitlines()
    assert note.startswith("no OPENAI_API_KEY set: answering from the built-in mock server")
    assert re.fullmatch(
        r"tokens: \d+ in, \d+ out, \d+ total · first token after [\d.]+ s · total [\d.]+ s", usage
    )
    assert "\x1b[" not in done.stdout + done.stderr  # no colour when not on a terminal


def test_text_streams_out_as_it_arrives() -> None:
    with paced_cli() as process:
        assert process.stdout is not None
        first = process.stdout.read(4)
        still_running = process.poll() is None
        rest = process.stdout.read()
        process.communicate(timeout=30)
    assert first == b"This" and still_running
    assert (first + rest).decode().startswith("This is the openresponses_min mock server")
    assert process.returncode == 0


def test_the_prompt_can_come_on_standard_input() -> None:
    done = cli("--mock", stdin="Piped question\n")
    assert done.returncode == 0
    assert "“Piped question" in done.stdout


def test_json_prints_every_event_exactly() -> None:
    with MockServer(replies=[Reply(events=STORY)]) as server:
        done = cli("hi", "--json", "--base-url", server.base_url)
    assert done.returncode == 0, done.stderr
    assert [json.loads(line) for line in done.stdout.splitlines()] == STORY
    assert done.stderr == ""


def test_a_real_endpoint_gets_the_key_and_the_request() -> None:
    with MockServer(replies=[Reply(events=STORY)]) as server:
        done = cli("Hello", "--model", "gpt-x", "--instructions", "Be brief.", "--background",
                   OPENAI_API_KEY=KEY, OPENAI_BASE_URL=server.base_url)  # fmt: skip
        [request] = server.requests
    assert done.returncode == 0, done.stderr
    assert done.stdout == TEXT + "\n" and done.stderr == ""
    assert request.headers["Authorization"] == f"Bearer {KEY}"
    assert request.body == {"model": "gpt-x", "input": "Hello", "instructions": "Be brief.",
                            "background": True, "stream": True}  # fmt: skip


def test_an_api_failure_is_one_line_and_exit_1() -> None:
    echo = {"error": {"message": f"Incorrect API key provided: {KEY}", "code": "invalid_api_key"}}
    with MockServer(replies=[Reply(status=401, body=echo)]) as server:
        done = cli("hi", "--base-url", server.base_url, "--max-retries", "0", OPENAI_API_KEY=KEY)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.startswith("error: 401 Unauthorized: Incorrect API key provided:")
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert KEY not in done.stderr


def test_a_failed_response_is_exit_1_after_its_text() -> None:
    error = {"type": "error", "sequence_number": 5, "code": "server_error", "message": "Boom."}
    with MockServer(replies=[Reply(events=[*STORY[:5], error])]) as server:
        done = cli("hi", "--base-url", server.base_url)
    assert done.returncode == 1
    assert done.stdout == STORY[4]["delta"] + "\n"
    assert done.stderr == "error: response failed: server_error: Boom.\n"


def test_reasoning_and_function_calls_go_to_standard_error() -> None:
    at = {"item_id": "rs", "output_index": 1, "summary_index": 0}
    summary = {"type": "response.reasoning_summary_text.delta", **at, "delta": "Thinking."}
    call = {"type": "response.output_item.done", "sequence_number": 5, "output_index": 2,
            "item": {"type": "function_call", "id": "fc", "call_id": "c1", "name": "get_weather",
                     "arguments": '{"city":"Paris"}'}}  # fmt: skip
    events = [*STORY[:4], summary, call, *STORY[4:]]
    events = [{**event, "sequence_number": n} for n, event in enumerate(events)]
    with MockServer(replies=[Reply(events=events)] * 2) as server:
        shown = cli("hi", "--base-url", server.base_url, "--show-reasoning")
        hidden = cli("hi", "--base-url", server.base_url)
    assert shown.returncode == 0, shown.stderr
    assert shown.stderr == 'Thinking.\n→ get_weather({"city":"Paris"})\n'
    assert hidden.stderr == '→ get_weather({"city":"Paris"})\n'
    assert shown.stdout == hidden.stdout == TEXT + "\n"


@pytest.mark.parametrize(
    "args",
    [["--max-retries", "-1", "hi"], ["--nope", "hi"], ["   "], ["--base-url", "ftp://x/v1", "hi"],
     ["--provider", "acme", "hi"]],
)  # fmt: skip
def test_usage_errors_exit_2(args: list[str]) -> None:
    done = cli(*args, stdin="")
    assert done.returncode == 2
    assert done.stdout == "" and "Traceback" not in done.stderr


def test_a_local_provider_needs_no_key_and_gets_none() -> None:
    with MockServer(replies=[Reply(events=STORY)]) as server:
        done = cli("hi", "--provider", "ollama", "--base-url", server.base_url, OPENAI_API_KEY=KEY)
        [request] = server.requests
    assert done.returncode == 0, done.stderr
    assert "Authorization" not in request.headers  # the OpenAI key stays with OpenAI


def test_a_closed_stdout_ends_quietly() -> None:
    with paced_cli() as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.read(4)
        process.stdout.close()  # as `| head -c 4` does
        stderr = process.stderr.read().decode()
        assert process.wait(timeout=30) == 0
    assert "Traceback" not in stderr and "Error" not in stderr


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_closes_the_stream_and_exits_130() -> None:
    with paced_cli() as process:
        assert process.stdout is not None
        process.stdout.read(4)
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130
    assert b"Traceback" not in stderr


def test_replay_prints_the_text_or_the_events(captures: list[Path]) -> None:
    [path] = [p for p in captures if p.name == "vercel-ai__lmstudio-text.sse"]
    payloads = capture_payloads(path)
    text = cli("replay", str(path))
    assert text.returncode == 0, text.stderr
    deltas = [p["delta"] for p in payloads if p["type"] == "response.output_text.delta"]
    assert text.stdout.rstrip("\n") == "".join(deltas).rstrip("\n")
    events = cli("replay", str(path), "--json")
    assert [json.loads(line) for line in events.stdout.splitlines()] == payloads


def test_replay_of_a_failed_or_cut_recording_exits_1(captures: list[Path], tmp_path: Path) -> None:
    [failed] = [p for p in captures if p.name == "vercel-ai__openai-error-insufficient-quota.sse"]
    done = cli("replay", str(failed))
    assert done.returncode == 1
    assert done.stderr.startswith("error: response failed: insufficient_quota")
    cut = tmp_path / "cut.sse"
    cut.write_bytes(failed.read_bytes()[:1500])
    assert cli("replay", str(cut)).stderr.endswith(": the stream ended without a terminal event\n")
    assert cli("replay", str(tmp_path / "missing.sse")).returncode == 2


def test_the_console_script_is_installed_with_the_package() -> None:
    script = Path(sys.executable).parent / "openresponses-min"
    if not script.exists():
        pytest.skip("the package is not installed in this environment")
    done = subprocess.run([str(script), "--mock", "hi"], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=60, env=environment())  # fmt: skip
    assert done.returncode == 0 and "mock server" in done.stdout


def quick_start() -> list[str]:
    """The commands of the README's quick start, as written."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if line.strip()]


def test_the_quick_start_has_exactly_two_commands() -> None:
    main_job, tests = quick_start()
    assert "openresponses_min" in main_job
    assert "tests/run.py" in tests


def test_a_newcomer_runs_the_quick_start_in_a_fresh_copy(tmp_path: Path) -> None:
    copy = tmp_path / "openresponses_min-clone"
    skip = shutil.ignore_patterns(".git", ".venv*", "__pycache__", "*_cache", "*.egg-info")
    shutil.copytree(REPO, copy, ignore=skip)
    main_job = quick_start()[0]
    env = {k: v for k, v in environment().items() if k != "PYTHONPATH"}
    done = subprocess.run(main_job, shell=True, cwd=copy, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=120, env=env)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "This is the openresponses_min mock server answering" in done.stdout
    assert done.stderr.startswith("no OPENAI_API_KEY set")


# --- what it prints is faithful and safe ------------------------------------------------------


def deltas(*pieces: object, output_index: int = 0, start: int = 0) -> list[dict[str, Any]]:
    at = {"item_id": f"msg_{output_index}", "output_index": output_index, "content_index": 0}
    return [{"type": "response.output_text.delta", "sequence_number": start + n, **at,
             "delta": piece} for n, piece in enumerate(pieces)]  # fmt: skip


def completed(n: int, **response: Any) -> dict[str, Any]:
    return {"type": "response.completed", "sequence_number": n,
            "response": {"id": "resp_cli", "status": "completed", **response}}  # fmt: skip


def body_of(events: list[dict[str, Any]]) -> bytes:
    """The events as a stream body, JSON with \\u escapes as JavaScript servers write it."""
    return b"".join(f"data: {json.dumps(e)}\n\n".encode() for e in events)


def live(events: list[dict[str, Any]], *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    with MockServer(replies=[Reply(events=body_of(events))]) as server:
        return cli("hi", "--base-url", server.base_url, *args, **env)


def replayed(events: list[dict[str, Any]], tmp_path: Path, *args: str) -> Any:
    path = tmp_path / "recorded.sse"
    path.write_bytes(body_of(events))
    return cli("replay", str(path), *args)


def test_a_surrogate_pair_split_between_deltas_prints_as_its_character() -> None:
    """JavaScript servers cut text between UTF-16 code units."""
    done = live([*deltas("Smile \ud83d", "\ude00, lone \udc00 and \ud83d"), completed(9)])
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Smile 😀, lone \ufffd and \ufffd\n"
    assert "Traceback" not in done.stderr


def test_json_output_stays_valid_json_one_line_per_event() -> None:
    events = [*deltas("a\ud83d", "\ude00\nb", "lone \udc00"), completed(9)]
    done = live(events, "--json")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert [json.loads(line) for line in lines] == events  # the lone surrogate kept exactly
    assert len(lines) == len(events)


def test_the_key_never_shows_in_the_output_even_split_between_deltas() -> None:
    half = len(KEY) // 2
    error = {"type": "error", "sequence_number": 5, "code": "leak", "message": f"Key {KEY}."}
    events = [*deltas("Your key is ", KEY[:half], KEY[half:], ". Bye."), error]
    for args in ([], ["--json"]):
        done = live(events, *args, OPENAI_API_KEY=KEY)
        assert done.returncode == 1
        assert KEY not in done.stdout + done.stderr
        assert "[redacted]" in done.stdout and "[redacted]" in done.stderr
    assert live(events, OPENAI_API_KEY=KEY).stdout == "Your key is [redacted]. Bye.\n"


@pytest.mark.parametrize(
    ("status", "body", "shown"),
    [
        (400, {"error": {"message": "line one\nline two\r\n\tthree"}},
         "line one\\nline two\\r\\n\\tthree"),
        (400, {"error": {"message": "red \x1b[31mALERT\x1b[0m \x07 \u2028 end"}},
         "red \\x1b[31mALERT\\x1b[0m \\x07 \\u2028 end"),
        (500, b"<html>\n<head><title>500 Internal Server Error</title></head>\n</html>",
         "<html>\\n<head><title>500"),
        (500, b'data: {"error": {"message": "litellm.InternalServerError"}}\n\n',
         "data: {"),
    ],
)  # fmt: skip
def test_every_error_is_one_line_whatever_the_server_sent(
    status: int, body: dict[str, Any] | bytes, shown: str
) -> None:
    with MockServer(replies=[Reply(status=status, body=body)]) as server:
        done = cli("hi", "--base-url", server.base_url, "--max-retries", "0")
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and done.stderr.endswith("\n")
    assert "\x1b" not in done.stderr and "\r" not in done.stderr and "\u2028" not in done.stderr
    assert shown in done.stderr


def test_live_and_replay_judge_the_end_alike(tmp_path: Path) -> None:
    error = {"type": "error", "sequence_number": 2, "code": "flaky", "message": "Retrying."}
    cases = {
        "an error event, then completed": [*deltas("a", "b"), error, completed(3)],
        "events repeated": [*deltas("a", "b"), *deltas("a", "b"), *deltas("c", start=2),
                            completed(3)],
        "no terminal event": deltas("a", "b"),
        "an error event, then the end": [*deltas("a", "b"), error],
        "incomplete": [*deltas("a"), {**completed(1, status="incomplete",
                       incomplete_details={"reason": "max_output_tokens"}),
                       "type": "response.incomplete"}],
    }  # fmt: skip
    outcomes = {}
    for name, events in cases.items():
        one, other = live(events), replayed(events, tmp_path)
        outcomes[name] = (one.returncode, one.stdout, one.stderr)
        assert outcomes[name] == (other.returncode, other.stdout, other.stderr), name
    assert outcomes["an error event, then completed"] == (0, "ab\n", "")
    assert outcomes["events repeated"] == (0, "abc\n", "")
    assert outcomes["no terminal event"][0] == 1
    failed = outcomes["an error event, then the end"]
    assert failed == (1, "ab\n", "error: response failed: flaky: Retrying.\n")
    assert outcomes["incomplete"] == (0, "a\n", "(incomplete: max_output_tokens)\n")


def test_text_that_only_the_done_event_brings_is_printed() -> None:
    at = {"item_id": "msg_0", "output_index": 0, "content_index": 0}
    done_event = {"type": "response.output_text.done", "sequence_number": 3, **at,
                  "text": "Hello, world"}  # fmt: skip
    short = live([*deltas("Hello"), done_event, completed(4)])
    assert short.stdout == "Hello, world\n"
    none = live([{**done_event, "sequence_number": 0}, completed(4)])
    assert none.stdout == "Hello, world\n"
    other = live([*deltas("Howdy"), done_event, completed(4)])  # disagrees: the deltas stand
    assert other.stdout == "Howdy\n"


def test_a_long_answer_prints_exactly_without_rebuilding_its_text_per_delta(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """What was printed of each part is kept for its ``done`` event, but never by adding
    each delta onto the text before it: that copies the whole answer per delta, quadratic
    in its length. In-process (as ``fuzz.py`` drives it): each delta is a ``str`` that
    records the length of any text it is added onto, which no timing could show."""
    added_onto: list[int] = []

    class Delta(str):
        def __radd__(self, other: str) -> str:
            added_onto.append(len(other))
            return str.__add__(other, self)

    pieces = [Delta(f"word{n} ") for n in range(10_000)]
    text = "".join(pieces)
    at = {"item_id": "msg_0", "output_index": 0, "content_index": 0}
    done_event = {"type": "response.output_text.done", "sequence_number": 10_000, **at,
                  "text": text + "The end."}  # fmt: skip
    events = [parse_event(e) for e in [*deltas(*pieces), done_event, completed(10_001)]]
    cli_module._show(events, Namespace(json=False), Redactor())
    assert capsys.readouterr().out == text + "The end.\n"
    assert len(added_onto) >= len(pieces)  # the probe works: each went through a +
    assert max(added_onto) <= 1  # onto nothing, or a surrogate half held back


def test_two_messages_are_separated_by_a_newline() -> None:
    """OpenAI's ``phase: commentary`` message, then its ``final_answer``."""
    events = [*deltas("Let me check.", output_index=0),
              *deltas("It is sunny.", output_index=1, start=1), completed(2)]  # fmt: skip
    assert live(events).stdout == "Let me check.\nIt is sunny.\n"


def test_odd_values_print_without_a_crash() -> None:
    events = [
        *deltas(42, None, "text", {"x": 1}),
        {"type": "response.incomplete", "sequence_number": 9,
         "response": {"id": "r\x1b[2J", "status": "incomplete", "incomplete_details": "too long",
                      "usage": "lots"}},
    ]  # fmt: skip
    done = live(events, "--usage")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "text\n"
    warning, incomplete, usage = done.stderr.splitlines()
    assert warning == "warning: 5 events missing before event 9 of response r\\x1b[2J"
    assert incomplete == "(incomplete: too long)"
    assert usage.startswith("first token after")


# --- choosing the server ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "variable"),
    [(["--provider", "vercel"], "AI_GATEWAY_API_KEY"),
     (["--provider", "openrouter"], "OPENROUTER_API_KEY"),
     (["--provider", "openai"], "OPENAI_API_KEY"),
     (["--api-key-env", "MY_KEY"], "MY_KEY")],
)  # fmt: skip
def test_an_explicit_provider_without_its_key_is_a_usage_error(
    args: list[str], variable: str
) -> None:
    done = cli(*args, "hi")
    assert done.returncode == 2
    assert variable in done.stderr and done.stdout == ""
    assert "mock server" not in done.stderr


def test_openai_base_url_in_the_environment_is_used_without_a_key() -> None:
    with MockServer(replies=[Reply(events=STORY)]) as server:
        done = cli("hi", OPENAI_BASE_URL=server.base_url)
        assert len(server.requests) == 1
    assert done.returncode == 0 and done.stdout == TEXT + "\n"
    assert done.stderr == ""  # not the mock server


def test_a_prompt_and_piped_input_are_both_sent() -> None:
    with MockServer(replies=[Reply(events=STORY)]) as server:
        done = cli("Summarise:", "--base-url", server.base_url, stdin="The notes.\nMore.\n")
        [request] = server.requests
    assert done.returncode == 0, done.stderr
    assert request.body["input"] == "The notes.\nMore.\n\nSummarise:"


def test_a_tool_offered_by_name_is_called_and_the_call_shown(tmp_path: Path) -> None:
    done = cli("--mock", "--tool", "get_time", "What time is it?")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "" and "→ get_time({})" in done.stderr
    weather = {
        "name": "get_weather",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}},
    }
    (tmp_path / "weather.json").write_text(json.dumps(weather))
    done = cli("--mock", "--tool", str(tmp_path / "weather.json"), "Weather?")
    assert done.returncode == 0, done.stderr
    assert '→ get_weather({"city": "mock"})' in done.stderr


def test_a_json_schema_gets_an_answer_in_json_valid_against_it(tmp_path: Path) -> None:
    schema = {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}
    (tmp_path / "schema.json").write_text(json.dumps(schema))
    done = cli("--mock", "--json-schema", str(tmp_path / "schema.json"), "Weather?")
    assert done.returncode == 0, done.stderr
    assert isinstance(json.loads(done.stdout)["city"], str)


@pytest.mark.parametrize("option", ["--tool", "--json-schema"])
def test_a_tool_or_schema_file_that_cannot_be_read_is_a_usage_error(
    option: str, tmp_path: Path
) -> None:
    (tmp_path / "bad.json").write_text("{not json")
    done = cli("--mock", option, str(tmp_path / "bad.json"), "hi")
    assert done.returncode == 2 and option in done.stderr


# --- chat -----------------------------------------------------------------------------------


def chat_turns(server: MockServer) -> list[tuple[str, Any]]:
    """How each turn was asked (over WebSocket or HTTP) and what it continued."""
    return [
        (r.method, r.body.get("previous_response_id"))
        for r in server.requests
        if r.method in ("WEBSOCKET", "POST")
    ]


def test_chat_holds_a_conversation_over_one_websocket() -> None:
    with MockServer() as server:
        done = cli("chat", "--base-url", server.base_url, stdin="Hello\n\n  \nAgain\n")
        assert done.returncode == 0, done.stderr
        first, second = done.stdout.splitlines()
        assert "“Hello”" in first and "“Again”" in second
        turns = chat_turns(server)
        assert [method for method, _ in turns] == ["WEBSOCKET", "WEBSOCKET"]
        assert turns[0][1] is None and turns[1][1] is not None
        assert turns[1][1] in server._stored
        assert [r.method for r in server.requests].count("GET") == 1  # one upgrade


@pytest.mark.parametrize(
    ("status", "body"),
    [(404, {"error": {"message": "no", "type": "x", "code": None}}),
     (405, {"error": {"message": "no", "type": "x", "code": None}}),
     (426, {"error": {"message": "no", "type": "x", "code": None}}),
     (403, b"")],  # uvicorn's bare answer to an upgrade with no WebSocket route (vLLM)
)  # fmt: skip
def test_chat_goes_on_over_http_when_the_server_refuses_websocket_mode(
    status: int, body: dict[str, Any] | bytes
) -> None:
    with MockServer(websocket=Reply(status=status, body=body)) as server:
        done = cli("chat", "--base-url", server.base_url, stdin="Hello\nAgain\n")
        assert done.returncode == 0, done.stderr
        assert done.stderr == f"the server refused WebSocket mode ({status}): chatting over HTTP\n"
        assert len(done.stdout.splitlines()) == 2
        turns = chat_turns(server)
        assert [method for method, _ in turns] == ["POST", "POST"]
        assert turns[0][1] is None and turns[1][1] in server._stored


def test_chat_over_http_when_asked_never_tries_the_upgrade() -> None:
    with MockServer() as server:
        done = cli("chat", "--http", "--base-url", server.base_url, stdin="Hello\nAgain\n")
        assert done.returncode == 0, done.stderr
        assert [r.method for r in server.requests] == ["POST", "POST"]


def test_a_refused_key_ends_the_chat_in_one_line_without_falling_back() -> None:
    echo = {"error": {"message": f"bad key {KEY}", "type": "invalid_request_error", "code": "x"}}
    with MockServer(websocket=Reply(status=401, body=echo)) as server:
        done = cli("chat", "--base-url", server.base_url, stdin="Hello\n", OPENAI_API_KEY=KEY)
        assert done.returncode == 1 and done.stdout == ""
        assert done.stderr.count("\n") == 1 and "error:" in done.stderr
        assert KEY not in done.stderr
        assert [r.method for r in server.requests] == ["GET"]


def test_a_key_refused_with_403_is_said_by_the_http_call_it_falls_back_to() -> None:
    """A 403 to the upgrade may be a server without WebSocket mode or a key it refuses:
    the note says only that the upgrade was refused, and a refused key is then the HTTP
    call's error, in one line, exit status 1."""
    echo = {"error": {"message": f"key {KEY} not allowed", "type": "permission", "code": "x"}}
    forbidden = Reply(status=403, body=echo)
    with MockServer(websocket=forbidden, replies=[forbidden]) as server:
        done = cli("chat", "--base-url", server.base_url, stdin="Hello\n", OPENAI_API_KEY=KEY)
        assert [r.method for r in server.requests] == ["GET", "POST"]
    assert done.returncode == 1 and done.stdout == ""
    note, error = done.stderr.splitlines()
    assert note == "the server refused WebSocket mode (403): chatting over HTTP"
    assert error == "error: 403 Forbidden: key [redacted] not allowed"


def test_a_failed_turn_is_said_and_the_chat_goes_on_from_the_last_good_answer() -> None:
    error = {"error": {"message": "overloaded", "type": "server_error", "code": "busy"}}
    with MockServer() as server:
        server.add(Reply(), Reply(status=400, body=error))
        done = cli("chat", "--base-url", server.base_url, stdin="one\ntwo\nthree\n")
        assert done.returncode == 1
        assert "overloaded" in done.stderr
        assert len(done.stdout.splitlines()) == 2
        turns = chat_turns(server)
        assert len(turns) == 3 and turns[1][1] == turns[2][1] is not None


def test_chat_without_a_key_answers_from_the_mock_server() -> None:
    done = cli("chat", stdin="Hello\n")
    assert done.returncode == 0, done.stderr
    assert "mock server" in done.stderr and "“Hello”" in done.stdout
