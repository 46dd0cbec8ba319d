"""Text normalisation shared by training and serving. The original text is never replaced: this output
is only what the model reads.

Folds what people do to slip past filters or just to type fast: zero-width characters, look-alike letters
from other scripts, digits inside words ("c0bl0s", "pa5lon"), elongation ("mantaaap"), emoji, and common
Indonesian chat abbreviations (the project's own table in `slang.py`).
"""

from __future__ import annotations

import re
import unicodedata

from nlp.serving.slang import EMOJI_WORDS, SLANG

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u034f"), None)
# Cyrillic and Greek letters that render like Latin ones.
_HOMOGLYPHS = str.maketrans(
    "аеорсхукіјԁһԛѕԝАВЕКМНОРСТХУІЈЅοαεικνρτυχΑΒΕΗΙΚΜΝΟΡΤΧΥΖ",
    "aeopcxykijdhqswABEKMHOPCTXYIJSoaeiknptuxABEHIKMNOPTXYZ",
)
_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
_LEET_INSIDE_WORD = re.compile(r"(?<=[a-z])[013457@$]+(?=[a-z])")
# At a word's edge only the unambiguous ones: "ay0", "4yo"; never "1jt", "5rb", "10rb" (amounts).
_LEET_WORD_EDGE = re.compile(r"(?<=[a-z]{2})[0134]+\b|\b[04@](?=[a-z]{2})")
_LEET_IN_TAG = re.compile(r"(?<=[A-Za-z])[013457@$]+(?=[a-z])")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_MENTION = re.compile(r"(?<!\w)@\w+")
_HASHTAG = re.compile(r"#(\w+)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])")
_ELONGATED = re.compile(r"([^\W\d_])\1{2,}")
_WORD = re.compile(r"[a-z]+")
_EMOJI = re.compile("|".join(map(re.escape, sorted(EMOJI_WORDS, key=len, reverse=True))))
_OTHER_SYMBOLS = re.compile(r"[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F]")
_PUNCTUATION = re.compile(r"[^\w\s]|_")
_SPACES = re.compile(r"\s+")


def _split_hashtag(match: re.Match[str]) -> str:
    body = _LEET_IN_TAG.sub(_unleet, match.group(1))  # before splitting: "Suk4m4ju2M3n4ng" is one tag
    return " " + _CAMEL.sub(" ", body) + " "


def _unleet(match: re.Match[str]) -> str:
    return "".join(_LEET[c] for c in match.group(0))


def _expand_slang(match: re.Match[str]) -> str:
    word = match.group(0)
    return SLANG.get(word, word)


def normalize(text: str) -> str:
    """Fold the surface noise of social-media text into what the classifier was trained on."""
    text = unicodedata.normalize("NFKC", text).translate(_ZERO_WIDTH).translate(_HOMOGLYPHS)
    text = _URL.sub(" url ", text)
    text = _MENTION.sub(" user ", text)
    text = _EMOJI.sub(lambda m: f" {EMOJI_WORDS[m.group(0)]} ", text)
    text = _OTHER_SYMBOLS.sub(" ", text)
    text = _HASHTAG.sub(_split_hashtag, text)
    text = text.lower()
    text = _LEET_INSIDE_WORD.sub(_unleet, text)
    text = _LEET_WORD_EDGE.sub(_unleet, text)
    text = _ELONGATED.sub(r"\1\1", text)
    text = _WORD.sub(_expand_slang, text)
    # The political training texts reached us without punctuation: serving text must look the same.
    text = _PUNCTUATION.sub(" ", text)
    return _SPACES.sub(" ", text).strip()
