"""custom: IFBench's one-off tasks, each checked against its fixed expected shape."""

from __future__ import annotations

import csv
import io
import itertools
import re
from dataclasses import dataclass

from adhere.constraints._base import Constraint, Verdict, register
from adhere.constraints._text import plural, quote
from adhere.constraints.ifbench._text import (
    ascii_fold,
    drop_punctuation,
    split_into_sentences,
    strip_punctuation,
)

_MULTIPLES = [str(n) for n in range(14, 51, 7)]


@register("custom:multiples")
@dataclass(frozen=True)
class MultiplesOfSeven(Constraint):
    def instruction(self) -> str:
        return "Count from 10 to 50 but only print the multiples of 7, separated by commas."

    def rephrasings(self) -> tuple[str, ...]:
        return (
            "Print the multiples of 7 between 10 and 50, separated by commas, and nothing else.",
            "Could you list every multiple of seven from 10 up to 50, comma-separated?",
        )

    def check(self, response: str) -> Verdict:
        numbers = re.findall(r"\d+", response.replace(",", ", "))
        if numbers == _MULTIPLES:
            return Verdict(True, "prints exactly the multiples of 7")
        return Verdict(
            False, f"prints {', '.join(numbers[:10]) or 'no numbers'}; needs {', '.join(_MULTIPLES)}"
        )


_QUESTION_HEADING = re.compile(r"\n*(?:Question \d+[\.|\):;]?\s*)")
_OPTION_LINE = re.compile(r"^[A-Ea-e][\.|\)]\s*\w+")


def _question_shape(block: str) -> tuple[int, int]:
    """(length of the question text, number of A-E option lines) of one question."""
    text, options, in_options = "", 0, False
    for line in block.split("\n"):
        if _OPTION_LINE.match(line.strip()):
            options += 1
            in_options = True
        elif not in_options:
            text += " " + line.strip()
    return len(text.strip()), options


@register("custom:mcq_count_length")
@dataclass(frozen=True)
class MultipleChoiceQuestions(Constraint):
    def instruction(self) -> str:
        return (
            "Write 4 multiple-choice questions headed 'Question 1' to 'Question 4', each with 5 options "
            "A-E, each question longer than the one before, with no other text."
        )

    def rephrasings(self) -> tuple[str, ...]:
        return (
            "Please write four multiple-choice questions, labelled 'Question 1' through 'Question 4', each "
            "with five options (A to E); every question must be longer than the one before it, and add no "
            "other text.",
            "I need 4 multiple choice questions titled 'Question 1' to 'Question 4' with 5 options A-E each, "
            "where each question is longer than the previous one. Don't write anything else.",
        )

    def check(self, response: str) -> Verdict:
        if not response.startswith("Question"):
            return Verdict(False, "the response does not start with 'Question'")
        blocks = _QUESTION_HEADING.split(response)
        if blocks[0] == "":
            blocks = blocks[1:]
        blocks = [b.strip() for b in blocks if b.strip()]
        if len(blocks) != 4:
            return Verdict(False, f"{plural(len(blocks), 'question')}; needs 4")
        lengths = []
        for number, block in enumerate(blocks, start=1):
            length, options = _question_shape(block)
            if options != 5:
                return Verdict(False, f"question {number} has {plural(options, 'option')}; needs 5")
            lengths.append(length)
        if all(a < b for a, b in itertools.pairwise(lengths)):
            return Verdict(True, "4 questions of increasing length with 5 options each")
        return Verdict(False, f"question lengths {lengths} do not increase")


@register("custom:reverse_newline")
@dataclass(frozen=True)
class CountriesReverseAlphabetical(Constraint):
    def instruction(self) -> str:
        return (
            "List the countries of Africa in reverse alphabetical order, one per line, starting with "
            "Zimbabwe."
        )

    def rephrasings(self) -> tuple[str, ...]:
        return (
            "Please list every African country from Z to A, each on its own line, beginning with Zimbabwe.",
            "Could you give me the countries of Africa sorted in reverse alphabetical order, one country per "
            "line, starting with Zimbabwe?",
        )

    def check(self, response: str) -> Verdict:
        lines = [strip_punctuation(line) for line in response.split("\n") if strip_punctuation(line)]
        start = next((i for i, line in enumerate(lines) if "Zimbabwe" in line), None)
        if start is None:
            return Verdict(False, "no line mentions Zimbabwe")
        listed = [ascii_fold(line) for line in lines[start:]]
        if len(listed) < 52:
            return Verdict(False, f"{len(listed)} lines from Zimbabwe on; needs at least 52")
        for a, b in itertools.pairwise(listed):
            if a < b:
                return Verdict(False, f"{a!r} comes before {b!r}, which is not reverse alphabetical")
        return Verdict(True, f"{len(listed)} lines in reverse alphabetical order")


@register("custom:word_reverse")
@dataclass(frozen=True)
class WordsReversed(Constraint):
    def instruction(self) -> str:
        return "Write a sentence about the bald eagle with its words in reverse order, without punctuation."

    def rephrasings(self) -> tuple[str, ...]:
        return (
            "Write one sentence about the bald eagle, but reverse the order of its words and leave out all "
            "punctuation.",
            "Could you give me a sentence about the bald eagle written backwards word by word, with no "
            "punctuation?",
        )

    def check(self, response: str) -> Verdict:
        text = " ".join(drop_punctuation(response.lower().strip()).split()[::-1])
        if "bald eagle" not in text:
            return Verdict(False, "read backwards, the response does not mention 'bald eagle'")
        if text not in split_into_sentences(text):
            return Verdict(False, "read backwards, the response is not a single sentence")
        return Verdict(True, "a single sentence in reverse word order")


@register("custom:character_reverse")
@dataclass(frozen=True)
class CharactersReversed(Constraint):
    def instruction(self) -> str:
        return "Write a sentence about the bald eagle with its characters in reverse order."

    def rephrasings(self) -> tuple[str, ...]:
        return (
            "Write one sentence about the bald eagle, spelled backwards letter by letter.",
            "Could you give me a sentence about the bald eagle with every character in reverse order?",
        )

    def check(self, response: str) -> Verdict:
        if "elgae dlab" in response.lower():
            return Verdict(True, "contains 'bald eagle' reversed")
        return Verdict(False, "does not contain 'elgae dlab' ('bald eagle' reversed)")


@register("custom:sentence_alphabet")
@dataclass(frozen=True)
class SentencesAtoZ(Constraint):
    def instruction(self) -> str:
        return "Write 26 sentences, the first starting with A, the next with B, and so on to Z."

    def rephrasings(self) -> tuple[str, ...]:
        return (
            "Please write twenty-six sentences whose first letters run through the alphabet from A to Z, "
            "one letter per sentence, in order.",
            "Could you write 26 sentences where the first begins with A, the second with B, and so on "
            "until the last begins with Z?",
        )

    def check(self, response: str) -> Verdict:
        sentences = split_into_sentences(response)
        if len(sentences) != 26:
            return Verdict(False, f"{plural(len(sentences), 'sentence')}; needs 26")
        for i, sentence in enumerate(sentences):
            words = sentence.lstrip().split()
            letter = chr(ord("a") + i)
            if not words:
                # The reference raises IndexError on an empty sentence.
                return Verdict(False, f"sentence {i + 1} is empty")
            if words[0].lower()[0] != letter:
                return Verdict(False, f"sentence {i + 1} starts with {words[0]!r}, not with {letter!r}")
        return Verdict(True, "26 sentences from A to Z")


EUROPEAN_CAPITALS_BY_LATITUDE = """
    Reykjavik Helsinki Oslo Tallinn Stockholm Riga Moscow Copenhagen Vilnius Minsk Dublin Berlin
    Amsterdam Warsaw London Brussels Prague Luxembourg Paris Vienna Bratislava Budapest Vaduz
    Chisinau Bern Ljubljana Zagreb
""".split()  # noqa: SIM905


@register("custom:european_capitals_sort")
@dataclass(frozen=True)
class EuropeanCapitalsByLatitude(Constraint):
    def instruction(self) -> str:
        return (
            "List the capitals of European countries north of 45 degrees latitude, from north to south, "
            "separated by commas, with nothing else."
        )

    def rephrasings(self) -> tuple[str, ...]:
        return (
            "Please list the capitals of the European countries that lie north of 45 degrees latitude, "
            "ordered from north to south and separated by commas, with nothing else.",
            "Could you name every European capital north of 45° latitude, sorted from the northernmost to "
            "the southernmost, as a comma-separated list and nothing more?",
        )

    def check(self, response: str) -> Verdict:
        capitals = [c for c in ascii_fold(response).split(",") if c.strip()]
        expected = EUROPEAN_CAPITALS_BY_LATITUDE
        if len(capitals) != len(expected):
            return Verdict(False, f"{plural(len(capitals), 'capital')} listed; needs {len(expected)}")
        for position, (given, wanted) in enumerate(zip(capitals, expected, strict=True), start=1):
            if given.strip() != wanted:
                return Verdict(False, f"capital {position} is {given.strip()!r}; expected {wanted!r}")
        return Verdict(True, "capitals listed north to south")


def _csv_rows(text: str, wanted: int, delimiter: str = ",") -> tuple[list[list[str]], str]:
    """Up to ``wanted + 1`` CSV rows of ``text`` (one more tells "too many"), or
    no rows and why the csv module cannot read it.

    The reference raises here (on a carriage return inside a line, or a field
    longer than csv's field size limit) and so stops the whole evaluation;
    text that csv cannot read is not the CSV asked for. Rows past the one
    that makes too many cannot change the verdict, so they are not read.
    """
    try:
        return list(itertools.islice(csv.reader(io.StringIO(text), delimiter=delimiter), wanted + 1)), ""
    except csv.Error as error:
        return [], "not readable as CSV: " + str(error).split(" - ")[0]


def _row_count(found: int, wanted: int, noun: str) -> str:
    return f"more than {wanted} {noun}s" if found > wanted else plural(found, noun)


_CITY_HEADER = ["ID", "Country", "City", "Year", "Count"]


@register("custom:csv_city")
@dataclass(frozen=True)
class CityCsv(Constraint):
    def instruction(self) -> str:
        return 'Generate CSV data with the columns "ID", "Country", "City", "Year", "Count" and 7 rows.'

    def rephrasings(self) -> tuple[str, ...]:
        return (
            'Please produce a CSV with 7 rows and the columns "ID", "Country", "City", "Year" and "Count".',
            'Could you generate CSV data, 7 rows under a header of the columns "ID", "Country", "City", '
            '"Year", "Count"?',
        )

    def check(self, response: str) -> Verdict:
        rows, unreadable = _csv_rows(response, 8)
        if unreadable:
            return Verdict(False, unreadable)
        if len(rows) != 8:
            return Verdict(False, f"{_row_count(len(rows), 8, 'CSV line')}; needs a header and 7 rows")
        if rows[0] != _CITY_HEADER:
            return Verdict(False, f"header is {rows[0]}; needs {_CITY_HEADER}")
        for number, row in enumerate(rows[1:], start=1):
            if len(row) != 5:
                return Verdict(False, f"row {number} has {plural(len(row), 'field')}; needs 5")
        return Verdict(True, "a header and 7 rows of 5 fields")


_PRODUCT_HEADER = re.compile(
    r'^(ProductID|"ProductID"),[ \t]*(Category|"Category"),[ \t]*(Brand|"Brand"),[ \t]*(Price|"Price"),'
    r'[ \t]*(Stock|"Stock")$'
)
_SPECIAL = re.compile(r"[^\d\w\s]")


def quoted_with_special(field: str) -> bool:
    """``re.match(r'".*[^\\d\\w\\s].*"', field)`` (the reference's test), in linear time.

    The pattern backtracks over every special character of an unclosed quoted
    field, rescanning the rest of the line each time. ``.`` stops at the first
    newline, so the match needs, on that first line, an opening quote, a
    special character after it, and a quote after that: the last quote of the
    line is the best choice for the closing one.
    """
    line = field.partition("\n")[0]
    closing = line.rfind('"')
    return line.startswith('"') and closing >= 2 and _SPECIAL.search(line, 1, closing) is not None


@register("custom:csv_special_character")
@dataclass(frozen=True)
class ProductCsvWithSpecialField(Constraint):
    def instruction(self) -> str:
        return (
            'Generate comma-delimited CSV data with the columns "ProductID", "Category", "Brand", "Price", '
            '"Stock" and 14 rows; one field must contain a special character and be enclosed in '
            "double quotes."
        )

    def rephrasings(self) -> tuple[str, ...]:
        return (
            'Please generate comma-separated CSV data with 14 rows and the columns "ProductID", "Category", '
            '"Brand", "Price" and "Stock"; make one field contain a special character and put that field '
            "in double quotes.",
            'Could you write comma-delimited CSV data (columns "ProductID", "Category", "Brand", "Price", '
            '"Stock"; 14 rows) in which one field holds a special character and is wrapped in double quotes?',
        )

    def check(self, response: str) -> Verdict:
        if not _PRODUCT_HEADER.match(response.split("\n")[0].strip()):
            return Verdict(False, "the first line is not the ProductID,Category,Brand,Price,Stock header")
        # Tripling quotes keeps each field's own quotes in the parsed value.
        rows, unreadable = _csv_rows(response.replace('"', '"""'), 15)
        if unreadable:
            return Verdict(False, unreadable)
        if len(rows) != 15:
            return Verdict(False, f"{_row_count(len(rows), 15, 'CSV line')}; needs a header and 14 rows")
        for number, row in enumerate(rows[1:], start=1):
            if len(row) != 5:
                return Verdict(False, f"row {number} has {plural(len(row), 'field')}; needs 5")
            if any(quoted_with_special(field) for field in row):
                return Verdict(True, f"row {number} has a quoted field with a special character")
        return Verdict(False, "no quoted field contains a special character")


_STUDENT_HEADER = re.compile(
    r'^(StudentID|"StudentID")\t *(Subject|"Subject")\t *(Grade|"Grade")\t *(Semester|"Semester")'
    r'\t *(Score|"Score")$'
)


def _quoted(field: str) -> bool | None:
    text = field.strip()
    if not text:
        return None
    return text[0] == '"' and text[-1] == '"'


@register("custom:csv_quotes")
@dataclass(frozen=True)
class StudentTsvAllQuoted(Constraint):
    def instruction(self) -> str:
        return (
            'Generate tab-delimited CSV data with the columns "StudentID", "Subject", "Grade", "Semester", '
            '"Score" and 3 rows, with every field enclosed in double quotes.'
        )

    def rephrasings(self) -> tuple[str, ...]:
        return (
            'Please generate tab-separated CSV data with 3 rows and the columns "StudentID", "Subject", '
            '"Grade", "Semester" and "Score", wrapping every field in double quotes.',
            'Could you write tab-delimited CSV data (columns "StudentID", "Subject", "Grade", "Semester", '
            '"Score"; 3 rows) where each field is enclosed in double quotes?',
        )

    def check(self, response: str) -> Verdict:
        if not _STUDENT_HEADER.match(response.split("\n")[0].strip()):
            return Verdict(False, "the first line is not the tab-separated StudentID..Score header")
        rows, unreadable = _csv_rows(response.replace('"', '"""'), 4, delimiter="\t")
        if unreadable:
            return Verdict(False, unreadable)
        if len(rows) != 4:
            return Verdict(False, f"{_row_count(len(rows), 4, 'line')}; needs a header and 3 rows")
        for number, row in enumerate(rows):
            if len(row) != 5:
                return Verdict(False, f"line {number + 1} has {plural(len(row), 'field')}; needs 5")
            for field in row:
                quoted = _quoted(field)
                if quoted is None:
                    # The reference raises IndexError on an empty field.
                    return Verdict(False, f"line {number + 1} has an empty field")
                if not quoted:
                    return Verdict(False, f"field {field.strip()!r} is not enclosed in double quotes")
        return Verdict(True, "a header and 3 rows, every field quoted")


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DAYS_IN_MONTH = {1: 31, 2: 29, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}


def _date_problem(date: str) -> str | None:
    if not _DATE.match(date):
        return "is not in YYYY-MM-DD format"
    year, month, day = (int(part) for part in date.split("-"))
    if not 1769 <= year <= 1821:
        return "is outside Napoleon's lifetime"
    if month > 12:
        return "has no such month"
    # Month 0 and day 0 pass, as in the reference.
    if month in _DAYS_IN_MONTH and day > _DAYS_IN_MONTH[month]:
        return "has no such day"
    return None


@register("custom:date_format_list")
@dataclass(frozen=True)
class NapoleonBattleDates(Constraint):
    def instruction(self) -> str:
        return (
            "List the start dates of all the battles Napoleon fought, separated by commas, in the format "
            "YYYY-MM-DD, with no explanation."
        )

    def rephrasings(self) -> tuple[str, ...]:
        return (
            "Please give the start date of every battle Napoleon fought, in YYYY-MM-DD format, separated by "
            "commas and with no explanation.",
            "Could you list when each of Napoleon's battles began, as YYYY-MM-DD dates separated by commas, "
            "without explaining anything?",
        )

    def check(self, response: str) -> Verdict:
        dates = [d.strip() for d in response.strip().split(",")]
        for date in dates:
            problem = _date_problem(date)
            if problem:
                return Verdict(False, f"{quote(date, 0)} {problem}")
        return Verdict(True, f"{plural(len(dates), 'date')} in YYYY-MM-DD format")
