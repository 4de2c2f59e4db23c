"""detectable_format: bullets, fixed answers, highlights, sections, JSON, a title."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass

from adhere.constraints._base import Constraint, Verdict, register
from adhere.constraints._text import plural

_NON_SPACE = re.compile(r"\S")


def count_bullets(text: str, marker: str) -> int:
    """``len(re.findall(r"^\\s*\\*[^\\*].*$", text, re.M))`` for ``*``, and
    ``r"^\\s*-.*$"`` for ``-`` (the reference's patterns), in linear time.

    The patterns backtrack over every line start of a whitespace run, which
    is quadratic; this scan reproduces findall's non-overlapping matches. A
    match at a line start needs the first non-space character at or after it
    to be the marker (for ``*``, followed by a character other than ``*``,
    which may be a newline) and runs to the end of the line after that.
    """
    count, line_start, length = 0, 0, len(text)
    while True:
        found = _NON_SPACE.search(text, line_start)
        if found is None:
            return count
        first = found.start()
        matched = text[first] == marker and (marker != "*" or (first + 1 < length and text[first + 1] != "*"))
        if not matched:
            # Every line start up to `first` sees the same first character: skip them.
            newline = text.find("\n", first)
            if newline < 0:
                return count
            line_start = newline + 1
            continue
        count += 1
        end = text.find("\n", first + (2 if marker == "*" else 1))
        if end < 0:
            return count
        # findall resumes at the end of the match, itself a line start only after a newline.
        line_start = end if text[end - 1] == "\n" else end + 1


@register("detectable_format:number_bullet_lists")
@dataclass(frozen=True)
class BulletPoints(Constraint):
    num_bullets: int

    def instruction(self) -> str:
        return (
            f"Your answer must contain exactly {plural(self.num_bullets, 'bullet point')}, "
            "in markdown, such as:\n* This is point 1.\n* This is point 2"
        )

    def rephrasings(self) -> tuple[str, ...]:
        n = self.num_bullets
        return (
            f"Use exactly {plural(n, 'markdown bullet point')} (* like this).",
            f"Could you put your answer in exactly {plural(n, 'bullet point')}, each starting with '* '?",
        )

    def check(self, response: str) -> Verdict:
        found = count_bullets(response, "*") + count_bullets(response, "-")
        ok = found == self.num_bullets
        return Verdict(
            ok,
            f"found {plural(found, 'bullet point')}" + ("" if ok else f"; needs exactly {self.num_bullets}"),
        )


ANSWER_OPTIONS = ("My answer is yes.", "My answer is no.", "My answer is maybe.")


@register("detectable_format:constrained_response")
@dataclass(frozen=True)
class ConstrainedResponse(Constraint):
    def instruction(self) -> str:
        return "Answer with one of the following options: " + ", ".join(
            repr(option) for option in ANSWER_OPTIONS
        )

    def rephrasings(self) -> tuple[str, ...]:
        yes, no, maybe = (repr(option) for option in ANSWER_OPTIONS)
        return (
            f"Reply with just {yes}, {no} or {maybe}",
            f"Can you pick one of these three answers: {yes}, {no} or {maybe}?",
        )

    def check(self, response: str) -> Verdict:
        for option in ANSWER_OPTIONS:
            if option in response:
                return Verdict(True, f"contains {option!r}")
        return Verdict(False, "contains none of " + ", ".join(map(repr, ANSWER_OPTIONS)))


_HIGHLIGHT = re.compile(r"\*[^\n\*]*\*")
_DOUBLE_HIGHLIGHT = re.compile(r"\*\*[^\n\*]*\*\*")


@register("detectable_format:number_highlighted_sections")
@dataclass(frozen=True)
class HighlightedSections(Constraint):
    num_highlights: int

    def instruction(self) -> str:
        return (
            f"Highlight at least {plural(self.num_highlights, 'section')} of your answer "
            "with markdown, i.e. *highlighted section*."
        )

    def rephrasings(self) -> tuple[str, ...]:
        n = self.num_highlights
        return (
            f"Please use markdown to italicize at least {plural(n, 'key phrase')}, like *this*.",
            f"Make sure {n} or more parts of the answer are highlighted with markdown (*like this*).",
        )

    def check(self, response: str) -> Verdict:
        # As in the reference, a **bold** span counts once as a single and once
        # as a double highlight.
        single = sum(1 for h in _HIGHLIGHT.findall(response) if h.strip("*").strip())
        double = sum(
            1 for h in _DOUBLE_HIGHLIGHT.findall(response) if h.removeprefix("**").removesuffix("**").strip()
        )
        found = single + double
        ok = found >= self.num_highlights
        return Verdict(
            ok,
            f"found {plural(found, 'highlighted section')}"
            + ("" if ok else f"; needs at least {self.num_highlights}, such as *this*"),
        )


@functools.lru_cache(maxsize=256)
def _section_splitter(spliter: str) -> re.Pattern[str]:
    try:
        re.compile(spliter)
    except re.error:
        spliter = re.escape(spliter)
    return re.compile(r"\s?" + spliter + r"\s?\d+\s?")


@register("detectable_format:multiple_sections")
@dataclass(frozen=True)
class Sections(Constraint):
    section_spliter: str
    num_sections: int

    def __post_init__(self) -> None:
        object.__setattr__(self, "section_spliter", self.section_spliter.strip())
        if not self.section_spliter:
            raise ValueError("section_spliter must not be empty")

    def instruction(self) -> str:
        mark = self.section_spliter
        return (
            f"Your response must have {plural(self.num_sections, 'section')}. Mark the beginning "
            f"of each section with {mark} X, such as:\n{mark} 1\n[content of section 1]\n"
            f"{mark} 2\n[content of section 2]"
        )

    def rephrasings(self) -> tuple[str, ...]:
        n, mark = self.num_sections, self.section_spliter
        return (
            f"Split your answer into {plural(n, 'section')} and start each one with {mark} X "
            f"({mark} 1, {mark} 2 and so on).",
            f"Could you give me {plural(n, 'section')}, each beginning with a {mark} X header where X is "
            "its number?",
        )

    def check(self, response: str) -> Verdict:
        found = len(_section_splitter(self.section_spliter).split(response)) - 1
        ok = found >= self.num_sections
        return Verdict(
            ok,
            f"found {plural(found, 'section')} marked '{self.section_spliter} N'"
            + ("" if ok else f"; needs at least {self.num_sections}"),
        )


def _unfence(response: str) -> str:
    text = response.strip()
    for fence in ("```json", "```Json", "```JSON", "```"):
        text = text.removeprefix(fence)
    return text.removesuffix("```").strip()


@register("detectable_format:json_format")
@dataclass(frozen=True)
class JsonFormat(Constraint):
    def instruction(self) -> str:
        return "Your entire output must be valid JSON; you may wrap it in markdown ticks (```)."

    def rephrasings(self) -> tuple[str, ...]:
        return (
            "Please format your whole reply as JSON (markdown code fences are fine).",
            "Could you return the whole thing as one valid JSON object? Wrapping it in ``` is fine.",
        )

    def check(self, response: str) -> Verdict:
        try:
            json.loads(_unfence(response))
        except ValueError as error:
            return Verdict(False, f"not valid JSON: {error}")
        except RecursionError:
            # The reference crashes here; nesting this deep is not usable JSON.
            return Verdict(False, "not valid JSON: nested too deeply to parse")
        return Verdict(True, "valid JSON")


def find_titles(text: str) -> list[str]:
    """``re.findall(r"<<[^\\n]+>>", text)`` (the reference's pattern), in linear time.

    The pattern retries every ``<<`` of a line without a later ``>>``, each
    time scanning the rest of the line (quadratic on a run of ``<``). Its
    greedy middle makes a match run from the first ``<<`` of a line to the
    last ``>>`` of that line that starts at least three characters later;
    so a line holds at most one match, and none if that last ``>>`` is closer.
    """
    titles = []
    for line in text.split("\n"):
        start = line.find("<<")
        end = line.rfind(">>")
        if start >= 0 and end >= start + 3:
            titles.append(line[start : end + 2])
    return titles


@register("detectable_format:title")
@dataclass(frozen=True)
class Title(Constraint):
    def instruction(self) -> str:
        return "Your answer must contain a title wrapped in double angular brackets, such as <<poem of joy>>."

    def rephrasings(self) -> tuple[str, ...]:
        return (
            "Please give it a title, and put the title in double angle brackets, like <<A Day Out>>.",
            "Don't forget a title, written between << and >> (for example <<my title>>).",
        )

    def check(self, response: str) -> Verdict:
        titles = find_titles(response)
        for title in titles:
            if title.lstrip("<").rstrip(">").strip():
                return Verdict(True, f"title found: {title[:60]!r}")
        if titles:
            return Verdict(False, f"the title is empty: {titles[0]!r}")
        return Verdict(False, "no title wrapped in double angular brackets, such as <<title>>")
