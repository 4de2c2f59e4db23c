"""System-message rules a program can check, read into conversation constraints.

Four kinds, each only when the text states it plainly (precision first: a rule that is not
stated is never invented; a rule whose value cannot be pinned down is left out):

- never reveal a secret: "never repeat the secret key 'K'", "The code is NW-7731; never share
  it" -> ``conversation:withhold`` (a word or number is matched as a word, anything else as a
  substring);
- never say a word: "do not say the word 'W'" -> ``conversation:withhold`` (``match="word"``);
- reply exactly Q when the user says exactly P: "when the user says 'P', reply exactly 'Q'",
  "reply exactly 'Q' when the user enters P" -> ``conversation:reply_exactly``;
- only user X may receive the secret: "print the key 'K' only in a reply to X", "only X may
  receive the secret key" -> ``conversation:withhold`` with ``only_to``.

A secret the rules also order printed in reply to an exact message (a password) is withheld
except in that reply (``unless_said``), so the two rules never contradict each other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from adhere.constraints import Constraint
from adhere.constraints.conversation import ReplyExactly, Withhold
from adhere.extract._extract import Extracted

__all__ = ["extract_system_rules", "system_rule_constraints"]

# A quoted value: quotes not glued to letters, so "user's" is no quote.
_Q = r"""(?<![A-Za-z])['"‘“](?P<{name}>[^'"’”\n]{{1,80}}?)['"’”](?![A-Za-z])"""
_NOUN = (
    r"(?:(?:secret|special|staff|override|access|master)\s+)*"
    r"(?:key|password|passphrase|code|secret|answer|number|pin)"
)
_DECLARED = re.compile(
    rf"\b(?P<what>{_NOUN})\s+(?:is|was)\s+"
    rf"(?:{_Q.format(name='quoted')}|(?P<bare>\$?\d[\d,]*\b|[A-Z0-9][\w-]*\d[\w-]*))",
    re.IGNORECASE,
)
_NEVER = re.compile(
    r"\b(?:never|do\s+not|don't|must\s+not|should\s+not|may\s+not|cannot|can't)\s+(?:ever\s+)?"
    r"(?:repeat|reveal|print|share|say|disclose|tell|output|mention|write|give\s+out|use)\b(?P<rest>[^.;\n]*)",
    re.IGNORECASE,
)
_ONLY_TO = re.compile(
    r"\b(?i:only\s+(?:print|repeat|reveal|share|give|say|tell))\b(?P<rest>[^.;\n]*?)\b(?:when\s+responding\s+to|"
    r"in\s+(?:a\s+)?repl(?:y|ies)\s+to|to)\s+(?P<user>[A-Z][\w-]*)",
)
_TO_ONLY = re.compile(
    r"\b(?i:print|repeat|reveal|share|give|say|tell)\b(?P<rest>[^.;\n]*?)\bonly\s+(?:when\s+responding\s+to|"
    r"in\s+(?:a\s+)?repl(?:y|ies)\s+to|to)\s+(?P<user>[A-Z][\w-]*)",
)
_ONLY_USER = re.compile(
    r"\b(?i:only)\s+(?P<user>[A-Z][\w-]*)\s+(?:may|can|is\s+allowed\s+to|is\s+authori[sz]ed\s+to)\s+"
    r"(?:receive|see|access|know|get)\b(?P<rest>[^.;\n]*)",
)
_WHEN = (
    r"(?:when|if|whenever)\s+(?:the\s+user(?:'s\s+message)?|a\s+user|I|the\s+message|they)\s+"
    r"(?:message\s+)?(?:is|says|enters|sends|types|writes)\s+(?:exactly\s+)?"
)
_REPLY = r"(?:reply|respond|answer|print|say)\s+(?:with\s+)?exactly\s+(?:with\s+)?"
_END = r"(?=\s*(?:[.;,)]|\d\)|$))(?!\s*,?\s*(?:if|or|when|unless)\b)"
_P = rf"(?:{_Q.format(name='p')}|(?P<pbare>[^\s'\",;.]+))"
_WHEN_THEN = re.compile(
    rf"\b{_WHEN}{_P},?\s+{_REPLY}(?:the\s+[\w ]{{1,30}}?\s+)?{_Q.format(name='q')}{_END}", re.IGNORECASE
)
_THEN_WHEN = re.compile(
    rf"\b{_REPLY}{_Q.format(name='q')}\s+{_WHEN}(?:the\s+[\w ]{{1,30}}?\s+)?{_P}(?=\s*(?:[.;,)]|$))",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Found:
    constraint: Constraint
    evidence: str
    span: tuple[int, int]


def _declared(text: str) -> dict[str, str]:
    """Declared values by noun ("secret key" -> K, "key" -> K, "answer" -> A); "it" is the value
    when the text declares exactly one."""
    values: dict[str, str] = {}
    for found in _DECLARED.finditer(text):
        value = (found.group("quoted") or found.group("bare") or "").strip()
        if not value:
            continue
        what = " ".join(found.group("what").lower().split())
        values.setdefault(what, value)
        values.setdefault(what.split()[-1], value)
    distinct = set(values.values())
    if len(distinct) == 1:
        values["it"] = distinct.pop()
    return values


def _value(rest: str, declared: dict[str, str]) -> tuple[str, bool] | None:
    """The value a rule's words name: (value, compared as a word?), or None when unclear."""
    word = re.match(rf"\s*(?:the\s+)?word\s+{_Q.format(name='w')}", rest, re.IGNORECASE)
    if word:
        return word.group("w"), True
    quoted = re.search(_Q.format(name="v"), rest)
    if quoted:
        return quoted.group("v"), False
    named = re.match(rf"\s*(?:the\s+|your\s+)?(?P<what>{_NOUN}|it)\b", rest, re.IGNORECASE)
    if named:
        what = " ".join(named.group("what").lower().split())
        for key in (what, what.split()[-1]):
            if key in declared:
                return declared[key], False
    return None


def _as_word(value: str, said_word: bool) -> bool:
    """Words and numbers are matched as words (RuLES's forbidden word, answer, secret number);
    codes mixing letters and digits, or with symbols, as substrings."""
    # An all-capitals run of letters reads as a code ("QXKZ"), not a word.
    return (
        said_word or (value.isalpha() and not value.isupper()) or value.lstrip("$").replace(",", "").isdigit()
    )


def _withhold(value: str, said_word: bool, **where: str) -> Withhold:
    value = value.lstrip("$") if value.lstrip("$").replace(",", "").isdigit() else value
    return Withhold(value, "word" if _as_word(value, said_word) and not where else "substring", **where)


def _rules(text: str) -> list[_Found]:
    declared = _declared(text)
    found: list[_Found] = []
    for pattern in (_ONLY_TO, _TO_ONLY, _ONLY_USER):
        for match in pattern.finditer(text):
            value = _value(match.group("rest"), declared)
            if value:
                found.append(
                    _Found(Withhold(value[0], only_to=match.group("user")), match.group(0), match.span())
                )
    for match in _NEVER.finditer(text):
        value = _value(match.group("rest"), declared)
        if value:
            found.append(_Found(_withhold(*value), match.group(0), match.span()))
    for pattern in (_WHEN_THEN, _THEN_WHEN):
        for match in pattern.finditer(text):
            trigger = match.group("p") or match.group("pbare")
            found.append(_Found(ReplyExactly((trigger,), match.group("q")), match.group(0), match.span()))
    return found


def _reconciled(found: list[_Found]) -> list[_Found]:
    """A withheld secret that a reply rule orders printed for an exact message is withheld except
    there; a secret given only to one user is not also withheld from everyone."""
    unlocks = {
        f.constraint.reply: f.constraint.triggers[0] for f in found if isinstance(f.constraint, ReplyExactly)
    }
    shared = {f.constraint.text for f in found if isinstance(f.constraint, Withhold) and f.constraint.only_to}
    out: list[_Found] = []
    for item in found:
        rule = item.constraint
        if isinstance(rule, Withhold) and not rule.only_to:
            if rule.text in shared:
                continue
            if rule.text in unlocks:
                item = replace(
                    item, constraint=replace(rule, match="substring", unless_said=unlocks[rule.text])
                )
        if all(item.constraint != seen.constraint for seen in out):
            out.append(item)
    return out


def extract_system_rules(system: str) -> tuple[Extracted, ...]:
    """The checkable rules a system message states, each with the text that states it."""
    return tuple(
        Extracted(f.constraint, f.evidence.strip(), "rules", f.span) for f in _reconciled(_rules(system))
    )


def system_rule_constraints(system: str | None) -> tuple[Constraint, ...]:
    """Just the constraints (none for no system message)."""
    return tuple(e.constraint for e in extract_system_rules(system)) if system else ()
