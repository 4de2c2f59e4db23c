"""Sentences of a prompt, and whether a sentence asks something of the answer.

A constraint word in a question about it ("Is it rude to write in all caps?") or
in the user's account of their own situation ("I wrote my essay in lowercase")
states no constraint. Boundaries are found once per prompt, so looking up the
sentence of each match costs a binary search, not a scan of the prompt.
"""

from __future__ import annotations

import bisect
import functools
import re

__all__ = [
    "a_topic_written",
    "describes_a_thing",
    "in_indirect_question",
    "is_directive",
    "is_negated",
    "is_permitted",
    "is_retracted",
    "owned_by_another",
    "sentence_span",
]

_BOUNDARY = re.compile(r"[.!?][\"”')]?(?=\s|$)|\n")


@functools.lru_cache(maxsize=8)
def _boundaries(prompt: str) -> tuple[list[int], list[bool]]:
    """The end of every sentence boundary, and whether it is a line break."""
    ends, newline = [], []
    for match in _BOUNDARY.finditer(prompt):
        ends.append(match.end())
        newline.append(match.group(0) == "\n")
    return ends, newline


def _start(prompt: str, start: int) -> int:
    # The last boundary that prompt[:start] alone would show: one ending before ``start``,
    # or a line break ending at it (a "." needs the space after it, which is not in prompt[:start]).
    ends, newline = _boundaries(prompt)
    i = bisect.bisect_right(ends, start) - 1
    while i >= 0 and ends[i] == start and not newline[i]:
        i -= 1
    return ends[i] if i >= 0 else 0


def sentence_span(prompt: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentences that contain prompt[start:end]."""
    after = _BOUNDARY.search(prompt, end)
    return _start(prompt, start), (after.end() if after else len(prompt))


# An information question: it asks about the world, not for an answer in some form.
# "Can you ...", "Could you ..." and "Would you ..." are requests and are not listed.
_QUESTION_START = re.compile(
    r"(?:what|what's|whats|why|how|who|whom|whose|which|when|where|is|isn't|are|aren't|was|were|"
    r"does|doesn't|do|don't|did|didn't|should\s+i|should\s+we|can\s+i|can\s+we|may\s+i)\b",
    re.IGNORECASE,
)
# The user telling about themselves or their things; a request here names a want or a need.
_NARRATION_START = re.compile(
    r"(?:i|i'm|i've|my|mine|we|we're|our|ours)\b"
    # a want or a need is a request, unless it is to do something oneself ("I need to write a cover
    # letter in German"); to have, see or know something is still a request
    # (an adverb between: "I only want 7 bullet points", "I really need it short")
    r"(?!\s+(?:(?:only|just|really|also|actually|still|mostly|definitely|honestly|kinda|mainly)\s+)?"
    r"(?:(?:don't|do\s+not|dont)\s+)?(?:want|need|would|'d|prefer|expect|require|ask|like)\b"
    r"(?!(?:\s+like|\s+prefer)?\s+to\s+(?!(?:have|get|see|receive|read|hear|know|learn|understand|be)\b)\w))"
    # "My teacher wants it in exactly 4 sentences": someone else's wish for the answer is a request
    # ("Our board wants the words compassion and rescue in it": words wanted in the answer)
    r"(?!\s+[\w-]+\s+(?:(?:doesn't|doesnt|does\s+not)\s+(?:want|need)|wants?|needs?|asked\s+for|requires?|expects?)\s+"
    r"(?:it|this|that|the\s+(?:answer|words?|terms?|phrases?|keywords?))\b)"
    r"(?!'d\b)"
    # what a text or someone says, reported: "The article says that all responses must be under 100 words"
    r"|(?:the|this|that|an?|his|her|their)\s+(?:(?!(?:that|which|who)\b)[\w'-]+\s+){0,3}?"
    r"(?:says|said|states|stated|claims|claimed|argues|argued|reads|notes|mentions|suggests|insists)\b"
    # a thing's past, or someone else's things: "The poem had no commas", "Their slogan ends with ..."
    r"|(?:the|this|that|a|an)\s+(?:[\w'-]+\s+){0,2}?(?:had|was|were|replied|responded|answered|used|ended|wrote|"
    # (a noun before a break is no verb: "A short read, at least 300 words.")
    r"said|came|looked|sounded|read|got)\b(?!\s*[,:;—–(])"
    r"|(?:their|his|her|its)\b"
    # what someone else asked for, told in the past: "She asked for the answer in JSON."
    r"|(?:he|she|they|someone|somebody)\s+(?:\w+\s+)?(?:asked|wanted|said|told|requested|needed|preferred|expected)\b",
    re.IGNORECASE,
)
# The assistant or its answer named: "please ...", "your reply ...", "the response must ..."
_ADDRESSED = re.compile(
    # ("can u", "ur answer": as texted)
    r"\b(?:you|your|please|pls|u(?![.'’-])|ur"
    r"|the\s+(?:response|answer|reply|output)\s+(?:must|should|has\s+to|needs\s+to|will|is\s+to))\b",
    re.IGNORECASE,
)


# Words just before a phrase that make it describe something other than the answer: a
# participle ("a letter written in all caps", "books written in Spanish"; not after "be"), a
# gerund after a preposition ("tips for writing in lowercase"), or a relative clause on a plural
# ("words that end with 'ing'"), or someone else's habit ("my kid writes everything in lowercase").
_THING_BEFORE = re.compile(
    r"(?:(?P<verb>\b\w+\s+)?\b(?P<participle>written|typed|printed|spelled|sung|spoken|made|filmed|published|told)"
    r"|\b(?:for|about|on|of)\s+(?:writing|typing|texting|speaking)"
    # someone's things, told in the third person: "The game master keeps his notes in all caps"
    r"|\b(?:keeps|kept|writes|wrote|has|had|types|typed|sends|sent|does|did|prints|printed)\s+(?:his|her|their|its)\s+"
    r"(?:[\w-]+\s+){0,2}?[\w-]+"
    r"|\b(?:writes|types|texts|spells|speaks|talks)(?:\s+(?:everything|it|things|stuff|all|them|messages|only|always|entirely))?"
    # what others do: "why people end emails with 'Best regards'", "when they sign off with ..."
    # ("a school where students must write in French": what they must do there)
    r"|\b(?:people|they|he|she|someone|somebody|everyone|everybody|folks|others"
    # (other people named by what they are only with what they do: "an email to my students in French")
    r"|(?:students|kids|children|employees|workers|users|customers|locals|residents|citizens|characters)"
    r"(?=\s+(?:\w+ly\s+|always\s+|often\s+|never\s+|must\s+|can\s+|should\s+|only\s+|have\s+to\s+|had\s+to\s+)?"
    r"(?:write|type|text|say|speak|use|wrote|typed|texted|said|spoke|used|answer|reply|respond)))"
    r"(?:\s+(?:\w+ly|always|often|never|must|can|should|only|have\s+to|had\s+to))?"
    # ("he texted me in all caps": what they did, told in the past too)
    r"(?:\s+(?:write|type|text|say|speak|use|wrote|typed|texted|said|spoke|used|answered|replied|responded)s?"
    r"(?:\s+(?:me|us|him|her|them|it|back))?)?"
    # a relative clause: "words that end with 'ing'", "an email that ends with ...", unless the thing is
    # the one asked for ("Write a poem that ends with 'Amen'")
    r"|\b(?P<relative>that|which)(?:\s+(?!(?:is|are|be)\b)\w+){0,3}?)\s+$",
    re.IGNORECASE,
)
_BE = {"be", "is", "are", "been", "was", "were"}


# A thing asked for, then how it is written: "Give me a recipe for pancakes written entirely in lower case"
# is the answer; "Describe a letter written in all caps by an angry customer" is not (nor anything
# written by someone).
_PRODUCED = re.compile(
    r"(?:^|[.!?:;\n]\s*|\b(?:please|pls|can\s+you|could\s+you)\s+)(?:give|write|send|compose|draft|create|make|prepare|"
    # (not a topic: "Write a song about a poem written in Spanish")
    r"generate|produce)\s+(?:me\s+|us\s+)?(?:a|an|the|some|one|two|three|\d+)\b"
    r"(?:(?!\b(?:about|on|regarding|describing|of)\b)[^.!?\n,;])*$",
    re.IGNORECASE,
)
_BY_AFTER = re.compile(r"[^.!?\n]{0,60}?\bby\b", re.IGNORECASE)
# A relative clause may hang on the topic or on the thing asked for ("Write a story about a cat that
# ends with 'The End'"): after any verb of producing, it is read as the thing asked for.
_PRODUCED_ANY = re.compile(
    r"(?:^|[.!?:;\n]\s*|\b(?:please|pls|can\s+you|could\s+you)\s+)(?:give|write|send|compose|draft|create|make|prepare|"
    r"generate|produce)\s+(?:me\s+|us\s+)?(?:a|an|the|some|one|two|three|\d+)\b[^.!?\n;]*$",
    re.IGNORECASE,
)


# What someone or something does with a language or a case: "a robot that speaks only in lowercase".
_BEHAVIOUR = re.compile(r"(?:speak|talk|write|type|text|say|sing|read|use)s?\b", re.IGNORECASE)


_MODALS = {
    "can",
    "could",
    "will",
    "would",
    "only",
    "always",
    "never",
    "just",
    "must",
    "should",
    "may",
    "might",
}


def _on_the_thing_asked(prompt: str, found: re.Match[str]) -> bool:
    """Whether a relative clause may hang on the thing asked for: its verb agrees with it ("a story
    about dogs that ends with ..."; not "words that end with 'ing'") and is no one's behaviour."""
    # the verb past any modal or adverb: "a robot that can only speak in all caps"
    after = [w for w in prompt[found.end("relative") :].split() if w.lower() not in _MODALS]
    verb = after[0] if after else ""
    before = prompt[: found.start("relative")].split()
    plural_noun = bool(before) and before[-1].lower().endswith("s")
    if _BEHAVIOUR.match(verb):
        return False
    return not (plural_noun and not verb.lower().endswith("s"))


# Texts the answer may be; a thing that is none of them is something else in the request.
_TEXT_KINDS = (
    r"story|poem|essay|response|answer|reply|paragraph|letter|text|tweet|post|speech|song|email|note|description|"
    r"review|article|blurb|caption|dialogue|scene|limerick|haiku|summary|message|bio|list|explanation|output"
)
# "it's", "that's": no owner
_CONTRACTED = r"your|my|it|that|there|let|what|here|who|he|she|this|where|how"
# Another thing's part, and how it is: "a restaurant whose menu is entirely in Italian", "the villain's
# notes are always in lowercase" (not "a poem whose lines are all lowercase", not "your answer's tone").
_OWNED_BEFORE = re.compile(
    rf"(?:\b(?!(?:{_TEXT_KINDS})\b)[\w-]+\s+whose|\b(?!(?:{_TEXT_KINDS}|{_CONTRACTED})\b)[\w-]+'s)\s+"
    r"(?:(?!(?:is|are)\b)[\w-]+\s+){1,2}?(?:is|are|was|were|(?:has|have)\s+to\s+be|(?:must|should|will)\s+be)\s+"
    # (not past a request run on after it: "a customer whose order is late make it all lowercase")
    r"(?:(?!(?:make|keep|write|put|use|give|please|pls|and)\b)[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)


# A thing talked about, then how it was written: "Describe a poem written without any commas", "Tell me
# about a letter typed in all caps" (not "Write a poem, written without commas": the thing asked for).
_TOPIC_WRITTEN_BEFORE = re.compile(
    r"\b(?:describe|imagine|analy[sz]e|review|critique|discuss|explain|summari[sz]e|tell\s+me\s+about|talk\s+about|"
    r"find|recommend|show\s+me)\s+(?:a|an|the|this|that|some|my)\s+(?:[\w'-]+\s+){0,4}?"
    r"(?:written|typed|printed|composed|penned)\s+(?:(?:with|using|in)\s+)?$",
    re.IGNORECASE,
)


def a_topic_written(prompt: str, start: int) -> bool:
    """Whether prompt[start:] says how a thing talked about was written, not the answer."""
    return _TOPIC_WRITTEN_BEFORE.search(prompt, max(0, start - 80), start) is not None


def owned_by_another(prompt: str, start: int) -> bool:
    """Whether prompt[start:] says how another thing's part is ("a restaurant whose menu is entirely in
    Italian")."""
    return _OWNED_BEFORE.search(prompt, max(0, start - 60), start) is not None


def describes_a_thing(prompt: str, start: int) -> bool:
    """Whether the words before prompt[start:] make what follows describe a thing, not the answer."""
    if owned_by_another(prompt, start):
        return True
    found = _THING_BEFORE.search(prompt, max(0, start - 40), start)
    if found is None or (found.group("verb") or "").strip().lower() in _BE:
        return False
    produced = _PRODUCED_ANY if found.group("relative") and _on_the_thing_asked(prompt, found) else _PRODUCED
    if (found.group("participle") or found.group("relative")) and produced.search(
        prompt, max(0, found.start() - 120), found.start()
    ):
        return _BY_AFTER.match(prompt, start) is not None
    return True


# Someone else's words, quoted ("The assignment says 'write at least 1000 words'"), or a text given
# to work on ("Summarize this text: '...'"): what they ask is not the answer's form. The quote is found
# first (an opening quote not closed before the phrase; an apostrophe inside a word closes nothing),
# then the verb before it.
_OPEN_QUOTE = re.compile(r"""(?:["“”‘][^"“”\n]*|(?<!\w)'(?:[^'\n]|'(?=\w))*)$""")
_SAYING_BEFORE = re.compile(
    r"\b(?:says|said|reads|states|stated|asks|asked|wrote|writes|told\s+(?:me|us))\s*:?\s*$"
    # "The instructions were: 'Answer in JSON.'"
    r"|\b(?:instructions?|rules?|task|assignment|prompt|brief|requirements?|directions?)\s+(?:were|was|said)\s*:?\s*$"
    # someone asked to do it, quoted: "The benchmark asks models to 'wrap the entire response in quotes'"
    r"|\b(?:asks?|asked|tells?|told|wants?|wanted|instructs?|instructed|requires?|required)\s+(?:the\s+)?"
    r"(?:models?|them|people|students|users|writers|candidates|participants|ais?|assistants?|bots?|llms?|us)\s+to\s*:?\s*$"
    # "The instructions for my assignment say '...'", "the guidelines say: '...'"
    r"|\b(?:instructions|rules|guidelines|requirements|directions|docs|they)\s+(?:[\w-]+\s+){0,4}?say\s*:?\s*$"
    # a quote named as an instruction that exists somewhere: "In IFEval there's an instruction '...'"
    r"|\b(?:there's|there\s+is|there\s+was|has|had|contains|includes)\s+(?:an?|the|this|one)\s+(?:[\w-]+\s+)?"
    r"(?:instruction|rule|prompt|requirement|line|sentence)\s*:?\s*$"
    # Someone else's text, named by whom it is from: "the brief from my client: '...'", "my boss's email:"
    r"|\b(?:from|by)\s+(?:my|our|the|a|an|his|her|their)\s+(?:[\w-]+\s+){0,2}?[\w-]+\s*:\s*$"
    r"|\b(?:my|our|the)\s+[\w-]+(?:'s|s')\s+(?:[\w-]+\s+)?[\w-]+\s*:\s*$"
    # a text shown: "Here's an excerpt of my novel: '...'", "This is my draft: '...'"
    r"|\b(?:here's|here\s+is|this\s+is)\s+(?:an?\s+|the\s+|my\s+|our\s+)?(?:[\w-]+\s+){0,4}?(?:excerpt|text|draft|"
    r"paragraph|poem|passage|email|message|quote|line|sentence|story|essay|review|note|letter|bio|post)\b[^:\n]{0,30}:\s*$"
    # a text named by who uses it: "the system prompt my team uses for our bot: '...'"
    r"|\b(?:prompt|instructions?|template|guidelines?|rules?|policy|script|brief|message|text|checklist)\s+(?:that\s+)?"
    r"(?:my|our|the|his|her|their|we|they|he|she|i)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:uses?|used|wrote|writes|gave|gives|sent|sends|follows?|followed|got)\b[^:\n]{0,40}:\s*$"
    # a quote to translate, define or explain: 'Translate "keep it under 50 words" into French', 'Can you
    # explain what "P.S." means?'
    r"|\b(?:translate|proofread|paraphrase|rephrase|reword|define|explain)\s+(?:what\s+)?"
    r"(?:the\s+(?:phrase|word|line|sentence)\s+)?$"
    r"|\bwhat\s+(?:does|do|is|are)\s+(?:the\s+(?:phrase|word|line|sentence)\s+)?$"
    # Text given to work on: "Summarize this text: '...'", "Proofread this: '...'"
    r"|\b(?:summari[sz]e|translate|proofread|paraphrase|rewrite|analy[sz]e|critique|edit|correct|fix)\b"
    r"[^.!?\n\"“'‘]{0,40}:\s*$",
    re.IGNORECASE,
)


def _in_reported_quote(prompt: str, start: int) -> bool:
    # The quote may hold several sentences, so it is looked for before the phrase's own sentence too.
    quote = _OPEN_QUOTE.search(prompt, max(0, start - 200), start)
    return (
        quote is not None
        and _SAYING_BEFORE.search(prompt, max(0, quote.start() - 50), quote.start()) is not None
    )


# An indirect question the phrase belongs to, not the answer: the manner of an action asked about
# ("tell me how to type in all caps", "explain how to say hello in French"), or the subject of a
# definition ("describe what a 300-word minimum essay requirement means").
_HOW_TO_BEFORE = re.compile(
    # ("how do you say thank you in korean", "what's a good way to write a title in angle brackets")
    r"(?:\b(?:how|when|whether|where|why|what)\s+(?:(?:do|does|can|should)\s+)?(?:to|you|i|one|people|we)"
    r"|\bways?\s+to)\s+(?:\w+\s+)?"
    r"(?:write|type|say|speak|text|spell|end|start|begin|sign|greet|format|capitali[sz]e|punctuate|put)\w*\b"
    r"[^.,;:!?\n]*$",
    re.IGNORECASE,
)
_DEFINED_BEFORE = re.compile(
    r"\b(?:what|how|why|whether)\s+(?:a|an|the|my|this|that|your|his|her|their|our)\s+"
    r"(?:(?!\b(?:is|are|was|were|means?|does|do)\b)[^.,;:!?\n])*$",
    re.IGNORECASE,
)
_DEFINED_AFTER = re.compile(
    r"[^.,;:!?\n]{0,60}?\b(?:means?|is|are|stands?\s+for|looks?\s+like|works?)\b", re.IGNORECASE
)
# The same with no article, the verb right after the thing: "Can you explain what JSON format is?"
_DEFINED_BARE_BEFORE = re.compile(
    r"\bwhat\s+(?:(?!(?:is|are|was|were|means?|does|do|did|you|i|we|they|he|she|it)\b)[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
_DEFINED_BARE_AFTER = re.compile(
    r"\s*(?:[\w-]+\s+)?(?:is|are|means?|stands?\s+for|looks?\s+like)\b", re.IGNORECASE
)


# "a poem about why I never use commas": what someone else does, in an indirect question.
_WHY_THEY_BEFORE = re.compile(
    r"\b(?:how|when|whether|where|why)\s+(?:(?:i|one|people|we|they|he|she|someone)\s+(?:\w+\s+)?"
    # "why my essay needs to be at least 500 words", "why my teacher wants everything in all caps"
    r"|(?:my|our|his|her|their)\s+[\w-]+\s+(?:\w+\s+){0,4})$",
    re.IGNORECASE,
)
# A thing shown as an example, and what it has: "an example of a sentence with no commas"
_EXAMPLE_BEFORE = re.compile(
    r"\bexamples?\s+of\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,3}?(?:with|that\s+(?:has|uses|is)|written)\s+$",
    re.IGNORECASE,
)


# Whether the user's own thing is some way: "check whether my essay is under 500 words"
_WHETHER_MINE_BEFORE = re.compile(
    r"\b(?:whether|if)\s+(?:my|our|his|her|their|this|that)\s+(?:[\w-]+\s+){0,2}?(?:is|are|was|has|have|contains?|uses?)\b"
    r"[^.!?\n]*$",
    re.IGNORECASE,
)


def in_indirect_question(prompt: str, start: int, end: int) -> bool:
    """Whether prompt[start:end] belongs to an indirect question ("how to type in all caps") or to an
    example shown ("an example of a sentence with no commas")."""
    low = max(0, start - 80)
    if (
        _WHY_THEY_BEFORE.search(prompt, low, start)
        or _EXAMPLE_BEFORE.search(prompt, low, start)
        or _WHETHER_MINE_BEFORE.search(prompt, low, start)
    ):
        return True
    return (
        _HOW_TO_BEFORE.search(prompt, low, start) is not None
        or (
            _DEFINED_BEFORE.search(prompt, low, start) is not None
            and _DEFINED_AFTER.match(prompt, end) is not None
        )
        or (
            _DEFINED_BARE_BEFORE.search(prompt, low, start) is not None
            and _DEFINED_BARE_AFTER.match(prompt, end) is not None
        )
    )


# "I'm learning Spanish, so answer in Spanish": a clause of its own after "so" or "but".
# Likewise a request put after a comma, by its imperative verb: "my grandpa can only read big letters on his
# phone, write him a message in ALL CAPS" ("and" before the verb too: "..., and keep it under 50 words").
_CLAUSE_AFTER = re.compile(
    r"(?:,\s*|\s+)(?:so|but|and\s+so)\s+"
    r"|,\s*(?:(?:and|then|so)\s+)?(?:please\s+|pls\s+)?(?=(?:write|make|keep|give|send|reply|answer|respond|use|put"
    r"|format|draft|compose|tell|list|explain|describe|summari[sz]e|help|add|include|end|start|begin|wrap|avoid"
    r"|don't|dont|do\s+not|never)\b)",
    re.IGNORECASE,
)


def _so(prompt: str, low: int, start: int) -> int:
    """Where the last clause that "so" or "but" opens before ``start`` begins, or ``low``."""
    found = [m.end() for m in _CLAUSE_AFTER.finditer(prompt, low, start)]
    return found[-1] if found else low


# "a man who never uses commas": what a person in the request does, unless the answer plays them;
# likewise what a thing recommended does
# ("Reply as a pirate who only speaks in capital letters").
_WHO_BEFORE = re.compile(r"\bwho\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_PLAYING = re.compile(
    r"\b(?:as|like|pretend|pretending|you're|you\s+are|be|act|role-?play|imagine\s+you)\b", re.IGNORECASE
)


# A thing recommended or looked for, and the clause that describes it: "Can you recommend a font that
# looks good in all lowercase?" (the font's, not the answer's)
_RECOMMENDED_BEFORE = re.compile(
    r"\b(?:recommend|suggest|find|know\s+(?:of\s+)?any|name|point\s+me\s+to)\b[^.!?\n]*\b(?:that|which)\b[^.!?\n]*$",
    re.IGNORECASE,
)


# What code asked for does: "a function that checks if a string is a palindrome", "code to convert a
# string to lowercase" (the code's behaviour, not the answer's form)
# (a verb of what it does to text, near: "a JSON schema that includes a placeholder" is the answer's content)
_CODE_DOES_BEFORE = re.compile(
    r"\b(?:function|script|program|code|regex|regular\s+expression|query|formula|method|class|snippet|macro|"
    r"rule|algorithm|app|bot|tool)\s+(?:that|which|to|for)\s+(?:\w+\s+)?(?:check|convert|return|remove|count|"
    r"print|reverse|calculat|output|translat|capitali[sz]|sort|find|detect|generat|validat|turn|change|format|"
    r"split|pars|strip|replac|match|comput|test|transform|mak)\w*\b[^.!?\n]{0,60}$",
    re.IGNORECASE,
)


def _of_a_person(prompt: str, low: int, start: int) -> bool:
    who = _WHO_BEFORE.search(prompt, max(low, start - 40), start)
    if who is not None and not _PLAYING.search(prompt, low, who.start()):
        return True
    return bool(
        _RECOMMENDED_BEFORE.search(prompt, low, start) or _CODE_DOES_BEFORE.search(prompt, low, start)
    )


# A question about what the assistant knows or thinks, not a request for an answer in some form.
_ASKED_OF_YOU = re.compile(
    # ("Do you speak German?", "Can you understand Polish?": what the assistant can do, asked)
    # ("Does your training data include the word 'skibidi'?": a fact about the assistant, asked)
    r"(?:(?:does|did|do)\s+your\s+(?!(?:answer|response|reply|output)\b)[\w-]+(?:\s+[\w-]+)?\s+"
    r"(?:include|contain|have|know|mention|use|support|cover)\b"
    r"|(?:do|did|have|are|were)\s+you\s+(?:know|heard|remember|think|believe|like|ever|familiar|aware)\b"
    # "Do you think you could answer in French?" is a polite request
    r"(?!\s+(?:you|u)\s+(?:could|can|might|would)\b)"
    # "How do you say 'no commas' in Spanish?"
    r"|(?:do|can)\s+you\s+(?:speak|understand)\s+\w+\s*\?"
    # "How do you end a letter with 'Sincerely'?"
    r"|how\s+(?:do|would|can|should)\s+(?:you|i|one)\s+(?:say|spell|pronounce|translate|write|end|start|begin|sign|"
    r"close|finish|open|format)\b)",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"[\"“][^\"”\n]*[\"”]|(?<!\w)['‘][^'’\n]*['’](?!\w)")


# A text given below an announcement of it ("Below is a poem. Tell me what you think.\n\n<poem>"): its
# words are material to work on, not requests (a request to answer, "the request below", is not one).
_TEXT_ANNOUNCED = re.compile(
    r"\b(?:below|following|here\s+is|here's)\b[^.\n]{0,40}?\b(?:text|poem|email|paragraph|essay|article|story|message|"
    r"draft|passage|letter|review|note|post|lyrics|transcript|excerpt|speech)\b"
    r"|\b(?:text|poem|email|paragraph|essay|article|story|message|draft|passage|letter|excerpt)\s+(?:is\s+)?below\b",
    re.IGNORECASE,
)


def _in_given_text(prompt: str, start: int) -> bool:
    """Whether prompt[start:] is in the paragraph right after one that announces a text to come (and
    does not already hold it: "the following text: '...'" gives the text there)."""
    here = prompt.rfind("\n\n", 0, start)
    if here == -1:
        return False
    before = prompt.rfind("\n\n", 0, here)
    found = list(_TEXT_ANNOUNCED.finditer(prompt, before + 1 if before != -1 else 0, here))
    if not found:
        return False
    announced = found[-1]
    # (a colon closing the paragraph points at the text below: "Here is my draft:")
    rest = prompt[announced.end() : here].rstrip().removesuffix(":")
    return len(rest) < 120 and not re.search(r"[\"“'‘:]", rest)


# A question of why, or of what was: no request, whoever it addresses ("Why don't you ...?" and "Why not
# ...?" suggest, and are not listed).
_WHY_OR_PAST = re.compile(
    r"(?:why(?!\s+(?:don't|dont|not|do\s+not)\b)|how\s+come|was|were|wasn't|weren't|did|didn't|had|hadn't)\b",
    re.IGNORECASE,
)


# A phrase fronted before a question: "In Markdown, ...", "For a résumé, ...", "Honestly, ..."
_FRONTED = re.compile(
    r"(?:(?:in|on|for|with|using|at|as|by)\s+[^,.!?\n]{1,30}?|honestly|seriously|quick\s+question|ok|okay|so|hey)\s*,\s*",
    re.IGNORECASE,
)


def _past_fronted(sentence: str, at: int) -> str:
    """The sentence past a phrase fronted before it, unless the phrase holds what is at ``at`` ("In under
    50 words, what is DNA?" states the length there)."""
    fronted = _FRONTED.match(sentence)
    return sentence[fronted.end() :] if fronted and at >= fronted.end() else sentence


# A question of how to do something oneself, asked without its "?"; a request after a break in the
# same sentence still counts ("how do i bake bread, answer in all caps").
_HOW_DO_I = re.compile(
    r"(?:how\s+(?:do|can|could|would|should|to)\s+(?:i|we)\b|how\s+to\b|is\s+there\s+a\s+way\s+to\b)",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[,;:()\-–—]|\b(?:and|but|then|also|please|pls)\b", re.IGNORECASE)


# Someone's past duty or habit, told, whatever is fronted before it ("Back in school I had to ...", "As
# a kid I used to ...", "Last year we were told to ...").
_PAST_OBLIGATION = re.compile(
    r"\b(?:i|we|he|she|they|everyone|everybody)\s+(?:always\s+|all\s+|often\s+)?(?:had\s+to|used\s+to"
    r"|(?:was|were)\s+(?:told|asked|forced|made|required|supposed|expected)\s+to)\s",
    re.IGNORECASE,
)


_OTHERS_WISH = re.compile(
    r"(?:my|our)\s+(?:[\w-]+\s+){1,2}?(?:wants?|needs?|asked\s+for|requires?|expects?)\s+(?:the|a|an)\s+"
    r"(?:[\w'-]+\s+){1,6}?(?:as|in\s+the\s+form\s+of|formatted\s+as|written\s+as)\s",
    re.IGNORECASE,
)


# An apology for the user's own writing: "Sorry for my english and for writing all in lowercase" (not "Sorry
# for asking, but please answer in French").
_APOLOGY = re.compile(
    # (the user's own apology; "apologize for the delay" asks one of the answer)
    r"\b(?:sorry|(?:i|we)\s+apologi[sz]e|apologies|excuse\s+me|pardon\s+me)\s+(?:for|about)\b"
    r"(?:(?!\b(?:but|please|pls|so|can|could|would)\b)[^.!?\n])*$",
    re.IGNORECASE,
)


# Others asked to do it, in a text asked for: "a writing prompt asking students to write at least 500 words",
# "an exam question that asks for an answer in fewer than 50 words", "a test where students answer in at
# least 3 sentences", "instructions for my students: they must write no more than 200 words" (not "asking
# you to", nor "my teacher wants us to": the user's own duty, which the answer does).
_OTHER_PEOPLE = (
    r"(?:them|him|her|students|applicants|people|users|readers|participants|candidates|kids|children|employees"
    r"|writers|contestants|entrants|customers|members|learners|pupils|attendees|respondents|volunteers)"
)
# (their request ends where one to the assistant starts: "a text asking him to pick me up at 6 and dont use
# commas")
# (the search ends where the phrase starts, so an "and" right before it is seen as "and" at the end)
_OTHERS_REQUEST_ENDS = (
    r"(?:(?!\band\s+(?:(?:don't|dont|do\s+not|never|please|pls|make\s+sure|keep\s+it)\b|$))[^.!?\n,;])*$"
)
_OTHERS_ASKED = re.compile(
    r"\b(?:ask(?:s|ing)?|tell(?:s|ing)?|requir(?:es|ing)|instruct(?:s|ing)?|invit(?:es|ing)|encourag(?:es|ing)"
    rf"|remind(?:s|ing)?)\s+(?:the\s+|all\s+|my\s+|our\s+)?(?:[\w-]+\s+)?{_OTHER_PEOPLE}\s+to\b{_OTHERS_REQUEST_ENDS}"
    r"|\b(?:that|which)\s+(?:asks?|requires?|tells?|instructs?|expects?)\s+(?!(?:you|u|me|us)\b)[^.!?\n,;]*$"
    rf"|\b(?:where|in\s+which)\s+(?:the\s+)?{_OTHER_PEOPLE}\s+(?:\w+\s+)?(?:answer|write|respond|reply|must|should|have\s+to"
    r"|need\s+to|are\s+asked)\b[^.!?\n,;]*$"
    rf"|:\s*(?:they|{_OTHER_PEOPLE}|each\s+(?:student|applicant|participant))\s+(?:must|should|have\s+to|need\s+to|will|can"
    r"|are\s+to)\s+(?:write|answer|respond|reply|submit|use|type|keep)\b[^.!?\n,;]*$",
    re.IGNORECASE,
)


def others_asked(prompt: str, low: int, start: int) -> bool:
    """Whether the words in prompt[low:start] ask other people to do what follows, in a text asked for."""
    return _OTHERS_ASKED.search(prompt, low, start) is not None


# A dot that ends an abbreviation, not a sentence: "e.e. cummings", "e.g. this", "Dr. Smith" (the boundary
# index breaks there; a sentence read for what it asks is read from before it).
_ABBREVIATION_BEFORE = re.compile(r"(?:\b[a-z]\.[a-z]|\b(?:Mr|Mrs|Ms|Dr|Prof|vs))\.\s*$")


def _whole_sentence_start(prompt: str, low: int) -> int:
    while low > 0 and _ABBREVIATION_BEFORE.search(prompt, max(0, low - 12), low):
        low = _start(prompt, low - 2)
    return low


def _told_after_a_dash(prompt: str, low: int, start: int, end: int) -> bool:
    """Whether the phrase is in an account set off by a dash or semicolon after the request, one that names
    neither the assistant nor its answer: "Write it in under 300 words — the company says applications over
    300 words get binned"."""
    cut = max(prompt.rfind("—", low, start), prompt.rfind(" – ", low, start), prompt.rfind(" - ", low, start))
    cut = max(cut, prompt.rfind(";", low, start))
    if cut < 0:
        return False
    clause = prompt[cut + 1 : end].lstrip(" -–—\t")
    return bool(_NARRATION_START.match(clause)) and not _ADDRESSED.search(_QUOTED.sub("", clause))


def is_directive(prompt: str, start: int, end: int) -> bool:
    """Whether the sentence around prompt[start:end] can state a constraint on the answer.

    Not when it is an information question ("What does P.S. stand for?") or the user's
    account of their own situation ("My essay has to be 1000 words."), unless it
    addresses the assistant ("you", "your", "please"). A quoted sentence is an
    example of the answer ("'My answer is yes.'"), so it counts."""
    low, high = sentence_span(prompt, start, end)
    low = _whole_sentence_start(prompt, low)
    if (
        _in_reported_quote(prompt, start)
        or in_indirect_question(prompt, start, end)
        or _in_given_text(prompt, start)
    ):
        return False
    if _of_a_person(prompt, low, start):
        return False
    sentence = prompt[low:high].strip()
    if sentence.endswith("?") and _ASKED_OF_YOU.match(sentence):
        return False  # "Do you know any songs with the word 'love' at least 5 times?"
    if sentence.endswith("?") and _WHY_OR_PAST.match(sentence.lstrip("(*-– ")):
        return False  # "Why was your answer in caps?": asked about, even of the assistant
    if _told_after_a_dash(prompt, low, start, end):
        return False
    # (a "your" inside quotes is someone else's: "What does 'repeat the question in your answer' mean?")
    if not sentence or sentence[0] in "\"“'‘" or _ADDRESSED.search(_QUOTED.sub("", sentence)):
        return True
    raw = prompt[low:high]
    asked, asked_start = sentence.lstrip("(*-– "), low + len(raw) - len(raw.lstrip(" \t\r\n(*-–"))
    if sentence.endswith("?") and _QUESTION_START.match(_past_fronted(asked, start - asked_start)):
        return False  # (a setting fronted before the question: "In Markdown, how do I make sub-bullets?")
    if _HOW_DO_I.match(sentence.lstrip("(*-– ")) and not _CLAUSE_BREAK.search(prompt, low, start):
        return False  # typed without its "?": "how do i make my keyboard type in all caps"
    # Narration ends at a colon or semicolon: "My title is: ... Nest parentheses ...".
    clause_start = max(
        low, prompt.rfind(":", low, start) + 1, prompt.rfind(";", low, start) + 1, _so(prompt, low, start)
    )
    if not prompt[clause_start:start].strip("(*-– \t\n"):
        return True  # the phrase opens its clause: it is the request itself ("My answer is yes.")
    if (
        _PAST_OBLIGATION.search(prompt, clause_start, start)
        or _APOLOGY.search(prompt, clause_start, start)
        or _OTHERS_ASKED.search(prompt, low, start)
    ):
        return False  # "Back in school I had to write everything in lowercase": what was, told
    # Up to the phrase's end, so "I want a one-sentence answer" reads as a want, not narration.
    told = prompt[clause_start:end].lstrip("(*-– \t\n")
    if _NARRATION_START.match(told):
        # someone's wish for a text, in a request that asks nothing else: "My boss wants the key takeaways
        # as a bulleted list with three items." (not "..., is that a common rule?")
        return bool(_OTHERS_WISH.match(told)) and "?" not in prompt
    return True


# Taken back right after it is said: "no commas... just kidding", "use all caps. Scratch that."
_INTERJECTION = r"(?:oh|actually|wait|hmm|no|ok|okay)[,\s]+"
_RETRACTION = re.compile(
    rf"[^.!?\n]{{0,30}}?[.!?…]*\s*(?:{_INTERJECTION})*(?:just\s+kidding|j/?k\b|scratch\s+that|ignore\s+that|never\s*mind|"
    r"forget\s+(?:that|i\s+said\s+that)|disregard\s+that|cancel\s+that|on\s+second\s+thought|"
    # "... no wait, just write it normally"
    r"no[,\s]+wait|wait[,\s]+no|actually[,\s]+no)\b"
    # "Use no commas. Actually, commas are fine.": an interjection opening a new sentence ("Emojis are
    # fine" takes nothing back, nor "..., no other language is allowed")
    r"|[^.!?\n]{0,30}?[.!?…]+\s*(?:(?:oh|actually|wait|hmm|ok|okay)[,\s]+)+(?:no[,\s]+)?[\w\s]{0,25}?\b(?:is|are)\s+"
    r"(?:fine|ok|okay|allowed|acceptable)\b"
    # a wish said not to bind: "Less than 100 words would be great, but it's not a strict rule"
    r"|[^.!?\n]{0,40}?\b(?:but|though|although)\s+(?:it's|it\s+is|that's|that\s+is|this\s+is|it)\s+(?:not|isn't|is\s+not)\s+"
    r"(?:a\s+)?(?:strict|hard|firm|must|required|mandatory|necessary|essential|requirement)\b"
    r"|[^.!?\n]{0,40}?\b(?:but|though)\s+(?:it's|it\s+is|that's)\s+(?:optional|up\s+to\s+you)\b",
    re.IGNORECASE,
)


# A rule named to be dropped: "scratch the no-comma rule I mentioned", "ignore the all-caps thing".
_DROPPED_BEFORE = re.compile(
    r"\b(?:scratch|ignore|forget(?:\s+about)?|drop|disregard|cancel|skip|never\s*mind)\s+(?:the|that|my|this)\s+$",
    re.IGNORECASE,
)
_RULE_AFTER = re.compile(
    r"[\s-]*(?:rule|requirement|instruction|thing|part|bit|constraint)s?\b", re.IGNORECASE
)


# The rule dropped later, named by one of its words: "no commas in the answers... actually scratch the comma
# part", "Use all caps. Hmm, forget the caps.", "never mind what I said about the word count".
_DROPPED_LATER = re.compile(
    r"\b(?:scratch|ignore|forget(?:\s+about)?|drop|disregard|cancel|skip|never\s*mind|remove|lose)\s+"
    r"(?:(?:what\s+i\s+said|the\s+bit|the\s+part)\s+about\s+)?(?:the|that|my|this|those|these)?\s*"
    r"(?P<named>(?:[\w'-]+\s+){0,2}?[\w'-]+)"
    r"(?:[\s-]+(?:rule|requirement|instruction|thing|part|bit|constraint|request|idea|stuff)s?)?\s*(?=[,.;!?\n]|$|\s+(?:and|just|please|pls)\b)",
    re.IGNORECASE,
)
_CONTENT_WORD = re.compile(r"[a-z]{4,}")


def _stems(text: str) -> set[str]:
    return {word[:4] for word in _CONTENT_WORD.findall(text.lower())}


def _dropped_later(prompt: str, start: int, end: int) -> bool:
    """Whether a later sentence or clause drops what prompt[start:end] asked, naming it by its words."""
    said = _stems(prompt[start:end])
    for found in _DROPPED_LATER.finditer(prompt, end, min(len(prompt), end + 160)):
        named = _stems(found.group("named"))
        if said & named:
            return True
    return False


def is_retracted(prompt: str, end: int, start: int | None = None) -> bool:
    """Whether the words right after prompt[:end] take back what it asked, those before
    prompt[start:] drop it as a rule named, or a later clause drops it by its words."""
    if _RETRACTION.match(prompt, end) is not None:
        return True
    if start is None:
        return False
    return (
        _DROPPED_BEFORE.search(prompt, max(0, start - 25), start) is not None
        and _RULE_AFTER.match(prompt, end) is not None
    ) or _dropped_later(prompt, start, end)


# Allowed, not asked for: "lowercase is fine", "all caps is OK too".
_PERMITTED = re.compile(r"\s*(?:is|are)\s+(?:fine|ok|okay|allowed|acceptable|optional)\b", re.IGNORECASE)


_NEGATED = re.compile(r"\b(?:no|not|never|nothing|without)\b|n't\b", re.IGNORECASE)


# Allowed by the words before it, or left to the assistant after it: "You can use lowercase if you want",
# "Feel free to skip commas", "... in French if you like" (not "Can you ...?", a request).
_ALLOWED_BEFORE = re.compile(
    # (not a polite request: "Do you think you could ...", "I wonder if you can ...")
    r"\b(?:(?<!think\s)(?<!if\s)(?<!whether\s)(?<!hope\s)(?<!hoping\s)you\s+"
    r"(?:(?:can|may)(?!\s+(?:you|u)\b)|are\s+free\s+to|are\s+welcome\s+to)"
    r"|feel\s+free\s+to|(?:it's|it\s+is)\s+(?:ok|okay|fine)\s+to"
    r"|optionally)\s+(?:[\w']+\s+){0,3}$",
    re.IGNORECASE,
)
_LEFT_TO_YOU_AFTER = re.compile(
    r"[^.!?\n,;]{0,25}?\b(?:if\s+you\s+(?:want|like|prefer|wish)|if\s+(?:it\s+)?helps|(?:it's|it\s+is)\s+up\s+to\s+you"
    r"|optionally|optional)\b",
    re.IGNORECASE,
)


# ("You may not use commas": a ban, the negation read as the phrase's start)
_NOT_AT = re.compile(r"(?:not|never)\b", re.IGNORECASE)


def is_permitted(prompt: str, start: int, end: int) -> bool:
    """Whether the words right after prompt[start:end] only allow it ("lowercase is fine"), or those before
    or after leave it to the assistant ("Feel free to skip commas", "in French if you like"); not when it is
    ruled out ("no other language is allowed", "no capital letters are allowed")."""
    if _PERMITTED.match(prompt, end) is not None and not _NEGATED.search(prompt, max(0, start - 12), end):
        return True
    allowed = _ALLOWED_BEFORE.search(prompt, max(0, start - 50), start) and not _NOT_AT.match(prompt, start)
    return bool(allowed or _LEFT_TO_YOU_AFTER.match(prompt, end))


# A request turned down: "Don't write in all caps", "You don't have to answer in French". Not "don't
# forget to ...", and only within the clause (no comma, no "and" between).
_TURNED_DOWN_BEFORE = re.compile(
    r"(?:\b(?:don't|dont|do\s+not|never)|\bno\s+need\s+to)\s+(?!(?:forget|hesitate|fail)\b)"
    r"(?:(?!(?:and|but|then|so|or|instead)\b)[\w']+\s+){0,4}$",
    re.IGNORECASE,
)


def is_negated(prompt: str, start: int) -> bool:
    """Whether the clause before prompt[start:] turns down what follows ("Don't write in all caps")."""
    return _TURNED_DOWN_BEFORE.search(prompt, max(0, start - 40), start) is not None
