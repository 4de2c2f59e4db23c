"""A letter the user pasted for a task: the requests in it are its writer's, not constraints on the answer."""

from __future__ import annotations

import pytest

from adhere.extract import extract_rules
from adhere.extract._pasted import in_pasted_letter


def _read(prompt: str) -> set[tuple[str, str]]:
    return {
        (e.constraint.id, repr(sorted(e.constraint.kwargs().items())))
        for e in extract_rules(prompt).constraints
    }


def _words_under(n: int) -> tuple[str, str]:
    return ("length_constraints:number_words", repr([("num_words", n), ("relation", "less than")]))


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # The whole letter on one line, greeting to signature.
        (
            "Summarise the following email:\nHi team, please avoid the word 'urgent' in replies and keep "
            "answers under 50 words. Thanks, Bob",
            set(),
        ),
        # Paragraphs and a signature on lines of their own; the user's own line after it still counts.
        (
            "Summarise the following email:\n\nHi team,\n\nplease avoid the word 'urgent'.\n\n"
            "Thanks,\nBob\n\nKeep the summary under 50 words.",
            {_words_under(50)},
        ),
        (
            "Reply to this message from a customer:\nHello, I want my refund. Do not send me emails "
            "in all caps again!\nRegards,\nJ. Doe\n\nWrite the reply in under 80 words.",
            {_words_under(80)},
        ),
        (
            "can u make this shorter: Dear parents, please reply in French or English by Friday and "
            "do not use commas in the form. Kind regards, Ms Lopez",
            set(),
        ),
        (
            'My manager sent this: "Good morning all, from now on end every status update with '
            "'Over to you'. Cheers, Priya\" What tone should my reply have?",
            set(),
        ),
        # The user's request before the pasted letter is read.
        (
            "Write a reply to Bob's email below in under 60 words:\nHi, can we meet on Friday? Thanks, Bob",
            {_words_under(60)},
        ),
    ],
)
def test_requests_inside_a_pasted_letter_are_not_the_users(prompt, expected):
    assert _read(prompt) == expected


@pytest.mark.parametrize(
    "prompt",
    [
        # A letter to the assistant itself is the user's request (no colon introduces it).
        "Hi! Please write a poem about rain in all caps. Thanks, Tom",
        # A greeting after a colon but no signature: not framed as a letter, so read as before.
        "Here is what I need: Hi, write the reply in all caps please.",
        # A sign-off word in the user's own sentence after the letter ends it no earlier.
        "Answer this note in all caps:\nHello there, see you soon.\nBest,\nKim\n\nThanks!",
    ],
)
def test_without_a_whole_letter_frame_the_request_stays_read(prompt):
    assert ("change_case:english_capital", "[]") in _read(prompt)


def test_the_letter_runs_from_its_greeting_to_its_signature():
    prompt = "Summarise this:\nHi all, no commas please.\nBest regards,\nAnn Lee\n\nUse no commas yourself."
    assert in_pasted_letter(prompt, prompt.index("no commas please"))
    assert in_pasted_letter(prompt, prompt.index("Ann Lee"))
    assert not in_pasted_letter(prompt, prompt.index("Summarise"))
    assert not in_pasted_letter(prompt, prompt.index("Use no commas yourself"))


def test_each_of_several_letters_is_found_and_the_text_between_them_is_not():
    letter = "Hi Jo, no commas. Thanks, Al\n"
    prompt = "Compare these three notes:\n" + "".join(f"Note {n}: {letter}Between {n}.\n" for n in range(3))
    inside = [i for i in range(len(prompt)) if in_pasted_letter(prompt, i)]
    assert "".join(prompt[i] for i in inside) == "Hi Jo, no commas. Thanks, Al" * 3
