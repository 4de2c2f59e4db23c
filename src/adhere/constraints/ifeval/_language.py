"""language and change_case: the response's language and letter case."""

from __future__ import annotations

from dataclasses import dataclass

from adhere.constraints._base import Constraint, Verdict, register
from adhere.constraints._relation import Relation, count_verdict, describe_count
from adhere.constraints._text import count_capital_words, detect_language, plural, quote

# The codes langdetect can return, with the names a prompt would use.
LANGUAGES = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "bn": "Bengali", "ca": "Catalan",
    "cs": "Czech", "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek",
    "en": "English", "es": "Spanish", "et": "Estonian", "fa": "Persian", "fi": "Finnish",
    "fr": "French", "gu": "Gujarati", "he": "Hebrew", "hi": "Hindi", "hr": "Croatian",
    "hu": "Hungarian", "id": "Indonesian", "it": "Italian", "ja": "Japanese",
    "kn": "Kannada", "ko": "Korean", "lt": "Lithuanian", "lv": "Latvian",
    "mk": "Macedonian", "ml": "Malayalam", "mr": "Marathi", "ne": "Nepali",
    "nl": "Dutch", "no": "Norwegian", "pa": "Punjabi", "pl": "Polish",
    "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak",
    "sl": "Slovenian", "so": "Somali", "sq": "Albanian", "sv": "Swedish",
    "sw": "Swahili", "ta": "Tamil", "te": "Telugu", "th": "Thai", "tl": "Tagalog",
    "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese",
    "zh-cn": "Chinese (Simplified)", "zh-tw": "Chinese (Traditional)",
}  # fmt: skip


def _named(code: str | None) -> str:
    return f"{code!r} ({LANGUAGES.get(code or '', 'unknown')})"


@register("language:response_language")
@dataclass(frozen=True)
class ResponseLanguage(Constraint):
    """The whole response in one language, as langdetect (seed 0) judges it.

    Like the reference, a text langdetect cannot judge (no letters) passes.
    """

    language: str

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            raise ValueError(f"language must be a langdetect code such as 'en', got {self.language!r}")

    def instruction(self) -> str:
        return f"Your entire response must be in {LANGUAGES[self.language]}; no other language is allowed."

    def rephrasings(self) -> tuple[str, ...]:
        name = LANGUAGES[self.language]
        return (
            f"Please reply only in {name}, not in any other language.",
            f"Could you write the whole answer in {name}?",
        )

    def check(self, response: str) -> Verdict:
        detected = detect_language(response)
        if detected is None:
            return Verdict(True, "no language could be detected, which counts as followed")
        if detected == self.language:
            return Verdict(True, f"detected {_named(detected)}")
        return Verdict(False, f"detected {_named(detected)}, expected {_named(self.language)}")


def _first(response: str, wanted: str) -> int:
    """Index of the first cased letter that is not in the wanted case."""
    wrong = str.islower if wanted == "upper" else str.isupper
    return next((i for i, ch in enumerate(response) if wrong(ch)), 0)


def _english_in_case(response: str, case: str) -> Verdict:
    in_case = response.isupper() if case == "upper" else response.islower()
    if not in_case:
        if not any(ch.isupper() or ch.islower() for ch in response):
            return Verdict(False, "contains no letters")
        letters = "capital" if case == "upper" else "lowercase"
        at = _first(response, case)
        return Verdict(False, f"not all {letters} letters: {quote(response, at, at + 1)}")
    detected = detect_language(response)
    if detected is None or detected == "en":
        return Verdict(True, f"all {'capitals' if case == 'upper' else 'lowercase'}, in English")
    return Verdict(False, f"detected {_named(detected)}, expected English")


@register("change_case:english_capital")
@dataclass(frozen=True)
class EnglishCapitals(Constraint):
    def instruction(self) -> str:
        return "Your entire response must be in English and in capital letters only."

    def rephrasings(self) -> tuple[str, ...]:
        return (
            "Please write everything in English, using capital letters only.",
            "Could you answer in English and in all caps, with no lowercase letters at all?",
        )

    def check(self, response: str) -> Verdict:
        return _english_in_case(response, "upper")


@register("change_case:english_lowercase")
@dataclass(frozen=True)
class EnglishLowercase(Constraint):
    def instruction(self) -> str:
        return "Your entire response must be in English and in lowercase letters only; no capitals."

    def rephrasings(self) -> tuple[str, ...]:
        return (
            "Write it all in English using only lowercase letters.",
            "Please don't capitalize anything: keep the whole reply in lowercase English.",
        )

    def check(self, response: str) -> Verdict:
        return _english_in_case(response, "lower")


@register("change_case:capital_word_frequency")
@dataclass(frozen=True)
class CapitalWordFrequency(Constraint):
    capital_frequency: int
    capital_relation: Relation

    def instruction(self) -> str:
        times = describe_count(self.capital_relation, self.capital_frequency, "times")
        return f"In your response, words written in all capital letters should appear {times}."

    def rephrasings(self) -> tuple[str, ...]:
        relation, count = self.capital_relation, self.capital_frequency
        if relation == "at least":
            return (
                f"Write {count} or more words in ALL CAPS for emphasis.",
                f"Make sure no fewer than {count} words appear in all capital letters.",
            )
        return (
            f"Use all-caps words under {count} times.",
            f"Could you make sure words in all capital letters show up below {count} times?",
        )

    def check(self, response: str) -> Verdict:
        # Tokens as nltk.word_tokenize makes them ("DON'T" is two words).
        found = count_capital_words(response)
        observed = f"found {plural(found, 'all-capital word')}"
        return count_verdict(found, self.capital_relation, self.capital_frequency, observed)
