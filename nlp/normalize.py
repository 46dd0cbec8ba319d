"""Text normalisation shared by training and serving. The original text is never replaced: this output
is only what the model reads."""

from __future__ import annotations

import re
import unicodedata

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"), None)
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_MENTION = re.compile(r"(?<!\w)@\w+")
_HASHTAG = re.compile(r"#(\w+)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])")
_ELONGATED = re.compile(r"([^\W\d_])\1{2,}")
_SPACES = re.compile(r"\s+")


def _split_hashtag(match: re.Match[str]) -> str:
    return " " + _CAMEL.sub(" ", match.group(1)) + " "


def normalize(text: str) -> str:
    """Fold the surface noise of social-media text into what the classifier was trained on."""
    text = unicodedata.normalize("NFKC", text).translate(_ZERO_WIDTH)
    text = _URL.sub(" url ", text)
    text = _MENTION.sub(" user ", text)
    text = _HASHTAG.sub(_split_hashtag, text)
    text = text.lower()
    text = _ELONGATED.sub(r"\1\1", text)
    return _SPACES.sub(" ", text).strip()
