"""Decoding operators' input files (rosters, candidates), with a message that says how to fix them. Pure."""

from __future__ import annotations

from pantau.errors import BadFile


def decode_utf8(data: bytes, name: str, fix: str = "save it as UTF-8 and try again") -> str:
    """UTF-8 text without a leading byte-order mark (Excel's "CSV UTF-8" writes one).

    Other encodings are refused rather than guessed: Excel's plain "CSV" is the Windows code page, and a
    wrong guess would silently change names and handles that alerts are matched and shown by.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise BadFile(f"{name} is not UTF-8 (byte 0x{data[exc.start]:02x} on line {line}): {fix}") from None
    return text.removeprefix("\ufeff")
