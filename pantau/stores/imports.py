"""Importing roster and candidate files into Redis: validate the whole file, then replace atomically.
Shared by the `pantau roster|candidates import` verbs and the demo."""

from __future__ import annotations

from pathlib import Path

from pantau.errors import ConfigError
from pantau.settings import Settings
from pantau.stores.client import run_with_redis


def import_roster_file(settings: Settings, file: Path) -> str:
    from pantau.domain.roster import decode_roster, parse_roster
    from pantau.stores.reference import ReferenceStore

    if settings.pseudonym_key is None:
        raise ConfigError("set PANTAU_PSEUDONYM_KEY (a long random secret): NIPs are stored only as keyed HMACs")
    entries = parse_roster(
        decode_roster(file.read_bytes(), file.name), settings.pseudonym_key.get_secret_value().encode()
    )
    version = run_with_redis(settings, lambda c: ReferenceStore(c).import_roster(entries))
    bound = sum(e.bound for e in entries)
    return f"imported {len(entries)} accounts ({bound} bound to neutrality) as roster version {version}"


def import_candidates_file(settings: Settings, file: Path) -> str:
    from pantau.domain.candidates import parse_contests, read_candidates_yaml
    from pantau.stores.reference import ReferenceStore

    document = read_candidates_yaml(file.read_bytes(), file.name)
    contests = parse_contests(document)
    version = run_with_redis(settings, lambda c: ReferenceStore(c).import_candidates(document))
    pairs = sum(len(c.pairs) for c in contests)
    return f"imported {len(contests)} contest(s), {pairs} pairs, as candidates version {version}"
