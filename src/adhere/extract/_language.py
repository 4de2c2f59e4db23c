"""The response's language: a language name where it names the answer's language.

"Reply in Spanish please", "Your answer must be in German", "Write a haiku about
the sea in Italian" name it; "Translate this into French", "a film made in
Korean" and "the French word for 'butterfly'" do not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from adhere.constraints.ifeval._language import LANGUAGES
from adhere.extract._numbers import NUMBER
from adhere.extract._registry import FLAGS, RuleMatch, rule
from adhere.extract._scan import mentions, word_starts
from adhere.extract._sentences import (
    describes_a_thing,
    in_indirect_question,
    is_directive,
    others_asked,
    owned_by_another,
    sentence_span,
)

__all__ = ["response_language"]

_CODES = {name.lower(): code for code, name in LANGUAGES.items()}
# Other names people use for a language langdetect tells apart ("Chinese" alone names no script).
_CODES |= {"farsi": "fa", "filipino": "tl", "simplified chinese": "zh-cn", "traditional chinese": "zh-tw"}
# ... and the names people often misspell
_CODES |= {"portugese": "pt", "portuguise": "pt", "ukranian": "uk", "norweigan": "no", "hungarain": "hu"}
_NAMES = "|".join(re.escape(name) for name in sorted(_CODES, key=len, reverse=True))
# (a variety named before it: "in Brazilian Portuguese", "in formal German")
_VARIETY = (
    r"(?:(?:brazilian|european|british|american|mexican|castilian|latin\s+american|canadian|swiss|austrian|"
    r"standard|modern|simple|plain|formal|informal|colloquial|proper|everyday|fluent|perfect|native|natural"
    r"|(?:your|my)\s+best)\s+)?"
)
_LANGUAGE = rf"(?:the\s+)?{_VARIETY}(?P<lang>{_NAMES})\b(?:\s+language)?"

# Verbs (and nouns) of answering; up to eight words of the request may come before "in X".
_ANSWERING = (
    r"(?:answer|respond|response|reply|write|wrote|say|explain|tell|describe|output|text|give|compose|draft|create|need"
    r"|summari[sz]e|generate|prepare|make|redo|rewrite|rephrase|reword|send|provide|list)"
)
# The whole answer, stated outright.
_EXPLICIT = [
    re.compile(rf"{_LANGUAGE}(?:\s+only)?,?\s+(?:and\s+)?no\s+other\s+languages?", FLAGS),
    re.compile(rf"\b(?:only|entirely|solely|exclusively)\s+(?:in\s+|using\s+)?{_LANGUAGE}", FLAGS),
    re.compile(rf"(?:entire|whole)\s+(?:response|answer|reply|output)[^.]{{0,30}}?\bin\s+{_LANGUAGE}", FLAGS),
    re.compile(rf"\b(?:use|using)\s+(?:only\s+)?{_LANGUAGE}\s+(?:language\s+)?only", FLAGS),
    # a label standing alone: "Language: Spanish."
    re.compile(
        # (a list item too, and a region after it: "- Language: French", "Output language: Spanish (Mexico).")
        rf"(?:^|[\n.!?;]\s*)(?:[-*•]\s*)?(?:(?:response|answer|reply|output)\s+)?language\s*:\s*{_LANGUAGE}"
        r"(?:\s*\([^()\n]{0,30}\))?\s*(?:[\n.!?;]|$)",
        FLAGS,
    ),
]
# The answer or the thing asked for, in a language: checked against what else it may name.
_IN_LANGUAGE = [
    re.compile(rf"\b{_ANSWERING}\w*(?:\s+[\w'’—–-]+){{0,12}}?\s+in\s+{_LANGUAGE}", FLAGS),
    re.compile(rf"\bin\s+{_LANGUAGE}\s*,?\s*(?:please|pls|plz|only|thanks|thx)\b", FLAGS),
    # the answer's state: "everything must be in Dutch", or one of its listed requirements: "it should be
    # 2 paragraphs ..., no commas, and in French" (not "it should be a film in French": the film's)
    re.compile(
        r"\b(?:everything|the\s+whole\s+thing)\s+(?:should|must|has\s+to|needs\s+to|will)\s+be\b"
        rf"[^.!?\n]{{0,80}}?\b(?:written\s+|entirely\s+|all\s+)?in\s+{_LANGUAGE}\s*(?:[.!;,]|$)",
        FLAGS,
    ),
    re.compile(
        r"\b(?:it|this)\s+(?:should|must|has\s+to|needs\s+to|will)\s+be\b"
        rf"[^.!?\n]{{0,80}}?(?:,\s*|\s+and\s+)(?:and\s+)?(?:written\s+|entirely\s+|all\s+)?in\s+{_LANGUAGE}\s*(?:[.!;,]|$)",
        FLAGS,
    ),
    # a text asked for, by its kind: "This essay should be in Spanish" (not "it": "Recommend a movie; it
    # should be in French" names the movie's)
    re.compile(
        # ("The parents' letter must be written in Arabic", "the welcome email should be in Spanish")
        r"\b(?:this|the|your)\s+(?:whole\s+|entire\s+)?(?:[\w-]+(?:'s|s'|\s)\s*){0,2}?(?:essay|poem|story|email|letter|message|post|description|summary|"
        r"speech|toast|note|caption|tweet|review|explanation|paragraph|text|song|haiku|limerick|bio)\s+"
        rf"(?:should|must|has\s+to|needs\s+to|will)\s+be\s+(?:written\s+|entirely\s+|all\s+)?in\s+{_LANGUAGE}",
        FLAGS,
    ),
    # a fragment or list item of its own: "At least 150 words. In Spanish.", "1) in French 2) under 50 words"
    re.compile(
        r"(?:^|[.!?;:\n]|\d[.)]|[-*•])\s*(?:all\s+|only\s+|entirely\s+|written\s+)?in\s+"
        # (the next item may follow on the same line: "Rules: - in Turkish - no more than 50 words")
        rf"{_LANGUAGE}\s*(?:only|please|pls|plz)?\s*(?=[.!\n;]|\d[.)]|\s[-*•]\s|$)",
        FLAGS,
    ),
    # set off at the end of the request: "Tell me how photosynthesis works, in French."
    # or as a participle set off so: "Give me a bedtime story about a turtle, written in Hindi."
    # (and after another requirement: "shorter this time, and in french", "the sign text, but in Welsh")
    re.compile(
        rf"[,;—–]\s*(?:and\s+|but\s+)?(?:(?:all|entirely|completely)\s+)?in\s+{_LANGUAGE}\s*(?:[.!,;]|$)",
        FLAGS,
    ),
    # (a question asking for it too: "Could you give me a fable, written in German?")
    re.compile(rf"[,;—–]\s*(?:written|told|done)\s+in\s+{_LANGUAGE}\s*(?:[.!,;?]|$)", FLAGS),
    # "Could you do this in Japanese?", "Speak French to me"
    # ("do that again but in Japanese")
    re.compile(
        rf"\bdo\s+(?:this|it|that|the\s+whole\s+thing)\s+(?:(?:again|over)\s*,?\s+)?(?:but\s+)?in\s+{_LANGUAGE}",
        FLAGS,
    ),
    # "Put it in Spanish", "I'd like the whole thing in Polish", "Switch to French for this one"
    re.compile(
        rf"\bput\s+(?:it|this|that|everything|it\s+all)\s+in(?:to)?\s+{_LANGUAGE}\s*(?:[.!,;]|please|$)",
        FLAGS,
    ),
    re.compile(rf"\b(?:the\s+)?(?:whole|entire)\s+thing\s+in\s+{_LANGUAGE}", FLAGS),
    # "Answer in my native language (Polish)", "reply in my mother tongue, Greek"
    re.compile(
        rf"\b{_ANSWERING}\w*(?:\s+[\w'’-]+){{0,6}}?\s+in\s+(?:my|our)\s+(?:native|mother|first|home|own)\s+"
        rf"(?:language|tongue)\s*(?:\(\s*|,\s*|:\s*)(?P<lang>{_NAMES})\b",
        FLAGS,
    ),
    # "Stick to Italian for the whole reply", "stick with French please"
    re.compile(
        rf"\bstick\s+(?:to|with)\s+{_LANGUAGE}(?=\s*(?:only|please|pls|throughout|[.!,;]|$|for\s+(?:the|your)\s+"
        r"(?:whole\s+|entire\s+)?(?:reply|answer|response)))",
        FLAGS,
    ),
    # "can you keep it in German?", "keep everything in Spanish"
    re.compile(
        rf"\bkeep\s+(?:it|this|that|everything|it\s+all|the\s+(?:whole|entire)\s+thing)\s+(?:all\s+)?in\s+{_LANGUAGE}",
        FLAGS,
    ),
    # a reply to an earlier answer: "Same thing but in Italian", "Now give me that again in Portuguese",
    # "Write it in Spanish instead", "in German this time"
    re.compile(
        # ("same but in french", "same one, in Dutch")
        rf"\b(?:same(?:\s+(?:thing|one|again|text|answer|message|email))?|again|once\s+more|one\s+more\s+time)\s*,?\s+"
        rf"(?:but\s+)?(?:all\s+)?in\s+{_LANGUAGE}",
        FLAGS,
    ),
    re.compile(rf"\bin\s+{_LANGUAGE}\s+(?:this\s+time|instead|from\s+now\s+on)\b", FLAGS),
    re.compile(
        rf"(?:^|[.!?:\n]\s*|\b(?:please|pls|you)\s+)switch\s+(?:over\s+)?to\s+{_LANGUAGE}"
        r"(?!\s+(?:class|mode|keyboard|settings?|layout|subtitles|audio)\b)",
        FLAGS,
    ),
    # the name alone with "only" or "please": "Spanish only please.", "Job posting for a line cook — Spanish
    # please."
    re.compile(
        rf"(?:^|[.!?:\n—–]\s*)(?P<lang>{_NAMES})\s+only\s*,?\s*(?:please|pls|plz|thanks)?\s*(?:[.!]|$)", FLAGS
    ),
    re.compile(rf"(?:^|[.!?:\n—–]\s*)(?P<lang>{_NAMES})\s*,?\s+(?:please|pls|plz)\s*(?:[.!]|$)", FLAGS),
    # asked for as a thing to get: "Could I get that in French?", "Can I have it in Italian?", "I'd like it
    # in Greek"
    re.compile(
        r"\b(?:(?:can|could|may)\s+(?:i|we)\s+(?:get|have|see)|(?:i'd|i\s+would|we'd)\s+(?:like|love|prefer))\s+"
        rf"(?:it|that|this|one|the\s+(?:answer|response|reply|whole\s+thing))\s+in\s+{_LANGUAGE}",
        FLAGS,
    ),
    # "Make the whole answer Korean"
    re.compile(
        # (not "make everything French": a theme, maybe)
        r"\bmake\s+(?:the|your)\s+(?:whole\s+|entire\s+)?(?:answer|response|reply)\s+"
        rf"(?:all\s+)?(?P<lang>{_NAMES})\s*(?:[.!,;]|$)",
        FLAGS,
    ),
    # only as a request to the assistant: "a parrot that can speak French" names the parrot's
    re.compile(
        rf"(?:^|[.!?:]\s+|\b(?:please|pls|you)\s+)(?:speak|talk)\s+(?:to\s+me\s+)?(?:in\s+)?{_LANGUAGE}",
        FLAGS,
    ),
    re.compile(rf"\b(?:speak|talk)\s+(?:in\s+)?{_LANGUAGE}\s+to\s+me\b", FLAGS),
    # "Answer using Polish", "Use Indonesian for your answer", "Translate your answer into Spanish"
    re.compile(
        rf"\b(?:use|using)\s+{_LANGUAGE}\s+(?:for|in)\s+(?:(?:your|the)\s+(?:whole\s+|entire\s+)?(?:answer|response|reply)"
        r"|the\s+(?:whole|entire)\s+thing|everything|all\s+of\s+it)",
        FLAGS,
    ),
    # fronted before the request: "In Spanish, tell me about the Andes."
    re.compile(
        rf"(?:^|[.!?\n]\s*)in\s+{_LANGUAGE}\s*,\s*(?:please\s+|pls\s+)?(?:tell|write|explain|describe|give|answer|reply|"
        r"respond|list|summari[sz]e|say|can\s+you|could\s+you)\b",
        FLAGS,
    ),
    # "Please use Swedish when you respond"
    re.compile(
        rf"\b(?:use|using)\s+{_LANGUAGE}\s+(?:when|while|as)\s+(?:you\s+)?(?:respond|reply|answer|write)\w*\b",
        FLAGS,
    ),
    # the answer's language named as such: "Your response language should be Turkish", "The language of
    # your answer must be Greek"
    re.compile(
        r"\b(?:(?:your|the)\s+(?:response|answer|reply|output)\s+language|the\s+language\s+of\s+(?:your|the)\s+"
        rf"(?:response|answer|reply|output))\s+(?:should|must|has\s+to|needs\s+to|will|is\s+to)\s+be\s+{_LANGUAGE}",
        FLAGS,
    ),
    re.compile(rf"\b{_ANSWERING}\w*\s+(?:only\s+)?using\s+{_LANGUAGE}", FLAGS),
    # the answer is the language, the name closing the clause: "Your output must be Spanish." (not "Your
    # answer must be Spanish-themed", "the reply should be German food")
    re.compile(
        r"\b(?:your|the)\s+(?:whole\s+|entire\s+)?(?:response|answer|reply|output)\s+(?:should|must|has\s+to|needs\s+to|will)"
        rf"\s+be\s+(?:(?:entirely|all|only)\s+)?{_LANGUAGE}\s*(?:only\s*)?(?=[.!,;]|$)",
        FLAGS,
    ),
    # the language as the answer's adjective: "Spanish response please", "I want a Spanish answer to this"
    re.compile(
        rf"(?:^|[.!?:\n]\s*|\b(?:want|need|like|give\s+me|write|prefer)\s+)(?:an?\s+|the\s+|your\s+)?"
        rf"(?P<lang>{_NAMES})\s+(?:response|answer|reply)\b(?!\s+(?:key|sheet)\b)",
        FLAGS,
    ),
    re.compile(
        rf"\btranslate\s+(?:your|the\s+whole|the)\s+(?:answer|response|reply)\s+(?:in)?to\s+{_LANGUAGE}",
        FLAGS,
    ),
]
# "in French and English" names two; "a song sung in French" describes a thing, not the answer.
_ANY_NAME = re.compile(rf"\b(?:{_NAMES})\b", FLAGS)
_NOT_THE_ANSWER_AFTER = re.compile(rf"\s*(?:and|or|&|/|,)\s*(?:{_NAMES})\b", FLAGS)
_NOT_THE_ANSWER_BEFORE = re.compile(
    # quoted words' language: "the difference between 'since' and 'for' in English"
    r"[\"”'’]\s+in\s+$|"
    r"(?<!be\s)(?<!is\s)(?<!are\s)\b(?:sung|spoken|made|filmed|shot|published|told|said|known|called|"
    r"word|words|phrase|term|name|title)\s+in\s+$"
    # works in that language: "some good books in Spanish", "songs in Korean" (a language to learn them in)
    r"|\b(?:books|novels|songs|music|movies|films|shows|series|podcasts|channels|names|phrases|expressions|idioms|"
    r"sayings|slang|proverbs|words|newspapers|authors|poets|bands|artists|apps|resources|courses"
    # the language's own features: "the rules of capitalization in German"
    r"|grammar|spelling|pronunciation|punctuation|capitali[sz]ation|conjugations?|tenses|verbs|nouns|articles|"
    r"plurals|genders|word\s+order|alphabet|accents?|dialects?|numbers|counting|greetings|swear\s+words)\s+in\s+$"
    # an activity in the language: "tips for studying in Spanish" (not "answering in Spanish")
    r"|\b(?:for|about|on|of|at|by|with)\s+(?!(?:answer|respond|repl|writ)ing\b)\w+ing\s+in\s+$"
    # what something already was in: "last answer was in English but I asked for Arabic"
    r"|\b(?:was|were)\s+(?:(?:written|all|entirely|originally)\s+)?in\s+$",
    FLAGS,
)


# A language ruled out ("in Hindi, nothing in English", "Italian only, no English") names no second one.
# (typed without the apostrophe too, and of the reader: "they dont speak english", "she doesnt read english")
_RULED_OUT = re.compile(
    r"(?:\b(?:no|not|nothing|none|never|without|dont|doesnt|cant|didnt)|n't)\s+"
    r"(?:(?:use|using|write|speak|reply|answer|read|understand|know)\s+)?"
    r"(?:(?:in|of|using|any)\s+)?$",
    FLAGS,
)
# "say 'good morning' in Korean": a phrase to translate, and the answer about it may be in any language.
_QUOTED_PHRASE = re.compile(
    r"\b(?:say|said|saying|spell|pronounce|write|written)\s+(?:[\"“‘]|'(?=\w))", FLAGS
)


def _languages_asked(prompt: str, low: int, high: int) -> set[str]:
    """The languages a sentence names, less those it rules out."""
    return {
        name.group(0).lower()
        for name in _ANY_NAME.finditer(prompt, low, high)
        if not _RULED_OUT.search(prompt, max(low, name.start() - 20), name.start())
        and not _NOT_ASKED_BEFORE.search(prompt, max(low, name.start() - 20), name.start())
    }


# A language named for quoted words ("'since' and 'for' in English") or for someone's skill in it ("my
# English is not so good") is no second language asked for.
# A language something already was in ("last answer was in english but i asked for arabic") is not asked
# either.
_NOT_ASKED_BEFORE = re.compile(
    r"(?:[\"”'’]\s+in|\b(?:my|his|her|our|their)|\b(?:was|were)\s+(?:(?:written|all|entirely|originally)\s+)?in"
    # ("reply in French, as I am not fluent in English", "I only speak Spanish", "my mum reads Urdu")
    r"|\b(?:fluent|proficient|good|bad|great|weak|strong|comfortable|confident|better|worse)\s+(?:at|in|with)"
    r"|\b(?:i|we|she|he|they|mum|mom|dad|grandma|grandmother|grandpa|grandfather|parents)\s+(?:only\s+|mostly\s+"
    r"|mainly\s+|just\s+)?(?:speaks?|reads?|understands?|knows?))\s+$",
    FLAGS,
)


# "written in Hindi" set off by a comma after a request to produce a text describes that text, the
# answer ("Give me a bedtime story about a turtle, written in Hindi"); not after "Recommend a novel".
_SET_OFF_PARTICIPLE = re.compile(r"[,;—–]\s*(?:written|told|done)\s+in\s", FLAGS)
_PRODUCING = re.compile(
    r"\s*(?:(?:please|pls|can\s+you|could\s+you|would\s+you|kindly)\s+)?(?:give|write|tell|compose|draft|create|"
    r"make|send|share|generate|produce|prepare)\b",
    FLAGS,
)


def _set_off_on_the_answer(prompt: str, match: re.Match[str]) -> bool:
    low = sentence_span(prompt, match.start(), match.end())[0]
    return bool(_SET_OFF_PARTICIPLE.match(match.group(0)) and _PRODUCING.match(prompt, low))


# A text asked for, then "written in" its language: "I need a note home to parents written in Vietnamese"
# (not "I need a book written in Vietnamese": a book to find).
_TEXT_WRITTEN_BEFORE = re.compile(
    r"\b(?:need|want|like|write|draft|compose|create|make|prepare|send|give\s+me)\s+(?:me\s+|us\s+)?(?:a|an|the|some)\s+"
    r"(?:[\w'-]+\s+){0,2}?(?:note|letter|email|message|text|post|announcement|notice|flyer|sign|reminder|reply|"
    r"response|answer|summary|description|memo|card|speech|toast|poem|story|caption|bio|script)s?\b"
    r"(?:\s+[\w'-]+){0,5}?\s+written\s+in\s+$",
    FLAGS,
)


def _text_written_in(prompt: str, lang_start: int) -> bool:
    return _TEXT_WRITTEN_BEFORE.search(prompt, max(0, lang_start - 150), lang_start) is not None


# Some words in a language, not the answer: "every 5th word ... in Japanese" (a count of words is the answer's
# length, not which words: "keep it under 100 words and write it in French").
# (nor a word named to put in the text, before "in it": "put the word legend in it and make it in spanish")
_WORDS_COUNTED = re.compile(
    rf"\b(?:{NUMBER})[\s-]*words?\b|\bthe\s+words?\s+[\"“'‘]?[\w-]+[\"”'’]?\s+in\s+(?:it|there)\b", FLAGS
)
_WORD = re.compile(r"\bwords?\b", FLAGS)


def _words_in_a_language(text: str) -> bool:
    return _WORD.search(_WORDS_COUNTED.sub(" ", text)) is not None


# "that" after a verb of answering is the answer itself, no relative clause: "redo that in German", "give me
# that again in Portuguese", "can you say this in Polish".
_THAT_ANSWER = re.compile(
    r"\b(?:answer|reply|respond|write|say|explain|tell|describe|give|redo|rewrite|rephrase|reword|do|make|send|put|get)"
    # ("can you write that again but in Japanese")
    r"\s+(?:(?:me|us)\s+)?(?:that|this)\s+(?:(?:again|over|once\s+more)\s+)?(?:,\s*)?(?:but\s+)?"
    r"(?:(?:all|entirely)\s+)?in\s+(?:the\s+)?$",
    FLAGS,
)


# What someone already did with a text: "I wrote it in Spanish", "you answered in English last time".
_TOLD_IN_THE_PAST = re.compile(
    r"(?:wrote|written|said|answered|replied|responded|explained|described|texted|gave|made|sent|summari[sz]ed|"
    r"created|drafted|composed|generated|prepared|listed|provided)\b",
    FLAGS,
)
_SOMEONE_BEFORE = re.compile(
    # (not a wish: "I'd love it if you wrote this in Swedish")
    r"(?<!\bif\s)(?<!\bwish\s)(?<!\brather\s)\b(?:i|we|you|they|he|she|someone|somebody|(?:my|our|his|her|their)\s+[\w-]+)"
    r"\s+(?:\w+ly\s+|already\s+|just\s+)?$",
    FLAGS,
)


# The words that may follow "in <language>" when it names the answer's language: the request goes on
# ("in Spanish for my students", "in French, under 50 words", "in German please"). Any other word makes
# the name an adjective of a noun ("in Spanish Harlem", "in Japanese universities", "my exam in German next
# week").
_GOES_ON = frozenset(
    """
    please pls plz only and or but because cause since so as for to with without about this that instead
    too thanks thank thx if while when using keeping no not under in at from then language is should must
    also again here ok okay now of by you i we me it like rather my our your the a an just all entirely
    throughout one once lol ty asap bc cuz tho though although even where which who can could would will
    yes do don dont never keep make use write add include give end start put limit avoid try remember max
    maximum less more fewer around approximately roughly exactly each every two three four five six seven
    eight nine ten response answer reply version translation bitte por favor per favore svp merci gracias
    danke grazie obrigado ya yeah yah mate bro dear kindly thankyou period they she he his her their them
    """.split()  # noqa: SIM905
)
_NEXT = re.compile(r"[ \t]+([a-z]+)\b", FLAGS)


def _adjective(prompt: str, end: int) -> bool:
    after = _NEXT.match(prompt, end)
    if after is None:
        return False
    word = after.group(1).lower()
    # (a participle goes on with the request: "an email in German asking to fix the heater"; not
    # "Spanish speaking countries")
    return word not in _GOES_ON and not (word.endswith("ing") and word != "speaking")


def _names_the_answer(prompt: str, match: re.Match[str]) -> bool:
    low = max(match.start() - 30, sentence_span(prompt, match.start("lang"), match.end())[0])
    if _words_in_a_language(prompt[max(0, low) : match.end()]):
        return False  # "every 5th word of your response must be in Japanese"
    if _QUOTED_PHRASE.search(prompt, match.start(), match.start("lang")):
        return False  # "How do you say 'good morning' in Korean?"
    lang_start = match.start("lang")
    before = prompt[max(0, lang_start - 40) : lang_start]
    before = re.sub(r"the\s+$", "", before)
    if _TOLD_IN_THE_PAST.match(prompt, match.start()) and _SOMEONE_BEFORE.search(
        prompt, max(0, match.start() - 20), match.start()
    ):
        return False  # "I wrote it in Spanish, can you check the grammar?": the user's own text
    that_answer = _THAT_ANSWER.search(prompt, max(0, lang_start - 60), lang_start) is not None
    if describes_a_thing(prompt, match.start()) or (
        describes_a_thing(prompt, lang_start - len("in "))
        and not _set_off_on_the_answer(prompt, match)
        and not that_answer
        and not _text_written_in(prompt, lang_start)
    ):
        return False  # "books written in Spanish"
    if not that_answer and re.search(
        r"\b(?:that|who|which|whom|whose)\b", prompt[match.start() : lang_start], FLAGS
    ):
        return False  # "a robot that learns to talk in Japanese": the relative clause's language
    if in_indirect_question(prompt, lang_start, match.end()):
        return False  # "Explain how to say hello in French"
    if others_asked(prompt, match.start(), lang_start):
        return False  # "Write to my team asking them to reply in French": their replies' language
    low, high = sentence_span(prompt, match.start(), match.end())
    if len(_languages_asked(prompt, low, high)) > 1:
        return False  # "a limerick in French, then translate it to English": two languages
    if _adjective(prompt, match.end("lang")):
        return False  # "things to do in Spanish Harlem", "my exam in German next week"
    return not _NOT_THE_ANSWER_BEFORE.search(before) and not _NOT_THE_ANSWER_AFTER.match(
        prompt, match.end("lang")
    )


# Every match holds a language name; the patterns run only around the names the prompt uses,
# from far enough before the name for six words of a request ("write ... in X") to after
# "X only, and no other language".
_FIRST_WORDS = frozenset(name.split()[0] for name in _CODES)
_BEFORE, _AFTER = 200, 80


def _windows(prompt: str) -> list[tuple[int, int]]:
    windows: list[tuple[int, int]] = []
    for start in word_starts(prompt, _FIRST_WORDS):
        low, high = max(0, start - _BEFORE), min(len(prompt), start + _AFTER)
        if windows and low <= windows[-1][1]:
            windows[-1] = (windows[-1][0], high)
        else:
            windows.append((low, high))
    return windows


# English is named for the answer outright only by someone who writes it otherwise ("I need it in English
# but ..."): IFEval's "in English, all lowercase" states the case, and "plain English" a simple style.
_CASE_WORDS = re.compile(r"capital|lower\s*case|upper\s*case|\bcaps\b|letters", FLAGS)
_ENGLISH_STYLE_BEFORE = re.compile(
    # ("Rewrite in modern English": a register of the text's own language)
    r"\b(?:plain|simple|basic|easy|good|proper|broken|clear|everyday|modern|contemporary|old|middle|archaic|business"
    r"|academic|natural|today's)\s+$",
    FLAGS,
)
# what may follow the name when it names the answer's language: an end, or a clause going on
_ENGLISH_CLOSE = re.compile(
    r"\s*(?:[.,;:!?)\n]|$|(?:but|because|since|so|as|please|pls|plz|only|and\s+(?:not|no|without)|thanks?)\b)",
    FLAGS,
)


def _english_asked(prompt: str, match: re.Match[str]) -> bool:
    lang = match.start("lang")
    return (
        not _CASE_WORDS.search(prompt)
        and not _ENGLISH_STYLE_BEFORE.search(prompt, max(0, lang - 20), lang)
        and _ENGLISH_CLOSE.match(prompt, match.end("lang")) is not None
    )


# A correction names the language that stands: "Write the invite in English. Actually, make it Italian.", "...
# in Spanish if possible? Actually no, it must be in Spanish", "no wait, do it in Welsh".
_CORRECTED = re.compile(
    r"\b(?:actually|no\s+wait|wait|sorry|scratch\s+that|on\s+second\s+thought|change\s+of\s+plans?)"
    r"(?:\s*[,.!—–-]?\s*(?:no|nope|sorry|wait|,))*\s*[,.!—–-]?\s*"
    # (a reason may come between, set off by a comma: "wait no, the shop is in Madrid, make it Spanish")
    r"(?:[^,.!?\n]{1,50},\s*)?(?:(?:please|pls|can\s+you|could\s+you)\s+)?"
    r"(?:make\s+(?:it|that|the\s+whole\s+thing)|(?:write|do|put|redo)\s+(?:it|that)|(?:it\s+)?(?:must|should|has\s+to|needs\s+to)"
    r"\s+be|let's\s+(?:do|go\s+with)|switch\s+to|use)\s+(?:(?:all|entirely)\s+)?(?:in(?:to)?\s+)?"
    rf"{_LANGUAGE}\s*(?:instead|please|pls|only)?\s*(?:[.!,;?]|$)",
    FLAGS,
)


def _corrected(prompt: str) -> RuleMatch | None:
    last = None
    for match in (
        _CORRECTED.finditer(prompt)
        if mentions(prompt, "actually", "wait", "sorry", "scratch", "second", "change")
        else ()
    ):
        last = match
    if last is None or not is_directive(prompt, last.start(), last.end()):
        return None
    # (without "in", only in place of a language named before: "Write a story set in Paris. Actually, make it
    # German" may ask for a German setting)
    said_in = re.search(r"\bin(?:to)?\s+(?:the\s+)?\S+\s*$", prompt[last.start() : last.end("lang")], FLAGS)
    if not said_in and not _ANY_NAME.search(prompt, 0, last.start()):
        return None
    code = _CODES[last.group("lang").lower()]
    return RuleMatch("language:response_language", {"language": code}, last.start(), last.end())


@rule
def response_language(prompt: str) -> Iterator[RuleMatch]:
    corrected = _corrected(prompt)
    if corrected is not None:
        yield corrected
        return
    windows = _windows(prompt)
    for pattern in _EXPLICIT + _IN_LANGUAGE:
        for match in (m for low, high in windows for m in pattern.finditer(prompt, low, high)):
            code = _CODES[match.group("lang").lower()]
            # "in English, all lowercase" states the case, not the language.
            if (
                code == "en"
                and not re.search(r"no\s+other\s+language", prompt, FLAGS)
                and not _english_asked(prompt, match)
            ):
                continue
            if owned_by_another(prompt, match.start()):
                continue  # "a restaurant whose menu is entirely in Italian": the menu's language
            if not is_directive(prompt, match.start(), match.end()):
                continue  # an instruction quoted ('the text: "answer in French".') hides no later one
            if pattern is _IT_MUST_BE and not _it_is_the_text_asked_for(prompt, match.start()):
                continue
            if pattern is _USE_ALONE and (
                not _it_is_the_text_asked_for(prompt, match.start())
                or _CHOICE_ASKED_BEFORE.search(prompt, max(0, match.start() - 120), match.start() + 1)
            ):
                continue
            if pattern in (_LISTED_ALONE, _LISTED_INLINE) and not _REQUIREMENTS_BEFORE.search(
                prompt, max(0, match.start() - 200), match.start("lang")
            ):
                continue
            if pattern in _EXPLICIT or _names_the_answer(prompt, match):
                yield RuleMatch("language:response_language", {"language": code}, match.start(), match.end())
                return


# "it" in a language, said right after a text is asked for: "Could you write the announcement? A few
# requirements: it has to be in French, under 120 words" (not "Recommend a film; it should be in French").
_IT_MUST_BE = re.compile(
    r"\b(?:it|this)\s+(?:should|must|has\s+to|needs\s+to|will\s+need\s+to)\s+be\s+(?:written\s+|entirely\s+|all\s+)?"
    rf"in\s+{_LANGUAGE}",
    FLAGS,
)
# A language alone as an item of a list of requirements: "Requirements:\n- German\n- max 100 words".
_LISTED_ALONE = re.compile(
    rf"(?:^|\n)[ \t]*(?:[-*•]|\d+[.)])[ \t]*(?:in\s+)?{_LANGUAGE}(?:\s+only)?[ \t]*[.;]?[ \t]*(?=\n|$)", FLAGS
)
_REQUIREMENTS_BEFORE = re.compile(
    # ("Specs for the answer:"; not the user's own: "My requirements for a new phone:")
    r"(?<!my\s)(?<!our\s)\b(?:requirements?|constraints?|rules|specs?|specifications|guidelines|must[\s-]haves?)"
    r"(?:\s+for\s+(?:the|your)\s+[\w-]+)?\s*:[^:]*$",
    FLAGS,
)
# A language as one of the requirements listed in a line: "Requirements: in Portuguese, under 60 words"
_LISTED_INLINE = re.compile(
    rf"(?:[:,;]|\band)\s*(?:all\s+|written\s+|only\s+)?in\s+{_LANGUAGE}\s*(?=[,;.]|\s+and\b|$)", FLAGS
)
# The subject left out: "Write a short bio for our new nurse. Must be in Spanish."
_SUBJECT_LEFT_OUT = re.compile(
    r"(?:^|[.!?\n]\s*)(?:must|should|has\s+to|needs\s+to|will\s+need\s+to)\s+be\s+(?:written\s+|entirely\s+|all\s+)?"
    rf"in\s+{_LANGUAGE}\s*(?:[.!,;]|$)",
    FLAGS,
)
# "Use German." after the request, a sentence of its own (not "Use German sources.": the name closes it; not
# an answer to the user's own question "Which layout should I use? Use German.")
_USE_ALONE = re.compile(
    rf"(?:[.!?\n]\s*)(?:(?:please|pls|plz|and)\s+)?(?:use|using)\s+(?:only\s+)?{_LANGUAGE}(?:\s+only)?"
    r"\s*,?\s*(?:please|pls|plz|thanks|thx)?\s*(?:[.!]|$)",
    FLAGS,
)
_CHOICE_ASKED_BEFORE = re.compile(r"\b(?:which|what|should\s+(?:i|we))\b[^.!?\n]*\?\s*$", FLAGS)
_IN_LANGUAGE += [_IT_MUST_BE, _LISTED_ALONE, _LISTED_INLINE, _SUBJECT_LEFT_OUT, _USE_ALONE]
_ASKED_TEXT_BEFORE = re.compile(
    r"\b(?:write|draft|compose|create|prepare|put\s+together|give\s+me|make|explain|summari[sz]e|answer"
    r"|reply|respond|translate|rewrite)\b(?:(?!\b(?:recommend|suggest|find|name|"
    r"show|tell\s+me\s+about)\b)[^\n])*$",
    FLAGS,
)


def _it_is_the_text_asked_for(prompt: str, start: int) -> bool:
    return _ASKED_TEXT_BEFORE.search(prompt, max(0, start - 250), start) is not None


# A request written in the language it asks for, naming it in that language: "Contesta solo en
# español", "Réponds en français", "Antworte bitte auf Deutsch". The name after that language's "in",
# with a verb of answering or writing in the same sentence before it (not "¿Cómo se dice en español?").
_ENDONYMS = {
    "es": r"en\s+(?:español|espanol|castellano)",
    "fr": r"en\s+(?:français|francais)",
    "de": r"auf\s+deutsch",
    "it": r"in\s+italiano",
    "pt": r"em\s+(?:português|portugues)",
    "nl": r"in\s+het\s+nederlands",
    "sv": r"på\s+svenska",
    "da": r"på\s+dansk",
    "no": r"på\s+norsk",
    "pl": r"po\s+polsku",
    "ru": r"по-русски|на\s+русском(?:\s+языке)?",
}
_ANSWER_VERBS = (
    r"respond|contest|escrib|explic|habl|r[ée]pond|[ée]cri|expliqu|parl|antwort|schreib|erkl[äa]r|sprich"
    r"|rispond|scriv|spieg|escrev|fal[ae]|antwoord|schrijf|spreek|svar|skriv|f[öo]rklar|odpowi|napisz|wyja[śs]n"
    r"|ответ|напиш|объясн|расскаж|говор"
    # (more verbs of producing a text: "redacta", "traduce", "cuéntame", "dame", "rédige", "donne-moi")
    r"|redact|traduc|cu[ée]nt|dame|d[ée]me|haz|hacer|prepar|r[ée]dig|tradui|donne|fais|übersetz|verfass|gib"
)
_NAMED_IN_ITSELF = "|".join(f"(?P<{code}>{name})" for code, name in _ENDONYMS.items())
# (the verb's object may be long: "escribir una descripción de nuestro café de especialidad en español")
_ENDONYM = re.compile(rf"\b(?:{_ANSWER_VERBS})\w*\b[^.!?\n]{{0,80}}?(?:{_NAMED_IN_ITSELF})(?!\w)", FLAGS)
# Languages whose "in X" comes before the verb: "日本語で答えてください", "한국어로 답해 주세요",
# "Türkçe cevap ver".
_ENDONYMS_FIRST = {
    "ja": r"日本語で\s*(?:答え|回答|書い|書き|説明|返事|話し)",
    "ko": r"한국어로\s*(?:답|대답|써|작성|설명|말해)",
    "tr": r"türkçe\s+(?:olarak\s+)?(?:cevap|yanıt|yaz|açıkla|anlat)",
}
_NAMED_FIRST = re.compile("|".join(f"(?P<{code}>{name})" for code, name in _ENDONYMS_FIRST.items()), FLAGS)
# The words that name a language in itself above (each name's last word), to find them without a scan.
_ENDONYM_WORDS = frozenset(
    (
        "español", "espanol", "castellano", "français", "francais", "deutsch", "italiano", "nederlands",
        "português", "portugues", "svenska", "dansk", "norsk", "polsku", "русски", "русском",
    )
)  # fmt: skip
_ENDONYM_CUES = re.compile(r"\b(?:en|auf|in|em|på|po|на)\s|по-русски|日本語で|한국어로|türkçe", FLAGS)


# Stems of the names above, looked up in the prompt's words before any pattern runs.
_ENDONYM_STEMS = (
    "español", "espanol", "castellano", "français", "francais", "deutsch", "italiano", "português",
    "portugues", "nederlands", "svenska", "dansk", "norsk", "polsku", "русск", "日本語", "한국어", "türkçe",
)  # fmt: skip


@rule
def response_language_named_in_itself(prompt: str) -> Iterator[RuleMatch]:
    if not mentions(prompt, *_ENDONYM_STEMS) or not _ENDONYM_CUES.search(prompt):
        return
    # searched back from each name, far enough for a verb and "bitte" or "solo"
    starts = word_starts(prompt, _ENDONYM_WORDS)
    names = (_ENDONYM.search(prompt, max(0, at - 110), at + 25) for at in starts)
    match = next((m for m in names if m), None) or _NAMED_FIRST.search(prompt)
    if match:
        code = next(code for code, found in match.groupdict().items() if found)
        yield RuleMatch("language:response_language", {"language": code}, match.start(), match.end())


# A language named by the country that speaks it: "in the language they speak in Brazil", "in Japan's
# language". Only countries with one language a person would mean (not Switzerland, Canada or India).
_COUNTRIES = {
    "brazil": "pt", "portugal": "pt", "japan": "ja", "south korea": "ko", "korea": "ko", "germany": "de",
    "france": "fr", "italy": "it", "spain": "es", "mexico": "es", "argentina": "es", "colombia": "es",
    "russia": "ru", "greece": "el", "turkey": "tr", "poland": "pl", "the netherlands": "nl", "holland": "nl",
    "sweden": "sv", "norway": "no", "denmark": "da", "finland": "fi", "vietnam": "vi", "thailand": "th",
    "indonesia": "id", "iran": "fa", "israel": "he", "ukraine": "uk", "hungary": "hu", "romania": "ro",
}  # fmt: skip
_COUNTRY = "|".join(re.escape(c) for c in sorted(_COUNTRIES, key=len, reverse=True))
_COUNTRY_FIRST_WORDS = tuple({c.split()[-1] for c in _COUNTRIES})
_COUNTRY_WORDS = frozenset(_COUNTRY_FIRST_WORDS)
_LANGUAGE_WORD = re.compile(r"\blanguage\b", FLAGS)
_BY_COUNTRY = re.compile(
    rf"\b{_ANSWERING}\w*(?:\s+[\w'’—–-]+){{0,8}}?\s+(?P<at>in|using)\s+(?:the\s+)?(?:(?:main|official|national|native|local)\s+)?"
    r"language\s+(?:of|spoken\s+in|used\s+in|(?:they|people|folks|you'd)\s+(?:speak|use)\s+in)\s+"
    rf"(?P<country>{_COUNTRY})\b"
    rf"|\b{_ANSWERING}\w*(?:\s+[\w'’—–-]+){{0,8}}?\s+(?P<at2>in)\s+(?P<owner>{_COUNTRY})'s\s+(?:(?:main|official|national|native)\s+)?language\b",
    FLAGS,
)


@rule
def response_language_by_country(prompt: str) -> Iterator[RuleMatch]:
    # searched back from each country named, far enough for "Respond ... in the language of"
    asked = mentions(prompt, *_COUNTRY_FIRST_WORDS) and mentions(prompt, "language")
    places = word_starts(prompt, _COUNTRY_WORDS) if asked else iter(())
    windows = ((max(0, at - 175), min(len(prompt), at + 40)) for at in places)
    match = next(
        (
            m
            for low, high in windows
            if _LANGUAGE_WORD.search(prompt, low, high) and (m := _BY_COUNTRY.search(prompt, low, high))
        ),
        None,
    )
    at = match.start("at") if match and match.group("at") else match.start("at2") if match else 0
    # (not a thing's: "a film made in the language of Japan", "a song that is in Japan's language")
    if (
        match
        and not describes_a_thing(prompt, at)
        and not re.search(r"\b(?:that|which|who)\b", prompt[match.start() : at])
    ):
        country = (match.group("country") or match.group("owner")).lower()
        yield RuleMatch(
            "language:response_language", {"language": _COUNTRIES[country]}, match.start(), match.end()
        )


# A language named in itself inside a request in English: "Explain photosynthesis en français", "Tell me
# about Berlin auf Deutsch bitte", "Describe Rome in italiano", "Can you say it in 日本語?".
_SELF_NAMES = {
    "français": "fr", "francais": "fr", "español": "es", "espanol": "es", "castellano": "es",
    "deutsch": "de", "italiano": "it", "português": "pt", "portugues": "pt", "nederlands": "nl",
    "svenska": "sv", "polski": "pl", "türkçe": "tr", "norsk": "no", "dansk": "da", "suomi": "fi",
    "tiếng việt": "vi", "bahasa indonesia": "id", "русский": "ru", "ελληνικά": "el",
    "日本語": "ja", "한국어": "ko", "हिंदी": "hi",
}  # fmt: skip
_SELF_NAME = "|".join(re.escape(n) for n in sorted(_SELF_NAMES, key=len, reverse=True))
_IN = r"(?:in|en|auf|em|na)"
_PLEASE = r"(?:please|pls|plz|bitte|por\s+favor|s'il\s+(?:vous|te)\s+pla[iî]t|per\s+favore|only)"
_SELF_NAMED = [
    re.compile(
        rf"\b{_ANSWERING}\w*(?:\s+[\w'’—–-]+){{0,8}}?\s*,?\s+{_IN}\s+(?P<lang>{_SELF_NAME})(?!\w)", FLAGS
    ),
    # set off, or a fragment of its own: "..., in español please.", "Auf Deutsch, bitte."
    re.compile(
        # ("..., but en français s'il vous plaît")
        rf"(?:^|[,;:—–(.!?]\s*)(?:(?:but|and)\s+)?{_IN}\s+(?P<lang>{_SELF_NAME})(?!\w)\s*,?\s*{_PLEASE}?\s*(?=[.!,;)?]|$)",
        FLAGS,
    ),
]
_SELF_FIRST_WORDS = frozenset(name.split()[0] for name in _SELF_NAMES)
_SELF_NAME_FOUND = re.compile(rf"(?<!\w)(?:{_SELF_NAME})(?!\w)", FLAGS)


@rule
def response_language_named_in_itself_in_english(prompt: str) -> Iterator[RuleMatch]:
    # (the words are lowercased already; "日本語で" is one word, so a name may also start one)
    if not mentions(prompt, *_SELF_FIRST_WORDS):
        return
    # searched around each name, far enough back for eight words of a request
    windows = [(max(0, n.start() - 120), n.end()) for n in _SELF_NAME_FOUND.finditer(prompt)]
    for pattern in _SELF_NAMED:
        for match in (m for low, high in windows for m in pattern.finditer(prompt, low, high)):
            if pattern is _SELF_NAMED[1] or _names_the_answer(prompt, match):
                code = _SELF_NAMES[match.group("lang").lower()]
                yield RuleMatch("language:response_language", {"language": code}, match.start(), match.end())
                return
