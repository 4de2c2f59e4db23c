"""The rule parser on requests written the way people chat (tests/data/natural_requests/).

The rules were tuned on dev.jsonl; heldout.jsonl has been looked at since, and heldout2.jsonl
and heldout3.jsonl (written blind, by someone who never read the rules) had their blind
measurements and are now tuned on too, their rows kept in place. The floors sit a little below
what was measured, so a change that reads people worse fails here even when IFEval's templates
still pass.
"""

from __future__ import annotations

import sys
from collections import Counter

import pytest

from adhere.extract import extract_rules
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from extract_accuracy import NATURAL, read_jsonl, score

IFEVAL_TYPES = 25
IFBENCH_TYPES = 58


def _rows(part: str) -> list[dict[str, object]]:
    return read_jsonl(NATURAL / f"{part}.jsonl")


def _precision_recall(part: str) -> tuple[float, float]:
    counts = score(_rows(part), extract_rules)
    tp, fp, fn = (sum(counts[k].values()) for k in ("tp", "fp", "fn"))
    return tp / (tp + fp), tp / (tp + fn)


@pytest.mark.parametrize(
    ("part", "precision_floor", "recall_floor"),
    [
        # Measured (benchmarks/extract_accuracy.py, rules only): dev 1.000 / 0.999 (with heldout2's and
        # heldout3's dev halves and dev13-*; the miss is h3-030, read as no constraint on purpose);
        # heldout (looked at) 1.000 / 1.000; heldout2 1.000 / 1.000 after tuning on its
        # errors (its one blind measurement was 0.957 / 0.874; it is a development set now);
        # heldout3's held-out half had its blind measurement at 0.984 / 0.897 and has since been
        # tuned on too (round 3): 1.000 / 0.993, its one miss h3-207 read as no constraint on purpose
        # (a plain "two-paragraph summary": see test_heldout3_fixes_leave_these_alone).
        # heldout4's dev half (170 rows, not yet tuned on) took dev to 0.996 / 0.985; tuned on in round 4:
        # 1.000 / 0.995, its five misses plain "N paragraphs" read as no constraint on purpose (IFEval counts
        # only ***-split parts). heldout4's other half and heldout5's dev half (317 rows, not yet tuned on)
        # took dev to 0.993 / 0.979; tuned on in round 5 (families, not rows): 0.996 / 0.986, the misses of
        # round 5's types nine plain "N paragraphs" read as no constraint on purpose; with round 5's
        # second part merged, 1.000 / 0.993. heldout5's other half and heldout6's dev half (303 rows, not
        # yet tuned on) took dev to 0.996 / 0.980; tuned on in round 6 (part A, families): 0.999 / 0.987, the
        # misses of part A's types the eleven plain "N paragraphs" read as no constraint on purpose.
        ("dev", 0.995, 0.98),
        ("heldout", 0.97, 0.95),
        ("heldout2", 0.98, 0.97),
        ("heldout3", 0.98, 0.97),
    ],
)
def test_rules_hold_their_floor_on_natural_requests(part, precision_floor, recall_floor):
    precision, recall = _precision_recall(part)
    assert precision >= precision_floor
    assert recall >= recall_floor


_IFEVAL_FAMILIES = {
    "change_case", "combination", "detectable_content", "detectable_format", "keywords", "language",
    "length_constraints", "punctuation", "startend",
}  # fmt: skip


def test_the_set_covers_every_type_in_many_phrasings():
    rows = _rows("dev") + _rows("heldout")
    assert len(rows) >= 400
    prompts_per_type: Counter[str] = Counter()
    for row in rows:
        prompts_per_type.update(set(row["instruction_id_list"]))  # type: ignore[arg-type]
    ifeval = {cid: n for cid, n in prompts_per_type.items() if cid.split(":")[0] in _IFEVAL_FAMILIES}
    ifbench = {cid: n for cid, n in prompts_per_type.items() if cid not in ifeval}
    assert (len(ifeval), len(ifbench)) == (IFEVAL_TYPES, IFBENCH_TYPES)
    assert min(ifeval.values()) >= 8
    assert min(ifbench.values()) >= 3
    assert sum(not row["instruction_id_list"] for row in rows) >= 60


def _found(prompt: str) -> set[str]:
    return {e.constraint.id for e in extract_rules(prompt).constraints}


@pytest.mark.parametrize(
    "prompt",
    [
        # A question about the words is not a request to use them.
        "Is it rude to write in all caps?",
        "What does P.S. stand for?",
        "How do I convert a CSV file to JSON?",
        "Why do people say 'My answer is yes' in job interviews?",
        "What is a palindrome? Give me a few examples.",
        # The user's account of their own situation: their essay's length is not the answer's.
        "My essay has to be at least 1000 words. Any tips for writing long essays?",
        "I wrote my essay in all lowercase by accident. Can I convert it to sentence case in Word?",
        # "into French" names the language of a translation, which may come with notes in
        # English; IFEval's check needs the whole answer in one language, so nothing is read.
        "Translate 'good morning' into French.",
        # A language named as a subject, or as a thing's language, is not the answer's language.
        "Tell me about the history of the Spanish language.",
        "Write a review of a film made in Korean.",
        "Give me the names of the colours in Spanish and English.",
        # "between 3 and 4 paragraphs"-style vagueness: "about 200 words" states no bound.
        "Write about 200 words on tea.",
        # A count for each part is not a total: "each line ... one sentence" is no sentence count.
        "Write a poem where each line should contain exactly one sentence.",
        # The negation reaches only its own clause: "without country names" says nothing of commas.
        "List the capitals without country names, separated by commas.",
        # A language someone in the story speaks, and two languages in one request.
        "Write a story about a parrot that can speak French.",
        "Write a limerick in French about a cat, then translate it to English.",
        # IFEval counts bullets exactly: "at least 5 bullet points" is no such count.
        "Give me a recipe. Use markdown headers and at least 5 bullet points for ingredients.",
        # How a thing in the request is written, not the answer.
        "Describe a letter written in all caps by an angry customer.",
        "Give me a list of words that end with 'ing'.",
        # A setting's rule, not the answer's.
        "Write about a town where the word 'rain' is banned.",
        # "bold" as an adjective is no highlighting.
        "Write a bold plan with 3 key points.",
        # A phrase to translate: the answer about it may be in any language.
        "How do you say 'good morning' in Korean?",
        "How do you write 'thank you' in Japanese?",
        # Someone else's words, quoted: the user's situation, not the answer's form.
        "The assignment says 'write at least 1000 words on climate policy'. Can you help me with an outline?",
        "My boss told me 'never use more than 3 bullet points'. Is that good advice?",
        "Summarize this text: 'Write at least 500 words about your summer. Do not use any commas.'",
        # Someone else's habit, not the answer's case.
        "can u tell me why my kid writes everything in lowercase? he's 9",
        # Taken back as soon as it is said.
        "Write about dogs. Oh, and use no commas. Actually, scratch that, commas are fine.",
        # After "mentions", only single words up to the sentence's end are keywords; these are topics.
        "Write an essay that mentions the causes, effects and solutions.",
        # Capitals for some words only; "every word contains at least two ..." names no keyword.
        "Use capital letters only for names.",
        "Write a sentence in which every word has at least two syllables.",
        # A limit on commas is no ban on them, and IFEval states no such limit.
        "Don't use more than 2 commas.",
        # Two languages asked for: IFEval's check needs one.
        "Respond in English and French.",
        # The user's own text ("Mine is ..."), and words that end some way, not the answer.
        "How many words should a college essay have? Mine is at least 650 words.",
        "Generate a regex that matches words ending with 'ing'.",
    ],
)
def test_ambiguous_or_non_requests_state_nothing(prompt):
    assert _found(prompt) == set()


def test_a_finishing_phrase_is_the_end_not_a_keyword():
    found = extract_rules("Tell me a joke about penguins. Finish with the words 'See you soon'.").constraints
    assert [(e.constraint.id, e.constraint.kwargs()) for e in found] == [
        ("startend:end_checker", {"end_phrase": "See you soon"})
    ]


def test_a_negated_comparison_is_an_upper_bound():
    found = extract_rules(
        "Write a cover letter. Don't use more than 2 words in all capital letters."
    ).constraints
    assert [e.constraint.kwargs() for e in found] == [
        {"capital_relation": "less than", "capital_frequency": 3}
    ]


@pytest.mark.parametrize(
    ("prompt", "code"),
    [
        ("Please reply in French.", "fr"),
        ("Your answer must be in German.", "de"),
        ("Reply in Spanish please.", "es"),
        ("Write a haiku about the sea in Italian.", "it"),
    ],
)
def test_a_language_name_that_names_the_answers_language(prompt, code):
    found = extract_rules(prompt).constraints
    assert [(e.constraint.id, e.constraint.kwargs()) for e in found] == [
        ("language:response_language", {"language": code})
    ]


def _read(prompt: str) -> list[tuple[str, dict[str, object]]]:
    return [(e.constraint.id, e.constraint.kwargs()) for e in extract_rules(prompt).constraints]


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # A language ruled out is no second language.
        (
            "Tell me a fun fact about tigers, in Hindi please, nothing in English.",
            ("language:response_language", {"language": "hi"}),
        ),
        (
            "Explain the water cycle in French, and don't use any English.",
            ("language:response_language", {"language": "fr"}),
        ),
        # Labels name the answer's form.
        (
            "Language: Spanish. Topic: the history of chocolate.",
            ("language:response_language", {"language": "es"}),
        ),
        ("Write about owls. Format: JSON.", ("detectable_format:json_format", {})),
        (
            "Banned words: synergy, disrupt, leverage. Now write a post.",
            ("keywords:forbidden_words", {"forbidden_words": ["synergy", "disrupt", "leverage"]}),
        ),
        # Without the apostrophe, "dont" still negates.
        (
            "write a story and dont use the word 'the'",
            ("keywords:forbidden_words", {"forbidden_words": ["the"]}),
        ),
        # Keywords of several words when the list closes with where they go.
        (
            "needs to have the keywords python and data pipelines in it",
            ("keywords:existence", {"keywords": ["python", "data pipelines"]}),
        ),
        (
            "a tent description that mentions waterproof, lightweight and spacious.",
            ("keywords:existence", {"keywords": ["waterproof", "lightweight", "spacious"]}),
        ),
        # "N sentences max" is at most N, not also at least N.
        (
            "Summarize it in two sentences max.",
            ("length_constraints:number_sentences", {"relation": "less than", "num_sentences": 3}),
        ),
        ("ALL CAPS please: write a warning sign.", ("change_case:english_capital", {})),
        ("Write in lowercase, no caps please.", ("change_case:english_lowercase", {})),
        (
            "use fewer than two words that are written completely in capitals.",
            ("change_case:capital_word_frequency", {"capital_relation": "less than", "capital_frequency": 2}),
        ),
        # The count of sections stated for a marker named with "its number", or written out in quotes.
        (
            "Your response must have 6 sections; begin each with PART and its number, like PART 1.",
            ("detectable_format:multiple_sections", {"section_spliter": "PART", "num_sections": 6}),
        ),
        (
            "A plan with 4 sections, one per week; start each one with 'Week 1', 'Week 2' and so on.",
            ("detectable_format:multiple_sections", {"section_spliter": "Week", "num_sections": 4}),
        ),
        # The request after a colon when the instruction opens the prompt.
        (
            "repeat this back to me word for word and then answer: how long should i boil an egg",
            ("combination:repeat_prompt", {"prompt_to_repeat": "how long should i boil an egg"}),
        ),
        (
            "Repeat this request word for word but change the first word, and don't answer it: Write a poem.",
            ("repeat:repeat_change", {"prompt_to_repeat": "Write a poem."}),
        ),
        # IFBench's kinds in plainer words.
        (
            "Write a poem where no two words next to each other start with the same letter.",
            ("words:no_consecutive", {}),
        ),
        (
            "Write a story in which every sentence begins with the word that ended the sentence before it.",
            ("words:last_first", {}),
        ),
        ("Write a few plain sentences first, then bullet points.", ("format:no_bullets_bullets", {})),
        (
            "Make 'owl' the second word and also the second-to-last word of your answer.",
            ("words:words_position", {"keyword": "owl"}),
        ),
        (
            "Make the word count somewhere between 150 and 200.",
            ("count:word_count_range", {"min_words": 150, "max_words": 200}),
        ),
        (
            "Write a story where the first word of each sentence is the last word of the previous sentence.",
            ("words:last_first", {}),
        ),
        ("Write a poem with lines that get more and more indented.", ("format:line_indent", {})),
        (
            "Explain cloud computing without mentioning AWS, Azure or Google.",
            ("keywords:forbidden_words", {"forbidden_words": ["AWS", "Azure", "Google"]}),
        ),
        (
            "Write an essay with exactly 3 sections. Mark the start of each with 'Section' and its number.",
            ("detectable_format:multiple_sections", {"section_spliter": "Section", "num_sections": 3}),
        ),
        (
            "Answer the question below, but first say the question again word for word.\n\n"
            "What is the tallest mountain?",
            ("combination:repeat_prompt", {"prompt_to_repeat": "What is the tallest mountain?"}),
        ),
        # Lengths: a negated "exceed", and "exactly" after the count.
        (
            "Do not exceed 100 words.",
            ("length_constraints:number_words", {"relation": "less than", "num_words": 101}),
        ),
        (
            "Your essay must exceed 500 words.",
            ("length_constraints:number_words", {"relation": "at least", "num_words": 501}),
        ),
        (
            "Make the last sentence 'I hope this helps.'",
            ("startend:end_checker", {"end_phrase": "I hope this helps."}),
        ),
        ("Write about cows — in Dutch.", ("language:response_language", {"language": "nl"})),
        ("Your whole answer should start and end with a double quote.", ("startend:quotation", {})),
        (
            "Make at least 3 words ALL CAPS for emphasis.",
            ("change_case:capital_word_frequency", {"capital_relation": "at least", "capital_frequency": 3}),
        ),
        # A count for each of two responses is no total.
        (
            "Write two poems about the sea separated by ******, each under 50 words.",
            ("combination:two_responses", {}),
        ),
        ("List every number between 10 and 50 that is divisible by 7.", ("custom:multiples", {})),
        (
            "Make the 3rd word of the 2nd sentence 'river'.",
            ("words:keywords_specific_position", {"keyword": "river", "n": 2, "m": 3}),
        ),
        (
            "The overlap of character trigrams between your answer and this text should be about 30%: Rain.",
            ("ratio:overlap", {"percentage": 30.0, "reference_text": "Rain."}),
        ),
        # Case and markers as typed in a hurry.
        ("Tell me about the moon, all uppercase.", ("change_case:english_capital", {})),
        ("Write the whole thing in lower-case.", ("change_case:english_lowercase", {})),
        ("use only small letters", ("change_case:english_lowercase", {})),
        ("Write the letter in english, and all in capital letters.", ("change_case:english_capital", {})),
        ("add a p.s. at the end", ("detectable_content:postscript", {"postscript_marker": "P.S."})),
        (
            "*Highlight* at least 3 key phrases using markdown.",
            ("detectable_format:number_highlighted_sections", {"num_highlights": 3}),
        ),
    ],
)
def test_natural_wordings_read_as_one_constraint(prompt, expected):
    assert _read(prompt) == [expected]


def test_a_retracted_constraint_is_dropped_and_the_rest_kept():
    prompt = "Give me a JSON object. Oh and no commas... just kidding, ignore that. Reply with valid JSON."
    assert _read(prompt) == [("detectable_format:json_format", {})]


def test_a_count_followed_by_exactly_is_both_bounds():
    assert _read("Write six sentences exactly.") == [
        ("length_constraints:number_sentences", {"relation": "at least", "num_sentences": 6}),
        ("length_constraints:number_sentences", {"relation": "less than", "num_sentences": 7}),
    ]


# Read from heldout2's errors once it became a development set; each fix is a reading of the language,
# checked here on phrasings of the same idea that no set holds.
@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Counted placeholders written in brackets, or blanks put in square brackets.
        (
            "Draft a lease intro with at least 3 [placeholders] for the names.",
            ("detectable_content:number_placeholders", {"num_placeholders": 3}),
        ),
        (
            "Leave at least 6 blanks in square brackets for the client to fill in.",
            ("detectable_content:number_placeholders", {"num_placeholders": 6}),
        ),
        (
            "A wedding invite template with at least two [bracketed] placeholders, please.",
            ("detectable_content:number_placeholders", {"num_placeholders": 2}),
        ),
        # A hashtag is its own quotes.
        (
            "Write a tweet about recycling and add the hashtag #ZeroWaste.",
            ("keywords:existence", {"keywords": ["#ZeroWaste"]}),
        ),
        (
            "Caption for my beach photo, use the hashtags #sun and #sea.",
            ("keywords:existence", {"keywords": ["#sun", "#sea"]}),
        ),
        # A request written in the language it asks for, naming that language in itself.
        (
            "Escribe un poema corto sobre el mar en español.",
            ("language:response_language", {"language": "es"}),
        ),
        (
            "Antworte bitte auf Deutsch: Was ist ein Vulkan?",
            ("language:response_language", {"language": "de"}),
        ),
        (
            "Rispondi in italiano, per favore: cos'è la pizza napoletana?",
            ("language:response_language", {"language": "it"}),
        ),
        ("Please reply in Farsi: what is Nowruz?", ("language:response_language", {"language": "fa"})),
        # A fixed task asked as a question, and requested by the sentence that says how to list it.
        (
            "Which European capitals lie north of 45 degrees latitude? Sort them from north to south, "
            "comma-separated.",
            ("custom:european_capitals_sort", {}),
        ),
        # The request to say again: echoed, copied as it stands, or quoted after the instruction.
        (
            "Echo my question back to me before you answer it: why is the sky blue?",
            ("combination:repeat_prompt", {"prompt_to_repeat": "why is the sky blue?"}),
        ),
        (
            'Repeat the following question word for word, then answer it. "What is the capital of Peru?"',
            ("combination:repeat_prompt", {"prompt_to_repeat": "What is the capital of Peru?"}),
        ),
        (
            "Copy the question below without changing a word, then answer it.\nQuestion: What is a comet?",
            ("combination:repeat_prompt", {"prompt_to_repeat": "What is a comet?"}),
        ),
        # "starting", "beginning", "opening" with a word, as participles too.
        (
            "Give me 3 paragraphs about tea, the third paragraph beginning with the word Finally.",
            (
                "length_constraints:nth_paragraph_first_word",
                {"num_paragraphs": 3, "nth_paragraph": 3, "first_word": "finally"},
            ),
        ),
        (
            "Write 5 paragraphs, paragraph 2 opening with 'However'.",
            (
                "length_constraints:nth_paragraph_first_word",
                {"num_paragraphs": 5, "nth_paragraph": 2, "first_word": "however"},
            ),
        ),
        # A quoted word as the subject of its place.
        (
            "Write about owls; 'hoot' should show up in sentence 2.",
            ("sentence:keyword", {"word": "hoot", "N": 2}),
        ),
        (
            'Make sure the word "ember" appears in the fourth sentence.',
            ("sentence:keyword", {"word": "ember", "N": 4}),
        ),
        (
            "Let 'moon' be the second word in the third sentence.",
            ("words:keywords_specific_position", {"keyword": "moon", "n": 3, "m": 2}),
        ),
        (
            "'river' must be the 3rd word of the 1st sentence.",
            ("words:keywords_specific_position", {"keyword": "river", "n": 1, "m": 3}),
        ),
        # JSON a program can read, by any of its adjectives.
        ("Reply in well-formed JSON: list three fruits.", ("detectable_format:json_format", {})),
        (
            "Return only machine-readable JSON with the keys name and age.",
            ("detectable_format:json_format", {}),
        ),
        # Title case asked of the answer.
        ("Title case for everything please: describe a sunset.", ("format:title_case", {})),
        ("Your answer should be title-cased.", ("format:title_case", {})),
        # Prose first, named by its adjective.
        (
            "Open with a few sentences of regular prose, then switch to bullet points.",
            ("format:no_bullets_bullets", {}),
        ),
        # One of a list, after a verb of answering.
        (
            "Should I learn piano? Reply with just one of these: yes/no/maybe",
            ("format:options", {"options": "yes/no/maybe"}),
        ),
        (
            "Is coffee healthy? Answer only one of the following words: yes or no.",
            ("format:options", {"options": "yes or no"}),
        ),
        # Commas as typed in a hurry.
        ("dont use any comas in ur answer", ("punctuation:no_comma", {})),
        ("Describe your morning w/o commas.", ("punctuation:no_comma", {})),
    ],
)
def test_heldout2_errors_read_in_other_phrasings(prompt, expected):
    assert _read(prompt) == [expected]


@pytest.mark.parametrize(
    "prompt",
    [
        # A question about title case names it; only a request for it asks it of the answer.
        "Can you explain when to use title case?",
        "Why is title case used in headlines?",
        # The question alone does not ask for the comma-separated, ordered list the task checks.
        "Which European capitals are north of 45 degrees latitude?",
        # A phrase asked about in a language, not an answer in it.
        "¿Cómo se dice 'apple' en español?",
        # "one of the following" without a verb of answering picks a topic, not an answer.
        "Tell me about one of the following cities: Paris, Rome.",
        # Someone else's text, named by who it is from: their rules, not the answer's.
        "Here's the brief from my client: 'The logo text must be all lowercase.' What fonts would work?",
        'My boss\'s email: "Keep every report under 200 words." How do I trim mine?',
        # "Chinese" alone names no script, and langdetect tells the two apart: no constraint.
        "Please answer in Chinese.",
        # Comas as a medical state.
        "Describe a hospital ward where patients are in comas.",
    ],
)
def test_heldout2_fixes_leave_these_alone(prompt):
    assert _found(prompt) == set()


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # A count's bound after it, joined by a hyphen: "a 300-word minimum essay", "a 150-word max bio".
        (
            "I need a 300-word minimum essay on renewable energy.",
            ("length_constraints:number_words", {"relation": "at least", "num_words": 300}),
        ),
        (
            "Give me a 150-word max bio.",
            ("length_constraints:number_words", {"relation": "less than", "num_words": 151}),
        ),
        (
            "Write a 5-sentence maximum summary of Hamlet.",
            ("length_constraints:number_sentences", {"relation": "less than", "num_sentences": 6}),
        ),
        # A clause of its own after "so": the user's situation first, then the request.
        ("I'm learning Spanish so answer in Spanish.", ("language:response_language", {"language": "es"})),
        (
            "My essay is due tomorrow, so keep it under 200 words.",
            ("length_constraints:number_words", {"relation": "less than", "num_words": 200}),
        ),
        (
            "I'm on my phone, so no more than 3 sentences.",
            ("length_constraints:number_sentences", {"relation": "less than", "num_sentences": 4}),
        ),
        # A need for a text is a request for it; a language set off at the end names the answer's.
        (
            "I need a cover letter in German for a job in Berlin.",
            ("language:response_language", {"language": "de"}),
        ),
        ("Tell me how photosynthesis works, in French.", ("language:response_language", {"language": "fr"})),
        (
            "Compose a short toast for my sister's wedding in Italian.",
            ("language:response_language", {"language": "it"}),
        ),
        ("Summarize the plot of Hamlet in Portuguese.", ("language:response_language", {"language": "pt"})),
    ],
)
def test_requests_read_in_the_clause_that_states_them(prompt, expected):
    assert _read(prompt) == [expected]


@pytest.mark.parametrize(
    "prompt",
    [
        # An indirect question: the manner of an action asked about, or the subject of a definition.
        "Describe what a 300-word minimum essay requirement means.",
        "Tell me how to type in all caps on an iPhone.",
        "Explain how to say hello in French.",
        # What others do, not the answer.
        "Tell me why people end emails with 'Best regards'.",
        "Why do people write in all caps online?",
        # To do something oneself is the user's own task ("What should I include?" is the request).
        "I need to write a cover letter in German for a job in Berlin. What should I include?",
        # Works in a language, an activity in it, a relative clause's language: not the answer's.
        "Recommend some good books in Spanish.",
        "Give me a list of idioms in French.",
        "Give me three tips for studying in Spanish.",
        "Write about a robot that learns to talk in Japanese.",
        # The situation before "but" stays the user's.
        "I wrote my essay in all lowercase, but my teacher hated it.",
    ],
)
def test_phrases_that_belong_to_something_else_state_nothing(prompt):
    assert _found(prompt) == set()


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # "no caps" is lowercase; "no all caps" only rules shouting out.
        ("can u write me a poem abt the moon, no caps pls", ("change_case:english_lowercase", {})),
        ("Reply without any capitals.", ("change_case:english_lowercase", {})),
        # Verbs of putting a word in.
        (
            "Write a caption for my puppy and throw in the word 'floof'.",
            ("keywords:existence", {"keywords": ["floof"]}),
        ),
        (
            "Describe a garden, and work in 'marigold' somewhere.",
            ("keywords:existence", {"keywords": ["marigold"]}),
        ),
        (
            "Write a short ad that uses 'fresh' at least 3 times.",
            ("keywords:frequency", {"keyword": "fresh", "relation": "at least", "frequency": 3}),
        ),
        # A bound after the count, set off by a comma.
        (
            "Explain blockchain like I'm five. Three sentences, tops.",
            ("length_constraints:number_sentences", {"relation": "less than", "num_sentences": 4}),
        ),
        (
            "100 words, max: what is a black hole?",
            ("length_constraints:number_words", {"relation": "less than", "num_words": 101}),
        ),
        (
            "Make sure no more than 2 words are fully capitalized.",
            ("change_case:capital_word_frequency", {"capital_relation": "less than", "capital_frequency": 3}),
        ),
        # The count after the bullets.
        (
            "Use markdown bullet points, exactly four of them, to list reasons to learn Python.",
            ("detectable_format:number_bullet_lists", {"num_bullets": 4}),
        ),
        ("Write a thank you note. Please put the entire thing in quotes.", ("startend:quotation", {})),
        ("Wrap your answer in quotes.", ("startend:quotation", {})),
        # "without the words ..." with the list closing the clause.
        (
            "Write a poem about winter without the words cold, snow, or ice.",
            ("keywords:forbidden_words", {"forbidden_words": ["cold", "snow", "ice"]}),
        ),
        (
            'A haiku about snow, no word "white".',
            ("keywords:forbidden_words", {"forbidden_words": ["white"]}),
        ),
        # A count for each part after the count.
        (
            "Give me 4 bullets with two sentences per bullet.",
            ("detectable_format:number_bullet_lists", {"num_bullets": 4}),
        ),
    ],
)
def test_more_natural_wordings(prompt, expected):
    assert _read(prompt) == [expected]


@pytest.mark.parametrize(
    "prompt",
    [
        # Shouting ruled out is no case asked for; caps lock is a key.
        "Write a tweet, no all caps please.",
        "Write a limerick, no caps lock shouting.",
        # A count for each part is no total.
        "Use bullet points, exactly 3 words each.",
        "Write 3 paragraphs of 50 words each.",
        # IFEval counts bullets exactly: "at least 10 items in bullet points" is no such count.
        "Give me a packing list for a beach trip, at least 10 items in bullet points.",
    ],
)
def test_more_phrases_that_state_nothing(prompt):
    assert _found(prompt) == set()


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # IFBench's kinds in more everyday words.
        ("Write a short story that uses at least 10 different pronouns.", ("count:pronouns", {"N": 10})),
        ("Write the answer so that each word is on a new line.", ("format:newline", {})),
        ("Write a poem where each line is indented more than the one before.", ("format:line_indent", {})),
        ("Write a sentence without any spaces.", ("format:no_whitespace", {})),
        ("Start your response with an action verb.", ("words:start_verb", {})),
        (
            "Make the word 'dream' the second word and the second-to-last word of your answer.",
            ("words:words_position", {"keyword": "dream"}),
        ),
        ("Put a quote inside a quote inside a quote.", ("format:quotes", {})),
        ("Write a list of 5 fruits using '->' instead of bullet points.", ("format:list", {"sep": "->"})),
        ("Ensure the ratio of declarative to interrogative sentences is 2:1.", ("ratio:sentence_type", {})),
        (
            "Write paragraphs where each paragraph starts and ends with the same word.",
            ("words:paragraph_last_first", {}),
        ),
        (
            "Is this a good idea? Answer with one of the following: yes, no, maybe.",
            ("format:options", {"options": "yes, no, maybe"}),
        ),
    ],
)
def test_ifbench_kinds_in_everyday_words(prompt, expected):
    assert _read(prompt) == [expected]


def test_spaces_between_parts_are_not_whitespace_banned():
    # "No spaces between paragraphs" is about layout, not IFBench's "no whitespace at all".
    assert _found("No spaces between paragraphs please.") == set()


@pytest.mark.parametrize(
    "prompt",
    [
        # What a text says, reported without quotes: its rules, not the answer's.
        "Summarize the article below.\n\nThe article says that all responses must be under 100 words.",
        "Is this fair? The handbook states that reports must be in all caps.",
        # What a person in the request does.
        "Tell me a joke about a man who never uses commas.",
        "Write a story about a girl who always speaks in all caps.",
    ],
)
def test_what_others_say_or_do_states_nothing(prompt):
    assert _found(prompt) == set()


def test_a_person_the_answer_plays_is_the_answer():
    assert _read("Reply as a pirate who never uses commas.") == [("punctuation:no_comma", {})]


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Requirements listed one after another, each read on its own.
        (
            "Write a blog intro about remote work. "
            "It should be 2 paragraphs separated by ***, no commas, and in French.",
            [
                ("language:response_language", {"language": "fr"}),
                ("length_constraints:number_paragraphs", {"num_paragraphs": 2}),
                ("punctuation:no_comma", {}),
            ],
        ),
        (
            "Give me a grocery list as exactly 6 markdown bullet points, all in capital letters.",
            [
                ("detectable_format:number_bullet_lists", {"num_bullets": 6}),
                ("change_case:english_capital", {}),
            ],
        ),
        (
            "Write a haiku about frogs; the whole thing should be in quotation marks and in Japanese.",
            [("language:response_language", {"language": "ja"}), ("startend:quotation", {})],
        ),
    ],
)
def test_listed_requirements_are_each_read(prompt, expected):
    assert _read(prompt) == expected


def test_a_thing_recommended_in_a_language_is_not_the_answer():
    # "It" is the film here, and a film in French says nothing of the answer's language.
    assert _found("Recommend a movie. It should be a film in French.") == set()


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Commas ruled out in other words.
        ("Commas are off-limits.", ("punctuation:no_comma", {})),
        ("Write this comma-free.", ("punctuation:no_comma", {})),
        ("I don't want to see any commas.", ("punctuation:no_comma", {})),
        # Case in other words.
        ("don't use capitals", ("change_case:english_lowercase", {})),
        ("Respond in English using only capital letters.", ("change_case:english_capital", {})),
        ("CAPS LOCK ON for the whole answer please.", ("change_case:english_capital", {})),
        # A limit named: at most that many.
        (
            "Limit yourself to 100 words.",
            ("length_constraints:number_words", {"relation": "less than", "num_words": 101}),
        ),
        (
            "Word limit: 100.",
            ("length_constraints:number_words", {"relation": "less than", "num_words": 101}),
        ),
        (
            "Please stay under a 50 word limit.",
            ("length_constraints:number_words", {"relation": "less than", "num_words": 51}),
        ),
    ],
)
def test_rules_and_limits_in_other_words(prompt, expected):
    assert _read(prompt) == [expected]


@pytest.mark.parametrize(
    "prompt",
    [
        # A limit asked about, or set for the user's own essay.
        "What is the word limit for a college essay?",
        "My professor set a 500 word limit for my essay. Any tips?",
        # Not wanting to do something oneself is no request about the answer.
        "I don't want to write my essay in lowercase.",
    ],
)
def test_limits_and_wants_that_are_the_users_own(prompt):
    assert _found(prompt) == set()


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Words put in, counted, or kept out, by more verbs.
        (
            'Work the words "velvet" and "thunder" into the poem.',
            ("keywords:existence", {"keywords": ["velvet", "thunder"]}),
        ),
        (
            "Write an SEO blurb. Keywords: cloud, data, security.",
            ("keywords:existence", {"keywords": ["cloud", "data", "security"]}),
        ),
        (
            "Incorporate the term 'machine learning'.",
            ("keywords:existence", {"keywords": ["machine learning"]}),
        ),
        (
            "Mention Paris at least 3 times.",
            ("keywords:frequency", {"keyword": "Paris", "relation": "at least", "frequency": 3}),
        ),
        (
            "The word 'and' can appear at most 3 times.",
            ("keywords:frequency", {"keyword": "and", "relation": "less than", "frequency": 4}),
        ),
        (
            "Keep the word 'literally' out of it.",
            ("keywords:forbidden_words", {"forbidden_words": ["literally"]}),
        ),
        (
            "Steer clear of the word 'synergy'.",
            ("keywords:forbidden_words", {"forbidden_words": ["synergy"]}),
        ),
        # A letter that never appears is a letter count, not a banned word.
        (
            "Write a poem where the letter 'e' never appears.",
            ("keywords:letter_frequency", {"letter": "e", "let_relation": "less than", "let_frequency": 1}),
        ),
        # A negated label lists banned words, not keywords to include.
        (
            "Do not include the following keywords: field, thanks.",
            ("keywords:forbidden_words", {"forbidden_words": ["field", "thanks"]}),
        ),
    ],
)
def test_keywords_by_more_verbs(prompt, expected):
    assert _read(prompt) == [expected]


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Ends stated by more wordings.
        (
            'Make your final sentence "See you next time."',
            ("startend:end_checker", {"end_phrase": "See you next time."}),
        ),
        ('End it on "Peace out".', ("startend:end_checker", {"end_phrase": "Peace out"})),
        ("At the very end, write 'Goodbye!'", ("startend:end_checker", {"end_phrase": "Goodbye!"})),
        ('At the end of your answer, add "Cheers".', ("startend:end_checker", {"end_phrase": "Cheers"})),
    ],
)
def test_ends_in_more_wordings(prompt, expected):
    assert _read(prompt) == [expected]


def test_what_a_part_at_the_end_starts_with_is_no_end():
    # "the end" is a place here, and the quote is how the note starts, not how the answer ends.
    assert _found('Add a note at the end starting with "Note:".') == set()


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Common slips: "then" for "than", "atleast", "sentances", "capitol".
        (
            "write a story in less then 100 words",
            ("length_constraints:number_words", {"relation": "less than", "num_words": 100}),
        ),
        (
            "no more then 3 sentences",
            ("length_constraints:number_sentences", {"relation": "less than", "num_sentences": 4}),
        ),
        (
            "Write atleast 150 words about dogs.",
            ("length_constraints:number_words", {"relation": "at least", "num_words": 150}),
        ),
        (
            "Write it in fewer then 5 sentances.",
            ("length_constraints:number_sentences", {"relation": "less than", "num_sentences": 5}),
        ),
        ("Answer in all capitol letters.", ("change_case:english_capital", {})),
    ],
)
def test_common_typing_slips(prompt, expected):
    assert _read(prompt) == [expected]


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        (
            "Mark 2 important sentences as *highlighted* using markdown.",
            ("detectable_format:number_highlighted_sections", {"num_highlights": 2}),
        ),
        # The first word named as the subject: "the first word of paragraph 2 should be 'Then'".
        (
            "Write 4 paragraphs. The first word of paragraph 2 should be 'Then'.",
            (
                "length_constraints:nth_paragraph_first_word",
                {"num_paragraphs": 4, "nth_paragraph": 2, "first_word": "then"},
            ),
        ),
    ],
)
def test_highlights_and_first_words_in_more_wordings(prompt, expected):
    assert _read(prompt) == [expected]


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # The list item as the subject of its marker.
        (
            "Give me a list where each item starts with '~' instead of a bullet.",
            ("format:list", {"sep": "~"}),
        ),
        (
            "List 3 snacks; every item should begin with >> rather than a bullet point.",
            ("format:list", {"sep": ">>"}),
        ),
        ("After each quoted phrase, add an unquoted phrase.", ("format:quote_unquote", {})),
    ],
)
def test_list_markers_and_quotes_in_more_wordings(prompt, expected):
    assert _read(prompt) == [expected]


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # A thing asked for, then how it is written: the answer's form.
        ("Give me a short story written in French.", ("language:response_language", {"language": "fr"})),
        ("Write me a limerick written entirely in lowercase.", ("change_case:english_lowercase", {})),
        (
            "Whenever you quote someone, follow the quoted phrase with an unquoted explanation.",
            ("format:quote_unquote", {}),
        ),
        ("Describe a cat, but only use words whose lengths are prime.", ("words:prime_lengths", {})),
    ],
)
def test_how_the_thing_asked_for_is_written(prompt, expected):
    assert _read(prompt) == [expected]


@pytest.mark.parametrize(
    "prompt",
    [
        # Written by someone, or a topic written some way: not the answer.
        "Write me a poem about a letter written in all caps by a robot.",
        "Write a song about a poem written in Spanish.",
        "Recommend a good beginner book written in Spanish.",
    ],
)
def test_a_thing_written_by_others_is_not_the_answer(prompt):
    assert _found(prompt) == set()


@pytest.mark.parametrize(
    "prompt",
    [
        # What a thing recommended does, and the user's own title shown for feedback.
        "Can you recommend a font that looks good in all lowercase?",
        "Suggest an app that translates menus into Japanese.",
        "Give me feedback on my title: <<The Last Summer>>",
    ],
)
def test_things_recommended_and_the_users_own_title_state_nothing(prompt):
    assert _found(prompt) == set()


@pytest.mark.parametrize(
    "prompt",
    [
        # A relative clause on a thing described, not asked for.
        "Tell me a story about a robot that speaks only in lowercase.",
        "Describe an email that ends with 'Sincerely, Bob'.",
        # An example shown, and someone's own habit in an indirect question.
        "Give me an example of a sentence with no commas.",
        "Write a poem about why I never use commas.",
    ],
)
def test_described_things_and_examples_state_nothing(prompt):
    assert _found(prompt) == set()


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # The relative clause on the thing asked for describes the answer.
        (
            "Write an email that ends with 'Sincerely, Bob'.",
            ("startend:end_checker", {"end_phrase": "Sincerely, Bob"}),
        ),
        ("Write a haiku that's in all caps.", ("change_case:english_capital", {})),
        # The manner of giving the examples is the answer's.
        ("Give three examples of healthy snacks without using commas.", ("punctuation:no_comma", {})),
    ],
)
def test_a_relative_clause_on_the_thing_asked_for(prompt, expected):
    assert _read(prompt) == [expected]


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        ("Could you make your reply valid JSON?", ("detectable_format:json_format", {})),
        (
            "Plan my week in 7 sections, one per day, each starting with DAY and the number.",
            ("detectable_format:multiple_sections", {"section_spliter": "DAY", "num_sections": 7}),
        ),
        ("Everything you write should be in UPPERCASE.", ("change_case:english_capital", {})),
    ],
)
def test_formats_stated_of_the_reply(prompt, expected):
    assert _read(prompt) == [expected]


@pytest.mark.parametrize(
    "prompt",
    [
        # Taken back in other words, or only allowed.
        "Answer with one of the following options: yes/no/maybe... no wait, just write it normally.",
        "Use no commas. Wait, no, commas are fine.",
        "Use no commas. Actually, commas are fine.",
        "Write in all caps. On second thought, lowercase is fine.",
    ],
)
def test_taken_back_or_only_allowed(prompt):
    assert _found(prompt) == set()


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Something else allowed takes nothing back; "no other language is allowed" rules out.
        ("Use no commas. Emojis are fine.", [("punctuation:no_comma", {})]),
        (
            "Use only Hindi in your response, no other language is allowed.",
            [("language:response_language", {"language": "hi"})],
        ),
        (
            'Write a poem about cats, with the word "whiskers" in it at least twice.',
            [("keywords:frequency", {"keyword": "whiskers", "relation": "at least", "frequency": 2})],
        ),
    ],
)
def test_what_is_allowed_or_counted_in_it(prompt, expected):
    assert _read(prompt) == expected


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # The count named as a word or sentence count, with its relation after it.
        (
            "Keep the word count under 200.",
            ("length_constraints:number_words", {"relation": "less than", "num_words": 200}),
        ),
        (
            "Make sure the word count doesn't exceed 150.",
            ("length_constraints:number_words", {"relation": "less than", "num_words": 151}),
        ),
        (
            "Keep your sentence count below 6.",
            ("length_constraints:number_sentences", {"relation": "less than", "num_sentences": 6}),
        ),
    ],
)
def test_a_word_or_sentence_count_and_its_relation(prompt, expected):
    assert _read(prompt) == [expected]


@pytest.mark.parametrize(
    "prompt",
    [
        # "without" turns the comparison over; and after "without the word", a bare word that does
        # not close the clause ("count") is no banned word.
        "Write without the word count going over 100.",
        "Write a story without going over 100 words.",
    ],
)
def test_without_going_over_is_an_upper_bound(prompt):
    assert _read(prompt) == [("length_constraints:number_words", {"relation": "less than", "num_words": 101})]


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # The answer opening with the question, and the request as the one sentence after.
        (
            "Please begin your answer with my exact question, then answer it. How do birds migrate?",
            ("combination:repeat_prompt", {"prompt_to_repeat": "How do birds migrate?"}),
        ),
        (
            "Before anything else, write out my request exactly as I typed it. Then respond. "
            "Request: list 3 fruits.",
            ("combination:repeat_prompt", {"prompt_to_repeat": "list 3 fruits."}),
        ),
        ("Start and end your answer with a quotation mark.", ("startend:quotation", {})),
    ],
)
def test_repeats_and_quotes_in_more_wordings(prompt, expected):
    assert _read(prompt) == [expected]


def test_a_request_followed_by_more_than_one_sentence_is_not_guessed():
    # "What is a comet? Keep it short." - where the request ends is unclear: no request is read.
    assert _found("Repeat my question first, then answer it. What is a comet? Keep it short.") == set()


def test_a_question_about_what_the_assistant_knows_is_no_request():
    assert _found("Do you know any songs with the word 'love' at least 5 times?") == set()
    assert _read("Do you think you could answer in French?") == [
        ("language:response_language", {"language": "fr"})
    ]


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Case stated by what the answer must not contain, or by every letter.
        ("Your reply should not contain any capital letters.", ("change_case:english_lowercase", {})),
        (
            "Make sure not a single letter of your answer is capitalized.",
            ("change_case:english_lowercase", {}),
        ),
        ("Write it with all letters lowercased.", ("change_case:english_lowercase", {})),
        ("Tell me about owls and capitalize every letter.", ("change_case:english_capital", {})),
    ],
)
def test_case_stated_letter_by_letter(prompt, expected):
    assert _read(prompt) == [expected]


def test_capitalizing_the_first_letters_is_no_case_for_the_whole_answer():
    assert _found("Capitalize the first letter of every sentence.") == set()


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Two or more bare words after "don't mention", closing the clause.
        (
            "Describe Italy; don't mention pizza or pasta.",
            ("keywords:forbidden_words", {"forbidden_words": ["pizza", "pasta"]}),
        ),
        (
            "Never mention Apple, Google or Microsoft in your answer.",
            ("keywords:forbidden_words", {"forbidden_words": ["Apple", "Google", "Microsoft"]}),
        ),
        # "nothing longer than", "I don't want anything longer than": upper bounds.
        (
            "Nothing longer than 40 words, please.",
            ("length_constraints:number_words", {"relation": "less than", "num_words": 41}),
        ),
        (
            "I don't want anything longer than 30 words.",
            ("length_constraints:number_words", {"relation": "less than", "num_words": 31}),
        ),
    ],
)
def test_negated_mentions_and_lengths(prompt, expected):
    assert _read(prompt) == [expected]


def test_one_bare_word_not_to_mention_may_be_a_topic():
    # "the war" is a topic to avoid, not a word IFEval's check could hold the answer to.
    assert _found("Don't mention the war.") == set()


@pytest.mark.parametrize(
    "prompt",
    [
        # A language's own features named with it: the topic, not the answer's language.
        "Explain the rules of capitalization in German.",
        "Explain verb tenses in Spanish.",
    ],
)
def test_a_languages_features_are_a_topic(prompt):
    assert _found(prompt) == set()


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Texting style.
        (
            "yo write me a rap about pizza. 3 verses, separate em with *** ok",
            ("length_constraints:number_paragraphs", {"num_paragraphs": 3}),
        ),
        (
            "pls make a grocery list for tacos, bullet points, exactly 7 items",
            ("detectable_format:number_bullet_lists", {"num_bullets": 7}),
        ),
        (
            "write smth for my gf's bday card, in french, short",
            ("language:response_language", {"language": "fr"}),
        ),
        ("tell me abt the moon landing but every sentence should end with an emoji", ("format:emoji", {})),
        (
            'write a motivational msg, end w/ "you got this!"',
            ("startend:end_checker", {"end_phrase": "you got this!"}),
        ),
    ],
)
def test_texting_style(prompt, expected):
    assert _read(prompt) == [expected]


@pytest.mark.parametrize(
    "prompt",
    [
        # A form turned down is not asked for.
        "Don't write in all caps.",
        "Please don't answer in all lowercase.",
        "Don't reply in JSON.",
        "Don't add a P.S.",
        "Don't put a title in double angle brackets.",
        "Don't wrap your answer in quotes.",
        "You don't have to write in French.",
    ],
)
def test_a_form_turned_down_is_not_asked_for(prompt):
    assert _found(prompt) == set()


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # "don't forget to" asks; a negation's scope ends at "and"; a negated bound turns over.
        (
            'Don\'t forget to include the phrase "limited time offer".',
            [("keywords:existence", {"keywords": ["limited time offer"]})],
        ),
        (
            "Do not use any commas and highlight at least 3 sections.",
            [
                ("punctuation:no_comma", {}),
                ("detectable_format:number_highlighted_sections", {"num_highlights": 3}),
            ],
        ),
        (
            "Don't use more than 5 words in all caps.",
            [
                (
                    "change_case:capital_word_frequency",
                    {"capital_relation": "less than", "capital_frequency": 6},
                )
            ],
        ),
        ("Don't capitalize anything.", [("change_case:english_lowercase", {})]),
    ],
)
def test_negations_that_still_ask(prompt, expected):
    assert _read(prompt) == expected


@pytest.mark.parametrize(
    "prompt",
    [
        # The divider named in words.
        "Write 4 paragraphs, with a line of three asterisks between each.",
        "Write 4 paragraphs. Use three asterisks to separate them.",
        "Write four paragraphs separated by markdown dividers.",
    ],
)
def test_the_paragraph_divider_named_in_words(prompt):
    assert _read(prompt) == [("length_constraints:number_paragraphs", {"num_paragraphs": 4})]


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # An adjective between the count and "paragraphs".
        (
            'Write 3 short paragraphs. The second paragraph must begin with "Meanwhile".',
            (
                "length_constraints:nth_paragraph_first_word",
                {"num_paragraphs": 3, "nth_paragraph": 2, "first_word": "meanwhile"},
            ),
        ),
        (
            "Write 4 short paragraphs separated by ***.",
            ("length_constraints:number_paragraphs", {"num_paragraphs": 4}),
        ),
    ],
)
def test_paragraphs_counted_with_an_adjective(prompt, expected):
    assert _read(prompt) == [expected]


@pytest.mark.parametrize(
    "prompt",
    [
        # A range of parts is no exact count, and IFEval counts paragraphs exactly.
        "Make your answer 3-4 paragraphs separated by ***.",
        "Write 3 or 4 paragraphs separated by ***.",
        # "about", "roughly": a target, not a bound.
        "Write a story of about 500 words.",
        "Give me approximately 10 sentences.",
    ],
)
def test_ranges_and_targets_of_parts_state_nothing(prompt):
    assert _found(prompt) == set()


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Any word as the section marker when it is named as one.
        (
            'Give me the steps in 5 sections, with each section starting with "Step X".',
            ("detectable_format:multiple_sections", {"section_spliter": "Step", "num_sections": 5}),
        ),
        (
            "Write a 4-week plan in 4 parts, each labelled Week X.",
            ("detectable_format:multiple_sections", {"section_spliter": "Week", "num_sections": 4}),
        ),
    ],
)
def test_any_word_named_as_the_section_marker(prompt, expected):
    assert _read(prompt) == [expected]


def test_a_name_ending_in_x_is_no_marker():
    assert _found("Write 3 sections about Malcolm X.") == set()


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # IFBench's kinds in yet other words.
        (
            "Write a sentence where each word begins with the letter that follows the previous word's first "
            "letter in the alphabet.",
            ("words:alphabet", {}),
        ),
        ("Use only the vowels a, e and i in your answer.", ("words:vowel", {})),
        ("Put one word on each line.", ("format:newline", {})),
        ("Use at least 80 different words.", ("count:unique_word_count", {"N": 80})),
        ("Make each paragraph end with the word it started with.", ("words:paragraph_last_first", {})),
        ("Write exactly 3 sentences with the same character count.", ("ratio:sentence_words", {})),
    ],
)
def test_ifbench_kinds_in_yet_other_words(prompt, expected):
    assert _read(prompt) == [expected]


def test_different_words_asked_for_are_no_vocabulary_count():
    assert _found("Give me at least 5 different words for 'big'.") == set()


def test_a_text_given_below_its_announcement_is_material():
    prompt = (
        "Below is a poem. Tell me what you think of it.\n\nRoses are red, all in lowercase, with no commas."
    )
    assert _found(prompt) == set()


def test_an_instruction_after_a_text_given_inline_is_read():
    # The text came with its announcement ("the following text: '...'"): the next paragraph instructs.
    prompt = (
        'Write a summary of the following text: "Cats are great."\n\nDo not include "cats" in your response.'
    )
    assert _read(prompt) == [("keywords:forbidden_words", {"forbidden_words": ["cats"]})]


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # A word asked for as the subject, by a need or a want, or by not leaving it out.
        ("Make sure 'banana' is in there somewhere.", ("keywords:existence", {"keywords": ["banana"]})),
        ("Your answer needs the word 'quantum'.", ("keywords:existence", {"keywords": ["quantum"]})),
        ('I want the word "cozy" in the description.', ("keywords:existence", {"keywords": ["cozy"]})),
        ("Don't leave out the word 'eco-friendly'.", ("keywords:existence", {"keywords": ["eco-friendly"]})),
        ('Be sure the phrase "best seller" appears.', ("keywords:existence", {"keywords": ["best seller"]})),
        # A want with a count is a frequency, and no existence besides.
        (
            "I want the word 'together' to appear at least 5 times.",
            ("keywords:frequency", {"keyword": "together", "relation": "at least", "frequency": 5}),
        ),
    ],
)
def test_a_word_asked_for_in_more_ways(prompt, expected):
    assert _read(prompt) == [expected]


def test_a_quoted_word_in_a_statement_is_no_keyword():
    assert _found("'No' is a complete sentence.") == set()


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # A typographic apostrophe reads as the plain one; the strings read keep it as written.
        ("Don’t use the word ‘basically’.", ("keywords:forbidden_words", {"forbidden_words": ["basically"]})),
        ("Don’t use any commas.", ("punctuation:no_comma", {})),
        (
            "End with “Don’t forget to smile!”",
            ("startend:end_checker", {"end_phrase": "Don’t forget to smile!"}),
        ),
        (
            "I’m on my phone, so no more than 3 sentences.",
            ("length_constraints:number_sentences", {"relation": "less than", "num_sentences": 4}),
        ),
    ],
)
def test_typographic_apostrophes(prompt, expected):
    assert _read(prompt) == [expected]


@pytest.mark.parametrize(
    "prompt",
    [
        # What code asked for does to text is its behaviour, not the answer's form.
        "Write code to convert a string to lowercase.",
        "Write a function that checks if a string is a palindrome.",
        "Write a Java method that removes whitespace.",
    ],
)
def test_what_code_does_is_no_form_of_the_answer(prompt):
    assert _found(prompt) == set()


def test_what_a_text_asked_for_includes_is_its_content():
    prompt = "Write a JSON schema for a cruiser that includes at least one placeholder in square brackets."
    assert _read(prompt) == [("detectable_content:number_placeholders", {"num_placeholders": 1})]


@pytest.mark.parametrize(
    ("prompt", "code"),
    [
        # A variety named before the language.
        ("Answer in Brazilian Portuguese.", "pt"),
        ("Reply in formal German, please.", "de"),
        ("Please reply in Filipino.", "tl"),
    ],
)
def test_a_language_with_its_variety(prompt, code):
    assert _read(prompt) == [("language:response_language", {"language": code})]


def test_an_elliptical_ban_after_but():
    assert _read("Use the word 'cat' but not the word 'dog'.") == [
        ("keywords:existence", {"keywords": ["cat"]}),
        ("keywords:forbidden_words", {"forbidden_words": ["dog"]}),
    ]
    found = _read('Describe a forest, using the word "green" at least 3 times but never the word "tree".')
    assert ("keywords:forbidden_words", {"forbidden_words": ["tree"]}) in found


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Requirements as fragments or list items.
        (
            "Write about dogs. At least 150 words. In Spanish. No commas.",
            [
                ("length_constraints:number_words", {"relation": "at least", "num_words": 150}),
                ("language:response_language", {"language": "es"}),
                ("punctuation:no_comma", {}),
            ],
        ),
        (
            "Requirements:\n- in German\n- under 100 words",
            [
                ("language:response_language", {"language": "de"}),
                ("length_constraints:number_words", {"relation": "less than", "num_words": 100}),
            ],
        ),
        (
            "Write a limerick in lowercase, and then a P.S.",
            [
                ("change_case:english_lowercase", {}),
                ("detectable_content:postscript", {"postscript_marker": "P.S."}),
            ],
        ),
    ],
)
def test_requirements_as_fragments(prompt, expected):
    assert _read(prompt) == expected


def test_a_language_opening_a_question_is_no_fragment():
    assert _found("In French, what is the word for cheese?") == set()


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        ("Write about cats. All caps.", ("change_case:english_capital", {})),
        ("Describe Mars. Quotes around everything.", ("startend:quotation", {})),
    ],
)
def test_forms_as_fragments(prompt, expected):
    assert _read(prompt) == [expected]


def test_caps_named_in_passing_are_no_fragment():
    assert _found("Caps lock is broken on my keyboard.") == set()


def test_what_someone_else_asked_for_in_the_past_is_narration():
    # "the answer" here is hers; only "the answer must/should ..." addresses the assistant's.
    assert _found("She asked for the answer in JSON. What's JSON?") == set()


def test_the_users_own_postscript_asks_for_none():
    assert _found("Write a poem about cats. P.S. make it funny and add a rhyme at the end.") == set()
    assert _read("Write a letter. P.S. at the end.") == [
        ("detectable_content:postscript", {"postscript_marker": "P.S."})
    ]


@pytest.mark.parametrize(
    "prompt",
    [
        # A ban on some commas only is no ban on commas (IFEval's check allows none at all).
        "Put it in plain text, and don't use any commas outside the list.",
        "Don't use commas before 'and'.",
    ],
)
def test_a_ban_on_some_commas_only(prompt):
    assert _found(prompt) == set()


def test_a_verb_starting_each_sentence_is_not_the_answers_first_word():
    assert _found("Every sentence should start with a verb.") == set()
    assert _read("Make sure your response starts with a verb.") == [("words:start_verb", {})]


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # A negated limit on a word is a frequency below it, not a ban and a minimum.
        (
            "Don't use the word 'just' more than once.",
            ("keywords:frequency", {"keyword": "just", "relation": "less than", "frequency": 2}),
        ),
        (
            "Try not to say 'like' more than twice.",
            ("keywords:frequency", {"keyword": "like", "relation": "less than", "frequency": 3}),
        ),
        (
            "The word 'amazing' should not appear more than 2 times.",
            ("keywords:frequency", {"keyword": "amazing", "relation": "less than", "frequency": 3}),
        ),
        # "don't forget to" does not negate.
        (
            "Don't forget to use the word 'wow' more than twice.",
            ("keywords:frequency", {"keyword": "wow", "relation": "at least", "frequency": 3}),
        ),
    ],
)
def test_negated_limits_on_a_word(prompt, expected):
    assert _read(prompt) == [expected]


@pytest.mark.parametrize(
    "prompt",
    [
        # A text shown to work on, quoted after "here's my ...:".
        'Here\'s an excerpt of my novel: "She wrote in all caps, always." Can you critique the pacing?',
        "This is my draft: 'Dear team, no commas allowed.' Is it clear?",
    ],
)
def test_a_text_shown_in_quotes_is_material(prompt):
    assert _found(prompt) == set()


def test_a_request_shown_in_quotes_is_still_a_request():
    assert _read('Here is my request: "Write a poem in all lowercase."') == [
        ("change_case:english_lowercase", {})
    ]


@pytest.mark.parametrize(
    ("prompt", "n"),
    [
        # Bullets counted by the verb, by "N of them", or in "bullet format".
        ("Bullet-point 5 reasons to learn chess.", 5),
        ("List exactly 6 things, in markdown bullet format.", 6),
        ("Use markdown bullets, and give me 4 of them.", 4),
    ],
)
def test_bullets_counted_in_more_ways(prompt, n):
    assert _read(prompt) == [("detectable_format:number_bullet_lists", {"num_bullets": n})]


def test_a_numbered_range_of_markers_counts_the_sections():
    assert _read("Write a 5-day meal plan with each day labeled as Day 1 through Day 5.") == [
        ("detectable_format:multiple_sections", {"section_spliter": "Day", "num_sections": 5})
    ]


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # A thing made of JSON is a topic; a leading phrase may still state the answer's form.
        ("In a JSON file, how do I escape quotes?", []),
        (
            "Answer in French, what is the capital of Peru?",
            [("language:response_language", {"language": "fr"})],
        ),
        (
            "In under 50 words, what is DNA?",
            [("length_constraints:number_words", {"relation": "less than", "num_words": 50})],
        ),
    ],
)
def test_a_leading_phrase_before_a_question(prompt, expected):
    assert _read(prompt) == expected


@pytest.mark.parametrize(
    "prompt",
    [
        # Whether the user's own thing is some way, and how to say a phrase: no form of the answer.
        "Can you check whether my essay is under 500 words? Here it is: The quick brown fox.",
        "How do you say 'no commas' in Spanish?",
    ],
)
def test_checks_of_the_users_things_and_phrases_to_translate(prompt):
    assert _found(prompt) == set()


def test_words_that_both_appear():
    prompt = 'Explain vaccines, and make sure the words "immune" and "antibody" both appear.'
    assert _read(prompt) == [("keywords:existence", {"keywords": ["immune", "antibody"]})]


def test_five_keywords_counted_in_any_order():
    prompt = "Use 'rain' seven times, 'cloud' five times, 'sun' once, 'wind' twice and 'snow' three times."
    assert _read(prompt) == [
        (
            "count:keywords_multiple",
            {
                "keyword1": "sun",
                "keyword2": "wind",
                "keyword3": "snow",
                "keyword4": "cloud",
                "keyword5": "rain",
            },
        )
    ]


@pytest.mark.parametrize(
    "prompt",
    [
        # Why the user's own things are some way: a question about them, not the answer's form.
        "Can you tell me why my essay needs to be at least 500 words?",
        "Could you explain why my teacher wants everything in all caps?",
    ],
)
def test_why_the_users_things_are_so(prompt):
    assert _found(prompt) == set()


def test_a_length_is_not_the_count_of_bullets():
    prompt = "Provide a summary of WW2 in under 200 words and in bullet points, exactly 5 bullets."
    assert _read(prompt) == [
        ("length_constraints:number_words", {"relation": "less than", "num_words": 200}),
        ("detectable_format:number_bullet_lists", {"num_bullets": 5}),
    ]


@pytest.mark.parametrize(
    ("prompt", "letter", "relation", "frequency"),
    [
        # A mark counted as IFEval counts a letter (its own prompts count "!" and "#" so).
        ("Write a paragraph with at least 5 exclamation marks.", "!", "at least", 5),
        ("Include at least 4 hashtags in the tweet.", "#", "at least", 4),
        ("Use no more than 2 question marks.", "?", "less than", 3),
    ],
)
def test_marks_counted_as_letters(prompt, letter, relation, frequency):
    assert _read(prompt) == [
        (
            "keywords:letter_frequency",
            {"letter": letter, "let_relation": relation, "let_frequency": frequency},
        )
    ]


def test_a_wish_in_the_past_tense_for_the_answers_language():
    assert _read("I'd love it if you wrote this in Swedish.") == [
        ("language:response_language", {"language": "sv"})
    ]
    assert _found("My grandfather wrote letters in Swedish.") == set()


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # A relative clause that agrees with the thing asked for describes the answer, even after a topic.
        (
            'Write a story about a cat that ends with "The End".',
            [("startend:end_checker", {"end_phrase": "The End"})],
        ),
        (
            'Write a story about dogs that ends with "The End".',
            [("startend:end_checker", {"end_phrase": "The End"})],
        ),
        ("Write a poem about autumn that is entirely in lowercase.", [("change_case:english_lowercase", {})]),
        # ... not one that agrees with a plural topic, nor someone's behaviour.
        ("Give me a list of words that end with 'ing'.", []),
        ("Write a story about a robot that speaks only in lowercase.", []),
    ],
)
def test_which_noun_a_relative_clause_hangs_on(prompt, expected):
    assert _read(prompt) == expected


@pytest.mark.parametrize(
    "prompt",
    [
        # The whole of what is asked for, by its name.
        "Explain gravity. I'd like the whole explanation to be in uppercase.",
        "Write a letter; the entire letter should be in capital letters.",
    ],
)
def test_the_whole_text_by_its_name_in_capitals(prompt):
    assert _read(prompt) == [("change_case:english_capital", {})]


@pytest.mark.parametrize(
    "prompt",
    [
        # What was done or was so, told in the past: the user's account, not a request.
        "He texted me in all caps. Is he mad?",
        "The whole email was in uppercase. How do I reply politely?",
        "The letter ended with 'Yours truly'. What does that mean?",
        "The instructions were: 'Answer in JSON.' What does that mean?",
    ],
)
def test_what_was_so_in_the_past_states_nothing(prompt):
    assert _found(prompt) == set()


@pytest.mark.parametrize(
    "prompt",
    [
        # A thing's past, or someone else's things: the user's account.
        "The poem had no commas at all. Was that intentional?",
        "The chatbot replied in JSON. How do I parse it?",
        "Their slogan ends with 'Just do it'. Who came up with that?",
        "The book had a title in double angle brackets on the cover. Weird?",
    ],
)
def test_a_things_past_and_others_things_state_nothing(prompt):
    assert _found(prompt) == set()


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # The text asked for, named by its kind, in a language; "it" may be a thing recommended.
        ("This essay should be in Spanish.", [("language:response_language", {"language": "es"})]),
        (
            "Write a toast for my sister. The toast must be in Italian.",
            [("language:response_language", {"language": "it"})],
        ),
        ("Recommend a movie; it should be in French.", []),
    ],
)
def test_the_text_by_its_kind_in_a_language(prompt, expected):
    assert _read(prompt) == expected


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        ("Use at least five personal pronouns.", ("count:pronouns", {"N": 5})),
        ("Use each punctuation mark at least once.", ("count:punctuation", {})),
    ],
)
def test_pronouns_and_punctuation_in_other_words(prompt, expected):
    assert _read(prompt) == [expected]


def test_words_counted_in_the_same_breath():
    assert _read("Use 'cat' at least twice, 'dog' at least 3 times, and 'bird' at most once.") == [
        ("keywords:frequency", {"keyword": "cat", "relation": "at least", "frequency": 2}),
        ("keywords:frequency", {"keyword": "dog", "relation": "at least", "frequency": 3}),
        ("keywords:frequency", {"keyword": "bird", "relation": "less than", "frequency": 2}),
    ]


# Read from heldout3's dev half (issue 13, round 2): each fix reads a family of phrasings, checked
# here on wordings of the same idea that no set holds.
@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # The list named first, then what it holds, or its count on the list itself.
        (
            "Give me a bullet list with 4 items about caring for cats.",
            ("detectable_format:number_bullet_lists", {"num_bullets": 4}),
        ),
        (
            "Make a 5-item bulleted list of study tips.",
            ("detectable_format:number_bullet_lists", {"num_bullets": 5}),
        ),
        (
            "Format it as a bulleted list containing seven entries.",
            ("detectable_format:number_bullet_lists", {"num_bullets": 7}),
        ),
        # Hundreds and thousands said in words.
        (
            "Write at least one hundred and fifty words on tides.",
            ("length_constraints:number_words", {"num_words": 150, "relation": "at least"}),
        ),
        (
            "an essay on jazz at least two thousand words long",
            ("length_constraints:number_words", {"num_words": 2000, "relation": "at least"}),
        ),
        # What is highlighted, named as the thing asked for.
        (
            "List my chores and highlight 3 of the tasks with markdown.",
            ("detectable_format:number_highlighted_sections", {"num_highlights": 3}),
        ),
        (
            "Italicize at least two key steps.",
            ("detectable_format:number_highlighted_sections", {"num_highlights": 2}),
        ),
        # Lowercase said as the capitals left out.
        ("Write a haiku with not one capital letter.", ("change_case:english_lowercase", {})),
        ("Describe a sunset using zero uppercase letters.", ("change_case:english_lowercase", {})),
        # After a break, a count of words is the answer's length, not a count of capitalised words.
        (
            "Reply in all capital letters; no more than 50 words.",
            ("change_case:english_capital", {}),
        ),
    ],
)
def test_heldout3_errors_read_in_other_phrasings(prompt, expected):
    assert expected in _read(prompt)


def test_all_caps_then_a_length_is_two_constraints():
    assert _read("describe ur cat in all caps, at least 80 words") == [
        ("change_case:english_capital", {}),
        ("length_constraints:number_words", {"num_words": 80, "relation": "at least"}),
    ]


@pytest.mark.parametrize(
    "prompt",
    [
        # IFEval counts bullets exactly: a minimum is no such count.
        "Write a bulleted list of at least 5 items.",
        # Capitals ruled out somewhere only, not in the whole answer.
        "Write a poem without a single capital letter at the start of lines.",
        # Both cases named: a topic, not a form asked for.
        "When should I use lowercase vs uppercase letters in titles?",
        "Teach me capital and lowercase letters.",
        # Someone else's instruction, quoted and named as one.
        "My style guide has a rule: 'Never use all caps.' Is that common?",
        'The guidelines say: "Answer in French." What do they mean?',
        # A how-to question typed without its "?".
        "how can i get my phone to write in lowercase",
        # "N paragraphs" without the "***" divider: IFEval's checker splits on "***" only, so a plain
        # answer in three paragraphs would fail it (dev7-016 agrees; heldout3's h3-030 gold does not).
        "Write a eulogy for my grandfather in three paragraphs.",
    ],
)
def test_heldout3_fixes_leave_these_alone(prompt):
    assert _found(prompt) == set()


def test_a_request_after_a_how_to_question_still_counts():
    assert _read("how do i bake bread, answer in all caps") == [("change_case:english_capital", {})]


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # "written in X" set off after a request to produce a text: the answer's language.
        ("Write a poem about rain, written in Hindi.", [("language:response_language", {"language": "hi"})]),
        (
            "Could you give me a short fable about a crow, written in German?",
            [("language:response_language", {"language": "de"})],
        ),
        # ... not after a thing recommended, nor a thing someone else wrote.
        ("Recommend a novel, written in Spanish.", []),
        ("Write a review of a book about Rome, written in Latin by a monk.", []),
        # Words wanted, bare or quoted, closed by where they go; someone else's want for the answer too.
        (
            "Write a poem. Make sure the words moon and tide are in it.",
            [("keywords:existence", {"keywords": ["moon", "tide"]})],
        ),
        (
            "Write a toast. My sister wants the word 'family' in it.",
            [("keywords:existence", {"keywords": ["family"]})],
        ),
        (
            "Write an ad. The client needs the terms eco and local to appear in the copy.",
            [("keywords:existence", {"keywords": ["eco", "local"]})],
        ),
        # Without the close, "the words" may be anything.
        ("Write a poem; I want the words to flow in it.", []),
        # The same want turned down, or the words kept out.
        (
            "Write an ad. I don't want the words cheap or free in it.",
            [("keywords:forbidden_words", {"forbidden_words": ["cheap", "free"]})],
        ),
        (
            "Write a toast. My mom doesn't want the word 'cheap' anywhere in the speech.",
            [("keywords:forbidden_words", {"forbidden_words": ["cheap"]})],
        ),
        (
            "Write an ad. Keep the words cheap and free out of it.",
            [("keywords:forbidden_words", {"forbidden_words": ["cheap", "free"]})],
        ),
    ],
)
def test_languages_and_words_wanted_in_other_phrasings(prompt, expected):
    assert _read(prompt) == expected


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # The section marker's number left to fill in, written any way.
        (
            "Write a 4-part guide, with each part labelled Part # .",
            [("detectable_format:multiple_sections", {"section_spliter": "Part", "num_sections": 4})],
        ),
        (
            "Split it into 3 sections, each starting with SECTION [n].",
            [("detectable_format:multiple_sections", {"section_spliter": "SECTION", "num_sections": 3})],
        ),
        # IFBench's template with its blanks written other ways.
        (
            "Is remote work here to stay? Format: My Answer: <answer> My Conclusion: <conclusion> "
            "Future Outlook: <outlook>",
            [("format:output_template", {})],
        ),
        (
            "Answer with My Answer: ___ My Conclusion: ___ Future Outlook: ___",
            [("format:output_template", {})],
        ),
        # Each quote followed by the answer's own words.
        (
            "Give me five movie quotes; each quote should be followed by your own commentary.",
            [("format:quote_unquote", {})],
        ),
        (
            "List quotes from Lincoln. After each quote, explain why it matters.",
            [("format:quote_unquote", {})],
        ),
        # ... not by another quote or a name: those may sit next to each other.
        ("Follow each quote with its author's name.", []),
        # The sentence before, named any way.
        (
            "Describe a storm; each sentence should be more alliterative than the prior one.",
            [("sentence:alliteration_increment", {})],
        ),
        (
            "Write about frogs with each line packing in more alliteration than the one that came before.",
            [("sentence:alliteration_increment", {})],
        ),
    ],
)
def test_markers_templates_quotes_and_alliteration_in_other_phrasings(prompt, expected):
    assert _read(prompt) == expected


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Counted things said bulleted.
        (
            "Summarize the article in 3 bullet-pointed items.",
            [("detectable_format:number_bullet_lists", {"num_bullets": 3})],
        ),
        ("Give me exactly 4 bulleted tips.", [("detectable_format:number_bullet_lists", {"num_bullets": 4})]),
        # The count of paragraphs after them.
        (
            "Write about owls. Paragraphs: 3, separated by ***.",
            [("length_constraints:number_paragraphs", {"num_paragraphs": 3})],
        ),
        (
            "Give me paragraphs about owls, 3 of them, separated by ***.",
            [("length_constraints:number_paragraphs", {"num_paragraphs": 3})],
        ),
        # An upper bound on the paragraphs is no count of them (IFEval counts them exactly).
        ("Write no more than 3 paragraphs separated by ***.", []),
        ("Write up to 4 paragraphs separated by ***.", []),
        # The request said again in other verbs.
        (
            "Start by copying my question verbatim, then answer. What causes tides?",
            [("combination:repeat_prompt", {"prompt_to_repeat": "What causes tides?"})],
        ),
        (
            "Quote my question first then answer: how far is the moon?",
            [("combination:repeat_prompt", {"prompt_to_repeat": "how far is the moon?"})],
        ),
        ("Copy my question into a doc.", []),
        # Cases said other ways.
        ("Your reply must contain no uppercase characters.", [("change_case:english_lowercase", {})]),
        ("Write everything in block capitals.", [("change_case:english_capital", {})]),
        ("All letters should be capital letters.", [("change_case:english_capital", {})]),
        ("Reply in CAPS.", [("change_case:english_capital", {})]),
        # Some words only, or "every word uppercase" (capitalised words, or all letters?): ambiguous, none.
        ("Write in caps the names of the planets.", []),
        ("Make every word uppercase.", []),
    ],
)
def test_counts_repeats_and_cases_in_more_phrasings(prompt, expected):
    assert _read(prompt) == expected


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # The answer's language named other ways.
        (
            "Explain gravity. Use Japanese for the whole thing.",
            [("language:response_language", {"language": "ja"})],
        ),
        ("Your response language should be Turkish.", [("language:response_language", {"language": "tr"})]),
        (
            "The language of your answer must be Greek.",
            [("language:response_language", {"language": "el"})],
        ),
        # The end said with the phrase first, or ended "on" the words.
        ("Put 'Over and out' at the very end.", [("startend:end_checker", {"end_phrase": "Over and out"})]),
        ('Add "Thanks!" at the end of your reply.', [("startend:end_checker", {"end_phrase": "Thanks!"})]),
        (
            "Let your response end on the words 'The end'.",
            [("startend:end_checker", {"end_phrase": "The end"})],
        ),
        # ... not at the end of each part, nor of one part.
        ("Put 'Note:' at the end of each paragraph.", []),
        ("Write a story and put 'The End' at the end of the first chapter.", []),
        # "N times or more" is a lower bound.
        (
            "Mention 'river' three times or more.",
            [("keywords:frequency", {"keyword": "river", "relation": "at least", "frequency": 3})],
        ),
        (
            "Say 'wow' 2 times or fewer.",
            [("keywords:frequency", {"keyword": "wow", "relation": "less than", "frequency": 3})],
        ),
    ],
)
def test_languages_ends_and_counts_in_more_phrasings(prompt, expected):
    assert _read(prompt) == expected


@pytest.mark.parametrize(
    "prompt",
    [
        # Questions about a form, asked generally or about the assistant: no form asked of the answer.
        "Can you explain what JSON format is?",
        "How do you end a letter with 'Sincerely'?",
        "how do you say thank you in korean",
        "what's a good way to write a title in double angle brackets in latex",
        "Do you speak German?",
        "Can you understand Polish?",
    ],
)
def test_questions_about_a_form_state_nothing(prompt):
    assert _found(prompt) == set()


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        ("Explain what cats eat in JSON format.", ("detectable_format:json_format", {})),
        ("Can you answer in German?", ("language:response_language", {"language": "de"})),
        ("How do you make pancakes? Answer in French.", ("language:response_language", {"language": "fr"})),
    ],
)
def test_requests_next_to_such_questions_still_count(prompt, expected):
    assert _read(prompt) == [expected]


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # A number in words with a hyphen is one number, not a range.
        (
            "Write twenty-five sentences or more.",
            [("length_constraints:number_sentences", {"num_sentences": 25, "relation": "at least"})],
        ),
        (
            "Write twenty-five to thirty sentences.",
            [
                ("length_constraints:number_sentences", {"num_sentences": 25, "relation": "at least"}),
                ("length_constraints:number_sentences", {"num_sentences": 31, "relation": "less than"}),
            ],
        ),
        # "minimum" without "of", as "max" is read.
        (
            "minimum 250 words pls",
            [("length_constraints:number_words", {"num_words": 250, "relation": "at least"})],
        ),
    ],
)
def test_numbers_and_minimums_in_more_phrasings(prompt, expected):
    assert _read(prompt) == expected


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Any things picked out to highlight; "one single" capital left out.
        (
            "Highlight 2 of the rooms.",
            [("detectable_format:number_highlighted_sections", {"num_highlights": 2})],
        ),
        ("Write without a capital letter.", [("change_case:english_lowercase", {})]),
        # The request named by what the user did.
        (
            "First, say back exactly what I asked, then give your answer: what is an atom?",
            [("combination:repeat_prompt", {"prompt_to_repeat": "what is an atom?"})],
        ),
        (
            "Repeat what I wrote word for word, then answer. Why is grass green?",
            [("combination:repeat_prompt", {"prompt_to_repeat": "Why is grass green?"})],
        ),
        # ... not a part of it, nor something said before.
        ("Repeat what I said about cats.", []),
    ],
)
def test_highlights_cases_and_repeats_said_by_users(prompt, expected):
    assert _read(prompt) == expected


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Parts by any name their marker gives them.
        (
            "Organize it into 4 chapters; label each Chapter X.",
            [("detectable_format:multiple_sections", {"section_spliter": "Chapter", "num_sections": 4})],
        ),
        (
            "Write a 6-week training plan with each week labeled Week X.",
            [("detectable_format:multiple_sections", {"section_spliter": "Week", "num_sections": 6})],
        ),
        ("Write about Malcolm X in 3 acts.", []),
        # The paragraph's first word, with "your" and other verbs of opening.
        (
            "Begin your second paragraph with the word 'However'. Write 3 paragraphs separated by "
            "two line breaks.",
            [
                (
                    "length_constraints:nth_paragraph_first_word",
                    {"num_paragraphs": 3, "nth_paragraph": 2, "first_word": "however"},
                )
            ],
        ),
        (
            "Write 3 paragraphs; kick off paragraph 2 with 'Meanwhile'.",
            [
                (
                    "length_constraints:nth_paragraph_first_word",
                    {"num_paragraphs": 3, "nth_paragraph": 2, "first_word": "meanwhile"},
                )
            ],
        ),
    ],
)
def test_parts_and_first_words_in_more_phrasings(prompt, expected):
    assert _read(prompt) == expected


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Someone's behaviour in a relative clause, past its modal or adverb: the thing's, not the answer's.
        ("Write a story about a robot that can only speak in all caps.", []),
        ("Write a story about a parrot that always talks in French.", []),
        # The thing asked for, with a modal: still the answer.
        (
            "Write me a song that must end with 'la la la'.",
            [("startend:end_checker", {"end_phrase": "la la la"})],
        ),
        ("Write a letter that will only use lowercase.", [("change_case:english_lowercase", {})]),
    ],
)
def test_a_relative_clause_past_its_modal(prompt, expected):
    assert _read(prompt) == expected


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # IFBench's palindromes are ten of five letters or more; a mention or another count is not that.
        ("Write a poem about palindromes.", []),
        ("Include at least two palindromes.", []),
        ("Explain palindromic numbers.", []),
        ("Use ten palindromes in a story.", [("words:palindrome", {})]),
        ("Use palindromes, each at least five letters long, ten of them.", [("words:palindrome", {})]),
    ],
)
def test_palindromes_only_as_ifbench_counts_them(prompt, expected):
    assert _read(prompt) == expected


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Typed in a hurry.
        (
            "give me 3 bullet pts on why sleep matters",
            [("detectable_format:number_bullet_lists", {"num_bullets": 3})],
        ),
        ("ALL CAPS PLZ", [("change_case:english_capital", {})]),
        ("make it json", [("detectable_format:json_format", {})]),
        (
            "at least 200 wrds",
            [("length_constraints:number_words", {"num_words": 200, "relation": "at least"})],
        ),
        # "json-like" is no JSON.
        ("make it json-like? what is json", []),
    ],
)
def test_requests_typed_in_a_hurry(prompt, expected):
    assert _read(prompt) == expected


@pytest.mark.parametrize(
    "prompt",
    [
        # Someone asked to do it, quoted: their instruction, asked about.
        "The benchmark asks models to 'wrap the entire response in double quotes'. Why?",
        "My teacher told us to 'write at least 300 words'. How do I pad my essay?",
    ],
)
def test_others_asked_to_do_it_state_nothing(prompt):
    assert _found(prompt) == set()


def test_a_word_counted_after_all_caps_is_the_words_count():
    assert _read(
        "write a limerick abt a cat, all caps, and make sure the word 'meow' shows up at least twice"
    ) == [
        ("change_case:english_capital", {}),
        ("keywords:frequency", {"keyword": "meow", "frequency": 2, "relation": "at least"}),
    ]


@pytest.mark.parametrize(
    "prompt",
    [
        "Write a haiku about rain. Then write another haiku about sun. Separate the two with ******.",
        "Give me a pun, then another. Separate both puns by six asterisks.",
    ],
)
def test_two_answers_named_after_they_are_asked(prompt):
    assert _read(prompt) == [("combination:two_responses", {})]


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Words wanted, by more verbs, a label, or as the subject that has to be there.
        (
            "Write a poem that features the words ember and ash.",
            [("keywords:existence", {"keywords": ["ember", "ash"]})],
        ),
        (
            "Write a poem. Required words: ember, ash.",
            [("keywords:existence", {"keywords": ["ember", "ash"]})],
        ),
        (
            "Write a poem that uses both 'ember' and 'ash'.",
            [("keywords:existence", {"keywords": ["ember", "ash"]})],
        ),
        (
            "Write a poem. The words ember and ash have to be in there.",
            [("keywords:existence", {"keywords": ["ember", "ash"]})],
        ),
        # Words described, not listed.
        ("The words you choose should be simple.", []),
        ("Write a poem that features the words of Shakespeare.", []),
    ],
)
def test_words_wanted_by_more_verbs(prompt, expected):
    assert _read(prompt) == expected


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Words kept out, said other ways; "words like X or Y" bans the examples, not "like".
        (
            "Write an ad. Please don't use words like cheap or bargain.",
            [("keywords:forbidden_words", {"forbidden_words": ["cheap", "bargain"]})],
        ),
        (
            "Write an ad. The word 'cheap' is a no-go.",
            [("keywords:forbidden_words", {"forbidden_words": ["cheap"]})],
        ),
        (
            "Write an ad. Steer clear of 'cheap' and 'bargain'.",
            [("keywords:forbidden_words", {"forbidden_words": ["cheap", "bargain"]})],
        ),
        (
            "Write an ad, avoiding the terms 'cheap' and 'bargain'.",
            [("keywords:forbidden_words", {"forbidden_words": ["cheap", "bargain"]})],
        ),
        (
            "Write an ad, but leave 'cheap' out.",
            [("keywords:forbidden_words", {"forbidden_words": ["cheap"]})],
        ),
        # A word "is" something only asks for it when that is a presence.
        ("Explain why the word 'literally' is overused.", []),
        ("The word 'cozy' is a must.", [("keywords:existence", {"keywords": ["cozy"]})]),
    ],
)
def test_words_kept_out_in_more_phrasings(prompt, expected):
    assert _read(prompt) == expected


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        ("In Spanish, tell me about the Andes.", [("language:response_language", {"language": "es"})]),
        ("Please use Swedish when you respond.", [("language:response_language", {"language": "sv"})]),
        # A fact about a language, or a question of how to say something: no answer's language.
        ("In French, the word for cat is chat. Tell me more.", []),
        ("In Spanish, how do you say dog?", []),
    ],
)
def test_a_language_fronted_or_used_when_answering(prompt, expected):
    assert _read(prompt) == expected


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Words counted right after a verb of highlighting are the highlighted ones, not the length.
        (
            "Italicize at least a couple of words.",
            [("detectable_format:number_highlighted_sections", {"num_highlights": 2})],
        ),
        (
            "Make at least 3 phrases bold using markdown.",
            [("detectable_format:number_highlighted_sections", {"num_highlights": 3})],
        ),
        # ... a length later in the clause is still the length.
        (
            "Highlight key points and write at least 300 words.",
            [("length_constraints:number_words", {"num_words": 300, "relation": "at least"})],
        ),
    ],
)
def test_highlighted_words_are_no_length(prompt, expected):
    assert _read(prompt) == expected


def test_a_line_of_the_thing_asked_for_repeated_is_no_request_repeated():
    assert _read("Write a song and repeat the first line at the end.") == []


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # A rule named to be dropped.
        ("Write about the ocean. Actually, scratch the no-comma rule I mentioned earlier.", []),
        ("Write about owls without commas; ignore the other rules.", [("punctuation:no_comma", {})]),
        # What others there must do, not the answer.
        ("Describe a school where students must write in French.", []),
        # Others named as whom the answer is for: the answer's language.
        ("Write an email to my students in French.", [("language:response_language", {"language": "fr"})]),
    ],
)
def test_rules_dropped_and_what_others_must_do(prompt, expected):
    assert _read(prompt) == expected


# ---------------------------------------------------------------- round 3 (heldout3's errors, read)


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # The request to repeat said to the assistant, after a mention of restating in narration.
        (
            "My students keep forgetting to restate the prompt. Please repeat the request below exactly, "
            "then respond.\nRequest: Name three rivers in Africa.",
            "Name three rivers in Africa.",
        ),
        # Verbs with a particle: echo back, copy down.
        (
            "Echo back my question word for word, then answer it. Question: Why do cats purr?",
            "Why do cats purr?",
        ),
        (
            "Copy down the question below verbatim before you answer.\n\nHow far is the moon?",
            "How far is the moon?",
        ),
        # What follows the request is not part of it: "Then answer it", "After that, ...".
        (
            "Repeat this question word for word: How do vaccines work? Then answer it simply.",
            "How do vaccines work?",
        ),
        (
            "Before responding, restate my question exactly: Why is the sea salty? After that, answer it.",
            "Why is the sea salty?",
        ),
        (
            "Say my request back word for word, then answer it. "
            "Request: Why is the sky blue? Answer it briefly.",
            "Why is the sky blue?",
        ),
    ],
)
def test_the_request_to_repeat_and_where_it_ends(prompt, expected):
    assert _read(prompt) == [("combination:repeat_prompt", {"prompt_to_repeat": expected})]


def test_a_request_that_goes_on_with_how_to_answer_keeps_it():
    # "Answer in a Shakespearean style" is part of the request (IFEval's own reading), not what follows it.
    request = "Why is the sea salty? Answer in a Shakespearean style."
    prompt = f"{request}\n\nBefore you answer, repeat the request above."
    assert _read(prompt) == [
        (
            "combination:repeat_prompt",
            {"prompt_to_repeat": request},
        )
    ]


@pytest.mark.parametrize(
    ("prompt", "n_start", "n_end"),
    [
        # Words counted the way people count them, from 1 and both ends in; IFBench's span is [a-1:b].
        ("Give me just words 1-3 of this text, nothing more. Text: Slow and steady wins the race.", 0, 3),
        (
            "Slow and steady wins the race. Copy the 2nd to the 5th word of that sentence "
            "and output nothing else.",
            1,
            5,
        ),
        (
            "Slow and steady wins the race. Copy the second through fourth words of that sentence, "
            "nothing else.",
            1,
            4,
        ),
        # Counting from zero said outright: the start as said, the end still in.
        ("Copy words 2 to 4, counting from zero, of this text: Slow and steady wins the race.", 2, 5),
    ],
)
def test_a_span_of_words_counted_from_one(prompt, n_start, n_end):
    kwargs = {"prompt_to_repeat": "Slow and steady wins the race.", "n_start": n_start, "n_end": n_end}
    assert _read(prompt) == [("repeat:repeat_span", kwargs)]


@pytest.mark.parametrize(
    ("prompt", "words"),
    [
        # A verb in the third person, of the answer or the thing asked for.
        ("Write a product blurb that never uses 'cheap' or 'bargain'.", ["cheap", "bargain"]),
        ("Make sure the reply doesn't contain 'synergy' or 'leverage'.", ["synergy", "leverage"]),
        ("Rewrite this so it never says 'delve' or 'tapestry': We delve into it.", ["delve", "tapestry"]),
        (
            "Write a cover letter; it shouldn't include the words passionate or hardworking.",
            ["passionate", "hardworking"],
        ),
    ],
)
def test_words_kept_out_by_a_verb_in_the_third_person(prompt, words):
    assert _read(prompt) == [("keywords:forbidden_words", {"forbidden_words": words})]


@pytest.mark.parametrize(
    "prompt",
    [
        # What someone else never says: them, not the answer.
        "Describe a town where the mayor never says 'no'.",
        "My boss never uses the word 'synergy'. Write him an email.",
    ],
)
def test_what_someone_else_never_says_states_nothing(prompt):
    assert _found(prompt) == set()


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # A want with an adverb between is still a want, not narration.
        (
            "I really need exactly 4 bullet points about tea.",
            ("detectable_format:number_bullet_lists", {"num_bullets": 4}),
        ),
        ("I just want it in all lowercase.", ("change_case:english_lowercase", {})),
        # A marker named first, then the items it marks, in place of bullets.
        (
            "Give me five dog names. No bullets; put >> in front of every item.",
            ("format:list", {"sep": ">>"}),
        ),
        (
            "List my chores with '*-' before each line rather than bullet points.",
            ("format:list", {"sep": "*-"}),
        ),
        # Prose by any name, then bullets.
        (
            "Open with some plain text, then move to * bullets for the details.",
            ("format:no_bullets_bullets", {}),
        ),
        ("Begin in prose and then finish with bullets marked *.", ("format:no_bullets_bullets", {})),
        # Three sentences of one length in characters, said other ways.
        ("Give me 3 sentences about cats with identical character counts.", ("ratio:sentence_words", {})),
        (
            "Write three sentences about rain, equal in length, counting characters.",
            ("ratio:sentence_words", {}),
        ),
        # Bare words said "somewhere": words, not a topic.
        (
            "Write a tweet about my bakery and drop sourdough in there somewhere.",
            ("keywords:existence", {"keywords": ["sourdough"]}),
        ),
        (
            "Write an ad; mention eco-friendly, durable, and cheap somewhere in the text.",
            ("keywords:existence", {"keywords": ["eco-friendly", "durable", "cheap"]}),
        ),
        # A word counted with a participle of appearing.
        (
            "Write a chant with 'go' repeated at least 4 times.",
            ("keywords:frequency", {"keyword": "go", "frequency": 4, "relation": "at least"}),
        ),
        (
            "Write a poem with the keyword 'rain' showing up at most twice.",
            ("keywords:frequency", {"keyword": "rain", "frequency": 3, "relation": "less than"}),
        ),
        # People counted by a kind of name.
        ("Write a scene with no fewer than 4 named characters.", ("count:person_names", {"N": 4})),
        (
            "Tell a story that includes 5 or more people by their full names.",
            ("count:person_names", {"N": 5}),
        ),
        # Square brackets named first, the count pointing back at them.
        (
            "Draft a cover letter with square brackets around the bits I need to change, like [company], "
            "at least 4 of them.",
            ("detectable_content:number_placeholders", {"num_placeholders": 4}),
        ),
        (
            "Write an invitation using [name]-style fill-ins, 3 or more such.",
            ("detectable_content:number_placeholders", {"num_placeholders": 3}),
        ),
    ],
)
def test_heldout3_errors_in_other_phrasings(prompt, expected):
    assert _read(prompt) == [expected]


@pytest.mark.parametrize(
    "prompt",
    [
        # A setting fronted before a question: still a question.
        "In Markdown, how do I make a bulleted list with sub-bullets?",
        "For a résumé, is it ok to write in all lowercase?",
        "Quick question, what does P.S. mean?",
        # A text given, not prose asked for.
        "Rewrite my prose, then list the changes as bullets.",
        # A count in square brackets that points at other things, or an exact count of named people (IFBench's
        # is a minimum; an exact one is not read).
        "Write a list in square brackets with at least 5 items.",
        "Write a story with 3 named characters.",
        # Markers alongside bullets, not in place of them.
        "Write a list of 3 tips using -> before each item, with bullet points too.",
    ],
)
def test_heldout3_fixes_state_nothing_here(prompt):
    assert _found(prompt) == set()


def test_a_request_fronted_by_a_setting_is_still_a_request():
    assert _read("In French, could you explain photosynthesis?") == [
        ("language:response_language", {"language": "fr"})
    ]


@pytest.mark.parametrize(
    "prompt",
    [
        # Another thing's part and how it is: that thing's language or case, not the answer's.
        "Write a story about a restaurant whose menu is entirely in Italian.",
        "Write a story where the villain's notes are always in lowercase.",
        "Describe a shop whose sign is in all caps.",
        "Write a story about a spy; the spy's messages must be in French.",
    ],
)
def test_another_things_language_or_case_is_not_the_answers(prompt):
    assert _found(prompt) == set()


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # The thing asked for, or no owner ("it's"): the answer's.
        ("Write a poem whose lines are all in lowercase.", ("change_case:english_lowercase", {})),
        (
            "Write a poem about my dog. It's entirely in Italian, please.",
            ("language:response_language", {"language": "it"}),
        ),
        (
            "Write a story about a restaurant, entirely in Italian.",
            ("language:response_language", {"language": "it"}),
        ),
        # A noun before a break is no verb of the past: "A short read, ..." asks for a length.
        (
            "A short read, at least 300 words.",
            ("length_constraints:number_words", {"num_words": 300, "relation": "at least"}),
        ),
        (
            "Blog post about hiking. A quick read: under 200 words.",
            ("length_constraints:number_words", {"num_words": 200, "relation": "less than"}),
        ),
    ],
)
def test_the_answers_own_language_case_and_length(prompt, expected):
    assert _read(prompt) == [expected]


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # A bound set off after the unit it bounds, or "no more" / "no less" on a count.
        (
            "Summarize Hamlet in a handful of sentences, no more than five.",
            ("length_constraints:number_sentences", {"num_sentences": 6, "relation": "less than"}),
        ),
        (
            "Describe your morning in a few words (under 50).",
            ("length_constraints:number_words", {"num_words": 50, "relation": "less than"}),
        ),
        (
            "Write a bio for me, 100 words, no more.",
            ("length_constraints:number_words", {"num_words": 101, "relation": "less than"}),
        ),
        (
            "Write a bio, 200 words, no less.",
            ("length_constraints:number_words", {"num_words": 200, "relation": "at least"}),
        ),
        (
            "Write a summary, five sentences and no more.",
            ("length_constraints:number_sentences", {"num_sentences": 6, "relation": "less than"}),
        ),
        # The request typed out again.
        (
            "Type my question out again before answering. Question: What makes bread rise?",
            ("combination:repeat_prompt", {"prompt_to_repeat": "What makes bread rise?"}),
        ),
        # A language named in itself, in more languages, the verb before or after.
        ("Svara på svenska: vad är en kanelbulle?", ("language:response_language", {"language": "sv"})),
        ("Odpowiedz po polsku, proszę: what is pierogi?", ("language:response_language", {"language": "pl"})),
        ("Объясни по-русски, что такое квант.", ("language:response_language", {"language": "ru"})),
        ("日本語で答えてください。What is sushi?", ("language:response_language", {"language": "ja"})),
        ("Türkçe cevap ver: what is baklava?", ("language:response_language", {"language": "tr"})),
        # ... or by the country that speaks it (one a person would mean).
        (
            "Respond in the language they speak in Brazil: how do bikes work?",
            ("language:response_language", {"language": "pt"}),
        ),
        ("Write a haiku in Japan's official language.", ("language:response_language", {"language": "ja"})),
    ],
)
def test_dev14_findings_in_other_phrasings(prompt, expected):
    assert _read(prompt) == [expected]


@pytest.mark.parametrize(
    "prompt",
    [
        # A count for each part, with "no more": none for the whole.
        "Write 3 paragraphs of 50 words each, no more.",
        # A country's language on a thing, or asked about: not the answer's.
        "Describe a film made in the language of Japan.",
        "Write about a singer who performs in the language of Brazil.",
        "What language do they speak in Austria?",
        # A country with more than one language a person might mean: no guess.
        "Answer in the language of Switzerland.",
    ],
)
def test_dev14_findings_state_nothing_here(prompt):
    assert _found(prompt) == set()


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Bullets counted on the items, or set off after the list; bullets by "use" or "in bullet form".
        (
            "give me a bulleted list, five items, of things to pack for camping",
            ("detectable_format:number_bullet_lists", {"num_bullets": 5}),
        ),
        (
            "list 6 reasons to learn piano, use markdown bullets",
            ("detectable_format:number_bullet_lists", {"num_bullets": 6}),
        ),
        (
            "Make a list of eight snacks in bullet form.",
            ("detectable_format:number_bullet_lists", {"num_bullets": 8}),
        ),
        # Square brackets, then the count after a colon.
        (
            "Leave blanks in square brackets for me to fill: at least 2.",
            ("detectable_content:number_placeholders", {"num_placeholders": 2}),
        ),
        # A postscript tacked on.
        (
            "Tack on a P.P.S. after the letter.",
            ("detectable_content:postscript", {"postscript_marker": "P.P.S."}),
        ),
        # Not a single capital letter.
        ("Don't use a single capital letter in your reply.", ("change_case:english_lowercase", {})),
        # Quoted words kept out or ruled out with "no".
        (
            "Keep 'amazing' out of your answer.",
            ("keywords:forbidden_words", {"forbidden_words": ["amazing"]}),
        ),
        (
            "No 'um' or 'like' in the dialogue.",
            ("keywords:forbidden_words", {"forbidden_words": ["um", "like"]}),
        ),
        ("Write an email. No 'very', please.", ("keywords:forbidden_words", {"forbidden_words": ["very"]})),
    ],
)
def test_probed_families_in_more_wordings(prompt, expected):
    assert _read(prompt) == [expected]


@pytest.mark.parametrize(
    "prompt",
    [
        "What does P.S. mean after the letter?",
        # Capitals ruled out in one place only.
        "Don't use a single capital letter in the title.",
    ],
)
def test_probed_families_state_nothing_here(prompt):
    assert _found(prompt) == set()


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # More verbs of ending.
        (
            "Close out your answer with the sentence 'Hope this helps.'",
            ("startend:end_checker", {"end_phrase": "Hope this helps."}),
        ),
        ("Round off the reply with 'Cheers!'", ("startend:end_checker", {"end_phrase": "Cheers!"})),
        ("Cap it off with 'The end.'", ("startend:end_checker", {"end_phrase": "The end."})),
        # Quotes around the answer, typed in a hurry.
        ("wrap ur answer in quotes", ("startend:quotation", {})),
        ("put your whole reply in quote marks pls", ("startend:quotation", {})),
    ],
)
def test_ends_and_quotes_in_more_wordings(prompt, expected):
    assert _read(prompt) == [expected]


@pytest.mark.parametrize(
    "prompt",
    [
        "Round out the list with more fruits.",
        "wrap the names in quotes",
        # The user's own title, shown.
        "The title of my blog is <<Daily Bread>>; can you suggest a tagline?",
        "My novel is called <<Red Sky>>. Write a blurb.",
    ],
)
def test_ends_quotes_and_titles_that_state_nothing(prompt):
    assert _found(prompt) == set()


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # A sentence said back with its first word swapped out.
        (
            "Say this sentence back to me but swap out the first word: Cats are the best pets.",
            ("repeat:repeat_change", {"prompt_to_repeat": "Cats are the best pets."}),
        ),
        # The word as the subject of its two places.
        (
            "Make sure the word 'bright' is both the second word and the second-last word of your reply.",
            ("words:words_position", {"keyword": "bright"}),
        ),
        # Options after "pick one", split by slashes.
        ("Pick one: yes/no/maybe. Should I learn Rust?", ("format:options", {"options": "yes/no/maybe"})),
        (
            "Choose one of these: tea / coffee / juice.",
            ("format:options", {"options": "tea / coffee / juice"}),
        ),
    ],
)
def test_ifbench_kinds_in_more_wordings(prompt, expected):
    assert _read(prompt) == [expected]


def test_a_choice_asked_with_or_is_no_options_list():
    # "tea or coffee?" is the question itself; the answer may explain, so no fixed options are read.
    assert _found("Pick one and explain: tea or coffee?") == set()


@pytest.mark.parametrize(
    "prompt",
    [
        # Bullets used by a thing named, or in the user's own account after a ";": no count of the answer's.
        "I need 5 reasons to quit sugar; my doctor said to use bullet points in my diary.",
        "Name 3 apps that use markdown bullets.",
        # A pronoun said somewhere, or what was said before: no words asked for.
        "Mention it somewhere in passing if you like.",
        "Did you mention Paris somewhere earlier?",
        # A bound on what others write, not on the answer.
        "The app lets users write sentences, at most 3.",
    ],
)
def test_new_readings_leave_these_alone(prompt):
    assert _found(prompt) == set()


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # A count after the bullets with a "please" after it.
        (
            "Could you list some tips for new runners? I'd like them as bullet points - exactly 6 please.",
            ("detectable_format:number_bullet_lists", {"num_bullets": 6}),
        ),
        # "half a dozen" is six, not "a dozen".
        (
            "Give me half a dozen bullet points on hydration.",
            ("detectable_format:number_bullet_lists", {"num_bullets": 6}),
        ),
        # The count on the text asked for.
        (
            "Provide a 4-bullet summary of the meeting.",
            ("detectable_format:number_bullet_lists", {"num_bullets": 4}),
        ),
    ],
)
def test_bullet_counts_in_more_wordings(prompt, expected):
    assert _read(prompt) == [expected]


@pytest.mark.parametrize(
    "prompt", ["Write a two-sentence horror story.", "Write a three-sentence product pitch for my app."]
)
def test_a_count_of_sentences_on_the_text_with_an_adjective_between(prompt):
    n = 2 if "two" in prompt else 3
    assert _read(prompt) == [
        ("length_constraints:number_sentences", {"num_sentences": n, "relation": "at least"}),
        ("length_constraints:number_sentences", {"num_sentences": n + 1, "relation": "less than"}),
    ]


@pytest.mark.parametrize(
    ("prompt", "splitter", "n"),
    [
        # The count right after the marker, pointing back at the parts.
        (
            "Give me a lesson plan. Mark every section with 'Lesson X'; there should be 4 of them.",
            "Lesson",
            4,
        ),
        ("Label each part as Part X, 3 of them.", "Part", 3),
    ],
)
def test_sections_counted_after_their_marker(prompt, splitter, n):
    assert _read(prompt) == [
        ("detectable_format:multiple_sections", {"section_spliter": splitter, "num_sections": n})
    ]


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # "no shorter than" is a minimum, not "shorter than".
        (
            "Give me a rundown of the French Revolution that's no shorter than 400 words.",
            ("length_constraints:number_words", {"num_words": 400, "relation": "at least"}),
        ),
        (
            "Make it not shorter than 10 sentences.",
            ("length_constraints:number_sentences", {"num_sentences": 10, "relation": "at least"}),
        ),
    ],
)
def test_no_shorter_than_is_a_minimum(prompt, expected):
    assert _read(prompt) == [expected]


@pytest.mark.parametrize(
    ("prompt", "code"),
    [
        # A language named in itself inside a request in English.
        ("Explain photosynthesis en français, s'il vous plaît.", "fr"),
        ("Tell me about Berlin auf Deutsch bitte.", "de"),
        ("Describe Rome in italiano.", "it"),
        ("Write a poem about the sea, in español please.", "es"),
        ("Can you say it in 日本語?", "ja"),
    ],
)
def test_a_language_named_in_itself_in_an_english_request(prompt, code):
    assert _read(prompt) == [("language:response_language", {"language": code})]


@pytest.mark.parametrize(
    "prompt",
    [
        "What does 'en français' mean?",
        "How do you say hello in español?",
        "My favorite word in Deutsch is Schmetterling.",
        "Write a song titled 'Italiano' for my band.",
    ],
)
def test_a_language_named_in_itself_but_not_for_the_answer(prompt):
    assert _found(prompt) == set()


@pytest.mark.parametrize(
    ("prompt", "words"),
    [
        # Words wanted, by more verbs and shapes.
        ("Write a bio and sprinkle in the words 'passionate' and 'driven'.", ["passionate", "driven"]),
        ("Write a bio. Use the word passionate.", ["passionate"]),
        ("Write a bio with 'passionate' in it.", ["passionate"]),
        ("Write a bio. Key terms to include: passionate, driven.", ["passionate", "driven"]),
    ],
)
def test_words_wanted_in_more_shapes(prompt, words):
    assert _read(prompt) == [("keywords:existence", {"keywords": words})]


@pytest.mark.parametrize(
    ("prompt", "words"),
    [
        # Words kept out, by more verbs and shapes.
        ("Write a bio; 'passionate' is banned.", ["passionate"]),
        ("Write a bio that omits 'passionate'.", ["passionate"]),
        ("Write a bio that leaves out the word 'passionate'.", ["passionate"]),
        ("Write a bio; I don't want to see 'passionate' anywhere.", ["passionate"]),
        ("Explain why cats purr without using the word 'happy'.", ["happy"]),
    ],
)
def test_words_kept_out_in_more_shapes(prompt, words):
    assert _read(prompt) == [("keywords:forbidden_words", {"forbidden_words": words})]


@pytest.mark.parametrize(
    "prompt",
    [
        # An adverb after "use the word"; a word asked about; a want about the user's own things.
        "Use the word wisely.",
        "Explain why 'ain't' is banned in formal writing.",
        "Explain why the word 'literally' is banned here.",
        "I don't want 'Despacito' in my playlist anymore; suggest other songs.",
    ],
)
def test_words_named_but_not_wanted_or_kept_out(prompt):
    assert _found(prompt) == set()


@pytest.mark.parametrize(
    ("prompt", "word", "n", "relation"),
    [
        # A word counted with "comes up", "is repeated", "gets mentioned".
        ("Write a poem where 'moon' comes up 4 or more times.", "moon", 4, "at least"),
        ("Write a song in which the word 'baby' is repeated at least 6 times.", "baby", 6, "at least"),
        ("Write a story where 'war' gets mentioned fewer than 2 times.", "war", 2, "less than"),
    ],
)
def test_a_word_counted_by_more_verbs(prompt, word, n, relation):
    assert _read(prompt) == [("keywords:frequency", {"keyword": word, "frequency": n, "relation": relation})]


def test_a_bare_count_of_times_is_not_guessed():
    # "five times" alone may be an exact count or a minimum; neither is read.
    assert _found("Say 'hello' five times.") == set()


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # JSON asked with "only with", or with adjectives in a row.
        ("Respond only with JSON.", ("detectable_format:json_format", {})),
        ("Make it valid, parseable JSON.", ("detectable_format:json_format", {})),
        # A count of placeholders past an "e.g." in the same sentence.
        (
            "Include placeholders in square brackets (e.g. [date], [time]); I need a minimum of 3.",
            ("detectable_content:number_placeholders", {"num_placeholders": 3}),
        ),
        # A postscript said to be required.
        (
            "Write a letter. P.S. is required.",
            ("detectable_content:postscript", {"postscript_marker": "P.S."}),
        ),
    ],
)
def test_json_placeholders_and_postscripts_in_more_wordings(prompt, expected):
    assert _read(prompt) == [expected]


def test_a_postscript_asked_about_is_not_required():
    assert _found("What is a P.S. and is it required in letters?") == set()


@pytest.mark.parametrize(
    ("prompt", "found"),
    [
        # A thing talked about and how it was written: not the answer's commas.
        ("Describe a poem written without any commas.", set()),
        ("Tell me about a letter written with no commas at all.", set()),
        # The thing asked for, or the answer, written so: the answer's.
        ("Write me a poem, written without any commas.", {"punctuation:no_comma"}),
        ("I'd like the answer written without a single comma.", {"punctuation:no_comma"}),
    ],
)
def test_commas_of_a_thing_talked_about_or_of_the_answer(prompt, found):
    assert _found(prompt) == found


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # The answer named, then its case; or the case set off by dashes.
        (
            "I need the response in caps. What's the weather like on Mars?",
            ("change_case:english_capital", {}),
        ),
        (
            "Type like you're shouting - all caps - and tell me why exercise matters.",
            ("change_case:english_capital", {}),
        ),
        # The language as the answer's adjective.
        ("Spanish response please: why is the sky blue?", ("language:response_language", {"language": "es"})),
        (
            "I want a Spanish answer to this: what is gravity?",
            ("language:response_language", {"language": "es"}),
        ),
    ],
)
def test_case_and_language_of_the_answer_named_other_ways(prompt, expected):
    assert _read(prompt) == [expected]


@pytest.mark.parametrize(
    "prompt",
    [
        # A question of why, or of what was, even of the assistant's answer.
        "Why was your answer in caps?",
        "Did you write your answer in lowercase?",
        "What's the Spanish answer to 'gracias'?",
    ],
)
def test_questions_about_the_answer_state_nothing(prompt):
    assert _found(prompt) == set()


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # A negated verb far enough back, past a long quoted word.
        (
            "Describe Paris, but don't use the word 'beautiful' more than once.",
            ("keywords:frequency", {"keyword": "beautiful", "frequency": 2, "relation": "less than"}),
        ),
        # "at all" is no place the capitals are kept to.
        (
            "Could you write my bio without using any capital letters at all?",
            ("change_case:english_lowercase", {}),
        ),
        ("Don't use capital letters at all.", ("change_case:english_lowercase", {})),
        # All caps opening its sentence, then how or why.
        (
            "Write a shout-out for my sister. ALL CAPS, like you're yelling it.",
            ("change_case:english_capital", {}),
        ),
    ],
)
def test_siblings_of_heldout3_phrasings(prompt, expected):
    assert _read(prompt) == [expected]


@pytest.mark.parametrize(
    "prompt",
    ["All caps, in my opinion, looks angry.", "Write a poem without capital letters at the start of lines."],
)
def test_caps_named_but_not_asked_for_the_whole_answer(prompt):
    assert _found(prompt) == set()


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Siblings of heldout3's IFBench phrasings.
        (
            "Give me some famous quotes about patience, each followed by a short explanation.",
            ("format:quote_unquote", {}),
        ),
        (
            "Write a sentence whose words start with consecutive letters of the alphabet, like 'A big cat'.",
            ("words:alphabet", {}),
        ),
        (
            "Write a few paragraphs on kites, each one starting and ending with the same word.",
            ("words:paragraph_last_first", {}),
        ),
        (
            "In the 2nd sentence of your answer, the 4th word must be 'river'.",
            ("words:keywords_specific_position", {"keyword": "river", "n": 2, "m": 4}),
        ),
    ],
)
def test_ifbench_siblings_of_heldout3(prompt, expected):
    assert _read(prompt) == [expected]


def test_quotes_followed_by_no_words_of_the_answers_own_state_nothing():
    assert _found("Give me famous quotes about love, each followed by the author's name.") == set()


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Capitals named with their language.
        (
            "Write everything in English capital letters: plan a trip to Kyoto.",
            [("change_case:english_capital", {})],
        ),
        # A case ruled out by "nothing in ...": not asked for.
        (
            "Is Latin worth it? Answer with 'My answer is yes.' or 'My answer is no.', nothing in lowercase.",
            [("detectable_format:constrained_response", {})],
        ),
        ("Reply in lowercase, nothing in uppercase.", [("change_case:english_lowercase", {})]),
    ],
)
def test_a_case_named_with_its_language_or_ruled_out(prompt, expected):
    assert _read(prompt) == expected


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Slips that keep a word's length: two letters swapped, or a common misspelling.
        (
            "give me 5 bullet pionts on saving money",
            ("detectable_format:number_bullet_lists", {"num_bullets": 5}),
        ),
        ("Give me 5 Bullet Pionts on tea.", ("detectable_format:number_bullet_lists", {"num_bullets": 5})),
        ("pls wrap ur whole answer in double qoutes", ("startend:quotation", {})),
        # A word asked for is kept as typed, slip or not.
        ("Include the word 'pionts' in the answer.", ("keywords:existence", {"keywords": ["pionts"]})),
    ],
)
def test_typing_slips_that_keep_the_words_length(prompt, expected):
    assert _read(prompt) == [expected]


def test_a_repeated_request_keeps_its_slips():
    prompt = "Repeat this request word for word: Give me 5 bullet pionts on tea."
    assert ("combination:repeat_prompt", {"prompt_to_repeat": "Give me 5 bullet pionts on tea."}) in _read(
        prompt
    )


@pytest.mark.parametrize(
    ("prompt", "repeated"),
    [
        # More verbs of saying the request again, and more ways of labelling or quoting it.
        (
            "Rewrite my question word for word first. My question: What is a black hole?",
            "What is a black hole?",
        ),
        ("Please say back my request exactly: list 3 colors. Then answer it.", "list 3 colors."),
        (
            "Start with my question, word for word, then your answer. Question - why is grass green?",
            "why is grass green?",
        ),
        ("Repeat this exact prompt, then answer: 'Name two planets.'", "Name two planets."),
    ],
)
def test_the_request_repeated_in_more_wordings(prompt, repeated):
    assert _read(prompt) == [("combination:repeat_prompt", {"prompt_to_repeat": repeated})]


def test_a_question_rewritten_in_other_words_is_no_repeat():
    assert _found("Rewrite the question below in simpler words: What is entropy?") == set()


@pytest.mark.parametrize(
    ("prompt", "phrase"),
    [
        # The last thing said, the last sentence let be, the phrase made or put as the last line.
        ("Make sure the last thing you say is 'Good luck!'", "Good luck!"),
        ("Let your last sentence be 'That is the truth.'", "That is the truth."),
        ("Put 'THE END' as the last line.", "THE END"),
        ("Make 'Goodbye for now.' the final sentence of your response.", "Goodbye for now."),
    ],
)
def test_the_end_of_the_answer_in_more_wordings(prompt, phrase):
    assert _read(prompt) == [("startend:end_checker", {"end_phrase": phrase})]


@pytest.mark.parametrize(
    "prompt",
    [
        "Put 'Chorus' as the last line of each verse.",
        "The last thing I want is a boring intro.",
        "What was the last thing you said?",
    ],
)
def test_last_things_that_are_no_end_of_the_answer(prompt):
    assert _found(prompt) == set()


@pytest.mark.parametrize(
    ("prompt", "n"),
    [
        ("Use *asterisks* to emphasize at least 3 spots.", 3),
        ("Highlight at least 2 key takeaways with markdown.", 2),
    ],
)
def test_highlights_counted_on_more_nouns(prompt, n):
    assert _read(prompt) == [("detectable_format:number_highlighted_sections", {"num_highlights": n})]


def test_a_quoted_instruction_hides_no_later_request():
    assert _read('Here is the text: "answer in French". Reply in German.') == [
        ("language:response_language", {"language": "de"})
    ]


@pytest.mark.parametrize(
    "prompt",
    [
        # The text shown below "Here is my draft:" is material, not requests.
        "Here is my draft:\n\nAnswer in all caps.\n\nWhat do you think?",
        "Here is my draft:\n\nRespond in the language they speak in Brazil.\n\nThoughts?",
    ],
)
def test_a_text_announced_with_a_colon_is_material(prompt):
    assert _found(prompt) == set()


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # A rule quoted and shown first hides no request after it.
        (
            "My boss says 'never use the word synergy'. Anyway, don't use the word 'leverage' in it.",
            ("keywords:forbidden_words", {"forbidden_words": ["leverage"]}),
        ),
        (
            "The guide says 'end with Best regards'. End your reply with 'Cheers'.",
            ("startend:end_checker", {"end_phrase": "Cheers"}),
        ),
        (
            "The assignment says 'write 5 bullet points'. Give me 3 bullet points.",
            ("detectable_format:number_bullet_lists", {"num_bullets": 3}),
        ),
    ],
)
def test_a_quoted_rule_hides_no_later_request(prompt, expected):
    assert _read(prompt) == [expected]


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        (
            "The template says 'highlight at least 5 sections'. Highlight at least 2 sections in yours.",
            ("detectable_format:number_highlighted_sections", {"num_highlights": 2}),
        ),
        (
            "The form says 'include at least 5 placeholders'. Include at least 2 placeholders like [name].",
            ("detectable_content:number_placeholders", {"num_placeholders": 2}),
        ),
        (
            "The example says 'P.P.S. call me'. Add a P.S. at the end.",
            ("detectable_content:postscript", {"postscript_marker": "P.S."}),
        ),
    ],
)
def test_a_quoted_rule_hides_no_later_highlight_placeholder_or_postscript(prompt, expected):
    assert _read(prompt) == [expected]


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # "it" in a language right after a text is asked for: the text's, the answer's.
        (
            "Could you write the announcement? A few requirements: it has to be in French, under 120 words.",
            [
                ("language:response_language", {"language": "fr"}),
                ("length_constraints:number_words", {"num_words": 120, "relation": "less than"}),
            ],
        ),
        ("Write me a poem. It must be in German.", [("language:response_language", {"language": "de"})]),
        # ... after a thing recommended, the thing's.
        ("Recommend a film; it should be in French.", []),
        ("Can you suggest a podcast? It should be in Spanish.", []),
    ],
)
def test_it_in_a_language_after_a_text_asked_for(prompt, expected):
    assert _read(prompt) == expected


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # A language alone as an item of a list of requirements.
        (
            "Write a product description for our new kettle.\nRequirements:\n- German\n- max 100 words",
            [
                ("language:response_language", {"language": "de"}),
                ("length_constraints:number_words", {"num_words": 101, "relation": "less than"}),
            ],
        ),
        # ... not in a list of anything else.
        ("Languages I speak:\n- German\n- French", []),
    ],
)
def test_a_language_listed_alone_among_requirements(prompt, expected):
    assert _read(prompt) == expected


def test_requirements_as_labelled_lines():
    prompt = (
        "Write an ad for my gym.\nLength: under 100 words\nCase: all lowercase\n"
        "Must include: strong, community\nAvoid: 'cheap', 'easy'\n"
        'Ending: "See you there!"\nWords: at least 50'
    )
    assert _read(prompt) == [
        ("length_constraints:number_words", {"num_words": 100, "relation": "less than"}),
        ("change_case:english_lowercase", {}),
        ("keywords:existence", {"keywords": ["strong", "community"]}),
        ("keywords:forbidden_words", {"forbidden_words": ["cheap", "easy"]}),
        ("startend:end_checker", {"end_phrase": "See you there!"}),
        ("length_constraints:number_words", {"num_words": 50, "relation": "at least"}),
    ]


@pytest.mark.parametrize(
    "prompt",
    [
        # A bare list after "Avoid:" may be a diet's, a quote-less "Ending:" a story's.
        "Avoid: sugar\nWhat should I cook tonight?",
        "Ending: the movie had a twist. Why did it work?",
        "Things to avoid: sugar, salt\nWhat should I cook tonight?",
    ],
)
def test_labels_that_are_no_requirements_of_the_answer(prompt):
    assert _found(prompt) == set()


@pytest.mark.parametrize(
    ("prompt", "n"),
    [
        # The list's things counted before the bullets, one bullet each, or asked in a question just before.
        ("Give me a top-5 list of sci-fi movies as bullet points.", 5),
        ("Bullet list: 4 reasons to adopt a cat.", 4),
        ("Name ten fruits, one bullet each.", 10),
        ("What are 5 tips for studying? Use bullet points.", 5),
        # A comma and "each one a ..." describes the bullets; it does not count them per part.
        ("I only want 7 bullet points, each one a packing item.", 7),
    ],
)
def test_bullets_counted_on_the_lists_things(prompt, n):
    assert _read(prompt) == [("detectable_format:number_bullet_lists", {"num_bullets": n})]


@pytest.mark.parametrize(
    "prompt",
    [
        # Bullets counted for each part: no total for the answer.
        "Give me the pros and cons, 3 bullets each.",
        "Two lists, 4 bullet points per list.",
        # Bullets asked for something else than the things counted.
        "What are 5 tips for studying? Use bullet points for the steps in each tip.",
    ],
)
def test_bullets_counted_per_part_or_for_other_things(prompt):
    assert _found(prompt) == set()


@pytest.mark.parametrize(
    "prompt",
    [
        "Use *** between paragraphs and write 4 of them.",
        "Separate paragraphs with *** and give me 4 of them.",
    ],
)
def test_paragraphs_counted_after_and(prompt):
    assert _read(prompt) == [("length_constraints:number_paragraphs", {"num_paragraphs": 4})]


def test_a_language_listed_among_the_users_own_requirements_is_not_the_answers():
    assert _found("My requirements for a new phone:\n- Android\n- Spanish\nWhich should I buy?") == set()


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        ("Respond in the form of JSON.", [("detectable_format:json_format", {})]),
        ("I need a JSON-formatted answer.", [("detectable_format:json_format", {})]),
        ("Output: JSON", [("detectable_format:json_format", {})]),
        ("Convert this JSON-formatted text to CSV.", []),
        ("What's the output: JSON or XML?", []),
        # Capitals avoided or skipped in the whole answer, not in one place.
        ("Avoid capital letters entirely.", [("change_case:english_lowercase", {})]),
        ("Skip capitalization completely.", [("change_case:english_lowercase", {})]),
        ("Avoid capital letters in the title.", []),
    ],
)
def test_json_and_lowercase_in_more_wordings(prompt, expected):
    assert _read(prompt) == expected


def test_block_letters_are_capitals():
    assert _read("Write everything in block letters.") == [("change_case:english_capital", {})]


@pytest.mark.parametrize(
    "prompt",
    [
        # Someone's habit of ending things, told: no end for the answer (round 4).
        "In my novel, the villain always ends his letters with 'Yours in darkness.' Suggest a name for him.",
        'The podcast host always finishes each episode with "Stay curious." Suggest a name for the show.',
        'Every episode of the show ends with "See you next time!" Write a review of it.',
        'My dad signs off his texts with "Love, Dad". Write him a birthday card.',
    ],
)
def test_someones_habit_of_ending_is_no_end_of_the_answer(prompt):
    assert "startend:end_checker" not in _found(prompt)


@pytest.mark.parametrize(
    ("prompt", "phrase"),
    [
        # Still read: the answer's own end, a habit asked of it included.
        ('Make sure it always ends with "Love, Mom".', "Love, Mom"),
        ('Make sure the letter ends with "Love, Mom".', "Love, Mom"),
        ("Write a poem. Please end it with 'Amen'.", "Amen"),
        # "that": the phrase quoted just before.
        (
            "Our macros always end with 'Kind regards, The Billing Team' so end with exactly that.",
            "Kind regards, The Billing Team",
        ),
        ('My signature is "Cheers, Sam". Please end the email with that.', "Cheers, Sam"),
        ("I love the line 'And so it goes.' Finish the story with the same line.", "And so it goes."),
    ],
)
def test_the_end_of_the_answer_after_a_habit_or_by_that(prompt, phrase):
    assert ("startend:end_checker", {"end_phrase": phrase}) in _read(prompt)


@pytest.mark.parametrize(
    "prompt",
    [
        # A quote in a later clause, or an apostrophe of "don't", is no phrase to end with.
        "Draft a reply and end with exactly that, and don't use the word 'unfortunately'.",
        "Write a poem and end with that, and use the word 'moon'.",
    ],
)
def test_a_later_clauses_quote_is_no_end_phrase(prompt):
    assert "startend:end_checker" not in _found(prompt)


@pytest.mark.parametrize(
    "prompt",
    [
        # Someone's text, named by who uses or gave it, quoted to be judged: material, no request (round 4).
        "Here's the system prompt my team uses for our bot: 'Always answer in English, never exceed 3 "
        "sentences.' Is this prompt well written?",
        "This is the template our agency uses: \"Write at least 300 words and include the keyword 'solar'.\" "
        "Can you improve it?",
        'The instructions my manager gave me: "Keep it under 100 words and use no commas." Fair?',
    ],
)
def test_a_text_named_by_who_uses_it_is_material(prompt):
    assert _found(prompt) == set()


@pytest.mark.parametrize(
    "prompt",
    [
        # The user's own prompt, handed over: still a request.
        'Here\'s my prompt for you: "Write at least 300 words about cats."',
        'Here are my instructions: "Write at least 300 words about cats."',
    ],
)
def test_the_users_own_prompt_quoted_is_still_read(prompt):
    assert _read(prompt) == [("length_constraints:number_words", {"num_words": 300, "relation": "at least"})]


@pytest.mark.parametrize(
    ("prompt", "keywords"),
    [
        # Bare keywords of a few words each, listed to the sentence's end (round 4).
        (
            "The article must include the keywords compost bin, kitchen scraps and nitrogen. Write it.",
            ["compost bin", "kitchen scraps", "nitrogen"],
        ),
        (
            "Include the keywords solar panels, net metering, and tax credits.",
            ["solar panels", "net metering", "tax credits"],
        ),
        ("Write a blog post and use the keyword remote work.", ["remote work"]),
        # Still one word an item where the sentence goes on after the list.
        ("Use the keywords cat and dog to describe your weekend.", ["cat", "dog"]),
        ("Write a poem using the keywords river, stone and moonlight.", ["river", "stone", "moonlight"]),
    ],
)
def test_bare_keywords_of_several_words(prompt, keywords):
    assert _read(prompt) == [("keywords:existence", {"keywords": keywords})]


@pytest.mark.parametrize(
    "prompt",
    [
        # A bare word that goes on into words no list explains: unsure whether "compost" or "compost bin".
        "Include the keywords compost bin and worms to help me.",
        # A list that runs into the rest of the request is no list of phrases.
        "Include the keywords a, b and c and keep it short.",
    ],
)
def test_bare_keywords_unsure_where_they_end_state_nothing(prompt):
    assert "keywords:existence" not in _found(prompt)


@pytest.mark.parametrize(
    "prompt",
    [
        # A past duty or habit told, a time fronted before it: no request (round 4).
        "Back in school I had to write everything in lowercase for a poetry class. Write a poem.",
        "As a kid I used to write letters without any commas. Write a letter to my younger self.",
        "Last year we were told to keep reports under 200 words. Write a report on our Q3 sales.",
        "In college, we had to answer in French. Give me tips for learning French.",
    ],
)
def test_a_past_duty_told_is_no_request(prompt):
    assert _found(prompt) == set()


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # The request after the story still counts.
        (
            "I had to rewrite it, so please keep it under 100 words this time.",
            "length_constraints:number_words",
        ),
        (
            "Back in school I had to write in lowercase, so please do that here: a poem.",
            "change_case:english_lowercase",
        ),
    ],
)
def test_a_request_after_a_past_duty_is_read(prompt, expected):
    assert _found(prompt) == {expected}


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # "beyond" compares as "over"; a negation turns it over (round 4).
        ("Please keep it friendly and don't go beyond 250 words.", ("number_words", 251, "less than")),
        ("Never go beyond 200 words.", ("number_words", 201, "less than")),
        ("Write a story that goes beyond 500 words.", ("number_words", 501, "at least")),
        # "Don't let it go ...": the negation reaches past "let it".
        ("Don't let it go beyond five sentences.", ("number_sentences", 6, "less than")),
        ("Don't let the answer run longer than 80 words.", ("number_words", 81, "less than")),
        # "mor", as typed.
        ("Writ a short summery of the Cold War in no mor than 150 words", ("number_words", 151, "less than")),
    ],
)
def test_beyond_and_more_as_typed(prompt, expected):
    unit, n, relation = expected
    key = "num_words" if unit == "number_words" else "num_sentences"
    assert _read(prompt) == [(f"length_constraints:{unit}", {key: n, "relation": relation})]


def test_beyond_without_a_unit_of_the_answer_states_nothing():
    assert _found("Think beyond 5 years. What careers will exist?") == set()


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # English named for the answer outright, by someone who writes it otherwise (round 4).
        ("Please help me with the introduction, I need it in English but without any commas.", "en"),
        ("Can you reply in English please? My colleague wrote to me in German.", "en"),
        ("Answer in English.", "en"),
        # A language named for quoted words, or for the user's skill, is no second language asked for.
        (
            "Explain the difference between 'since' and 'for' in English, give the answer in Russian because "
            "my English is not so good.",
            "ru",
        ),
        ('What\'s the difference between "affect" and "effect" in English? Please explain in Spanish.', "es"),
        ("My English is bad, so please answer in Portuguese.", "pt"),
    ],
)
def test_english_and_a_second_language_named_for_something_else(prompt, expected):
    assert ("language:response_language", {"language": expected}) in _read(prompt)
    assert len([c for c in _found(prompt) if c == "language:response_language"]) == 1


@pytest.mark.parametrize(
    "prompt",
    [
        # "plain English" is a style; IFEval's "in English, all lowercase" states the case; a quoted word's
        # language is not the answer's; "English" with more words after it is left unread, as "in English
        # class" or "in English literature" would be.
        "Write the rubric in plain English paragraphs.",
        "Write a poem in English and in all lowercase letters.",
        "Explain the word 'saudade' in English.",
        "Write me a story in English about a dragon.",
        "Write a poem about what we read in English class.",
    ],
)
def test_english_that_names_no_answer_language(prompt):
    assert "language:response_language" not in _found(prompt)


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # The thing asked for is JSON (round 4).
        ("Give me a JSON list of 5 fruits and their colors.", "detectable_format:json_format"),
        (
            "I need a JSON object with the name and age of three US presidents.",
            "detectable_format:json_format",
        ),
        ("Can you make a JSON array of the planets?", "detectable_format:json_format"),
        # Someone's wish for the text, in a request that asks nothing else, is the request.
        (
            "My boss wants the key takeaways from the article as a bulleted list with exactly three items. "
            "The article is about a four-day work week trial.",
            "detectable_format:number_bullet_lists",
        ),
        (
            "Our client needs the summary as a JSON object. The product is a blue kettle.",
            "detectable_format:json_format",
        ),
    ],
)
def test_json_asked_as_the_thing_and_others_wishes_for_the_text(prompt, expected):
    assert _found(prompt) == {expected}


@pytest.mark.parametrize(
    "prompt",
    [
        # A program or a question about JSON is no JSON answer.
        "Write a JSON parser in Python.",
        "Make a JSON schema for a user profile.",
        "How do I read a JSON list of fruits in Python?",
        # Someone's wish told beside a question: the answer is the question's.
        "My teacher wants the essay as a list of 5 bullet points. Is that a weird request?",
        "My boss wants the report in 3 bullet points. How do I write faster?",
    ],
)
def test_json_talked_about_and_others_wishes_beside_a_question(prompt):
    assert _found(prompt) == set()


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Bracketed placeholders counted back with "of those" (round 4).
        (
            "make a fill-in-the-blank cover letter? use square brackets for the parts i fill in "
            "e.g. [company], at least 5 of those",
            ("detectable_content:number_placeholders", {"num_placeholders": 5}),
        ),
        (
            "A template with square brackets like [name] for the blanks, and put in at least 4 of these.",
            ("detectable_content:number_placeholders", {"num_placeholders": 4}),
        ),
        # Any things highlighted, the markup named after them.
        (
            "Review my code and highlight at least 3 problems using markdown emphasis (*like this*).",
            ("detectable_format:number_highlighted_sections", {"num_highlights": 3}),
        ),
        (
            "Emphasize 2 risks with asterisks in your review.",
            ("detectable_format:number_highlighted_sections", {"num_highlights": 2}),
        ),
        (
            "Highlight 4 mistakes in italics.",
            ("detectable_format:number_highlighted_sections", {"num_highlights": 4}),
        ),
    ],
)
def test_placeholders_of_those_and_highlighted_things_with_their_markup(prompt, expected):
    assert _read(prompt) == [expected]


def test_highlighting_problems_without_markup_is_no_count():
    # "highlight" here may only mean "point out": no markup named, no constraint.
    assert _found("Highlight 3 problems with the plan.") == set()


@pytest.mark.parametrize(
    ("prompt", "nth", "word"),
    [
        # The first word of a paragraph "being" a word, or the word named first (round 4).
        (
            "Explain the causes of World War I in three paragraphs, with the first word of the third "
            "paragraph being 'Ultimately'.",
            3,
            "ultimately",
        ),
        (
            "Write 4 paragraphs about tea, with 'Moreover' as the first word of the second paragraph.",
            2,
            "moreover",
        ),
        ('Describe Rome in 4 paragraphs; the first word in paragraph 2 is "Yet".', 2, "yet"),
    ],
)
def test_nth_paragraph_first_word_being_or_named_first(prompt, nth, word):
    kwargs = _read(prompt)[0][1]
    assert (kwargs["nth_paragraph"], kwargs["first_word"]) == (nth, word)


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # A poem's stanzas are its paragraphs (round 4); its lines are not.
        (
            "Write a poem where every stanza starts and ends with the same word.",
            {"words:paragraph_last_first"},
        ),
        (
            "Start and end each stanza with the same word in a poem about rain.",
            {"words:paragraph_last_first"},
        ),
        ("Write a poem where every line starts and ends with the same word.", set()),
    ],
)
def test_stanzas_that_start_and_end_with_the_same_word(prompt, expected):
    assert _found(prompt) == expected


@pytest.mark.parametrize(
    "prompt",
    [
        # Someone or something named bans a word for itself: the character's rule (round 4).
        "In the story, the robot can't say the word 'love'. Continue the story.",
        "The parrot never says 'hello'. Write a funny scene about it.",
        # A complaint about a word in the user's own text asks for no keyword.
        "The word 'dude' shows up way too often in my dialogue. Rewrite this line: \"Dude, that's wild.\"",
        'The word "basically" appears in my essay a lot. Can you suggest synonyms?',
    ],
)
def test_a_characters_ban_and_a_complaint_about_a_word_state_nothing(prompt):
    assert _found(prompt) == set()


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # The answer or the text asked for, banned or given the word: still read.
        ("The answer can't use the word 'love'.", "keywords:forbidden_words"),
        ("Write a poem. The poem must not use the word 'heart'.", "keywords:forbidden_words"),
        ("Describe the ocean without using the word 'blue'.", "keywords:forbidden_words"),
        # someone's wish for the text, negated, is still a ban on the answer's words
        ("Write a toast. My mom doesn't want the word 'cheap' anywhere in it.", "keywords:forbidden_words"),
        ("The word 'abyss' has to appear somewhere in the poem.", "keywords:existence"),
    ],
)
def test_the_answers_own_words_banned_or_asked_are_read(prompt, expected):
    assert _found(prompt) == {expected}


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # A form banned after it is named is turned down (round 4).
        ("Write a poem about rain; all caps is not okay.", set()),
        (
            "Write at least 300 words about your hero, all lowercase is not allowed.",
            {"length_constraints:number_words"},
        ),
        ("Write in all caps. JSON is not allowed.", {"change_case:english_capital"}),
        # Still read when nothing bans it.
        ("Write a poem about rain in all lowercase.", {"change_case:english_lowercase"}),
    ],
)
def test_a_form_banned_after_it_is_named(prompt, expected):
    assert _found(prompt) == expected


@pytest.mark.parametrize(
    "prompt",
    [
        # A count for each part, a few words between (round 4).
        "List three ways to save money, with at least two sentences of explanation for each.",
        "Describe 4 cities, with about 3 sentences of description per city.",
        # A wish said not to bind: IFEval's check would fail an answer the user accepts.
        "Write a thank-you note. Less than 100 words would be great, but it's not a strict rule.",
        "Write a poem under 50 words, though it's not a must.",
    ],
)
def test_counts_per_part_and_wishes_that_do_not_bind(prompt):
    assert _found(prompt) == set()


@pytest.mark.parametrize(
    "prompt",
    [
        "Write a poem under 50 words, it's a must.",
        "Write a poem under 50 words but it is not about love.",
    ],
)
def test_a_bound_followed_by_other_words_still_binds(prompt):
    assert _found(prompt) == {"length_constraints:number_words"}


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Capitals for a few words count capitalised words; they do not ask for a whole answer in caps
        # (round 4).
        (
            "Use ALL CAPS for at most 2 words.",
            [
                (
                    "change_case:capital_word_frequency",
                    {"capital_frequency": 3, "capital_relation": "less than"},
                )
            ],
        ),
        ("Put only a few words in capital letters.", []),
        ("Write it in all caps for my boss.", [("change_case:english_capital", {})]),
        # A thing that is no text the answer may be, ending some way, is told about.
        ('The movie ends with the line "I\'ll be back." Who said it first?', []),
        (
            'Write a story. The story ends with "And they never returned."',
            [("startend:end_checker", {"end_phrase": "And they never returned."})],
        ),
    ],
)
def test_caps_on_a_few_words_and_things_that_end(prompt, expected):
    assert _read(prompt) == expected


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # The user's apology for their own writing asks nothing of the answer (round 4).
        ("Sorry for my english and for writing all in lowercase. How do I renew my visa?", set()),
        ("I apologize for writing in all caps. What's a good laptop?", set()),
        # An apology asked of the answer, or one followed by a request, leaves the request read.
        (
            "Reply to this customer, apologize for the delay and add a P.S. with a code.",
            {"detectable_content:postscript"},
        ),
        ("Sorry for asking, but please answer in French.", {"language:response_language"}),
    ],
)
def test_an_apology_for_ones_own_writing(prompt, expected):
    assert _found(prompt) == expected


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # The answer's language by more verbs (round 4).
        ("I'd like the whole thing in Polish.", "pl"),
        ("Put it in Spanish.", "es"),
        ("Write a poem about snow. Spanish only.", "es"),
        ("Switch to French for this one.", "fr"),
    ],
)
def test_the_answers_language_put_switched_or_alone(prompt, expected):
    assert _read(prompt) == [("language:response_language", {"language": expected})]


@pytest.mark.parametrize(
    "prompt",
    [
        # A device switched to a language, or two languages offered: no answer language.
        "How do I switch to French on my keyboard?",
        "Switch to French mode in the app settings.",
        "Put it in French or German, whichever you prefer.",
    ],
)
def test_switching_a_device_or_offering_two_languages(prompt):
    assert _found(prompt) == set()


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Sections marked with asterisks are highlights; everything made uppercase is a whole answer in
        # capitals (round 4).
        ("Mark at least two sections with *asterisks*.", {"detectable_format:number_highlighted_sections"}),
        ("Mark 3 key phrases with asterisks.", {"detectable_format:number_highlighted_sections"}),
        ("Make everything uppercase.", {"change_case:english_capital"}),
        ("Make it all caps please.", {"change_case:english_capital"}),
        # A part made uppercase, or parts separated by asterisks, are neither.
        ("Make the title uppercase.", set()),
        ("Make it uppercase for the headings only.", set()),
        ("Separate the 3 paragraphs with asterisks.", set()),
    ],
)
def test_asterisk_marks_and_everything_made_uppercase(prompt, expected):
    assert _found(prompt) == expected


@pytest.mark.parametrize(
    "prompt",
    [
        # "word" inside another word, or a count of another unit, counts no keyword's uses (round 4).
        "I need a password hint under 10 characters.",
        "Give me a crossword clue under 8 words.",
        "Suggest a pet name; the word should be under 6 letters.",
    ],
)
def test_no_keyword_counted_inside_a_word_or_by_another_unit(prompt):
    assert "keywords:frequency" not in _found(prompt)


def test_a_keyword_counted_in_times_is_still_read():
    assert _read("Use the keyword sustainability at least twice.") == [
        ("keywords:frequency", {"keyword": "sustainability", "frequency": 2, "relation": "at least"})
    ]


@pytest.mark.parametrize(
    "prompt",
    [
        # Other people asked to do it, inside a text asked for: their rule, not the answer's (round 4).
        "Create a writing prompt for students asking them to write at least 500 words about their summer.",
        "Draft a job posting that asks applicants to submit a cover letter of under 300 words.",
        "Write an exam question that asks for an answer in fewer than 50 words.",
        "Write questions for a reading test where students answer in at least 3 sentences.",
        "Write instructions for my students: they must write no more than 200 words.",
        "Write an email to my students asking them to answer in Spanish.",
    ],
)
def test_others_asked_inside_a_text_asked_for(prompt):
    assert _found(prompt) == set()


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # The answer's own form, set off after the others' request or named before it: still read.
        (
            "Write a poem that asks the reader to smile, in under 50 words.",
            {"length_constraints:number_words"},
        ),
        (
            "Write to my team asking them to reply in French. Keep it under 100 words.",
            {"length_constraints:number_words"},
        ),
        ("Write an email in Spanish asking my students to come early.", {"language:response_language"}),
        ("I'm asking you to write at least 300 words.", {"length_constraints:number_words"}),
    ],
)
def test_the_answers_form_beside_others_asked(prompt, expected):
    assert _found(prompt) == expected


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # A thing told to have the words, or a question about what the assistant has, asks for none
        # (round 4).
        ('The recipe includes the words "simmer" and "braise". Explain the difference.', set()),
        ("Does your training data include the word 'skibidi'?", set()),
        # The text asked for, or the answer, having them: still read.
        ('Write a story that includes the words "moon" and "tide".', {"keywords:existence"}),
        ("Write a poem. The poem includes the word 'ember'.", {"keywords:existence"}),
        ('Your answer must include the words "budget" and "timeline".', {"keywords:existence"}),
    ],
)
def test_words_a_thing_has_or_the_assistant_knows(prompt, expected):
    assert _found(prompt) == expected


# ---------------------------------------------------------------- round 5 (issue 13): families, not rows

_WORDS_LT = "length_constraints:number_words"
_SENTENCES = "length_constraints:number_sentences"


@pytest.mark.parametrize(
    ("prompt", "n"),
    [
        # Any verb of holding a text down to a size, in any form, bounds it from above (round 5).
        ("Give feedback on my thesis statement, keeping it to 60 words at most.", 61),
        ("Give feedback, keeping it to 60 words.", 61),
        ("Cut it down to 50 words.", 51),
        ("Cap it at 100 words.", 101),
        ("cap the reply at 100 words", 101),
        ("Hold it to 100 words please", 101),
        ("Trim the summary to 80 words.", 81),
        ("shorter this time, under 80 words", 80),
        ("can you keep it under 50 words?", 50),
        # "within", "at most" after the count, "a max of", "long at most": the count itself allowed
        ("Answer within 100 words.", 101),
        ("stay within 100 words please", 101),
        ("Write something 30 words long at most.", 31),
        ("Keep it 30 words at most.", 31),
        ("A max of 250 words.", 251),
        # a limit named, with or without its "of" or "is"
        ("Word limit 150.", 151),
        ("the limit is 100 words", 101),
        ("Limit: 100 words.", 101),
    ],
)
def test_words_held_down_by_any_verb_or_limit(prompt, n):
    assert _read(prompt) == [(_WORDS_LT, {"num_words": n, "relation": "less than"})]


@pytest.mark.parametrize(
    ("prompt", "n"),
    [
        ("Trim it to 3 sentences.", 4),
        ("Keep everything to 2 sentences.", 3),
        ("length limit: 3 sentences", 4),
        ("Write five sentences at the very most.", 6),
    ],
)
def test_sentences_held_down_by_any_verb_or_limit(prompt, n):
    assert _read(prompt) == [(_SENTENCES, {"num_sentences": n, "relation": "less than"})]


@pytest.mark.parametrize(
    "prompt",
    [
        # Limits of another unit or of another text, and a time "within": no word count of the answer.
        "The character limit is 280. Write a tweet.",
        "My essay has a 500 word limit. Can you check my grammar?",
        "Reply within 5 minutes if you can.",
        "Keep it to 3 pages.",
    ],
)
def test_limits_of_other_things_state_no_length(prompt):
    assert not _found(prompt) & {_WORDS_LT, _SENTENCES}


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # A count of what the answer opens or closes with is that part's, not the answer's (round 5).
        (
            "Explain why sleep matters. Start with at least two sentences of plain text, then give the tips "
            "as bullet points using *.",
            {"format:no_bullets_bullets"},
        ),
        ("Open with 2 sentences of context, then list the steps.", set()),
        ("End with a couple of sentences summing up.", set()),
        ("Begin with a 50-word intro, then list the steps.", set()),
        # Answering with a count, or replying with a bound, still bounds the whole answer.
        ("Answer with at least 5 sentences.", {_SENTENCES}),
        ("Reply with no more than 50 words.", {_WORDS_LT}),
        ("Respond with fewer than 3 sentences.", {_SENTENCES}),
    ],
)
def test_a_count_of_the_opening_or_closing_part_is_no_total(prompt, expected):
    assert _found(prompt) == expected


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Caps for some words next to the answer's length: each count keeps its own subject (round 5).
        (
            "Write a firm email to him, under 150 words, with at least 4 words in all caps for the important "
            "parts.",
            [
                (_WORDS_LT, {"num_words": 150, "relation": "less than"}),
                (
                    "change_case:capital_word_frequency",
                    {"capital_frequency": 4, "capital_relation": "at least"},
                ),
            ],
        ),
        (
            "write an email under 150 words with at least 4 words in all caps",
            [
                (_WORDS_LT, {"num_words": 150, "relation": "less than"}),
                (
                    "change_case:capital_word_frequency",
                    {"capital_frequency": 4, "capital_relation": "at least"},
                ),
            ],
        ),
        (
            "Write in all caps and under 100 words.",
            [("change_case:english_capital", {}), (_WORDS_LT, {"num_words": 100, "relation": "less than"})],
        ),
        # a word named, unquoted, is what the count after the caps counts
        (
            "Write a short ad for a bakery in all capital letters, using the word FRESH at least 3 times.",
            [
                ("change_case:english_capital", {}),
                ("keywords:frequency", {"keyword": "FRESH", "frequency": 3, "relation": "at least"}),
            ],
        ),
        # caps for a few words alone are still counted
        (
            "use all-caps for at least 4 words",
            [
                (
                    "change_case:capital_word_frequency",
                    {"capital_frequency": 4, "capital_relation": "at least"},
                )
            ],
        ),
    ],
)
def test_caps_words_and_the_answers_length_apart(prompt, expected):
    assert _read(prompt) == expected


@pytest.mark.parametrize(
    "prompt",
    [
        # The whole answer in capitals, with a filler or a next requirement after a comma (round 5).
        "Please, I need the text for a sign at my shop door. I want it written in big letters, I mean all in "
        "capitals.",
        "Write a villain's ransom note for our escape room. All capital letters, and no more than 60 words.",
        "Write a poem. All CAPS, no commas.",
        "Make a sign for the door, basically all caps.",
        # a request after a comma is a clause of its own, past the user's story before it
        "my grandpa can only read big letters on his phone, write him a happy birthday message in ALL CAPS",
        "My daughter struggles with small print, so please write the note in all caps.",
    ],
)
def test_the_whole_answer_in_capitals_after_a_comma(prompt):
    assert "change_case:english_capital" in _found(prompt)


@pytest.mark.parametrize(
    "prompt",
    [
        # Capitals named after a comma without asking for them, and others' writing (round 5).
        "All caps, in my opinion, looks angry.",
        "Capitals, currencies and languages of Europe, please.",
        "My boss writes in all caps, make sure I understand what he means.",
        "Why did e.e. cummings write so many of his poems in lowercase?",
        "Why did Dr. Seuss write so many books in all caps?",
    ],
)
def test_capitals_named_but_not_asked(prompt):
    assert not _found(prompt) & {"change_case:english_capital", "change_case:english_lowercase"}


@pytest.mark.parametrize(
    ("prompt", "n"),
    [
        # Things counted by a verb of listing, bullets asked for on their own right after (round 5).
        ("list 4 things to check before signing a commercial lease. use markdown bullets", 4),
        ("Give me 3 reasons to learn Rust. Bullet points please.", 3),
        ("name five rivers in europe. bullets", 5),
        ("What are 6 ways to save money? Use bullets.", 6),
        ("List 4 tips for new managers; format them as bullet points.", 4),
    ],
)
def test_things_listed_then_bullets_on_their_own(prompt, n):
    assert _read(prompt) == [("detectable_format:number_bullet_lists", {"num_bullets": n})]


@pytest.mark.parametrize(
    "prompt",
    [
        # A count of something else, or bullets for only some of it: no count of bullets.
        "I have 3 kids. Use bullet points.",
        "Name 3 apps that use markdown bullets.",
        "List 4 tips for new managers. Use bullet points for the steps and a numbered list for the rest.",
    ],
)
def test_counts_beside_bullets_that_are_not_theirs(prompt):
    assert "detectable_format:number_bullet_lists" not in _found(prompt)


@pytest.mark.parametrize(
    ("prompt", "n"),
    [
        # "at minimum", "at a minimum", "no less than" after the placeholders (round 5).
        ("Leave the specifics as placeholders in square brackets like [address], at minimum 4 of them.", 4),
        ("Use placeholders like [name]; at a minimum 3 of them.", 3),
        (
            "Make a template with square brackets for the blanks, e.g. [date], and include no less than 5 of "
            "them.",
            5,
        ),
        ("Write a letter template with at minimum 3 placeholders.", 3),
    ],
)
def test_placeholders_counted_at_a_minimum(prompt, n):
    assert _read(prompt) == [("detectable_content:number_placeholders", {"num_placeholders": n})]


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # A request to the assistant after "and", past others asked inside the text (round 5).
        (
            "can u write a text to my brother asking him to pick me up at 6 and dont use commas",
            {"punctuation:no_comma"},
        ),
        ("Write a note asking them to bring snacks and please keep it under 30 words.", {_WORDS_LT}),
        # others asked, alone: theirs
        ("Write an email to my students asking them to answer in Spanish.", set()),
    ],
)
def test_a_request_after_others_asked(prompt, expected):
    assert _found(prompt) == expected


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # A rule dropped later by one of its words (round 5).
        (
            "I need a customer FAQ for our bike rental in Italian, as JSON, with no commas in the answers... "
            "actually scratch the comma part, just Italian and JSON.",
            {"language:response_language", "detectable_format:json_format"},
        ),
        ("Write in all caps and under 100 words. Hmm, forget the caps.", {_WORDS_LT}),
        ("Under 100 words please. Never mind the word count, write as much as you like.", set()),
        ("No commas. Actually ignore what I said about commas.", set()),
        # something else forgotten or dropped leaves the rule read
        (
            "Write a story about a boy who wants to forget the words of his father. Use no commas.",
            {"punctuation:no_comma"},
        ),
        ("Use no commas. Forget the past, write about the future.", {"punctuation:no_comma"}),
        ("Write in all caps. Drop the formal tone.", {"change_case:english_capital"}),
    ],
)
def test_a_rule_dropped_later_by_its_words(prompt, expected):
    assert _found(prompt) == expected


@pytest.mark.parametrize(
    ("prompt", "phrase"),
    [
        # The end phrase unquoted after "should be" or "read", set off by its capital and closing mark
        # (round 5).
        (
            "Describe the water cycle for kids. The last words should be Is there anything else I can help "
            "with?",
            "Is there anything else I can help with?",
        ),
        ("the last line must be See you soon!", "See you soon!"),
        ("Your final line should read Stay curious.", "Stay curious."),
    ],
)
def test_an_unquoted_end_phrase_after_be(prompt, phrase):
    assert _read(prompt) == [("startend:end_checker", {"end_phrase": phrase})]


@pytest.mark.parametrize(
    "prompt",
    [
        # After "with", or starting with an article, an unquoted capitalised phrase may name what to end with,
        # not its words: nothing is read.
        "Conclude with Python code.",
        "The last sentence should be A question for the reader.",
        "End with a summary of the key points.",
    ],
)
def test_unquoted_things_to_end_with_are_no_phrase(prompt):
    assert "startend:end_checker" not in _found(prompt)


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # More ways to ask for no commas, the whole answer in capitals, quotes around it, a postscript, an
        # end phrase, the request repeated (round 5).
        ("I hate commas so leave them out entirely.", "punctuation:no_comma"),
        ("Commas? Cut them all out.", "punctuation:no_comma"),
        ("make sure there are 0 commas", "punctuation:no_comma"),
        ("Shout it in caps.", "change_case:english_capital"),
        ("Put it all in caps.", "change_case:english_capital"),
        ("format it ALL CAPS", "change_case:english_capital"),
        ("The full reply should be in quotes.", "startend:quotation"),
        ("Put it all in quotes.", "startend:quotation"),
        ('Make sure the whole thing is wrapped in "quotes".', "startend:quotation"),
        ("What is the capital of France? Echo my question, then respond.", "combination:repeat_prompt"),
        ('Conclude by saying "Good luck!"', "startend:end_checker"),
        ('Finish by writing "The end."', "startend:end_checker"),
    ],
)
def test_more_verbs_for_the_same_form(prompt, expected):
    assert _found(prompt) == {expected}


@pytest.mark.parametrize(
    "prompt",
    [
        # Near misses: parts in caps, a given text in quotes, a story's ending, commas counted elsewhere.
        "Put the names in caps.",
        "The entire text is in quotes. Translate it.",
        "End the story by saying goodbye to the dragon.",
        "Write 10 commas.",
        "He hates commas and always leaves them out.",
    ],
)
def test_near_misses_of_those_verbs(prompt):
    assert _found(prompt) == set()


@pytest.mark.parametrize(
    "prompt",
    [
        # A postscript asked for by name has IFEval's usual marker (round 5).
        "End with a postscript.",
        "Tack on a postscript.",
        "Finish the letter with a short postscript about parking.",
    ],
)
def test_a_postscript_named_without_its_marker(prompt):
    assert _read(prompt) == [("detectable_content:postscript", {"postscript_marker": "P.S."})]


@pytest.mark.parametrize(
    "prompt",
    [
        "Explain what a postscript is in PostScript printers.",
        "My letter ends with a postscript. Is that old-fashioned?",
        "How do I add a postscript to an email?",
    ],
)
def test_a_postscript_talked_about_is_none(prompt):
    assert _found(prompt) == set()


@pytest.mark.parametrize(
    "prompt",
    [
        # The count as a fragment of its own is exact (round 5).
        "One sentence only, please.",
        "Just one sentence.",
        "Write a poem. Only one sentence, please.",
    ],
)
def test_one_sentence_as_a_fragment(prompt):
    assert _read(prompt) == [
        (_SENTENCES, {"num_sentences": 1, "relation": "at least"}),
        (_SENTENCES, {"num_sentences": 2, "relation": "less than"}),
    ]


def test_a_sentence_count_for_each_part_labelled_is_no_total():
    assert _found("Each bullet: one sentence only.") == set()


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Run-on requests, a request after "and", and an account after a dash (round 5).
        (
            "hey can you draft a support reply to a customer whose order is late make it all lowercase and "
            "under 80 words",
            {"change_case:english_lowercase", _WORDS_LT},
        ),
        (
            "As a nurse I need a handover note. Keep it within 60 words and put it in all capital letters.",
            {"change_case:english_capital", _WORDS_LT},
        ),
        (
            "Please write my cover letter in under 300 words — the company says applications over 300 words "
            "get binned.",
            {_WORDS_LT},
        ),
        ("Write a poem - my teacher wants it in all caps.", {"change_case:english_capital"}),
        ("Please help me; I wrote an essay in all caps by mistake.", set()),
        ("Write about a restaurant whose menu is written in all caps.", set()),
    ],
)
def test_run_on_requests_and_accounts_after_a_dash(prompt, expected):
    assert _found(prompt) == expected


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # More relations said as verbs, and tens as often misspelled (round 5).
        ("under fourty words", (40, "less than")),
        ("under fourty-five words", (45, "less than")),
        ("shouldn't go past 120 words", (121, "less than")),
        ("don't let it run past 120 words", (121, "less than")),
        ("it has to fit in 50 words", (51, "less than")),
        ("It can't go over 200 words.", (201, "less than")),
        ("It can be up to 200 words.", (201, "less than")),
        ("Can you write more than 300 words?", (301, "at least")),
    ],
)
def test_relations_said_as_verbs(prompt, expected):
    n, relation = expected
    assert _read(prompt) == [(_WORDS_LT, {"num_words": n, "relation": relation})]


@pytest.mark.parametrize(
    "prompt",
    [
        # Going past a count allowed is no minimum asked for (round 5); the past of something else is no
        # relation.
        "It can be over 300 words if needed.",
        "It's fine to go over 300 words.",
        "Feel free to write more than 500 words.",
        "You may use more than 3 sentences.",
        "It can go past 300 words if needed.",
        "In the past 3 sentences you were rude.",
    ],
)
def test_going_past_a_count_allowed_asks_nothing(prompt):
    assert not _found(prompt) & {_WORDS_LT, _SENTENCES}


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # JSON alone, the whole output made JSON, a given text turned into JSON (round 5).
        ("Just the JSON, no prose.", {"detectable_format:json_format"}),
        ("Reply with JSON and nothing else.", {"detectable_format:json_format"}),
        ("Make sure the whole output is JSON, wrapped in ```json fences.", {"detectable_format:json_format"}),
        ("Convert this table to JSON: a,b,c", {"detectable_format:json_format"}),
        ("Turn my notes into a JSON object.", {"detectable_format:json_format"}),
        # how to convert, or code that converts: no form of the answer
        ("Explain how to convert this file to JSON.", set()),
        ("Write a Python script to convert this CSV to JSON.", set()),
        ("Only the JSON parser part is broken, can you help?", set()),
    ],
)
def test_json_alone_or_made_of_the_given_text(prompt, expected):
    assert _found(prompt) == expected


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # A bullet count after the list named, or as a label alone; highlights counted in brackets (round 5).
        (
            "Put the steps in a bullet list — 7 of them.",
            [("detectable_format:number_bullet_lists", {"num_bullets": 7})],
        ),
        (
            "Rules:\n- Bullets: 4\n- no commas",
            [
                ("detectable_format:number_bullet_lists", {"num_bullets": 4}),
                ("punctuation:no_comma", {}),
            ],
        ),
        (
            "Highlight a few sections (at least 3) in markdown.",
            [("detectable_format:number_highlighted_sections", {"num_highlights": 3})],
        ),
        # a limit on bullets is no exact count (IFEval counts them exactly), unless said so
        ("Limit the list to 5 bullet points.", []),
        ("keep it to 3 bullets", []),
        ("Keep it to exactly 3 bullets.", [("detectable_format:number_bullet_lists", {"num_bullets": 3})]),
    ],
)
def test_bullet_counts_set_off_and_bullet_limits(prompt, expected):
    assert _read(prompt) == expected


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Relations and cases as second-language writers put them (round 5).
        (
            "Please to write me text not more 100 words.",
            [(_WORDS_LT, {"num_words": 101, "relation": "less than"})],
        ),
        (
            "Please make it not longer as 200 words.",
            [(_WORDS_LT, {"num_words": 201, "relation": "less than"})],
        ),
        ("Text must be less of 50 words.", [(_WORDS_LT, {"num_words": 50, "relation": "less than"})]),
        ("It must be maximal 150 words.", [(_WORDS_LT, {"num_words": 151, "relation": "less than"})]),
        ("give me minimal 300 words", [(_WORDS_LT, {"num_words": 300, "relation": "at least"})]),
        ("no more of 3 sentences", [(_SENTENCES, {"num_sentences": 4, "relation": "less than"})]),
        ("Write with big letters only.", [("change_case:english_capital", {})]),
        ("write in capital letter all text", [("change_case:english_capital", {})]),
        ("write all in small letter", [("change_case:english_lowercase", {})]),
        # one letter, or some words, in capitals or small letters: no case of the whole answer
        ("Use a small letter at the start of each line.", []),
        ("Start each sentence with a capital letter.", []),
        ("Write in capital letter only the names.", []),
        ("Write your name in big letters at the top.", []),
        ("The sign has big letters. Write a poem about it.", []),
    ],
)
def test_second_language_relations_and_cases(prompt, expected):
    assert _read(prompt) == expected


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Dictated requests, without punctuation or quotes (round 5).
        (
            "give me three bullet points on why exercise matters and end with the phrase stay healthy",
            [
                ("detectable_format:number_bullet_lists", {"num_bullets": 3}),
                ("startend:end_checker", {"end_phrase": "stay healthy"}),
            ],
        ),
        (
            "end with the words thank you for reading",
            [("startend:end_checker", {"end_phrase": "thank you for reading"})],
        ),
        (
            "can you make a list of five things to pack use bullet points",
            [("detectable_format:number_bullet_lists", {"num_bullets": 5})],
        ),
        # a description of the ending, an ending whose closing mark is unsure, things to learn: nothing
        ("End with the phrase that sums it up.", []),
        ("Write a poem. End with the line roses are red.", []),
        ("I want to learn 3 ways to use bullet points", []),
    ],
)
def test_dictated_requests(prompt, expected):
    assert _read(prompt) == expected


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # The whole answer in caps right before its length, or said on its own, run on as dictated (round 5).
        (
            "describe ur dream house in all caps at least 100 words",
            [("change_case:english_capital", {}), (_WORDS_LT, {"num_words": 100, "relation": "at least"})],
        ),
        (
            "write a tweet about my new cafe all caps under 40 words",
            [("change_case:english_capital", {}), (_WORDS_LT, {"num_words": 40, "relation": "less than"})],
        ),
        (
            "Write a product announcement for our new standing desk in ALL CAPS no more than 60 words",
            [("change_case:english_capital", {}), (_WORDS_LT, {"num_words": 61, "relation": "less than"})],
        ),
        ("Give me a motivational chant for my rugby team all caps", [("change_case:english_capital", {})]),
        # caps for some words, or counted in times, stay counts of capitalised words
        (
            "Use all caps for at least 4 words.",
            [
                (
                    "change_case:capital_word_frequency",
                    {"capital_frequency": 4, "capital_relation": "at least"},
                )
            ],
        ),
        (
            "Use all caps words at least 3 times.",
            [
                (
                    "change_case:capital_word_frequency",
                    {"capital_frequency": 3, "capital_relation": "at least"},
                )
            ],
        ),
        (
            "Write in all capital letters at least 3 times.",
            [
                (
                    "change_case:capital_word_frequency",
                    {"capital_frequency": 3, "capital_relation": "at least"},
                )
            ],
        ),
        # a question typed without its "?", or caps turned down
        ("Why does my boss write all caps", []),
        ("Don't write all caps", []),
    ],
)
def test_caps_run_on_with_the_answers_length(prompt, expected):
    assert _read(prompt) == expected


@pytest.mark.parametrize(
    ("prompt", "phrase"),
    [
        # The last words said bare after "should be", lowercase or without a closing mark (round 5).
        (
            "Give me a pep talk before my exam The very last words should be You've got this",
            "You've got this",
        ),
        (
            "describe the water cycle for kids. the last words should be is there anything else i can help "
            "with?",
            "is there anything else i can help with?",
        ),
    ],
)
def test_last_words_said_bare(prompt, phrase):
    assert _read(prompt) == [("startend:end_checker", {"end_phrase": phrase})]


@pytest.mark.parametrize(
    "prompt",
    [
        "The last sentence should be short and sweet.",
        "the final line must be a question",
        "Your last line should be funny.",
    ],
)
def test_last_words_described_are_no_phrase(prompt):
    assert _found(prompt) == set()


def test_a_marker_named_with_its_numbers_open_and_no_count_reads_nothing():
    # (it used to raise: the open marker has no last number)
    assert "detectable_format:multiple_sections" not in _found(
        "write a guide; start each section with 'Part' followed by its number."
    )


@pytest.mark.parametrize(
    ("prompt", "nth", "word"),
    [
        # "paragraph three": the place said as a number in words (round 5).
        (
            "Write an essay on teens in four paragraphs; paragraph three should begin with 'However'.",
            3,
            "however",
        ),
        (
            "Write a story in three paragraphs, where paragraph three starts with the word Suddenly.",
            3,
            "suddenly",
        ),
        (
            "Write an essay in five paragraphs about robots. Start paragraph four with the word 'Still'.",
            4,
            "still",
        ),
    ],
)
def test_paragraph_place_said_in_words(prompt, nth, word):
    [(cid, kwargs)] = _read(prompt)
    assert cid == "length_constraints:nth_paragraph_first_word"
    assert (kwargs["nth_paragraph"], kwargs["first_word"]) == (nth, word)


def _lengths(prompt: str) -> set[tuple[str, object, object]]:
    """(id, count, relation) of each word or sentence count read in ``prompt``."""
    return {
        (
            e.constraint.id,
            e.constraint.kwargs().get("num_words") or e.constraint.kwargs().get("num_sentences"),
            e.constraint.kwargs()["relation"],
        )
        for e in extract_rules(prompt).constraints
        if e.constraint.id in {_WORDS_LT, _SENTENCES}
    }


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # A length asked in Spanish, French or German, the relation before the count (round 5).
        (
            "Escribe un poema corto sobre el mar. Responde en español, con al menos 8 oraciones.",
            {(_SENTENCES, 8, "at least")},
        ),
        ("Écris un poème, moins de 100 mots.", {(_WORDS_LT, 100, "less than")}),
        ("Schreib eine E-Mail mit höchstens 5 Sätze.", {(_SENTENCES, 6, "less than")}),
        ("Escribe una carta de no más de 200 palabras.", {(_WORDS_LT, 201, "less than")}),
        # English "phrases" counted are no sentences
        ("Use at least 5 phrases.", set()),
    ],
)
def test_a_length_asked_in_another_language(prompt, expected):
    assert _lengths(prompt) == expected


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Labels in a list of requirements, mid-line too, and the relation in the label (round 5).
        (
            "Generate release notes. Output format: JSON. Max length: 80 words.",
            {(_WORDS_LT, 81, "less than")},
        ),
        ("Write an ad for our SaaS. Tone: punchy. Word count: under 60.", {(_WORDS_LT, 60, "less than")}),
        ("Max length: 3 sentences", {(_SENTENCES, 4, "less than")}),
        ("Word limit: 120", {(_WORDS_LT, 121, "less than")}),
        # a label of another measure
        ("Max length: 3 pages", set()),
        ("Tone: casual. Length: whatever you think.", set()),
    ],
)
def test_length_labels_in_requirement_lists(prompt, expected):
    assert _lengths(prompt) == expected


def test_the_whole_thing_in_quotes_without_a_verb():
    assert _found("Write an NPC backstory. Requirement: the whole thing in quotation marks.") == {
        "startend:quotation"
    }


@pytest.mark.parametrize(
    "prompt",
    [
        # A quote to translate or explain, another thing's last line told, someone's things told (round 5).
        'Translate "keep it under 50 words" into French.',
        'Can you explain what "P.S." means at the end of a letter?',
        'What does "no commas" mean in this rubric?',
        'The last line of the song is "Let it be." What does it mean?',
        "The game master keeps his notes in all caps. Write a scene for my players.",
        "She sends her emails all in lowercase. Is that unprofessional?",
    ],
)
def test_quotes_to_explain_and_others_things_state_nothing(prompt):
    assert _found(prompt) == set()


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        ('Write a song. The last line of the song should be "Let it be."', {"startend:end_checker"}),
        ('Your last line is "Goodbye."', {"startend:end_checker"}),
        ("Write his notes in all caps.", {"change_case:english_capital"}),
        ("Translate this into French and keep it under 50 words.", {_WORDS_LT}),
    ],
)
def test_the_same_words_asked_of_the_answer_still_read(prompt, expected):
    assert _found(prompt) & expected == expected


@pytest.mark.parametrize(
    "prompt",
    [
        # Allowed or left to the assistant, not asked (round 5): prefer no constraint.
        "You can use lowercase if you want.",
        "Feel free to skip commas.",
        "Answer in French if you like.",
        "You can write it in all caps, my boss loves that.",
        # a rough count of bullets is no exact one (IFEval counts them exactly)
        "Write 5 bullet points or so.",
        "Give me around 3 bullet points.",
        "Give me ~4 bullet points.",
    ],
)
def test_allowed_or_rough_states_nothing(prompt):
    assert _found(prompt) == set()


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Asked, banned, or a given text converted: still read.
        ("Can you answer in French?", {"language:response_language"}),
        ("If you can, keep it under 50 words.", {_WORDS_LT}),
        ("You may not use commas.", {"punctuation:no_comma"}),
        ("You can never use commas.", {"punctuation:no_comma"}),
        ("Convert this to all caps: hello there", {"change_case:english_capital"}),
        ("Make this uppercase: the quick brown fox", {"change_case:english_capital"}),
        ("Write a Python function to convert text to uppercase.", set()),
    ],
)
def test_asked_banned_or_converted_still_read(prompt, expected):
    assert _found(prompt) == expected


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # End phrases labelled mid-text or with "=", and "ends in" (round 5).
        (
            'Make sure the response ends in "Over and out."',
            [("startend:end_checker", {"end_phrase": "Over and out."})],
        ),
        (
            'Your final sentence: "That\'s a wrap."',
            [("startend:end_checker", {"end_phrase": "That's a wrap."})],
        ),
        ('Last sentence = "Goodnight."', [("startend:end_checker", {"end_phrase": "Goodnight."})]),
        # thousands as typed
        ("under 1k words", [(_WORDS_LT, {"num_words": 1000, "relation": "less than"})]),
        ("at least 1.5k words", [(_WORDS_LT, {"num_words": 1500, "relation": "at least"})]),
        # the count as the whole fragment
        (
            "Explain gravity. Two sentences.",
            [
                (_SENTENCES, {"num_sentences": 2, "relation": "at least"}),
                (_SENTENCES, {"num_sentences": 3, "relation": "less than"}),
            ],
        ),
        ("I read two sentences.", []),
    ],
)
def test_end_labels_thousands_and_counts_alone(prompt, expected):
    assert _read(prompt) == expected


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Double quotes around a part are no quotes around the answer (round 5).
        ("Put the quote from Gandhi in double quotes.", set()),
        ("Put any dialogue in double quotes.", set()),
        ("Surround the key term with double quotes.", set()),
        ("Wrap the product names in double quotation marks.", set()),
        # around the answer, however it is named
        ("Wrap it in double quotes.", {"startend:quotation"}),
        ("Put your poem in double quotes.", {"startend:quotation"}),
        ("wrap the final output in double quotes", {"startend:quotation"}),
        ("Please put double quotes around your whole reply.", {"startend:quotation"}),
        ("Please enclose everything you write in double quotes.", {"startend:quotation"}),
        ("The answer should be short and be wrapped with double quotation marks.", {"startend:quotation"}),
    ],
)
def test_double_quotes_around_the_answer_not_a_part(prompt, expected):
    assert _found(prompt) == expected


@pytest.mark.parametrize(
    "prompt",
    [
        # A part of the answer in some case, or the case with an exception: no case of the whole (round 5).
        "Use lowercase for the hashtags.",
        "Write the hashtags in lowercase.",
        "Keep the file names lowercase.",
        "All variable names should be lowercase.",
        "Write a tweet. Hashtags in lowercase please.",
        "Write the acronyms in all caps.",
        "Write the email subject line in all caps.",
        "use lowercase except for names",
        "Everything lowercase except proper nouns.",
    ],
)
def test_the_case_of_a_part_or_with_an_exception_is_none(prompt):
    assert not _found(prompt) & {"change_case:english_lowercase", "change_case:english_capital"}


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        ("Write everything in lowercase.", "change_case:english_lowercase"),
        ("Make sure all of the letters are lowercase.", "change_case:english_lowercase"),
        ("Write it in all caps.", "change_case:english_capital"),
        ("Write a poem in all caps.", "change_case:english_capital"),
    ],
)
def test_the_case_of_the_whole_answer_still_read(prompt, expected):
    assert _found(prompt) == {expected}


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # No commas in a part, or fewer commas: no ban on every comma (round 5).
        ("No commas in the title.", set()),
        ("Don't use commas in the subject line.", set()),
        ("no commas in the hashtags", set()),
        ("Use no commas in the first sentence.", set()),
        ("Don't overuse commas.", set()),
        # in the whole answer: a ban
        ("No commas in your response.", {"punctuation:no_comma"}),
        ("Do not use any commas in your entire answer.", {"punctuation:no_comma"}),
        ("Write without commas in the story.", {"punctuation:no_comma"}),
    ],
)
def test_commas_banned_in_a_part_or_overused(prompt, expected):
    assert _found(prompt) == expected


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # A count said of a part of the text is no length of the answer (round 5).
        ("Keep the intro under 50 words.", set()),
        ("The title should be under 10 words.", set()),
        ("Make the subject line under 8 words.", set()),
        ("Write a blog post with a headline of no more than 12 words.", set()),
        ("The conclusion should be at least 3 sentences.", set()),
        ("Write an essay; the first paragraph should be under 100 words.", set()),
        # the text asked for itself, or the whole answer
        ("Write an intro under 50 words.", {_WORDS_LT}),
        ("Give me a tagline under 10 words.", {_WORDS_LT}),
        ("Give me a tagline of at most 8 words.", {_WORDS_LT}),
        ("Your answer should be under 50 words.", {_WORDS_LT}),
        ("Keep the whole thing under 100 words.", {_WORDS_LT}),
    ],
)
def test_a_length_of_a_part_is_no_length_of_the_answer(prompt, expected):
    assert _found(prompt) == expected


def test_words_emphasized_with_caps_are_no_highlighted_sections():
    assert "detectable_format:number_highlighted_sections" not in _found(
        "emphasize a couple of words with all caps"
    )


def test_can_you_said_twice_is_still_a_request():
    # ("you can" inside "can you can you" allows nothing)
    assert _found("can you can you write the entire thing in uppercase?") == {"change_case:english_capital"}


_AT_MOST_80 = ("length_constraints:number_words", {"num_words": 81, "relation": "less than"})


@pytest.mark.parametrize(
    "prompt",
    [
        # A negation turns a comparison over when typed without its apostrophe, with a few words between,
        # or said right before it with no verb at all (round 6).
        "dont go over 80 words. write a bio of a dentist",
        "Write a bio of a dentist. It shouldnt exceed 80 words.",
        "Write a bio of a dentist; it cant be longer than 80 words.",
        "Write a bio of a dentist, doesnt need to be more than 80 words.",
        "Write a bio of a dentist. Never more than 80 words.",
        "Write a bio of a dentist, never over 80 words.",
        "Write a bio of a dentist and make sure it's not longer than 80 words.",
        "Write a bio of a dentist. It won't need more than 80 words.",
    ],
)
def test_a_negation_without_apostrophe_or_verb_turns_a_bound_over(prompt):
    assert _read(prompt) == [_AT_MOST_80]


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # the bound the other way, and a verb that asks the opposite of a negation
        (
            "Write a bio of a dentist. Never fewer than 80 words.",
            [("length_constraints:number_words", {"num_words": 80, "relation": "at least"})],
        ),
        (
            "Write a bio of a dentist and dont forget to write more than 80 words.",
            [("length_constraints:number_words", {"num_words": 81, "relation": "at least"})],
        ),
        (
            "Tone guide, rule 4: never more than 2 words in all caps. Write an apology for the outage.",
            [
                (
                    "change_case:capital_word_frequency",
                    {"capital_frequency": 3, "capital_relation": "less than"},
                )
            ],
        ),
    ],
)
def test_negated_bounds_read_the_right_way(prompt, expected):
    assert _read(prompt) == expected


_UNDER_60 = ("length_constraints:number_words", {"num_words": 60, "relation": "less than"})


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # A count corrected as it is typed: the second one is meant, its unit often left out (round 6).
        ("Write a welcome post, keep it under 100 words, scratch that, under 60.", [_UNDER_60]),
        ("Write a welcome post in under 100 words, or rather under 60 words.", [_UNDER_60]),
        ("Keep the post under 120 words (sorry, under 60) please. Topic: cats.", [_UNDER_60]),
        (
            "Write a bio in at most 100 words, sorry I mean 80. Thanks",
            [("length_constraints:number_words", {"num_words": 81, "relation": "less than"})],
        ),
        (
            "Give me 4 paragraphs, sorry, 3 paragraphs, separated by ***, about the Corvette.",
            [("length_constraints:number_paragraphs", {"num_paragraphs": 3})],
        ),
        (
            "give me 5 bullet points... wait, 4 bullet points. topic: tea",
            [("detectable_format:number_bullet_lists", {"num_bullets": 4})],
        ),
        (
            "Summarize this in 3 sentences, actually make that 2.",
            [
                ("length_constraints:number_sentences", {"num_sentences": 2, "relation": "at least"}),
                ("length_constraints:number_sentences", {"num_sentences": 3, "relation": "less than"}),
            ],
        ),
        (
            "Highlight at least 2 sections, oops, 3. Topic: bees.",
            [("detectable_format:number_highlighted_sections", {"num_highlights": 3})],
        ),
        # near misses: a count of something else, an apology, a second bound: no correction
        (
            "Use 3 bullets, sorry, 2 paragraphs, about rivers.",
            [("detectable_format:number_bullet_lists", {"num_bullets": 3})],
        ),
        (
            "Write about rivers in under 100 words, sorry for the trouble.",
            [("length_constraints:number_words", {"num_words": 100, "relation": "less than"})],
        ),
    ],
)
def test_a_count_corrected_as_typed_reads_the_second(prompt, expected):
    assert _read(prompt) == expected


_LOWER = "change_case:english_lowercase"
_NO_COMMA = "punctuation:no_comma"
_CAPS_AT_MOST_4 = (
    "change_case:capital_word_frequency",
    {"capital_frequency": 5, "capital_relation": "less than"},
)


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Words in capitals named by "entirely in uppercase" or "uppercase words" are counted (round 6).
        (
            "Explain vaccines. Words written entirely in uppercase should appear no more than 4 times.",
            [_CAPS_AT_MOST_4],
        ),
        ("Explain vaccines. Uppercase words: max 4.", [_CAPS_AT_MOST_4]),
        ("Explain vaccines. Use uppercase words no more than 4 times.", [_CAPS_AT_MOST_4]),
        ("Explain vaccines with no more than 4 words in uppercase.", [_CAPS_AT_MOST_4]),
        (
            "Explain vaccines, with at least 3 uppercase words.",
            [
                (
                    "change_case:capital_word_frequency",
                    {"capital_frequency": 3, "capital_relation": "at least"},
                )
            ],
        ),
        # the whole answer in capitals, with a length: no count of capital words
        (
            "Explain vaccines. Write it entirely in uppercase, under 40 words.",
            [
                ("change_case:english_capital", {}),
                ("length_constraints:number_words", {"num_words": 40, "relation": "less than"}),
            ],
        ),
    ],
)
def test_uppercase_words_counted(prompt, expected):
    assert _read(prompt) == expected


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # A house rule of the user's team, for the text written for it, is a rule of the answer (round 6).
        (
            "draft a tweet for our oat latte. brand voice rule #1: we never use uppercase letters. ever.",
            {_LOWER},
        ),
        ("draft a tweet for our oat latte. we never use uppercase letters.", {_LOWER}),
        ("Draft a tweet for our oat latte. We don't use commas in our copy.", {_NO_COMMA}),
        ("Draft a tweet for our oat latte. Our style guide bans commas.", {_NO_COMMA}),
        (
            "Our brand voice forbids commas anywhere in headline copy. Give me 3 headlines for spring.",
            {_NO_COMMA},
        ),
        ("Write a haiku about the Rhine. Company policy prohibits commas.", {_NO_COMMA}),
        ("Write a haiku about the Rhine. commas = not allowed", {_NO_COMMA}),
        ("Write a haiku about the Rhine.\nStyle rules:\n- Commas: none", {_NO_COMMA}),
        # asked in the user's own language
        ("Bitte keine Kommas! Write a haiku about the Rhine at dawn.", {_NO_COMMA}),
        ("Write a haiku about the Rhine. sin comas por favor", {_NO_COMMA}),
        ("Write a haiku about the Seine, sans virgules.", {_NO_COMMA}),
        # near misses: someone else's ban or habit, a question, a part of the text, a story's ban
        ("We never use commas in our group chat, lol. Why do people hate commas?", set()),
        ("My kid never uses capital letters. Write a note to his teacher.", set()),
        ("I never use commas. Write me a poem about rain.", set()),
        ("Write a poem about a city that bans commas.", set()),
        ("Write a story about a king who forbids commas in his kingdom.", set()),
        ("Write an essay on why schools ban commas.", set()),
        ("The newspaper bans commas in headlines. Write an article about that.", set()),
        ("We never use uppercase letters in our usernames. Write a welcome email.", set()),
    ],
)
def test_house_rules_and_foreign_bans(prompt, expected):
    assert _found(prompt) == expected


_PS = "detectable_content:postscript"


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # A postscript listed among the requirements, or described as one to write, is asked for (round 6).
        ("Write an announcement. Must haves:\n- at least 200 words\n- a P.S. with the HR contact", True),
        (
            "Write a memo about the move. Requirements:\n- under 150 words\n- P.S. mentioning the parking",
            True,
        ),
        ("Write a thank-you note to my aunt, a short P.S. about her garden.", True),
        (
            "Email to my landlord about the leak. Rules:\n1. polite\n2. P.S. reminding him of the deadline",
            True,
        ),
        ("Checklist for the newsletter:\n* 3 sections\n* a P.S.", True),
        # near misses: the user's own postscript, a postscript talked about
        ("Write a cover letter for a nurse job. P.S. I'm really nervous about this one.", False),
        ("Write a poem about rain.\nP.S. thanks for the help earlier!", False),
        ("Describe how a P.S. was used in old letters.", False),
        ("Is it correct to write P.P.S. after a P.S., or is that old-fashioned?", False),
        ("My letter has a P.S. at the end, is that too informal?", False),
    ],
)
def test_a_postscript_listed_or_described_is_asked(prompt, expected):
    assert (_PS in _found(prompt)) is expected


@pytest.mark.parametrize(
    ("prompt", "n"),
    [
        # "etc." ends no sentence between the placeholders and their count (round 6)
        (
            "postmortem template, put placeholders in [brackets] like [service name], [duration] etc."
            " at least seven of them",
            7,
        ),
        (
            "Draft an offer letter with placeholders like [name], [salary], [start date] etc.,"
            " at least 5 of them.",
            5,
        ),
        (
            "Write a lease template. Use square brackets for blanks, e.g. [tenant], [rent] etc."
            " and include at least 4 of them.",
            4,
        ),
    ],
)
def test_placeholders_counted_after_an_etc(prompt, n):
    assert _read(prompt) == [("detectable_content:number_placeholders", {"num_placeholders": n})]


def test_placeholders_then_a_length_after_an_etc_is_no_placeholder_count():
    assert _found("Write a template with placeholders like [name] etc. At least 300 words.") == {
        "length_constraints:number_words"
    }


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # The assistant's last answer, told, is no request; the new count after it is (round 6).
        (
            "you gave me 10 bullets last time, too many. just 4 bullet points this time. topic: recycling",
            [("detectable_format:number_bullet_lists", {"num_bullets": 4})],
        ),
        (
            "Your last answer had 400 words. Make it under 200 words this time.",
            [("length_constraints:number_words", {"num_words": 200, "relation": "less than"})],
        ),
        (
            "last time you wrote 5 paragraphs separated by ***, now give me 3 paragraphs separated by ***.",
            [("length_constraints:number_paragraphs", {"num_paragraphs": 3})],
        ),
        (
            "Give me 3 bullet points, you had 5 before which was too many.",
            [("detectable_format:number_bullet_lists", {"num_bullets": 3})],
        ),
        ("You used all caps before, please write in lowercase now.", [("change_case:english_lowercase", {})]),
        # still read: a request that names the assistant
        (
            "Can you give me 5 bullet points about tea?",
            [("detectable_format:number_bullet_lists", {"num_bullets": 5})],
        ),
        (
            "You gave me a great answer. Now write it in under 100 words.",
            [("length_constraints:number_words", {"num_words": 100, "relation": "less than"})],
        ),
    ],
)
def test_the_last_answer_told_is_no_request(prompt, expected):
    assert _read(prompt) == expected


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Breadth, round 6: phrasings of new crowds (support agents, marketers, engineers, texting).
        ("Make the entire notice uppercase.", {"change_case:english_capital"}),
        ("Reply in full caps.", {"change_case:english_capital"}),
        ("Write a haiku and don't capitalize a single letter.", {_LOWER}),
        ("Write a haiku, make sure nothing is capitalized.", {_LOWER}),
        ("Write a haiku. No uppercase anywhere.", {_LOWER}),
        ("Write a haiku and keep it comma-less.", {_NO_COMMA}),
        ("Write a haiku, commaless please.", {_NO_COMMA}),
        ("Write a haiku; commas are a no-go.", {_NO_COMMA}),
        ("Write a haiku. Use periods instead of commas.", {_NO_COMMA}),
        ("Rewrite this. Replace every comma with a dash: I came, I saw, I left.", {_NO_COMMA}),
        ('Write a slogan. Wrap your entire response in "quotes".', {"startend:quotation"}),
        # near misses: a part, a question, a how-to, code
        ("Write a haiku. No uppercase letters at the start of lines.", set()),
        ("Why is nothing capitalized in e.e. cummings poems?", set()),
        ("Write a poem where nothing is capitalized except names.", set()),
        ("Write a haiku. Don't capitalize a single word except the title.", set()),
        ("Explain when to use semicolons instead of commas.", set()),
        ("Write a function to replace every comma with a semicolon.", set()),
        ("My boss says commas are a no-go in headlines, is that true?", set()),
    ],
)
def test_case_and_comma_phrasings_of_new_crowds(prompt, expected):
    assert _found(prompt) == expected


_FOUR_BULLETS = [("detectable_format:number_bullet_lists", {"num_bullets": 4})]


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Bullets named by their marks or markup, not the word (round 6).
        ("Write release notes as an unordered list of 4 items.", _FOUR_BULLETS),
        ("List 4 tips for new managers using dashes.", _FOUR_BULLETS),
        ("Give me a hyphenated list of 4 risks.", _FOUR_BULLETS),
        ("Give me 4 reasons to adopt a cat, each starting with a dash.", _FOUR_BULLETS),
        ("Name 4 fruits in a dashed list.", _FOUR_BULLETS),
        ('Give me 4 items, each starting with "-".', _FOUR_BULLETS),
        # near misses: dashes for something else, both kinds of list as a topic, a list that may be numbered
        # (dashes in place of commas: a comma ban, no bullets)
        ("Write 4 haikus using dashes instead of commas.", [("punctuation:no_comma", {})]),
        ("Explain the difference between an ordered and an unordered list with 4 examples.", []),
        ("Write release notes as a markdown list with 4 items.", []),
        ("Give me 5 words with hyphens in them.", []),
        # a labelled range of words is IFBench's range, as "between 120 and 150 words" is (a bare "120 to 150
        # words" reads as IFEval's two bounds)
        (
            "Write a product description. Word count: 120-150.",
            [("count:word_count_range", {"min_words": 120, "max_words": 150})],
        ),
        # a bare labelled count is a rough aim: none
        ("Write a product description. Word count: 150.", []),
    ],
)
def test_marked_lists_and_labelled_ranges(prompt, expected):
    assert _read(prompt) == expected


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # "or under", "or longer" after a count bound it as "or less", "or more" do (round 6)
        (
            "Explain recursion. Keep your answer short: 40 words or under.",
            [("length_constraints:number_words", {"num_words": 41, "relation": "less than"})],
        ),
        (
            "Explain recursion in 300 words or longer.",
            [("length_constraints:number_words", {"num_words": 300, "relation": "at least"})],
        ),
        (
            "Explain recursion in 3 sentences or fewer.",
            [("length_constraints:number_sentences", {"num_sentences": 4, "relation": "less than"})],
        ),
        ("Explain recursion in 40 words or so.", []),
        # a postscript typed "PS", without its dots, and what it says is no ending of the answer
        ("Write a PS at the end saying thanks.", [(_PS, {"postscript_marker": "P.S."})]),
        (
            "add a ps with my phone number pls. write a note to the neighbours.",
            [(_PS, {"postscript_marker": "P.S."})],
        ),
        ("End the email with a PS: remind them about the deadline.", [(_PS, {"postscript_marker": "P.S."})]),
        ("Write a review of the PS5.", []),
        ("Write a guide to PS plugins for Photoshop.", []),
    ],
)
def test_or_under_and_a_dotless_ps(prompt, expected):
    assert _read(prompt) == expected


_REGARDS = [("startend:end_checker", {"end_phrase": "Regards, Ana"})]


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Nothing after a phrase makes it the ending (round 6).
        ('Write a support reply. Don\'t write anything after "Regards, Ana".', _REGARDS),
        ('Write a support reply. "Regards, Ana" should be the last thing in it.', _REGARDS),
        ('Write a support reply. Nothing should come after the words "Regards, Ana".', _REGARDS),
        ("Write a support reply; nothing else goes after 'Regards, Ana'.", _REGARDS),
        # near misses: the last line of each part, a question, nothing after a part
        ('Write a story with 3 parts. "The end" should be the last line of each part.', []),
        ('Why is "Sincerely" usually the last word in a letter?', []),
        ("Write a poem. Don't write anything after the title.", []),
        # one kind of comma ruled out is no ban on every comma
        (
            "Style guide:\n- Sentence case headings\n- No Oxford commas\n- Max 200 words",
            [("length_constraints:number_words", {"num_words": 201, "relation": "less than"})],
        ),
        ("Write a haiku. No serial comma.", []),
        ("Write an essay with no comma splices.", []),
    ],
)
def test_nothing_after_a_phrase_and_one_kind_of_comma(prompt, expected):
    assert _read(prompt) == expected


_THREE_BULLETS = [("detectable_format:number_bullet_lists", {"num_bullets": 3})]


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # A count ruled out reads the one meant after it; a correction a few words on corrects (round 6).
        ("instead of 5 bullet points, give me 3", _THREE_BULLETS),
        ("Not 5 bullets, 3. Topic: tea.", _THREE_BULLETS),
        ("Give me 3 bullets instead of 5. Topic: tea.", _THREE_BULLETS),
        ("Give me five bullet points about tea — no, make that three.", _THREE_BULLETS),
        (
            "Write 5 paragraphs separated by *** — wait, make it 4.",
            [("length_constraints:number_paragraphs", {"num_paragraphs": 4})],
        ),
        # near misses: a count between, another thing counted after the marker
        (
            "Write 3 bullet points about the 5 best teas, sorry, I mean green teas.",
            _THREE_BULLETS,
        ),
        (
            "Use 3 bullet points, and actually, one more thing: keep it friendly.",
            _THREE_BULLETS,
        ),
    ],
)
def test_a_count_ruled_out_or_corrected_a_few_words_on(prompt, expected):
    assert _read(prompt) == expected


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Someone's insistence or wish for the text asked for is a request (round 6).
        (
            "Draft a non-compete clause. My partner insists that it be no longer than 150 words and that"
            " placeholders like [EMPLOYEE NAME] appear at least 3 times.",
            {"length_constraints:number_words", "detectable_content:number_placeholders"},
        ),
        ("My boss insists that emails be under 100 words. Draft one about the offsite.", {_WORDS_LT}),
        (
            "My manager wants a status update in lowercase letters only because that's our slack style.",
            {_LOWER},
        ),
        # near misses: someone's opinion of other texts, a wish for something else
        ("My teacher says that essays over 200 words are too long. Write a poem about spring.", set()),
        ("My sister wants a cake in the shape of a cat. Write a poem about it.", set()),
    ],
)
def test_someones_insistence_on_the_text_is_a_request(prompt, expected):
    assert _found(prompt) == expected


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # The text asked for between the verb and its case; words sounded out as spoken (round 6).
        ("write a poem in capital letters", {"change_case:english_capital"}),
        ("write a poem in capitol letters", {"change_case:english_capital"}),
        ("Write me a short chant in caps.", {"change_case:english_capital"}),
        ("write 3 bullit points about tea", {"detectable_format:number_bullet_lists"}),
        ("Write a responce in 3 sentenses.", {"length_constraints:number_sentences"}),
        # near misses: some words in caps, a character's speech, a part, the Capitol
        ("Type the first word in caps.", set()),
        ("Write the names in capitals.", set()),
        ("Write a story where the villain speaks in all caps.", set()),
        ("Write a poem in caps for the title only.", set()),
        ("Write a letter in capital letters at the start of each line.", set()),
        ("Write an essay about the Capitol building.", set()),
    ],
)
def test_the_text_named_before_its_case_and_spoken_spellings(prompt, expected):
    assert _found(prompt) == expected


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Whether the assistant can do it is a request put as a question (round 6) ...
        ("is there any way you could keep it under 50 words? topic: tea", {_WORDS_LT}),
        ("Is it possible for you to write it all in lowercase? Topic: tea.", {_LOWER}),
        ("Is it possible to keep the reply under 50 words? Topic: tea.", {_WORDS_LT}),
        # ... whether a thing can be is a question (ambiguous: no constraint rather than a wrong one)
        ("Is it possible to write a poem with no commas?", set()),
        ("Is it possible for a haiku to have 4 lines?", set()),
    ],
)
def test_is_it_possible_for_you_is_a_request(prompt, expected):
    assert _found(prompt) == expected


def test_a_pair_of_responses_is_two():
    # ("a pair of" counts two, as "two" does: round 6)
    assert _found("Give me a pair of slogans separated by ******.") == {"combination:two_responses"}


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # A labelled house rule of how replies end is the answer's ending (round 6) ...
        (
            'Company policy: every customer reply ends with "Have a great day!"'
            " Write a reply about a late order.",
            [("startend:end_checker", {"end_phrase": "Have a great day!"})],
        ),
        (
            "House rule: each email closes with 'Best, the Team'. Draft an email about parking.",
            [("startend:end_checker", {"end_phrase": "Best, the Team"})],
        ),
        # ... not a habit told, nor a rule asked about
        ('Fun fact: every episode of the show ends with "Goodnight, everybody". Write a review of it.', []),
        (
            "Here's a rule from our support playbook: 'End every reply with Is there anything else I can help"
            " you with?' Is that phrase considered too robotic nowadays?",
            [],
        ),
    ],
)
def test_a_labelled_house_rule_of_endings(prompt, expected):
    assert _read(prompt) == expected


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Commas taken out of a draft are a ban (round 6) ...
        ("love it, but lose the commas please", {_NO_COMMA}),
        ("great, now get rid of all the commas", {_NO_COMMA}),
        ("now strip out every comma", {_NO_COMMA}),
        ("take out the commas", {_NO_COMMA}),
        ("remove all commas from it", {_NO_COMMA}),
        ("Rewrite my bio and lose the commas: I am a nurse, a mom, and a runner.", {_NO_COMMA}),
        # ... not code, a how-to, or some commas of a part
        ("Write a function to remove all commas from a string.", set()),
        ("how to remove commas in excel", set()),
        ("Format these numbers and remove the commas from the thousands: 1,000 2,500", set()),
    ],
)
def test_commas_taken_out_of_a_draft(prompt, expected):
    assert _found(prompt) == expected


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Capitals taken out of a draft ask for lowercase; the case as a verb asks for it (round 6) ...
        ("drop the caps", {_LOWER}),
        ("lose the capital letters please", {_LOWER}),
        ("get rid of all the capital letters", {_LOWER}),
        ("remove every capital letter", {_LOWER}),
        ("Write a poem and lose the capital letters.", {_LOWER}),
        ("now uppercase the whole thing", {"change_case:english_capital"}),
        # ... not of a part, nor a how-to
        ("drop the caps on the product names", set()),
        ("remove the capital letters from the hashtags", set()),
        ("how to remove capital letters in word", set()),
        ("how do I uppercase the whole thing in excel?", set()),
    ],
)
def test_capitals_taken_out_or_the_case_as_a_verb(prompt, expected):
    assert _found(prompt) == expected


def test_a_dictated_p_s_is_a_postscript():
    prompt = "write a thank you note to my neighbor without using any commas and add a p s at the end"
    assert _found(prompt) == {_NO_COMMA, _PS}


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # "words in caps", counted after a break (round 6); a length after it stays the answer's
        (
            "Write an ad. Shout a few words in caps, at least 3 of them.",
            [
                (
                    "change_case:capital_word_frequency",
                    {"capital_frequency": 3, "capital_relation": "at least"},
                )
            ],
        ),
        (
            "Write an ad. Put some words in capitals but no more than 2.",
            [
                (
                    "change_case:capital_word_frequency",
                    {"capital_frequency": 3, "capital_relation": "less than"},
                )
            ],
        ),
        (
            "Write an ad, some words in caps, and make it at least 200 words.",
            [("length_constraints:number_words", {"num_words": 200, "relation": "at least"})],
        ),
    ],
)
def test_words_in_caps_counted_after_a_break(prompt, expected):
    assert _read(prompt) == expected


_AT_MOST_150 = [("length_constraints:number_words", {"num_words": 151, "relation": "less than"})]


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # A limit named after the count, a limit not to break, a maximum length (round 6)
        ("Write a bio. 150 words is the max.", _AT_MOST_150),
        ("Write a bio. 150 words is the limit.", _AT_MOST_150),
        ("Write a bio; 150 words should be the upper limit.", _AT_MOST_150),
        ("Write a bio, max length 150 words.", _AT_MOST_150),
        ("Write a bio. Don't exceed a 150 word count.", _AT_MOST_150),
        # a count judged unwanted: the bound the other way
        ("Write a bio. Anything over 150 words is too long.", _AT_MOST_150),
        ("Write a bio. Over 150 words and I can't use it.", _AT_MOST_150),
        ("Write a bio. More than 150 words won't fit on the card.", _AT_MOST_150),
        (
            "Write a bio. Under 300 words gets rejected.",
            [("length_constraints:number_words", {"num_words": 300, "relation": "at least"})],
        ),
        (
            "Write at least 300 words; anything less is too short.",
            [("length_constraints:number_words", {"num_words": 300, "relation": "at least"})],
        ),
        # near misses: a part's limit, a question, someone's rule told
        ("Write a story with 3 chapters; each chapter: 500 words is the max.", []),
        ("Write an essay. The intro's 50 words is the limit.", []),
        ("Is 150 words the limit for a bio?", []),
        ("My teacher said 500 words is the max for the essay. Can you help me brainstorm?", []),
    ],
)
def test_limits_named_after_the_count_and_counts_judged_unwanted(prompt, expected):
    assert _read(prompt) == expected


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Highlighted parts counted with markup or other nouns (round 6); an upper bound is no IFEval count
        ("Write a guide with at least two *highlighted sections*.", [2]),
        ("Write a guide with a minimum of 2 highlighted bits, e.g. *this part*.", [2]),
        ("Write a guide with 3 bolded phrases.", [3]),
        ("Write a guide with no more than 2 highlighted sections.", []),
    ],
)
def test_highlighted_parts_counted(prompt, expected):
    found = [
        kwargs["num_highlights"] for cid, kwargs in _read(prompt) if cid.endswith("highlighted_sections")
    ]
    assert found == expected


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # The words of one constraint read as another are part of it, not a second constraint.
        ("Stop words should be at most 30% of the text.", {"ratio:stop_words"}),
        ("Write a post on tea; stop words at most 25% of all words.", {"ratio:stop_words"}),
        ("Repeat this sentence with a new first word: The cat sat on the mat.", {"repeat:repeat_change"}),
        # ... but the same kinds said apart both stand.
        (
            "Write under 200 words about tea. Stop words should be at most 30% of the text.",
            {"length_constraints:number_words", "ratio:stop_words"},
        ),
    ],
)
def test_a_constraint_read_inside_anothers_words_is_part_of_it(prompt, expected):
    assert _found(prompt) == expected
