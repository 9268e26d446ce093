# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""Loopback helpers for the client tests: a throwaway certificate authority, and a
tiny forward proxy. Everything listens on 127.0.0.1 and stops with its test."""

from __future__ import annotations

import select
import shutil
import socket
import ssl
import subprocess
import threading
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from urllib.parse import urlsplit


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


@dataclass
class ForwardProxy:
    """A forward proxy on 127.0.0.1: CONNECT tunnels, and plain http in absolute form.

    ``refuse`` answers every CONNECT with ``refusal`` (a 403). It relays bytes
    both ways until either side closes, and stops its threads on ``stop()``.
    """

    refuse: bool = False
    refusal: bytes = b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n"
    seen: list[ProxySeen] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.05)  # so that the accept loop sees stop() soon
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []
        self._start(self._accept)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._listener.getsockname()[1]}"

    def __enter__(self) -> ForwardProxy:
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
            self._start(self._serve, client)

    def _serve(self, client: socket.socket) -> None:
        with client:
            head = b""
            while b"\r\n\r\n" not in head:
                data = client.recv(65536)
                if not data:
                    return
                head += data
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
                    client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
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
        while not self._stopping.is_set():
            ready, _, _ = select.select(sockets, [], [], 0.1)
            for sock in ready:
                data = sock.recv(65536)
                if not data:
                    return
                (upstream if sock is client else client).sendall(data)
