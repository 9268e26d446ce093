# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""The sans-I/O rules: retry waits, Retry-After parsing, proxy choice, URL and header checks."""

from __future__ import annotations

import pytest

from openresponses_min._core.policy import (
    MAX_RETRY_AFTER,
    PoolTimeout,
    Retry,
    classify,
    retry_after,
    retry_delay,
    should_retry,
)
from openresponses_min._core.request import (
    Origin,
    check_header,
    parse_proxy,
    parse_url,
    prepare,
    proxy_from_environment,
)
from openresponses_min._wire.http11 import IncompleteResponse, RemoteProtocolError

NOW = 1_700_000_000.0  # 2023-11-14T22:13:20Z


@pytest.mark.parametrize(
    ("headers", "seconds"),
    [
        ({"retry-after-ms": "1500"}, 1.5),
        ({"retry-after-ms": "soon", "retry-after": "3"}, 3.0),
        ({"retry-after": "0.25"}, 0.25),
        ({"retry-after": "Tue, 14 Nov 2023 22:13:50 GMT"}, 30.0),
        ({"retry-after": "Tue, 14 Nov 2023 22:13:00 GMT"}, None),  # in the past
        ({"retry-after": "0"}, None),
        ({"retry-after": "-5"}, None),
        ({"retry-after": "nan"}, None),
        ({"retry-after": "1e999"}, float("inf")),
        ({"retry-after": "not a date"}, None),
        ({}, None),
    ],
)
def test_retry_after(headers: dict[str, str], seconds: float | None) -> None:
    assert retry_after(headers, now=NOW) == seconds


def test_retry_delay_backs_off_with_jitter_and_a_cap() -> None:
    def delay(n: int, jitter: float) -> float | None:
        return retry_delay(n, {}, now=NOW, jitter=lambda: jitter)

    assert [delay(n, 0.0) for n in range(6)] == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0]
    assert delay(0, 0.999999) == pytest.approx(0.375, abs=1e-6)
    assert delay(10_000, 0.0) == 8.0
    assert retry_delay(0, {"retry-after": "7"}, now=NOW, jitter=lambda: 0.5) == 7.0
    too_long = {"retry-after": str(MAX_RETRY_AFTER + 1)}
    assert retry_delay(0, too_long, now=NOW, jitter=lambda: 0.5) is None
    assert retry_delay(0, {"retry-after": "1e999"}, now=NOW, jitter=lambda: 0.5) is None


@pytest.mark.parametrize(
    ("status", "headers", "retry"),
    [
        (408, {}, True), (409, {}, True), (429, {}, True), (500, {}, True), (599, {}, True),
        (400, {}, False), (401, {}, False), (404, {}, False), (422, {}, False),
        (500, {"x-should-retry": "false"}, False), (400, {"x-should-retry": "true"}, True),
        (400, {"x-should-retry": "TRUE"}, True), (400, {"x-should-retry": " True "}, True),
        (503, {"x-should-retry": "False"}, False), (429, {"x-should-retry": "FALSE"}, False),
        (400, {"x-should-retry": "yes"}, False), (500, {"x-should-retry": "no"}, True),
    ],
)  # fmt: skip
def test_should_retry(status: int, headers: dict[str, str], retry: bool) -> None:
    assert should_retry(status, headers) is retry


FAILURES = {
    "pool_timeout": PoolTimeout("busy"),
    "protocol": RemoteProtocolError("bad status line"),
    "closed": IncompleteResponse("closed", nothing=True),
    "reset": ConnectionResetError(),
    "read_timeout": TimeoutError(),
}


@pytest.mark.parametrize(
    ("kind", "method", "retry"),
    [
        # The wait for a free connection already took the whole pool timeout: another
        # attempt would only wait as long again (with the defaults, 3 x 600 s).
        ("pool_timeout", "POST", False), ("pool_timeout", "GET", False),
        # A malformed answer to a create came after the server took the request: sending it
        # again could start (and bill) a second generation, and a broken server answers the
        # same way again. An idempotent request may be asked again.
        ("protocol", "POST", False), ("protocol", "GET", True), ("protocol", "DELETE", True),
        # A connection that broke is retried whatever the method, as the SDK does: a kept
        # connection the server closed as the request went is the common case.
        ("closed", "POST", True), ("reset", "POST", True), ("read_timeout", "POST", True),
    ],
)  # fmt: skip
def test_which_failures_are_retried(kind: str, method: str, retry: bool) -> None:
    failure = classify(FAILURES[kind], connecting=False)
    assert failure.kind == kind
    wait = Retry(2).after_failure(failure, method=method, now=NOW, jitter=lambda: 0.0)
    assert (wait is not None) is retry


ORIGIN = Origin("https", "api.example.com", 443)


@pytest.mark.parametrize(
    ("environ", "proxy"),
    [
        ({}, None),
        ({"HTTPS_PROXY": "proxy:3128"}, "http://proxy:3128"),
        ({"https_proxy": "http://low:1", "HTTPS_PROXY": "http://up:2"}, "http://low:1"),
        ({"HTTP_PROXY": "http://p:1"}, None),
        ({"ALL_PROXY": "http://all:1"}, "http://all:1"),
        ({"HTTPS_PROXY": "http://p:1", "NO_PROXY": "*"}, None),
        ({"HTTPS_PROXY": "http://p:1", "NO_PROXY": "example.com"}, None),
        ({"HTTPS_PROXY": "http://p:1", "NO_PROXY": ".example.com"}, None),
        ({"HTTPS_PROXY": "http://p:1", "NO_PROXY": "ample.com"}, "http://p:1"),
        ({"HTTPS_PROXY": "http://p:1", "NO_PROXY": "api.example.com:8443"}, "http://p:1"),
        ({"HTTPS_PROXY": "http://p:1", "NO_PROXY": "api.example.com:443"}, None),
        ({"HTTPS_PROXY": "http://p:1", "no_proxy": " other.org , api.example.com "}, None),
    ],
)
def test_proxy_from_the_environment(environ: dict[str, str], proxy: str | None) -> None:
    found = proxy_from_environment(ORIGIN, environ)
    assert (found.origin.url() if found else None) == proxy


def test_no_proxy_matches_ip_networks() -> None:
    local = Origin("http", "10.1.2.3", 80)
    environ = {"HTTP_PROXY": "http://p:1", "NO_PROXY": "10.0.0.0/8"}
    assert proxy_from_environment(local, environ) is None


def test_proxy_credentials_become_basic_auth_and_stay_out_of_repr() -> None:
    proxy = parse_proxy("http://user%40corp:s3cr%3At@proxy.corp:8080")
    assert proxy.origin == Origin("http", "proxy.corp", 8080)
    assert proxy.authorization == "Basic dXNlckBjb3JwOnMzY3I6dA=="  # user@corp:s3cr:t
    assert "s3cr" not in repr(proxy) and "dXNl" not in repr(proxy)


def test_base_url_parts() -> None:
    assert parse_url("https://api.openai.com/v1/") == Origin("https", "api.openai.com", 443, "/v1")
    assert parse_url("http://[::1]:8000/v1") == Origin("http", "::1", 8000, "/v1")
    assert parse_url("http://[::1]:8000/v1").url("/x") == "http://[::1]:8000/x"
    assert parse_url("https://[::1]/v1").host_port == "[::1]:443"
    assert parse_url("https://example.com/v1").url("/x") == "https://example.com/x"


def test_prepared_requests_keep_the_key_out_of_repr() -> None:
    request = prepare("POST", ORIGIN, "/responses", api_key="sk-secret", headers={},
                      query={"stream": True, "after": None}, body={"model": "m"})  # fmt: skip
    assert request.target == "/responses?stream=true"
    assert request.headers["Authorization"] == "Bearer sk-secret"
    assert request.body == b'{"model":"m"}'
    assert "sk-secret" not in repr(request)


@pytest.mark.parametrize(
    ("name", "value"),
    [("X-A", "a\r\nb"), ("X-A", "a\nb"), ("X-A", "a\0b"), ("X A", "v"), ("X:A", "v"), ("", "v"),
     ("Ä", "v")],
)  # fmt: skip
def test_bad_headers_are_refused(name: str, value: str) -> None:
    with pytest.raises(ValueError):
        check_header(name, value)
