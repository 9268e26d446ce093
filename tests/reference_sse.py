# SPDX-License-Identifier: MIT
# SPDX-FileCopyrightText: 2026 The openresponses_min authors
"""A deliberately naive, obviously-correct SSE interpreter used as a test oracle.

It reads the whole stream at once, character by character, transcribing
HTML standard sections 9.2.5 and 9.2.6 step by step, with none of the
incremental decoder's tricks. Differential tests compare the decoder with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Outcome:
    events: list[tuple[str, str, str]] = field(default_factory=list)
    last_event_id: str = ""
    retry: int | None = None


def interpret(stream: bytes, last_event_id: str = "") -> Outcome:
    """Everything a conforming decoder reports for ``stream`` followed by end of stream."""
    if stream.startswith(b"\xef\xbb\xbf"):
        stream = stream[3:]
    text = stream.decode("utf-8", "replace")
    out = Outcome(last_event_id=last_event_id)
    id_buffer = last_event_id
    event_type = ""
    data = ""
    line = ""
    i = 0
    while i < len(text):
        char = text[i]
        i += 1
        if char not in "\r\n":
            line += char
            continue
        if char == "\r" and i < len(text) and text[i] == "\n":
            i += 1
        # A complete line: interpret it.
        if line == "":
            out.last_event_id = id_buffer
            if data == "":
                event_type = ""
                continue
            if data.endswith("\n"):
                data = data[:-1]
            out.events.append((event_type or "message", data, out.last_event_id))
            data = ""
            event_type = ""
        elif line.startswith(":"):
            pass
        else:
            if ":" in line:
                name, value = line.split(":", 1)
                if value.startswith(" "):
                    value = value[1:]
            else:
                name, value = line, ""
            if name == "event":
                event_type = value
            elif name == "data":
                data += value + "\n"
            elif name == "id":
                if "\0" not in value:
                    id_buffer = value
            elif name == "retry":
                digits = value.lstrip("0") or "0"
                ascii_digits = value != "" and all("0" <= c <= "9" for c in value)
                if ascii_digits and len(digits) <= 20 and int(digits) < 2**64:
                    out.retry = int(digits)
        line = ""
    # End of stream: the unterminated line and the pending event are discarded.
    return out
