# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""SSEDecoder: every WHATWG rule, each under many chunkings of the same input.

The rule numbers refer to section 1 of shared/reference/sse-rules.md.
"""

from __future__ import annotations

import dataclasses
import json
import random
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import chunkings
from reference_sse import interpret

from openresponses_min import (
    DEFAULT_MAX_EVENT_SIZE,
    OpenResponsesError,
    ServerSentEvent,
    SSEDecoder,
    SSEError,
)
from openresponses_min._wire import sse

Decoded = tuple[list[tuple[str, str, str]], str, "int | None"]


def decode(chunks: list[bytes], **options: Any) -> Decoded:
    decoder = SSEDecoder(**options)
    events = []
    for chunk in chunks:
        events += [(e.event, e.data, e.id) for e in decoder.feed(chunk)]
    decoder.close()
    return events, decoder.last_event_id, decoder.retry


def expect(
    stream: bytes,
    events: list[tuple[str, str, str]],
    last_event_id: str = "",
    retry: int | None = None,
    seed: str = "",
) -> None:
    """``stream`` gives exactly this under every chunking, and the oracle agrees."""
    wanted = (events, last_event_id, retry)
    reference = interpret(stream, seed)
    assert (reference.events, reference.last_event_id, reference.retry) == wanted
    for chunks in chunkings(stream):
        assert decode(chunks, last_event_id=seed) == wanted, chunks


def data_of(stream: bytes) -> list[str]:
    return [data for _, data, _ in decode([stream])[0]]


# --- rule 1: always UTF-8, with replacement -------------------------------------------------


def test_utf8_split_across_chunks_is_reassembled() -> None:
    expect("data: café 日本 🙂\n\n".encode(), [("message", "café 日本 🙂", "")])


def test_invalid_utf8_becomes_replacement_characters_per_maximal_subpart() -> None:
    raw = b"data: a\xffb\xe2\x82c\xf0\x9f\x98\n\n"
    expect(raw, [("message", "a\ufffdb\ufffdc\ufffd", "")])
    assert raw[6:-2].decode("utf-8", "replace") == "a\ufffdb\ufffdc\ufffd"


def test_truncated_sequence_before_line_end_does_not_swallow_the_line_end() -> None:
    expect(b"data: \xe2\x82\ndata: x\n\n", [("message", "\ufffd\nx", "")])


# --- rule 2: exactly one leading BOM ---------------------------------------------------------


def test_leading_bom_is_stripped_even_split_over_chunks() -> None:
    expect(b"\xef\xbb\xbfdata: first\n\n", [("message", "first", "")])


def test_second_bom_is_part_of_the_field_name() -> None:
    expect(b"\xef\xbb\xbf\xef\xbb\xbfdata: lost\n\ndata: kept\n\n", [("message", "kept", "")])


def test_bom_later_in_the_stream_is_ordinary_text() -> None:
    expect(b"data: x\n\n\xef\xbb\xbfdata: lost\n\ndata: \xef\xbb\xbf\n\n", [
        ("message", "x", ""), ("message", "\ufeff", ""),
    ])  # fmt: skip


def test_bom_prefix_followed_by_other_bytes_is_invalid_utf8() -> None:
    expect(b"\xef\xbbdata: x\n\ndata: y\n\n", [("message", "y", "")])
    expect(b"\xefdata: x\n\ndata: y\n\n", [("message", "y", "")])


def test_stream_shorter_than_a_bom() -> None:
    expect(b"", [])
    expect(b"\xef\xbb", [])
    expect(b"\xef\xbb\xbf", [])


# --- rules 3 and 4: line terminators ---------------------------------------------------------


@pytest.mark.parametrize("end", [b"\n", b"\r", b"\r\n"])
def test_each_line_terminator(end: bytes) -> None:
    stream = b"event: e" + end + b"data: 1" + end + b"data: 2" + end + end
    expect(stream, [("e", "1\n2", "")])


def test_mixed_terminators_in_one_stream() -> None:
    expect(b"data: a\r\n\ndata: b\n\r\ndata: c\r\r\ndata: d\n\r", [
        ("message", "a", ""), ("message", "b", ""), ("message", "c", ""), ("message", "d", ""),
    ])  # fmt: skip


def test_lf_after_cr_belongs_to_it() -> None:
    # whatwg/html#4411: "data: 1\rdata: 2\r\n" holds two lines, not three.
    expect(b"data: 1\rdata: 2\r\n\r\n", [("message", "1\n2", "")])


@pytest.mark.parametrize("char", ["\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"])
def test_nothing_else_ends_a_line(char: str) -> None:
    expect(f"data: a{char}b\n\n".encode(), [("message", f"a{char}b", "")])


def test_cr_at_chunk_end_dispatches_at_once() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"data: x\r") == []
    assert decoder.feed(b"\r") == [ServerSentEvent("message", "x", "")]
    # The LF that completes the CRLF is skipped, even after empty chunks.
    assert decoder.feed(b"") == []
    assert decoder.feed(b"\n") == []
    assert decoder.feed(b"data: y\n\n") == [ServerSentEvent("message", "y", "")]


def test_lf_is_skipped_only_right_after_the_cr() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"data: x\r") == []
    assert decoder.feed(b"") == []
    assert decoder.feed(b"\n") == []  # the CRLF's LF
    assert decoder.feed(b"\n") == [ServerSentEvent("message", "x", "")]  # a blank line


# --- rules 5 and 6: lines and fields ---------------------------------------------------------


def test_comments_are_ignored_whatever_their_length() -> None:
    expect(
        b":\n: hi\n:" + b"x" * 5000 + b"\ndata: a\n: mid\ndata: b\n\n", [("message", "a\nb", "")]
    )


def test_first_colon_splits_and_one_space_is_removed() -> None:
    expect(b"data:a:b\n\ndata:  two\n\ndata:\ttab \n\n", [
        ("message", "a:b", ""), ("message", " two", ""), ("message", "\ttab ", ""),
    ])  # fmt: skip


def test_field_without_colon_has_empty_value() -> None:
    expect(b"data\ndata\n\n", [("message", "\n", "")])
    expect(b"data\n\n", [("message", "", "")])
    expect(b"id: 1\ndata: a\n\nid\ndata: b\n\n", [("message", "a", "1"), ("message", "b", "")])


@pytest.mark.parametrize(
    "name", [b"Data", b"DATA", b"data ", b" data", b"data\0", b"\0data", b"da-ta", "dаta".encode()]
)
def test_field_names_are_compared_literally(name: bytes) -> None:
    expect(name + b": x\n\ndata: y\n\n", [("message", "y", "")])


def test_whitespace_only_line_is_not_blank() -> None:
    expect(b"data: a\n \ndata: b\n\n", [("message", "a\nb", "")])


# --- rules 7 to 11: the fields ---------------------------------------------------------------


def test_event_type() -> None:
    expect(b"event: a\ndata: 1\n\nevent:\ndata: 2\n\nevent: \ndata: 3\n\ndata: 4\n\n", [
        ("a", "1", ""), ("message", "2", ""), ("message", "3", ""), ("message", "4", ""),
    ])  # fmt: skip
    expect(b"event: a\nevent: b\ndata: x\n\n", [("b", "x", "")])
    expect(b"data: x\nevent: after\n\n", [("after", "x", "")])


def test_data_is_kept_verbatim() -> None:
    expect("data: \0 \ufeff \u2028 {\"k\": \"v\"}\n\n".encode(), [
        ("message", "\0 \ufeff \u2028 {\"k\": \"v\"}", ""),
    ])  # fmt: skip


def test_id_persists_and_resets() -> None:
    expect(b"id: 1\ndata: a\n\ndata: b\n\nid\ndata: c\n\nid: 2\ndata: d\n\n", [
        ("message", "a", "1"), ("message", "b", "1"), ("message", "c", ""), ("message", "d", "2"),
    ], last_event_id="2")  # fmt: skip


def test_id_with_nul_is_ignored() -> None:
    expect(b"id: 1\ndata: a\n\nid: 2\0\ndata: b\n\nid: \0\ndata: c\n\n", [
        ("message", "a", "1"), ("message", "b", "1"), ("message", "c", "1"),
    ], last_event_id="1")  # fmt: skip


@pytest.mark.parametrize(
    ("value", "retry"),
    [
        (b"3000", 3000), (b"03000", 3000), (b"0", 0), (b"18446744073709551615", 2**64 - 1),
        (b"0000000000000000000000000001", 1),
        (b"18446744073709551616", None), (b"9" * 5000, None),
        (b"1000x", None), (b"+1", None), (b"-1", None), (b" 1", None), (b"1 ", None),
        (b"1_000", None), (b"1e3", None), (b"1.5", None), (b"", None),
        ("١٢".encode(), None), ("１２".encode(), None), ("²".encode(), None),
    ],
)  # fmt: skip
def test_retry_needs_ascii_digits(value: bytes, retry: int | None) -> None:
    expect(b"retry: " + value + b"\n\n", [], retry=retry)


def test_retry_keeps_the_last_valid_value_and_applies_at_once() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b"retry: 10\n") == []
    assert decoder.retry == 10  # before any blank line
    decoder.feed(b"retry: nope\n\n")
    assert decoder.retry == 10


def test_retry_applies_at_once_while_an_event_is_pending() -> None:
    decoder = SSEDecoder()
    decoder.feed(b"event: e\ndata: x\nretry: 7\n")
    assert decoder.retry == 7
    assert decoder.feed(b"\n") == [ServerSentEvent("e", "x", "")]


def test_unknown_fields_are_ignored() -> None:
    expect(b"foo: bar\ndata: x\nbaz\n\n", [("message", "x", "")])


# --- rules 13 to 16: dispatch ----------------------------------------------------------------


def test_blocks_without_data_dispatch_nothing_but_commit_the_id() -> None:
    expect(
        b"event: ping\n\nretry: 5\n\n: comment\n\n\n\n\nid: 9\n\n", [], last_event_id="9", retry=5
    )
    expect(b"id: 9\n\ndata: x\n\n", [("message", "x", "9")], last_event_id="9")


def test_one_trailing_lf_is_removed() -> None:
    expect(b"data\ndata\n\n", [("message", "\n", "")])
    expect(b"data: a\ndata:\n\n", [("message", "a\n", "")])


def test_extra_blank_lines_between_events() -> None:
    expect(b"\n\n\ndata: a\n\n\n\n\ndata: b\n\n\n", [("message", "a", ""), ("message", "b", "")])


# --- rules 17 to 19: end of stream, reconnection, latency ------------------------------------


def test_end_of_stream_discards_the_pending_event() -> None:
    expect(b"data: a\n\ndata: b\n", [("message", "a", "")])
    expect(b"data: a\n\ndata: b", [("message", "a", "")])


def test_unterminated_last_line_has_no_effect() -> None:
    expect(b"data: a\n\nretry: 5", [("message", "a", "")])
    expect(b"id: 1\ndata: a\n\nid: 2", [("message", "a", "1")], last_event_id="1")


def test_terminated_lines_of_a_discarded_event_keep_their_effect() -> None:
    # The retry applies; the id reaches the buffer but never the string.
    expect(b"id: 1\ndata: a\n\nretry: 5\nid: 2\ndata: b\n", [("message", "a", "1")],
           last_event_id="1", retry=5)  # fmt: skip


def test_seeded_last_event_id_seeds_buffer_and_string() -> None:
    expect(b"data: a\n\nid: 3\ndata: b\n\ndata: c\n\n", [
        ("message", "a", "41"), ("message", "b", "3"), ("message", "c", "3"),
    ], last_event_id="3", seed="41")  # fmt: skip
    decoder = SSEDecoder(last_event_id="41")
    assert decoder.last_event_id == "41"
    decoder.feed(b"id: 50\n")
    decoder.close()
    assert decoder.last_event_id == "41"


def test_each_event_comes_out_of_the_feed_that_completes_it() -> None:
    stream = b"event: a\ndata: 1\n\n: c\ndata: 2\r\n\r\ndata: 3\r\rdata: 4\n\n"
    for chunks in chunkings(stream):
        decoder = SSEDecoder()
        fed = b""
        for chunk in chunks:
            fed += chunk
            got = [(e.event, e.data, e.id) for e in decoder.feed(chunk)]
            # What a whole-input decode of the bytes so far completes, minus what came before.
            before = interpret(fed[: len(fed) - len(chunk)]).events
            assert got == interpret(fed).events[len(before) :]


# --- the API ---------------------------------------------------------------------------------


def test_feed_after_close_raises() -> None:
    decoder = SSEDecoder()
    decoder.close()
    with pytest.raises(SSEError):
        decoder.feed(b"data: x\n\n")
    assert issubclass(SSEError, OpenResponsesError)


def test_server_sent_event_is_a_slotted_mutable_dataclass() -> None:
    event = ServerSentEvent("e", "d", "i")
    assert dataclasses.is_dataclass(event)
    assert not hasattr(event, "__dict__")
    event.data = "changed"  # not frozen: see the docstring
    assert ServerSentEvent() == ServerSentEvent("message", "", "")


def test_feed_accepts_a_reused_read_buffer() -> None:
    stream = b"event: e\ndata: first\n\nevent: e\ndata: sec" + b"ond\n\n"
    for chunks in chunkings(stream, random_splits=5):
        decoder = SSEDecoder()
        buffer = bytearray(max(map(len, chunks), default=0))
        events = []
        for i, chunk in enumerate(chunks):
            view = memoryview(buffer)[: len(chunk)]
            view[:] = chunk  # like readinto(): the same memory, new content
            events += decoder.feed(view if i % 2 else bytearray(view))
        assert [(e.event, e.data) for e in events] == [("e", "first"), ("e", "second")]


# --- differential: random streams against the oracle -----------------------------------------

PIECES = [
    b"data", b"data:", b"data: ", b"event", b"event:", b"event: ", b"id:", b"id: 1", b"id: \0",
    b"retry:", b"retry: 12", b"retry: 0x", b": c", b":", b"\n", b"\r", b"\r\n", b"\n\n", b"\r\r",
    b"x", b"y z", b" ", b"\xef\xbb\xbf", b"\xc3\xa9", b"\xe2\x82", b"\xac", b"\xff", b"\0",
    b'{"a":1}', b"data: \n", b"\ndata: ", b"retry", b"\n\ndata: x", b"event: e\ndata: d\n\n",
]  # fmt: skip


@pytest.mark.parametrize("long_event", [sse._LONG_EVENT, 0], ids=["joined", "finished-alone"])
def test_random_streams_match_the_oracle_under_random_chunkings(
    long_event: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Both ways of completing a line held over from earlier chunks.
    monkeypatch.setattr(sse, "_LONG_EVENT", long_event)
    rng = random.Random(20261122)
    for _ in range(3000):
        stream = b"".join(rng.choice(PIECES) for _ in range(rng.randint(0, 40)))
        seed = rng.choice(["", "s"])
        reference = interpret(stream, seed)
        wanted = (reference.events, reference.last_event_id, reference.retry)
        for chunks in chunkings(stream, seed=rng.randrange(1 << 30), random_splits=2):
            assert decode(chunks, last_event_id=seed) == wanted, (stream, chunks)


def test_arbitrary_bytes_never_raise_and_match_the_oracle() -> None:
    rng = random.Random(4242)
    alphabet = b"\r\n:\n data event id retry \xef\xbb\xbf\xc3\xa9\xf0\x9f\x99\x82\xff\x00"
    for _ in range(1500):
        n = rng.randint(0, 120)
        stream = (
            rng.randbytes(n)
            if rng.random() < 0.3
            else bytes(rng.choice(alphabet) for _ in range(n))
        )
        reference = interpret(stream)
        wanted = (reference.events, reference.last_event_id, reference.retry)
        for chunks in chunkings(stream, seed=rng.randrange(1 << 30), random_splits=2):
            assert decode(chunks) == wanted, (stream, chunks)


# --- the provider-docs bug -------------------------------------------------------------------


def naive_provider_docs_loop(chunks: list[bytes]) -> list[str]:
    """The loop in the provider docs: decode each chunk alone, split on LF, substring(6)."""
    out = []
    for chunk in chunks:
        for line in chunk.decode("utf-8", "replace").split("\n"):
            if line.startswith("data: "):
                out.append(line[6:])  # noqa: PERF401 -- kept as the docs write it
    return out


def test_naive_loop_loses_events_that_ours_keeps() -> None:
    payloads = [
        json.dumps(
            {"type": "response.output_text.delta", "delta": d},
            ensure_ascii=False,
            separators=(",", ":"),
        )
        for d in ["Hello", " wörld", " 日本語", " 🙂", " end"]
    ]
    stream = "".join(f"event: response.output_text.delta\ndata: {p}\n\n" for p in payloads)
    body = stream.encode()
    # Split inside a data line, inside a multi-byte character, between CR and LF.
    emoji = body.index("🙂".encode()) + 2
    cuts = [body.index(b'"delta":"Hello'), body.index(" wörld".encode()) + 3, emoji]
    chunks = [body[a:b] for a, b in zip([0, *cuts], [*cuts, len(body)], strict=True)]
    naive = naive_provider_docs_loop(chunks)
    broken = [p for p in naive if p not in payloads]
    assert len(broken) == 3  # each split event comes out truncated: not even JSON
    assert any("\ufffd" in p for p in broken)  # and split characters are corrupted
    for piece in broken:
        with pytest.raises(json.JSONDecodeError):
            json.loads(piece)
    assert data_of(body) == payloads
    assert [d for _, d, _ in decode(chunks)[0]] == payloads
    crlf = body.replace(b"\n", b"\r\n")
    cut = crlf.index(b"\r\n") + 1
    assert [d for _, d, _ in decode([crlf[:cut], crlf[cut:]])[0]] == payloads
    assert naive_provider_docs_loop([crlf.replace(b"data: ", b"data:")]) == []


# --- size limit ------------------------------------------------------------------------------


def test_default_limit_is_generous() -> None:
    assert DEFAULT_MAX_EVENT_SIZE >= 64 * 1024 * 1024
    assert SSEDecoder()._limit == DEFAULT_MAX_EVENT_SIZE


def limit_outcome(chunks: list[bytes], limit: int) -> tuple[list[str], int | None]:
    """The data of every event delivered, then the size the error reported (None: no error)."""
    decoder = SSEDecoder(max_event_size=limit)
    seen: list[str] = []
    try:
        for chunk in chunks:
            seen += [e.data for e in decoder.feed(chunk)]
    except SSEError as error:
        assert error.limit == limit
        assert f"{limit:,}" in str(error) and "max_event_size" in str(error)
        seen += [e.data for e in error.events]
        with pytest.raises(SSEError):
            decoder.feed(b"data: after\n\n")  # closed
        return seen, error.received
    return seen, None


@pytest.mark.parametrize("end", [b"\n", b"\r\n", b"\r"])
def test_limit_counts_the_bytes_of_an_event_without_line_ends(end: bytes) -> None:
    ok = b"event: e" + end + b"data: 0123456789" + end + end  # 8 + 16 bytes
    for chunks in chunkings(ok + ok, random_splits=5):
        assert limit_outcome(chunks, 24) == (["0123456789", "0123456789"], None)
        seen, received = limit_outcome(chunks, 23)
        assert seen == [] and received is not None and received > 23


def test_events_before_the_oversized_one_are_delivered_under_every_chunking() -> None:
    stream = b"data: a\n\n: note\ndata: b\n\ndata: " + b"x" * 100 + b"\n\ndata: c\n\n"
    for chunks in chunkings(stream, random_splits=10):
        seen, received = limit_outcome(chunks, 50)
        assert seen == ["a", "b"] and received is not None and received > 50


def test_a_long_unterminated_line_is_stopped_at_the_limit() -> None:
    decoder = SSEDecoder(max_event_size=1000)
    decoder.feed(b"data: ")
    with pytest.raises(SSEError) as caught:
        for _ in range(1000):
            decoder.feed(b"x" * 10)
    assert caught.value.received == 1006  # 6 + 100 * 10: stopped as soon as it was over


def test_many_lines_add_up_to_the_limit() -> None:
    stream = b"".join(b"data: %d\n" % i for i in range(200)) + b"\n"
    for chunks in chunkings(stream, random_splits=5):
        # Lines of 7 and 8 bytes: 94 bytes after 13 lines, 102 after 14. How
        # much of the 14th had arrived when the limit broke depends on chunking.
        seen, received = limit_outcome(chunks, 100)
        assert seen == [] and received in (101, 102)


def test_no_limit() -> None:
    decoder = SSEDecoder(max_event_size=None)
    big = b"x" * (DEFAULT_MAX_EVENT_SIZE + 10)
    assert decoder.feed(b"data: " + big + b"\n\n")[0].data == big.decode()


# --- linear work and bounded memory, counted, not timed --------------------------------------


def work(chunks: list[bytes]) -> tuple[int, int, int]:
    """(bytes the decoder examined, bytes of transient allocations, events) for a run.

    Examined bytes: the sum of the text every interpreting step was handed,
    so rescanning a growing buffer shows up. Transient allocations: for each
    feed(), the tracemalloc peak above what was allocated before it, so
    copying a growing buffer shows up.
    """
    decoder = SSEDecoder(max_event_size=None)
    examined = 0
    originals: dict[str, Callable[..., Any]] = {}

    def counting(name: str) -> Callable[..., Any]:
        method = getattr(SSEDecoder, name)
        originals[name] = method

        def wrapper(self: SSEDecoder, text: Any, *rest: Any) -> Any:
            nonlocal examined
            examined += len(text) if isinstance(text, bytes) else sum(map(len, text))
            return method(self, text, *rest)

        return wrapper

    names = ["_interpret", "_interpret_lines", "_room_after", "_interpret_checked"]
    patches = {name: counting(name) for name in names}
    transient = events = 0
    try:
        for name, wrapper in patches.items():
            setattr(SSEDecoder, name, wrapper)
        tracemalloc.start()
        for chunk in chunks:
            before = tracemalloc.get_traced_memory()[0]
            tracemalloc.reset_peak()
            events += len(decoder.feed(chunk))
            transient += tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()
        for name, method in originals.items():
            setattr(SSEDecoder, name, method)
    return examined, transient, events


def test_one_16_mib_event_in_1_kib_chunks_is_linear() -> None:
    def run(size: int) -> tuple[int, int, int]:
        body = b"data: " + b"x" * size + b"\n\n"
        return work([body[i : i + 1024] for i in range(0, len(body), 1024)])

    small, large = run(4 << 20), run(16 << 20)
    assert small[2] == large[2] == 1
    # Four times the input, about four times the work; quadratic would be 16.
    assert large[0] <= 4.2 * small[0] and large[1] <= 4.2 * small[1]
    # Each byte examined and copied a small, bounded number of times.
    assert large[0] <= 3 * (16 << 20) and large[1] <= 5 * (16 << 20)


def test_200000_line_event_is_linear() -> None:
    def run(lines: int, chunk_size: int) -> tuple[int, int, int]:
        body = b"event: big\n" + b"data: 0123456789\n" * lines + b"\n"
        return work([body[i : i + chunk_size] for i in range(0, len(body), chunk_size)])

    for chunk_size in (64, 1024):
        small, large = run(50_000, chunk_size), run(200_000, chunk_size)
        assert small[2] == large[2] == 1
        assert large[0] <= 4.2 * small[0] and large[1] <= 4.2 * small[1]


def test_work_grows_linearly_with_many_small_events() -> None:
    def run(n: int) -> tuple[int, int, int]:
        body = b"event: e\ndata: {}\n\n" * n
        return work([body[i : i + 64] for i in range(0, len(body), 64)])

    small, large = run(5_000), run(20_000)
    assert large[2] == 4 * small[2]
    assert large[0] <= 4.2 * small[0] and large[1] <= 4.2 * small[1]


# --- the real recorded streams ---------------------------------------------------------------


def test_captures_decode_to_json_matching_their_event_names(captures: list[Path]) -> None:
    for path in captures:
        events, _, _ = decode([path.read_bytes()])
        assert events, path.name
        for name, data, _ in events:
            if data == "[DONE]":
                continue
            payload = json.loads(data)
            assert isinstance(payload, dict), path.name
            if name != "message" and "type" in payload:
                assert payload["type"] == name, (path.name, name)


def test_captures_decode_identically_under_random_chunkings(captures: list[Path]) -> None:
    rng = random.Random(7)
    for path in captures:
        body = path.read_bytes()
        reference = interpret(body)
        wanted = (reference.events, reference.last_event_id, reference.retry)
        assert decode([body]) == wanted, path.name
        crlf = body.replace(b"\n", b"\r\n")
        for stream in (body, crlf):
            for _ in range(3):
                chunks, i = [], 0
                while i < len(stream):
                    n = rng.choice((1, rng.randint(1, 64), rng.randint(1, 4096)))
                    chunks.append(stream[i : i + n])
                    i += n
                assert decode(chunks) == wanted, path.name
