"""format: nesting, bullets, indentation, quotes, emoji and templates."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

from adhere.constraints._base import Constraint, Verdict, register
from adhere.constraints._text import quote, split_sentences
from adhere.constraints.ifbench._text import (
    drop_punctuation,
    is_emoji,
    sentence_tokens,
    split_into_sentences,
    strip_punctuation,
)

_OPENERS = {")": "(", "]": "[", "}": "{"}


@register("format:parentheses")
@dataclass(frozen=True)
class NestedBrackets(Constraint):
    def instruction(self) -> str:
        return "Nest parentheses, square brackets or curly braces at least 5 levels deep."

    def rephrasings(self) -> tuple[str, ...]:
        return (
            "Make sure some parentheses, square brackets or curly braces are nested at least 5 levels deep.",
            "Could you include a spot where brackets of any kind go at least five levels deep, one inside "
            "another?",
        )

    def check(self, response: str) -> Verdict:
        # A mismatched closer resets the count, as in the reference.
        stack: list[str] = []
        deepest = 0
        for char in response:
            if char in "([{":
                stack.append(char)
                deepest = max(deepest, len(stack))
            elif char in _OPENERS:
                if stack and stack[-1] == _OPENERS[char]:
                    stack.pop()
                    if deepest >= 5 and len(stack) < deepest:
                        return Verdict(True, f"brackets nested {deepest} levels deep")
                else:
                    stack, deepest = [], 0
        return Verdict(False, "no brackets nested 5 levels deep and closed")


@register("format:quotes")
@dataclass(frozen=True)
class NestedQuotes(Constraint):
    def instruction(self) -> str:
        return "Nest quotation marks at least 3 levels deep, alternating double and single quotes."

    def rephrasings(self) -> tuple[str, ...]:
        return (
            "Include a quote within a quote within a quote (at least 3 levels deep), alternating double "
            "and single quotation marks.",
            "Could you nest quotation marks three or more levels deep, switching between double and "
            "single quotes?",
        )

    def check(self, response: str) -> Verdict:
        stack: list[str] = []
        deepest = 0
        for char in response:
            if stack and char == stack[-1]:
                stack.pop()
                if deepest - len(stack) >= 3:
                    return Verdict(True, f"quotes nested {deepest} levels deep")
            elif char in "\"'":
                stack.append(char)
                deepest = max(deepest, len(stack))
        return Verdict(False, "no quotes nested 3 levels deep and closed")


@register("format:options")
@dataclass(frozen=True)
class ChooseOption(Constraint):
    options: str

    @property
    def _exact(self) -> bool:
        # Lettered options ("a), b), c)") must be answered exactly as written.
        return re.match(r"\W*[aA]\W*[bB]\W*[cC]\W*", self.options) is not None

    @property
    def _choices(self) -> list[str]:
        # The reference splits on "/", else on the substring "or", else on ",".
        separator = "/" if "/" in self.options else "or" if "or" in self.options else ","
        return [option.strip() for option in self.options.split(separator)]

    def instruction(self) -> str:
        return f"Answer with one of the following options: {self.options}. Do not give any explanation."

    def rephrasings(self) -> tuple[str, ...]:
        return (
            f"Pick one of these options and give no explanation: {self.options}.",
            f"Could you reply with just one option from this list, without explaining: {self.options}?",
        )

    def check(self, response: str) -> Verdict:
        choices = self._choices
        if self._exact:
            ok = response in choices
        else:
            answer = strip_punctuation(response).lower()
            ok = any(strip_punctuation(choice).lower() == answer for choice in choices)
        if ok:
            return Verdict(True, "answered with one of the options")
        return Verdict(False, f"{quote(response, 0)} is not exactly one of: {', '.join(choices)}")


@register("format:newline")
@dataclass(frozen=True)
class WordPerLine(Constraint):
    def instruction(self) -> str:
        return "Write each word on a new line."

    def rephrasings(self) -> tuple[str, ...]:
        return (
            "Put every word on its own line.",
            "Please use one word per line, with a line break after every word.",
        )

    def check(self, response: str) -> Verdict:
        text = drop_punctuation(response).strip()
        lines = [line for line in text.split("\n") if line != ""]
        words = text.split()
        if len(lines) == len(words):
            return Verdict(True, "one word per line")
        return Verdict(False, f"{len(words)} words on {len(lines)} lines; needs one word per line")


def _emoji_at_end(sentence: str) -> bool | None:
    """Whether one of the last two characters is an emoji; None for an empty sentence."""
    text = drop_punctuation(sentence).strip()
    if not text:
        return None
    return is_emoji(text[-1]) or is_emoji(text[-2] if len(text) > 1 else text[-1])


@register("format:emoji")
@dataclass(frozen=True)
class EmojiPerSentence(Constraint):
    def instruction(self) -> str:
        return "Use an emoji at the end of every sentence."

    def rephrasings(self) -> tuple[str, ...]:
        return (
            "Finish each sentence with an emoji.",
            "Make sure every one of your sentences ends in an emoji.",
        )

    def check(self, response: str) -> Verdict:
        sentences = split_into_sentences(response)
        for i, sentence in enumerate(sentences):
            at_end = _emoji_at_end(sentence)
            if at_end is None:
                return Verdict(False, f"sentence {i + 1} is only punctuation")
            if at_end:
                continue
            # An emoji opening the next sentence counts: the splitter cuts before it.
            if i == len(sentences) - 1:
                return Verdict(
                    False, f"the last sentence {quote(sentence, len(sentence))} ends without an emoji"
                )
            following = drop_punctuation(sentences[i + 1]).strip()
            if not following:
                return Verdict(False, f"sentence {i + 2} is only punctuation")
            if not is_emoji(following[0]):
                return Verdict(
                    False, f"sentence {i + 1} {quote(sentence, len(sentence))} ends without an emoji"
                )
        return Verdict(True, "every sentence ends with an emoji")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _drop_blank_lines_like_reference(lines: list[str]) -> list[str]:
    """What the reference's loop leaves of ``lines``, in linear time.

    The reference runs ``for line in lines: if not line.strip():
    lines.remove(line)``: removing while iterating skips the line after each
    removal, and ``remove`` takes the first equal line, which may be an
    earlier blank line that was skipped. So a visited blank line removes the
    next surviving copy of its own text from the front, and each blank text
    loses exactly as many of its first copies as it had visits. Replaying the
    removals one by one (as this did before) is quadratic in the line count.
    """
    visits: dict[str, int] = {}
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.strip():
            index += 1
        else:
            visits[line] = visits.get(line, 0) + 1
            index += 2  # the removal shifts the next line into this slot, and iteration moves past it
    kept = []
    for line in lines:
        if visits.get(line, 0) > 0:
            visits[line] -= 1
            continue
        kept.append(line)
    return kept


@register("format:line_indent")
@dataclass(frozen=True)
class IndentStairs(Constraint):
    def instruction(self) -> str:
        return "Indent each line with more leading spaces than the line before it, like a staircase."

    def rephrasings(self) -> tuple[str, ...]:
        return (
            "Give every line more leading spaces than the previous one, so the text steps to the right.",
            "Could you indent each new line a little further than the one above it?",
        )

    def check(self, response: str) -> Verdict:
        lines = _drop_blank_lines_like_reference(response.split("\n"))
        for i in range(len(lines) - 1):
            if _indent(lines[i + 1]) <= _indent(lines[i]):
                return Verdict(
                    False,
                    f"line {quote(lines[i + 1].strip(), 0)} is indented {_indent(lines[i + 1])} spaces, "
                    f"not more than the {_indent(lines[i])} before it",
                )
        return Verdict(True, "each line is indented further than the last")


@register("format:quote_unquote")
@dataclass(frozen=True)
class QuoteThenExplain(Constraint):
    def instruction(self) -> str:
        return (
            "Every quoted passage must be followed by an explanation: do not end with a quote and do "
            "not put two quotes back to back."
        )

    def rephrasings(self) -> tuple[str, ...]:
        return (
            "After every quotation, add some unquoted explanation; never finish on a quote or place two "
            "quotes next to each other.",
            "Make sure each quote you use is followed by your own words explaining it, so the answer never "
            "ends with a quote and no two quotes sit back to back.",
        )

    def check(self, response: str) -> Verdict:
        text = response.replace("“", '"').replace("”", '"').replace("'\"'", "")
        text = "".join(text.split())
        if '""' in text:
            return Verdict(False, "two quotations follow each other with no explanation between them")
        tail = text.strip(string.digits + string.punctuation.replace('"', ""))
        if not tail:
            # The reference raises IndexError here.
            return Verdict(False, "the response has no text besides digits and punctuation")
        if tail[-1] == '"':
            return Verdict(False, "the response ends with a quotation instead of an explanation")
        return Verdict(True, "every quotation is followed by an explanation")


@register("format:list")
@dataclass(frozen=True)
class CustomBullets(Constraint):
    sep: str

    def instruction(self) -> str:
        return f"Answer with a list of items, marking each item with {self.sep!r} instead of a bullet."

    def rephrasings(self) -> tuple[str, ...]:
        return (
            f"Give your answer as a list, and mark each item with {self.sep!r} rather than a bullet point.",
            f"Don't use bullets; start every item of the list with {self.sep!r} instead.",
        )

    def check(self, response: str) -> Verdict:
        found = len(re.findall(re.escape(self.sep), response))
        if found >= 2:
            return Verdict(True, f"{found} items marked with {self.sep!r}")
        return Verdict(False, f"{found} items marked with {self.sep!r}; needs at least 2")


@register("format:thesis")
@dataclass(frozen=True)
class ItalicThesis(Constraint):
    def instruction(self) -> str:
        return (
            "Start with a thesis statement in HTML italics (<i>...</i>), then continue with the rest of "
            "the response."
        )

    def rephrasings(self) -> tuple[str, ...]:
        return (
            "Open with your thesis statement wrapped in <i> and </i> tags, then write the rest.",
            "Could you begin with a thesis statement in HTML italics (<i>like this</i>) and continue from "
            "there?",
        )

    def check(self, response: str) -> Verdict:
        start = response.find("<i>")
        if start == -1:
            start = response.find("<em>")
            if start == -1:
                return Verdict(False, "no <i> or <em> thesis")
        text = response[start:]
        end = text.find("</i>")
        if end == -1:
            end = text.find("</em>")
            if end == -1:
                return Verdict(False, "the italic thesis is never closed")
        # Offsets 3 and 4 are the reference's, whichever tag is used.
        if not text[3:end].strip():
            return Verdict(False, "the italic thesis is empty")
        if not text[end + 4 :].strip():
            return Verdict(False, "nothing follows the italic thesis")
        return Verdict(True, "an italic thesis followed by the response")


@register("format:sub-bullets")
@dataclass(frozen=True)
class SubBullets(Constraint):
    def instruction(self) -> str:
        return "Use '*' bullet points, and give each one at least one '-' sub-bullet."

    def rephrasings(self) -> tuple[str, ...]:
        return (
            "Format the answer as '*' bullet points, each with at least one '-' sub-bullet under it.",
            "Could you use a bulleted list (with '*') where every bullet has one or more sub-bullets marked "
            "with '-'?",
        )

    def check(self, response: str) -> Verdict:
        for number, bullet in enumerate(response.split("*")[1:], start=1):
            if "-" not in bullet:
                return Verdict(False, f"bullet {number} {quote(bullet.strip(), 0)} has no '-' sub-bullet")
        return Verdict(True, "every bullet has a sub-bullet")


@register("format:no_bullets_bullets")
@dataclass(frozen=True)
class ProseThenBullets(Constraint):
    def instruction(self) -> str:
        return (
            "Write at least two sentences of prose first, then at least two '*' bullet points, "
            "and nothing after."
        )

    def rephrasings(self) -> tuple[str, ...]:
        return (
            "Begin with two or more sentences of plain prose, followed by two or more '*' bullet points, and "
            "end there.",
            "Could you open with at least two prose sentences and then give at least two bullet points "
            "marked '*', with nothing after the list?",
        )

    def check(self, response: str) -> Verdict:
        # ``prose`` mirrors the reference's variable: True at first, then the
        # previous line's sentences (an empty list for a blank line), then False.
        prose: bool | tuple[str, ...] = True
        sentences = bullets = 0
        for line in response.split("\n"):
            if line.strip().startswith("*"):
                prose = False
                if sentences < 2:
                    return Verdict(False, f"a bullet comes after only {sentences} sentences of prose")
                bullets += 1
            elif prose:
                prose = split_into_sentences(line.strip())
                sentences += len(prose)
            else:
                return Verdict(False, f"text {quote(line.strip(), 0)} follows the bullets or a blank line")
        if bullets >= 2:
            return Verdict(True, f"{sentences} sentences, then {bullets} bullets")
        return Verdict(False, f"{bullets} bullet points; needs at least 2")


# Treebank splits between two letters only in its contraction words and
# before "n't"; anywhere else a token starts at the sentence start or after
# a character that is not a letter.
_SPLITS_BETWEEN_LETTERS = re.compile(r"(?i)cannot|d'ye|gimme|gonna|gotta|lemme|more'n|wanna|'tis|'twas|n't")


def _may_hold_lowercase_token(sentence: str) -> bool:
    """False only where no token can start with a lowercase letter, so tokenizing can be skipped."""
    if _SPLITS_BETWEEN_LETTERS.search(sentence):
        return True
    return any(b.islower() and not a.isalpha() for a, b in zip(" " + sentence, sentence, strict=False))


@register("format:title_case")
@dataclass(frozen=True)
class TitleCase(Constraint):
    def instruction(self) -> str:
        return "Write the entire response in title case (capitalize the first letter of every major word)."

    def rephrasings(self) -> tuple[str, ...]:
        return (
            "Please capitalize the first letter of every major word throughout, Title Case style.",
            "Could you put the whole answer in title case?",
        )

    def check(self, response: str) -> Verdict:
        # Token by token as the reference reads nltk.word_tokenize(response), but
        # only sentences that can hold a failing token are tokenized, up to the first failure.
        for sentence in split_sentences(response):
            if not _may_hold_lowercase_token(sentence):
                continue
            for word in sentence_tokens(sentence):
                # The reference first passes words whose head is upper case; only a lowercase head can fail.
                if word[0].islower() and (word[1:].isupper() or word[1:].islower()):
                    return Verdict(False, f"{word!r} is not capitalized")
        return Verdict(True, "every word is in title case")


_TEMPLATE = ("My Answer:", "My Conclusion:", "Future Outlook:")


@register("format:output_template")
@dataclass(frozen=True)
class OutputTemplate(Constraint):
    def instruction(self) -> str:
        return (
            "Use this exact template for your response: My Answer: [answer] My Conclusion: [conclusion] "
            "Future Outlook: [outlook]"
        )

    def rephrasings(self) -> tuple[str, ...]:
        return (
            "Please follow this template exactly: My Answer: [answer] My Conclusion: [conclusion] Future "
            "Outlook: [outlook]",
            "Could you lay out your reply as 'My Answer: [answer] My Conclusion: [conclusion] Future "
            "Outlook: [outlook]', filling in each bracket?",
        )

    def check(self, response: str) -> Verdict:
        missing = [part for part in _TEMPLATE if part not in response]
        if missing:
            return Verdict(False, f"missing {', '.join(map(repr, missing))}")
        return Verdict(True, "follows the template")


@register("format:no_whitespace")
@dataclass(frozen=True)
class NoWhitespace(Constraint):
    def instruction(self) -> str:
        return "The output should not contain any whitespace."

    def rephrasings(self) -> tuple[str, ...]:
        return (
            "Please write it without any spaces, tabs or line breaks (no whitespace at all).",
            "Make sure your answer has zero whitespace characters.",
        )

    def check(self, response: str) -> Verdict:
        for index, char in enumerate(response):
            if char.isspace():
                return Verdict(False, f"whitespace {char!r} at {quote(response, index)}")
        return Verdict(True, "no whitespace")
