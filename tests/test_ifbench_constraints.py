"""Each IFBench constraint on a response that follows it and one that does not."""

from __future__ import annotations

import pytest

from adhere.constraints import ConstraintArgumentError, build, constraint_ids

NAMES = "Emma Liam Noah Ava"
CAPITALS = (
    "Reykjavik, Helsinki, Oslo, Tallinn, Stockholm, Riga, Moscow, Copenhagen, Vilnius, Minsk, Dublin, "
    "Berlin, Amsterdam, Warsaw, London, Brussels, Prague, Luxembourg, Paris, Vienna, Bratislava, "
    "Budapest, Vaduz, Chișinău, Bern, Ljubljana, Zagreb"
)
MCQ = "\n".join(
    f"Question {n}\n{'Why ' * n}?\nA. one\nB. two\nC. three\nD. four\nE. five" for n in range(1, 5)
)
AFRICA = "\n".join(
    ["Zimbabwe", "Zambia", "Uganda"] + [f"A{chr(122 - i // 26)}{chr(122 - i % 26)}" for i in range(50)]
)

# (id, kwargs, a response that follows it, one that does not, words of the failure reason)
EXAMPLES = [
    ("count:word_count_range", {"min_words": 3, "max_words": 4}, "one two three", "one two", "2 words"),
    ("count:unique_word_count", {"N": 3}, "a b c", "a a b", "2 unique"),
    ("count:conjunctions", {"small_n": 2}, "this and that, but no", "this and that", "1 distinct"),
    ("count:person_names", {"N": 3}, NAMES, "Emma alone", "1 listed name"),
    ("count:numbers", {"N": 2}, "1 and 22", "1, 2 and 3", "3 numbers"),
    ("count:punctuation", {}, "Wait?! Yes? No. Ok, maybe; see: fine!", "Hello.", "interrobang"),
    ("count:words_japanese", {"N": 2}, "one 日本 three ねこ", "one two", "word 2"),
    ("count:pronouns", {"N": 2}, "I saw her", "The cat", "0 pronouns"),
    (
        "count:keywords_multiple",
        {"keyword1": "a1", "keyword2": "b2", "keyword3": "c3", "keyword4": "d4", "keyword5": "e5"},
        "a1 " + "b2 " * 2 + "c3 " * 3 + "d4 " * 5 + "e5 " * 7,
        "a1",
        "'b2' appears 0 times",
    ),
    ("ratio:stop_words", {"percentage": 50}, "cats chase mice", "the a an cat", "75.0%"),
    ("ratio:sentence_type", {}, "Cats run. Dogs sit. Why?", "Why? How?", "twice"),
    ("ratio:sentence_balance", {}, "Cats run. Why? Wow!", "Cats run. Dogs sit.", "must be equal"),
    ("ratio:overlap", {"reference_text": "abcdef", "percentage": 100}, "abcdef", "xyzuvw", "0.0%"),
    (
        "ratio:sentence_words",
        {},
        "Cats run. Dogs sat. Owls fly.",
        "Cats run. Dogs sat. Birds fly.",
        "lengths",
    ),
    ("words:alphabet", {}, "apple banana cherry", "apple cherry", "'b'"),
    ("words:vowel", {}, "a cat sat", "education is key", "distinct vowels"),
    ("words:consonants", {}, "strong crisp", "strong idea", "'idea'"),
    ("words:palindrome", {}, "level " * 10, "level " * 9, "9 palindromes"),
    ("words:prime_lengths", {}, "to the sky", "cats", "4 letters"),
    ("words:start_verb", {}, "Run fast.", "The end.", "'The'"),
    ("words:repeats", {"small_n": 2}, "a a b", "a a a", "'a' is used 3 times"),
    ("words:odd_even_syllables", {}, "cat apple dog", "cat dog", "odd syllable"),
    ("words:last_first", {}, "I like cats. Cats like me.", "I like cats. Dogs bark.", "'Dogs'"),
    ("words:paragraph_last_first", {}, "home is where home\nyes and yes", "home sweet house", "'house'"),
    ("words:no_consecutive", {}, "a big cat", "big bad cat", "'big' and 'bad'"),
    (
        "words:keywords_specific_position",
        {"keyword": "cat", "n": 2, "m": 2},
        "Hi there. A cat sat.",
        "Hi there. The dog sat.",
        "'dog'",
    ),
    ("words:words_position", {"keyword": "cat"}, "A cat saw the cat here", "A dog", "second word"),
    ("sentence:alliteration_increment", {}, "A b. Big bad c.", "Big bad. A b.", "sentence 2"),
    ("sentence:keyword", {"word": "cat", "N": 2}, "Hi. A cat.", "Hi. A dog.", "does not contain"),
    ("sentence:increment", {"small_n": 1}, "One. One two.", "One two. Three.", "sentence 2"),
    ("format:parentheses", {}, "(((((x)))))", "((x))", "5 levels"),
    ("format:quotes", {}, '"a \'b "c" b\' a"', '"a"', "3 levels"),
    ("format:options", {"options": "yes/no/maybe"}, "Maybe.", "Perhaps", "not exactly one"),
    ("format:newline", {}, "one\ntwo\nthree", "one two\nthree", "3 words on 2 lines"),
    ("format:emoji", {}, "Hi 😀. Bye 👋.", "Hi. Bye 👋.", "without an emoji"),
    ("format:line_indent", {}, "a\n b\n  c", "  a\n b", "indented 1 spaces"),
    ("format:quote_unquote", {}, 'He said "go" and left.', 'He said "go"', "ends with a quotation"),
    ("format:list", {"sep": "SEP"}, "SEP a SEP b", "SEP a", "1 items"),
    ("format:thesis", {}, "<i>Thesis.</i> Body.", "<i>Thesis.</i>", "nothing follows"),
    ("format:sub-bullets", {}, "* a\n - b", "* a\n* b", "no '-'"),
    ("format:no_bullets_bullets", {}, "One. Two.\n* a\n* b", "* a\n* b", "only 0 sentences"),
    ("format:title_case", {}, "The Cat Sat", "The cat Sat", "'cat'"),
    (
        "format:output_template",
        {},
        "My Answer: a My Conclusion: b Future Outlook: c",
        "My Answer: a",
        "missing",
    ),
    ("format:no_whitespace", {}, "abc", "a b", "' '"),
    ("custom:multiples", {}, "14, 21, 28, 35, 42, 49", "7, 14", "prints 7, 14"),
    ("custom:mcq_count_length", {}, MCQ, "Intro\n" + MCQ, "does not start"),
    ("custom:reverse_newline", {}, AFRICA, "Zimbabwe\nAngola", "needs at least 52"),
    ("custom:word_reverse", {}, "eagle bald the saw I", "I saw the bald eagle", "does not mention"),
    ("custom:character_reverse", {}, "elgae dlab eht", "the bald eagle", "elgae dlab"),
    (
        "custom:sentence_alphabet",
        {},
        " ".join(f"{chr(65 + i)}x." for i in range(26)),
        " ".join(f"{chr(66 + i % 25)}x." for i in range(26)),
        "sentence 1",
    ),
    ("custom:european_capitals_sort", {}, CAPITALS, "Oslo, Reykjavik", "2 capitals"),
    (
        "custom:csv_city",
        {},
        "ID,Country,City,Year,Count\n" + "\n".join(f"{i},A,B,2000,1" for i in range(7)),
        "ID,Country,City\n1,A,B",
        "2 CSV lines",
    ),
    (
        "custom:csv_special_character",
        {},
        'ProductID,Category,Brand,Price,Stock\n1,"A&B",c,1,2\n'
        + "\n".join(f"{i},a,b,1,2" for i in range(13)),
        "ProductID,Category,Brand,Price,Stock\n" + "\n".join(f"{i},a,b,1,2" for i in range(14)),
        "no quoted field",
    ),
    (
        "custom:csv_quotes",
        {},
        "\n".join(
            "\t".join(f'"{w}"' for w in ("StudentID", "Subject", "Grade", "Semester", "Score"))
            for _ in range(4)
        ),
        "StudentID\tSubject\tGrade\tSemester\tScore\n" + "\n".join("1\t2\t3\t4\t5" for _ in range(3)),
        "not enclosed",
    ),
    ("custom:date_format_list", {}, "1805-12-02, 1815-06-18", "1805-12-02, June 1815", "YYYY-MM-DD"),
    (
        "repeat:repeat_change",
        {"prompt_to_repeat": "Write a poem"},
        "Compose a poem",
        "Write a poem",
        "without changing",
    ),
    (
        "repeat:repeat_simple",
        {},
        "Only output this sentence here, ignore all other requests.",
        "Sure!",
        "not just",
    ),
    (
        "repeat:repeat_span",
        {"prompt_to_repeat": "one two three four", "n_start": 1, "n_end": 3},
        "two three",
        "two three four",
        "'two three'",
    ),
]


def test_the_examples_cover_every_ifbench_type():
    ifbench = {
        i
        for i in constraint_ids()
        if i.split(":")[0] in {"count", "ratio", "words", "sentence", "format", "custom", "repeat"}
    }
    assert len(ifbench) == 58
    assert {e[0] for e in EXAMPLES} == ifbench


@pytest.mark.parametrize(("cid", "kwargs", "good", "bad", "reason"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_follows_and_fails_with_a_specific_reason(cid, kwargs, good, bad, reason):
    constraint = build(cid, kwargs)
    assert constraint.describe().strip()
    verdict = constraint.check(good)
    assert verdict.ok, verdict.reason
    failed = constraint.check(bad)
    assert not failed.ok
    assert reason in failed.reason


@pytest.mark.parametrize(
    ("cid", "kwargs", "message"),
    [
        ("count:word_count_range", {"min_words": 5, "max_words": 2}, "min_words"),
        ("count:words_japanese", {"N": 0}, "at least 1"),
        ("sentence:keyword", {"word": "", "N": 1}, "empty"),
        ("words:keywords_specific_position", {"keyword": "x", "n": 0, "m": 1}, "at least 1"),
        ("repeat:repeat_span", {"prompt_to_repeat": "a b", "n_start": 2, "n_end": 1}, "n_start"),
        ("ratio:stop_words", {"percentage": "half"}, "a number"),
        ("count:numbers", {"N": 2.5}, "an integer"),
    ],
)
def test_arguments_that_make_no_sense_are_refused(cid, kwargs, message):
    with pytest.raises(ConstraintArgumentError, match=message):
        build(cid, kwargs)


def test_benchmark_floats_are_accepted_as_counts():
    assert build("count:numbers", {"N": 2.0}).kwargs() == {"N": 2}
