"""IFBench's fixed tasks (custom:*): each is one request, recognised by what it asks for.

A task type checks one particular answer (the multiples of 7 from 10 to 50, a CSV
with given columns), so it is read only when every part of that request is there,
in any wording: "Count from 10 to 50 but only print multiples of 7" and "print
the multiples of 7 between 10 and 50" both name 7, 10 and 50 and multiples.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from adhere.extract._registry import FLAGS, RuleMatch, rule
from adhere.extract._scan import mentions
from adhere.extract._sentences import is_directive

__all__ = ["TASKS"]


def _columns(*names: str) -> str:
    # Every column named, in any order, within one stretch of the request.
    return "".join(rf"(?=[^\n]{{0,300}}?\b{name}\b)" for name in names)


# id: the patterns that must all match; the first one's match is the evidence.
TASKS: dict[str, tuple[str, ...]] = {
    "custom:csv_city": (r"\bcolumns?\b" + _columns("ID", "Country", "City", "Year", "Count"), r"\bcsv\b"),
    "custom:csv_quotes": (
        r"\bcolumns?\b" + _columns("StudentID", "Subject", "Grade", "Semester", "Score"),
        r"\btab[\s-]*(?:delimited|separated)\b",
        r"double\s+quotes",
    ),
    "custom:csv_special_character": (
        r"\bcolumns?\b" + _columns("ProductID", "Category", "Brand", "Price", "Stock"),
        r"special\s+character",
    ),
    "custom:date_format_list": (r"\bYYYY-MM-DD\b", r"\bNapoleon", r"\bbattles?\b"),
    "custom:european_capitals_sort": (
        r"\bcapitals?\b",
        r"\beurope(?:an)?\b",
        r"\b45\s*(?:degrees|°)",
        r"\blatitude|\bnorth",
    ),
    "custom:mcq_count_length": (
        r"multiple[\s-]+choice\s+(?:[\w-]+\s+)?questions",
        r"\blonger\b",
        r"\b(?:5|five)\s+options|\boptions\s+\(?A\)?\s*(?:to|through|-|–)\s*\(?E\b",
    ),
    "custom:multiples": (
        r"\bmultiples?\s+of\s+(?:7|seven)\b|\bdivisible\s+by\s+(?:7|seven)\b",
        r"\b10\b",
        r"\b50\b",
    ),
    "custom:reverse_newline": (
        r"\b(?:reverse\s+alphabetical|Z\s+to\s+A)\b",
        r"\bAfrica",
        r"\bcountries\b|\bcountry\b",
        r"(?:new|separate|own)\s+line|\bper\s+line|\bline\s+by\s+line",
    ),
    "custom:sentence_alphabet": (
        r"\b(?:26|twenty[\s-]six)[\s-]+sentences?\b",
        r"\balphabet\b|(?-i:\bA\b[^\n]{0,60}?\bZ\b)",
    ),
    # A sentence about the bald eagle, backwards: its words, or its characters.
    "custom:word_reverse": (
        r"\bwords\s+in\s+reversed?\s+order|\brevers\w*\s+the\s+order\s+of\s+(?:its|the)\s+words"
        r"|\b(?:all\s+)?(?:the\s+|its\s+)?words\s+reversed\b",
        r"\bbald\s+eagle\b",
    ),
    "custom:character_reverse": (
        r"\bcharacters?\s+in\s+reversed?\s+order|\brevers\w*\s+the\s+order\s+of\s+(?:its|the)\s+characters"
        r"|\b(?:all\s+)?(?:the\s+|its\s+)?characters\s+reversed\b|\brevers\w*\s+(?:all\s+)?(?:the|its)\s+characters",
        r"\bbald\s+eagle\b",
    ),
}
_COMPILED = {task: [re.compile(p, FLAGS) for p in patterns] for task, patterns in TASKS.items()}


# Words (stems) one of which each task's request must use; without one, the task is not searched.
_KEY_WORDS = {
    "custom:csv_city": ("city",),
    "custom:csv_quotes": ("studentid",),
    "custom:csv_special_character": ("productid",),
    "custom:date_format_list": ("napoleon",),
    "custom:european_capitals_sort": ("capital",),
    "custom:mcq_count_length": ("multiple",),
    "custom:multiples": ("multiple", "divisible"),
    "custom:reverse_newline": ("africa",),
    "custom:sentence_alphabet": ("26", "twenty"),
    "custom:word_reverse": ("eagle",),
    "custom:character_reverse": ("eagle",),
}


@rule
def fixed_tasks(prompt: str) -> Iterator[RuleMatch]:
    for task, patterns in _COMPILED.items():
        if not mentions(prompt, *_KEY_WORDS[task]):
            continue
        found = [list(pattern.finditer(prompt)) for pattern in patterns]
        if all(found):
            yield RuleMatch(task, {}, *_evidence(prompt, found))


def _evidence(prompt: str, found: list[list[re.Match[str]]]) -> tuple[int, int]:
    """The span of the first part read in a request: a task asked as a question ("Which European
    capitals are north of 45 degrees?") is requested by the sentence that says how to list them."""
    directive = (m for part in found for m in part if is_directive(prompt, m.start(), m.end()))
    first = next(directive, found[0][0])
    return first.start(), first.end()
