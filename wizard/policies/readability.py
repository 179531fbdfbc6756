"""How easy a printed text is to read, counted offline.

Dutch: Flesch-Douma (206.835 − 0.93 × words per sentence − 77 × syllables per word); English:
Flesch reading ease (206.835 − 1.015 × words per sentence − 84.6 × syllables per word). Both
count syllables with pyphen's hyphenation dictionaries, which ship inside the package: nothing
is fetched at run time. B1 means a score of 60 or more and no sentence over 20 words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import pyphen

TARGET_SCORE = 60
MAX_SENTENCE_WORDS = 20

# The formula's name, for the step page.
READABILITY_FORMULA = {"nl": "Flesch-Douma", "en": "Flesch reading ease"}

_FORMULA = {
    # language: (constant, weight of words per sentence, weight of syllables per word)
    "nl": (206.835, 0.93, 77.0),
    "en": (206.835, 1.015, 84.6),
}
# pyphen's dictionaries and margins: Dutch with every hyphenation point, English as the
# usual readability tools count it (en_US with pyphen's default margins).
_DICTIONARY = {"nl": ("nl_NL", 1), "en": ("en_US", 2)}

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
# A sentence ends at . ! or ? followed by a space, or at a line break; a full stop after a
# single letter ("B.V.") or a common abbreviation ("art. 5") does not end one.
_SENTENCE_END = re.compile(
    r"(?<=[.!?])(?<!\b\w\.)(?<!\bart\.)(?<!\bbijv\.)(?<!\bnr\.)(?<!\be\.g\.)[’'\")]?\s+|\n+"
)
_VOWEL_GROUPS = re.compile(r"[aeiouyàáâäèéêëìíîïòóôöùúûü]+", re.IGNORECASE)
# A final e that adds no syllable: "share", "shares", "closed" (not "people", "needed").
_SILENT_E = re.compile(r"[^aeiouyl]es?$|[^aeiouytd]ed$", re.IGNORECASE)


@cache
def _hyphenator(language: str) -> pyphen.Pyphen:
    name, margin = _DICTIONARY[language]
    return pyphen.Pyphen(lang=name, left=margin, right=margin)


def syllables(word: str, language: str) -> int:
    """Syllables of one word: hyphenation points + 1, or the vowel groups when there are more
    (a dictionary does not hyphenate every word: "policy" has no point in it)."""
    if word.isdigit():
        return max(1, len(word) - 1)  # "72" as one word of one syllable, "2023" as three
    points = len(_hyphenator(language).positions(word.lower()))
    groups = len(_VOWEL_GROUPS.findall(word))
    if language == "en" and groups > 1 and _SILENT_E.search(word):
        groups -= 1  # "share", "made", "closed"
    return max(1, points + 1, groups)


def sentences(text: str) -> list[str]:
    return [part.strip() for part in _SENTENCE_END.split(text) if _WORD.search(part or "")]


def words(sentence: str) -> list[str]:
    return _WORD.findall(sentence)


@dataclass(frozen=True)
class Readability:
    score: int  # Flesch-Douma (nl) or Flesch reading ease (en); higher is easier
    sentence_count: int
    word_count: int
    long_sentences: tuple[str, ...]  # sentences over MAX_SENTENCE_WORDS words

    @property
    def is_b1(self) -> bool:
        return self.score >= TARGET_SCORE and not self.long_sentences


def readability(text: str, language: str) -> Readability | None:
    """The readability of `text` in `language` ("nl" or "en"); None when there is no text."""
    language = language if language in _FORMULA else "nl"
    found = sentences(text)
    counts = [words(sentence) for sentence in found]
    word_total = sum(len(ws) for ws in counts)
    if not word_total:
        return None
    syllable_total = sum(syllables(w, language) for ws in counts for w in ws)
    constant, per_sentence, per_syllable = _FORMULA[language]
    score = (
        constant
        - per_sentence * (word_total / len(found))
        - per_syllable * (syllable_total / word_total)
    )
    return Readability(
        score=round(score),
        sentence_count=len(found),
        word_count=word_total,
        long_sentences=tuple(
            sentence
            for sentence, ws in zip(found, counts, strict=True)
            if len(ws) > MAX_SENTENCE_WORDS
        ),
    )
