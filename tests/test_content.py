# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""Content-Encoding undone: gzip, zlib deflate and raw deflate under every chunking, a
gzip bomb that never reaches memory, corrupt and cut-short bodies."""

from __future__ import annotations

import contextlib
import gzip
import random
import tracemalloc
import zlib

import pytest
from conftest import chunkings

from openresponses_min import ResponseTooLargeError
from openresponses_min._wire.content import (
    PIECE,
    ContentDecoder,
    ContentDecodingError,
    decoder_for,
)

TEXT = b"".join(f"data: event {n} caf\xc3\xa9\n\n".encode() for n in range(3000))


def raw_deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


ENCODED = {
    "gzip": gzip.compress(TEXT),
    "x-gzip": gzip.compress(TEXT),
    "deflate": zlib.compress(TEXT),
    "deflate (raw)": raw_deflate(TEXT),
}


def decode(encoding: str, pieces: list[bytes], limit: int = 1 << 30) -> bytes:
    decoder = decoder_for(encoding.split(" ")[0], limit)
    assert decoder is not None
    out = [piece for chunk in pieces for piece in decoder.feed(chunk)]
    out += decoder.end()
    assert all(0 < len(piece) <= PIECE for piece in out)
    return b"".join(out)


@pytest.mark.parametrize("encoding", ENCODED)
def test_each_encoding_under_every_chunking(encoding: str) -> None:
    for pieces in chunkings(ENCODED[encoding], random_splits=5):
        assert decode(encoding, pieces) == TEXT


def test_identity_needs_no_decoder_and_others_are_refused() -> None:
    assert decoder_for("", 10) is None and decoder_for(" Identity ", 10) is None
    assert isinstance(decoder_for("GZIP", 10), ContentDecoder)
    with pytest.raises(ContentDecodingError, match="br"):
        decoder_for("br", 10)


def test_a_gzip_bomb_never_reaches_memory() -> None:
    """512 MB of zeros, about 500 KB compressed, against a 1 MiB limit."""
    compressor = zlib.compressobj(wbits=16 + zlib.MAX_WBITS)
    zeros = bytes(1 << 20)
    bomb = b"".join(compressor.compress(zeros) for _ in range(512)) + compressor.flush()
    assert len(bomb) < 1 << 20
    decoder = ContentDecoder("gzip", limit=1 << 20)
    tracemalloc.start()
    try:
        with pytest.raises(ResponseTooLargeError) as caught:
            for start in range(0, len(bomb), 65536):
                for _ in decoder.feed(bomb[start : start + 65536]):
                    pass
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert caught.value.limit == 1 << 20 and caught.value.received > 1 << 20
    assert peak < 4 << 20


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
def test_corrupt_and_cut_short_bodies(encoding: str) -> None:
    encoded = bytearray(ENCODED[encoding])
    encoded[len(encoded) // 2] ^= 0xFF
    with pytest.raises(ContentDecodingError):
        decode(encoding, [bytes(encoded)])
    with pytest.raises(ContentDecodingError, match="ended too soon"):
        decode(encoding, [ENCODED[encoding][:-10]])
    with pytest.raises(ContentDecodingError, match="ended too soon"):
        decode(encoding, [ENCODED[encoding][:1]])


def test_an_empty_body_marked_compressed_is_empty() -> None:
    assert decode("gzip", []) == b"" and decode("deflate", [b""]) == b""


def test_random_bytes_raise_only_the_documented_error() -> None:
    rng = random.Random(4)
    for _ in range(300):
        with contextlib.suppress(ContentDecodingError):
            decode(rng.choice(["gzip", "deflate"]), [rng.randbytes(rng.randint(0, 300))])
