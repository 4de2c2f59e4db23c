"""The rule parser: phrasings of each constraint type, read into (id, kwargs).

Each rule is a function from the prompt to the constraints it states, with
the span of text that states each one. Rules read the language (numbers in
words or digits, relations, quoted keywords, language names); none matches
a benchmark prompt verbatim. A rule that is unsure states nothing: an
invented constraint costs as much as a missed one.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator

from adhere.extract._numbers import NUMBER, ORDINAL, parse_number, parse_ordinal
from adhere.extract._quantities import QUANTITY, Bound, bounds, negated
from adhere.extract._registry import FLAGS, RULES, Rule, RuleMatch, phrase, rule
from adhere.extract._scan import finditer_at_counts, mentions, mentions_any, search_at_counts
from adhere.extract._sentences import describes_a_thing, is_directive, sentence_span

__all__ = ["RULES", "RuleMatch"]


Q = rf"(?P<q>{QUANTITY})"
_QUOTED = r"[\"“”'‘’]"
_WORD_TOKEN = r"[\"“'‘]?(?P<word>[\w-]+(?:'\w+)*)[\"”'’]?"


def _first_stated(prompt: str, matches: Iterable[re.Match[str]]) -> re.Match[str] | None:
    """The first of ``matches`` in a sentence said to the assistant: a rule quoted and shown first
    ("The template says 'highlight at least 5 sections'.") hides no request after it."""
    return next((m for m in matches if is_directive(prompt, m.start(), m.end())), None)


# A count for each part ("each line ... one sentence", "every paragraph ... 50 words") is no total.
# ("two poems ..., each under 50 words": "each" right before the count)
_DISTRIBUTIVE = re.compile(
    r"\b(?:each|every|per)(?:\s+(?!time\b)[\w-]+\b(?:(?!\b(?:and|but)\b)[^.,;:!?\n])*)?\s*$", FLAGS
)


# ... or after it: "50 words each", "two sentences per bullet", "10 words in each line"
# ("at least two sentences of explanation for each")
_DISTRIBUTIVE_AFTER = re.compile(
    r"\s*,?\s*(?:(?:of|about)\s+[\w-]+\s+)?(?:each|apiece|per\s+\w+|(?:in|for|on)\s+(?:each|every)\b)", FLAGS
)


# A count of what the answer opens or closes with is a part's, no total: "Start with at least two sentences
# of plain text, then ...", "end with a couple of sentences summing up".
_A_PART_BEFORE = re.compile(
    r"\b(?:start|begin|open|lead|kick|end|finish|close|conclude|wrap)(?:s|ing)?\s+(?:(?:it|off|up|things)\s+)?"
    r"(?:(?:your|the|this)\s+[\w-]+\s+)?(?:off\s+)?with\s+(?:just\s+|only\s+|a\s+short\s+)?$",
    FLAGS,
)


# ... and a count said of a part named with "the" or "your" (a part of a text, not the text asked for):
# "Keep the intro under 50 words", "The title should be under 10 words", "the first paragraph should be
# under 100 words", "with a headline of no more than 12 words" ("Write an intro under 50 words", "a tagline
# of at most 8 words" ask for the thing itself).
_PART_NAMED_BEFORE = re.compile(
    r"\b(?:(?:the|your|its|each)\s+(?:[\w-]+\s+)?(?:intro(?:duction)?|title|headline|subject(?:\s+line)?|conclusion|opening"
    r"|closing|hook|caption|heading|header|greeting|sign[\s-]?off|tagline|(?:first|second|third|last|final|opening|closing)"
    r"\s+(?:paragraph|section|part|line|stanza|verse|bullet))"
    r"|\bwith\s+(?:a|an)\s+(?:[\w-]+\s+)?(?:headline|title|subject\s+line|caption|tagline)(?=\s+of\s))"
    # ("The intro's 50 words is the limit")
    r"(?:'s)?\s+(?:(?:should|must|needs?\s+to|has\s+to|ought\s+to)\s+(?:be\s+|stay\s+)|is\s+|of\s+|with\s+|stays?\s+)?(?:kept\s+)?$",
    FLAGS,
)


# A pattern that starts with the count (after any lookbehinds) is tried only where counts start.
_COUNT_LED = re.compile(r"(?:\(\?<![^)]*\))*(?:\\b)?\(\?P<[qn]>")


# Going past a count allowed, not asked for: "It can be over 300 words if needed", "Feel free to write more
# than 500 words", "You may use more than 3 sentences" (a bound allowed up to stays one: "It can be up to
# 200").
_ALLOWED_BEFORE = re.compile(
    # (not a request put as a question: "Can you write more than 300 words?")
    r"\b(?:(?:can|could|may|might)(?!\s+(?:you|u|i\s+ask)\b)|(?:feel|you're|you\s+are)\s+free\s+to|you're\s+welcome\s+to|(?:is|are)\s+allowed\s+to"
    r"|(?:it's|it\s+is|that's|that\s+is)\s+(?:fine|ok|okay|alright|allowed)\s+to)\s+(?:[\w-]+\s+){0,3}$",
    FLAGS,
)
_PAST_A_COUNT = re.compile(
    r"(?:more|longer|greater)\s+th[ae]n|over|beyond|exceed|(?:go|run)\w*\s+past", FLAGS
)


def _allowed_past(prompt: str, start: int) -> bool:
    return bool(
        _PAST_A_COUNT.match(prompt, start) and _ALLOWED_BEFORE.search(prompt, max(0, start - 50), start)
    )


# A count judged unwanted after it: "Anything over 150 words is too long", "Over 150 words and I can't use
# it", "under 300 words gets rejected" (the answer is to be on the other side of it).
_JUDGED_UNWANTED = re.compile(
    r"\s*(?:[\w-]+\s+){0,2}?(?:is|are|will\s+be|would\s+be|gets?)\s+(?:way\s+|much\s+|far\s+)?"
    r"(?:too\s+(?:long|much|many|short|few|little|wordy)|rejected|cut(?:\s+off)?|ignored|truncated|unacceptable"
    r"|not\s+(?:ok|okay|allowed|acceptable))\b"
    r"|\s*,?\s*and\s+(?:i|we|they)\s+(?:can't|cannot|can\s+not|won't|will\s+not)\b"
    r"|\s+(?:won't|will\s+not)\s+(?:fit|work|be\s+accepted)\b",
    FLAGS,
)


def _quantity_rule(
    constraint_id: str, relation_key: str, value_key: str, *patterns: str, unless_before: str = r"(?!)"
) -> Rule:
    before = re.compile(unless_before + r"[^.,;:!?\n]*$", FLAGS)
    compiled = [(re.compile(p, FLAGS), _COUNT_LED.match(p) is not None) for p in patterns]

    def find(prompt: str) -> Iterator[RuleMatch]:
        seen = set()
        for pattern, led in compiled:
            for match in finditer_at_counts(pattern, prompt) if led else pattern.finditer(prompt):
                if _DISTRIBUTIVE.search(prompt, max(0, match.start() - 40), match.start()):
                    continue  # "each line should contain exactly one sentence" counts per line
                if before.search(prompt, max(0, match.start() - 40), match.start()):
                    continue
                if _DISTRIBUTIVE_AFTER.match(prompt, match.end()):
                    continue  # "3 paragraphs of 50 words each" counts per paragraph
                if _A_PART_BEFORE.search(prompt, max(0, match.start() - 40), match.start()):
                    continue  # "Start with two sentences of context, then bullets" counts an opening part
                if _PART_NAMED_BEFORE.search(prompt, max(0, match.start() - 50), match.start()):
                    continue  # "Keep the intro under 50 words" bounds a part
                unwanted = _JUDGED_UNWANTED.match(prompt, match.end()) is not None
                for found in bounds(match.group("q")):
                    bound = negated(prompt, match.start("q"), found)
                    if unwanted:  # "Anything over 150 words is too long": the bound the other way
                        bound = Bound(
                            "less than" if bound.relation == "at least" else "at least", bound.value
                        )
                    if bound.relation == "at least" and _allowed_past(prompt, match.start("q")):
                        continue  # "It can go past 300 words if needed" lets it, asks nothing
                    key = (bound.relation, bound.value)
                    if key not in seen:
                        seen.add(key)
                        kwargs = {relation_key: bound.relation, value_key: bound.value}
                        yield RuleMatch(constraint_id, kwargs, match.start(), match.end())

    return rule(find)


# ---------------------------------------------------------------- IFEval: length


# Words "in all capital letters" are counted by capital_word_frequency instead (within the same phrase: not
# past a comma or another count, "under 150 words, with at least 4 words in all caps").
_NOT_CAPITALS = (
    r"(?!(?:(?!\d|\bat\s+least\b|\bat\s+most\b|\b(?:and|but|then|please)\s+(?:put|make|write|type|format|keep|use)\b)"
    r"[^.?!,;]){0,40}?(?:capital|\bcaps\b|upper\s*case))"
)
_quantity_rule(
    "length_constraints:number_words",
    "relation",
    "num_words",
    rf"{Q}[\s-]*w(?:or|r)?ds?\b{_NOT_CAPITALS}",  # "wrds", "wds", as typed in a hurry too
    # ("40 words or under", "300 words or longer")
    rf"(?P<q>{NUMBER}\s+words?\s+or\s+(?:less|fewer|more|under|below|shorter|longer|above)\b)",
    rf"(?P<q>{NUMBER}[\s-]+words?\s*(?:long\s*)?,?\s+(?:max(?:imum)?|tops|min(?:imum)?|at\s+(?:the\s+)?(?:very\s+)?(?:most|least))\b)",
    rf"\b(?:words?|word\s+count)\b(?:(?!capital|caps|upper)[^.]){{0,40}}?(?:should|must|to)\s+be\s+{Q}",
    # "keep the word count under 200", "the word count doesn't exceed 150"
    rf"\bword\s+count\s+(?:(?!\d)[\w']+\s+){{0,3}}?{Q}(?!\s*[\w-]*\s*(?:sentences?|paragraphs?|characters?|letters?))",
    # "use all-caps for at least 4 words" counts capitalised words; "italicize at least a couple of
    # words" counts highlighted ones (the verb right before the count)
    # (not past an "and": "Write in all caps and under 100 words" bounds the answer's length)
    unless_before=(
        # (the caps for some words: "caps for at least 4 words", "capitalize at least 4 words"; not the whole
        # answer in caps, then its length: "describe it in all caps at least 100 words")
        r"(?:(?:\bcapitali[sz]\w*|(?:capital|\bcaps\b|upper\s*case)(?:\s+letters)?\s+(?:for|on|in|to|with)\b"
        r"|(?:capital|\bcaps\b|upper\s*case)(?=[^.,;:!?\n]*\s(?:for|on|in|to|with)\s*$))"
        r"(?=(?:(?!\b(?:and|but|then)\b)[^.,;:!?\n])*$)"
        r"|\b(?:highlight|italici[sz]e|emphasi[sz]e|bold)\w*\s+(?=[^.,;:!?\n]{0,12}$))"
    ),
)
_quantity_rule(
    "length_constraints:number_sentences",
    "relation",
    "num_sentences",
    rf"{Q}[\s-]+sent[ae]n[cs]es?\b",  # "sentances", as typed in a hurry too
    rf"(?P<q>{NUMBER}\s+sentences?\s+or\s+(?:less|fewer|more|under|below|shorter|longer|above)\b)",
    rf"(?P<q>{NUMBER}[\s-]+sentences?\s*(?:long\s*)?,?\s+(?:max(?:imum)?|tops|min(?:imum)?|at\s+(?:the\s+)?(?:very\s+)?(?:most|least))\b)",
    rf"number\s+of\s+sentences[^.]{{0,40}}?(?:should|must)\s+be\s+{Q}",
    rf"\bsentence\s+count\s+(?:(?!\d)[\w']+\s+){{0,3}}?{Q}(?!\s*[\w-]*\s*(?:words?|paragraphs?|characters?))",
)


# A length asked in Spanish, French or German (a request written in the language the answer is to be in):
# "con al menos 8 oraciones", "moins de 100 mots", "höchstens 5 Sätze". The count in digits, the relation
# before it.
_FOREIGN_RELATIONS = {
    "al menos": ("at least", 0), "por lo menos": ("at least", 0), "mínimo": ("at least", 0),
    "como máximo": ("less than", 1), "máximo": ("less than", 1), "menos de": ("less than", 0),
    "más de": ("at least", 1), "no más de": ("less than", 1),
    "au moins": ("at least", 0), "au minimum": ("at least", 0), "au plus": ("less than", 1),
    "au maximum": ("less than", 1), "moins de": ("less than", 0), "plus de": ("at least", 1),
    "pas plus de": ("less than", 1),
    "mindestens": ("at least", 0), "höchstens": ("less than", 1), "maximal": ("less than", 1),
    "weniger als": ("less than", 0), "mehr als": ("at least", 1), "nicht mehr als": ("less than", 1),
}  # fmt: skip
_FOREIGN_UNITS = {
    "oraciones": "sentence", "frases": "sentence", "phrases": "sentence", "sätze": "sentence",
    "palabras": "word", "mots": "word", "wörter": "word", "worte": "word",
}  # fmt: skip
_FOREIGN_LENGTH = re.compile(
    r"(?<![\w-])(?P<rel>"
    + "|".join(sorted((re.escape(r) for r in _FOREIGN_RELATIONS), key=len, reverse=True)).replace(
        "\\ ", r"\s+"
    )
    + r")\s+(?P<n>\d+)\s+(?P<unit>"
    + "|".join(_FOREIGN_UNITS)
    + r")\b",
    FLAGS,
)


@rule
def foreign_length(prompt: str) -> Iterator[RuleMatch]:
    if not mentions(prompt, *_FOREIGN_UNITS):
        return
    for match in _FOREIGN_LENGTH.finditer(prompt):
        relation, offset = _FOREIGN_RELATIONS[re.sub(r"\s+", " ", match.group("rel").lower())]
        constraint_id, key = _UNITS[_FOREIGN_UNITS[match.group("unit").lower()]]
        kwargs = {"relation": relation, key: int(match.group("n")) + offset}
        yield RuleMatch(constraint_id, kwargs, match.start(), match.end())


# "Answer in one sentence", "explain it in 3 sentences": that many. "Keep it to two sentences",
# "limit your answer to 150 words": at most that many. ("Summarize it in 50 words" is a target
# of about that length, not a bound, and states nothing.)
_IN_SENTENCES = re.compile(
    rf"\b(?:in|with|using)\s+(?:just\s+|only\s+|exactly\s+)?(?P<n>{NUMBER})\s+(?:short\s+|complete\s+|full\s+)?"
    r"sentences?\b(?!\s+(?:or|max|maximum|tops|min|minimum|at\s+most|at\s+least)\b)"
    # "a 3-sentence summary", "a one-sentence answer"
    rf"|\b(?:write|give|provide|draft|compose|create|make|need|want|like)\s+(?:me\s+|us\s+)?(?:a|an)\s+"
    # (an adjective between: "a two-sentence horror story")
    rf"(?P<n2>{NUMBER})[\s-]sentence\s+(?:(?!(?:max|maximum|minimum|min|limit|cap)\b)[\w-]+\s+)?(?:answer|reply|response|summary|description|explanation|story"
    r"|overview|bio|pitch|review|intro|introduction|tagline)\b",
    FLAGS,
)
# The count as a fragment of its own: "One sentence only, please.", "Just two sentences." (count-led, so
# tried only where counts start; "just" and "only" are looked for before it)
_SENTENCES_ONLY = re.compile(
    rf"(?P<n>{NUMBER})\s+sentences?(?:\s+only\b|(?=\s*(?:[.!,]|please|pls|$)))",
    FLAGS,
)
_SENTENCE_OPENS = re.compile(r"(?:^|[.!?\n])\s*$", FLAGS)
_FRAGMENT_ENDS = re.compile(r"\s*,?\s*(?:please|pls)?\s*(?:[.!\n]|$)", FLAGS)
_FRAGMENT_OPENS = re.compile(r"(?:^|[.!?;:\n])\s*(?:(?P<only>just|only)\s+)?$", FLAGS)
# (any verb of holding a text down to a size, in any form: "keeping it to 60 words", "trim it to three
# sentences", "cut the reply down to 50 words", "cap it at 100 words")
_KEEP_TO = re.compile(
    r"\b(?:keep|limit|restrict|hold|trim|cut|shorten|condense|reduce|boil|pare|cap)(?:s|ing|ping|ting|ed|ped|ted)?\s+"
    r"(?:it|this|that|them|yourself|things|everything|(?:your|ur|the|this|that)\s+(?:whole\s+|entire\s+)?"
    r"(?:answer|response|reply|text|summary|email|message|post|note|explanation|description|bio|draft|story|poem))"
    r"\s+(?:(?:back\s+)?down\s+)?(?:to|at)\s+"
    rf"(?:just\s+|only\s+|a\s+max(?:imum)?\s+of\s+)?(?P<n>{NUMBER})\s+(?P<unit>words?|sentences?)\b",
    FLAGS,
)
# A limit named: "a 50-word limit", "word limit: 100", "a sentence cap of 3" (the limit itself allowed)
# ("word limit 150", "the limit is 100 words", "Limit: 100 words", "length limit: 3 sentences")
_LIMIT_COUNTED = re.compile(rf"(?P<n>{NUMBER})[\s-]+(?P<unit>word|sentence)\s+(?:limit|cap|ceiling)\b", FLAGS)
_LIMIT = re.compile(
    rf"\b(?P<unit2>word|sentence)\s+(?:count\s+)?(?:limit|cap|ceiling)\s*(?:of|is|:|=)?\s*(?P<n2>{NUMBER})\b"
    r"(?!\s*(?:[\w-]+\s+)?(?:characters?|letters?|paragraphs?|pages?|lines?|minutes?|seconds?|%|percent))"
    r"|(?<![\w-])(?:(?:length|size)\s+)?(?:limit|cap|ceiling)\s*(?:is\s+|of\s+|:\s*|=\s*)"
    rf"(?:just\s+|only\s+)?(?P<n3>{NUMBER})\s+(?P<unit3>word|sentence)s?\b",
    FLAGS,
)
# "six sentences exactly", "100 words exactly"
_EXACTLY_AFTER = re.compile(rf"\b(?P<n>{NUMBER})\s+(?P<unit>words?|sentences?)\s+exactly\b", FLAGS)
# A bound set off after the unit it bounds: "in a handful of sentences, no more than five", "a few words
# (under 50)". One relation only, said in words (no bare number, no range).
_BOUND_SET_OFF = re.compile(
    rf"\b(?P<unit>words|sentences)\s*(?:[,;:—–(]|\s-)\s*(?P<q>(?=[a-z]){QUANTITY})\s*\)?(?=\s*(?:[.!;\n]|$))",
    FLAGS,
)
# (the unit the answer is in: "in a handful of sentences", "using short words"; not "users write sentences")
_UNIT_IN_BEFORE = re.compile(r"\b(?:in|of|with|using|use)\s+(?:[\w-]+\s+){0,3}?$", FLAGS)
# The count, then "no more" or "no less" on it: "100 words, no more", "five sentences and not one fewer"
_COUNT_THEN_NO_MORE = re.compile(
    rf"\b(?P<n>{NUMBER})\s+(?P<unit>words|sentences)\s*(?:,|\band\b|;|—|–)\s*(?:(?P<most>no|not\s+(?:one|a\s+\w+))\s+more"
    r"|(?P<least>no|not\s+(?:one|a\s+\w+))\s+(?:less|fewer))\b",
    FLAGS,
)
# A label opening its line: "Words: at least 50", "Word count: under 200", "Sentences: no more than 4"
# (or a sentence of its own: "Tone: punchy. Word count: under 60."; "Max length: 80 words" is at most 80)
_LABELLED_LENGTH = re.compile(
    r"(?:^|(?<=\n)|(?<=[.!;]\s))[ \t]*(?:[-*•][ \t]*)?"
    r"(?:(?P<max>max(?:imum)?\s+(?:length|words|word\s+count)|length\s+limit|word\s+limit)\s*:\s*"
    rf"(?P<n>{NUMBER})(?:\s+(?P<unit3>word|sentence)s?)?"
    r"|(?:(?P<unit>word|sentence)s?(?:\s+count)?|length)\s*:\s*"
    # (a bound said in words, or a range: "Word count: 120-150"; a bare count is only a rough aim)
    rf"(?P<q>(?:(?=[a-z])|(?=\d+\s*(?:-|–|to)\s*\d)){QUANTITY})(?:\s+(?P<unit2>word|sentence)s?)?)"
    r"(?:[ \t]*\.(?=\s)|[ \t]*\.?[ \t]*(?=\n|$))",
    FLAGS,
)
_UNITS = {
    "word": ("length_constraints:number_words", "num_words"),
    "sentence": ("length_constraints:number_sentences", "num_sentences"),
}


# A part labelled: "Each bullet: one sentence only."
_EACH_LABELLED = re.compile(r"\b(?:each|every|per)\s+(?:[\w-]+\s+)?[\w-]+\s*:\s*$", FLAGS)


def _per_part(prompt: str, match: re.Match[str]) -> bool:
    """Whether the count is one for each part: "each under 50 words", "two sentences per bullet"."""
    return bool(
        _DISTRIBUTIVE.search(prompt, max(0, match.start() - 40), match.start())
        or _EACH_LABELLED.search(prompt, max(0, match.start() - 30), match.start())
        or _DISTRIBUTIVE_AFTER.match(prompt, match.end())
    )


# The limit named after the count, or a limit not to break: "150 words is the max", "150 words should be the
# upper limit", "max length 150 words", "Don't exceed a 150 word count" (upper bounds only: "150 words is
# the minimum" is rare enough to leave to the other phrasings). Found from the limit's word, the count read
# back from there (a pattern led by the count is slow to try at every count).
_LIMIT_WORD = re.compile(r"\b(?:max(?:imum)?|limit|cap|ceiling|most|upper\s+(?:limit|bound)|count)\b", FLAGS)
_COUNT_IS_BEFORE = re.compile(
    rf"(?P<n>{NUMBER})[\s-]+(?P<unit>word|sentence)s?\s+(?:is|are|should\s+be|will\s+be|would\s+be)\s+"
    r"(?:the\s+|my\s+|our\s+|your\s+|an?\s+)?(?:absolute\s+|hard\s+|strict\s+)?$",
    FLAGS,
)
_NOT_BROKEN_BEFORE = re.compile(
    r"\b(?:don't|dont|do\s+not|never|must\s+not|mustn't|shouldn't|should\s+not|can't|cannot)\s+"
    r"(?:go\s+over|exceed|go\s+past|go\s+beyond|break|pass)\s+(?:a|the|my|our|your)\s+"
    rf"(?P<n>{NUMBER})[\s-]+(?P<unit>word|sentence)\s+$",
    FLAGS,
)
_MAX_LENGTH = re.compile(
    rf"max(?:imum)?\.?\s+length\s*(?:of|is|:|=)?\s*(?P<n>{NUMBER})\s+(?P<unit>word|sentence)s?\b", FLAGS
)


def _limits_named(prompt: str) -> Iterator[RuleMatch]:
    for word in _LIMIT_WORD.finditer(prompt):
        at = word.start()
        name = word.group(0).lower()
        before = _COUNT_IS_BEFORE if name != "count" else None
        match = before.search(prompt, max(0, at - 70), at) if before is not None else None
        if match is None and name in ("count", "limit", "cap", "max", "maximum"):
            match = _NOT_BROKEN_BEFORE.search(prompt, max(0, at - 90), at)
        if match is None and name.startswith("max"):
            match = _MAX_LENGTH.match(prompt, at)
        if (
            match is None
            or _per_part(prompt, match)
            or _PART_NAMED_BEFORE.search(prompt, max(0, match.start() - 50), match.start())
        ):
            continue
        constraint_id, key = _UNITS[match.group("unit").lower()]
        kwargs = {"relation": "less than", key: parse_number(match.group("n")) + 1}
        yield RuleMatch(constraint_id, kwargs, match.start(), max(match.end(), word.end()))


def _limits(prompt: str) -> Iterator[re.Match[str]]:
    yield from finditer_at_counts(_LIMIT_COUNTED, prompt)
    yield from _LIMIT.finditer(prompt)


def _sentences_only(prompt: str) -> Iterator[re.Match[str]]:
    """ "N sentences only" anywhere, or "(just) N sentences" opening a fragment of its own."""
    if not mentions(prompt, "sentence"):
        return
    for match in finditer_at_counts(_SENTENCES_ONLY, prompt):
        opens = _FRAGMENT_OPENS.search(prompt, max(0, match.start() - 8), match.start())
        # (or the count is the whole fragment: "A single sentence, please.", "Explain it. Two sentences.")
        # (not after a label's colon: "Max length: 3 sentences" is a limit)
        whole = _SENTENCE_OPENS.search(
            prompt, max(0, match.start() - 8), match.start()
        ) and _FRAGMENT_ENDS.match(prompt, match.end())
        if match.group(0).lower().endswith("only") or (opens and opens.group("only")) or whole:
            yield match


def _opens_or_closes(prompt: str, match: re.Match[str]) -> bool:
    """Whether "with N sentences" tells what the answer opens or closes with ("Open with 2 sentences of
    context")."""
    word = re.match(r"with\s+", match.group(0), FLAGS)
    return word is not None and bool(
        _A_PART_BEFORE.search(prompt, max(0, match.start() - 40), match.start() + word.end())
    )


@rule
def stated_length(prompt: str) -> Iterator[RuleMatch]:
    for match in itertools.chain(_IN_SENTENCES.finditer(prompt), _sentences_only(prompt)):
        if _per_part(prompt, match) or _opens_or_closes(prompt, match):
            continue
        n = parse_number(match.group("n") or match.group("n2"))
        for relation, value in (("at least", n), ("less than", n + 1)):
            kwargs = {"relation": relation, "num_sentences": value}
            yield RuleMatch("length_constraints:number_sentences", kwargs, match.start(), match.end())
    for match in _KEEP_TO.finditer(prompt):
        constraint_id, key = _UNITS[match.group("unit").lower().rstrip("s")]
        kwargs = {"relation": "less than", key: parse_number(match.group("n")) + 1}
        yield RuleMatch(constraint_id, kwargs, match.start(), match.end())
    if mentions(prompt, "max", "limit", "cap", "ceiling", "most", "upper", "count"):
        yield from _limits_named(prompt)
    limited = mentions(prompt, "limit", "cap", "ceiling")
    for match in _limits(prompt) if limited else ():
        groups = match.groupdict()
        unit = groups.get("unit") or groups.get("unit2") or groups["unit3"]
        constraint_id, key = _UNITS[unit.lower()]
        count = groups.get("n") or groups.get("n2") or groups["n3"]
        kwargs = {"relation": "less than", key: parse_number(count) + 1}
        yield RuleMatch(constraint_id, kwargs, match.start(), match.end())
    for match in _BOUND_SET_OFF.finditer(prompt) if mentions(prompt, "words", "sentences") else ():
        found = list(bounds(match.group("q")))
        unit_in = _UNIT_IN_BEFORE.search(prompt, max(0, match.start() - 40), match.start())
        if unit_in and len(found) == 1 and not _per_part(prompt, match):
            constraint_id, key = _UNITS[match.group("unit").lower().rstrip("s")]
            bound = negated(prompt, match.start("q"), found[0])
            kwargs = {"relation": bound.relation, key: bound.value}
            yield RuleMatch(constraint_id, kwargs, match.start("q"), match.end())
    labelled = ":" in prompt and mentions(prompt, "word", "sentence", "length")
    for match in _LABELLED_LENGTH.finditer(prompt) if labelled else ():
        if match.group("max"):  # the label says the relation: at most the count
            unit = (match.group("unit3") or ("word" if "word" in match.group("max").lower() else "")).lower()
            if unit:
                constraint_id, key = _UNITS[unit]
                kwargs = {"relation": "less than", key: parse_number(match.group("n")) + 1}
                yield RuleMatch(constraint_id, kwargs, match.start("n"), match.end())
            continue
        unit = (match.group("unit") or match.group("unit2") or "").lower()
        found = list(bounds(match.group("q")))
        for bound in found if unit and len(found) <= 2 else ():  # one bound, or a range's two
            constraint_id, key = _UNITS[unit]
            kwargs = {"relation": bound.relation, key: bound.value}
            yield RuleMatch(constraint_id, kwargs, match.start("q"), match.end())
    no_more = mentions(prompt, "words", "sentences") and mentions(prompt, "more", "less", "fewer")
    for match in finditer_at_counts(_COUNT_THEN_NO_MORE, prompt) if no_more else ():
        constraint_id, key = _UNITS[match.group("unit").lower().rstrip("s")]
        n = parse_number(match.group("n"))
        kwargs = (
            {"relation": "less than", key: n + 1} if match.group("most") else {"relation": "at least", key: n}
        )
        yield RuleMatch(constraint_id, kwargs, match.start(), match.end())
    for match in finditer_at_counts(_EXACTLY_AFTER, prompt):
        constraint_id, key = _UNITS[match.group("unit").lower().rstrip("s")]
        n = parse_number(match.group("n"))
        for relation, value in (("at least", n), ("less than", n + 1)):
            yield RuleMatch(constraint_id, {"relation": relation, key: value}, match.start(), match.end())


_DIVIDER = re.compile(
    r"(?<!\*)\*\*\*(?!\*)|markdown\s+dividers?|\b(?:three|3)\s+asterisks?\b|horizontal\s+rules?", FLAGS
)
# (an adjective between: "3 short paragraphs")
_PARA_ADJECTIVE = r"(?:(?:short|long|brief|small|separate|distinct|full|concise|detailed|clear|big)\s+)?"
_PARAGRAPH_COUNT = re.compile(
    rf"\b(?:exactly\s+)?(?P<n>{NUMBER})[\s-]+{_PARA_ADJECTIVE}(?:paragraphs?|sections)\b", FLAGS
)
# "paragraphs" as typed in a hurry too ("paragrahs", "paras"): the "***" divider already says parts.
_PART_COUNT = re.compile(
    rf"\b(?:exactly\s+)?(?P<n>{NUMBER})[\s-]+{_PARA_ADJECTIVE}"
    r"(?:para(?:gr?a?p?h\w{0,2}|s)|sections|parts|stanzas|steps|verses|chunks|blocks)\b",
    FLAGS,
)
# "paragraph 3" or "paragraph three": the place in order said as a number
_PARA_NUMBER = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\b"
_NTH_FIRST_WORD = re.compile(
    rf"(?:(?P<ord>{ORDINAL}|last|final)\s+paragraph|paragraph\s+(?P<num>{_PARA_NUMBER}))[^.]{{0,60}}?"
    rf"(?:start|begin|open)(?:s|ing|ning)?\s+with\s+(?:the\s+)?(?:word\s+)?{_WORD_TOKEN}"
    # "Start the 4th paragraph with the word elm", "Start Paragraph 2 with ..."
    # ("Begin your second paragraph with ...", "kick off paragraph 2 with ...")
    rf"|(?:start|begin|open|kick\s+off|lead\s+off)\s+(?:the\s+|your\s+)?(?:(?P<ord2>{ORDINAL}|last|final)\s+paragraph"
    rf"|paragraph\s+(?P<num2>{_PARA_NUMBER}))\s+"
    rf"with\s+(?:the\s+)?(?:word\s+)?[\"“'‘]?(?P<word2>[\w-]+)"
    # "... 3 paragraphs ..., and start the second one with 'Later'"
    rf"|(?:(?:start|begin)\s+the\s+(?P<ord3>{ORDINAL}|last|final)\s+one"
    # "2 paragraphs, the second starting with the word 'However'"
    rf"|\bthe\s+(?P<ord4>{ORDINAL}|last|final)\s+(?:one\s+)?(?:(?:should|must|has\s+to|needs\s+to|will)\s+)?"
    r"(?:starting|beginning|opening|start|begin|open)s?)"
    r"\s+with\s+(?:the\s+)?(?:word\s+)?"
    rf"[\"“'‘]?(?P<word3>[\w-]+)"
    # "The first word of the 3rd paragraph must be 'Moreover'"
    rf"|\bfirst\s+word\s+(?:of|in)\s+(?:the\s+)?(?:(?P<ord5>{ORDINAL}|last|final)\s+paragraph|paragraph\s+(?P<num5>{_PARA_NUMBER}))\s+"
    # ("with the first word of the third paragraph being 'Ultimately'")
    rf"(?:(?:must|should|has\s+to|needs\s+to|will)\s+be|is|being)\s+(?:the\s+word\s+)?[\"“'‘]?(?P<word5>[\w-]+)"
    # the word first: "with 'Ultimately' as the first word of the third paragraph"
    rf"|[\"“'‘](?P<word6>[\w-]+)[\"”'’]\s+as\s+(?:the\s+)?(?:very\s+)?first\s+word\s+(?:of|in)\s+(?:the\s+)?"
    rf"(?:(?P<ord6>{ORDINAL}|last|final)\s+paragraph|paragraph\s+(?P<num6>{_PARA_NUMBER}))",
    FLAGS,
)


def _place(nth: str) -> int:
    """A paragraph's place: "3", "third", or "three" in "paragraph three"."""
    return parse_number(nth) if nth.isalpha() and nth.lower() not in _ORDINAL_WORDS else parse_ordinal(nth)


_ORDINAL_WORDS = frozenset(re.findall(r"[a-z]+", ORDINAL))


# "Highlight at least 2 sections": sections to highlight, not the answer's sections.
_HIGHLIGHTED_BEFORE = re.compile(
    r"\b(?:highlight|italici[sz]e|emphasi[sz]e|bold)\w*\s+(?:at\s+least\s+)?$", FLAGS
)


# The upper end of a range ("3-4 paragraphs", "3 or 4 parts"): no exact count of parts.
_RANGE_BEFORE = re.compile(rf"\b{NUMBER}\s*(?:-|–|to|or)\s*$", FLAGS)


def _first_unhighlighted(pattern: re.Pattern[str], prompt: str, unit: str = "") -> re.Match[str] | None:
    """The first count of parts that does not count parts to highlight; one that counts ``unit``
    ("section" for "SECTION X") first, as the prompt may also count paragraphs or sentences."""
    found = [
        m
        for m in finditer_at_counts(pattern, prompt)
        if not _HIGHLIGHTED_BEFORE.search(prompt, max(0, m.start() - 40), m.start())
        and not _RANGE_BEFORE.search(prompt, max(0, m.start() - 12), m.start())
    ]
    named = [m for m in found if unit and unit in m.group(0).lower()]
    # (a count told, not asked, hides none after it: "last time you wrote 5 paragraphs, now give me 3")
    return next((m for m in named or found if is_directive(prompt, m.start(), m.end())), None)


# The count after the parts: "Paragraphs: 3, separated by ***", "paragraphs on owls, 3 of them".
_PARTS_THEN_COUNT = re.compile(
    rf"\bparagraphs?\s*:\s*(?P<n>{NUMBER})\b(?!\s*(?:-|–|to|or)\s*\d)"
    # (or "... and write 4 of them")
    rf"|\bparagraphs\b[^.\n]{{0,40}}?(?:,\s*|\s+and\s+(?:[\w-]+\s+){{0,2}}?)(?P<n2>{NUMBER})\s+of\s+them\b",
    FLAGS,
)
# An upper bound on the parts is no count of them: "no more than 3 paragraphs" (IFEval's own gold reads
# "at least 5 sections, separated using ***" as five, so a lower bound stays a count).
_BOUND_BEFORE_PARTS = re.compile(
    r"\b(?:at\s+most|no\s+more\s+than|(?:fewer|less)\s+than|up\s+to|under|a\s+(?:maximum|max)\s+of|maximum(?:\s+of)?)\s+$",
    FLAGS,
)


@rule
def paragraphs(prompt: str) -> Iterator[RuleMatch]:
    # IFEval counts paragraphs split by "***" only when the prompt says so;
    # split by blank lines, with a first word, it is nth_paragraph_first_word.
    count = _first_unhighlighted(_PARAGRAPH_COUNT, prompt)
    first = _NTH_FIRST_WORD.search(prompt) if mentions(prompt, "paragraph") else None
    if count is not None and _BOUND_BEFORE_PARTS.search(prompt, max(0, count.start() - 25), count.start()):
        return  # a bound on the paragraphs is no count of them
    if count is not None and first is not None:
        n = parse_number(count.group("n"))
        nth = (
            first.group("ord")
            or first.group("num")
            or first.group("ord2")
            or first.group("num2")
            or first.group("ord3")
            or first.group("ord4")
            or first.group("ord5")
            or first.group("num5")
            or first.group("ord6")
            or first.group("num6")
        )
        position = n if nth.lower() in {"last", "final"} else _place(nth)
        word = next(first.group(g) for g in ("word", "word2", "word3", "word5", "word6") if first.group(g))
        kwargs = {"num_paragraphs": n, "nth_paragraph": position, "first_word": word.lower()}
        yield RuleMatch("length_constraints:nth_paragraph_first_word", kwargs, first.start(), first.end())
        return
    if not _DIVIDER.search(prompt):
        return
    parts = _first_unhighlighted(_PART_COUNT, prompt) or _PARTS_THEN_COUNT.search(prompt)
    if parts is not None and _BOUND_BEFORE_PARTS.search(prompt, max(0, parts.start() - 25), parts.start()):
        return  # IFEval counts the parts exactly: "no more than 3 paragraphs" is no such count
    if parts is not None:
        kwargs = {"num_paragraphs": parse_number(next(v for v in parts.groupdict().values() if v))}
        yield RuleMatch("length_constraints:number_paragraphs", kwargs, parts.start(), parts.end())
        return
    # A format template: parts written out with "***" lines between them.
    dividers = list(re.finditer(r"^[ \t]*\*\*\*[ \t]*$", prompt, re.MULTILINE))
    if dividers:
        kwargs = {"num_paragraphs": len(dividers) + 1}
        yield RuleMatch(
            "length_constraints:number_paragraphs", kwargs, dividers[0].start(), dividers[-1].end()
        )


# ---------------------------------------------------------------- IFEval: format

phrase(
    "punctuation:no_comma",
    # The negation reaches the commas within its clause: not "without country names, separated by commas".
    r"(?:\bno|\bnot|n't|\bdont|\bwithout|\bw/o|\bavoid|\bavoiding|\brefrain\s+from|\bnever|cannot|\bskip|\bomit|\bdrop|"
    # not "don't use more than 2 commas": a limit IFEval's no_comma cannot state ("comas": typed in a hurry)
    # (not "don't overuse commas", "not too many commas": fewer, not none)
    # ("Our brand voice forbids commas anywhere", "company policy prohibits commas": a rule's ban, not a
    # city's or a king's in a story)
    r"\bzero|\bleave\s+out|\bditch|\b(?:voice|guide|guidelines|policy|style|rules?|standards?|handbook|we|i)\s+"
    r"(?:strictly\s+|also\s+)?(?:forbids?|bans?|prohibits?|disallows?))"
    r"\b(?:(?!more\s+than|\d|overus|too\s+many|excess|oxford|serial)[^.,;]){0,30}?\b(?:commas?|comas)\b"
    # (one kind of comma, not every one: "No Oxford commas", "no serial comma", "no comma splices")
    r"(?!\s+splices?\b)"
    # not a ban on some commas only: "no commas outside the JSON", "no commas between adjectives", "no commas
    # in the title", "in the first sentence"
    r"(?!\s+(?:outside|except|other\s+than|apart\s+from|besides|unless|between|before|after|in\s+(?:the\s+|your\s+|any\s+|each\s+)?"
    r"(?:[\w-]+\s+)?(?:lists?|json|code|numbers?|dates?|addresses|titles?|headings?|headers?|subject(?:\s+lines?)?"
    r"|hashtags?|bullet(?:\s+points?)?s?|sentence|line|names?|captions?|tables?|keys?|values?|fields?|greeting|headlines?"
    r"|salutation|sign[\s-]?off)\b))",
    # ("commas: not allowed", "commas = none", as a style guide pasted lists them)
    r"commas?(?:\s+(?:is|are)\s+|\s*[:=–-]\s*)(?:not\s+allowed|not\s+permitted|off[\s-]limits|banned|forbidden|prohibited"
    r"|none\b|zero\b|0\b|a\s+no[\s-](?:go|no)\b|not\s+(?:ok|okay|welcome|wanted)\b|taboo\b)",
    # other marks in their place: "Use periods instead of commas", "replace every comma with a dash"
    # (not how-to: "Explain when to use semicolons instead of commas", "a function to replace every comma")
    r"(?<!\bto\s)\b(?:use|using)\s+(?:[\w-]+\s+){1,2}?(?:instead\s+of|in\s+place\s+of|rather\s+than)\s+(?:any\s+)?commas\b"
    r"|(?<!\bto\s)\breplace\s+(?:every|each|all(?:\s+the)?|any|the)\s+commas?\s+with\b",
    # asked in the user's own language: "Bitte keine Kommas!", "sin comas", "sans virgules", "senza virgole"
    r"\b(?:keine|ohne)\s+kommas?\b|\bsin\s+comas\b|\b(?:sans|pas\s+de)\s+virgules?\b|\bsenza\s+virgole\b",
    # a count of none: "make sure there are 0 commas"
    r"(?<![\d.,])\b0\s+commas\b",
    r"\bcomma[\s-]?(?:free|less)\b",
    # commas taken out of a draft: "lose the commas", "get rid of all the commas", "strip out every comma"
    # (not how-to or code: "a function to remove commas", "how to remove commas in Excel"; not some commas:
    # "remove the commas from the numbers")
    r"(?<!\bto\s)(?<!\bhow\s)\b(?:lose|remove|delete|eliminate|strip(?:\s+out)?|take\s+out|cut\s+out|get\s+rid\s+of"
    r"|scrap|kill)\s+(?:all\s+(?:of\s+)?(?:the\s+|those\s+)?|every\s+(?:single\s+)?|the\s+|any\s+|those\s+)?commas?\b"
    r"(?!\s+(?:from|in|between|after|before|around|inside)\s+(?:the\s+|my\s+|your\s+)?(?!(?:it|text|answer|response|reply"
    r"|draft|poem|story|post|email|message)\b)\w)",
    needs=("comma", "comas", "komma", "virgul", "virgol"),
    of_the_answer=True,
)
# The commas named, then left out by a pronoun: "I hate commas so leave them out", "Commas? Cut them all out."
# (the request is the verb's clause, read from there)
_LEFT_OUT = re.compile(
    r"\b(?:leave|keep|take|cut|strip|drop)\s+(?:them|those|these)\s+(?:all\s+)?out\b", FLAGS
)
_COMMAS_NAMED_BEFORE = re.compile(r"\bcommas\b[^\n]{0,30}$", FLAGS)


@rule
def commas_left_out(prompt: str) -> Iterator[RuleMatch]:
    if not mentions(prompt, "comma"):
        return
    for match in _LEFT_OUT.finditer(prompt):
        if _COMMAS_NAMED_BEFORE.search(prompt, max(0, match.start() - 40), match.start()) and is_directive(
            prompt, match.start(), match.end()
        ):
            yield RuleMatch("punctuation:no_comma", {}, match.start(), match.end())
            return


_TITLE = [
    re.compile(r"<<[^>\n]*>>"),
    re.compile(r"title[^.]{0,40}double\s+angul", FLAGS),
    re.compile(r"title[^.]{0,40}double\s+angle\s+brackets", FLAGS),
]
# The user's own title shown: "Give me feedback on my title: <<The Last Summer>>", "The title of my blog is
# <<Daily Bread>>; suggest a tagline"
_OWN_TITLE_BEFORE = re.compile(
    r"\b(?:my|our)\s+(?:[\w-]+\s+)?(?:title|heading|name)\s*(?:is\s*)?:?\s*$"
    r"|\b(?:title|heading|name)\s+of\s+(?:my|our)\s+[\w-]+\s+(?:is|was|reads)\s*:?\s*$"
    r"|\b(?:my|our)\s+[\w-]+\s+is\s+(?:called|titled|named)\s*:?\s*$",
    FLAGS,
)


@rule
def title(prompt: str) -> Iterator[RuleMatch]:
    for pattern in _TITLE if "<<" in prompt or mentions(prompt, "title") else ():
        for match in pattern.finditer(prompt):
            if is_directive(prompt, match.start(), match.end()) and not _OWN_TITLE_BEFORE.search(
                prompt, max(0, match.start() - 50), match.start()
            ):
                yield RuleMatch("detectable_format:title", {}, match.start(), match.end())
                return


# What people call JSON a program can read: "valid JSON", "parseable JSON", "well-formed JSON".
_JSON_ADJECTIVE = (
    # (one or more: "valid, parseable JSON")
    r"(?:(?:valid|proper|raw|strict|parse?able|well[\s-]formed|machine[\s-]readable|pure|plain|correct)\s*,?\s+)"
)
phrase(
    "detectable_format:json_format",
    # The answer's format: "in JSON", "as a JSON object", "JSON format", "JSON only"; not "what is JSON".
    # (not a thing made of JSON: "in a JSON file, how do I ...")
    rf"\b(?:in|as|into|using)\s+(?:a\s+|an\s+|one\s+|a\s+single\s+)?{_JSON_ADJECTIVE}?json\b"
    r"(?!\s+(?:files?|parsers?|library|libraries|strings?|paths?|editors?|viewers?|validators?|specs?|api|apis|"
    r"schemas?|configs?|documents?|payloads?|requests?|responses\s+from)\b)",
    r"\bjson\s+(?:format|formatted|object|array|response|output|reply|answer|only|code\s+block)\b",
    # ("a JSON-formatted answer", not "this JSON-formatted text")
    r"\bjson-formatted\s+(?:answer|response|reply|output)\b",
    # "Respond in the form of JSON", a label: "Output: JSON"
    rf"\bin\s+the\s+form\s+of\s+(?:an?\s+)?{_JSON_ADJECTIVE}*json\b",
    r"(?:^|[\n.!?]\s*)(?:output|response|answer|reply)\s*:\s*(?:valid\s+)?json\b(?=\s*(?:[.\n]|$))",
    r"\bonly\s+json\b",
    rf"\b(?:return|output|(?:reply|respond|answer)\s+(?:only\s+|just\s+)?with)\s+(?:only\s+|{_JSON_ADJECTIVE}|an?\s+|the\s+)*json\b",
    r"\b(?:output|response|answer|reply)\s+(?:must|should|has\s+to|needs\s+to|will)\s+be\s+(?:in\s+)?(?:a\s+)?"
    rf"{_JSON_ADJECTIVE}?json\b",
    # "make your reply valid JSON", "format the output as JSON", "make it json"
    rf"\b(?:make|keep|format|structure|give)\s+(?:it|(?:your|the)\s+(?:entire\s+|whole\s+)?(?:answer|response|reply|output))\s+"
    rf"(?:as\s+|in\s+|into\s+)?(?:a\s+)?{_JSON_ADJECTIVE}*json\b(?!-)",
    # a label: "Format: JSON"
    r"\b(?:output\s+|response\s+|answer\s+)?format\s*:\s*(?:valid\s+)?json\b",
    # the thing asked for is JSON: "Give me a JSON list of 5 fruits", "I need a JSON object with ..."
    # (not a program about it: "Write a JSON parser", "Make a JSON schema for ...")
    r"\b(?:give|send|write|create|generate|produce|make|return|output|provide|want|need|like)\s+(?:me\s+|us\s+)?"
    rf"(?:a|an|one|the|some)\s+{_JSON_ADJECTIVE}?json\s+(?:list|array|object|dictionary|dict|map|version|representation)\b",
    # JSON alone: "Just the JSON, no prose", "JSON and nothing else", "nothing but JSON"
    r"\b(?:just|only)\s+(?:the\s+)?json\b(?!\s+(?:files?|parsers?|schemas?|parts?|bits?|fields?|keys?)\b)"
    r"|\bnothing\s+but\s+(?:valid\s+)?json\b|\bjson\s*(?:,|and)\s*(?:nothing\s+else|no\s+(?:prose|explanations?|text|commentary))\b",
    # "Make sure the whole output is JSON"
    r"\b(?:make\s+sure|ensure)\s+(?:that\s+)?(?:the|your)\s+(?:whole\s+|entire\s+)?(?:output|response|answer|reply)\s+is\s+"
    rf"(?:in\s+)?(?:a\s+)?{_JSON_ADJECTIVE}?json\b",
    # the given text turned into JSON: "Convert this table to JSON: ..." (not what code does, nor how to: "a
    # script to convert this CSV to JSON")
    r"(?<!\bto\s)\b(?:convert|turn|transform|rewrite|change|reformat)\s+(?:this|that|it|these|those|the\s+following|my\s+[\w-]+)"
    rf"(?:\s+[\w-]+)?\s+(?:in)?to\s+(?:a\s+|an\s+)?{_JSON_ADJECTIVE}?json\b(?!\s+(?:files?|schemas?)\b)",
    needs=("json",),
)
phrase("detectable_format:constrained_response", r"my\s+answer\s+is\s+yes", needs=("answer",))
phrase(
    "combination:two_responses",
    r"two\s+(?:different\s+)?(?:responses|answers|versions|jokes|critiques|names|limericks|poems|songs|stories|"
    r"descriptions|reviews|ads|advertisements|tweets|summaries|options|rap|slogans|raps)[^.]{0,160}?\*{6}",
    r"\*{6}[^.]{0,80}two",
    r"separate[^.]{0,40}6\s+asterisk",
    # "Write a haiku about rain. Then write another ... Separate the two with ******."
    r"\bseparat\w*\s+(?:the\s+two|both)(?:\s+[\w-]+)?\s+(?:with|by|using)\s+(?:six\s+asterisks|\*{6})",
    # ("a pair of slogans separated by ******")
    r"\b(?:two|2|a\s+pair\s+of)\s+(?:[\w-]+\s+){0,3}?[\w-]+s\b[^*]{0,200}?(?:\*{6}|\b(?:six|6)\s+asterisks?)",
)
phrase(
    "startend:quotation",
    # What is wrapped is the answer: "it", "everything", "your ...", "the whole reply" or nothing named; not a
    # part: "wrap each in double quotes", "put the quote from Gandhi in double quotes", "any dialogue".
    # ("everything you write", "your entire response (reasoning and answer)", 'in "double quotes"')
    r"(?:wrap|enclose|put|surround)\w*\s+(?:(?:it(?:\s+all)?|everything(?:\s+you\s+(?:write|say|type))?|all\s+of\s+it"
    r"|this|that)\s+"
    r"|(?:your|ur|yr)\s+(?:(?:final|whole|entire|full|complete)\s+)*"
    r"(?!(?:titles?|names?|quotes?|keywords?|words?|terms?|dialogue|sources?|citations?)\b)[\w-]+\s+"
    r"|the\s+(?:(?:final|whole|entire|full|complete)\s+)*(?:thing|answer|response|reply|output|text|poem|story|essay"
    r"|letter|email|message|speech|summary|description|haiku|limerick|slogan|tagline)\s+)?"
    r"(?:\([^)\n]{0,80}\)\s*)?(?:in|with|inside|within|between)\s+(?:a\s+(?:pair|set)\s+of\s+)?[\"“']?"
    r"(?:double\s+quot(?:ation|e)s?(?:\s+marks?)?|quotation\s+marks)",
    # the answer said to be wrapped: "The answer should be 600+ words long and be wrapped with double
    # quotation marks", "the complete response should be surrounded by double quotation marks"
    r"\b(?:answer|response|reply|output|everything|thing)\b[^.;!?\n]{0,60}?\b(?:be|is|are|get)\s+"
    r"(?:wrapped|enclosed|surrounded|placed|put)\s+(?:in|with|inside|within|between|by)\s+(?:a\s+pair\s+of\s+)?"
    r"(?:double\s+quot(?:ation|e)s?(?:\s+marks?)?|quotation\s+marks)",
    # the marks named first: "put double quotes around your whole reply"
    r"(?:put|place|add|use)\s+(?:a\s+pair\s+of\s+)?(?:double\s+quot(?:ation|e)s?(?:\s+marks?)?|quotation\s+marks)"
    r"(?:\s*\([^)\n]{0,10}\))?\s+"
    r"(?:around|on\s+both\s+ends\s+of)\s+(?:it|everything|the\s+(?:whole|entire)\s+[\w-]+|your\s+(?:whole\s+|entire\s+)?[\w-]+"
    r"|the\s+(?:answer|response|reply|output|text))\b",
    # ("The full reply should be in quotes", "make sure the whole thing is wrapped in "quotes"")
    r"(?:\b(?:make\s+sure|ensure)\s+(?:that\s+)?(?:the|your)\s+(?P<sure>))?\b(?:entire|whole|full|complete)\s+"
    r"(?:thing|response|answer|reply|text|output)\s+"
    r"(?:(?:should|must|has\s+to|needs\s+to|will)\s+be|(?(sure)is|(?!)))\s+"
    r"(?:(?:wrapped|enclosed|put)\s+)?(?:in|inside|within)\s+(?:double\s+)?[\"“']?(?:quotation\s+marks|quotes)\b",
    # no verb, as in a list of requirements: "Requirement: the whole thing in quotation marks."
    r"(?:^|[.:;\n-]\s*)(?:the\s+)?(?:whole|entire)\s+(?:thing|response|answer|reply|output|text)\s+"
    r"(?:(?:wrapped|enclosed|put)\s+)?(?:in|inside|within)\s+(?:double\s+)?(?:quotation\s+marks|quotes)\b",
    # "Put it all in quotes", "wrap everything in quotation marks"
    r"\b(?:wrap|enclose|put|surround)\w*\s+(?:it\s+all|everything|all\s+of\s+it)\s+(?:in|with|inside|within|between)\s+"
    r"[\"“']?(?:quotes|quote\s+marks)\b",
    r"\bquot(?:es|ation\s+marks)\s+around\s+(?:everything|it\s+all|the\s+(?:whole|entire)\s+(?:thing|answer|response|reply)"
    r"|your\s+(?:whole\s+|entire\s+)?(?:answer|response|reply))",
    # plain "quotes" around the whole answer: "put the entire thing in quotes"
    # (typed in a hurry: "wrap ur answer in quotes", "quote marks")
    r"(?:wrap|enclose|put|surround)\w*\s+(?:the|your|this|ur|yr)\s+(?:(?:entire|whole|full|complete)\s+)?"
    # ('Wrap your entire response in "quotes"', 'Surround the whole answer with " marks')
    r"(?:thing|response|answer|reply|output|text)\s+(?:in|with|inside|within|between)\s+"
    r"(?:[\"“']?(?:quotes|quote\s+marks)\b|[\"“”]\s*(?:marks?|characters?|signs?)\b)",
    r"double\s+quot(?:ation|e)s?\s+(?:marks?\s+)?(?:(?:should|must)\s+be\s+(?:placed|put)\s+)?around",
    r"(?:start|begin)\s+and\s+end\s+(?:your|the)\s+(?:entire\s+|whole\s+)?(?:response|answer|reply)\s+with\s+"
    r"(?:a\s+)?(?:double\s+quot|quotation\s+mark)",
    # "make sure the response starts and ends with a double quotation mark"
    r"\b(?:response|answer|reply|output)\s+(?:(?:should|must|has\s+to|needs\s+to|will)\s+)?(?:starts?|begins?)\s+"
    r"and\s+ends?\s+with\s+(?:a\s+)?double\s+quot",
    needs=("quot",),
)
# Verbs of taking something out of a draft: "lose the caps", "get rid of the commas".
_TAKEN_OUT = (
    r"\b(?:lose|remove|delete|eliminate|strip(?:\s+out)?|take\s+out|cut\s+out|get\s+rid\s+of"
    r"|drop|ditch|scrap|kill)"
)
_LOWERCASE = [
    re.compile(
        r"(?:all\s+|only\s+|entirely\s+in\s+|in\s+)?lower[\s-]*cased?\b(?!\s+letters?\s+(?:only\s+)?(?:is|are)\s+not)",
        FLAGS,
    ),
    re.compile(r"no\s+capital\s+letters", FLAGS),
    # "should not contain any capital letters", "not a single letter ... is capitalized"
    re.compile(
        r"(?:\bnot|n't)\s+(?:contain|have|include|feature)\s+(?:any\s+)?(?:capital|upper[\s-]*case)\s+letters\b"
        r"|\bnot\s+(?:a\s+single|one)\s+letter\b[^.!?\n]{0,40}?\b(?:is|be|should\s+be)\s+capitali[sz]ed",
        FLAGS,
    ),
    # "no caps pls", "without any capitals" (not "no all caps", not "no caps lock")
    # ("No uppercase anywhere"; not "no uppercase letters at the start", a part)
    re.compile(
        r"\b(?:no|zero|without(?:\s+any)?)\s+(?:caps|capitals|capitali[sz]ation|upper[\s-]*case)\b(?!\s+lock)"
        r"(?!\s+(?:letters?\s+|characters?\s+)?(?:at|in\s+the|on|for)\b)",
        FLAGS,
    ),
    # capitals taken out of a draft: "drop the caps", "get rid of all the capital letters" (not of a part:
    # "drop the caps on the product names"; not how-to: "how to remove capital letters in Word")
    re.compile(
        rf"(?<!\bto\s)(?<!\bhow\s){_TAKEN_OUT}\s+(?:all\s+(?:of\s+)?(?:the\s+)?|every\s+(?:single\s+)?|the\s+|any\s+)?"
        r"(?:caps|capitals|capital\s+letters?|capitali[sz]ation|upper[\s-]*case(?:\s+letters?)?)\b(?!\s+lock)"
        r"(?!\s+(?:on|in|from|for|of)\s+(?:the\s+|my\s+|your\s+|all\s+)?(?!(?:it|text|answer|response|reply|draft|poem"
        r"|story|post|email|message)\b)\w)",
        FLAGS,
    ),
    # "make sure nothing is capitalized", "nothing in caps"
    re.compile(
        r"(?<!\bis\s)(?<!\bwas\s)\bnothing\s+(?:(?:is|should\s+be|gets?|must\s+be|will\s+be|at\s+all)\s+)?"
        r"(?:capitali[sz]ed|in\s+(?:caps|capitals|capital\s+letters|upper[\s-]*case))\b(?!\s+(?:except|but)\b)",
        FLAGS,
    ),
    # "use only small letters", "write in all small letters"
    # (not one letter somewhere: "Use a small letter at the start of each line")
    re.compile(r"small(?<!no\ssmall)(?<!\ba\ssmall)\s+letters?\b(?!\s+(?:at|in|for|on|to)\b)", FLAGS),
    # "without a single capital letter", "not one capital letter", "zero uppercase letters"
    re.compile(
        r"\b(?:without|no|zero|not)\s+(?:using\s+)?(?:any\s+|(?:even\s+)?(?:a|one)(?:\s+single)?\s+)?"
        r"(?:capital|upper[\s-]*case)\s+(?:letters?|characters?|chars)\b"
        # ("at all" is everywhere: "without using any capital letters at all")
        r"(?!\s+(?:at(?!\s+all\b)|on|in\s+(?:the\s+)?(?:title|names?|headings?))\b)",
        FLAGS,
    ),
    re.compile(
        r"\bno\s+(?:uppercase|upper-case|upper\s+case)\s+letters(?!\s+(?:at|in\s+the|on|for)\b)", FLAGS
    ),
    # "Avoid capital letters entirely", "Skip capitalization completely" (not "... in the title")
    re.compile(
        r"\b(?:avoid|skip|omit|drop)\s+(?:all\s+|any\s+)?(?:capital\s+letters|capitals|capitali[sz]ation"
        r"|upper[\s-]*case(?:\s+letters)?)\b(?!\s+(?:at|in|on|for|of)\b)",
        FLAGS,
    ),
    # "don't capitalize anything", "don't use any capital letters" (not "... at the start"); one scan
    re.compile(
        r"(?:don't|dont|do\s+not|never|avoid)\s+(?:capitali[sz]e\s+(?:anything|any\s+(?:letters?|words?)"
        # ("don't capitalize a single letter", "don't capitalize a thing")
        r"|a\s+(?:single\s+)?(?:letter|word|thing)\b|one\s+(?:single\s+)?(?:letter|word)\b)"
        # ("Don't use a single capital letter in your reply")
        r"|(?:use|using|include|write)\s+(?:any\s+|a\s+single\s+|one\s+single\s+)?(?:(?:capital|upper\s*case)\s+letters"
        r"|(?<=single\s)(?:capital|upper\s*case)\s+letter|capitals)(?!\s+(?:at(?!\s+all\b)|in\s+(?:the\s+)?(?:title|names?|headings?)|for|on)\b))",
        FLAGS,
    ),
]


# "the difference between uppercase and lowercase letters": both cases named, a topic, not a form asked for.
_OTHER_CASE_BEFORE = re.compile(
    r"\b(?:upper[\s-]*case|capitals?|caps|lower[\s-]*case|small)(?:\s+letters)?\s*(?:and|or|vs\.?|versus|&|/)\s*$",
    FLAGS,
)
_OTHER_CASE_AFTER = re.compile(
    r"(?:\s+letters)?\s*(?:and|or|vs\.?|versus|&|/)\s*(?:upper|lower|capital|caps|small)", FLAGS
)


def _both_cases(prompt: str, match: re.Match[str]) -> bool:
    return bool(
        _OTHER_CASE_BEFORE.search(prompt, max(0, match.start() - 30), match.start())
        or _OTHER_CASE_AFTER.match(prompt, match.end())
    )


# A part of the answer in some case, not the whole: "the hashtags in lowercase", "Use lowercase for the
# hashtags", "Write the acronyms in all caps", "use lowercase except for names" (IFEval's check reads every
# letter, so a part's case or an exception is no constraint of the whole).
_PARTS = (
    r"hashtags?|names?|titles?|headings?|headers?|subject(?:\s+lines?)?|acronyms?|file\s*names?|variables?|keys?"
    r"|labels?|tags?|initials?|abbreviations?|brands?|columns?|fields?|urls?|usernames?|commands?|ids?|keywords?"
    # (not "lines", "sections" or "bullets": "a poem whose lines are all in lowercase" is all of it)
    r"|terms?|nouns?|verbs?|slogans?|captions?|values?"
)
_PART_BEFORE = re.compile(
    rf"\b(?:{_PARTS})\s+(?:(?:should|must|need\s+to|needs\s+to|have\s+to|has\s+to)\s+(?:be\s+)?|are\s+|is\s+|stay\s+|in\s+)?"
    r"(?:written\s+|typed\s+|kept\s+)?(?:in\s+)?(?:all\s+)?$",
    FLAGS,
)
_PART_AFTER = re.compile(
    rf"\s+(?:for|on)\s+(?:the\s+|all\s+|any\s+|each\s+|every\s+|your\s+)?(?:[\w-]+\s+)?(?:{_PARTS})\b"
    # ("We never use uppercase letters in our usernames")
    rf"|\s+in\s+(?:the|our|my|your|any|all)\s+(?:[\w-]+\s+)?(?:{_PARTS})\b"
    r"|\s*,?\s+(?:except|but\s+not|apart\s+from|other\s+than)\b",
    FLAGS,
)


def _of_a_part(prompt: str, match: re.Match[str]) -> bool:
    # (the part may be inside the match, between its verb and the case: "Write the acronyms in all caps")
    inner = match.group(0).lower().rfind(" in ")
    at = match.start() + inner + 1 if inner > 0 else match.start()
    return bool(_PART_BEFORE.search(prompt, max(0, at - 40), at) or _PART_AFTER.match(prompt, match.end()))


def _describes(prompt: str, match: re.Match[str]) -> bool:
    # "in all caps" right after "written" or "for writing": how a thing is written, not the answer.
    phrase_start = match.start()
    lead = re.match(r"(?:(?:in|use|using|and|all|only|entirely)\s+)+", match.group(0), FLAGS)
    return describes_a_thing(prompt, phrase_start) or (
        lead is not None and describes_a_thing(prompt, phrase_start + lead.end())
    )


@rule
def english_lowercase(prompt: str) -> Iterator[RuleMatch]:
    for pattern in _LOWERCASE:
        for match in pattern.finditer(prompt):
            ruled_out = pattern is _LOWERCASE[0] and _RULED_OUT_BEFORE.search(
                prompt, max(0, match.start() - 20), match.start()
            )  # "nothing in lowercase"
            if (
                not ruled_out
                and is_directive(prompt, match.start(), match.end())
                and not _describes(prompt, match)
                and not _both_cases(prompt, match)
                and not _of_a_part(prompt, match)
            ):
                yield RuleMatch("change_case:english_lowercase", {}, match.start(), match.end())
                return


# The whole of what is asked for, by its name: "the whole explanation", "the entire email".
_WHOLE_TEXT = (
    r"response|answer|reply|output|text|explanation|story|poem|essay|email|letter|message|post|description"
    # (what support agents, marketers and organisers ask for: "Make the entire notice uppercase")
    r"|summary|notice|announcement|memo|note|tweet|caption|speech|chant|script|article|report|update|newsletter"
    r"|review|toast|invitation|banner|poster|flyer|ad|advert|slogan|tagline|song|rap|list|thing|piece|draft"
)
# (the shared "c" first: the scan for the pattern's first letter stays cheap)
# ("capital letter" and "big letters", as second-language writers put it)
_CAPS = r"(?:c(?:apit[ao]l\s+letters?|apitals|aps)|upper[\s-]*case(?:\s+letters?)?|big\s+letters)"
_WHOLE_RESPONSE_CAPS = [
    re.compile(
        rf"(?:entire|whole)\s+(?:response|answer|reply|output)[^.?!]{{0,50}}?\bin\s+all\s+{_CAPS}", FLAGS
    ),
    re.compile(
        rf"(?:answer|respond|write|reply|output|response)\w*\s+(?:\w+\s+){{0,2}}?in\s+all\s+{_CAPS}", FLAGS
    ),
    re.compile(
        r"only\s+use\s+capital\s+letters|capitali[sz]e\s+all\s+(?:your\s+|the\s+)?words"
        r"|capitali[sz]e\s+(?:every|each)\s+(?:single\s+)?letter|capitali[sz]e\s+all\s+(?:the\s+)?letters",
        FLAGS,
    ),
    # "using only capital letters", "caps lock on for the whole answer"
    re.compile(rf"\b(?:use|using|with|in)\s+only\s+{_CAPS}|\bcaps[\s-]*lock\s+on\b", FLAGS),
    re.compile(
        r"all\s+(?:the\s+)?letters[^.]{0,40}?(?:capitali[sz]ed|upper\s*case|capitals?\b|caps\b)", FLAGS
    ),
    # "Write everything in block capitals"
    re.compile(r"\bin\s+block\s+(?:capitals|caps|letters)\b", FLAGS),
    # the verb of answering, then the form: "Reply in CAPS.", "write it only in uppercase" (not "write in
    # caps the names of ...": some words only)
    re.compile(
        # ("Shout it in caps", "put it all in caps", "print everything in uppercase")
        r"\b(?:answer|respond|reply|write|type|shout|put|print|say|spell|set)(?:s|ing)?\s+"
        r"(?:(?:it\s+all|all\s+of\s+it|it|everything|this|only|entirely)\s+"
        # the text asked for between: "write a poem in capital letters" (not some words of it: "write the
        # names in capitals", "type the first word in caps")
        r"|(?:me\s+)?(?:an?|the|my|your|this|our)\s+(?!(?:[\w-]+\s+){0,2}?(?:words?|letters?|names?|titles?|headings?"
        r"|headers?|acronyms?|initials?|sentences?|lines?|phrases?|terms?|keywords?|labels?|hashtags?)\s+in\b)"
        r"(?:[\w-]+\s+){1,3}?)?in\s+"
        rf"(?:english\s+|full\s+)?{_CAPS}(?!\s+(?:only\s+)?(?:at|for|on|when|the|any|some|in\s+the)\b)",
        FLAGS,
    ),
    # "Every single letter of your reply should be uppercase" (no leading \b: the scan stays fast)
    re.compile(r"(?:every|each)\s+(?:single\s+)?letter\b[^.]{0,40}?(?:capitali[sz]ed|upper\s*case)", FLAGS),
    re.compile(rf"\b(?:in|use|using|and)\s+all\s+(?:in\s+)?{_CAPS}", FLAGS),
    re.compile(
        # (not "only" of a part: "Write in capital letter only the names")
        rf"\b(?:(?:in|using|with)\s+{_CAPS}\s+only(?!\s+(?:the|for|when|on|at|in|to|my|your|names?|titles?)\b)"
        rf"|(?:only|entirely|completely|fully)\s+in\s+(?:all\s+)?{_CAPS})",
        FLAGS,
    ),
    # "..., all uppercase.": a phrase of its own after a comma
    # (or dashes: "Type like you're shouting - all caps - and ...")
    # (a filler between: "in big letters, I mean all in capitals", "..., so all caps")
    re.compile(
        rf"(?:[,;:(—–]|\s-)\s*(?:(?:i\s+mean|i\.e\.|meaning|basically|just|so|like|and|or\s+rather)[,\s]+)?"
        rf"all\s+(?:in\s+)?{_CAPS}(?=\s*(?:[.!?,;)—–]|\s-|please|pls|$))",
        FLAGS,
    ),
    # the answer named, then the form: "I need the response in caps", "your answer should be in caps"
    re.compile(
        # (not asked about: "Why was your answer in caps?")
        r"(?<!was\s)(?<!were\s)(?<!is\s)(?<!why\s)"
        rf"\b(?:the|your)\s+(?:whole\s+|entire\s+)?(?:response|answer|reply|output)\s+(?:(?!(?:was|were|had)\b)\w+\s+){{0,3}}?"
        rf"in\s+(?:all\s+)?{_CAPS}(?!\s+(?:only\s+)?(?:at|for|on|when|the|any|some|in\s+the)\b)",
        FLAGS,
    ),
    # a fragment of its own: "Write about cats. All caps.", "- uppercase only"
    re.compile(
        rf"(?:^|[.!?;:\n]\s*|[-*•]\s*)(?:all\s+(?:in\s+)?|in\s+all\s+|only\s+)?{_CAPS}(?:\s+only)?\s*(?:please|pl[sz]|thx|thanks)?"
        # (with "all", a comma and the next requirement may end it too: "All capital letters, and no more than
        # 60 words."; not "All caps, in my opinion, looks angry.")
        r"\s*(?=[.!\n;]|$|(?<=all\scaps),|(?<=all\scapital\sletters),|(?<=all\scapitals),)"
        r"(?!,(?!\s*(?:and|no|with|plus|please|pls|under|over|at|max|less|fewer|keep|use|don't|dont|\d)\b))",
        FLAGS,
    ),
    # opening its sentence, then how or why: "ALL CAPS, like you're yelling it", "All caps, so it pops"
    re.compile(
        rf"(?:^|[.!?;:\n]\s*)(?:all\s+(?:in\s+)?|in\s+all\s+)?{_CAPS}\s*,\s*(?:like|as\s+if|as\s+though|so\s+(?:it|that)"
        r"|because|since|i\s+want|we\s+want)\b",
        FLAGS,
    ),
    # "ALL CAPS please", "uppercase only": the form asked for outright
    re.compile(
        rf"{_CAPS}\s*,?\s*(?:please|pls|only)\b(?!\s+(?:for|when|on|at|in|to|the|my|your|names?|titles?)\b)",
        FLAGS,
    ),
    # "Make the entire response uppercase", "Type your whole answer in caps"
    re.compile(
        # (not what it was: "The whole email was in uppercase.")
        rf"\b(?:entire|whole|full)\s+(?:{_WHOLE_TEXT})\s+(?:(?!(?:was|were|had)\b)\w+\s+){{0,2}}?(?:in\s+)?(?:all\s+)?{_CAPS}",
        FLAGS,
    ),
    # a given text converted: "Convert this to all caps: hello there", "Make this uppercase: ...", "Rewrite
    # this in capital letters" (not what code does: "a function to convert text to uppercase")
    re.compile(
        r"(?<!\bto\s)\b(?:convert|turn|change|make|rewrite|put|transform|retype)\s+(?:this|that|these|it|the\s+following"
        rf"|the\s+(?:text|sentence|paragraph|message|list)\s+below)\s+(?:(?:in)?to\s+|in\s+)?(?:all\s+)?{_CAPS}\b"
        r"(?!\s+(?:for|at|on|in\s+the)\b)",
        FLAGS,
    ),
    # "Make everything uppercase", "make it all caps" (not "make the title uppercase": a part)
    re.compile(
        # ("format it ALL CAPS", "have it all in caps")
        rf"\b(?:make|format|have|keep)\s+(?:everything|it\s+all|all\s+of\s+it|it)\s+(?:in\s+)?(?:all\s+)?{_CAPS}"
        r"(?=\s*(?:[.!,;]|please|pls|$))",
        FLAGS,
    ),
    # the case as a verb: "now uppercase the whole thing", "uppercase everything"
    re.compile(
        rf"(?<!\bto\s)(?<!\bhow\s)\bupper[\s-]*case\s+(?:everything|it\s+all|all\s+of\s+it|the\s+(?:whole|entire)\s+(?:{_WHOLE_TEXT})\b)",
        FLAGS,
    ),
    # "Use capital letters for the whole thing"
    re.compile(
        rf"\b(?:use|using|write|type)\s+(?:only\s+)?{_CAPS}\s+(?:only\s+)?for\s+"
        r"(?:everything|all\s+of\s+it|the\s+(?:whole|entire)\s+(?:thing|text|response|answer|reply))",
        FLAGS,
    ),
    # "Write everything in capital letters", "make sure the whole thing is in CAPITAL LETTERS"
    re.compile(
        r"\b(?:everything|all\s+of\s+it|the\s+(?:whole|entire|full|complete)\s+(?:thing|text|response|answer|reply))"
        # ("write everything in English capital letters")
        rf"\s+(?:\w+\s+){{0,4}}?in\s+(?:all\s+)?(?:english\s+)?{_CAPS}",
        FLAGS,
    ),
]
# "all caps" said on its own, run on as dictated: "a chant for my rugby team all caps", "a tweet about my cafe
# all caps under 40 words", "all caps and include the word 'vegan'"
_WHOLE_RESPONSE_CAPS.append(
    re.compile(
        rf"\ball\s+(?:in\s+)?{_CAPS}(?:\s+(?:please|pls|only))?"
        r"(?=\s*$|\s+(?:and|with|at\s+least|less\s+th[ae]n|fewer|max|but|keep|include|end|within|no\s+more|no\s+commas"
        r"|under\s+(?:\d+|[a-z]+ty|ten|a\s+hundred))\b)",
        FLAGS,
    )
)
_DICTATED_CAPS = _WHOLE_RESPONSE_CAPS[-1]
# A question typed without its "?": "why does my boss write all caps"
_ASKED_BEFORE = re.compile(
    r"(?:^|[.!?\n]\s*)(?:why|how|what|when|where|who|does|do|did|is|are|was|were|can\s+i|should\s+i)\b[^.!?\n]*$",
    FLAGS,
)
# ("Use ALL CAPS for at most 2 words", "caps for no more than three words", "caps on only a few words")
_COUNTED_AFTER = re.compile(
    # (a count of words right after is the answer's length: "in all caps at least 100 words")
    rf"\s*(?:(?:at\s+least|less|more|fewer|no\s+more|under|\d)(?![^.!?\n,;]{{0,25}}?{NUMBER}\s+(?:[\w-]+\s+)?words?\b)"
    r"(?!\d*\s+(?:[\w-]+\s+)?words?\b)|to\s+highlight|[\s-]*words?\b"
    rf"|(?:for|on|in)\s+(?:at\s+most\s+|at\s+least\s+|no\s+more\s+than\s+|up\s+to\s+|only\s+|just\s+)?(?:{NUMBER}|a\s+few|some)\s+"
    r"(?:[\w-]+\s+)?words?\b)",
    FLAGS,
)
# (not past a request of its own: "Keep it within 60 words and put it in all capital letters")
_COUNTED_BEFORE = re.compile(
    r"\b(?:words?|phrases?)\b(?:(?!\b(?:and|but|then|please)\s+(?:put|make|write|type|format|keep|use)\b)[^.!?\n])*$",
    FLAGS,
)


# "no caps please", "without all caps": ruled out, not asked for
_RULED_OUT_BEFORE = re.compile(
    r"\b(?:no|not|without|avoid|never|zero|nothing)\s+(?:all\s+|any\s+|using\s+|written\s+)?$"
    # taken out of a draft: "lose the capital letters please", "drop all the caps"
    rf"|{_TAKEN_OUT}\s+(?:all\s+(?:of\s+)?(?:the\s+)?|every\s+|the\s+|any\s+)?$",
    FLAGS,
)


def _whole_response(prompt: str, match: re.Match[str]) -> bool:
    # "... in all capital letters at least 3 times" and "at least 5 words ... in all caps"
    # count capitalised words (capital_word_frequency) instead.
    return (
        not _COUNTED_AFTER.match(prompt[match.end() :])
        and not _COUNTED_BEFORE.search(prompt[: match.start()])
        and not _RULED_OUT_BEFORE.search(prompt, max(0, match.start() - 20), match.start())
    )


@rule
def english_capital(prompt: str) -> Iterator[RuleMatch]:
    if not mentions(prompt, "cap", "upper", "block", "big"):
        return  # every phrasing names capitals, caps, upper case, block or big letters
    for pattern in _WHOLE_RESPONSE_CAPS:
        for match in pattern.finditer(prompt):
            if pattern is _DICTATED_CAPS and _ASKED_BEFORE.search(
                prompt, max(0, match.start() - 120), match.start()
            ):
                continue
            if (
                _whole_response(prompt, match)
                and not _describes(prompt, match)
                and not _both_cases(prompt, match)
                and not _of_a_part(prompt, match)
            ):
                yield RuleMatch("change_case:english_capital", {}, match.start(), match.end())
                return


_HIGHLIGHTS = [
    re.compile(
        # "bold" only as the verb right before its count: "a bold plan with 3 points" is no highlighting
        rf"(?:(?:highlight|italici[sz]e|emphasi[sz]e)\w*\*{{0,2}}(?:/\w+)?\s+(?:\w+\s+){{0,3}}?|\bbold\s+)(?:at\s+least\s+)?(?P<n>{NUMBER})\s+"
        # what is highlighted, named as the thing asked for: "5 of the most urgent items", "3 key steps"
        r"(?:\w+\s+){0,4}?(?:sections?|parts?|phrases?|words?|keywords?|names?|terms?|points?|ideas?|of\s+them"
        r"|items?|entries|things|steps|tips|lines|sentences|reasons|facts|tasks|bullets|spots|places|bits|passages"
        r"|details|concepts|takeaways|ingredients|dates|numbers|quotes"
        # any things, picked out of the answer's: "4 of the cheapest dishes"
        r"|(?<=of\s)(?:the|your|these|those)\s+(?:[\w-]+\s+){0,2}?[\w-]+s)\b",
        FLAGS,
    ),
    re.compile(
        # ("at least two *highlighted sections*", "a minimum of 2 highlighted bits")
        rf"\b(?:at\s+least\s+)?(?P<n>{NUMBER})\s+\*{{0,2}}(?:italic|highlighted|italicized|bolded|emphasized)\s+(?:text\s+)?"
        r"(?:sections?|phrases?|parts?|bits|passages|spots|points|terms|lines|words)\b",
        FLAGS,
    ),
    # "at least 2 sections should be highlighted", "3 or more parts of the answer are highlighted"
    re.compile(
        rf"\b(?:(?:at\s+least|no\s+fewer\s+than|a\s+minimum\s+of)\s+)?(?P<n>{NUMBER})(?:\s+or\s+more)?\s+(?:\w+\s+)?"
        r"(?:sections?|parts?|phrases?)\s+(?:of\s+(?:the|your)\s+(?:answer|response|reply|text)\s+)?"
        r"(?:(?:should|must|needs?\s+to|has\s+to|have\s+to)\s+be|are|is)\s+(?:highlighted|italici[sz]ed)",
        FLAGS,
    ),
    # "highlight some key parts", with "twice" after it for a count.
    re.compile(
        rf"(?:highlight|italici[sz]e)\w*\s+(?P<some>some|a\s+few)\s+(?:[\w-]+\s+){{0,4}}?(?:words?|phrases?|parts?|sections?)"
        # (or set off in brackets: "Highlight a few sections (at least 3) in markdown.")
        rf"(?:[^.]{{0,40}}?\b(?P<n>{NUMBER})\s*(?:times|of\s+them)?\s*(?:\.|\)))?",
        FLAGS,
    ),
    # "mark at least 4 key sections as *highlighted*", "format 2 phrases in italics"
    re.compile(
        rf"\b(?:mark|format|set|put|make)\s+(?:at\s+least\s+)?(?P<n>{NUMBER})\s+(?:[\w-]+\s+){{0,2}}?"
        r"(?:sections?|parts?|phrases?|words?|points?|ideas?|sentences?|lines?|terms?|names?|keywords?)\s+(?:(?:as|in|with)\s+)?\W?"
        # ("Mark at least two sections with *asterisks*")
        r"(?:highlighted|italics?|emphasi|bold\b|(?:single\s+)?asterisks\b)",
        FLAGS,
    ),
    # any things highlighted, when the markup is named after them: "highlight at least 3 problems using
    # markdown emphasis (*like this*)", "emphasize 2 risks with asterisks"
    re.compile(
        rf"(?:highlight|italici[sz]e|emphasi[sz]e)\w*\s+(?:at\s+least\s+)?(?P<n>{NUMBER})\s+(?:[\w-]+\s+){{0,2}}?[\w-]+s\s+"
        r"(?:using|with|in|via|as)\s+(?:(?:markdown|md)\b|asterisks|\*|italics\b|bold\b)",
        FLAGS,
    ),
]


_IN_CAPS_AFTER = re.compile(
    r"\s*(?:with|in|using|by\s+using|as)\s+(?:all[\s-]+)?(?:caps|capitals|capital\s+letters|upper\s*case)\b",
    FLAGS,
)


_AT_MOST_BEFORE = re.compile(
    r"\b(?:no\s+more\s+th[ae]n|not\s+more\s+th[ae]n|at\s+most|fewer\s+th[ae]n|less\s+th[ae]n|up\s+to|max(?:imum)?(?:\s+of)?)\s+$",
    FLAGS,
)


@rule
def highlighted_sections(prompt: str) -> Iterator[RuleMatch]:
    if not mentions(prompt, "highlight", "italic", "emphasi", "bold", "asterisks"):
        return  # every phrasing names highlighting
    for i, pattern in enumerate(_HIGHLIGHTS):
        match = _first_stated(
            prompt, finditer_at_counts(pattern, prompt) if i in (1, 2) else pattern.finditer(prompt)
        )
        if match and i == 1 and _AT_MOST_BEFORE.search(prompt, max(0, match.start() - 20), match.start()):
            continue  # "no more than 2 highlighted sections": IFEval counts a minimum only
        if match and _IN_CAPS_AFTER.match(prompt, match.end()):
            return  # "emphasize a couple of words with all caps" counts capitalised words, no markup
        if match:
            kwargs = {"num_highlights": parse_number(match.group("n")) if match.group("n") else 1}
            yield RuleMatch(
                "detectable_format:number_highlighted_sections", kwargs, match.start(), match.end()
            )
            return


# Words between a count and "bullet points" describe the bullets ("3 short bullet points"); a
# number or a verb there means the count belongs to something else ("the last one had 3 ...").
_NOT_A_VERB = r"(?!\d|(?:had|has|have|was|were|is|are|with|and|or)\b)"
# "... the last one had 3 bullet points": bullets that a past text had, not the answer's.
_HAD = re.compile(r"\b(?:had|was|were|used\s+to)\b[^.,;:!?\n]*$", FLAGS)
# IFEval counts bullets exactly; "at least 5 bullet points" is no such count.
_BOUNDED_BEFORE = re.compile(
    r"\b(?:at\s+least|at\s+most|more\s+than|fewer\s+than|less\s+than|up\s+to|over)\s+$", FLAGS
)
# ... nor a rough count: "around 3 bullet points", "5 bullet points or so"
_ROUGHLY_BEFORE = re.compile(r"(?:\b(?:around|about|roughly|approximately|approx\.?|maybe)|~)\s*$", FLAGS)
_OR_SO_AFTER = re.compile(r"\s*(?:or\s+so|ish|give\s+or\s+take)\b", FLAGS)
# ... nor a limit: "Limit the list to 5 bullet points", "keep it to 3 bullets" (at most so many; "keep it to
# exactly 3 bullets" stays a count).
_LIMITED_TO_BEFORE = re.compile(
    r"\b(?:limit|cap|restrict|keep)\w*\s+(?:[\w-]+\s+){0,3}?to\s+(?:just\s+|only\s+)?$", FLAGS
)
# The things listed, plural; not a unit of length ("in under 200 words and in bullet points").
_UNITS_OF_LENGTH = (
    r"words|sentences|paragraphs|characters|letters|lines|times|minutes|seconds|pages|syllables"
)
_ITEMS = rf"(?!(?:{_UNITS_OF_LENGTH})\b)\w+s\b"
_BULLETS = re.compile(
    rf"\b(?:exactly\s+)?(?P<n>{NUMBER})\s+(?:{_NOT_A_VERB}[\w-]+\s+){{0,2}}?(?:markdown\s+)?bullet(?:\s+points?|\s+pts|s)\b"
    # "exactly 10 names ... in bullet points"
    rf"|\bexactly\s+(?P<n2>{NUMBER})\s+(?:[\w-]+\s+){{0,2}}?{_ITEMS}[^.]{{0,60}}?bullet\s+(?:points|format|list|form)"
    # "List three benefits of yoga as bullet points"
    # ("list 6 reasons to learn piano, use markdown bullets", "a list of eight snacks in bullet form")
    # (a verb of using only as a clause of the request: not "3 apps that use bullets", not "; my doctor
    # said to use bullet points")
    # (run on without a comma, as dictated: "make a list of five things to pack use bullet points"; not "3
    # apps that use bullets")
    rf"|\b(?P<n3>{NUMBER})\s+(?:[\w-]+\s+){{0,2}}?{_ITEMS}[^.;]{{0,40}}?(?:\b(?:as|in)|(?:,\s*|\band\s+)(?:use|using)"
    r"|(?<!\bthat)(?<!\bwhich)(?<!\bwho)(?<!\bto)\s(?:use|using)(?=\s+(?:markdown\s+)?bullet(?:\s+points|s)\s*[.!]?\s*$))"
    r"\s+(?:markdown\s+)?"
    r"bullet(?:\s+points|s|[\s-]point\s+form|\s+form|\s+format)\b"
    # one bullet for each thing counted: "Name ten fruits, one bullet each"
    rf"|\b(?P<n4>{NUMBER})\s+(?:[\w-]+\s+){{0,2}}?{_ITEMS}[^.;]{{0,40}}?,?\s+(?:one|a)\s+bullet(?:\s+point)?\s+"
    r"(?:each|apiece|per\s+\w+|for\s+each)\b"
    # the things counted in a question, bullets asked right after it: "What are 5 tips for studying? Use
    # bullet points."
    rf"|\b(?P<n5>{NUMBER})\s+(?:[\w-]+\s+){{0,2}}?{_ITEMS}[^.?!\n]{{0,60}}\?\s+(?:please\s+)?(?:use|in|as)\s+"
    r"(?:markdown\s+)?bullet(?:\s+points|s)\b(?=\s*(?:please\s*)?[.!]?\s*(?:\n|$))",
    FLAGS,
)
_BULLETS_EACH = re.compile(r"\s+(?:each|apiece|per\s+\w+)\b", FLAGS)
# A count of the list's things named before the bullets: "a top-5 list of movies as bullet points",
# "Bullet list: 4 reasons to adopt a cat"
_LIST_COUNTED = re.compile(
    rf"\btop[\s-](?P<n>{NUMBER})\b[^.;]{{0,60}}?\b(?:as|in)\s+(?:markdown\s+)?bullet(?:\s+points|s|\s+form)\b"
    rf"|\bbullet(?:ed)?[\s-]?(?:list|points)\s*:\s*(?P<n2>{NUMBER})\s+(?:[\w-]+\s+)?{_ITEMS}"
    # a label and its count alone: "Bullets: 4", "- bullet points: exactly 3"
    rf"|\bbullet(?:s|\s+points|\s+count)\s*:\s*(?:exactly\s+)?(?P<n3>{NUMBER})[ \t]*\.?[ \t]*(?=\n|$)",
    FLAGS,
)


# The count after the bullets: "markdown bullet points, exactly four of them", "bullets (exactly 3)".
_BULLETS_THEN_COUNT = re.compile(
    rf"bullet(?:\s+points?|s)\b[^.\n]{{0,20}}?\bexactly\s+(?P<n>{NUMBER})\b(?!\s+(?!of\s+them|bullets?|items?|points?|entries|things|lines|please|pls|thanks|total|in\s+total)\w)"
    # "use markdown bullets, and give me 4 of them", "put the steps in a bullet list — 7 of them"
    rf"|bullet(?:ed)?(?:\s+points?|s|[\s-]?(?:point\s+)?list)\b[^.\n]{{0,25}}?\b(?P<n2>{NUMBER})\s+of\s+them\b"
    # the verb: "Bullet-point 5 reasons to learn chess"
    rf"|\bbullet[\s-]?point\s+(?P<n3>{NUMBER})\s+(?!(?:times|more)\b)\w"
    # the list named, then what it holds: "a bulleted list of exactly 6 items", "a bullet list with 4 tips"
    rf"|\bbullet(?:ed|[\s-]?point(?:ed)?)?\s+list\s+(?:of|with|containing|that\s+has)\s+(?:exactly\s+|just\s+|only\s+)?"
    rf"(?P<n4>{NUMBER})\s+(?:[\w-]+\s+)?{_ITEMS}"
    # the count set off after the list: "a bulleted list, five items, of things to pack"
    rf"|\bbullet(?:ed|[\s-]?point(?:ed)?)?\s+list\s*[,(:—–]\s*(?:exactly\s+|just\s+)?(?P<n7>{NUMBER})\s+(?:items?|points?|entries|bullets?)\b"
    # the count on the text: "a 4-bullet summary", "a three-bullet-point rundown"
    rf"|\b(?P<n8>{NUMBER})[\s-]bullet(?:[\s-]point)?\s+(?:summary|list|answer|overview|rundown|breakdown|recap|reply)\b"
    # the count on the list: "a 5-item bulleted list", "a six-point bullet list"
    rf"|\b(?P<n5>{NUMBER})[\s-](?:items?|points?|entr(?:y|ies)|bullets?)\s+bullet(?:ed|[\s-]?point(?:ed)?)?\s+list\b"
    # the count on the things, bulleted: "3 bulleted tips", "in 3 bullet-pointed items"
    rf"|\b(?:exactly\s+)?(?P<n6>{NUMBER})\s+bullet(?:ed|[\s-]?pointed)\s+{_ITEMS}",
    FLAGS,
)


# Things counted by a verb of listing, and bullets asked for in the next sentence on their own: "list 4 things
# to check. use markdown bullets", "Give me 3 reasons. Bullet points please." (the count is the list's: not "I
# have 3 kids. Use bullets.")
_LISTED_THEN_BULLETS = re.compile(
    r"\b(?:list|give|name|share|suggest|provide|recommend|outline|offer|what\s+are)\s+(?:me\s+|us\s+)?"
    rf"(?:the\s+|your\s+|my\s+)?(?:top\s+)?(?P<n>{NUMBER})\s+(?:[\w-]+\s+){{0,2}}?{_ITEMS}[^.?!;\n]{{0,80}}[.?!;]\s+"
    r"(?:(?:please|pls|and)\s+)?(?:(?:use|in|as|with|format\s+(?:it|them|this)\s+as|put\s+(?:it|them)\s+in)\s+)?"
    r"(?:markdown\s+)?bullet(?:\s+points|s|[\s-]point\s+form|\s+form|\s+format)\b(?=\s*(?:please|pls)?\s*[.!]?\s*(?:\n|$))",
    FLAGS,
)


# Bullets named by their marks or their markup, not the word: "an unordered list of 4 items", "list 5 tips
# using dashes", "a hyphenated list of 3 risks", "4 items, each starting with a dash" (IFEval counts lines
# opening with "*" or "-"; a "markdown list" may be numbered, so it names none).
# (asterisks also mark highlights: "Mark 3 key phrases with asterisks" is no list)
_LIST_MARKS = r"(?:dash(?:es)?|hyphens?)"
_MARKED_LIST = (
    # (not both kinds named, a topic: "the difference between an ordered and an unordered list")
    r"(?:(?<!\band\s)(?<!\band\san\s)(?<!\bor\s)(?<!\bor\san\s)(?<!vs\s)(?<!vs\.\s)(?<!vs\san\s)unordered"
    r"|dash(?:ed)?|hyphen(?:ated)?|asterisk(?:ed)?)\s+list"
    rf"|list\s+(?:with|using)\s+{_LIST_MARKS}"
)
_LIST_MARKED = re.compile(
    rf"\b(?:{_MARKED_LIST})\s+(?:of|with|containing)\s+(?:exactly\s+|just\s+|only\s+)?(?P<n>{NUMBER})\s+(?:[\w-]+\s+)?{_ITEMS}",
    FLAGS,
)
# ... the count first (tried only where counts start)
_COUNT_MARKED = re.compile(
    rf"(?P<n2>{NUMBER})\s+(?:[\w-]+\s+){{0,2}}?{_ITEMS}[^.;?!\n]{{0,40}}?\b(?:as|in|with|using)\s+(?:an?\s+)?"
    # (the marks as the list's, the clause ending there: not "using dashes instead of commas")
    rf"(?:(?:{_MARKED_LIST})\b|{_LIST_MARKS}\b(?=\s*(?:[.,;!\n]|$|please\b|pls\b|as\s+bullets\b|for\s+(?:each|every)\b)))"
    rf"|(?P<n3>{NUMBER})\s+(?:[\w-]+\s+){{0,2}}?{_ITEMS},?\s+each\s+(?:one\s+)?(?:starting|beginning|opening)\s+with\s+"
    r"(?:an?\s+)?(?:dash|hyphen|asterisk|[\"'‘“]?[-*][\"'’”]?)(?=[\s.,;!]|$)",
    FLAGS,
)


@rule
def bullet_lists(prompt: str) -> Iterator[RuleMatch]:
    # the first count said to the assistant ("The assignment says 'write 5 bullet points'. Give me 3 ...")
    bulleted = mentions(prompt, "bullet")  # every phrasing below names bullets
    # ("asterisk" only in "an asterisked list" or "each starting with an asterisk": not a gate of its own, as
    # highlights and dividers name asterisks everywhere)
    marked = mentions(prompt, "unordered", "dash", "hyphen") or mentions(
        prompt, "asterisked", "starting", "beginning"
    )
    counts = finditer_at_counts(_BULLETS, prompt) if bulleted else iter(())
    stated = (m for m in counts if is_directive(prompt, m.start(), m.end()))
    match = (
        next(stated, None)
        or (_BULLETS_THEN_COUNT.search(prompt) if bulleted else None)
        or (_first_stated(prompt, _LISTED_THEN_BULLETS.finditer(prompt)) if bulleted else None)
        or (_first_stated(prompt, _LIST_COUNTED.finditer(prompt)) if bulleted else None)
        or (_first_stated(prompt, _LIST_MARKED.finditer(prompt)) if marked else None)
        or (_first_stated(prompt, finditer_at_counts(_COUNT_MARKED, prompt)) if marked else None)
    )
    if (
        match
        and not _HAD.search(prompt, max(0, match.start() - 40), match.start())
        and not _BOUNDED_BEFORE.search(prompt, max(0, match.start() - 20), match.start())
        and not _ROUGHLY_BEFORE.search(prompt, max(0, match.start() - 20), match.start())
        and not _OR_SO_AFTER.match(prompt, match.end())
        and not (
            _LIMITED_TO_BEFORE.search(prompt, max(0, match.start() - 40), match.start())
            and not match.group(0).lower().startswith("exactly")
        )
        # "3 bullets each" counts each part's bullets (not "7 bullet points, each one a packing item")
        and not _BULLETS_EACH.match(prompt, match.end())
    ):
        count = next(value for value in match.groupdict().values() if value)
        kwargs = {"num_bullets": parse_number(count)}
        yield RuleMatch("detectable_format:number_bullet_lists", kwargs, match.start(), match.end())


# The number left to fill in a marker: "Section X", "Section N", "Section #", "Section [n]".
_MARKER_NUMBER = (
    r"(?:X|N|n|#|\[(?:n|N|X|x|number|#)\]|<(?:n|N|X|x|number|num)>|\{(?:n|N|X|x|number)\})(?![\w\]>}])"
)
_SECTION_COUNT = re.compile(
    # not a marker written out ("each one with Part X", "Part 1"), which counts nothing
    # (the parts by any name the marker gives them: "4 chapters; label each Chapter X", "a 6-week plan")
    rf"\b(?P<n>{NUMBER})[\s-]+(?:\w+\s+)?(?:sections?|paragraphs?|parts?|days?|chapters?|weeks?|steps?|lessons?"
    rf"|units?|modules?|phases?|stages?|scenes?|acts?)\b(?!\s+(?:{_MARKER_NUMBER}|\d))",
    FLAGS,
)


# Any word as the marker when it is named as one: "each section starting with 'Step X'", "labelled Week X"
# (not "Malcolm X" in passing).
_MARKER_NAMED = re.compile(
    r"(?i:\b(?:with|as|like|labell?ed|marked|titled|headed|named))\s+(?i:the\s+word\s+)?[\"'‘“]?"
    rf"(?P<splitter>[A-Z][a-z]+|[A-Z]+)\s+{_MARKER_NUMBER}"
)


# The count right after the marker, pointing back at the parts: "...; there should be 4 of them".
_OF_THEM = re.compile(
    rf"[\"'’”]?\s*[;,.:—–-]\s*(?:there\s+should\s+be\s+|i\s+want\s+|make\s+it\s+)?(?P<n>{NUMBER})\s+of\s+them\b",
    FLAGS,
)


@rule
def sections(prompt: str) -> Iterator[RuleMatch]:
    marker = re.search(
        rf"\b(?P<splitter>SECTION|Section|PARAGRAPH|Paragraph|Day|DAY|Part|PART|Chapter)\s+{_MARKER_NUMBER}",
        prompt,
    ) or _MARKER_NAMED.search(prompt)
    count = _first_unhighlighted(_SECTION_COUNT, prompt, marker.group("splitter").lower()) if marker else None
    if marker and not count:  # "Mark every section with 'Lesson X'; there should be 4 of them."
        count = _OF_THEM.match(prompt, marker.end())
    if marker and count:
        kwargs = {"section_spliter": marker.group("splitter"), "num_sections": parse_number(count.group("n"))}
        yield RuleMatch("detectable_format:multiple_sections", kwargs, marker.start(), marker.end())
        return
    yield from _enumerated_sections(prompt)


# "Start each day with Day 1, Day 2 and so on": the marker written out for the first parts,
# and the count of parts, stated ("a 5-day plan", "in 4 parts") or the last of a closed list
# ("Audience 1 and Audience 2").
_OPEN_QUOTE, _CLOSE_QUOTE = r"[\"'‘“]?", r"[\"'’”]?"
_ENUMERATED = re.compile(
    rf"{_OPEN_QUOTE}\b(?P<splitter>[A-Z][a-z]+|[A-Z]+)\s+1\b{_CLOSE_QUOTE}"
    rf"(?:\s*(?:,\s*and|,|and|through|thru|to|-|–)\s*{_OPEN_QUOTE}(?P=splitter)\s+(?P<last>\d+)\b{_CLOSE_QUOTE})+"
    r"(?P<open>\s*,?\s*(?:etc\b|and\s+so\s+on|\.\.\.|…))?"
)
# "begin each with PART and its number": the marker named, its numbers left open. Found from
# "each" on (a literal start keeps the scan fast), the verb of starting checked before it.
_NUMBERED_MARKER = re.compile(
    r"(?i:e(?:ach|very))\s+(?P<verb>[a-z]+\s+)?(?i:with)\s+"
    rf"(?i:the\s+word\s+)?{_OPEN_QUOTE}(?P<splitter>[A-Z][a-z]+|[A-Z]+){_CLOSE_QUOTE}\s+"
    r"(?i:and|plus|followed\s+by)\s+(?i:its|their|the|a)\s+(?i:number)(?P<open>)"
)
_STARTING_BEFORE = re.compile(
    r"\b(?:(?:start|begin|head|label|open|prefix|title)\w*|mark\s+the\s+(?:start|beginning)\s+of)\s+$", FLAGS
)


def _numbered_marker(prompt: str) -> re.Match[str] | None:
    for match in _NUMBERED_MARKER.finditer(prompt):
        # the verb of starting before "each", or after it: "each starting with DAY and the number"
        verb = match.group("verb") or ""
        if _STARTING_BEFORE.search(prompt, max(0, match.start() - 30), match.start()) or re.match(
            r"(?:start|begin|open|head|label|mark)\w*", verb, FLAGS
        ):
            return match
    return None


# With the marker's own count unstated, the count of sections or parts the answer has.
_PARTS_COUNT = re.compile(rf"\b(?P<n>{NUMBER})[\s-]+(?:[\w-]+\s+)?(?:sections|parts)\b", FLAGS)


def _enumerated_sections(prompt: str) -> Iterator[RuleMatch]:
    marker = _ENUMERATED.search(prompt) or _numbered_marker(prompt)
    if marker is None:
        return
    splitter = marker.group("splitter")
    # not "one per week", "one each day": one for each part
    stated = re.compile(
        rf"\b(?P<n>{NUMBER})[\s-]+(?!(?:per|each|a|every)\b)(?:[\w-]+\s+)?{re.escape(splitter)}s?\b", FLAGS
    )
    counts = [
        m
        for m in (*finditer_at_counts(stated, prompt), *finditer_at_counts(_PARTS_COUNT, prompt))
        if m.end() <= marker.start() or m.start() >= marker.end()
    ]
    if counts:
        n = parse_number(counts[0].group("n"))
    elif marker.group("open") is None:  # (the marker named with its numbers open matches an empty "open")
        n = int(marker.group("last"))
    else:
        return
    kwargs = {"section_spliter": splitter, "num_sections": n}
    yield RuleMatch("detectable_format:multiple_sections", kwargs, marker.start(), marker.end())


# ---------------------------------------------------------------- IFEval: content


# "at least 4 placeholders", "at least 4 [placeholders]", "at least 7 [bracketed] placeholders"
_PLACEHOLDERS = re.compile(rf"{Q}\s+(?:[\w-]+\s+|\[[^\]\n]{{1,30}}\]\s+)?\[?placeholders?\b", FLAGS)
# Blanks, slots or fields counted are placeholders when the sentence puts them in square brackets
# ("leave at least 5 blanks as [placeholders]", "3 fill-in slots in square brackets").
_BLANKS = re.compile(rf"{Q}\s+(?:[\w-]+\s+)?\[?(?:blanks?|slots?|fields?|gaps?|spots?)\b", FLAGS)
_BRACKETS = re.compile(r"square\s+brackets|\[[^\]\n]{1,30}\]", FLAGS)
# A minimum said in words ("at least", "at minimum", "a minimum of", "no fewer than"), for a count named after
# the thing it counts.
_AT_LEAST_SAID = (
    r"(?:at\s*least|at\s+(?:a\s+)?minimum|(?:a\s+)?minimum\s+of"
    r"|no\s+(?:fewer|less)\s+th[ae]n|not\s+(?:fewer|less)\s+th[ae]n)"
)
_PLACEHOLDERS_AFTER = re.compile(
    # ("... like [service name], [duration] etc. at least seven of them": an "etc." ends no sentence)
    rf"placeholders?\b(?:e\.g\.|i\.e\.|etc\.|[^.]){{0,120}}?\b(?P<q>{_AT_LEAST_SAID}\s+{NUMBER})"
    # ("placeholders like [EMPLOYEE NAME] appear at least 3 times")
    r"(?:\s+of\s+(?:them|those|these)|\s+times)?\s*(?:[-–(),.;]|$)",
    FLAGS,
)


# Square brackets named first, then how many: "Mark the parts I'll fill in with square brackets, e.g.
# [date], and include at least 6 of them" (the count must point back at them: "of them", "such").
_BRACKETS_THEN_COUNT = re.compile(
    r"(?:square\s+brackets|\[[^\]\n]{1,30}\])(?:e\.g\.|i\.e\.|etc\.|[^.!?\n]){0,80}?"
    rf"\b(?P<q>{_AT_LEAST_SAID}\s+{NUMBER}|{NUMBER}\s+or\s+more)\s+"
    r"(?:of\s+(?:them|those|these)|such|(?:bracketed\s+)?(?:placeholders|blanks|fill-ins|slots))\b"
    # or as the sentence's last words after a colon or dash: "Leave blanks in square brackets: at least 2."
    r"|(?:square\s+brackets|\[[^\]\n]{1,30}\])[^.!?\n]{0,60}?\s*(?::|\s[-—–])\s*"
    rf"(?P<q2>{_AT_LEAST_SAID}\s+{NUMBER}|{NUMBER}\s+or\s+more)\s*(?=[.!]|$)",
    FLAGS,
)


def _blanks(prompt: str) -> re.Match[str] | None:
    for match in finditer_at_counts(_BLANKS, prompt):
        low, high = sentence_span(prompt, match.start(), match.end())
        if _BRACKETS.search(prompt, low, high):
            return match
    return None


@rule
def placeholders(prompt: str) -> Iterator[RuleMatch]:
    if not mentions(prompt, "placeholder", "bracket") and "[" not in prompt:
        return
    match = (
        _first_stated(prompt, finditer_at_counts(_PLACEHOLDERS, prompt))
        or _first_stated(prompt, _PLACEHOLDERS_AFTER.finditer(prompt))
        or _blanks(prompt)
        or _first_stated(prompt, _BRACKETS_THEN_COUNT.finditer(prompt))
    )
    if match:
        q = match.group("q") or match.groupdict().get("q2") or ""
        found = [b for b in bounds(q) if b.relation == "at least"]
        n = found[0].value if found else parse_number(q.split()[-1])
        yield RuleMatch(
            "detectable_content:number_placeholders", {"num_placeholders": n}, match.start(), match.end()
        )


_MARKER = re.compile(r"(?<![\w.])(?P<m>[Pp]\.\s?(?:[Pp]\.\s?)?[Ss]\b\.?)")
# A marker opening its sentence is the user's own postscript ("P.S. I'm really nervous about it"),
# unless what follows asks for one ("P.S. at the end.", "P.S. required").
_ASKED_AFTER = re.compile(
    r"\s*(?:at\s+the\s+(?:very\s+)?(?:end|bottom)|please|pls|required|needed|too|as\s+well|is\s+(?:required|needed|a\s+must))\b",
    FLAGS,
)


# ... or an item of a list of requirements: "Must haves:\n- 200 words\n- P.S. with the HR contact".
_LIST_ITEM_BEFORE = re.compile(r"(?:^|\n)[ \t]*(?:[-*•]|\d+[.)])[ \t]*$")
_LIST_LABEL = re.compile(r":[ \t]*\n")


def _users_own_postscript(prompt: str, marker: re.Match[str]) -> bool:
    low, _ = sentence_span(prompt, marker.start(), marker.end())
    opens = not prompt[low : marker.start()].strip(" \t\n*-(")
    listed = bool(
        _LIST_ITEM_BEFORE.search(prompt, max(0, marker.start() - 8), marker.start())
        and _LIST_LABEL.search(prompt, 0, marker.start())
    )
    return opens and not listed and not _ASKED_AFTER.match(prompt, marker.end())


# A postscript asked for by name, with no marker: "End with a postscript", "Tack on a short postscript" (not
# "what a postscript is", nor "the postscript in my letter").
_POSTSCRIPT_ASKED = re.compile(
    r"\b(?:add|include|end|finish|close|conclude|sign\s+off|append|put|tack\s+on|throw\s+in|write|attach|stick)"
    r"(?:s|ing)?\s+(?:(?:it|this|the\s+[\w-]+|your\s+[\w-]+)\s+)?(?:with\s+|off\s+with\s+)?(?:a|an|one)\s+"
    # ("Write a PS at the end", "add a ps", dictated "add a p s": the marker without its dots; not a PS5)
    r"(?:(?:short|quick|brief|little|small|friendly|final)\s+)?(?:post[\s-]?script\b|(?-i:P\s?S|p\s?s)\b(?![\d-]))",
    FLAGS,
)


_P = frozenset({"p"})  # ("p s", as dictated)


@rule
def postscript(prompt: str) -> Iterator[RuleMatch]:
    # The marker is kept as written: "P.S." and "P.P.S" are different markers; "p.s." typed in a
    # hurry is the same marker as "P.S." (IFEval's check reads it in any case).
    match = _first_stated(
        prompt, (m for m in _MARKER.finditer(prompt) if not _users_own_postscript(prompt, m))
    )
    cue = (
        r"postscript|post\s+script|\bnote\b|\bend\b|\badd|\binclud|\bput\b|\bbottom\b|\bappend|\bfinish"
        r"|\bthen\s+(?:a|an)\s+[Pp]\.|\bclose\b|\bsign\b|\bfollowed\s+by"
        # ("Tack on a P.P.S. after the letter", "throw in a P.S.", "stick a P.S. on it")
        r"|\btack\b|\bthrow\s+in\b|\bstick\b|\bafter\s+(?:the|your|it)\b|\bwith\s+a\s+[Pp]\."
        r"|\brequired\b|\ba\s+must\b"
        # a postscript to write, or a list of what the answer must have: "a P.S. with the HR contact",
        # "Must haves: ... - a P.S.", "Requirements:\n- P.S. mentioning the deadline"
        # (not "how a P.S. was used", "P.P.S. after a P.S.": a postscript talked about)
        r"|\b(?:a|an|one)\s+(?:(?:short|quick|brief|little|small|friendly)\s+)?[Pp]\.\s?(?:[Pp]\.\s?)?[Ss]\b\.?\s+"
        r"(?:with|mentioning|about|reminding|thanking|saying|listing|including|asking|inviting|noting|containing"
        r"|giving|that\s+(?:mentions|says|reminds|thanks|lists|includes|asks|invites|notes|gives))\b"
        r"|must[\s-]?haves?\b"
        r"|\brequirements?\b|\bchecklist\b|\bspecs?\b|\brules\s*:"
    )
    if match and re.search(cue, prompt, FLAGS):
        marker = match.group("m").replace(" ", "").upper()
        yield RuleMatch(
            "detectable_content:postscript", {"postscript_marker": marker}, match.start(), match.end()
        )
        return
    named = (
        _first_stated(prompt, _POSTSCRIPT_ASKED.finditer(prompt))
        if mentions(prompt, "post", "ps") or mentions_any(prompt, _P)
        else None
    )
    if named:  # a postscript asked for without its marker is written "P.S."
        yield RuleMatch(
            "detectable_content:postscript", {"postscript_marker": "P.S."}, named.start(), named.end()
        )


# Verbs of ending: "end with", "finish your reply with", "wrap it up with", "sign off with".
# ("close out your answer with", "round off the reply with", "cap it off with")
_END_VERB = (
    r"(?:end|finish|conclude|close(?:\s+out)?|wrap\w*\s+(?:it\s+|things\s+)?up|sign\w*\s+off"
    r"|round\w*\s+(?:it\s+)?(?:off|out)|cap\w*\s+(?:it\s+)?off)"
)
_END_CUE = (
    # a verb of ending, not the noun ("a note at the end starting with ..."); "end it on 'Peace out'"
    rf"(?:\b(?<!the\s)(?<!very\s){_END_VERB}(?!ed\b)\w*\s+(?:(?:your|the|this|each|it)\s+)?(?:(?:entire|whole)\s+)?"
    # ("ends in 'Over and out.'")
    rf"(?:(?!(?:start|begin|open)\w*\b)[\w-]+\s+){{0,2}}?(?:(?:with|(?:on|in)(?=\s+(?:the\s+(?:words?|phrase|line|sentence)\s+)?[\"“'‘]))\b|w/"
    # ("Conclude by saying 'Good luck!'", "finish by writing ...")
    r"|by\s+(?:saying|writing|typing|adding|putting)\b)"
    # "At the very end, write 'Goodbye!'" (not "include the word ...", a keyword)
    r"|\bat\s+the\s+(?:very\s+)?end(?:\s+of\s+(?:your|the)\s+[\w-]+)?\s*,?\s+(?:write|say|put|add|type)\b(?!\s+the\s+word)"
    r"|\bsign\s+(?:it|the\s+(?:letter|email|note|card|message))(?:\s+(?:as|with|off\s+with))?\b"
    r"|\b(?:very\s+)?(?:last\s+(?:sentence|line|words?)|end)\s+of\s+(?:your|the)\s+(?:entire\s+)?[\w-]+\s+"
    r"(?:should|must)\s+(?:be|read)\b"
    # not "the second-to-last word", "the 2nd-last word"
    # (what the last line of another thing is, told, is no request: "The last line of the song is 'Let it
    # be.'")
    r"|\b(?<!-)(?<!to\s)(?:very\s+)?(?:last|final)\s+(?:sentence|line|words?)\s+(?:of\s+your\s+[\w-]+\s+)?"
    r"(?:(?:should|must|will|has\s+to)\s+(?:be|read)|is|are|reads)\b"
    r"|\b(?<!-)(?<!to\s)(?:very\s+)?(?:last|final)\s+(?:sentence|line|words?)\s+of\s+the\s+[\w-]+\s+"
    r"(?:should|must|will|has\s+to|needs\s+to)\s+(?:be|read)\b"
    # "Make the last sentence 'I hope this helps.'"
    # ("Let your last sentence be 'That is the truth.'")
    r"|\b(?:make|let)\s+(?:the\s+|your\s+)?(?:very\s+)?(?:last|final)\s+(?:sentence|line|words?)(?:\s+of\s+(?:your|the)\s+[\w-]+)?\b"
    # "Make sure the last thing you say is 'Good luck!'"
    r"|\b(?:the\s+)?(?:very\s+)?(?:last|final)\s+thing\s+(?:you\s+(?:say|write|type)\s+)?"
    r"(?:(?:should|must|has\s+to|needs\s+to|will)\s+be|is)\b)"
)
# The phrase: in double quotes; in single quotes (an apostrophe inside a word does not close
# them); or after a colon, to the end of its line; or after "phrase", ending the line.
_END_PHRASE = re.compile(
    rf"{_END_CUE}(?P<mid>[^\n\"“:'‘.?!]{{0,50}}?)(?P<colon>:\s*)?"
    r"(?:[\"“](?P<quoted>[^\"”\n]+)[\"”]"
    # (not the apostrophe of a word: "end with that, and don't use ...")
    r"|(?<!\w)['‘](?P<single>[^\n]+?)['’](?=[\s.,;:!?)]|$)"
    # (unquoted after "be" too, a capital and a closing mark setting the phrase off to the end of its line:
    # "The last words should be Is there anything else I can help with?"; not after "with": "End with Python
    # code." names what to end with, not its words)
    r"|(?(colon)(?P<line>[^\n\"“]+?)|(?:(?<=phrase\s)|(?<=\sbe\s)|(?<=\sread\s)|(?<=\sreads\s))"
    r"(?!an?\s)(?P<bare>(?-i:[A-Z])[^\n\"“]*?[.!?]))[ \t]*(?:\n|$))",
    re.IGNORECASE,
)


# Things (plural) that end some way, not the answer: "a regex that matches words ending with 'ing'".
_PARTICIPLE = re.compile(r"(?:ending|finishing)\b", FLAGS)
_PLURAL_BEFORE = re.compile(r"\b\w+s\s+$", FLAGS)


def _plural_ending(prompt: str, match: re.Match[str]) -> bool:
    start = match.start()
    return bool(_PARTICIPLE.match(prompt, start)) and bool(
        _PLURAL_BEFORE.search(prompt, max(0, start - 30), start)
    )


# The phrase first, then where it goes: "Put 'Over and out' at the very end" (not at the end of a part).
_PHRASE_AT_END = re.compile(
    r"\b(?:put|place|add|write|type|stick|make|use)\s+(?:the\s+(?:words?|phrase|line|sentence)\s+)?"
    r"(?:[\"“](?P<quoted>[^\"”\n]{1,80})[\"”]|['‘](?P<single>[^'‘’\n]{1,80})['’])"
    r"\s+(?:at\s+the\s+(?:very\s+)?end|(?:very\s+)?last"
    # ("Put 'THE END' as the last line", "Make 'Goodbye for now.' the final sentence of your response")
    r"|(?:as\s+)?the\s+(?:very\s+)?(?:last|final)\s+(?:line|sentence|words?))"
    r"\b(?!\s+of\s+(?:each|every|the\s+(?!(?:answer|response|reply)\b)))",
    FLAGS,
)


# Nothing after the phrase: "Don't write anything after 'Regards, Ana'", "Nothing should come after the words
# 'Over and out'", "'See you soon' should be the last thing in it" (not "the last thing in each section").
_END_QUOTED = r"(?:[\"“](?P<{0}>[^\"”\n]{{1,80}})[\"”]|['‘](?P<{1}>[^'‘’\n]{{1,80}})['’])"
_NOTHING_AFTER = re.compile(
    r"(?:\b(?:don't|dont|do\s+not|never)\s+(?:write|put|add|include|say|type)\s+anything\s+(?:else\s+)?after"
    r"|\bnothing\s+(?:else\s+)?(?:(?:should|must|may|can|will)\s+)?(?:comes?|go(?:es)?|appears?|follows?)\s+after)\s+"
    r"(?:the\s+(?:words?|phrase|line|sentence|sign[\s-]?off)\s+)?" + _END_QUOTED.format("quoted", "single"),
    FLAGS,
)
# (found from its rare words, the quote read back from there: a scan from every quote is slow)
_LAST_THING = re.compile(
    r"\s+(?:should|must|has\s+to|needs\s+to|will)\s+be\s+the\s+(?:very\s+)?(?:last|final)\s+"
    r"(?:thing|words?|line|sentence|bit)\b(?!\s+(?:of|in)\s+(?:each|every|the\s+(?:first|second|title|intro)))",
    FLAGS,
)
_QUOTED_RIGHT_BEFORE = re.compile(_END_QUOTED.format("quoted", "single") + r"$")


def _nothing_after(prompt: str) -> Iterator[RuleMatch]:
    for match in _NOTHING_AFTER.finditer(prompt):
        yield from _after_quoted(prompt, match, match.start(), match.end())
    for last in _LAST_THING.finditer(prompt):
        quoted = _QUOTED_RIGHT_BEFORE.search(prompt, max(0, last.start() - 84), last.start())
        if quoted is not None:
            yield from _after_quoted(prompt, quoted, quoted.start(), last.end())


def _after_quoted(prompt: str, match: re.Match[str], start: int, end: int) -> Iterator[RuleMatch]:
    phrase = (match.group("quoted") or match.group("single")).strip()
    if is_directive(prompt, start, end) and not describes_a_thing(prompt, start):
        yield RuleMatch("startend:end_checker", {"end_phrase": phrase}, start, end)


_QUOTE_OPENS = re.compile(r"[\"“‘]|(?<!\w)'")
# The phrase named, then said bare to the end of the request, as dictated: "end with the phrase stay healthy"
# (not "the phrase that sums it up": a description, not its words). Only at the end of a line (re.MULTILINE).
_END_BARE = re.compile(
    rf"(?:{_END_CUE}\s*(?:the\s+)?(?:exact\s+)?(?:phrase|words|line|sentence)\s+"
    # ("the very last words should be you've got this")
    r"|\b(?:very\s+)?(?:last|final)\s+(?:sentence|line|words?)\s+(?:of\s+(?:your|the)\s+[\w-]+\s+)?"
    r"(?:should|must|will|has\s+to|needs?\s+to)\s+(?:be|read)\s+)"
    r"(?P<bare>(?!(?:that|which|who|a|an|the|your|my|our|this|these|something|some|you|it|like|about|of|from|in"
    r"|short|funny|positive|happy|sad|strong|memorable|catchy)\b(?!'))"
    # (no closing period: whether "End with the line roses are red." ends on it is unsure, so nothing; a "?"
    # or "!" is the phrase's own)
    r"[^\n\"“”‘’:.!?]{2,80}?[?!]?)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)


def _end_phrases(prompt: str) -> Iterator[re.Match[str]]:
    """Every match of _END_PHRASE, one starting inside another too: a quoted rule shown ("The guide says
    'end with Best regards'.") may reach the quote of a later request."""
    at = 0
    while (match := _END_PHRASE.search(prompt, at)) is not None:
        yield match
        at = match.start() + 1


# A label opening its line, the phrase quoted: "Ending: 'See you there!'" (not "Ending: the movie had
# a twist."); a sentence of its own too, "=" for ":": "Your final sentence: 'That's a wrap.'", "Last
# sentence = 'Goodnight.'"
_LABELLED_END = re.compile(
    r"(?:^|(?<=\n)|(?<=[.!?]\s))[ \t]*(?:[-*•][ \t]*)?(?:(?:your|the)\s+)?"
    r"(?:ending|closing\s+(?:line|sentence|words)|(?:very\s+)?(?:last|final)\s+(?:line|sentence|words)|sign[\s-]?off"
    r"|end\s+with)\s*[:=]\s*"
    r"(?:[\"“](?P<quoted>[^\"”\n]{1,80})[\"”]|['‘](?P<single>[^'‘’\n]{1,80}?)['’])"
    r"[ \t]*\.?[ \t]*(?=\n|$|\s+[A-Z])",
    FLAGS,
)


_END_TEXT_KINDS = (
    r"story|poem|essay|response|answer|reply|paragraph|letter|text|tweet|post|speech|song|email|note|description|"
    r"review|article|blurb|caption|dialogue|scene|limerick|haiku|summary|message|bio|list|explanation|output|it|"
    r"piece|draft|toast|script|chapter|card|intro|introduction|conclusion|rap|verse|last|final|ad|newsletter|memo"
)
# Someone's habit of ending, not a request: "the villain always ends his letters with ...", "every episode
# ends with ...", "my boss signs off each email with ..." (not "make sure it always ends with ...").
_HABITUAL_END = re.compile(
    r"\b(?:always|usually|typically|often|normally|traditionally|invariably|never)\s+"
    r"(?:end|finish|conclude|close|sign)(?:s|es|ed|d)\b"
    r"|\b(?:end|finish|conclude|close|sign)(?:s|es|ed|d)\s+(?:off\s+)?(?:his|her|their|every|each|all)\b"
    r"|\b(?:end|finish|conclude|close|sign)\s+(?:off\s+)?(?:his|her|their)\b"
    r"|\b(?:every|each)\s+(?:[\w'-]+\s+){0,4}?(?:ends|finishes|concludes|closes)\b",
    FLAGS,
)
# Words that turn such a sentence back into a request about the answer.
_ASKED_OF_THE_ANSWER = re.compile(
    r"\b(?:make\s+sure|ensure|should|must|please|you|your|let|have\s+to|needs?\s+to)\b|^\s*it\b"
    # a house rule labelled: "Company policy: every customer reply ends with ..."
    r"|\b(?:policy|rules?|guidelines?|guide|playbook|handbook|brand\s+book|house\s+style|standards?)\b[^:\n.]{0,15}:",
    FLAGS,
)


# A thing that is no text the answer may be, ending some way: "The movie ends with the line ..." (not "The
# story ends with ...", which may be asked for).
_THING_ENDS = re.compile(
    r"(?:^|[.!?:;]\s+|\n)(?:the|this|that|a|an|my|our|his|her|their)\s+(?:[\w'-]+\s+){0,2}?"
    rf"(?!(?:{_END_TEXT_KINDS})\b)[\w-]+\s+(?:ends|finishes|concludes|closes|ended|finished|concluded|closed)\s*$",
    FLAGS,
)


def _habitual_ending(prompt: str, match: re.Match[str]) -> bool:
    low, _ = sentence_span(prompt, match.start(), match.start())
    if _THING_ENDS.search(prompt, low, match.start() + len(match.group(0).split()[0])):
        return True
    habit = _HABITUAL_END.search(prompt, max(low, match.start() - 60), min(match.end(), match.start() + 40))
    return habit is not None and not _ASKED_OF_THE_ANSWER.search(prompt[low : habit.end()])


# Between the verb and the quote, a new clause: the quote is no phrase to end with.
_ANOTHER_CLAUSE = re.compile(r"(?:,|\b(?:and|but|then|so|also)\b)\s*\w", FLAGS)

# "... always end with 'Kind regards' so end with exactly that": the phrase quoted just before.
_END_WITH_THAT = re.compile(
    rf"{_END_CUE}\s+(?:(?:exactly|just|precisely|the\s+very)\s+)?(?:that|the\s+same(?:\s+(?:line|phrase|words?))?)\b"
    r"(?!\s*[\"“'‘:])",
    re.IGNORECASE,
)
_QUOTE_BEFORE = re.compile(
    r"(?:[\"“](?P<quoted>[^\"”\n]{1,80})[\"”]|(?<!\w)['‘](?P<single>[^'‘’\n]{1,80})['’](?!\w))[^\"“”'‘’\n]{0,60}$"
)


# (the cheap part first: the full cue is looked for only before "with that")
_WITH_THAT = re.compile(
    r"\b(?:with|on)\s+(?:(?:exactly|just|precisely|the\s+very)\s+)?(?:that|the\s+same)\b", re.IGNORECASE
)


def _end_with_that(prompt: str) -> Iterator[RuleMatch]:
    for hit in _WITH_THAT.finditer(prompt):
        match = _END_WITH_THAT.search(prompt, max(0, hit.start() - 80), hit.end() + 20)
        if match is None:
            continue
        quote = _QUOTE_BEFORE.search(prompt, max(0, match.start() - 150), match.start())
        if quote and is_directive(prompt, match.start(), match.end()):
            phrase = (quote.group("quoted") or quote.group("single")).strip()
            yield RuleMatch("startend:end_checker", {"end_phrase": phrase}, match.start(), match.end())
            return


@rule
def end_phrase(prompt: str) -> Iterator[RuleMatch]:
    cued = mentions(prompt, "end", "last", "final", "ending", "closing", "sign")
    placed = (_PHRASE_AT_END.search(prompt) or _LABELLED_END.search(prompt)) if cued else None
    if (
        placed
        and not describes_a_thing(prompt, placed.start())
        and is_directive(prompt, placed.start(), placed.end())
    ):
        phrase = (placed.group("quoted") or placed.group("single")).strip()
        yield RuleMatch("startend:end_checker", {"end_phrase": phrase}, placed.start(), placed.end())
        return
    if mentions(prompt, "anything", "nothing", "last", "final"):
        after = next(_nothing_after(prompt), None)
        if after is not None:
            yield after
            return
    yield from _end_with_that(prompt)
    bare = _END_BARE.search(prompt) if cued and not _QUOTE_OPENS.search(prompt) else None
    if (
        bare
        and is_directive(prompt, bare.start(), bare.end())
        and not describes_a_thing(prompt, bare.start())
    ):
        yield RuleMatch(
            "startend:end_checker", {"end_phrase": bare.group("bare").strip()}, bare.start(), bare.end()
        )
        return
    for match in _end_phrases(prompt):
        if re.search(r"post\s*script|P\.\s?S", match.group("mid"), re.IGNORECASE):
            continue
        if (
            describes_a_thing(prompt, match.start())
            or _plural_ending(prompt, match)
            or _habitual_ending(prompt, match)
        ):
            continue  # "words that end with 'ing'", "words ending with 'ing'"
        if _ANOTHER_CLAUSE.search(match.group("mid")):
            continue  # "end with that, and use the word 'x'": the quote is another request's
        found = match.group("quoted") or match.group("single") or match.group("line") or match.group("bare")
        phrase = found.strip()
        stated = is_directive(prompt, match.start(), match.end())  # (a quoted rule shown hides no later one)
        if stated and re.search(r"[^\W\d_]", phrase) and len(phrase.split()) <= 20:
            yield RuleMatch("startend:end_checker", {"end_phrase": phrase}, match.start(), match.end())
            return


# ---------------------------------------------------------------- IFEval: keywords and language

# A list of words, quoted or bare: "a", "b" and "c" / a, b, or c / ['a', 'b'].
# (in double quotes an apostrophe is part of the words: "you've got this")
# (an apostrophe between letters is part of the words: "you've got this"; no alternation of whole items,
# which would slow every pattern that holds one)
_ITEM_QUOTED = r"[\"“'‘](?:[^\"“”'‘’\n]|(?<=\w)['’](?=\w)){1,40}[\"”'’]"
_QUOTED_ITEM = re.compile(r"[\"“'‘]((?:[^\"“”'‘’\n]|(?<=\w)['’](?=\w))+)[\"”'’]")
_ITEM_BARE = r"[\w-]+"
_SEPARATOR = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s*,?\s+and\s+|\s*,?\s+or\s+)"
_WORD_LIST = (
    rf"\[?(?P<list>(?:{_ITEM_QUOTED})(?:{_SEPARATOR}{_ITEM_QUOTED})*"
    rf"|{_ITEM_BARE}(?:{_SEPARATOR}{_ITEM_BARE})*)\]?"
)
_NOT_WORDS = {"and", "or", "the", "in", "your", "response", "answer", "etc"}


def _list_items(text: str) -> list[str]:
    if re.fullmatch(r"(?:#\w+|,|\band\b|\s)+", text):  # hashtags, kept whole
        return re.findall(r"#\w+", text)
    quoted = [q.strip() for q in _QUOTED_ITEM.findall(text)]
    if quoted:
        return [q for q in quoted if q]
    items = [item.strip() for item in _SEPARATOR_RE.split(text)]
    if any(" " in item for item in items):  # phrases, as _PHRASE_LIST read them
        return [item for item in items if item and item.lower() not in _NOT_WORDS]
    return [w for w in re.findall(r"[\w-]+", text) if w.lower() not in _NOT_WORDS]


_NEGATION = (
    r"(?:do\s+not|don't|doesn't|does\s+not|never|without|avoid|exclude|not\s+to|refrain\s+from|must\s+not|"
    # typed without the apostrophe too: "dont use the word 'the'"
    r"should\s+not|cannot|can't|shouldn't|not|dont|doesnt|cant|shouldnt|mustnt"
    # ("No using the word 'literally'")
    r"|no(?=\s+(?:using|saying|mentioning|including)\b)"
    # ("Under no circumstances use the word 'cheap'", "At no point should you say 'guarantee'")
    r"|(?:under\s+no\s+circumstances|at\s+no\s+point|on\s+no\s+account)(?:\s+(?:should|must|can|may)\s+you)?"
    # ("You are not allowed to use the word 'basically'")
    r"|(?:not|aren't|isn't)\s+(?:allowed|permitted)\s+to)"
)
# (in the third person too, of the answer: "Rewrite it so it never says 'delve' or 'tapestry'")
_VERB = (
    r"(?:use|uses|using|include|includes|including|mention|mentions|mentioning|say|says|saying|contain|contains|"
    r"write|writes|writing|"
    r"containing|have|has|having|feature|features|featuring)"
)
_WORDS_NOUN = (
    r"(?:(?:the\s+|these\s+|those\s+)?(?:following\s+)?(?:negative\s+)?"
    # (or a kind of words, by examples: "jargon such as 'synergy'", "buzzwords (e.g. 'disrupt', 'pivot')")
    r"(?:(?:key)?(?:words?|terms?)(?:\s+(?:such\s+as|like))?"
    r"|(?:jargon|buzzwords?|filler\s+words?|clich[eé]s?|corporate\s+speak|slang|phrases)\s*,?\s*\(?\s*"
    r"(?:such\s+as|like|e\.g\.,?|for\s+example,?|including))\s*:?\s*)"
)
_FORBIDDEN_PATTERNS = [
    re.compile(rf"\b{_NEGATION}\s+(?:\w+\s+)?{_VERB}\s+(?:any\s+of\s+)?{_WORDS_NOUN}{_WORD_LIST}", FLAGS),
    re.compile(
        # (a quoted phrase named so: "do not use the phrase 'at the end of the day'"; bare, "the phrase
        # structure I showed you" is no phrase banned)
        rf"\b{_NEGATION}\s+(?:\w+\s+)?{_VERB}\s+(?:(?:the|any)\s+(?:phrases?|expressions?|idioms?|sayings?)\s+)?"
        rf"(?P<list>{_ITEM_QUOTED}(?:{_SEPARATOR}{_ITEM_QUOTED})*)",
        FLAGS,
    ),
    re.compile(
        # ("a bio that omits 'x'", "leaves out the word 'x'")
        rf"\b(?:exclude|avoid(?:ing)?|skip|leav(?:e|es|ing)\s+out|omit(?:s|ting)?|steer(?:ing)?\s+clear\s+of"
        rf"|stay(?:ing)?\s+away\s+from|ban|eliminate)\s+"
        rf"(?:{_WORDS_NOUN}{_WORD_LIST}|(?P<quoted>{_ITEM_QUOTED}(?:{_SEPARATOR}{_ITEM_QUOTED})*))",
        FLAGS,
    ),
    # "leave 'cheap' out"
    re.compile(
        rf"\bleave\s+(?:the\s+(?:key)?words?\s+)?(?P<list>{_ITEM_QUOTED}(?:{_SEPARATOR}{_ITEM_QUOTED})*)\s+out\b",
        FLAGS,
    ),
    # Two or more bare words after "don't mention", closing the clause: "do not mention nursery and
    # storytelling in your response" (one bare word may be a topic: "don't mention the war")
    re.compile(
        rf"\b{_NEGATION}\s+(?:ever\s+)?(?:mention|say)(?:ing)?\s+(?P<list>{_ITEM_BARE}(?:{_SEPARATOR}{_ITEM_BARE})+)"
        r"(?=\s+(?:in|anywhere\s+in)\s+(?:your|the)\s+(?:entire\s+|whole\s+)?(?:answer|response|reply|text)\b|\s*[.!?;]|\s*$"
        # ("don't say interest or loan anywhere", "without saying cat or feline at all")
        r"|\s+(?:anywhere|at\s+all|in\s+(?:it|there))\b)",
        FLAGS,
    ),
    # "Keep the word 'literally' out of it", "Keep the words cheap and free out" ("out" closes a bare list)
    # (quoted, the noun may go: "Keep 'amazing' out of your answer")
    re.compile(
        rf"\bkeep\s+(?P<list>{_ITEM_QUOTED}(?:{_SEPARATOR}{_ITEM_QUOTED})*)\s+out\b",
        FLAGS,
    ),
    re.compile(
        rf"\bkeep\s+(?:the\s+)?(?:key)?words?\s+(?P<list>(?:{_ITEM_QUOTED}|{_ITEM_BARE})"
        rf"(?:{_SEPARATOR}(?:{_ITEM_QUOTED}|{_ITEM_BARE}))*)\s+out\b",
        FLAGS,
    ),
    # A want turned down, closed by where the words would go: "I don't want the words cheap or free in it"
    re.compile(
        r"\b(?:don't|dont|do\s+not|doesn't|doesnt|does\s+not|never)\s+(?:want|need)\s+(?:to\s+see\s+)?"
        rf"(?:the\s+)?(?:key)?words?\s+(?P<list>(?:{_ITEM_QUOTED}|{_ITEM_BARE})(?:{_SEPARATOR}(?:{_ITEM_QUOTED}|{_ITEM_BARE}))*)"
        r"\s+(?:anywhere\s+)?in\s+(?:it|there|them|(?:the|your|my|our)\s+[\w-]+)\b",
        FLAGS,
    ),
    # "without the words cold, snow, or ice." (a bare list only when it closes the clause)
    re.compile(
        # (and elliptical: "using the word 'green' ... but never the word 'tree'")
        rf"\b(?:without|no|(?:but|and)\s+(?:never|not))\s+(?:any\s+of\s+)?(?:the\s+)?(?:(?:key)?words?|{_WORDS_NOUN})\s*:?\s*"
        rf"(?:(?P<list>{_ITEM_QUOTED}(?:{_SEPARATOR}{_ITEM_QUOTED})*)|(?P<bare>{_ITEM_BARE}(?:{_SEPARATOR}{_ITEM_BARE})*)"
        r"(?=\s*(?:[.!?;)]|$)))",
        FLAGS,
    ),
    re.compile(
        rf"\b(?:the\s+)?(?:key)?words?\s+{_WORD_LIST}\s+(?:should|must|can|may|does|do)\s*(?:not|n't)\s+"
        rf"(?:appear|be\s+(?:used|in|included|mentioned))",
        FLAGS,
    ),
    # "Make sure 'very' and 'really' never show up", "'um' must not appear"
    re.compile(
        rf"(?P<list>{_ITEM_QUOTED}(?:{_SEPARATOR}{_ITEM_QUOTED})*)\s+(?:never|don't|doesn't|do\s+not|does\s+not|"
        r"must\s+not|mustn't|should\s+not|shouldn't|won't|will\s+not|may\s+not|can't|cannot)\s+(?:ever\s+)?"
        r"(?:shows?\s+up|appears?|be\s+used|gets?\s+used|comes?\s+up|occurs?)\b",
        FLAGS,
    ),
    # Quoted words after "no", closed by where they would go: "No 'um' or 'like' in the dialogue", "no
    # 'very' anywhere", "no 'basically', please"
    re.compile(
        rf"\bno\s+(?P<list>{_ITEM_QUOTED}(?:{_SEPARATOR}{_ITEM_QUOTED})*)"
        r"(?=\s*(?:,\s*)?(?:in\s+(?:it|there|(?:the|your)\s+[\w-]+)|anywhere|at\s+all|please|pls|allowed|[.!;\n]|$)"
        r"|\s+[-*•]\s)",
        FLAGS,
    ),
    # A label opening its line: "Avoid: 'cheap', 'easy'", "Don't use: 'very'" (the list closes the line)
    re.compile(
        r"(?:^|(?<=\n))[ \t]*(?:[-*•][ \t]*)?"
        r"(?:avoid|don't\s+use|do\s+not\s+use|never\s+use|banned|forbidden|off[\s-]limits"
        # ("Do-not-use list:", "Blocklist:")
        r"|(?:do[\s-]not[\s-]use|don't[\s-]use|never[\s-]use|banned|avoid)\s+list|block[\s-]?list|black[\s-]?list"
        # (quoted only: "Avoid: sugar" may be the diet's, not the words')
        rf"|not\s+allowed|no[\s-]go\s+words)\s*:\s*(?P<list>{_ITEM_QUOTED}(?:{_SEPARATOR}{_ITEM_QUOTED})*)"
        r"[ \t]*\.?[ \t]*(?=\n|$)",
        FLAGS,
    ),
    # The quoted words as the subject: "'passionate' is banned", "'very' and 'really' are off-limits"
    re.compile(
        rf"(?P<list>{_ITEM_QUOTED}(?:{_SEPARATOR}{_ITEM_QUOTED})*)\s+(?:is|are)\s+(?:banned|forbidden|prohibited|"
        # ("Make sure 'cheap' is nowhere in it")
        r"off[\s-]limits|not\s+allowed|taboo|(?:a\s+)?no[\s-]go|nowhere\s+(?:in|to\s+be))\b",
        FLAGS,
    ),
    # A want turned down, quoted, closed by where: "I don't want to see 'passionate' anywhere"
    re.compile(
        r"\b(?:don't|dont|do\s+not|never)\s+want\s+(?:to\s+(?:see|hear|read)\s+)?"
        rf"(?P<list>{_ITEM_QUOTED}(?:{_SEPARATOR}{_ITEM_QUOTED})*)\s+"
        # (in the answer, not "in my playlist")
        r"(?:anywhere|at\s+all|in\s+(?:it|there|(?:the|your)\s+[\w-]+))\b",
        FLAGS,
    ),
    # One quoted word after "without", closing the clause: "Write it without 'very'." (a quoted phrase may be
    # an idiom: "plan a trip without 'breaking the bank'")
    re.compile(
        r"\bwithout\s+(?:any\s+)?(?P<list>[\"“'‘][\w-]+[\"”'’](?:\s*(?:,\s*|\s+or\s+|,\s*or\s+)[\"“'‘][\w-]+[\"”'’])*)"
        r"(?=\s*(?:[.!?;,]|$|anywhere|at\s+all|in\s+(?:it|there|(?:the|your)\s+[\w-]+)))",
        FLAGS,
    ),
    # Words to take out of a text, as a revision asks: "drop the word 'very'", "Get rid of the word
    # 'basically'", "Take out 'actually' this time", "remove the word 'unfortunately'" (not "drop 'magic' in
    # there somewhere": a word to put in)
    re.compile(
        # (not "name-drop 'Taylor Swift'")
        r"(?<![\w-])(?<!name\s)(?:drop|remove|delete|cut|get\s+rid\s+of|take\s+out|strip\s+out|lose)\s+(?:all\s+)?"
        r"(?:the\s+(?:key)?words?\s+)?"
        rf"(?P<list>{_ITEM_QUOTED}(?:{_SEPARATOR}{_ITEM_QUOTED})*)(?!\s+(?:in\s+there|into|in\s+it|somewhere)\b)"
        # (not advice on one's speech, told by someone: "Drop the word 'very' from your vocabulary, my
        # teacher said")
        r"(?!\s+from\s+(?:your|my|his|her|their|our)\s+(?:vocabulary|speech|life|habits?|writing)\b)"
        r"(?![^.!?\n]*,\s*(?:my|his|her|their|our)\s+[\w-]+\s+(?:said|says|told))",
        FLAGS,
    ),
    # "Zero mentions of 'price'", "no mention of 'refunds'"
    re.compile(
        rf"\b(?:zero|no)\s+mentions?\s+of\s+(?P<list>{_ITEM_QUOTED}(?:{_SEPARATOR}{_ITEM_QUOTED})*)", FLAGS
    ),
    # "The word 'awesome' is banned"
    re.compile(
        rf"\b(?:the\s+)?(?:key)?words?\s+{_WORD_LIST}\s+(?:is|are)\s+(?:banned|forbidden|prohibited|off[\s-]limits|"
        r"not\s+allowed|taboo|(?:a\s+)?no[\s-]go|out\b)",
        FLAGS,
    ),
]


# One bare word not to be said, closed by where: "dont say cheap anywhere", "never say 'sorry' at all" (a
# thing said is a word; not "don't say anything anywhere", nor "don't mention price anywhere": a topic)
_SAY_ONE_WORD = re.compile(
    rf"\b{_NEGATION}\s+(?:ever\s+)?say(?:ing)?\s+"
    r"(?P<list>(?!(?:anything|something|nothing|much|it|that|this|so|too|a|an|the|you|me)\b)[\w-]+)"
    r"(?=\s+(?:anywhere|at\s+all|even\s+once|ever|in\s+(?:it|there|the\s+(?:post|ad|email|reply|text|answer)))\b)",
    FLAGS,
)
# "no mention of the word diet please", "No use of the words cheap or free." (bare, the list closes it)
_NO_MENTION_OF = re.compile(
    # (not an account: "There was no mention of the word diet in the brochure")
    r"(?<!was\s)(?<!is\s)(?<!were\s)(?<!are\s)(?<!had\s)(?<!has\s)(?<!made\s)(?<!found\s)"
    r"\bno\s+(?:mention(?:s|ing)?|use|using|usage)\s+of\s+(?:the\s+)?(?:key)?words?\s+"
    rf"(?P<list>{_ITEM_QUOTED}(?:{_SEPARATOR}{_ITEM_QUOTED})*|{_ITEM_BARE}(?:{_SEPARATOR}{_ITEM_BARE})*)"
    r"(?=\s*(?:[.!?;,]|$|please|pls|plz|anywhere|at\s+all|in\s+(?:it|there|the\s+[\w-]+)))",
    FLAGS,
)
# "Do not say the following: cheap, discount.", "Must not include: hack." (a negated verb and a colon, the
# list closing the sentence)
_NEGATED_VERB_COLON = re.compile(
    rf"\b{_NEGATION}\s+(?:\w+\s+)?{_VERB}(?:\s+(?:any\s+of\s+)?the\s+following)?\s*:\s*"
    rf"(?P<list>{_ITEM_QUOTED}(?:{_SEPARATOR}{_ITEM_QUOTED})*|{_ITEM_BARE}(?:{_SEPARATOR}{_ITEM_BARE})*)"
    r"(?=\s*(?:[.!?;\n]|$))",
    FLAGS,
)
_NEGATED_VERB_BEFORE_COLON = re.compile(
    # (not what someone else does: "We do not use: Slack, Teams."; nor its "not" alone after "do")
    r"(?<!\bwe\s)(?<!\bi\s)(?<!\bthey\s)(?<!\bhe\s)(?<!\bshe\s)(?<!\bpeople\s)(?<!\bdo\s)(?<!\bdoes\s)"
    rf"\b{_NEGATION}\s+(?:\w+\s+)?{_VERB}(?:\s+(?:any\s+of\s+)?the\s+following)?\s*$",
    FLAGS,
)
_NO_MENTION_CUE = re.compile(r"\bno\s+(?:mention|us)", FLAGS)


def _gated_bans(prompt: str, low: int, high: int) -> Iterator[re.Match[str]]:
    """The bans of the patterns above, each searched only where its cue is (a long prompt rarely has one)."""
    if mentions(prompt, "say"):
        yield from _SAY_ONE_WORD.finditer(prompt, low, high)
    if _NO_MENTION_CUE.search(prompt, low, high):
        yield from _NO_MENTION_OF.finditer(prompt, low, high)
    colon = prompt.find(":", low, high)
    while colon != -1:  # (the negated verb looked for just before each colon, then the list after it)
        verb = _NEGATED_VERB_BEFORE_COLON.search(prompt, max(low, colon - 50), colon)
        found = _NEGATED_VERB_COLON.match(prompt, verb.start(), high) if verb else None
        if found:
            yield found
        colon = prompt.find(":", colon + 1, high)


# A label before the list: "Banned words: synergy, disrupt", "Words to avoid: 'very', 'really'".
# Found from "words" on (a literal start keeps the scan fast), the adjective checked before it.
_LABELLED_LIST = re.compile(
    r"words?(?P<after>\s+(?:to\s+avoid|(?:you\s+)?(?:must|should|can)\s*(?:not|n't)\s+use|not\s+to\s+use))?"
    rf"\s*:\s*{_WORD_LIST}",
    FLAGS,
)
_BANNED_BEFORE = re.compile(
    r"\b(?:banned|forbidden|prohibited|off[\s-]limits|taboo|disallowed)\s+(?:key)?$", FLAGS
)


# "without mentioning AWS, Azure or Google": capitalised names listed up to the sentence's end,
# found from the verb on, the negation checked before it.
_NAMES_LIST = re.compile(
    r"(?:mention|nam|say)\w*\s+"
    r"(?P<list>(?-i:[A-Z][\w-]*)(?:\s*,\s*(?-i:[A-Z][\w-]*))*\s*,?\s+(?:or|and|nor)\s+(?-i:[A-Z][\w-]*))"
    r"(?=\s*(?:[.!?;]|$))",
    FLAGS,
)
_NEGATED_BEFORE = re.compile(r"\b(?:without|never|avoid|do\s+not|don't|dont)\s+(?:ever\s+)?$", FLAGS)


def _named_lists(prompt: str, low: int, high: int) -> Iterator[re.Match[str]]:
    for match in _NAMES_LIST.finditer(prompt, low, high):
        if _NEGATED_BEFORE.search(prompt, max(0, match.start() - 20), match.start()):
            yield match


def _labelled_lists(prompt: str, low: int, high: int) -> Iterator[re.Match[str]]:
    for match in _LABELLED_LIST.finditer(prompt, low, high):
        if match.group("after") or _BANNED_BEFORE.search(prompt, max(0, match.start() - 20), match.start()):
            yield match


# Texts the answer may be (their rules are the answer's).
_TEXT_KINDS_HERE = (
    r"story|poem|essay|text|paragraph|letter|tweet|post|speech|song|email|note|description|review|article|blurb"
    r"|caption|dialogue|scene|limerick|haiku|summary|message|bio|list|explanation|intro|introduction|piece|draft|ad"
    r"|copy|title|headline|slogan|toast|script|cover\s+letter|version|rewrite|translation|words?"
)
_THIRD_PERSON = re.compile(
    r"\b(?:people|they|he|she|someone|somebody|nobody|everyone|characters?|who)\s+(?:\w+\s+)?$", FLAGS
)
# Someone or something named, not a text, as the subject of the ban: "In the story, the robot can't say the
# word 'love'" (not "The answer can't use ...", not "Describe the ocean without ...").
_NAMED_SUBJECT = re.compile(
    r"\b(?:the|a|an|his|her|their|our|my)\s+(?!(?:answer|response|reply|output|assistant|ai|model|bot|chatbot"
    rf"|{_TEXT_KINDS_HERE})\b)[\w-]+\s+$",
    FLAGS,
)
_SUBJECTS_NEGATION = re.compile(
    r"(?:can't|cannot|can\s+not|never|won't|will\s+not|doesn't|does\s+not|isn't|is\s+not|mustn't|must\s+not)\b"
    # (not a wish for the text: "My mom doesn't want the word 'cheap' in the speech")
    r"(?!\s+(?:\w+\s+)?(?:want|like|allow|permit|need|wish)s?\b)",
    FLAGS,
)


# "<a place> where ...": a setting, unless the place is the text asked for ("a story where ...").
_SETTING = re.compile(
    r"\b(?!(?:story|poem|essay|response|answer|reply|paragraph|letter|text|tweet|post|speech|song|email|note|"
    r"description|review|article|blurb|caption|dialogue|scene|limerick|haiku)\b)\w+\s+(?:where|in\s+which)\s+"
    r"[^.!?\n]*$",
    FLAGS,
)


# A count after the banned words makes it a limit: "... more than once", "... over 3 times".
_LIMITED_AFTER = re.compile(
    rf"\s*(?:(?:in\s+(?:your|the)\s+\w+\s+)?(?:more\s+than|over|at\s+most|no\s+more\s+than|beyond)\s+(?:{NUMBER}|once|twice)"
    r"|\s+(?:once|twice|\d+\s+times))\b",
    FLAGS,
)
# Not leaving a word out is putting it in: "Don't leave out the word 'eco-friendly'".
_KEEP_IN_BEFORE = re.compile(
    r"\b(?:don't|dont|do\s+not|never)\s+(?:leave\s+out|skip|omit|forget|exclude)\b", FLAGS
)


_WHY_BEFORE = re.compile(r"\b(?:why|whether|how\s+come)\b[^.!?,;\n]*$", FLAGS)


# A bare list ends at a comma where a new clause opens, its subject a pronoun or someone's: "dont use the
# words death or died, his wife asked", "avoid the words cheap and discount, our brand team hates them",
# "..., Earl's wife asked" ("I, me, my or mine" stays a list: the pronoun there closes it or goes on
# with "or").
_CLAUSE_SUBJECT = re.compile(
    r",\s*(?:his|her|my|our|their|your|its|they|it|we|he|she|i|you|this|that|since|because|as|so|but|which|who)\s*$",
    FLAGS,
)
_LAST_AFTER_COMMA = re.compile(r",\s*[\w-]+\s*$")
_CLAUSE_GOES_ON_AFTER = re.compile(r"[ \t]+(?!(?:and|or)\b)[\w'’-]+", FLAGS)
_SOMEONES_AFTER = re.compile(r"['’]s\s+[\w-]+", FLAGS)


def _clause_after_the_list(prompt: str, listed: str, end: int, words: list[str]) -> list[str]:
    """The bare words banned, less a last one that opens the next clause."""
    if not words:
        return words
    if _CLAUSE_SUBJECT.search(listed) and _CLAUSE_GOES_ON_AFTER.match(prompt, end):
        return words[:-1]
    if _LAST_AFTER_COMMA.search(listed) and _SOMEONES_AFTER.match(prompt, end):
        return words[:-1]
    return words


@rule
def forbidden_words(prompt: str) -> Iterator[RuleMatch]:
    """Every ban the request states, as one list: "Rules: - no 'synergy' - no 'leverage'" bans both."""
    first = next(_forbidden_lists(prompt, 0, len(prompt)), None)
    if first is None:
        return
    # More bans are looked for around the first (a list of rules, the next sentence), up to a line's end:
    # a pattern's "$" would match where the search stops.
    end = prompt.find("\n", first.end + _NEARBY)
    found = list(_forbidden_lists(prompt, max(0, first.start - _NEARBY), len(prompt) if end < 0 else end))
    if found:
        words = list(dict.fromkeys(w for m in found for w in m.kwargs["forbidden_words"]))
        first = found[0]
        yield RuleMatch(first.id, {"forbidden_words": words}, first.start, first.end)


# Someone's advice told in the same sentence: "A recruiter told me ... not to use the word 'passionate'".
_TOLD_BEFORE = re.compile(
    r"\b(?:told|asked|advised|warned|reminded|instructed|taught|recommended|suggested)\s+(?:me|us|him|her|them|you)\b"
    r"[^.!?\n]*$",
    FLAGS,
)


# A ban somewhere else: "The word 'delve' is banned at my company", "'moist' is banned in our house".
_BANNED_ELSEWHERE = re.compile(
    r"\s+(?:at|in|on|by|from|around)\s+(?:(?:my|our|his|her|their)\s+(?!(?:answer|response|reply|text)\b)[\w-]+"
    r"|work|school|home|the\s+(?:office|company|school|house|workplace))\b",
    FLAGS,
)


# An indirect question about using or avoiding words: "Tell me how to include the word 'force majeure'",
# "Explain how to avoid the word 'very' in essays".
_HOW_TO_USE_BEFORE = re.compile(
    r"\b(?:how|when|whether|why|where)\s+(?:(?:do|does|can|should|could|would)\s+)?(?:to|you|i|one|people|we)\s+"
    r"(?:\w+\s+)?$",
    FLAGS,
)


# Another thing as the subject of a verb of having, after a condition: "rows where name contains 'smith'",
# "a movie whose title contains 'love'", "a story in which the hero uses the word 'x'".
_CONDITION_BEFORE = re.compile(
    r"\b(?:where|whose|if|when|whether|unless|which)\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?[\w.-]+\s+$",
    FLAGS,
)


def _how_to(prompt: str, start: int) -> bool:
    return _HOW_TO_USE_BEFORE.search(prompt, max(0, start - 40), start) is not None


def _told_by_someone(prompt: str, start: int) -> bool:
    # (looked for in the 150 characters before: the pattern stops at the sentence's start)
    return _TOLD_BEFORE.search(prompt, max(0, start - 150), start) is not None


_NEARBY = 400
# "not allowed to" bans the answer's words only when said of the assistant or its text
_NOT_ALLOWED = re.compile(r"(?:not|aren't|isn't)\s+(?:allowed|permitted)\b", FLAGS)
_ALLOWED_WHOM = re.compile(
    r"(?:\b(?:you|it|your\s+[\w-]+|the\s+(?:answer|response|reply|text))\s+(?:are\s+|is\s+)?|\byou're\s+|\bit's\s+"
    r"|(?:^|[.!?:;\n]|[-*•])\s*)$",
    FLAGS,
)
# (nor a pronoun: "ban words like that?")
_HOW_OFTEN = frozenset(
    {
        "once",
        "twice",
        "thrice",
        "again",
        "more",
        "repeated",
        "repeating",
        "that",
        "this",
        "these",
        "those",
        "it",
        "them",
    }
)


def _forbidden_lists(prompt: str, low: int, high: int) -> Iterator[RuleMatch]:
    """The bans stated in prompt[low:high], each pattern's in turn."""
    taken: list[range] = []
    lists = (
        *(p.finditer(prompt, low, high) for p in _FORBIDDEN_PATTERNS),
        _labelled_lists(prompt, low, high),
        _named_lists(prompt, low, high),
        _gated_bans(prompt, low, high),
    )
    for matches in lists:
        for match in matches:
            if _LIMITED_AFTER.match(prompt, match.end()):
                continue  # "Don't use the word 'just' more than once" limits it (keywords:frequency)
            if re.search(r"\bletters?\s+$", prompt[max(0, match.start() - 10) : match.start()], FLAGS):
                continue  # "the letter 'e' never appears" bans a letter (letter_frequency)
            if _THIRD_PERSON.search(prompt, max(0, match.start() - 30), match.start()):
                continue  # "a culture where people never say the word 'no'" describes them
            if _SUBJECTS_NEGATION.match(match.group(0)) and _NAMED_SUBJECT.search(
                prompt, max(0, match.start() - 30), match.start()
            ):
                continue  # "the robot can't say the word 'love'": the robot's rule
            if _NOT_ALLOWED.match(match.group(0)) and not _ALLOWED_WHOM.search(
                prompt, max(0, match.start() - 30), match.start()
            ):
                continue  # "Players are not allowed to use the word 'pass'": their rule, not the answer's
            if _SETTING.search(prompt, max(0, match.start() - 40), match.start()):
                continue  # "a town where the word 'rain' is banned": the town's rule, not the answer's
            if _KEEP_IN_BEFORE.search(prompt, max(0, match.start() - 12), match.start() + 12):
                continue  # "don't leave out the word ..." asks for it
            subject = re.match(r"[\"“'‘]|(?:the\s+)?(?:key)?words?\b", match.group(0), FLAGS)
            if subject and _WHY_BEFORE.search(prompt, max(0, match.start() - 40), match.start()):
                continue  # "Explain why 'ain't' is banned in formal writing": a question about it
            found = match.groupdict()
            listed = found.get("list") or found.get("bare") or found.get("quoted") or ""
            words = _list_items(listed)
            if not _QUOTED_ITEM.search(listed):  # "no word twice" limits repeats: "twice" is no word banned
                words = [w for w in words if w.lower() not in _HOW_OFTEN]
                words = _clause_after_the_list(prompt, listed, match.end(), words)
            if not words or re.match(r"(?:any\s+)?(?:commas?|capital|letters?)\b", listed, FLAGS):
                continue
            if any(match.start() in span or match.end() - 1 in span for span in taken):
                continue  # the same words read by another pattern
            if _told_by_someone(prompt, match.start()) or _BANNED_ELSEWHERE.match(prompt, match.end()):
                continue
            if _how_to(prompt, match.start()):
                continue
            if is_directive(prompt, match.start(), match.end()):  # (a quoted rule shown hides no later one)
                taken.append(range(match.start(), match.end()))
                yield RuleMatch(
                    "keywords:forbidden_words", {"forbidden_words": words}, match.start(), match.end()
                )


_INCLUDE = (
    r"\b(?:include|including|includes|contain|containing|contains|use|using|uses|used|mention|mentions|with|has|have"
    r"|features?|featuring|incorporates?|incorporating)\s+"
)
# Verbs of putting words in: "include", "work in", "throw in", "weave in", "incorporate", "feature".
_PUT_IN = (
    r"(?:include|including|includes|contain|containing|contains|mention|mentions|mentioning|has|have|use|uses|using"
    r"|needs?|requires?|name[\s-]?drop(?:s|ping)?|referenc(?:e|es|ing)"
    r"|feature|features|featuring|incorporate|incorporating|add|adding"
    r"|(?:throw|work|slip|sneak|weave|drop|squeeze|fit|put|sprinkle)(?:s|ing)?\s+in)"
)
_PHRASE_ITEM = r"[\w-]+(?:\s+[\w-]+){0,2}?"
# "... and the phrase 'x'": a listed item named again; "(it's 100% merino)": an aside after an item.
_ITEM_NAMED = r"(?:the\s+(?:key)?(?:word|line|phrase|name|term|expression)s?\s+)"
_ASIDE = r"(?:\s*\([^()\n]{0,60}\))"
# A label opening its sentence: "Keywords: cloud, data, security." (not "Banned keywords: ...")
_KEYWORDS_LABEL = re.compile(
    r"(?:^|[\n.!?;(]\s*)(?:the\s+)?(?:key\s*words|keywords|key\s+phrases"
    r"|(?:key\s*)?(?:words|terms|phrases)\s+to\s+(?:use|include|hit|mention|cover|work\s+in)"
    r"|(?:required|must[\s-]use|must[\s-]have|mandatory|target|seo)\s+(?:key\s*)?(?:words?|terms?|phrases?)|words\s+required"
    # ("Must include: strong, community")
    r"|must[\s-](?:include|mention|use|contain)|(?:please\s+)?(?:include|mention)(?=\s*:))\s*(?:are|to\s+(?:use|include))?"
    # (an aside before the colon: "Keywords (include all): cloud, security")
    # (not one that bans them: "Keywords (banned): hack")
    r"(?:\s*\((?![^()\n]*\b(?:banned|ban|avoid|forbidden|not|no|don't|exclude|never|blocked)\b)[^()\n:]{0,30}\))?\s*:\s*"
    # (bare items of a few words each, the list closing the sentence: "SEO keywords: dentist, teeth
    # whitening.")
    rf"(?P<list>{_ITEM_QUOTED}(?:{_SEPARATOR}{_ITEM_QUOTED})*|{_PHRASE_ITEM}(?:{_SEPARATOR}{_PHRASE_ITEM})*)"
    r"(?=\s*(?:[.!?;\n]|$))",
    FLAGS,
)
# Words to say, after a modal or "to" ("make sure to say 'you've got this'", "It has to say 'Est. 1987'
# somewhere"), or named as words ("Reference the term 'net zero'"); not a phrase to translate ("say
# 'thank you' in Japanese"). Found from the verb, what is before it checked after.
_SAY_WORDS = re.compile(
    r"\b(?:say|reference|cite)\s+(?P<named>the\s+(?:key)?(?:words?|terms?|phrases?|expressions?)\s+)?"
    rf"(?P<list>{_ITEM_QUOTED}(?:{_SEPARATOR}{_ITEM_QUOTED})*)"
    r"(?!\s+(?:in|into)\s+(?-i:[A-Z]))",
    FLAGS,
)
_SAY_ASKED_BEFORE = re.compile(
    r"(?:\b(?:sure|remember|forget)\s+to|\bplease|\balso|\bin\s+(?:it|there)|\b(?:has|needs)\s+to|\bmust|\bshould)\s+$",
    FLAGS,
)


def _said_words(prompt: str) -> Iterator[re.Match[str]]:
    for match in _SAY_WORDS.finditer(prompt):
        if match.group("named") or (
            match.group(0)[:3].lower() == "say"
            and _SAY_ASKED_BEFORE.search(prompt, max(0, match.start() - 30), match.start())
        ):
            yield match


# One bare word named as a word, closing its clause: "Use the word passionate." (not "use the word
# wisely", an adverb), or closed by where it goes: "make sure you use the word grateful in it". Found from
# "word", the verb before it checked in a lookbehind there.
_ONE_WORD_NAMED = re.compile(
    r"\bword(?<=\bthe\sword)(?<!keyword)"
    # (having it, only asked: "make sure it has the word guarantee"; not "My essay has the word however.")
    r"(?:(?<=\buse\sthe\sword)|(?<=\binclude\sthe\sword)|(?<=\bmention\sthe\sword)|(?<=\badd\sthe\sword)"
    r"|(?<=\bit\shas\sthe\sword)|(?<=\bthat\shas\sthe\sword)|(?<=\bit\scontains\sthe\sword)"
    r"|(?<=\bto\shave\sthe\sword)|(?<=\bmust\shave\sthe\sword)|(?<=\bshould\shave\sthe\sword)"
    r"|(?<=\bmust\scontain\sthe\sword)|(?<=\bshould\scontain\sthe\sword)|(?<=\bto\scontain\sthe\sword))"
    r"\s+(?P<list>(?![\w-]+ly\b)[\w-]+)"
    r"(?=\s*(?:[.!;,]|$)|\s+(?:in\s+(?:it|there|(?:the|your)\s+[\w-]+)|somewhere)\b)",
    FLAGS,
)
_NEGATED_VERB_BEFORE = re.compile(rf"{_NEGATION}\s+(?:\w+\s+)?\w+\s+the\s+$", FLAGS)
_EXISTENCE = [
    re.compile(
        # (an adverb before the colon is how, not a word: "use these keywords naturally: organic, local")
        rf"{_INCLUDE}(?:these\s+|the\s+)?(?:following\s+)?(?:keywords?|words|items)\b(?:\s+[a-z]+ly(?=\s*:))?"
        rf"\s*:?\s*{_WORD_LIST}",
        FLAGS,
    ),
    # Quoted only: 'include the word "cat"', 'mention "Argentinian"', 'include the line "dammit"'; each
    # item may be named again, after an aside: "mentions the word 'merino' (it's 100% merino) and the
    # phrase 'hand-dyed'".
    re.compile(
        rf"\b{_PUT_IN}\s+(?:both\s+)?"
        rf"(?:the\s+(?:word|keyword|line|phrase|name|term|expression)s?\s+)?"
        rf"(?P<list>{_ITEM_QUOTED}(?:{_ASIDE}?{_SEPARATOR}{_ITEM_NAMED}?{_ITEM_QUOTED})*)",
        FLAGS,
    ),
    # "Don't leave out the word 'eco-friendly'", "I want the word 'cozy' in the description"
    re.compile(
        r"\b(?:(?:don't|dont|do\s+not|never)\s+(?:leave\s+out|skip|omit|forget)|want)\s+"
        r"(?:the\s+(?:key)?(?:words?|phrases?|terms?)\s+)"
        rf"(?P<list>{_ITEM_QUOTED}(?:{_SEPARATOR}{_ITEM_QUOTED})*)",
        FLAGS,
    ),
    # A want of words, bare or quoted, closed by where they go: "Our board wants the words compassion,
    # community, and rescue in it", "Make sure the words moon and tide are in it" (the close keeps
    # "I want the words to flow" out).
    re.compile(
        r"\b(?:wants?|needs?|like|make\s+sure|ensure)\s+(?:that\s+)?the\s+(?:key\s*)?(?:words?|terms?)\s+"
        rf"(?P<list>(?:{_ITEM_QUOTED}|{_ITEM_BARE})(?:{_SEPARATOR}(?:{_ITEM_QUOTED}|{_ITEM_BARE}))*)\s+"
        r"(?:(?:are|is|appear|show\s+up|(?:should|must|to)\s+(?:be|appear))\s+)?"
        r"(?:in\s+(?:it|there|them|(?:the|your|my|our)\s+[\w-]+)|somewhere)\b",
        FLAGS,
    ),
    # The words named after a colon, required to appear: "Make sure the following words appear: sunrise,
    # coffee, dog.", "These words must show up: 'x', 'y'" (the list closes the sentence)
    re.compile(
        r"\b(?:the\s+following|these)\s+(?:key\s*)?(?:words?|terms?)\s+(?:(?:should|must|need\s+to|have\s+to)\s+)?"
        r"(?:all\s+)?(?:appear|show\s+up|be\s+(?:in\s+(?:it|there)|included|used|mentioned)|are\s+(?:included|used|in\s+it))"
        r"(?:\s+(?:in\s+(?:it|there|the\s+[\w-]+|your\s+[\w-]+)|somewhere))?\s*:\s*"
        rf"(?P<list>{_ITEM_QUOTED}(?:{_SEPARATOR}{_ITEM_QUOTED})*|{_ITEM_BARE}(?:{_SEPARATOR}{_ITEM_BARE})*)"
        r"(?=\s*(?:[.!?;\n]|$))",
        FLAGS,
    ),
    # The words as the subject, required: "The words ember and ash have to be in there"
    re.compile(
        rf"\b(?:the\s+)?(?:key\s*)?(?:words?|terms?)\s+(?P<list>(?:{_ITEM_QUOTED}|{_ITEM_BARE})(?:{_SEPARATOR}(?:{_ITEM_QUOTED}|{_ITEM_BARE}))*)"
        r"\s+(?:have\s+to|has\s+to|must|should|need\s+to|needs\s+to)\s+"
        r"(?:be\s+(?:in\s+(?:there|it|the\s+[\w-]+)|included|used|mentioned)|appear|show\s+up)\b",
        FLAGS,
    ),
    _ONE_WORD_NAMED,
    # The words had "in it": "a bio with 'passionate' in it", "with the words 'x' and 'y' somewhere"
    re.compile(
        rf"\bwith\s+(?:the\s+(?:key)?words?\s+)?(?P<list>{_ITEM_QUOTED}(?:{_SEPARATOR}{_ITEM_QUOTED})*)\s+"
        r"(?:in\s+(?:it|there|them)|somewhere|included)\b",
        FLAGS,
    ),
    # Bare words named as words, put where they go: "put the words free and fast in the post"
    re.compile(
        r"\b(?:put|work|weave|fit|slip|sneak|get|drop|throw)\s+the\s+(?:key)?words?\s+"
        rf"(?P<list>{_ITEM_BARE}(?:{_SEPARATOR}{_ITEM_BARE})*)\s+(?:in|into)\s+(?:it|there|(?:the|your|my|our)\s+[\w-]+)\b",
        FLAGS,
    ),
    # "Work the words 'velvet' and 'thunder' into the poem", "Drop the word 'magic' in there somewhere"
    re.compile(
        r"\b(?:work|weave|fit|slip|sneak|put|get|bring|drop)\s+(?:the\s+(?:key)?(?:words?|phrases?|terms?)\s+)?"
        rf"(?P<list>{_ITEM_QUOTED}(?:{_SEPARATOR}{_ITEM_QUOTED})*)\s+(?:in\s+(?:there|it)\s+|in\s+)?(?:into|somewhere)\b",
        FLAGS,
    ),
    # Words to say, after a modal or "to" ("make sure to say 'you've got this'", "It has to say 'Est. 1987'
    # somewhere"), or named as words ("Reference the term 'net zero'"); not a phrase to translate ("say
    # 'thank you' in Japanese")
    _KEYWORDS_LABEL,
    # A hashtag is its own quotes: "include the hashtag #EarthDay", "add #tbt and #summer".
    re.compile(
        r"\b(?:include|including|includes|contain|containing|contains|use|using|add|adding|end\s+with|with)\s+"
        r"(?:the\s+|a\s+)?(?:hashtags?\s+)?(?P<list>#\w+(?:\s*(?:,\s*(?:and\s+)?|,?\s+and\s+)#\w+)*)",
        FLAGS,
    ),
    # Bare words listed after "mentions", reaching the end of the sentence: "a tent description that
    # mentions waterproof, lightweight and spacious" (not "mentions the causes, effects and ...").
    re.compile(
        rf"mention(?:s|ing)?\s+(?P<list>{_ITEM_BARE}(?:\s*,\s*{_ITEM_BARE})+\s*,?\s+and\s+{_ITEM_BARE})"
        r"(?=\s*(?:[.!?]|$))",
        FLAGS,
    ),
]
# Bare words said somewhere in it: "mention handmade and ceramics somewhere", "say 'cozy' somewhere in
# there", "drop sustainable in there somewhere" ("somewhere" makes them words, not the topic)
_SAID_SOMEWHERE = re.compile(
    # (not a pronoun, not what was said before: "Did you mention Paris somewhere earlier?")
    r"(?<!did\syou\s)(?<!have\syou\s)\b(?:mention|mentions|mentioning|say|says|saying|drop|name[\s-]?drop|sneak"
    r"|slip|work)\s+(?:in\s+)?(?!(?:it|them|this|that|him|her|something|anything|one)\b)"
    rf"(?P<list>{_ITEM_BARE}(?:{_SEPARATOR}{_ITEM_BARE}){{0,4}})\s+(?:in\s+(?:there|it|the\s+[\w-]+)\s+)?somewhere\b"
    r"(?!\s+(?:earlier|before|already|else)\b)",
    FLAGS,
)


# Bare keywords of a few words each, when the list closes with where they go: "the keywords python
# and data pipelines in it". Without that close, a bare list is read one word an item.
_PHRASE_LIST = re.compile(
    rf"{_INCLUDE}(?:these\s+|the\s+)?(?:following\s+)?(?:keywords?|key\s+phrases|terms)\b\s*:?\s*"
    rf"(?P<list>{_PHRASE_ITEM}(?:{_SEPARATOR}{_PHRASE_ITEM})*)"
    r"(?=\s+(?:in\s+(?:it|there|them|(?:the|your)\s+[\w-]+)|somewhere)\b)",
    FLAGS,
)
_SEPARATOR_RE = re.compile(_SEPARATOR, FLAGS)
_ASIDE_RE = re.compile(_ASIDE, FLAGS)
# A count after the words makes it keywords:frequency; "in the 6-th sentence" an IFBench position.
_COUNTED = re.compile(
    # ("... 'together' to appear at least 5 times")
    r"(?:\s+(?:to\s+)?(?:appears?|appearing|be\s+used|used|shows?\s+up|showing\s+up|occurs?|occurring|repeated"
    r"|mentioned))?"
    # (where it goes, between: "I need 'eco' in it at least twice")
    r"(?:\s+(?:in|within)\s+(?:it|there|(?:the|your|this)\s+[\w-]+))?"
    # (not the number of the next item of a list: "1) include 'API' 2) avoid 'simply'", "...'flexible'\n3. no
    # commas")
    rf"\s*(?:for\s+)?(?!\d+[.)]\s)(?:{QUANTITY}|only\s+{NUMBER})(?:\s+times?)?\b|\s+in\s+the\s+\d",
    FLAGS,
)
# Words that start a description of the words, not a list of them ("use words whose lengths are prime").
_FUNCTION_WORDS = {
    "with", "that", "which", "of", "in", "to", "for", "from", "all", "a", "an", "some", "whose", "who",
    "like", "such", "as", "about", "related", "starting", "ending", "beginning", "containing", "having",
    "only",
}  # fmt: skip


def _existence_words(prompt: str, match: re.Match[str]) -> list[str]:
    if re.search(
        rf"(?:{_NEGATION}|\bno)\s+(?:\w+\s+)?$", prompt[max(0, match.start() - 20) : match.start()], FLAGS
    ):
        return []
    aside = _ASIDE_RE.match(prompt, match.end())  # ("'honour' (British spelling) three times")
    if _COUNTED.match(prompt, aside.end() if aside else match.end()):
        return []
    words = _list_items(re.sub(_ASIDE, " ", match.group("list")))
    if any(w.lower() in _FUNCTION_WORDS or not re.search(r"[^\W\d_]", w) for w in words):
        return []
    if words and all(w.lower() in _HOW_WORDS_ARE_USED for w in words):
        return []  # "Use the keywords naturally.": how to use them, no word named
    return words


# Adverbs of how keywords are worked in, said where a bare list would start.
_HOW_WORDS_ARE_USED = frozenset(
    """
    naturally sparingly organically wisely smoothly seamlessly subtly carefully appropriately strategically
    correctly effectively properly well throughout often frequently liberally
    """.split()  # noqa: SIM905
)


# ... or when a bare word is followed by more of its phrase and the list, comma-set, runs to the sentence's
# end: "include the keywords compost bin, kitchen scraps and nitrogen." (not "compost" alone).
_PHRASES_TO_END = re.compile(
    rf"{_INCLUDE}(?:these\s+|the\s+)?(?:following\s+)?(?:keywords?|key\s+phrases|terms)\b\s*:?\s*"
    rf"(?P<list>{_PHRASE_ITEM}(?:(?:\s*,\s*{_PHRASE_ITEM})*{_SEPARATOR}{_PHRASE_ITEM})?)"
    r"(?=\s*(?:[.!?;\n]|$))",
    FLAGS,
)
_WORD_GOES_ON = re.compile(r"[ \t]+[\w-]")
# Words no keyword phrase holds: a list reaching them has run into the rest of the request.
_NOT_IN_A_PHRASE = frozenset(
    """
    it its your you the a an to and or in of with keep make be is are that this please don't dont not no each
    every at than more less words times twice once thrice throughout somewhere too again often also only
    everywhere anywhere
    """.split()  # noqa: SIM905
)


_NEXT_WORD = re.compile(r"[ \t]+([\w'-]+)")
# Words after a listed keyword that carry the sentence on, not the keyword's phrase ("cat and dog to ...").
_CLAUSE_GOES_ON = frozenset(
    """
    to in into for when while so because throughout somewhere at as but and or if within on across naturally
    please each every twice once least more times anywhere too also only exactly a an the since cause bc
    though although unless which that where whenever pls plz thanks thx
    """.split()  # noqa: SIM905
)


def _phrase_list(prompt: str, match: re.Match[str]) -> re.Match[str] | None:
    """The list at ``match`` read as phrases when it closes with where they go, else ``match``."""
    phrases = _PHRASE_LIST.match(prompt, match.start())
    if phrases and not _QUOTED_START.match(phrases.group("list")):
        return phrases
    if _QUOTED_START.match(match.group("list")) or not _WORD_GOES_ON.match(prompt, match.end("list")):
        return match
    to_end = _PHRASES_TO_END.match(prompt, match.start())
    items = _SEPARATOR_RE.split(to_end.group("list")) if to_end else []
    words = [w.lower() for item in items for w in item.split()]
    if to_end and not any(w in _NOT_IN_A_PHRASE or w.endswith("ly") for w in words):
        return to_end
    after = _NEXT_WORD.match(prompt, match.end("list"))
    # the last word goes on into a phrase of its own ("compost bin and worms to ..."): unsure, so none
    return match if after is None or after.group(1).lower() in _CLAUSE_GOES_ON else None


_QUOTED_START = re.compile(r"\[?[\"“'‘]")


def _plain_phrases(items: list[str]) -> bool:
    """Whether bare items of several words are keyword phrases ("teeth whitening"), not a clause."""
    words = [w.lower() for item in items if " " in item for w in item.split()]
    return not any(w in _NOT_IN_A_PHRASE or w in _CLAUSE_GOES_ON or w.endswith("ly") for w in words)


# A thing told to have the words, opening its sentence: "The recipe includes the words 'simmer' and 'braise'.
# Explain the difference." (not "Write a story that includes ...": the thing asked for).
_A_THING_HAS_THEM = re.compile(
    r"(?:^|[.!?\n]\s*)(?:the|this|that|my|our|his|her|their)\s+(?:[\w'-]+\s+){0,2}?"
    rf"(?!(?:{_END_TEXT_KINDS})\b)[\w-]+\s+(?:includes|contains|mentions|uses|features|has)\s",
    FLAGS,
)


# The verb, the quoted words, then where: "put the word 'legend' in it", "stick 'cozy' in there", "work
# 'same-day' into the copy"; not asked about ("why did you put 'synergy' in the email", "Put 'Hello' in the
# subject line?"), though a question asking it is a request ("can you put 'cozy' in the title?").
_PUT_WHERE = re.compile(
    r"\b(?:put|stick|place|pop|slip|sneak|work|weave|drop|throw|fit|squeeze)\s+"
    r"(?:the\s+(?:key)?(?:words?|phrases?|terms?)\s+)?"
    rf"(?P<list>{_ITEM_QUOTED}(?:{_SEPARATOR}{_ITEM_QUOTED})*)\s+(?:somewhere\s+)?(?:in|into)\s+"
    r"(?:it|there|(?:the|your|my|our)\s+[\w-]+)\b",
    FLAGS,
)
_PUT_VERBS = (
    "put",
    "stick",
    "place",
    "pop",
    "slip",
    "sneak",
    "work",
    "weave",
    "drop",
    "throw",
    "fit",
    "squeeze",
)
_ASKED_ABOUT_BEFORE = re.compile(r"\b(?:did\s+you|do\s+i|should\s+i|should\s+we|why)\s+$", FLAGS)
_ASKED_OF_YOU_BEFORE = re.compile(r"\b(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+|pls\s+)?$", FLAGS)
_QUESTION_AFTER = re.compile(r"[^.!\n,;]{0,20}\?")


def _put_in_it(prompt: str) -> Iterator[RuleMatch]:
    for match in _PUT_WHERE.finditer(prompt) if mentions(prompt, *_PUT_VERBS) else ():
        before = prompt[max(0, match.start() - 20) : match.start()]
        if _ASKED_ABOUT_BEFORE.search(before) or (
            _QUESTION_AFTER.match(prompt, match.end()) and not _ASKED_OF_YOU_BEFORE.search(before)
        ):
            continue
        words = _existence_words(prompt, match)
        if words and not _how_to(prompt, match.start()):
            yield RuleMatch("keywords:existence", {"keywords": words}, match.start(), match.end())


@rule
def keyword_existence(prompt: str) -> Iterator[RuleMatch]:
    said_somewhere = [_SAID_SOMEWHERE] if mentions(prompt, "somewhere") else []
    patterns = ((p, p.finditer(prompt)) for p in (*_EXISTENCE, *said_somewhere))
    for pattern, matches in (*patterns, (_SAY_WORDS, _said_words(prompt))):
        for found in matches:
            match = _phrase_list(prompt, found) if pattern is _EXISTENCE[0] else found
            words = _existence_words(prompt, match) if match else []
            bare = match is not None and not _QUOTED_START.match(match.group("list"))
            if pattern is _KEYWORDS_LABEL and bare and not _plain_phrases(words):
                continue  # "Keywords: use them naturally." is advice, no list
            if match and _how_to(prompt, match.start()):
                continue
            if pattern is _ONE_WORD_NAMED and _NEGATED_VERB_BEFORE.search(
                prompt, max(0, found.start() - 40), found.start()
            ):
                continue  # "u cant use the word cute": found from "word", the negation is before the verb
            if match and _CONDITION_BEFORE.search(prompt, max(0, match.start() - 40), match.start()):
                continue  # "rows where name contains 'smith'": a thing's content, in code or a search
            if (
                match
                and words
                and not _A_THING_HAS_THEM.search(prompt, max(0, match.start() - 40), match.start() + 12)
                and not _counted_in_a_text(prompt, match.start())
            ):
                yield RuleMatch("keywords:existence", {"keywords": words}, match.start(), match.end())
    yield from (m for m in _word_is_there(prompt) if not _counted_in_a_text(prompt, m.start))
    yield from _put_in_it(prompt)


# A task of counting the word in a text given: "Count how many times the word 'the' appears in this: ..."
_HOW_MANY_TIMES_BEFORE = re.compile(
    r"\b(?:how\s+many\s+times|how\s+often|count\s+(?:how|the\s+(?:times|number))|number\s+of\s+times)\b[^.!?\n]*$",
    FLAGS,
)


def _counted_in_a_text(prompt: str, start: int) -> bool:
    return _HOW_MANY_TIMES_BEFORE.search(prompt, max(0, start - 60), start) is not None


# The word as the subject: "make sure the word 'moonbeam' is in there", "the word 'abyss' has to
# appear". Not when the rest of the clause counts it (frequency) or denies it (forbidden).
_WORD_SUBJECT = re.compile(
    rf"\bthe\s+(?:key)?(?:words?|phrases?|terms?|names?|expressions?)\s+(?P<list>{_ITEM_QUOTED}(?:{_SEPARATOR}{_ITEM_QUOTED})*)\s+"
    # ("is" only with a presence: "is a must", "is in there"; not "The word 'literally' is overused")
    r"(?:both\s+|all\s+|each\s+)?(?:(?:is|are)\s+(?=(?:a\s+)?(?:must|required|mandatory|needed|essential|in\b|included"
    r"|used|mentioned|present|there)\b)|appears?|shows?\s+up|has\s+to|have\s+to|must|should|needs?\s+to)\b"
    r"(?P<rest>[^.!?\n]*)"
    # a quoted word alone as the subject, when the clause puts it in: "make sure 'banana' is in there"
    rf"|(?<![\w'\"“‘])(?P<list2>{_ITEM_QUOTED}(?:{_SEPARATOR}{_ITEM_QUOTED})*)\s+"
    r"(?:(?:is|are|gets?)\s+(?:in\s+there|included|mentioned|used|in\s+(?:it|the\s+[\w-]+|your\s+[\w-]+))"
    # ("be sure 'consent' appears in it")
    r"|(?:appears?|shows?\s+up)\s+(?:somewhere|in\s+(?:it|there|the\s+[\w-]+|your\s+[\w-]+)))\b"
    r"(?P<rest2>[^.!?\n]*)",
    FLAGS,
)
_COUNT_OR_DENIAL = re.compile(
    r"\b(?:not|never|times|once|twice|thrice|banned|forbidden|prohibited|off[\s-]limits|taboo|no[\s-]go)\b|n't\b|\d",
    FLAGS,
)


# A complaint about a word in the user's own text, not a request for it: "The word 'dude' shows up way too
# often in my dialogue", "'very' appears a lot in my essay".
_COMPLAINT = re.compile(
    r"\btoo\b|\ba\s+lot\b|\bover[\s-]?used\b|\b(?:in|of)\s+(?:my|our|his|her|their)\b", FLAGS
)


# A quoted word that appears in a place is asked for only after a want: "be sure 'consent' appears in it" (not
# "'consent' appears in the GDPR text, right?")
_APPEARS_IN = re.compile(r"[\"”'’]\s+(?:appears?|shows?\s+up)\s+in\b", FLAGS)
_SURE_BEFORE = re.compile(
    r"\b(?:make\s+sure|be\s+sure|ensure|check\s+that|so\s+that|i\s+want|we\s+want|need)\s+(?:that\s+)?$",
    FLAGS,
)


def _word_is_there(prompt: str) -> Iterator[RuleMatch]:
    for match in _WORD_SUBJECT.finditer(prompt):
        if _WHY_BEFORE.search(prompt, max(0, match.start() - 40), match.start()):
            continue  # "Explain why 'literally' is used so much": a question about the word
        if (
            match.group("list2")
            and _APPEARS_IN.search(match.group(0))
            and not _SURE_BEFORE.search(prompt, max(0, match.start() - 20), match.start())
        ):
            continue
        if not _COUNT_OR_DENIAL.search(match.group(0)) and not _COMPLAINT.search(match.group(0)):
            words = _list_items(match.group("list") or match.group("list2"))
            yield RuleMatch("keywords:existence", {"keywords": words}, match.start(), match.end())


_FREQUENCY = re.compile(
    # not "every word contains at least two ...": a property of each word, no keyword
    # (a word of its own: not "password hint under 10 characters")
    r"(?:the\s+)?(?<![\w-])(?:word|keyword)(?<!every\sword)(?<!each\sword)(?<!any\sword)(?<!one\sword)\s+"
    rf"(?!(?:should|must|can|could|will|would|may|might|to|is|are|appears?|be|count|limit)\b)"
    r"[\"“'‘]?(?P<word>[\w-]+(?:'\w+)*)[\"”'’]?\s+"
    r"(?:(?:should|must|can|may|will|has\s+to|needs\s+to|is\s+allowed\s+to|to|is|gets)\s+(?:only\s+|not\s+|never\s+)?)?"
    # (or a participle: "with the word 'pickle' appearing at least 5 times", "the word 'love' used twice")
    r"(?:appears?|appearing|be\s+used|used|occurs?|occurring|shows?\s+up|showing\s+up|comes?\s+up|coming\s+up"
    r"|be\s+mentioned|mentioned|be\s+repeated|repeated)?\s*"
    # "with the word 'whiskers' in it at least twice"
    # (texting's filler too: "use the word love like at least 3 times")
    r"(?:(?:in|within)\s+(?:it|there|(?:the|your|this)\s+[\w-]+)\s+)?(?:for\s+|like\s+)?"
    # (a count of another unit is the word's length, not its uses: "the word 'hint' under 10 characters")
    rf"(?P<q>{QUANTITY})(?!\s*(?:characters?|chars|letters?|syllables?|words?|sentences?|lines?|minutes?|pages?)\b)"
    r"\s*(?:times|time)?",
    FLAGS,
)
# "Mention 'money' at most 2 times", "make sure 'fresh' appears at least twice": a quoted word
# after a verb of using it or before one of appearing, and a count of times.
_USE_TIMES = re.compile(
    # (every form of the verb: "using 'however' less than 2 times", "including the phrase ...")
    r"(?:\b(?:us(?:e|es|ed|ing)|mention(?:s|ed|ing)?|say(?:s|ing)?|includ(?:e|es|ed|ing)|repeat(?:s|ed|ing)?"
    r"|writ(?:e|es|ing)|featur(?:e|es|ed|ing))\s+(?:the\s+(?:key)?(?:word|phrase|term|expression)\s+)?"
    # (a phrase in quotes too: "uses 'limited time' at least twice")
    # (an aside may come between: "Use the word 'honour' (British spelling) three times")
    rf"[\"“'‘](?P<word>[\w-]+(?:\s+[\w-]+){{0,3}})[\"”'’]{_ASIDE}?\s+(?:for\s+)?"
    r"|(?<!letter\s)[\"“'‘](?P<subject>[\w-]+(?:\s+[\w-]+){0,3})[\"”'’]\s+(?:appears?|appearing|occurs?|occurring|shows?\s+up|showing\s+up"
    r"|comes?\s+up|coming\s+up|(?:is|gets?)\s+(?:used|repeated|mentioned)|used|repeated|mentioned"
    # ("'discount' should be used at most twice", "'AI' can appear no more than 3 times")
    r"|(?:should|must|can|may|will|could)\s+(?:be\s+(?:used|repeated|mentioned|said)|appear|show\s+up|occur))\s+"
    # a word in where it goes: "I want 'cheese' in there at least 4 times"
    r"|(?<!letter\s)[\"“'‘](?P<held>[\w-]+(?:\s+[\w-]+){0,3})[\"”'’]\s+in\s+(?:there|it|(?:the|your)\s+[\w-]+)\s+"
    # a name needs no quotes: "Mention Paris at least 3 times", nor a word said to be mentioned: "Mention
    # pizza at least 3 times" (not "mention it", "repeat the chorus")
    r"|\b(?:mention|say|repeat)(?:s|ing)?\s+(?P<name>(?-i:[A-Z][a-z][\w-]*)"
    r"|(?!(?:the|a|an|it|this|that|these|those|them|each|every|your|my|our|his|her|their|its|yourself|me|him|us"
    r"|something|anything|one|words?|phrases?)\b)[a-z][\w-]+)\s+(?:for\s+)?)"
    # ("three times or more": the count read its "times" already)
    rf"(?P<q>{QUANTITY})(?:\s*times?\b|(?<=ce)|(?<=times\sor\smore)|(?<=times\sor\sless)|(?<=times\sor\sfewer))",
    FLAGS,
)


@rule
def keyword_frequency(prompt: str) -> Iterator[RuleMatch]:
    for match in (*_FREQUENCY.finditer(prompt), *_USE_TIMES.finditer(prompt)):
        found = match.groupdict()
        yield from _frequencies(
            prompt,
            match,
            found["word"] or found.get("subject") or found.get("held") or found.get("name") or "",
        )
        yield from _also_counted(prompt, match)


# A word allowed only so many times, or held to a number of uses: "the word 'premium' can only appear once",
# "'AI' may only be used twice", "you can only use 'synergy' once", "keep 'AI' to two mentions max", "limit
# 'cheap' to 1 use" (fewer than one more; not "use 'x' only once", which may mean exactly once)
_WORD_ALLOWED = r"(?:the\s+(?:key)?(?:word|phrase|term)\s+)?[\"“'‘](?P<word>[\w-]+(?:\s+[\w-]+){0,3})[\"”'’]"
_ONLY_SO_OFTEN = re.compile(
    rf"{_WORD_ALLOWED}\s+(?:can|may|is\s+allowed\s+to|should)\s+only\s+(?:appear|be\s+used|be\s+mentioned|show\s+up"
    rf"|occur|come\s+up|be\s+said)\s+(?P<n>once|twice|thrice|(?:{NUMBER})\s+times)\b"
    r"|\byou\s+(?:can|may)\s+only\s+(?:use|say|mention|include)\s+"
    rf"(?:the\s+(?:key)?(?:word|phrase|term)\s+)?[\"“'‘](?P<word2>[\w-]+(?:\s+[\w-]+){{0,3}})[\"”'’]\s+"
    rf"(?P<n2>once|twice|thrice|(?:{NUMBER})\s+times)\b"
    # ("say 'innovative' only twice max", "use 'AI' 3 times tops")
    r"|\b(?:use|say|mention|include|repeat)\s+(?:the\s+(?:key)?(?:word|phrase|term)\s+)?"
    rf"[\"“'‘](?P<word4>[\w-]+(?:\s+[\w-]+){{0,3}})[\"”'’]\s+(?:only\s+)?(?P<n4>once|twice|thrice|(?:{NUMBER})\s+times)"
    r"\s*,?\s+(?:max(?:imum)?|tops|at\s+most)\b"
    rf"|\b(?:keep|limit|cap|restrict)\s+{_WORD_ALLOWED.replace('word>', 'word3>')}\s+(?:to|at)\s+"
    rf"(?:max(?:imum)?\s+|at\s+most\s+|only\s+)?(?P<n3>{NUMBER})\s+(?:mentions?|uses?|times)\b",
    FLAGS,
)


@rule
def keyword_allowed_so_often(prompt: str) -> Iterator[RuleMatch]:
    for match in (
        _ONLY_SO_OFTEN.finditer(prompt)
        if mentions(prompt, "only", "keep", "limit", "cap", "restrict", "max", "maximum", "tops", "most")
        else ()
    ):
        said = match.group("n") or match.group("n2") or match.group("n3") or match.group("n4")
        n = parse_number(re.sub(r"\s+times$", "", said))
        word = match.group("word") or match.group("word2") or match.group("word3") or match.group("word4")
        kwargs = {"keyword": word, "relation": "less than", "frequency": n + 1}
        yield RuleMatch("keywords:frequency", kwargs, match.start(), match.end())


# A second word counted in the same breath: "includes 'bass' at least twice and 'comfortable' at least once"
_ALSO_COUNTED = re.compile(
    r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+word\s+)?[\"“'‘](?P<word>[\w-]+)[\"”'’]\s+(?:for\s+)?"
    # ("three times or more": the count read its "times" already)
    rf"(?P<q>{QUANTITY})(?:\s*times?\b|(?<=ce)|(?<=times\sor\smore)|(?<=times\sor\sless)|(?<=times\sor\sfewer))",
    FLAGS,
)


def _also_counted(prompt: str, match: re.Match[str]) -> Iterator[RuleMatch]:
    also = _ALSO_COUNTED.match(prompt, match.end())
    if also:
        yield from _frequencies(prompt, also, also.group("word"))
        yield from _also_counted(prompt, also)


# A negation typed without its apostrophe, which the shared reading of a negated verb does not know: "dont
# use the word 'grateful' more than twice" is fewer than 3, not 3 or more.
_TYPED_NEGATION_BEFORE = re.compile(
    # (and the negations of a verb's gerund: "without using 'artisan' more than twice", "avoid using
    # 'basically' more than once")
    r"\b(?:dont|doesnt|shouldnt|cant|mustnt|wont|without|avoid(?:ing)?|refrain(?:ing)?\s+from)\s+"
    r"(?!(?:forget|hesitate|fail|stop)\b)[^.!?\n,;:]*$",
    FLAGS,
)
_COMPARED = re.compile(r"(?:more|less|fewer)\s+than\b|over\b|under\b|above\b|below\b", FLAGS)


def _frequency_bound(prompt: str, match: re.Match[str], found: Bound) -> Bound:
    bound = negated(prompt, match.start("q"), found)
    if (
        bound == found
        and _COMPARED.match(match.group("q"))
        and _TYPED_NEGATION_BEFORE.search(prompt, max(0, match.start("q") - 60), match.start("q"))
    ):
        return Bound("less than" if found.relation == "at least" else "at least", found.value)
    return bound


def _frequencies(prompt: str, match: re.Match[str], word: str) -> Iterator[RuleMatch]:
    for found in bounds(match.group("q")):
        bound = _frequency_bound(prompt, match, found)
        # "where 'p' appears at least 12 times": a letter, no word (but "the word 'I'" is named a word)
        if len(word) == 1 and word.isalpha() and not re.search(r"\bword\b", match.group(0), FLAGS):
            kwargs = {"letter": word.lower(), "let_relation": bound.relation, "let_frequency": bound.value}
            yield RuleMatch("keywords:letter_frequency", kwargs, match.start(), match.end())
            continue
        kwargs = {"keyword": word, "relation": bound.relation, "frequency": bound.value}
        yield RuleMatch("keywords:frequency", kwargs, match.start(), match.end())


_LETTER = rf"letter\s+{_QUOTED}?(?P<letter>[a-z]){_QUOTED}?(?![\w'])"
_LETTER_COUNT = re.compile(
    rf"{_LETTER}\s+(?:should\s+|must\s+|will\s+|to\s+|may\s+|can\s+|could\s+|(?:has|needs|is\s+allowed)\s+to\s+)?"
    # (a participle too: "a poem with the letter q showing up at least 4 times")
    r"(?:appears?|appearing|be\s+used|is\s+used|used|occurs?|occurring|(?:shows?|showing|comes?|coming|turns?|turning"
    r"|pops?|popping)\s+up)?\s*"
    r"(?:in\s+(?:it|there|(?:your|the|this)\s+(?:\w+\s+)?(?:response|answer|reply|sentence|text|poem|story))\s+)?"
    rf"(?P<q>{QUANTITY})\s*(?:times)?",
    FLAGS,
)
# "without the letter e", "do not include the letter c", "avoid using the letter i more than twice"
_LETTER_BANNED = re.compile(
    r"(?:without\s+(?:using\s+)?|(?:do\s+not|don't|dont|never|not)\s+(?:use|include|contain)s?\s+|avoid\s+(?:using\s+)?"
    # "Leave out the letter 'n'", "Skip the letter e"
    r"|\b(?:leave\s+out|skip|omit|exclude|ban)\s+"
    # "No letter 'z' at all", "no letter e anywhere" (closed by where: not "no letter grades")
    r"|\bno\s+(?=letter\s+\S+\s*(?:at\s+all|anywhere|in\s+(?:it|your|the)|[.!,;]|$)))"
    rf"(?:any\s+)?(?:(?:of\s+)?the\s+)?{_LETTER}(?P<more>\s+more\s+than\s+(?P<limit>{NUMBER}))?",
    FLAGS,
)


# A letter's plural after "no": "no e's at all", "zero z's in the poem" (the apostrophe makes it a letter;
# closed by where, as a letter banned is)
_LETTER_PLURAL_BANNED = re.compile(
    # (lowercase: "I got no A's." is grades)
    r"\b(?:no|zero)\s+[\"“'‘]?(?P<letter>(?-i:[a-z]))[\"”'’]?['’]s\b"
    r"(?=\s*(?:at\s+all|anywhere|whatsoever|in\s+(?:it|there|your|the)\b|please|pls|[.!,;]|$))",
    FLAGS,
)


# "at least 10 instances of the letter 'r'"
_LETTER_INSTANCES = re.compile(
    rf"(?P<q>{QUANTITY})\s+(?:instances|occurrences|uses)\s+of\s+(?:the\s+)?{_LETTER}", FLAGS
)
# A letter counted by its plural: "include at least 8 z's", "use 5 or more x's" (the apostrophe makes it a
# letter, not a word: "3 As" may be grades)
_LETTER_PLURAL = re.compile(
    rf"\b(?:use|include|have|put|contain|need|with|add|are|be)\w*\s+(?P<q>{QUANTITY})\s+(?:lowercase\s+|capital\s+)?"
    r"[\"“'‘]?(?P<letter>[a-z])[\"”'’]?'s\b",
    FLAGS,
)
_LETTER_S = re.compile(r"'s\b")  # (a literal: found fast; the letter before it is the pattern's)
# "The letter q must not appear"
_LETTER_ABSENT = re.compile(
    rf"{_LETTER}\s+(?:(?:must|should|can|may|will|does)\s*)?(?:not|n't|never)\s+(?:appears?|be\s+used|shows?\s+up|occurs?)"
    # (a limit, not a ban: "The letter w shouldn't appear more than 3 times")
    rf"(?P<more>\s+(?:more\s+than|over)\s+(?P<limit>{NUMBER}))?",
    FLAGS,
)


# An unquoted "I" or "a" after "letter" that starts a clause or a phrase: "the letter I sent", "the letter a
# friend wrote" (not "the letter a entirely", "the letter i at all").
_A_WORD_NOT_A_LETTER = re.compile(
    r"(?-i:[Ia])\s+(?!(?:at|anywhere|in|from|throughout|more|whatsoever|altogether|please|pls)\b)(?![a-z]+ly\b)[a-z]+",
    FLAGS,
)


# "Don't let the letter 'a' appear more than 10 times" (the quotes hide the verb from the shared negation)
_LET_NOT_BEFORE = re.compile(r"\b(?:don't|dont|do\s+not|never)\s+let\s+(?:the\s+)?l$", FLAGS)


def _letter_match(match: re.Match[str], relation: str, value: int) -> RuleMatch:
    kwargs = {"letter": match.group("letter").lower(), "let_relation": relation, "let_frequency": value}
    return RuleMatch("keywords:letter_frequency", kwargs, match.start(), match.end())


@rule
def letter_frequency(prompt: str) -> Iterator[RuleMatch]:
    banned = []
    plural_banned = _LETTER_PLURAL_BANNED.finditer(prompt) if "s" in prompt else ()
    for match in (*_LETTER_BANNED.finditer(prompt), *_LETTER_ABSENT.finditer(prompt), *plural_banned):
        if match.re is not _LETTER_PLURAL_BANNED and _A_WORD_NOT_A_LETTER.match(
            prompt, match.start("letter")
        ):
            continue  # "Skip the letter I sent you": a pronoun after "letter", no letter named
        banned.append(range(match.start(), match.end()))
        limit = parse_number(match.group("limit")) if match.groupdict().get("limit") else 0
        yield _letter_match(match, "less than", limit + 1)
    instances = (
        finditer_at_counts(_LETTER_INSTANCES, prompt)
        if mentions(prompt, "instances", "occurrences", "uses")
        else ()
    )
    plurals = (
        found
        for at in _LETTER_S.finditer(prompt)
        if (found := _LETTER_PLURAL.search(prompt, max(0, at.start() - 60), at.end()))
    )
    for match in (*_LETTER_COUNT.finditer(prompt), *instances, *plurals):
        if any(match.start() in span for span in banned):
            continue  # "avoid the letter i more than twice" is a limit, not a minimum
        for stated in bounds(match.group("q")):
            # ("Don't let the letter 'a' appear more than 10 times": the opposite bound)
            bound = negated(prompt, match.start("q"), stated)
            if _LET_NOT_BEFORE.search(prompt, max(0, match.start() - 20), match.start() + 1):
                bound = Bound("less than" if stated.relation == "at least" else "at least", stated.value)
            yield _letter_match(match, bound.relation, bound.value)
    yield from _marks_counted(prompt)


# A mark counted as IFEval counts a letter: "at least 5 exclamation marks" is the letter "!" 5 times.
_MARK_COUNT = re.compile(
    rf"(?P<q>{QUANTITY})\s+(?P<mark>exclamation\s+(?:marks?|points?)|question\s+marks?|hashtags?|(?:hash|pound)\s+signs?)",
    FLAGS,
)
_MARKS = {"exclamation": "!", "question": "?", "hashtag": "#", "hash": "#", "pound": "#"}


def _marks_counted(prompt: str) -> Iterator[RuleMatch]:
    if not mentions(prompt, "exclamation", "question", "hashtag", "hash", "pound"):
        return
    for match in finditer_at_counts(_MARK_COUNT, prompt):
        letter = _MARKS[match.group("mark").split()[0].lower().rstrip("s")]
        for found in bounds(match.group("q")):
            bound = negated(prompt, match.start("q"), found)
            kwargs = {"letter": letter, "let_relation": bound.relation, "let_frequency": bound.value}
            yield RuleMatch("keywords:letter_frequency", kwargs, match.start(), match.end())


_ALL_CAPS = (
    r"(?:all[\s-]+capital|all[\s-]+caps|capitali[sz]ed|all[\s-]+upper[\s-]*case|words\s+with\s+capital\s+letters"
    # ("Words written entirely in uppercase should appear no more than 4 times", "uppercase words: max 3")
    r"|(?:entirely|fully|completely|wholly)\s+in\s+(?:upper[\s-]*case|caps|capitals|capital\s+letters)"
    r"|upper[\s-]*case\s+words"
    # ("Shout a few words in caps, at least 3 of them")
    r"|words\s+in\s+(?:caps|capitals|capital\s+letters|upper[\s-]*case))"
)
# A count right after the caps phrase may belong to the next constraint ("fewer than 16 sentences").
_NOT_OTHER_UNIT = r"(?![\w-])(?!\s*(?:sentences?|paragraphs?|sections?|bullets?|placeholders?))"
_CAPITAL_PATTERNS = [
    re.compile(rf"{_ALL_CAPS}[^.?!]{{0,60}}?{Q}{_NOT_OTHER_UNIT}\s*(?:times)?", FLAGS),
    re.compile(
        # (the words between count nothing else: "under 150 words with at least 4 words in all caps")
        rf"{Q}\s+(?:such\s+)?(?:(?:(?!\d|(?:at|least|most|under|over|put|make|write|type|format|keep|then|but|please)\b)\w+\s+){{0,6}}?"
        r"(?:in|with|be\s+in)\s+all\s+(?:capital|caps)"
        rf"|(?:(?:fully|entirely|completely)\s+)?(?:capitali[sz]ed|all[\s-]+caps|all[\s-]+capital|upper[\s-]*case)\s+words"
        # "fewer than two words that are written completely in capitals"
        # "at least 3 words ALL CAPS"
        r"|words?\s+(?:(?!(?:put|make|write|type|format|keep|then|but|please)\b)\w+\s+){0,4}?(?:(?:in|with)\s+)?(?:completely\s+|entirely\s+|fully\s+|all\s+)?"
        r"(?:capitals|caps|capital\s+letters|upper\s*case|capitali[sz]ed))",
        FLAGS,
    ),
    re.compile(rf"\bcapitali[sz]e\s+(?:fully\s+)?{Q}\s+(?:[\w-]+\s+)?words\b", FLAGS),
]
# "Use words with all capital letters to highlight ..." asks for at least one.
_SOME_CAPITALS = re.compile(
    r"\b(?:use|include|add)\s+(?:some\s+|a\s+few\s+)?(?:\w+\s+)?words\s+(?:with|in|which\s+are)\s+"
    r"(?:all\s+)?(?:capital|caps|capitali[sz]ed)",
    FLAGS,
)


# "in all caps, at least 100 words": after a break, a count of words is the answer's length.
_LENGTH_AFTER_BREAK = re.compile(r"(?:[,;]|\band\b|\bwith\b)[^,;]*$", FLAGS)
_WORDS_NEXT = re.compile(r"\s*(?:[\w-]+\s+)?words?\b(?!\s+(?:in|with|that|which|are|be|written)\b)", FLAGS)


# "all caps, and make sure the word 'meow' shows up at least twice": the count is the word's.
# ("..., using the word FRESH at least 3 times": a word named, unquoted, is the subject too)
_OTHER_SUBJECT = re.compile(
    r"\b(?:the\s+)?(?:key)?words?\s+[\"“'‘]|[\"“'‘][\w-]+[\"”'’]"
    r"|\bthe\s+(?:key)?(?:word|term|name|phrase)\s+(?!(?:count|limit|length|total)\b)[\w-]+\s+(?:\w+\s+)?$",
    FLAGS,
)


# The caps phrase right before the count, nothing between: "write it all caps under 40 words" (dictated).
_CAPS_RIGHT_BEFORE = re.compile(rf"{_ALL_CAPS}\s*$", FLAGS)


def _a_length(prompt: str, match: re.Match[str]) -> bool:
    """Whether the count after a break counts something else: the answer's words, or a word named."""
    between = prompt[match.start() : match.start("q")]
    if _CAPS_RIGHT_BEFORE.match(between) and _WORDS_NEXT.match(prompt, match.end("q")):
        return True
    if not _LENGTH_AFTER_BREAK.search(between):
        return False
    return bool(_WORDS_NEXT.match(prompt, match.end("q")) or _OTHER_SUBJECT.search(between))


@rule
def capital_word_frequency(prompt: str) -> Iterator[RuleMatch]:
    if not mentions(prompt, "capital", "caps", "uppercase"):
        return  # every phrasing names capitals
    least = False
    for pattern in _CAPITAL_PATTERNS:
        led = pattern is _CAPITAL_PATTERNS[1]  # starts with the count
        for match in finditer_at_counts(pattern, prompt) if led else pattern.finditer(prompt):
            if not led and _a_length(prompt, match):
                continue
            for found in bounds(match.group("q")):
                bound = negated(prompt, match.start("q"), found)
                least = least or bound.relation == "at least"
                kwargs = {"capital_relation": bound.relation, "capital_frequency": bound.value}
                yield RuleMatch("change_case:capital_word_frequency", kwargs, match.start(), match.end())
    some = _SOME_CAPITALS.search(prompt)
    if some and not least:  # any stated minimum already implies "at least one"
        kwargs = {"capital_relation": "at least", "capital_frequency": 1}
        yield RuleMatch("change_case:capital_word_frequency", kwargs, some.start(), some.end())


# Verbs of saying the request again: "repeat the request", "say my request back".
# Verbs that name the request they say again: "say my request back", "copy this request word for word".
_REPEAT_NAMED = (
    # ("type my question out again", "say back my request", "rewrite my question word for word")
    r"(?:say|copy|write|type|echo|read)\s+(?:this|my|the)\s+(?:exact\s+)?(?:request|prompt|question)\s+(?:out\s+)?(?:back|again)"
    r"|(?:say|read|type|write|echo)\s+back\s+(?:this|my|the)\s+(?:exact\s+)?(?:request|prompt|question)"
    r"|re-?write\s+(?:this|my|the)\s+(?:exact\s+)?(?:request|prompt|question)(?=\s+(?:word[\s-]+for[\s-]+word|verbatim|exactly))"
    # copied or echoed as it stands: "echo the request below without changing anything"
    r"|(?:cop(?:y|ying)|echo(?:ing)?|write\s+out|writing\s+out|type\s+out|typing\s+out|reproduc(?:e|ing)|quot(?:e|ing))"
    # ("echo back my prompt verbatim", "copy down the question below word for word")
    r"\s+(?:out\s+|back\s+|down\s+)?(?:this|my|the)(?:\s+following)?\s+(?:exact\s+)?"
    r"(?:request|prompt|question)"
    # (as it stands, or first: "Quote my question first, then answer", "write out my request again")
    r"(?=\s+(?:(?:below|above)\b|word[\s-]+for[\s-]+word|verbatim|exactly|without\s+chang|as\s+(?:it\s+is|written)|back"
    # ("Echo my question, then respond")
    r"|again|first\b|before\s+(?:you\s+)?(?:answer|respond|reply))|,?\s*(?:and\s+)?then\s+(?:answer|respond|reply))"
    # the request named by what it did: "say back exactly what I asked", "repeat what I wrote word for word"
    r"|(?:say|write|type|echo|repeat|restate)\s+(?:back\s+)?(?:exactly\s+|word[\s-]+for[\s-]+word\s+)?"
    r"what\s+i\s+(?:just\s+)?(?:asked|said|wrote|typed)(?!\s+(?:about|in|last|before|yesterday)\b)"
    # the answer opens with the question: "Please begin your answer with my exact question"
    r"|(?:start|begin|open)\s+(?:your\s+(?:answer|reply|response)\s+)?with\s+(?:my|the|this)\s+(?:exact\s+)?"
    r"(?:question|request|prompt)\b"
)
_REPEAT_VERB = rf"\b(?:repeat|repeating|restate|restating|{_REPEAT_NAMED})\b"
_REPEAT = re.compile(
    rf"\b(?:{_REPEAT_NAMED})\b"
    r"|\b(?:repeat|repeating|restate|restating)\b[^.\n]{0,80}?"
    # (the request's first line as it stands, not a line of the song asked for: "repeat the first line
    # at the end")
    r"(?:request|question|sentence|prompt|text|instruction|\bit\b|[\"“]"
    r"|first\s+line(?=\s+(?:word[\s-]+for[\s-]+word|verbatim|exactly|without\s+chang|of\s+(?:my|the|this)\s+"
    r"(?:request|prompt|question|message)))"
    # "repeat this back to me word for word": "this" is the request when it is said back as it is
    r"|\bthis\s+(?=(?:back\b|word\s+for\s+word|verbatim)))",
    FLAGS,
)
# "... but change its first word": IFBench's repeat_change, a different constraint.
_FIRST_WORD_CHANGED = re.compile(
    r"\b(?:chang|swap|replac|alter)\w*\s+(?:out\s+)?(?:only\s+)?(?:its|the)\s+(?:very\s+)?first\s+word", FLAGS
)
# The request written out after a label: "The request to repeat is: ...", "Request: ...".
_LABELLED_REQUEST = re.compile(
    r"(?:\bthe\s+request\s+to\s+repeat\s+is|\bhere\s+is\s+(?:the|my)\s+request|\bthe\s+request"
    r"|(?<![\w-])(?:request|question|prompt))"
    # (a dash for the colon: "Question - why is grass green?")
    r"\s*(?::|\s[-–—])\s*(?:[\"“](?P<quoted>[^\"”\n]+)[\"”]|(?P<rest>[^\n]+))",
    FLAGS,
)


def _labelled_request(prompt: str, start: int) -> str:
    """The request written after a label in the paragraph from ``start`` on, or ""."""
    end = prompt.find("\n\n", start)
    label = _LABELLED_REQUEST.search(prompt, start, end if end != -1 else len(prompt))
    return (label.group("quoted") or label.group("rest")).strip() if label else ""


def _request_to_repeat(prompt: str, match: re.Match[str]) -> str:
    """The request a "repeat the request ..." sentence points at."""
    labelled = _labelled_request(prompt, match.start())
    if labelled:
        return labelled
    start = max(
        prompt.rfind("\n", 0, match.start()), *(prompt.rfind(m + " ", 0, match.start()) for m in ".?!")
    )
    instruction_start = start + 1
    end_of_paragraph = prompt.find("\n\n", match.end())
    line_end = prompt.find("\n", match.end())
    sentence = prompt[instruction_start : line_end if line_end != -1 else len(prompt)]
    quoted = re.match(r"[^\"“]*?repeat\s+[\"“]([^\"”]+)[\"”]", sentence, FLAGS)
    if quoted:
        return quoted.group(1)
    # "repeat this exact request: "Describe ..."", "repeat the following question exactly ...: Why ...?"
    pointed = re.match(
        r"[^:\n]*?(?:this|the\s+following|my)\s+(?:exact\s+)?(?:request|question|prompt)\b[^:\n]*:\s*"
        r"(?:[\"“](?P<quoted>[^\"”\n]+)[\"”]|(?P<rest>[^\n]+))",
        prompt[match.start() :],
        FLAGS,
    )
    if pointed:
        return (pointed.group("quoted") or pointed.group("rest")).strip()
    if re.search(r"first\s+line", sentence, FLAGS):
        return prompt.split("\n", 1)[0]
    before = prompt[:instruction_start].strip()
    after_colon = re.match(r"[^:\n]*:\s*(?P<rest>[^\n]+)", prompt[match.end() :])
    if not before and after_colon:  # "Repeat the request word for word, then answer: name three rivers."
        return after_colon.group("rest").strip()
    below = re.search(r"\bbelow\b|following\s+(?:request|prompt|question)", sentence, FLAGS) or not before
    if below and end_of_paragraph != -1:
        return prompt[end_of_paragraph:].strip()
    return (_quoted_after(prompt, match) if below else "") or prompt[:instruction_start].strip()


def _quoted_after(prompt: str, match: re.Match[str]) -> str:
    """The request right after the instruction's sentence, quoted ("Restate the following prompt
    first, then answer. 'List some stretches.'") or as the one sentence left ("Begin your answer
    with my exact question, then answer it. How do birds migrate?"), or ""."""
    _, end = sentence_span(prompt, match.start(), match.end())
    quoted = re.match(r"\s*(?:[\"“](?P<double>[^\"”\n]+)[\"”]|['‘](?P<single>[^\n]+?)['’])\s*$", prompt[end:])
    if quoted:
        return (quoted.group("double") or quoted.group("single")).strip()
    rest = prompt[end:].strip()
    return rest if rest and sentence_span(prompt, end + 1, end + 1)[1] >= len(prompt.rstrip()) else ""


# What comes after the request, not part of it: "Repeat this question: What is X? Then answer it."
_AFTER_THE_REQUEST = re.compile(
    r"(?<=[?.!])\s+(?:(?:and\s+)?then|after\s+that|afterwards|next|now|once\s+done)\b"
    # ("? Answer it briefly." answers the request; "? Answer in a Shakespearean style." is part of it)
    r"|(?<=\?)\s+(?:please\s+)?(?:answer|respond\s+to|reply\s+to)\s+(?:it|this|that|the\s+question)\b",
    FLAGS,
)


def _without_what_follows(request: str) -> str:
    after = _AFTER_THE_REQUEST.search(request)
    request = request[: after.start()].strip() if after else request
    # the request quoted whole: its quotes are not part of it ("then answer: 'Name two planets.'")
    quoted = re.fullmatch(r"([\"“'‘])([^\"“”'‘’\n]+)([\"”'’])", request)
    return quoted.group(2).strip() if quoted else request


@rule
def repeat_prompt(prompt: str) -> Iterator[RuleMatch]:
    if _FIRST_WORD_CHANGED.search(prompt):
        return
    # The first mention said to the assistant: "I'm training staff to restate the customer's question.
    # Show them how: repeat the question below word for word" is the second.
    match = next((m for m in _REPEAT.finditer(prompt) if is_directive(prompt, m.start(), m.end())), None)
    if match:
        request = _without_what_follows(_request_to_repeat(prompt, match))
        if request:
            yield RuleMatch(
                "combination:repeat_prompt", {"prompt_to_repeat": request}, match.start(), match.end()
            )


# ---------------------------------------------------------------- IFBench

phrase(
    "format:no_whitespace",
    r"(?:should|must)\s+not\s+contain\s+any\s+whitespace",
    r"\b(?:no|zero|without|don't\s+use|do\s+not\s+use|never\s+use)\b[^.]{0,25}?\bwhitespace\b",
    # "without any spaces" (not "no spaces between paragraphs")
    r"\b(?:no|zero|without(?:\s+any)?|(?:don't|do\s+not|never)\s+use\s+any)\s+spaces\b"
    # ("without any spaces between words" is the rule itself)
    r"(?!\s+(?:between(?!\s+(?:the\s+)?words\b)|after|before|around|in)\b)(?!\s+at\s+(?!all\b))",
    needs=("whitespace", "spaces"),
)
_TITLE_CASE = r"\btitle[\s-]+case\b"
# IFBench's template, its blanks written any way: "[answer]", "...", "<answer>", "___" (the next label
# close behind says it is the template, not a user's own "My answer: ...").
phrase(
    "format:output_template",
    r"My\s+Answer:\s*(?:\[answer\]|[^\n]{0,30}?My\s+Conclusion:\s*[^\n]{0,30}?Future\s+Outlook:)",
    needs=("answer",),
)
# Title case asked of the answer ("in title case", "use title case for ..."), not named ("what title case
# means", "why is title case used in headlines", "when to use title case").
_NOT_HOW_TO = r"(?<!when\sto\s)(?<!how\sto\s)(?<!whether\sto\s)"
phrase(
    "format:title_case",
    rf"(?:\b(?:in|into)\s+(?:all\s+)?|{_NOT_HOW_TO}\b(?:use|using|with)\s+){_TITLE_CASE}",
    rf"{_TITLE_CASE}\s*,?\s+(?:only|throughout|please|pls|for\s+(?:your|the|every|all|each|everything))\b",
    r"\btitle[\s-]+cased?\s+(?:every|each|all)\b|\b(?:should|must)\s+be\s+title[\s-]+cased\b",
    rf"{_TITLE_CASE}[\s-]+style\b",
    # what newspapers call it: "in headline style", "headline case"
    r"\bheadline[\s-]+(?:case|capitali[sz]ation)\b|\bin\s+headline[\s-]+style\b"
    r"|\bcapitali[sz]e\s+(?:every|each)\s+(?:major\s+)?word\b[^.]{0,30}?"
    r"\blike\s+(?:a|in\s+a)\s+(?:headline|title)",
    # what title case is: "capitalize the first letter of every major word"
    r"\bcapitali[sz]e\s+the\s+first\s+letter\s+of\s+(?:every|each|all)\s+(?:the\s+)?(?:major\s+|important\s+|main\s+)?words?\b",
    needs=("title", "headline", "capitali"),
)
phrase(
    "format:emoji",
    # (one or more: "Add emojis at the end of every sentence")
    r"emojis?\s+at\s+the\s+end\s+of\s+(?:every|each)\s+(?:single\s+)?sentence",
    # "put an emoji after every sentence"
    r"\bemojis?\s+(?:after|following)\s+(?:every|each)\s+(?:single\s+)?sentence",
    r"(?:end|finish|close)\s+(?:every|each)\s+sentence\s+with\s+an?\s+emoji",
    r"(?:every|each)\s+(?:one\s+of\s+(?:your|the)\s+)?sentences?\s+(?:(?:should|must|has\s+to|needs\s+to|will)\s+)?"
    r"(?:ends?|finish(?:es)?)\s+(?:with|in)\s+an?\s+emoji",
    needs=("emoji",),
)
phrase(
    "format:line_indent",
    r"incrementally\s+indent|staircase",
    r"indent\w*\s+(?:each|every)\s+(?:new\s+)?line\s+(?:a\s+(?:bit|little)\s+)?(?:more|further)",
    r"(?:each|every)\s+(?:new\s+)?line\s+(?:(?:is|should\s+be|must\s+be|gets?)\s+)?indented\s+"
    r"(?:(?:a\s+(?:bit|little)|slightly|one\s+(?:more\s+)?(?:space|step|level))\s+)?(?:more|further|deeper)",
    r"more\s+leading\s+spaces\s+than\s+the\s+(?:previous|line\s+before|one\s+before|last)",
    r"\blines?\b[^.]{0,30}?(?:more\s+and\s+more|increasingly|progressively|ever\s+more)\s+indented",
    needs=("indent", "staircase", "leading"),
)
phrase(
    "format:newline",
    # ("every single word", "each and every word", "each individual word")
    r"(?:each|every)\s+(?:single\s+|individual\s+|and\s+every\s+)?word\s+"
    r"(?:(?:is|goes|sits|should\s+be|must\s+be|has\s+to\s+be|needs\s+to\s+be|should\s+go|must\s+go)\s+)?on\s+"
    r"(?:its\s+own|a\s+new|a\s+separate|a\s+different|new|separate|a)\s+(?:line|row)(?:\s+of\s+its\s+own)?\b",
    # "every word gets its own line", "give each word its own line"
    r"(?:each|every)\s+(?:single\s+|individual\s+|and\s+every\s+)?word\s+(?:gets?|getting|its)\s+(?:its\s+)?own\s+line",
    r"\bone\s+word\s+(?:per|a|on\s+(?:each|every|a))\s+line\b",
    needs=("line",),
)
phrase(
    "format:parentheses",
    r"nest(?:ed|ing)?\s+(?:parentheses|brackets)",
    r"(?:parentheses|brackets)\s+nested",
    # "brackets of any kind go at least five levels deep"
    r"\b(?:parenthes\w*|brackets?|braces)\b[^.]{0,60}?\b(?:5|five)(?:\s+or\s+more)?\s+levels\s+deep",
    needs=("parenthes", "bracket", "brace"),
)
phrase(
    "format:quotes",
    r"quotes?\s+(?:within|inside)\s+(?:a\s+|another\s+)?quotes?",
    r"nest(?:ed|ing)?\s+(?:your\s+|the\s+)?quot(?:es|ation\s+marks)[^.]{0,40}?(?:three|3)(?:\s+or\s+more)?\s+levels",
    needs=("quot",),
)
# A thesis in italics: "in italics", "in HTML italics (<i>...</i>)", "wrapped in <i> tags"
phrase("format:thesis", r"\bthesis(?:\s+statement)?\b[^.]{0,40}?(?:\bitalics?\b|<i>)", needs=("thesis",))
phrase("format:sub-bullets", r"\bsub-?bullets?\b", needs=("sub",))
phrase(
    "words:start_verb",
    # the answer's first word, not each sentence's ("Every sentence should start with a verb")
    r"(?:^|(?<=[.!?:;\n]))(?:(?!\b(?:each|every|all)\s+(?:\w+\s+)?(?:sentences?|lines?|paragraphs?|items?|bullets?|points?)\b)"
    r"[^.!?\n])*?\b(?:start|begin)s?\s+(?:(?:your|the)\s+(?:answer|response|reply)\s+)?with\s+(?:a|an)\s+"
    r"(?:action\s+|imperative\s+)?verb",
    r"first\s+word\s+of\s+(?:your|the)\s+(?:answer|response|reply)\s+(?:must\s+be|should\s+be|is)\s+a\s+verb",
    # "Your first word should be a verb", "the very first word has to be a verb"
    r"\byour\s+(?:very\s+)?first\s+word\s+(?:must|should|has\s+to|needs\s+to|will)\s+be\s+an?\s+(?:action\s+)?verb",
    needs=("verb",),
)
# "Open with a verb", "Lead your answer with a verb": found from the verb, said at a sentence's start.
_OPEN_WITH_A_VERB = re.compile(
    r"\b(?:open|lead\s+off|lead)\s+(?:your\s+(?:answer|response|reply)\s+)?with\s+an?\s+(?:action\s+|imperative\s+)?verb\b"
    r"(?!\s*\?)",
    FLAGS,
)
_SENTENCE_START_BEFORE = re.compile(r"(?:^|[.!?:;\n])\s*(?:please\s+)?$", FLAGS)
_VERB_WORD = frozenset({"verb"})


@rule
def open_with_a_verb(prompt: str) -> Iterator[RuleMatch]:
    for match in _OPEN_WITH_A_VERB.finditer(prompt) if mentions_any(prompt, _VERB_WORD) else ():
        if _SENTENCE_START_BEFORE.search(prompt, max(0, match.start() - 12), match.start()):
            yield RuleMatch("words:start_verb", {}, match.start(), match.end())
            return


# A word's length is prime: "lengths that are prime", "a prime number of letters", "letter count is prime"
phrase(
    "words:prime_lengths",
    r"(?:lengths?|letter\s+counts?|number\s+of\s+letters)\s+(?:that\s+(?:is|are)\s+|is\s+|are\s+)(?:a\s+)?prime",
    r"\bprime\s+number\s+of\s+(?:letters|characters)",
    needs=("prime",),
)
# IFBench's palindromes are ten, of five letters or more: a count or a length says so; "a poem about
# palindromes" or "two palindromes" asks no such thing (a wrong constraint is worse than none).
phrase(
    "words:palindrome",
    r"\b(?:10|ten)\s+(?:or\s+more\s+)?(?:[\w-]+\s+){0,2}?palindrom(?:es|ic\s+words)\b",
    r"\bpalindrom(?:es|ic\s+words)\b[^.\n]{0,40}?\b(?:5|five)\s+(?:letters|characters|chars)\b",
    needs=("palindrom",),
)
# ... and asked through someone who wants the text, which reads as the user's own account: "My word-nerd club
# wants a short story that includes at least 10 palindromes" (not "My club read a story with 10 palindromes").
_PALINDROMES_COUNTED = re.compile(
    r"\b(?:10|ten)\s+(?:or\s+more\s+)?(?:[\w-]+\s+){0,2}?palindrom(?:es|ic\s+words)\b", FLAGS
)
_TEXT_WANTED_BEFORE = re.compile(
    r"\b(?:wants?|needs?|asked\s+(?:me\s+)?for|would\s+like|(?:is|are)\s+looking\s+for|requested)\s+(?:a|an|some)\s+"
    rf"(?:[\w-]+\s+){{0,3}}?(?:{_END_TEXT_KINDS})s?\s+(?:that|which|with|where|using|including|containing)\b[^.!?\n]*$",
    FLAGS,
)


@rule
def palindromes_wanted(prompt: str) -> Iterator[RuleMatch]:
    match = _PALINDROMES_COUNTED.search(prompt) if mentions(prompt, "palindrom") else None
    low = sentence_span(prompt, match.start(), match.end())[0] if match else 0
    if match and _TEXT_WANTED_BEFORE.search(prompt, max(low, match.start() - 120), match.start()):
        # (the whole sentence states it: its subject is who wants the text, not whose the text is)
        yield RuleMatch("words:palindrome", {}, low, match.end())


# Words next to each other never start alike; "no two ..." or another negation in the sentence.
phrase(
    "words:no_consecutive",
    r"no\s+two\s+(?:consecutive|adjacent|neighbou?ring)\s+words",
    # "no two words next to each other start with the same letter"
    r"no\s+two\s+words\s+(?:that\s+are\s+|that\s+sit\s+)?(?:next\s+to\s+each\s+other|in\s+a\s+row|side\s+by\s+side)"
    r"[^.]{0,30}?(?:start|begin|share)",
    r"(?:\bnever|\bnot|n't|\bavoid\w*)\b[^.]{0,40}?\b(?:consecutive|adjacent|neighbou?ring)\s+words\b[^.]{0,20}?"
    r"(?:start|begin)\w*\s+with\s+the\s+same\s+letter",
    r"\b(?:consecutive|adjacent|neighbou?ring)\s+words\s+(?:(?:may|can|should|must|will)\s*(?:never|not|n't)|cannot|can't"
    r"|never|don't|do\s+not|mustn't|shouldn't|won't)\s+(?:ever\s+)?(?:start|begin|share)",
    # "Don't let two words in a row start with the same letter"
    r"\b(?:never|not|don't|dont|avoid)\s+(?:let|have|allow|letting|having|allowing)\s+(?:any\s+)?two\s+words\s+"
    r"(?:in\s+a\s+row|next\s+to\s+each\s+other|side\s+by\s+side)\s+(?:to\s+)?(?:start|begin|share)",
    needs=("consecutive", "adjacent", "neighbo", "next", "row", "side"),
)
# A sentence starts with the word the one before it ended with.
phrase(
    "words:last_first",
    r"last\s+word\s+of\s+(?:each|every)\s+sentence[^.]{0,40}first\s+word\s+of\s+the\s+(?:next|following)",
    # "Start each sentence with the last word of the sentence before"
    r"(?:start|begin)\s+(?:each|every)\s+(?:new\s+)?sentence\s+with\s+the\s+last\s+word\s+of\s+the\s+"
    r"(?:previous|preceding|prior|last|sentence\s+before|one\s+before)",
    r"(?:begins?|starts?)\s+with\s+the\s+last\s+word\s+of\s+the\s+(?:previous|preceding|prior)"
    r"(?:\s+(?:sentence|one))?|(?:begins?|starts?)\s+with\s+the\s+last\s+word\s+of\s+the\s+(?:sentence|one)\s+before",
    r"(?:start|begin)\w*\s+(?:each|every)\s+sentence\s+with\s+the\s+(?:same\s+)?word\s+that\s+ended\s+the\s+"
    r"(?:previous|preceding|prior|last)",
    # "every sentence begins with the word that ended the sentence before it"
    r"(?:each|every)\s+sentence\s+(?:starts|begins|opens)\s+with\s+the\s+(?:same\s+)?word\s+(?:that\s+)?"
    r"(?:ended|ends|closed|finished)\s+the\s+(?:previous|preceding|prior|last|sentence\s+before|one\s+before)",
    r"first\s+word\s+of\s+(?:each|every)\s+sentence\s+(?:is|should\s+be|must\s+be)\s+(?:the\s+same\s+as\s+)?the\s+last\s+"
    r"word\s+of\s+the\s+(?:previous|preceding|prior|one\s+before|sentence\s+before)",
    needs=("last", "ended"),
)
phrase(
    "words:paragraph_last_first",
    r"paragraph[^.]{0,30}(?:end|finish)(?:s|es)?\s+(?:with|on)\s+the\s+(?:same\s+)?word\s+(?:that\s+)?it\s+"
    r"(?:start|began|begin|open)",
    # (a poem's paragraphs are its stanzas: "every stanza starts and ends with the same word")
    r"(?:paragraph|stanza)[^.]{0,30}(?:start|begin)s?\s+and\s+ends?\s+with\s+the\s+same\s+word",
    r"(?:start|begin)\s+and\s+end\s+(?:each|every)\s+(?:paragraph|stanza)\s+with\s+the\s+same\s+word",
    # "a few paragraphs on kites, each one starting and ending with the same word"
    r"paragraphs\b[^.]{0,40}?\beach(?:\s+one)?\s+(?:starting|beginning)\s+and\s+ending\s+with\s+the\s+same\s+word",
    r"paragraph'?s?\s+(?:last|final)\s+word\s+(?:is|should\s+be|must\s+be)\s+the\s+same\s+as\s+its\s+first",
    needs=("paragraph", "stanza"),
)
# Each word starts with the letter after the previous word's first letter, round the alphabet.
phrase(
    "words:alphabet",
    r"(?:next|following)\s+letter\s+of\s+the\s+alphabet",
    r"\bwords\s+(?:run|go)\s+through\s+the\s+alphabet\s+in\s+order",
    # "the words start with consecutive letters of the alphabet"
    r"\bwords?\b[^.]{0,40}?\b(?:start|begin)s?\s+with\s+(?:consecutive|successive)\s+letters\s+of\s+the\s+alphabet",
    r"(?:each|every)\s+(?:next\s+)?word\b[^.]{0,80}?\b(?:follows|after|next)\b[^.]{0,60}?\balphabet",
    needs=("alphabet",),
)
phrase(
    "words:vowel",
    r"(?:only\s+)?(?:three|3)\s+(?:types?\s+of|kinds?\s+of|different|distinct)\s+vowels",
    # "use only the vowels a, e and i"
    r"\bonly\s+(?:the\s+)?vowels\s+[\"']?[aeiou][\"']?\s*,?\s*[\"']?[aeiou][\"']?\s*,?\s*(?:and|or)\s+[\"']?[aeiou]\b",
    needs=("vowel",),
)
phrase(
    "words:consonants",
    r"consonant\s+cluster",
    r"\b(?:two|2)\s+(?:consecutive\s+consonants|consonants\s+(?:next\s+to\s+each\s+other|in\s+a\s+row|together))",
    needs=("consonant",),
)
# Words alternate odd and even syllable counts, in either order of the words.
phrase(
    "words:odd_even_syllables",
    r"odd\s+and\s+even\s+(?:numbers\s+of\s+)?syllables?",
    # "Alternate odd- and even-syllable words"
    r"\bodd[\s-]+(?:and|&)\s+even[\s-]+syllables?\b",
    r"syllab\w*[^.]{0,40}?\b(?:odd\s+and\s+even|even\s+and\s+odd)\b",
    r"\balternat\w*[^.]{0,20}?\bodd\s+number\s+of\s+syllables\b[^.]{0,40}?\beven\b",
    # "alternates between words with an odd and an even number of syllables"
    r"\balternat\w*[^.]{0,60}?\b(?:an\s+)?(?:odd|even)\s+and\s+(?:an\s+)?(?:even|odd)\s+number\s+of\s+syllables",
    needs=("syllab",),
)
phrase(
    "sentence:alliteration_increment",
    r"consecutive\s+alliterative\s+words\s+than\s+the\s+previous",
    # the sentence before named any way: "than the previous one", "than the sentence before it"
    r"(?:more|longer)[^.]{0,40}alliterat\w*[^.]{0,30}than\s+(?:the\s+)?(?:previous|prior|preceding|last"
    r"|(?:one|sentence)\s+(?:(?:that\s+)?(?:came|comes|went)\s+)?before)",
    r"increasing(?:ly)?\s+(?:long|longer|more)[^.]{0,30}alliterat",
    needs=("alliterat",),
)
phrase(
    "ratio:sentence_type",
    r"(?:2:1|two[\s-]to[\s-]one)\s+ratio\s+of\s+declarative\s+(?:sentences\s+)?to\s+interrogative",
    r"\btwice\s+as\s+many\s+(?:declarative\s+sentences|statements)\s+as\s+(?:interrogative|questions)",
    # "two statements for every question"
    r"\b(?:two|2)\s+(?:declarative\s+sentences|statements)\s+(?:for|per)\s+(?:every|each)\s+(?:question|interrogative)",
    # the statements as the subject: "declarative sentences are twice as many as questions",
    # "statements should outnumber questions two to one"
    # (wanted, not told of: not "In my essay, statements are twice as many as questions")
    r"(?:\bso\s+(?:that\s+)?(?:the\s+)?(?:declarative\s+sentences|statements)\s+are|(?:declarative\s+sentences|statements)\s+"
    r"(?:should|must|need\s+to|have\s+to)\s+be)\s+twice\s+as\s+(?:many|numerous)\s+as\s+(?:interrogative|questions)",
    r"\b(?:declarative\s+sentences|statements)\s+(?:should\s+|must\s+)?outnumber\s+(?:the\s+)?(?:interrogative\s+sentences|questions)"
    r"\s+(?:2:1|two[\s-]to[\s-]one|by\s+two\s+to\s+one)",
    # "twice as many statements as questions" said with "double": "double the statements to questions"
    r"\bdouble\s+(?:the\s+)?(?:number\s+of\s+)?(?:declarative\s+sentences|statements)\s+(?:as|to|compared\s+to)\s+"
    r"(?:the\s+)?(?:interrogative|questions)",
    r"\bratio\s+of\s+(?:declarative\s+(?:sentences\s+)?|statements\s+)to\s+(?:interrogative|questions)\b[^.]{0,40}?"
    r"(?:2:1|two[\s-]to[\s-]one)",
    needs=("declarative", "statements"),
)
# The three kinds of sentence, by their names or as people call them.
_SENTENCE_TYPE = (
    r"(?:declarative|interrogative|exclamatory|statements|questions|exclamations)(?:\s+sentences)?"
)
phrase(
    "ratio:sentence_balance",
    r"ratio\s+of\s+sentence\s+types[^.]{0,90}balanced",
    r"balanced\s+(?:ratio|mix|number)\s+of\s+sentence\s+types",
    r"sentence\s+types\s+(?:are|is|should\s+be|must\s+be)\s+balanced",
    rf"\b(?:same|equal)\s+(?:number|numbers|count|counts)\s+of\s+(?:{_SENTENCE_TYPE},?\s+(?:and\s+)?){{2}}"
    rf"{_SENTENCE_TYPE}",
    r"\bas\s+many\s+statements\s+as\s+questions,?\s+and\s+as\s+many\s+questions\s+as\s+exclamations",
    needs=("sentence", "declarative", "statements", "exclamat"),
)
phrase(
    "count:punctuation",
    r"(?:every|each)\s+(?:standard\s+|single\s+)?punctuation\s+mark",
    r"all\s+(?:the\s+)?(?:standard\s+)?punctuation\s+marks",
    # the list that includes the interrobang, IFBench's own mark
    r"each\s+of\s+(?:these|the\s+following)\s+punctuation\s+marks(?=[^\n]{0,300}?interrobang)",
    needs=("punctuation",),
)
# What follows a quote when it is the answer's own words, not another quote or a name.
_OWN_WORDS = (
    r"(?:an?\s+|your\s+(?:own\s+)?)?(?:[\w-]+\s+){0,2}?(?:explanation|comment|commentary|note|interpretation"
    r"|analysis|reflection|remark|takeaway|thoughts?)s?\b"
)
phrase(
    "format:quote_unquote",
    r"quoted\s+phrases?[^.]{0,30}followed\s+by\s+(?:an\s+)?unquoted",
    r"\bafter\s+(?:each|every)\s+quot(?:ed|e|ation)\w*[^.]{0,40}?\bunquoted\b",
    r"\bfollow\s+(?:the|each|every|a|any)\s+quot(?:ed|e|ation)\w*(?:\s+(?:phrase|text|words?))?\s+with\s+(?:an?\s+)?unquoted",
    # "do not put two quotes back to back", "no two quotes sit next to each other"
    r"\btwo\s+quot(?:es|ations)\s+(?:\w+\s+){0,2}?(?:back\s+to\s+back|next\s+to\s+each\s+other|in\s+a\s+row)",
    # Each quote followed by words of the answer's own: "follow each quote with a short explanation",
    # "every quotation should be followed by your comment", "after each quote, explain it"
    rf"\bfollow\s+(?:each|every)\s+quot(?:e|ation)\s+with\s+{_OWN_WORDS}",
    rf"\b(?:each|every)\s+quot(?:e|ation)\s+(?:(?:should|must|has\s+to|needs\s+to|will)\s+be\s+|is\s+)?"
    rf"followed\s+by\s+{_OWN_WORDS}",
    r"\bafter\s+(?:each|every)\s+quot(?:e|ation)\s*,?\s+(?:explain|comment\s+on|interpret|add\s+(?:an?\s+)?"
    r"(?:explanation|comment|note))\b",
    # the quotes asked for, then "each followed by" words of the answer's own: "some quotes about patience,
    # each followed by a short explanation"
    rf"\bquot(?:e|ation)s\b[^.]{{0,40}}?,?\s+(?:each|every\s+one)\s+(?:of\s+them\s+)?followed\s+by\s+{_OWN_WORDS}",
    needs=("quot",),
)
# Prose sentences first, then bullet points.
phrase(
    "format:no_bullets_bullets",
    r"(?:sentences?\s+(?:ending\s+in\s+a\s+period|of\s+(?:(?:plain|normal|regular|ordinary)\s+)?prose)"
    r"|\bprose\s+sentences?)[^.]{0,40}?"
    r"(?:followed\s+by|then)[^.]{0,40}?bullet\s+points",
    # "a few plain sentences first, then bullet points"
    r"\b(?:plain|regular|normal|ordinary)\s+sentences?\b[^.]{0,30}?(?:followed\s+by|then)[^.]{0,40}?bullet\s+points",
    # prose by any name, then bullets: "a short intro paragraph of plain prose, then switch to bullet points",
    # "some plain text first and after that bullets"
    # (not a text given: "Rewrite my prose, then list the changes as bullets")
    r"(?<!my\s)(?<!this\s)(?<!the\s)(?<!your\s)\b(?:prose|(?:plain|regular|normal|ordinary)\s+(?:text|paragraphs?))\b"
    r"[^.]{0,40}?"
    r"(?:followed\s+by|then|after\s+that|afterwards)[^.]{0,40}?\bbullet(?:\s+points|s)\b",
    needs=("bullet",),
)
phrase(
    "ratio:sentence_words",
    r"same\s+number\s+of\s+characters[^.]{0,40}different\s+words",
    # (three sentences only: the checker wants exactly three; "that all have exactly the same number of
    # characters", "of equal length in characters", "with identical character counts")
    r"\b(?:three|3)\s+sentences\b[^.]{0,60}?\b(?:same|equal|identical)\s+(?:number\s+of\s+characters"
    r"|length\s+in\s+characters|character\s+counts?|(?:length|count)\s+of\s+characters)",
    r"\b(?:three|3)\s+sentences\b[^.]{0,60}?\b(?:equal|identical|the\s+same)\s+in\s+(?:character\s+)?length\b"
    r"(?=[^.]{0,30}?\bcharacters?\b)",
    needs=("character",),
)
phrase("repeat:repeat_simple", r"(?:only|just)\s+output\s+this\s+sentence(?:\s+here)?\b", needs=("output",))
phrase(
    "custom:character_reverse",
    r"reverse\s+order[^.]{0,40}per\s+letter",
    r"(?:backwards?|reversed?|in\s+reverse)[^.]{0,30}?(?:letter\s+by\s+letter|per\s+letter|character\s+by\s+character)",
    r"(?:letter\s+by\s+letter|character\s+by\s+character)[^.]{0,20}?(?:backwards|reversed|in\s+reverse)",
    needs=("letter", "character"),
)
# Sentences through the alphabet, A to Z, said without the count: "each sentence starts with the next letter
# of the alphabet: the first with A, the second with B", "sentences that go from A to Z" (each word through
# the alphabet is words:alphabet).
phrase(
    "custom:sentence_alphabet",
    r"\b(?:each|every)\s+(?:new\s+)?sentence\s+(?:(?:should|must|has\s+to|needs\s+to|will)\s+)?(?:starts?|begins?|opens?)"
    r"\s+with\s+the\s+(?:next|following)\s+letter\s+(?:of|in)\s+the\s+alphabet",
    r"\b(?:start|begin|open)\s+(?:each|every)\s+(?:new\s+)?sentence\s+with\s+the\s+(?:next|following)\s+letter\s+"
    r"(?:of|in)\s+the\s+alphabet",
    r"\bsentences?\b[^.\n]{0,60}?\bfirst\s+(?:one\s+|sentence\s+)?(?:(?:starts?|begins?|opens?)\s+)?with\s+(?:an?\s+)?"
    r"[\"'‘“]?(?-i:A)[\"'’”]?\s*,\s*(?:the\s+)?(?:second|next)\s+(?:one\s+)?(?:(?:starts?|begins?)\s+)?with\s+"
    r"(?:a\s+)?[\"'‘“]?(?-i:B)\b",
    needs=("alphabet",),
)
_A_TO_Z_SENTENCES = re.compile(
    r"\bsentences\s+(?:that\s+|which\s+)?(?:go(?:es)?|run|runs|going|running)\s+(?:through\s+the\s+alphabet\s+)?from\s+"
    r"(?-i:A)\s+(?:to|through|thru)\s+(?-i:Z)\b",
    FLAGS,
)
_Z = frozenset({"z"})


# "First sentence starts with A, second with B, all the way to Z"
_A_THEN_B = re.compile(
    r"\bfirst\s+(?:one|sentence)\s+(?:(?:should|must)\s+)?(?:starts?|begins?|opens?)\s+with\s+(?:an?\s+)?[\"'‘“]?(?-i:A)[\"'’”]?"
    r"\s*,\s*(?:the\s+)?(?:second|next)\s+(?:one\s+|sentence\s+)?(?:(?:starts?|begins?)\s+)?with\s+(?:a\s+)?[\"'‘“]?(?-i:B)\b",
    FLAGS,
)
_B = frozenset({"b"})


@rule
def sentences_a_to_z(prompt: str) -> Iterator[RuleMatch]:
    match = _A_TO_Z_SENTENCES.search(prompt) if mentions_any(prompt, _Z) else None
    if match is None and mentions_any(prompt, _B):
        match = _A_THEN_B.search(prompt)
    if match and is_directive(prompt, match.start(), match.end()):
        yield RuleMatch("custom:sentence_alphabet", {}, match.start(), match.end())


phrase(
    "custom:word_reverse",
    r"reverse\s+order[^.]{0,40}per\s+word",
    r"revers\w*\s+the\s+order\s+of\s+the\s+words",
    # "Reverse the words of a sentence about the bald eagle"
    r"revers\w*\s+the\s+words\s+(?:of|in)\s+(?:a|the|one|your)\s+sentence\s+about\s+(?:a|the)\s+bald\s+eagle",
    r"(?:backwards?|reversed?|in\s+reverse)[^.]{0,30}?(?:word\s+by\s+word|per\s+word)",
    needs=("revers", "backward"),
)


# "Between 40 and 60 words" is IFBench's range; "40-60 words" and "40 to 60 words" are two IFEval
# bounds (length_constraints:number_words), as IFEval's own prompts state them. A range named as
# one ("anywhere from 40 to 60 words", "a word count between 40 and 60") is IFBench's too.
_WORD_RANGE = re.compile(
    rf"(?:between|anywhere\s+from)\s+(?P<lo>{NUMBER})\s*(?:\s(?:and|to)\s|-|–)\s*(?P<hi>{NUMBER})\s+words"
    rf"|\bword\s+count\s*(?::\s*|(?:of|is|should\s+be|must\s+be)\s+)?(?:(?:somewhere|anywhere)\s+)?(?:between|from)\s+"
    rf"(?P<lo2>{NUMBER})\s+(?:and|to)\s+(?P<hi2>{NUMBER})\b"
    # a label and its range, the clause closing: "Word count: 250-300."
    rf"|\bword\s+count\s*:\s*(?P<lo4>{NUMBER})\s*(?:-|–|\sto\s)\s*(?P<hi4>{NUMBER})(?:\s+words)?\s*(?=[.;,\n]|$)",
    FLAGS,
)
# "in the 80-100 word range", "an 80 to 100 word range" (tried only where a count starts)
_NAMED_RANGE = re.compile(
    rf"(?P<lo3>{NUMBER})\s*(?:\sto\s|-|–)\s*(?P<hi3>{NUMBER})[\s-]+word\s+range\b",
    FLAGS,
)


_RANGE_GROUPS = (("lo", "hi"), ("lo2", "hi2"), ("lo3", "hi3"), ("lo4", "hi4"))
_RANGE = frozenset({"range"})


@rule
def word_count_range(prompt: str) -> Iterator[RuleMatch]:
    match = _WORD_RANGE.search(prompt)
    if match is None and mentions_any(prompt, _RANGE):
        match = search_at_counts(_NAMED_RANGE, prompt)
    if match:
        found = match.groupdict()
        low, high = next((found[a], found[b]) for a, b in _RANGE_GROUPS if found.get(a))
        kwargs = {"min_words": parse_number(low), "max_words": parse_number(high)}
        yield RuleMatch("count:word_count_range", kwargs, match.start(), match.end())


def _counted(constraint_id: str, key: str, *patterns: str, needs: tuple[str, ...] = ()) -> Rule:
    """A rule for one count, group ``n`` of the first of ``patterns`` that matches. ``needs``: word
    stems one of which every match contains (a prompt without them is not searched)."""
    compiled = [(re.compile(p, FLAGS), _COUNT_LED.match(p) is not None) for p in patterns]

    def find(prompt: str) -> Iterator[RuleMatch]:
        if needs and not mentions(prompt, *needs):
            return
        found = (search_at_counts(p, prompt) if led else p.search(prompt) for p, led in compiled)
        match = next((m for m in found if m), None)
        if match:
            yield RuleMatch(constraint_id, {key: parse_number(match.group("n"))}, match.start(), match.end())

    return rule(find)


def _minimum(constraint_id: str, key: str, noun: str, needs: tuple[str, ...]) -> Rule:
    """IFBench's minimum counts of ``noun`` in any wording of "at least": "at least 5 X", "no
    fewer than 5 X", "5 or more X", "a minimum of 5 X", "more than 4 X". The noun is found first
    and the count read just before it (the noun is rare; counts are everywhere)."""
    nouns = re.compile(rf"\b{noun}", FLAGS)

    def find(prompt: str) -> Iterator[RuleMatch]:
        if not mentions(prompt, *needs):
            return
        for found in nouns.finditer(prompt):
            count = _COUNT_BEFORE.search(prompt, max(0, found.start() - 40), found.start())
            minimum = _minimum_bound(prompt, count) if count else None
            if count and minimum is not None:
                yield RuleMatch(constraint_id, {key: minimum}, count.start(), found.end())
                return

    return rule(find)


# The count, and an adjective that only says the things differ: "at least 10 different pronouns"
_COUNT_BEFORE = re.compile(
    rf"(?P<q>{QUANTITY})\s+(?:(?:different|distinct|separate|individual|personal)\s+)?$", FLAGS
)


def _minimum_bound(prompt: str, count: re.Match[str]) -> int | None:
    """The count's value when it states a minimum alone (not a range, not a limit)."""
    found = [negated(prompt, count.start("q"), b) for b in bounds(count.group("q"))]
    return found[0].value if [b.relation for b in found] == ["at least"] else None


_counted("count:numbers", "N", rf"\b(?:exactly|precisely)\s+(?P<n>{NUMBER})\s+numbers?\b", needs=("number",))
_minimum(
    "count:unique_word_count",
    "N",
    # not "5 different words for 'big'": words asked for, not the answer's vocabulary
    r"(?:unique|distinct)\s+words|different\s+words(?!\s+(?:for|that|meaning|to|like|which|related|starting|ending))",
    needs=("unique", "distinct", "different"),
)
_minimum("count:pronouns", "N", r"pronouns", needs=("pronoun",))
_minimum(
    "count:conjunctions",
    "small_n",
    r"(?:(?:different|distinct)\s+)?(?:coordinating\s+)?conjunctions",
    needs=("conjunction",),
)
_minimum(
    "count:person_names",
    "N",
    # (a kind of name too: "6 different people by first name", "5 characters by their full names",
    # "at least 4 named people", "3 people's names")
    r"(?:different\s+)?(?:person\s+names|(?:people|persons|characters)\s+by\s+(?:their\s+)?(?:first\s+|full\s+|given\s+"
    r"|last\s+)?names?|(?:people|person)'s\s+names|named\s+(?:people|persons|characters)"
    r"|(?:people|persons|names)\s+from\s+(?:this|the\s+following|these)\b|of\s+(?:these|the\s+following)\s+names)",
    needs=("name", "people", "person", "character"),
)
# "Name at least 3 different people in the story"
_NAME_PEOPLE = re.compile(
    rf"\bname\s+{Q}\s+(?:different\s+|distinct\s+|separate\s+)?(?:real\s+|fictional\s+)?"
    # (in the text asked for: "Name at least 3 people who changed history" is a task, not a count of names)
    r"(?:people|persons|characters|individuals)\s+(?:by\s+name\s+)?(?:in|throughout)\s+(?:the|your|this|it)\b",
    FLAGS,
)


@rule
def people_named(prompt: str) -> Iterator[RuleMatch]:
    for match in _NAME_PEOPLE.finditer(prompt) if mentions_any(prompt, _NAME) else ():
        found = [negated(prompt, match.start("q"), b) for b in bounds(match.group("q"))]
        if [b.relation for b in found] == ["at least"]:
            yield RuleMatch("count:person_names", {"N": found[0].value}, match.start(), match.end())
            return


_NAME = frozenset({"name"})
_counted(
    "words:repeats",
    "small_n",
    rf"\b(?:any|a|each|every|no|the\s+same)\s+(?:single\s+)?word\b[^.]{{0,30}}?"
    rf"(?:more\s+than|exceed)\s+(?P<n>{NUMBER})(?:\s+(?:times|repetitions)|(?<=ce)\b)",
    rf"\b(?:use|repeat)\s+(?:each|every|any)\s+(?:single\s+)?word\s+(?:at\s+most|no\s+more\s+than|up\s+to)\s+"
    rf"(?P<n>{NUMBER})(?:\s+times|(?<=ce)\b)",
)
_counted(
    "sentence:increment",
    "small_n",
    rf"\b(?P<n>{NUMBER})\s+more\s+words?\s+than\s+the\s+(?:previous|one\s+before|sentence\s+before|last|prior)",
    rf"\b(?P<n>{NUMBER})\s+words?\s+longer\s+than\s+the\s+(?:previous|one\s+before|sentence\s+before|last)",
    rf"\bgrows?\s+by\s+(?:exactly\s+)?(?P<n>{NUMBER})\s+words?\b",
    needs=("previous", "before", "last", "grow"),
)
_counted(
    "count:words_japanese",
    "N",
    r"(?:every|each)\s+(?P<n>\d+)(?:st|nd|rd|th)\s+word\b[^.]{0,40}?japanese",
    needs=("japanese",),
)
# ... the nth said in words: "Every fourth word should be in Japanese"
_JAPANESE_NTH = re.compile(rf"(?:every|each)\s+(?P<n>{ORDINAL})\s+word\b[^.]{{0,40}}?japanese", FLAGS)


_JAPANESE = frozenset({"japanese"})


@rule
def japanese_every_nth(prompt: str) -> Iterator[RuleMatch]:
    match = _JAPANESE_NTH.search(prompt) if mentions_any(prompt, _JAPANESE) else None
    if match and not match.group("n")[0].isdigit():  # (digits: the rule above)
        n = parse_ordinal(match.group("n"))
        yield RuleMatch("count:words_japanese", {"N": n}, match.start(), match.end())


_AT_MOST = r"(?:no\s+more\s+than|under|below|less\s+than|fewer\s+than|at\s+most|max(?:imum)?\s+of|up\s+to)"
_STOP_WORDS_AT_MOST = rf"{_AT_MOST}\s+(?P<n>\d+)\s*%"
# ... or, after "stop words", a limit turned down: "can't be more than 20%", "shouldn't exceed 30%"
_STOP_WORDS_NOT_OVER = (
    rf"(?:{_AT_MOST}|(?:can't|cannot|can\s+not|shouldn't|should\s+not|mustn't|must\s+not|may\s+not|not)\s+(?:be\s+)?"
    r"(?:more\s+than|over|above|exceed))\s+(?P<n>\d+)\s*%"
)
_counted(
    "ratio:stop_words",
    "percentage",
    rf"stop\s*words[^.!?\n]{{0,40}}?{_STOP_WORDS_NOT_OVER}",
    # "no more than 20% of your words are stop words"
    rf"{_STOP_WORDS_AT_MOST}\s+of\s+(?:the\s+|your\s+|all\s+)?(?:\w+\s+){{0,2}}?words\s+(?:are|be|is)\s+stop\s*words",
    # "Use fewer than 20% stop words", "keep it to under 15 % stopwords" (after a verb of using: not "Under
    # 50% stop words seems low")
    r"\b(?:use|using|keep|keeping|have|having|with|contain|containing|include|including)\b[^.!?\n]{0,20}?"
    rf"{_STOP_WORDS_AT_MOST}\s+(?:of\s+)?stop\s*words\b",
    needs=("stop",),
)


_ORD_SUFFIX = r"-?(?:st|nd|rd|th)"
_KEYWORD_AT = re.compile(
    rf"keyword\s+{_WORD_TOKEN}\s+in\s+the\s+(?P<n>\d+){_ORD_SUFFIX}\s+sentence"
    rf"(?:,?\s+as\s+the\s+(?P<m>\d+){_ORD_SUFFIX}\s+word)?",
    FLAGS,
)


@rule
def keyword_in_sentence(prompt: str) -> Iterator[RuleMatch]:
    for match in _KEYWORD_AT.finditer(prompt):
        word, n = match.group("word"), int(match.group("n"))
        if match.group("m"):
            kwargs = {"keyword": word, "n": n, "m": int(match.group("m"))}
            yield RuleMatch("words:keywords_specific_position", kwargs, match.start(), match.end())
        else:
            yield RuleMatch("sentence:keyword", {"word": word, "N": n}, match.start(), match.end())
    for match in _WORD_AS_NTH.finditer(prompt):
        n, m = _position(match.group("n")), _position(match.group("m"))
        kwargs = {"keyword": match.group("word"), "n": n, "m": m}
        yield RuleMatch("words:keywords_specific_position", kwargs, match.start(), match.end())
    for match in _WORD_OF_NTH.finditer(prompt):
        nth = _NTH_WORD_BEFORE.search(prompt, max(0, match.start() - 20), match.start())
        if nth:
            n, m = _position(match.group("n")), _position(nth.group("m"))
            kwargs = {"keyword": match.group("word"), "n": n, "m": m}
            yield RuleMatch("words:keywords_specific_position", kwargs, nth.start(), match.end())
    if not mentions(prompt, "sentence"):
        return
    for match in _NTH_WORD_OF_SENTENCE.finditer(prompt):
        kwargs = {
            "keyword": match.group("word"),
            "n": _position(match.group("n") or match.group("n2")),
            "m": _position(match.group("m")),
        }
        yield RuleMatch("words:keywords_specific_position", kwargs, match.start(), match.end())
    for match in _WORD_IN_NTH_SENTENCE.finditer(prompt):
        n = _position(next(g for g in match.group("n", "n2", "n3", "n4") if g))
        kwargs = {"word": match.group("word") or match.group("word2"), "N": n}
        yield RuleMatch("sentence:keyword", kwargs, match.start(), match.end())
    for match in _NUMBERED_SENTENCE_HAS.finditer(prompt):
        n = parse_number(match.group("n") or match.group("n2"))
        kwargs = {"word": match.group("word") or match.group("word2"), "N": n}
        yield RuleMatch("sentence:keyword", kwargs, match.start(), match.end())
    for match in _SENTENCE_CONTAINS.finditer(prompt):
        nth = _NTH_BEFORE.search(prompt, max(0, match.start() - 30), match.start())
        if nth:
            kwargs = {"word": match.group("word"), "N": _position(nth.group("n"))}
            yield RuleMatch("sentence:keyword", kwargs, nth.start(), match.end())


def _position(text: str) -> int:
    """A place in order: "4", "4th", "4-th", "fourth"."""
    return int(text) if text.isdigit() else parse_ordinal(text.replace("-", ""))


# "Include 'zebra' as the 3rd word of the 4th sentence"
_NTH = rf"(?:\d+{_ORD_SUFFIX}|{ORDINAL})"
_WORD_AS_NTH = re.compile(
    rf"(?:keyword\s+|the\s+word\s+)?[\"“'‘]?(?<![\w-])(?P<word>[\w-]+)[\"”'’]?\s+"
    # "... as the 3rd word"; a quoted word also "(should be) the 3rd word": "make 'current' the 4th word"
    r"(?:as|(?<=[\"”'’]\s)(?:(?:should|must|has\s+to|needs\s+to|will)\s+be\s+|is\s+|be\s+)?(?=the))"
    rf"\s*the\s+(?P<m>{_NTH})\s+word\s+"
    rf"(?:of|in)\s+the\s+(?P<n>{_NTH})\s+sentence",
    FLAGS,
)
# "Make the 3rd word of the 2nd sentence 'river'", "the 3rd word of the 2nd sentence must be 'river'":
# found from "word" on (a literal start keeps the scan fast), the word's place read just before it.
_WORD_OF_NTH = re.compile(
    rf"word\s+(?:of|in)\s+the\s+(?P<n>{_NTH})\s+sentence\s+"
    r"(?:(?:should|must|has\s+to|needs\s+to|will)\s+be\s+|is\s+)?(?:the\s+word\s+)?"
    r"[\"“'‘](?P<word>[\w-]+)[\"”'’]",
    FLAGS,
)
_NTH_WORD_BEFORE = re.compile(rf"\bthe\s+(?P<m>{_NTH})\s+$", FLAGS)
# "In sentence number 11, the 4th word has to be 'lantern'"
_NTH_WORD_OF_SENTENCE = re.compile(
    # (or "In the 2nd sentence of your answer, the 4th word must be 'river'")
    rf"\b(?:sentence\s+(?:number\s+)?(?P<n>\d+)|the\s+(?P<n2>{_NTH})\s+sentence(?:\s+of\s+(?:your|the)\s+[\w-]+)?),?\s+"
    rf"the\s+(?P<m>{_NTH})\s+word\s+(?:has\s+to|must|should|needs\s+to)\s+be\s+{_WORD_TOKEN}",
    FLAGS,
)
# A word anywhere in one sentence: "put 'owl' somewhere in sentence 4", "in the 4th sentence"
_WORD_IN_NTH_SENTENCE = re.compile(
    rf"\b(?:put|use|include|place|mention|drop|work|slip|get|have)\s+(?:the\s+(?:key)?word\s+)?{_WORD_TOKEN}\s+"
    r"(?:somewhere\s+)?(?:in|into)\s+"
    rf"(?:sentence\s+(?:number\s+)?(?P<n>\d+)\b|(?:the|your)\s+(?P<n2>{_NTH})\s+sentence\b)(?!,?\s+as\s+the)"
    # the word as the subject: "The word 'lantern' has to appear in the 3rd sentence"
    rf"|(?:\bthe\s+(?:key)?word\s+[\"“'‘]?|[\"“'‘])(?P<word2>[\w-]+)[\"”'’]?\s+"
    # ("make sure the word 'pancakes' is in the third sentence", "... ends up in the 2nd sentence")
    r"(?:(?:has\s+to|have\s+to|needs?\s+to|must|should|will|is\s+to|to)\s+)?(?:appears?|(?:show|shows|pop|pops|turn|turns"
    r"|end|ends)\s+up|be\s+used|is\s+used|occurs?|be|is|goes|go|lands?|sits?)\s+(?:somewhere\s+)?in\s+"
    rf"(?:sentence\s+(?:number\s+)?(?P<n3>\d+)\b|the\s+(?P<n4>{_NTH})\s+sentence\b)(?!,?\s+as\s+the)"
    # (the answer's sentence, not one of the user's text: "... is in the third sentence of my essay")
    r"(?!\s+of\s+(?:my|our|his|her|their|this|that)\b)",
    FLAGS,
)
# "your 4th sentence contains 'owl'": the verb found first, the ordinal read just before "sentence"
_SENTENCE_CONTAINS = re.compile(
    r"\bsentence\s+(?:must\s+|should\s+|has\s+to\s+|needs\s+to\s+)?(?:contains?|includes?|has|uses?)\s+"
    rf"(?:the\s+(?:key)?word\s+)?{_WORD_TOKEN}",
    FLAGS,
)
_NTH_BEFORE = re.compile(rf"\b(?:the|your)\s+(?P<n>{_NTH})\s+$", FLAGS)
# The sentence by its number: "Sentence 4 has to contain 'lantern'", "In sentence number two, include the word
# 'harvest'"
_NUMBERED_SENTENCE_HAS = re.compile(
    # (the answer's sentence, not the user's: "My sentence 2 has the word 'their'")
    rf"\bsentence(?<!my\ssentence)(?<!our\ssentence)(?<!this\ssentence)\s+(?:number\s+|#\s*)?(?P<n>{NUMBER})\s+"
    r"(?:must\s+|should\s+|has\s+to\s+|needs\s+to\s+)?"
    rf"(?:contains?|includes?|has|uses?)\s+(?:the\s+(?:key)?word\s+)?{_WORD_TOKEN}"
    rf"|\bin\s+sentence\s+(?:number\s+|#\s*)?(?P<n2>{NUMBER})\s*,\s*(?:please\s+)?(?:include|use|put|mention)\s+"
    rf"(?:the\s+(?:key)?word\s+)?[\"“'‘]?(?P<word2>[\w-]+)[\"”'’]?",
    FLAGS,
)


# IFBench's five keywords come with fixed counts: once, twice, three, five and seven times.
_KEYWORD_TIMES = re.compile(
    r"(?:keyword\s+[\"“'‘]?(?P<word>[\w-]+)[\"”'’]?|[\"“'‘](?P<quoted>[\w-]+)[\"”'’])\s+"
    rf"(?:(?:appears?|shows?\s+up|occurs?)\s+)?(?P<times>once|twice|(?:{NUMBER})\s+times)\b",
    FLAGS,
)
_FIVE_COUNTS = [1, 2, 3, 5, 7]


@rule
def keywords_multiple(prompt: str) -> Iterator[RuleMatch]:
    found = list(_KEYWORD_TIMES.finditer(prompt))
    counts = [parse_number(m.group("times").split()[0]) for m in found]
    if sorted(counts) == _FIVE_COUNTS:  # in any order: "'b' seven times, 'a' once, ..."
        by_count = sorted(zip(counts, found, strict=True), key=lambda pair: pair[0])
        kwargs = {
            f"keyword{i}": m.group("word") or m.group("quoted") for i, (_, m) in enumerate(by_count, start=1)
        }
        yield RuleMatch("count:keywords_multiple", kwargs, found[0].start(), found[-1].end())


_SECOND = r"(?:second|2nd)"
_SECOND_LAST = rf"{_SECOND}[\s-]+(?:to[\s-]+)?last\s+word"
_SECOND_WORDS = re.compile(
    rf"{_SECOND}\s+word\s+(?:(?:in|of)\s+(?:your|the)\s+(?:response|answer|reply)\s+)?and\s+the\s+{_SECOND_LAST}[^.]{{0,40}}?"
    # (or the word right after: "Make the 2nd word and the 2nd to last word 'really'")
    rf"(?:(?:should|must)\s+(?:both\s+)?be\s+(?:the\s+word\s+)?|\bthe\s+word\s+|\bare\s+both\s+|(?<=word)\s+(?=[\"“'‘])){_WORD_TOKEN}"
    # "make 'owl' both the second word and the second-to-last word"
    rf"|\bmake\s+(?:the\s+word\s+)?[\"“'‘]?(?P<word2>[\w-]+)[\"”'’]?\s+(?:both\s+)?the\s+{_SECOND}\s+word\s+(?:of\s+(?:your|the)\s+\w+\s+)?"
    rf"(?:and|as\s+well\s+as)\s+(?:also\s+)?the\s+{_SECOND_LAST}"
    # the word as the subject: "the word 'bright' is both the second word and the second-last word"
    rf"|[\"“'‘](?P<word3>[\w-]+)[\"”'’]\s+(?:is|should\s+be|must\s+be|has\s+to\s+be|needs\s+to\s+be)\s+(?:both\s+)?"
    rf"the\s+{_SECOND}\s+word\s+(?:of\s+(?:your|the)\s+\w+\s+)?(?:and|as\s+well\s+as)\s+(?:also\s+)?the\s+{_SECOND_LAST}",
    FLAGS,
)


@rule
def words_position(prompt: str) -> Iterator[RuleMatch]:
    match = _SECOND_WORDS.search(prompt) if mentions(prompt, "second", "2nd") else None
    if match:
        keyword = match.group("word") or match.group("word2") or match.group("word3")
        yield RuleMatch("words:words_position", {"keyword": keyword}, match.start(), match.end())


_SEPARATOR_INSTEAD = re.compile(
    r"instead\s+of\s+bullet\s+points,?\s+use\s+(?P<sep>\S+?)\.?(?:\s|$)"
    r"|\b(?:use|using)\s+(?:[\"'‘“](?P<sep3>[^\"'’”\s]+)[\"'’”]|(?P<sep2>\S+))\s+"
    r"(?:instead\s+of|rather\s+than|in\s+place\s+of)\s+(?:the\s+usual\s+)?bullet(?:\s+points|s)\b",
    FLAGS,
)
# "marking each item with '!?!?' instead of a bullet", "start every item of the list with '-' instead"
_ITEM_MARKER = re.compile(
    r"(?:\b(?:mark|start|begin|prefix)\w*\s+(?:each|every)\s+(?:item|entry|point)\s+(?:of\s+(?:the|your)\s+list\s+)?"
    # the item as the subject: "each item starts with '~' instead of a bullet"
    r"|\b(?:each|every)\s+(?:item|entry|point|line)\s+(?:(?:should|must|has\s+to|needs\s+to)\s+)?(?:starts?|begins?)\s+"
    # a participle after the items: "List the items, each marked with '>' instead of a bullet point"
    r"|\b(?:each|every)\s+(?:one\s+|item\s+|entry\s+|point\s+|line\s+)?(?:marked|prefixed|starting|beginning)\s+)"
    r"with\s+(?:[\"'‘“](?P<sep>[^\"'’”\n]+)[\"'’”]|(?P<sep2>[^\s\w]+)(?=[\s.,;]|$))",
    FLAGS,
)


# The marker first, then what it marks: "using '→' as the marker for each item", "put >> in front of
# every entry", "with '*-' before each point"
_MARKER_FOR_ITEMS = re.compile(
    r"\b(?:use|using|with|put|putting|place|placing)\s+(?:[\"'‘“](?P<sep>[^\"'’”\n]{1,5})[\"'’”]|(?P<sep2>[^\s\w]{1,5}))\s+"
    r"(?:as\s+(?:the|a|your)\s+(?:marker|bullet|prefix|symbol)\s+(?:for|of|on)"
    r"|to\s+(?:mark|start|begin|introduce)|before|in\s+front\s+of|at\s+the\s+start\s+of|for)\s+"
    r"(?:each|every|all\s+the)\s+(?:list\s+)?(?:item|entry|point|step|line)s?\b",
    FLAGS,
)
# ... in place of bullets, said in the same sentence: "instead of normal bullets", "not bullets"
_IN_PLACE_OF_BULLETS = re.compile(
    r"\b(?:instead|rather\s+than|in\s+place\s+of|not|no|don't|dont|without)\b[^.!?\n]{0,25}?\bbullet", FLAGS
)


# The sentence puts the marker in place of bullets.
def _item_marker(prompt: str) -> RuleMatch | None:
    for match in _MARKER_FOR_ITEMS.finditer(prompt):
        low, high = sentence_span(prompt, match.start(), match.end())
        if _IN_PLACE_OF_BULLETS.search(prompt, low, high):
            sep = match.group("sep") or match.group("sep2")
            return RuleMatch("format:list", {"sep": sep}, match.start(), match.end())
    for match in _ITEM_MARKER.finditer(prompt):
        low, high = sentence_span(prompt, match.start(), match.end())
        sentence = prompt[low:high]
        if re.search(r"\bbullet", sentence, FLAGS) and re.search(
            r"\binstead\b|\brather\s+than\b", sentence, FLAGS
        ):
            sep = match.group("sep") or match.group("sep2")
            return RuleMatch("format:list", {"sep": sep}, match.start(), match.end())
    return None


# The marker named as the bullet: "using '->' as the bullet marker instead of dashes", "use '>>' as your
# bullets", "swap the bullets for '~'", "replace the bullet points with '=>'"
_MARKER_AS_BULLET = re.compile(
    r"\b(?:use|using|with)\s+(?:[\"'‘“](?P<sep>[^\"'’”\n]{1,5})[\"'’”]|(?P<sep2>[^\s\w]{1,5}))\s+as\s+(?:the|a|your|my)\s+"
    r"(?:bullets?|bullet\s+(?:markers?|points?|symbols?|characters?)|(?:list|item)\s+(?:markers?|symbols?|prefix(?:es)?))\b"
    # "Use '=>' for the list markers, not bullets"
    r"|\b(?:use|using)\s+(?:[\"'‘“](?P<sep5>[^\"'’”\n]{1,5})[\"'’”]|(?P<sep6>[^\s\w]{1,5}))\s+(?:as|for)\s+(?:the|your|my)\s+"
    r"(?:list|item)\s+markers?\b(?=[^.!?\n]{0,20}?\b(?:not|instead|rather)\b)"
    r"|\b(?:replace|swap)\s+(?:the\s+|your\s+)?(?:usual\s+)?bullet(?:\s+point)?s?\s+(?:with|for)\s+"
    r"(?:[\"'‘“](?P<sep3>[^\"'’”\n]{1,5})[\"'’”]|(?P<sep4>[^\s\w]{1,5})(?=[\s.,;]|$))",
    FLAGS,
)


@rule
def list_separator(prompt: str) -> Iterator[RuleMatch]:
    bulleted = mentions(prompt, "bullet")
    named = _MARKER_AS_BULLET.search(prompt) if bulleted else None
    if named:
        sep = next(g for g in named.group("sep", "sep2", "sep3", "sep4", "sep5", "sep6") if g)
        yield RuleMatch("format:list", {"sep": sep}, named.start(), named.end())
        return
    match = _SEPARATOR_INSTEAD.search(prompt)
    if match:
        sep = match.group("sep") or match.group("sep2") or match.group("sep3")
        yield RuleMatch("format:list", {"sep": sep}, match.start(), match.end())
        return
    marker = _item_marker(prompt) if bulleted else None
    if marker:
        yield marker


# "one of the following options: a/b/c.", "one option from this list, without explaining: a/b/c?"
_OPTIONS = re.compile(
    r"\bone\s+(?:of\s+(?:the\s+following|these)\s+options|option\s+from\s+(?:this|the\s+following)\s+list)"
    r"[^:\n]{0,60}:\s*(?P<o>[^\n]+?)[.?](?:\s|$)"
    # a verb of answering, then "one of" and the list: "Answer with one of: absolutely/no way/it depends."
    r"|\b(?:answer|reply|respond|say|be)\w*\s+(?:only\s+|just\s+)?(?:with\s+)?(?:only\s+|just\s+|exactly\s+)?one\s+of"
    r"(?:\s+(?:these|the\s+following|the\s+options|the\s+choices)(?:\s+(?:options|choices|answers|words))?)?"
    r"(?:\s+only)?\s*:\s*(?P<o2>[^\n]+?(?:/|\bor\b|,)[^\n]+?)(?:[.?](?:\s|$)|$)"
    # "Pick one: yes/no/maybe.", "Choose only one of these: A/B/C" (options split by slashes)
    r"|\b(?:pick|choose|select)\s+(?:only\s+|just\s+)?one(?:\s+of\s+(?:these|the\s+following))?(?:\s+only)?\s*:\s*"
    r"(?P<o3>[^\s/.?]+(?:\s[^\s/.?]+)?(?:\s*/\s*[^\s/.?]+(?:\s[^\s/.?]+)?)+)(?:[.?](?:\s|$)|$)",
    FLAGS,
)
# No colon, the options split by slashes: "Reply with only one of Python/JavaScript/Either, no explanation",
# "your answer must be one of yes/no/maybe" (found from "one of", the verb checked before it).
_SLASHED_OPTIONS = re.compile(
    r"one\s+of\s+(?:these\s+|the\s+following\s+)?(?P<o4>[\w'-]+(?:\s*/\s*[\w'-]+)+)(?=\s*(?:[,.;!?)]|$))",
    FLAGS,
)
_CHOOSING_BEFORE = re.compile(
    r"\b(?:answer|reply|respond|say|pick|choose|select|be)\w*\s+(?:only\s+|just\s+)?(?:with\s+)?"
    r"(?:only\s+|just\s+|exactly\s+)?$",
    FLAGS,
)


def _slashed_options(prompt: str) -> re.Match[str] | None:
    found = (
        m
        for m in _SLASHED_OPTIONS.finditer(prompt)
        if _CHOOSING_BEFORE.search(prompt, max(0, m.start() - 40), m.start())
    )
    return next(found, None)


@rule
def options(prompt: str) -> Iterator[RuleMatch]:
    match = _OPTIONS.search(prompt) or (_slashed_options(prompt) if "/" in prompt else None)
    if match:
        groups = match.groupdict()
        found = groups.get("o") or groups.get("o2") or groups.get("o3") or groups.get("o4") or ""
        yield RuleMatch("format:options", {"options": found.strip()}, match.start(), match.end())


# The percentage: "a trigram overlap of 72%", "the trigram overlap with the text ... within 2 points of
# 72%", "share 35% of its character trigrams with this text".
_OVERLAP = re.compile(
    r"trigram\s+overlap\s+of\s+(?P<p>\d+(?:\.\d+)?)\s*%|(?P<p2>\d+(?:\.\d+)?)\s*%\s+trigram\s+overlap"
    r"|trigram\s+overlap\b[^%\n]{0,100}?(?P<p3>\d+(?:\.\d+)?)\s*%"
    r"|(?P<p4>\d+(?:\.\d+)?)\s*%\s+of\s+its\s+(?:character\s+)?trigrams"
    # "the overlap of character trigrams between your answer and this text should be about 30%"
    r"|overlap\s+(?:of|in)\s+(?:character\s+)?trigrams\b[^%\n]{0,100}?(?P<p5>\d+(?:\.\d+)?)\s*%",
    FLAGS,
)
# The reference written out after the instruction: "... with the following text: <text>", "The text: <text>".
_REFERENCE_LABEL = re.compile(r"\b(?:the\s+following\s+text|this\s+text|the\s+text)\b[^:\n]{0,40}:\s*", FLAGS)


@rule
def overlap(prompt: str) -> Iterator[RuleMatch]:
    match = _OVERLAP.search(prompt) if mentions(prompt, "trigram") else None
    if match is None:
        return
    percentage = float(next(p for p in match.group("p", "p2", "p3", "p4", "p5") if p))
    label = _REFERENCE_LABEL.search(prompt, match.start(), match.end() + 120)
    # Without a label, the reference text is the prompt without its constraint sentences;
    # extract_rules fills it in once every constraint's sentence is known.
    kwargs: dict[str, object] = {"percentage": percentage}
    if label and prompt[label.end() :].strip():
        kwargs["reference_text"] = prompt[label.end() :].strip()
    yield RuleMatch("ratio:overlap", kwargs, match.start(), match.end())


# (a text said back: "Say this sentence back to me but swap out the first word")
# (or written again: "Give me this sentence back ...", "Write this line again ...", "Copy this sentence ...")
_SAID_BACK = (
    r"\b(?:say|read|write|type|give(?:\s+me)?|hand\s+me|send(?:\s+me)?|copy|rewrite)\s+(?:this|the|my|the\s+following)"
    r"\s+(?:sentence|line|text|phrase)(?:\s+(?:back|again|out))?\b"
)
# The first word changed, said as what the copy has: "... but with a different first word", "using a new
# first word", "with only the first word swapped"
_FIRST_WORD_OTHER = (
    r"|\b(?:with|using|but\s+with|except\s+(?:for\s+)?)\s+(?:only\s+)?(?:a|the)\s+(?:different|new|another|other"
    r"|changed|swapped|replaced)\s+(?:first|opening|initial)\s+word"
    r"|\b(?:with|but\s+with)\s+(?:only\s+)?the\s+(?:first|opening)\s+word\s+(?:changed|swapped|replaced|different)"
)
_REPEAT_CHANGED = re.compile(
    rf"(?:{_REPEAT_VERB}|{_SAID_BACK})"
    + r"[^.\n;:]{0,80}?(?:"
    + _FIRST_WORD_CHANGED.pattern
    + _FIRST_WORD_OTHER
    + ")",
    FLAGS,
)
# The text to say back named by "this" and given after a colon: "Give me this sentence back ..., and nothing
# else: Yesterday we walked to the old mill."
_THIS_TEXT_AFTER_COLON = re.compile(
    r"\b(?:this|the\s+following)\s+(?:sentence|line|text|phrase)\b[^:\n]*:\s*(?P<rest>[^\n]+)", FLAGS
)
# A span of the request's words: "word 3 up to (not including) word 6", "indices 3 and 6", "[3:6]".
_SPAN = re.compile(
    r"\b(?:word|index|position)\s+(?P<a>\d+)\s+(?:up\s+)?to\b,?\s*(?:\(?(?:but\s+)?not\s+including\)?,?\s*)?"
    r"(?:word|index|position)\s+(?P<b>\d+)"
    r"|\bind(?:ex|ices)\s+(?P<a2>\d+)\s+(?:and|to|through)\s+(?P<b2>\d+)"
    r"|\[(?P<a3>\d+):(?P<b3>\d+)\]",
    FLAGS,
)
# The sentence asks for the words copied out: a verb of output, and the request or its words.
_SPAN_CUES = (
    re.compile(r"\b(?:copy|output|print|give)\b", FLAGS),
    re.compile(r"\b(?:request|prompt|words?)\b", FLAGS),
)


def _request_before_or_labelled(prompt: str, match: re.Match[str]) -> str:
    # "Request: ..." after the instruction names it; else it is the text before the instruction,
    # or, when the instruction opens the prompt, the rest of its line after a colon
    # ("Repeat this request ..., and don't answer it: Write a poem ...").
    low, _ = sentence_span(prompt, match.start(), match.end())
    before = prompt[:low].strip()
    after_colon = re.match(r"[^:\n]*:\s*(?P<rest>[^\n]+)", prompt[match.end() :])
    if not before and after_colon:
        before = after_colon.group("rest").strip()
    return _labelled_request(prompt, match.start()) or before


# Words counted as people count them, from 1 and both ends in: "copy only words 3 through 6", "the 2nd
# to the 5th word". IFBench's span counts from 0 and leaves its end out, so "words 3 through 6" is [2:6].
_COUNTED_SPAN = re.compile(
    r"\bwords\s+(?P<a>\d+)\s*(?:through|thru|to|till|until|-|–)\s*(?P<b>\d+)\b"
    rf"|\b(?:the\s+)?(?P<a2>{_NTH})\s+(?:word\s+)?(?:through|thru|to|till|until|-|–)\s+(?:the\s+)?(?P<b2>{_NTH})\s+words?\b",
    FLAGS,
)
_FROM_ZERO = re.compile(
    r"\b(?:count(?:ing)?\s+from\s+(?:0|zero)|zero[\s-]based|0[\s-](?:based|indexed))\b", FLAGS
)
_END_LEFT_OUT = re.compile(r"\bnot\s+including\b|\bexclusive\b", FLAGS)
# A span's text after a label of its own: "Sentence: Every great journey begins ..."
_SPAN_TEXT = re.compile(r"(?<![\w-])(?:sentence|text|line|passage|phrase)\s*:\s*(?P<rest>[^\n]+)", FLAGS)


def _word_span(prompt: str) -> re.Match[str] | None:
    # Only the sentences with the cue's verb are searched (a long prompt has few).
    searched = -1
    for verb in _SPAN_CUES[0].finditer(prompt) if mentions(prompt, "copy", "output", "print", "give") else ():
        low, high = sentence_span(prompt, verb.start(), verb.end())
        if low <= searched or not _SPAN_CUES[1].search(prompt, low, high):
            continue
        searched = low
        for match in itertools.chain(
            _SPAN.finditer(prompt, low, high), _COUNTED_SPAN.finditer(prompt, low, high)
        ):
            return match
    return None


def _span_bounds(prompt: str, match: re.Match[str]) -> tuple[int, int]:
    if match.re is _COUNTED_SPAN:
        a, b = (
            (match.group("a"), match.group("b"))
            if match.group("a")
            else (match.group("a2"), match.group("b2"))
        )
        first, last = _position(a), _position(b)
        low, high = sentence_span(prompt, match.start(), match.end())
        base = 0 if _FROM_ZERO.search(prompt, low, high) else 1
        return first - base, last - base + (0 if _END_LEFT_OUT.search(prompt, low, high) else 1)
    start, end = next((a, b) for a, b in (("a", "b"), ("a2", "b2"), ("a3", "b3")) if match.group(a))
    return int(match.group(start)), int(match.group(end))


def _span_text(prompt: str, match: re.Match[str]) -> str:
    labelled = _SPAN_TEXT.search(prompt, match.end())
    return labelled.group("rest").strip() if labelled else _request_before_or_labelled(prompt, match)


@rule
def repeat_with_changes(prompt: str) -> Iterator[RuleMatch]:
    change = _REPEAT_CHANGED.search(prompt) if mentions(prompt, "first") else None
    given = _THIS_TEXT_AFTER_COLON.match(prompt, change.start()) if change else None
    if change and given is None:
        given = _THIS_TEXT_AFTER_COLON.search(prompt, change.start(), change.end() + 200)
    request = (
        given.group("rest").strip()
        if given
        else _request_before_or_labelled(prompt, change)
        if change
        else ""
    )
    if change and request:
        yield RuleMatch("repeat:repeat_change", {"prompt_to_repeat": request}, change.start(), change.end())
    span = _word_span(prompt)
    request = _span_text(prompt, span) if span else ""
    if span and request:
        n_start, n_end = _span_bounds(prompt, span)
        kwargs = {"prompt_to_repeat": request, "n_start": n_start, "n_end": n_end}
        yield RuleMatch("repeat:repeat_span", kwargs, span.start(), span.end())
