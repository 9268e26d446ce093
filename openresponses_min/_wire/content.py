# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""A body's ``Content-Encoding`` undone, without touching a socket: gzip and deflate,
incrementally, within a bound.

``decoder_for(encoding, limit)`` gives ``None`` for a body sent as it is, else a
``ContentDecoder`` whose ``feed(data)`` yields the decoded bytes in pieces of at most
``PIECE`` bytes, so that a small compressed input that inflates enormously (a "gzip bomb")
is never whole in memory: past ``limit`` decoded bytes it raises ``ResponseTooLargeError``.
``deflate`` is read both as RFC 1950 (zlib, as the standard says) and as the raw deflate
some servers send. ``end()`` checks that the compressed data was complete.
"""

from __future__ import annotations

import zlib

from ..errors import ResponseTooLargeError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Final

PIECE: Final = 1 << 16
"""Bytes of decoded output produced at a time."""


class ContentDecodingError(Exception):
    """The body is not valid data of its ``Content-Encoding``, or is not one we decode."""


def decoder_for(encoding: str, limit: int) -> ContentDecoder | None:
    """The decoder a ``Content-Encoding`` value needs, or ``None`` for none (``identity``)."""
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return None
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise ContentDecodingError(f"Content-Encoding {encoding!r} is not gzip or deflate")
    return ContentDecoder(encoding, limit)


class ContentDecoder:
    """Undo gzip or deflate; see the module docstring."""

    def __init__(self, encoding: str, limit: int) -> None:
        self._encoding = encoding
        self._limit = limit
        self._decoded = 0
        self._inflate: zlib._Decompress | None = None
        if encoding in ("gzip", "x-gzip"):
            self._inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self._first: bytes = b""  # for deflate: the first bytes, until they tell zlib from raw
        self._fed = False

    def feed(self, data: bytes) -> Iterator[bytes]:
        if not data:
            return
        self._fed = True
        if self._inflate is None:
            data = self._first + data
            if len(data) < 2:
                self._first = data
                return
            wbits = zlib.MAX_WBITS if _is_zlib(data) else -zlib.MAX_WBITS
            self._inflate = zlib.decompressobj(wbits)
        yield from self._inflated(data)

    def end(self) -> Iterator[bytes]:
        """The end of the body: what is left, once the compressed data proved complete (an
        empty body is complete too: some servers mark one as compressed)."""
        if not self._fed:
            return
        yield from self._inflated(b"")
        if self._inflate is None or not self._inflate.eof:
            raise ContentDecodingError(f"the {self._encoding} body ended too soon")

    def _inflated(self, data: bytes) -> Iterator[bytes]:
        """Decode ``data`` (none: what is still pending) a bounded piece at a time."""
        inflate = self._inflate
        if inflate is None:
            return
        try:
            while not inflate.eof:
                piece = inflate.decompress(data, PIECE)
                data = inflate.unconsumed_tail
                if piece:
                    yield self._counted(piece)
                elif not data:
                    return
        except zlib.error as exc:
            raise ContentDecodingError(f"the {self._encoding} body is corrupt: {exc}") from None

    def _counted(self, piece: bytes) -> bytes:
        self._decoded += len(piece)
        if self._decoded > self._limit:
            raise ResponseTooLargeError(
                f"the decoded response body exceeds max_response_size ({self._limit:,} bytes)",
                limit=self._limit,
                received=self._decoded,
            )
        return piece


def _is_zlib(data: bytes) -> bool:
    """Whether ``data`` starts with a zlib header (RFC 1950): deflate, and a check value."""
    return data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0
