# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""Loopback helpers for the client tests: a throwaway certificate authority, a tiny
forward proxy, and a hostile server that does what no well-behaved one does. Everything
listens on 127.0.0.1 and stops with its test."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import select
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from typing import Self


@dataclass
class LoopbackCA:
    """A CA certificate, and a server certificate it signed for 127.0.0.1 and localhost."""

    ca: Path
    cert: Path
    key: Path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.cert, self.key)
        return context

    def client_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.ca))


def make_ca(folder: Path) -> LoopbackCA | None:
    """Generate the CA with the openssl command; ``None`` when it is not installed."""
    if shutil.which("openssl") is None:
        return None
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]

    def run(*args: str) -> None:
        subprocess.run(["openssl", *args], cwd=folder, check=True, capture_output=True, timeout=30)

    run("req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
        "-subj", "/CN=openresponses_min test CA",
        "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign")  # fmt: skip
    run("req", *ec, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost")
    (folder / "ext.cnf").write_text(
        "subjectAltName=DNS:localhost,IP:127.0.0.1\n"
        "basicConstraints=critical,CA:FALSE\n"
        "keyUsage=critical,digitalSignature\n"
        "extendedKeyUsage=serverAuth\n"
        "subjectKeyIdentifier=hash\n"
        "authorityKeyIdentifier=keyid,issuer\n"
    )
    run("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
        "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "ext.cnf")  # fmt: skip
    return LoopbackCA(folder / "ca.pem", folder / "server.pem", folder / "server.key")


@dataclass
class ProxySeen:
    """What the proxy was asked: the request line and the Proxy-Authorization value."""

    line: str
    authorization: str | None


class Listener:
    """Accepts connections on 127.0.0.1 and serves each in a thread: once the head of a
    request has come, ``_serve(sock, head)``, until the test ends (``stop()``, or the
    ``with`` block), when ``_stopping`` is set."""

    def __post_init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.05)  # so that the accept loop sees stop() soon
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []
        self._start(self._accept)

    @property
    def port(self) -> int:
        port: int = self._listener.getsockname()[1]
        return port

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def stop(self) -> None:
        self._stopping.set()
        self._listener.close()
        for thread in self._threads:
            thread.join(timeout=5)

    def _start(self, target: object, *args: object) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)  # type: ignore[arg-type]
        self._threads.append(thread)
        thread.start()

    def _accept(self) -> None:
        while not self._stopping.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.settimeout(5)
            self._start(self._handle, client)

    def _handle(self, client: socket.socket) -> None:
        with client:
            head = b""
            while b"\r\n\r\n" not in head:
                data = client.recv(65536)
                if not data:
                    return
                head += data
            self._serve(client, head)

    def _serve(self, client: socket.socket, head: bytes) -> None:
        raise NotImplementedError


@dataclass
class ForwardProxy(Listener):
    """A forward proxy on 127.0.0.1: CONNECT tunnels, and plain http in absolute form.

    ``refuse`` answers every CONNECT with ``refusal`` (a 403). It relays bytes
    both ways until either side closes, and stops its threads on ``stop()``.
    """

    refuse: bool = False
    refusal: bytes = b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n"
    drip: float | None = None
    """Seconds between the bytes of its answer to CONNECT, to trickle it."""
    seen: list[ProxySeen] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _serve(self, client: socket.socket, head: bytes) -> None:
        line, *lines = head.split(b"\r\n\r\n")[0].decode("latin-1").split("\r\n")
        fields = dict(h.split(": ", 1) for h in lines if ": " in h)
        self.seen.append(ProxySeen(line, fields.get("Proxy-Authorization")))
        method, target, _ = line.split(" ", 2)
        if method == "CONNECT":
            if self.refuse:
                client.sendall(self.refusal)
                return
            host, port = target.rsplit(":", 1)
            with socket.create_connection((host, int(port)), timeout=5) as upstream:
                answer = b"HTTP/1.1 200 Connection established\r\n\r\n"
                for piece in [answer] if self.drip is None else [bytes([b]) for b in answer]:
                    if self.drip is not None and self._stopping.wait(self.drip):
                        return
                    client.sendall(piece)
                self._relay(client, upstream, head.split(b"\r\n\r\n", 1)[1])
        else:
            parts = urlsplit(target)
            with socket.create_connection((parts.hostname, parts.port or 80)) as upstream:
                self._relay(client, upstream, b"", first=head)

    def _relay(
        self, client: socket.socket, upstream: socket.socket, rest: bytes, first: bytes = b""
    ) -> None:
        upstream.sendall(first + rest)
        sockets = [client, upstream]
        # A side that closes with bytes unread resets the connection (a TLS client
        # leaving the server's close_notify behind, say): that ends the relay too.
        with contextlib.suppress(ConnectionResetError, BrokenPipeError):
            while not self._stopping.is_set():
                ready, _, _ = select.select(sockets, [], [], 0.1)
                for sock in ready:
                    data = sock.recv(65536)
                    if not data:
                        return
                    (upstream if sock is client else client).sendall(data)


Answer = Callable[[socket.socket, threading.Event], None]
WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
"""RFC 6455's, for the ``101`` that accepts an upgrade."""


@dataclass
class HostileServer(Listener):
    """A server on 127.0.0.1 that reads each request and then lets ``answer(sock,
    stopping)`` do anything: drip bytes, never end, flood. ``stopping`` is set when the
    test ends; an answer that loops should stop then. With ``upgrade``, a WebSocket
    upgrade is accepted (a ``101``, by RFC 6455) before ``answer`` goes on."""

    answer: Answer
    upgrade: bool = False
    requests: int = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def _serve(self, client: socket.socket, head: bytes) -> None:
        self.requests += 1
        with contextlib.suppress(OSError):  # the client went away, as these tests expect
            if self.upgrade:
                client.sendall(switched(head))
            self.answer(client, self._stopping)


def switched(head: bytes) -> bytes:
    """The ``101`` that accepts the WebSocket upgrade whose request ``head`` is."""
    lines = head.split(b"\r\n\r\n")[0].decode("latin-1").split("\r\n")[1:]
    fields = {
        name.strip().lower(): value.strip() for name, _, value in (h.partition(":") for h in lines)
    }
    digest = hashlib.sha1((fields["sec-websocket-key"] + WEBSOCKET_GUID).encode()).digest()
    accept = base64.b64encode(digest).decode()
    return (
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        f"Sec-WebSocket-Accept: {accept}\r\n\r\n"
    ).encode()


def drip(sock: socket.socket, stopping: threading.Event, data: bytes, every: float) -> None:
    """Send ``data`` one byte at a time, ``every`` seconds apart, until stopped."""
    for byte in data:
        if stopping.wait(every):
            return
        sock.sendall(bytes([byte]))


def forever(sock: socket.socket, stopping: threading.Event, piece: bytes) -> None:
    """Send ``piece`` again and again, as fast as the client takes it, until stopped."""
    while not stopping.is_set():
        sock.sendall(piece)
        time.sleep(0)


def continue_forever(sock: socket.socket, stopping: threading.Event) -> None:
    """Answer with a ``100 Continue`` every 50 ms, until stopped: each within any read
    timeout, and at the header budget (64 KiB) only after minutes."""
    while not stopping.wait(0.05):
        sock.sendall(b"HTTP/1.1 100 Continue\r\n\r\n")


def drip_a_head(sock: socket.socket, stopping: threading.Event) -> None:
    """Answer with a head that never ends, a byte every 0.8 s, until stopped."""
    drip(sock, stopping, b"HTTP/1.1 200 OK\r\n" + b"X-Slow: y\r\n" * 10_000, every=0.8)
