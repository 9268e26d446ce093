# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""Incremental Server-Sent Events decoder, exact to the WHATWG HTML standard.

Sans-I/O: feed it the response body in whatever chunks the network delivers
and it returns the events those bytes complete. It never touches a socket, so
the same decoder serves the sync client, the async client and any caller who
has bytes from elsewhere (a file, a test, another HTTP library).

What "exact" means here (HTML standard section 9.2.5-9.2.6): the stream is
always UTF-8 with replacement characters; one leading BOM is stripped even
when it arrives split over chunks; lines end at CRLF, LF or CR and nothing
else, and a CR that ends a chunk ends its line at once; comments and unknown
fields are ignored; an event with no data is not dispatched but still commits
its id; an id containing NUL is ignored; ``retry`` needs ASCII digits only;
the unterminated tail of the stream is discarded at end of stream.

The decoder is linear in the size of its input whatever the chunking, and
bounded: an event longer than ``max_event_size`` bytes on the wire raises
``SSEError`` instead of growing without limit.
"""

from __future__ import annotations

import sys
from codecs import BOM_UTF8

from .._model.sse_event import ServerSentEvent
from ..errors import SSEError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

__all__ = ["DEFAULT_MAX_EVENT_SIZE", "SSEDecoder", "ServerSentEvent"]

DEFAULT_MAX_EVENT_SIZE: Final = 64 * 1024 * 1024
"""Bytes one event may take on the wire: far above any real Responses event
(a full response snapshot with a base64 image), far below what would exhaust
a small machine's memory."""

# Past this many bytes of an open event, a line held over from earlier chunks
# is finished on its own (_finish_held_line) rather than joined with the new
# chunk, so a huge line is not copied and rescanned with it; below it, joining
# is faster.
_LONG_EVENT: Final = 64 * 1024

# Chromium ignores retry values that overflow an unsigned 64-bit integer; so
# do we, which also keeps int() away from its 4300-digit ValueError.
_MAX_RETRY: Final = 2**64 - 1


class SSEDecoder:
    """Turn the bytes of a ``text/event-stream`` body into ``ServerSentEvent``s.

    ``last_event_id`` seeds the last event ID when resuming a stream (what the
    previous connection's decoder had, sent as ``Last-Event-ID``): events
    without an ``id`` field report it, as browsers do.

    ``max_event_size`` bounds the bytes of one event on the wire, line ends
    not counted: all the lines from one blank line to the next, including an
    unterminated line still arriving. It therefore also bounds any single
    line. ``None`` lifts the bound.

    Not thread-safe: one decoder per stream, fed from one thread at a time.
    """

    __slots__ = (
        "_bom_prefix",
        "_closed",
        "_data",
        "_event_type",
        "_guarded",
        "_id_buffer",
        "_last_event_id",
        "_last_event_line",
        "_last_event_line_type",
        "_limit",
        "_partial",
        "_retry",
        "_room",
        "_skip_lf",
    )

    def __init__(
        self,
        last_event_id: str = "",
        max_event_size: int | None = DEFAULT_MAX_EVENT_SIZE,
    ) -> None:
        self._last_event_id = last_event_id
        self._id_buffer = last_event_id
        self._retry: int | None = None
        # Field values stay bytes until dispatch: one decode per event instead
        # of one per line, and only for what is actually dispatched.
        self._event_type = b""
        self._data: list[bytes] = []
        # The unterminated line so far, as pieces joined once it ends: joining
        # on every chunk would copy the growing prefix again and again.
        self._partial: list[bytes] = []
        # The last event line the fast path read, and the type it names.
        self._last_event_line = b""
        self._last_event_line_type: str | None = "message"
        self._limit = max_event_size if max_event_size is not None else sys.maxsize
        self._room = self._limit  # bytes the open event may still take
        # The first bytes of the stream, held until they can be told from a
        # BOM (which may arrive split over chunks); None once they can.
        self._bom_prefix: bytes | None = b""
        self._skip_lf = False
        self._closed = False
        # Any of the three above needs the careful path; one test on the hot path.
        self._guarded = True

    @property
    def last_event_id(self) -> str:
        """The last event ID string: what a reconnect sends as ``Last-Event-ID``."""
        return self._last_event_id

    @property
    def retry(self) -> int | None:
        """Reconnection time in milliseconds from the last valid ``retry`` field."""
        return self._retry

    def feed(self, chunk: bytes | bytearray | memoryview) -> list[ServerSentEvent]:
        """Decode the next chunk of the body; return the events it completes, in order.

        Raises ``SSEError`` when an event exceeds ``max_event_size`` (the error
        carries the events this chunk completed before it) or after ``close()``.
        """
        if type(chunk) is not bytes:
            # A bytearray or memoryview may be the caller's reused read buffer:
            # what is held over must not change under us.
            chunk = bytes(chunk)
        if self._guarded:
            chunk = self._unguard(chunk)
        # Membership is tested with ints: given bytes, bytes.__contains__ first
        # tries them as an int and swallows a TypeError, eight times slower.
        if 10 not in chunk and 13 not in chunk:
            if chunk:
                self._partial.append(chunk)
                self._room -= len(chunk)
                if self._room < 0:
                    raise self._too_big([], self._limit - self._room)
            return []
        if 13 in chunk:
            if chunk[-1] == 13:
                # The line ends at this CR now; an LF that follows it, even
                # chunks later, is the rest of a CRLF.
                self._skip_lf = self._guarded = True
            # Field values never hold CR or LF, so turning every line end into
            # LF loses nothing, and the rest of the decoder sees one kind.
            chunk = chunk.replace(b"\r\n", b"\n")
            if 13 in chunk:
                chunk = chunk.replace(b"\r", b"\n")
        events: list[ServerSentEvent] = []
        text = chunk
        if self._partial:
            if self._limit - self._room > _LONG_EVENT:
                chunk = text = self._finish_held_line(chunk, events)
                if not chunk:
                    return events
            else:
                self._partial.append(chunk)
                text = b"".join(self._partial)
                self._partial = []
        if len(chunk) > self._room:
            # This chunk could push the open event over the limit: count line by line.
            self._interpret_checked(text, len(chunk), events)
        else:
            self._room = self._room_after(text, chunk)
            self._interpret(text, events, len(chunk))
        return events

    def close(self) -> None:
        """End of stream: discard any unterminated line or undispatched event."""
        self._partial = []
        self._data = []
        self._closed = self._guarded = True

    def _unguard(self, chunk: bytes) -> bytes:
        if self._closed:
            raise SSEError("SSEDecoder.feed() called after close()")
        if self._bom_prefix is not None:
            chunk = self._bom_prefix + chunk
            if len(chunk) < len(BOM_UTF8) and BOM_UTF8.startswith(chunk):
                self._bom_prefix = chunk
                return b""
            self._bom_prefix = None
            if chunk.startswith(BOM_UTF8):
                chunk = chunk[len(BOM_UTF8) :]
        if self._skip_lf and chunk:
            self._skip_lf = False
            if chunk[0] == 10:
                chunk = chunk[1:]
        self._guarded = self._skip_lf
        return chunk

    def _finish_held_line(self, chunk: bytes, events: list[ServerSentEvent]) -> bytes:
        """Finish the line held over from earlier chunks; return the rest of ``chunk``.

        Used once the open event is past ``_LONG_EVENT`` bytes, where the line
        may be huge (a base64 image): it is joined once, never rescanned for
        blank lines, and its value copied once with nothing else holding it.
        """
        end = chunk.index(10)
        if end > self._room:
            raise self._too_big(events, self._limit - self._room + end)
        self._room -= end
        pieces = self._partial
        self._partial = []
        # The first piece may start with complete lines left waiting by _interpret().
        cut = pieces[0].rfind(b"\n") + 1
        lines = pieces[0][:cut].split(b"\n")
        pieces[0] = pieces[0][cut:]
        pieces.append(chunk[:end])
        lines[-1] = b"".join(pieces)
        del pieces
        self._interpret_lines(lines, events)
        return chunk[end + 1 :]

    def _room_after(self, text: bytes, chunk: bytes) -> int:
        """What ``_room`` becomes once ``text`` (ending with ``chunk``) is interpreted."""
        # A blank line is an LF at a line start: right after another LF, or
        # first in text (which always starts a line).
        last_blank = text.rfind(b"\n\n") + 1
        if last_blank or text[0] == 10:
            start = last_blank + 1
            return self._limit - (len(text) - start - text.count(b"\n", start))
        return self._room - (len(chunk) - chunk.count(b"\n"))

    def _interpret(self, text: bytes, events: list[ServerSentEvent], new: int) -> None:
        """Interpret ``text``, which starts at a line start; ``new`` bytes of it are new."""
        # Event by event rather than line by line: the blocks between blank
        # lines come from one fast search, and a block of the shape every
        # Responses server sends (``event: X``, ``data: Y``) takes a partition
        # and a comparison. Any other block goes through the general loop.
        blocks = text.split(b"\n\n")
        tail = blocks.pop()
        if blocks:
            if self._data or self._event_type:
                # The first block finishes an event opened by earlier chunks.
                self._interpret_lines([*blocks.pop(0).split(b"\n"), b""], events)
            id_buffer = self._id_buffer
            # Servers send long runs of one event type (thousands of deltas):
            # comparing with the previous event line beats hashing it.
            last_line, last_type = self._last_event_line, self._last_event_line_type
            dispatch = events.append
            for block in blocks:
                head, found, data = block.partition(b"\ndata: ")
                if found and 10 not in data:
                    if head != last_line:
                        last_line, last_type = head, _event_name(head)
                    name = last_type
                elif block[:6] == b"data: " and 10 not in block:
                    name, data = "message", block[6:]
                else:
                    name = None
                if name is None:
                    self._interpret_lines([*block.split(b"\n"), b""], events)
                    id_buffer = self._id_buffer
                else:
                    dispatch(ServerSentEvent(name, data.decode("utf-8", "replace"), id_buffer))
            self._last_event_id = id_buffer
            self._last_event_line, self._last_event_line_type = last_line, last_type
        if 10 in tail and (tail[0] == 10 or len(tail) > new or tail.find(b"retry") >= 0):
            lines = tail.split(b"\n")
            tail = lines.pop()
            self._interpret_lines(lines, events)
        # Otherwise the complete lines of the open event (no blank line among
        # them: ``tail`` holds no LF pair and does not start with one) wait,
        # unparsed, for the rest of it, so that the whole event can take the
        # fast path. Until it is dispatched they have no visible effect but
        # ``retry``, which applies at once and so is never left waiting.
        # Waiting only while they are no longer than the new bytes keeps the
        # rescanning linear.
        if tail:
            self._partial.append(tail)

    def _interpret_lines(self, lines: list[bytes], events: list[ServerSentEvent]) -> None:
        """The general interpretation of complete lines, as the standard gives it."""
        # Buffers live in locals, written back at the end.
        data = self._data
        event_type = self._event_type
        id_buffer = self._id_buffer
        last_event_id = self._last_event_id
        for line in lines:
            if not line:
                last_event_id = id_buffer
                if data:
                    events.append(
                        ServerSentEvent(
                            event_type.decode("utf-8", "replace") or "message",
                            b"\n".join(data).decode("utf-8", "replace"),
                            id_buffer,
                        )
                    )
                    data = []
                event_type = b""
                continue
            if line[:6] == b"data: ":
                # Spares a huge data line the second copy partition() would make.
                data.append(line[6:])
                continue
            field, _, value = line.partition(b":")
            if value[:1] == b" ":
                value = value[1:]
            if field == b"data":
                data.append(value)
            elif field == b"event":
                event_type = value
            elif field == b"id":
                if 0 not in value:
                    id_buffer = value.decode("utf-8", "replace")
            elif field == b"retry":
                self._set_retry(value)
            # Anything else, comments (an empty field name) included, is ignored.
        self._data = data
        self._event_type = event_type
        self._id_buffer = id_buffer
        self._last_event_id = last_event_id

    def _interpret_checked(self, text: bytes, new: int, events: list[ServerSentEvent]) -> None:
        """Interpret ``text`` up to the first line that takes its event over the limit.

        ``text`` starts with what was held over from earlier chunks, already
        counted in ``_room``, and ends with ``new`` bytes that are not.
        """
        held = len(text) - new
        room = self._room + held - text.count(b"\n", 0, held)
        start = 0
        end = text.find(b"\n")
        while end >= 0:
            room = room - (end - start) if end > start else self._limit
            if room < 0:
                self._interpret(text[:start], events, 0)
                raise self._too_big(events, self._limit - room)
            start = end + 1
            end = text.find(b"\n", start)
        room -= len(text) - start
        if room < 0:
            self._interpret(text[:start], events, 0)
            raise self._too_big(events, self._limit - room)
        self._room = room
        self._interpret(text, events, 0)

    def _set_retry(self, value: bytes) -> None:
        # bytes.isdigit() accepts ASCII digits only, as the standard requires.
        if not value.isdigit():
            return
        # Leading zeros are decimal ("03000" is 3000); past 20 significant
        # digits the value cannot fit in 64 bits.
        digits = value.lstrip(b"0") or b"0"
        if len(digits) <= 20 and int(digits) <= _MAX_RETRY:
            self._retry = int(digits)

    def _too_big(self, events: list[ServerSentEvent], received: int) -> SSEError:
        self.close()
        return SSEError(
            f"SSE event exceeds max_event_size: {received:,} bytes received "
            f"without a blank line, limit {self._limit:,}",
            limit=self._limit,
            received=received,
            events=events,
        )


def _event_name(head: bytes) -> str | None:
    """The event type if ``head`` is exactly one ``event`` line (or none), else None."""
    if not head:
        return "message"
    field, _, value = head.partition(b":")
    if field != b"event" or 10 in head:
        return None
    if value[:1] == b" ":
        value = value[1:]
    return value.decode("utf-8", "replace") or "message"
