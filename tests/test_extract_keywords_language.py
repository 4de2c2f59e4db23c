"""Keywords, the response's language and IFBench's kinds, read in families of phrasings.

Each family is one thing a person asks for, said the ways a new crowd would say it (other verbs, word
orders, a reply to an earlier answer, texting, requirement lists); each recall family has near misses
that must stay unread (the user's own text, a question about the words, someone else's rule).
"""

from __future__ import annotations

from typing import Any

import pytest

from adhere.extract import extract_rules


def _read(prompt: str) -> list[tuple[str, dict[str, Any]]]:
    return [(e.constraint.id, e.constraint.kwargs()) for e in extract_rules(prompt).constraints]


def _of(prompt: str, constraint_id: str) -> list[dict[str, Any]]:
    return [kwargs for cid, kwargs in _read(prompt) if cid == constraint_id]


def _lang(code: str) -> tuple[str, dict[str, Any]]:
    return ("language:response_language", {"language": code})


# ---------------------------------------------------------------- the response's language


@pytest.mark.parametrize(
    ("prompt", "code"),
    [
        # The request spells out its topic: many words between the verb and "in <language>".
        (
            "Write a short welcome message for new members of our hiking club in Spanish, under 80 words.",
            "es",
        ),
        ("Please compose the customer apology email in French, keep it polite.", "fr"),
        ("Can you explain this diagnosis to the patient's family in Portuguese?", "pt"),
        ("Write a bedtime story for my daughter. She's learning French so write it in French.", "fr"),
        # A count of words is the answer's length, not words in another language.
        ("Could you keep it under 100 words and write it in French?", "fr"),
        # More verbs of producing a text.
        ("Make a shopping list for tacos in Spanish.", "es"),
        ("Provide the discharge instructions in Spanish for the patient.", "es"),
        ("Could you list the steps in Japanese?", "ja"),
        ("Please translate your answer to Thai.", "th"),
        # A reply to an earlier answer.
        ("can you redo that in german", "de"),
        ("Same thing but in Italian this time.", "it"),
        ("Now give me that again in Portuguese.", "pt"),
        ("Write the email in Spanish instead.", "es"),
        (
            "last answer was in english but i asked for arabic 🙃 pls redo it in arabic: tips for first week",
            "ar",
        ),
        # The text asked for, by its kind and its owner.
        ("The parents' letter must be written in Arabic.", "ar"),
        ("The welcome email should be in Korean.", "ko"),
        # A requirement list on one line.
        ("Rules: - in Turkish - no more than 50 words", "tr"),
        ("Requirements:\n- Korean\n- under 100 words", "ko"),
        # The request goes on after the name: a participle, a purpose, a condition.
        ("Write an email to my landlord in German asking to fix the heater.", "de"),
        ("hey can u write me a text to my abuela in spanish saying i'll be late", "es"),
        ("Give me the instructions in Greek so my yiayia can read them.", "el"),
    ],
)
def test_the_answers_language_in_more_wordings(prompt, code):
    assert _of(prompt, "language:response_language") == [_lang(code)[1]]


@pytest.mark.parametrize(
    "prompt",
    [
        # The name as an adjective of a noun: a place, a thing, not the answer's language.
        "Make a list of things to do in Spanish Harlem.",
        "Make me a study plan for my exam in German next week.",
        "Can you list the steps to apply for a visa to study in Japanese universities?",
        "Make a playlist of songs in Spanish for my party.",
        # The user's own text, or what a text already was in.
        "I wrote this in Spanish, can you check the grammar?",
        "I wrote it in Spanish, can you check the grammar?",
        "My last essay was written in French. Can you give me feedback on structure?",
        # A register of English is no language asked for.
        "Rewrite in modern English: 'Thou art a villain.'",
        # A question about answering in a language, or a choice of what to learn.
        "What's a good way to answer in German when someone says danke?",
        "Should I learn Italian this time or Spanish?",
        "Provide a summary of the Spanish Civil War.",
        "Redo my budget; my salary is paid in Japanese yen.",
    ],
)
def test_language_names_that_name_no_answer(prompt):
    assert _of(prompt, "language:response_language") == []


def test_a_wish_for_the_language_stays_read():
    # "if you wrote": a wish, not what someone already wrote
    assert _of("I'd love it if you wrote this in Swedish.", "language:response_language") == [
        {"language": "sv"}
    ]


# ---------------------------------------------------------------- keywords that must appear


@pytest.mark.parametrize(
    ("prompt", "words"),
    [
        # Each item named again, with an aside between.
        (
            "I want a short product blurb that mentions the word 'merino' (it's 100% merino) and the phrase "
            "'hand-dyed'. Keep it friendly.",
            ["merino", "hand-dyed"],
        ),
        ("Write a tagline that includes the word 'fresh' and the word 'local'.", ["fresh", "local"]),
        # A bare list, and the clause goes on with a reason.
        (
            "Write a cover letter for a paralegal job and include the keywords litigation and discovery "
            "since the ATS scans for them.",
            ["litigation", "discovery"],
        ),
        (
            "Write my LinkedIn summary and include the keywords agile and scrum because recruiters "
            "search them.",
            ["agile", "scrum"],
        ),
        # A label of required words.
        ("Required keywords: onboarding, retention.", ["onboarding", "retention"]),
        ("SEO keywords: dentist, teeth whitening.", ["dentist", "teeth whitening"]),
        ("Must-have terms: HIPAA, consent.", ["HIPAA", "consent"]),
        # Other verbs, already read.
        ("Please incorporate the words 'synergy' and 'roadmap'.", ["synergy", "roadmap"]),
        ("Be sure to use the term 'informed consent'.", ["informed consent"]),
        ("It needs the word 'quarterly' in it.", ["quarterly"]),
    ],
)
def test_keywords_to_include_in_more_wordings(prompt, words):
    found = _of(prompt, "keywords:existence")
    assert len(found) == 1
    assert sorted(w.lower() for w in found[0]["keywords"]) == sorted(w.lower() for w in words)


@pytest.mark.parametrize(
    "prompt",
    [
        # "keywords" followed by no list: no stray letter read as a keyword.
        "include the keywords in the title since it helps SEO",
        # a label followed by advice, not a list of phrases
        "Keywords: use them naturally.",
        "What are required keywords for a resume?",
        "Which Python keywords are reserved?",
        "Does the word 'irregardless' exist?",
        "The word 'literally' is overused. Why?",
        "My teacher said to include the words 'thesis' and 'evidence' in my essay. Is that normal?",
    ],
)
def test_keywords_named_but_not_asked_for(prompt):
    assert _of(prompt, "keywords:existence") == []


# ---------------------------------------------------------------- forbidden words


@pytest.mark.parametrize(
    ("prompt", "words"),
    [
        # Bare words after "don't say"/"without saying", closed by where they would go.
        (
            "Explain how a mortgage works, but don't say interest or loan anywhere. I'm making a word game.",
            ["interest", "loan"],
        ),
        ("Describe a cat without saying cat or feline.", ["cat", "feline"]),
        ("Describe a beach without mentioning sand or sun at all.", ["sand", "sun"]),
        # Several bans in one request are one list.
        ("Rules: - no 'synergy' - no 'leverage'", ["synergy", "leverage"]),
        ("Don't use the word 'very'. Also avoid 'really'.", ["very", "really"]),
        # Already read.
        ("Please refrain from using the word 'unfortunately'.", ["unfortunately"]),
        ("The words 'guarantee' and 'cure' must not appear.", ["guarantee", "cure"]),
        ('Style guide: never use "utilize".', ["utilize"]),
    ],
)
def test_forbidden_words_in_more_wordings(prompt, words):
    assert _of(prompt, "keywords:forbidden_words") == [{"forbidden_words": words}]


@pytest.mark.parametrize(
    "prompt",
    [
        # Advice someone gave, told in the same sentence, then a question about it.
        "A recruiter told me to keep my cover letter under one page and not to use the word 'passionate'. "
        "Is that common advice?",
        "My manager says never use the word 'problem' with clients. Is that right?",
        # A ban somewhere else.
        "The word 'delve' is banned at my company. Is that weird?",
        "'Moist' is banned in our house, lol. Why do people hate that word?",
        "Why shouldn't you use the word 'irregardless'?",
    ],
)
def test_bans_that_are_not_the_answers(prompt):
    assert _of(prompt, "keywords:forbidden_words") == []


def test_a_ban_told_by_someone_and_a_request_after_it_reads_nothing():
    # Ambiguous: the teacher's rule may or may not be meant for this answer; no constraint rather than a
    # wrong one.
    assert (
        _of(
            "My teacher told me not to use the word 'very'. Write me a paragraph about autumn.",
            "keywords:forbidden_words",
        )
        == []
    )


# ---------------------------------------------------------------- keyword and letter counts


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        (
            "can u use the word love like at least 3 times",
            ("keywords:frequency", {"keyword": "love", "relation": "at least", "frequency": 3}),
        ),
        (
            "Include at least 8 z's.",
            ("keywords:letter_frequency", {"letter": "z", "let_relation": "at least", "let_frequency": 8}),
        ),
        (
            "Use 5 or more x's in your poem.",
            ("keywords:letter_frequency", {"letter": "x", "let_relation": "at least", "let_frequency": 5}),
        ),
    ],
)
def test_counts_of_words_and_letters_in_more_wordings(prompt, expected):
    assert expected in _read(prompt)


def test_grades_are_no_letters():
    # no verb of using the letters, and no apostrophe: "3 As" is a grade
    assert _of("I got 3 As and 2 B's this term. How do I tell my parents?", "keywords:letter_frequency") == []


# ---------------------------------------------------------------- IFBench kinds


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # A word range: "between" with a dash, a range named as such, a labelled word count.
        (
            "summarize the plot of Inception, somewhere between 80-100 words",
            ("count:word_count_range", {"min_words": 80, "max_words": 100}),
        ),
        (
            "Keep it in the 150-200 word range.",
            ("count:word_count_range", {"min_words": 150, "max_words": 200}),
        ),
        (
            "Word count: between 200 and 250.",
            ("count:word_count_range", {"min_words": 200, "max_words": 250}),
        ),
        # Sentences through the alphabet, without the count.
        (
            "Write a little story for my kid's reading practice where each sentence starts with the next "
            "letter of the alphabet: the first with A, the second with B, and so on.",
            ("custom:sentence_alphabet", {}),
        ),
        ("Write some sentences that go from A to Z, one per letter.", ("custom:sentence_alphabet", {})),
        ("Start every sentence with the next letter of the alphabet.", ("custom:sentence_alphabet", {})),
        # ... and each word through it stays words:alphabet.
        ("Write a poem where each word starts with the next letter of the alphabet.", ("words:alphabet", {})),
        # A list marker named as the bullet.
        (
            "List five ideas for a rainy day, using '->' as the bullet marker instead of dashes.",
            ("format:list", {"sep": "->"}),
        ),
        ("Use '=>' for the list markers, not bullets.", ("format:list", {"sep": "=>"})),
        ("Give me 3 tips and replace the bullet points with '~'.", ("format:list", {"sep": "~"})),
        # Options split by slashes, no colon.
        (
            "Which is better for a total beginner? Reply with only one of Python/JavaScript/Either, "
            "no explanation.",
            ("format:options", {"options": "Python/JavaScript/Either"}),
        ),
        (
            "Should I take the job? Answer with one of yes/no/maybe.",
            ("format:options", {"options": "yes/no/maybe"}),
        ),
        (
            "Your answer must be one of the following: agree/disagree/unsure.",
            ("format:options", {"options": "agree/disagree/unsure"}),
        ),
        # The nth word said in words.
        ("Every fourth word should be in Japanese.", ("count:words_japanese", {"N": 4})),
        # Other ways to say the rule.
        ("No spaces at all in your answer.", ("format:no_whitespace", {})),
        ("Use two statements for every question.", ("ratio:sentence_type", {})),
        ("Adjacent words can't start with the same letter.", ("words:no_consecutive", {})),
        ("Don't let two words in a row start with the same letter.", ("words:no_consecutive", {})),
        ("Your first word should be a verb.", ("words:start_verb", {})),
        ("Write the announcement in headline style.", ("format:title_case", {})),
        ("Capitalize every word in your answer like a headline.", ("format:title_case", {})),
    ],
)
def test_ifbench_kinds_in_more_wordings(prompt, expected):
    assert _of(prompt, expected[0]) == [expected[1]]


@pytest.mark.parametrize(
    ("prompt", "constraint_id"),
    [
        ("What is the 80-100 word range for a cover letter intro?", "count:word_count_range"),
        (
            "Is a sentence that starts with the next letter of the alphabet hard to write?",
            "custom:sentence_alphabet",
        ),
        ("Use a '->' arrow to show the flow from input to output.", "format:list"),
        ("Replace the bullet points in my draft with numbers.", "format:list"),
        ("Should I answer with one of yes/no or explain?", "format:options"),
        ("Why do adjacent words start with the same letter in tongue twisters?", "words:no_consecutive"),
        ("Is every fourth word in Japanese a particle?", "count:words_japanese"),
        ("Make sure no spaces between paragraphs.", "format:no_whitespace"),
        ("Write a story with a headline and three paragraphs.", "format:title_case"),
    ],
)
def test_ifbench_near_misses_stay_unread(prompt, constraint_id):
    assert _of(prompt, constraint_id) == []


# ---------------------------------------------------------------- new crowds: dictation, style guides


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Voice dictation: no punctuation, no quotes.
        ("write a note to my team in spanish about the holiday schedule", _lang("es")),
        ("make sure you use the word grateful in it", ("keywords:existence", {"keywords": ["grateful"]})),
        (
            "hey siri no wait write an email to my boss and dont use the word sorry",
            ("keywords:forbidden_words", {"forbidden_words": ["sorry"]}),
        ),
        # A pasted style guide.
        (
            'Style guide:\n- Avoid: "leverage", "utilize"\n- Max 100 words',
            ("keywords:forbidden_words", {"forbidden_words": ["leverage", "utilize"]}),
        ),
        (
            'Do-not-use list: "basically", "literally".',
            ("keywords:forbidden_words", {"forbidden_words": ["basically", "literally"]}),
        ),
        (
            "Words to avoid: cheap, discount.",
            ("keywords:forbidden_words", {"forbidden_words": ["cheap", "discount"]}),
        ),
        # A quoted phrase counted.
        (
            "Write ad copy that uses 'limited time' at least twice.",
            ("keywords:frequency", {"keyword": "limited time", "relation": "at least", "frequency": 2}),
        ),
        (
            "can you say 'thank you' at least 3 times?",
            ("keywords:frequency", {"keyword": "thank you", "relation": "at least", "frequency": 3}),
        ),
        # A reply to an earlier answer, asked as a question.
        ("can you keep it in german?", _lang("de")),
        ("shorter this time, and in french", _lang("fr")),
        ("Redo it but in Korean.", _lang("ko")),
        # Letters ruled out or counted, said shortly.
        (
            "No letter 'z' at all.",
            ("keywords:letter_frequency", {"letter": "z", "let_relation": "less than", "let_frequency": 1}),
        ),
        (
            "Make sure there are at least 10 r's.",
            ("keywords:letter_frequency", {"letter": "r", "let_relation": "at least", "let_frequency": 10}),
        ),
        # Buried in the middle of someone's story.
        (
            "I'm a nurse and I need to explain to a patient's daughter how to use an inhaler; she only reads "
            "Russian, so please write it all in Russian, and keep it simple.",
            _lang("ru"),
        ),
    ],
)
def test_new_crowds_phrasings(prompt, expected):
    assert _of(prompt, expected[0]) == [expected[1]]


@pytest.mark.parametrize(
    "prompt",
    [
        "Should I keep it in German or translate it?",
        "Give me tips for my trip to Madrid, and in Spanish class tomorrow I'll practice them.",
        "I'd like no letter grades in this rubric; describe a pass/fail system.",
        "Why does 'hello world' appear twice in my log output?",
        "My blacklist: mushrooms, olives. Suggest a pizza.",
        "Is there a blocklist for words in Google Ads?",
        "I used the word grateful in it, is that too cheesy?",
        "How do I use the word 'whom' in a sentence?",
        "Can you tell me why people avoid the letter e in lipograms?",
        # A placeholder named by its own noun: unsure it is a keyword, so none.
        "Reply to the ticket and mention the order number placeholder 'ORDER_ID'.",
    ],
)
def test_new_crowds_near_misses(prompt):
    assert _read(prompt) == []


# ---------------------------------------------------------------- more verbs and shapes for keywords


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        ("Drop the word 'magic' in there somewhere.", ("keywords:existence", {"keywords": ["magic"]})),
        ("Name-drop 'Taylor Swift'.", ("keywords:existence", {"keywords": ["Taylor Swift"]})),
        ("Be sure 'eco-friendly' is mentioned.", ("keywords:existence", {"keywords": ["eco-friendly"]})),
        ("Reference the term 'net zero'.", ("keywords:existence", {"keywords": ["net zero"]})),
        ("It has to say 'Est. 1987' somewhere.", ("keywords:existence", {"keywords": ["Est. 1987"]})),
        ("Keywords to hit: budget, timeline.", ("keywords:existence", {"keywords": ["budget", "timeline"]})),
        # In double quotes an apostrophe belongs to the words.
        ('make sure to say "you\'ve got this"', ("keywords:existence", {"keywords": ["you've got this"]})),
        (
            "Write a toast; somewhere in it say 'to new beginnings'.",
            ("keywords:existence", {"keywords": ["to new beginnings"]}),
        ),
        (
            "I want 'cheese' in there at least 4 times.",
            ("keywords:frequency", {"keyword": "cheese", "relation": "at least", "frequency": 4}),
        ),
        (
            "Mention pizza at least 3 times.",
            ("keywords:frequency", {"keyword": "pizza", "relation": "at least", "frequency": 3}),
        ),
        ("No using the word 'literally'.", ("keywords:forbidden_words", {"forbidden_words": ["literally"]})),
        ("Make sure 'cheap' is nowhere in it.", ("keywords:forbidden_words", {"forbidden_words": ["cheap"]})),
        ("Write it without 'very'.", ("keywords:forbidden_words", {"forbidden_words": ["very"]})),
    ],
)
def test_more_verbs_and_shapes_for_keywords(prompt, expected):
    assert _read(prompt) == [expected]


@pytest.mark.parametrize(
    "prompt",
    [
        # What the user says or has to say, not the answer.
        "I always say 'no worries' to customers, is that unprofessional?",
        "I have to say 'sorry' a lot at work. How do I stop?",
        "I don't know how to say 'no' to my boss. Any tips?",
        # A phrase to translate.
        "Can you say 'I love you' in French?",
        "Did you mention pizza at least 3 times in the last answer?",
        # How to use or avoid words: a question about them.
        "Tell me how to reference the term 'force majeure' in a contract.",
        "Tell me how to include the word 'force majeure' in a contract.",
        "Explain how to avoid the word 'very' in essays.",
        "Drop the word 'very' from your vocabulary, my teacher said. Why?",
    ],
)
def test_more_keyword_near_misses(prompt):
    assert _read(prompt) == []


@pytest.mark.parametrize(
    ("prompt", "words"),
    [
        # An apostrophe between letters is part of the quoted words, in either kind of quotes.
        ("Make sure to include 'don't panic'.", ["don't panic"]),
        ('Include the phrase "we\'re here for you".', ["we're here for you"]),
        # ... and a closing quote before a list goes on still closes it.
        ("Include 'cat' and 'dog'.", ["cat", "dog"]),
    ],
)
def test_quoted_words_keep_their_apostrophes(prompt, words):
    assert _of(prompt, "keywords:existence") == [{"keywords": words}]


@pytest.mark.parametrize(
    ("prompt", "code"),
    [
        ("As a teacher, I need a note home to parents written in Vietnamese about the field trip.", "vi"),
        ("For my DnD game, write the tavern sign text, but in Welsh.", "cy"),
        ("Job posting for a line cook — Spanish please.", "es"),
        ("Spanish, please.", "es"),
        ("Could I get that in French?", "fr"),
        ("I'd like it in Greek.", "el"),
        ("Make the whole answer Korean.", "ko"),
        ("Our clinic serves many Somali families; write the flu shot reminder in Somali.", "so"),
        ("Text in Urdu please: running late, be there in 10.", "ur"),
    ],
)
def test_the_answers_language_asked_for_as_a_thing_to_get(prompt, code):
    assert _of(prompt, "language:response_language") == [{"language": code}]


@pytest.mark.parametrize(
    "prompt",
    [
        "I need a book written in Vietnamese for my son. Any ideas?",
        "I received a letter written in Vietnamese. What could it be about?",
        # A theme, maybe, not the answer's language.
        "Make everything French for our party theme.",
        "I'd like a croissant recipe in French style.",
        "Could I get a job in Spain if I only speak English?",
        "Write my out-of-office message in German and English.",
        "My grandmother speaks only Punjabi. What gift should I get her?",
    ],
)
def test_things_in_a_language_that_are_not_the_answer(prompt):
    assert _of(prompt, "language:response_language") == []


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        ("Name at least 3 different people in the story.", ("count:person_names", {"N": 3})),
        ("put an emoji after every sentence", ("format:emoji", {})),
        ("Stop words can't be more than 20% of your words.", ("ratio:stop_words", {"percentage": 20})),
        ("Each sentence needs 4 more words than the last one.", ("sentence:increment", {"small_n": 4})),
        ("Start each sentence with the last word of the sentence before.", ("words:last_first", {})),
        ("Open with a verb.", ("words:start_verb", {})),
        ("Use words with only 3 kinds of vowels.", ("words:vowel", {})),
        ("Alternate odd- and even-syllable words.", ("words:odd_even_syllables", {})),
        ("Reverse the words of a sentence about the bald eagle.", ("custom:word_reverse", {})),
        ("First sentence starts with A, second with B, all the way to Z.", ("custom:sentence_alphabet", {})),
    ],
)
def test_ifbench_kinds_said_by_a_new_crowd(prompt, expected):
    assert _of(prompt, expected[0]) == [expected[1]]


@pytest.mark.parametrize(
    "prompt",
    [
        # A task that names people is no count of names in the text.
        "Name at least 3 people who changed history.",
        # A question about the rule.
        "Open with a verb? What does that mean in writing?",
        "Why do poets put an emoji after every sentence?",
        # The user's own sentence to reverse, not IFBench's bald eagle.
        "Reverse the words in my sentence: I love cats.",
    ],
)
def test_ifbench_new_crowd_near_misses(prompt):
    assert _read(prompt) == []


@pytest.mark.parametrize(
    ("prompt", "code"),
    [
        # One of the requirements listed in a line, after a label.
        (
            "Write a reminder text for patients about their cleaning. Requirements: in Portuguese, under 60 "
            "words, and include the word 'lembrete'.",
            "pt",
        ),
        ("Rules: under 80 words, in Dutch, no emojis.", "nl"),
        # The subject left out.
        ("Write a short bio for our new nurse. Must be in Spanish. Don't use the word 'experta'.", "es"),
        ("Draft the notice. Needs to be in Arabic.", "ar"),
        # Names people often misspell.
        ("respond in portugese please", "pt"),
        ("can you write it in ukranian", "uk"),
    ],
)
def test_the_answers_language_in_requirement_lines(prompt, code):
    assert _of(prompt, "language:response_language") == [{"language": code}]


@pytest.mark.parametrize(
    "prompt",
    [
        # No label of requirements before it: a fact about the language.
        "Fun fact: in French, the word for cat is chat. Write a poem about cats.",
        # The user's own rules.
        "My rules: in Spanish, always use usted with elders. Is that right?",
        "Must be in French class by 9. Write a reminder for me.",
    ],
)
def test_language_lines_that_are_not_requirements(prompt):
    assert _of(prompt, "language:response_language") == []


@pytest.mark.parametrize(
    ("prompt", "words"),
    [
        # Texting without quotes: a bare word named as a word, closed by where it goes or the clause's end.
        ("put the words free and fast in the post", ["free", "fast"]),
        ("make sure it has the word guarantee", ["guarantee"]),
        ("Your answer must contain the word hope.", ["hope"]),
        ("use the word cozy somewhere", ["cozy"]),
        ("include the words sunshine and rainbow", ["sunshine", "rainbow"]),
    ],
)
def test_bare_keywords_typed_without_quotes(prompt, words):
    assert _of(prompt, "keywords:existence") == [{"keywords": words}]


@pytest.mark.parametrize(
    "prompt",
    [
        # The user's own text has the word.
        "My essay has the word however.",
        # Ambiguous: two bare words after "mention" may be topics ("mention prices and hours"); none.
        "mention ecofriendly and sustainable in it",
        # "at the end" is a place in the answer, not a keyword anywhere (startend's, if anything).
        "add the word bonus at the end",
    ],
)
def test_bare_words_that_stay_unread(prompt):
    assert _of(prompt, "keywords:existence") == []


def _letter(letter: str, relation: str, value: int) -> dict[str, Any]:
    return {"letter": letter, "let_relation": relation, "let_frequency": value}


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        ("The letter 'o' may appear at most 10 times.", _letter("o", "less than", 11)),
        # A single quoted letter counted is a letter, not a word.
        ("Write a tongue twister where 'p' appears at least 12 times.", _letter("p", "at least", 12)),
        ("Write a paragraph that never uses the letter 'i'.", _letter("i", "less than", 1)),
        ("Leave out the letter 'n' entirely.", _letter("n", "less than", 1)),
        ("Skip the letter e.", _letter("e", "less than", 1)),
        ("Avoid the letter a entirely.", _letter("a", "less than", 1)),
        ("Don't use the letter I at all.", _letter("i", "less than", 1)),
    ],
)
def test_letters_counted_or_left_out_in_more_wordings(prompt, expected):
    assert _read(prompt) == [("keywords:letter_frequency", expected)]


@pytest.mark.parametrize(
    "prompt",
    [
        # "I" and "a" after "letter" that start a clause or a phrase name no letter.
        "Skip the letter I sent you and summarize the email.",
        "Without the letter a friend wrote, I'm lost. Help me write a new one.",
        "The letter A appears in my name twice. What does that mean numerologically?",
    ],
)
def test_letter_words_that_name_no_letter(prompt):
    assert _of(prompt, "keywords:letter_frequency") == []


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        ("Use the word 'ocean' in your 3rd sentence.", ("sentence:keyword", {"word": "ocean", "N": 3})),
        (
            "In sentence number two, include the word 'harvest'.",
            ("sentence:keyword", {"word": "harvest", "N": 2}),
        ),
        ("Sentence 4 has to contain 'lantern'.", ("sentence:keyword", {"word": "lantern", "N": 4})),
        (
            "Make the 2nd word and the 2nd to last word 'really'.",
            ("words:words_position", {"keyword": "really"}),
        ),
    ],
)
def test_words_at_places_in_more_wordings(prompt, expected):
    assert _read(prompt) == [expected]


def test_the_users_own_numbered_sentence_is_no_place():
    assert _read("My sentence 2 has the word 'their', is it right?") == []


@pytest.mark.parametrize(
    "prompt",
    [
        # Questions about words, words in code or a search, other people's language.
        "Explain why 'literally' is used so much.",
        "Write SQL that selects rows where name contains 'smith'.",
        "Find me a movie whose title contains 'love'.",
        "Is it bad to use the word 'like' a lot when speaking?",
        "Which words in my essay are overused: 'very', 'really', 'just'?",
        "Summarize this: \"Do not use the word 'free' in ads,\" the regulator said.",
        "Create a regex that matches words without the letter e.",
        "Write a letter to my Italian landlord asking to fix the heater.",
        "Help me reply to this email from my Korean supplier about late shipments.",
        "My son is learning Spanish at school and struggles with verbs. Any advice?",
        "Translate 'I miss you' into Italian.",
    ],
)
def test_words_and_languages_talked_about_state_nothing(prompt):
    assert _read(prompt) == []


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Requirement lists: numbered items, bullets, labels.
        (
            "1) include 'API' 2) avoid 'simply'",
            [
                ("keywords:existence", {"keywords": ["API"]}),
                ("keywords:forbidden_words", {"forbidden_words": ["simply"]}),
            ],
        ),
        (
            "Constraints:\n* mention 'GDPR'\n* don't say 'guarantee'",
            [
                ("keywords:existence", {"keywords": ["GDPR"]}),
                ("keywords:forbidden_words", {"forbidden_words": ["guarantee"]}),
            ],
        ),
        ("- Language: French\n- Length: short", [_lang("fr")]),
        ("Output language: Spanish (Mexico).", [_lang("es")]),
        (
            'Required phrase: "Thank you for your patience"',
            [("keywords:existence", {"keywords": ["Thank you for your patience"]})],
        ),
        (
            "Banned: 'ASAP', 'per my last email'",
            [("keywords:forbidden_words", {"forbidden_words": ["ASAP", "per my last email"]})],
        ),
        # A revision that takes words out.
        (
            "Make it shorter and drop the word 'very'.",
            [("keywords:forbidden_words", {"forbidden_words": ["very"]})],
        ),
        (
            "Get rid of the word 'basically'.",
            [("keywords:forbidden_words", {"forbidden_words": ["basically"]})],
        ),
        ("Take out 'actually' this time.", [("keywords:forbidden_words", {"forbidden_words": ["actually"]})]),
        (
            "Same email but remove the word 'unfortunately'.",
            [("keywords:forbidden_words", {"forbidden_words": ["unfortunately"]})],
        ),
    ],
)
def test_requirement_lists_and_revisions(prompt, expected):
    assert _read(prompt) == expected


@pytest.mark.parametrize(
    "prompt",
    [
        # Translation jargon: a target language is a translation's, which may come with notes in English.
        "Translate this. Target language: German",
        "Locale: pt-BR",
    ],
)
def test_translation_targets_state_no_answer_language(prompt):
    assert _of(prompt, "language:response_language") == []


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # A negation before the verb bans the bare word; "don't forget to use" asks for it.
        (
            "describe a cats personality but u cant use the word cute",
            ("keywords:forbidden_words", {"forbidden_words": ["cute"]}),
        ),
        ("Don't forget to use the word cozy.", ("keywords:existence", {"keywords": ["cozy"]})),
    ],
)
def test_a_bare_word_asked_for_or_banned(prompt, expected):
    assert _read(prompt) == [expected]


@pytest.mark.parametrize(
    ("prompt", "code"),
    [
        ("Answer in my native language (Polish).", "pl"),
        ("Write it in your best French!", "fr"),
        ("Stick to Italian for the whole reply.", "it"),
        ("Reply in Polish (not English).", "pl"),
        ("Keep your answer in Swedish.", "sv"),
    ],
)
def test_the_answers_language_named_around_the_name(prompt, code):
    assert _of(prompt, "language:response_language") == [{"language": code}]


@pytest.mark.parametrize(
    "prompt",
    [
        "I stick to English at work, is that OK?",
        "My native language (Polish) is hard. Why?",
        "I speak fluent French. Write me a CV summary.",
    ],
)
def test_the_users_own_languages_are_not_the_answers(prompt):
    assert _of(prompt, "language:response_language") == []


@pytest.mark.parametrize(
    ("prompt", "words"),
    [
        # A kind of words banned by its examples: the examples are the words to leave out.
        ("Avoid jargon such as 'synergy' and 'leverage'.", ["synergy", "leverage"]),
        ("No buzzwords (e.g. 'disrupt', 'pivot').", ["disrupt", "pivot"]),
        ('Please never write "as an AI".', ["as an AI"]),
        ("Zero mentions of 'price'.", ["price"]),
        ("Do not include any of these words: cheap, bargain, discount.", ["cheap", "bargain", "discount"]),
    ],
)
def test_forbidden_words_by_examples_and_other_verbs(prompt, words):
    assert _of(prompt, "keywords:forbidden_words") == [{"forbidden_words": words}]


@pytest.mark.parametrize(
    "prompt",
    [
        "What is corporate jargon such as 'synergy' used for?",
        "Why do people avoid buzzwords like 'disrupt'?",
        "I never write 'TODO' in my code. Is that OK?",
        # A word at a place ("start sentences with"), not a word banned anywhere.
        "Don't start sentences with 'So'.",
    ],
)
def test_words_talked_about_are_not_banned(prompt):
    assert _of(prompt, "keywords:forbidden_words") == []


@pytest.mark.parametrize(("prompt", "code"), [("in spanish plz", "es"), ("respond in english plz", "en")])
def test_texting_please(prompt, code):
    assert _of(prompt, "language:response_language") == [{"language": code}]


# ---------------------------------------------------------------- breadth: crowds nobody wrote in dev yet
# Written as varied people would (nurses, marketers, engineers, students, second-language writers): a
# requirement list, a P.S., a correction, two tasks in one message, "make sure" / "remember to" / "it has
# to", typos, British spelling. Each reads exactly one constraint of the type named.


def _lang_of(code: str) -> tuple[str, dict[str, Any]]:
    return ("language:response_language", {"language": code})


def _kw(*words: str) -> tuple[str, dict[str, Any]]:
    return ("keywords:existence", {"keywords": list(words)})


def _ban(*words: str) -> tuple[str, dict[str, Any]]:
    return ("keywords:forbidden_words", {"forbidden_words": list(words)})


def _freq(word: str, relation: str, n: int) -> tuple[str, dict[str, Any]]:
    return ("keywords:frequency", {"keyword": word, "relation": relation, "frequency": n})


def _letter(letter: str, relation: str, n: int) -> tuple[str, dict[str, Any]]:
    return ("keywords:letter_frequency", {"letter": letter, "let_relation": relation, "let_frequency": n})


_BREADTH = [
    # the answer's language
    ("Could you answer me in Dutch? My English is not so good.", _lang_of("nl")),
    ("Make sure the reply is in Polish.", _lang_of("pl")),
    ("Remember to write it in Hindi, it's for my grandmother.", _lang_of("hi")),
    ("Explain photosynthesis for a 10 year old.\nP.S. answer in Swahili please", _lang_of("sw")),
    ("pls respond in russian only", _lang_of("ru")),
    ("The whole answer in Indonesian, please.", _lang_of("id")),
    ("I'd prefer the answer in Bengali.", _lang_of("bn")),
    ("- tone: friendly\n- language: Italian\n- length: short", _lang_of("it")),
    ("Your reply should be entirely in Japanese, no English.", _lang_of("ja")),
    (
        "Dear assistant, I am from Brazil and my english is not good. Please you answer me in portuguese.",
        _lang_of("pt"),
    ),
    ("Please answer in Ukrainian, not Russian.", _lang_of("uk")),
    ("All text must be in Hebrew.", _lang_of("he")),
    ("Everything you write should be in Norwegian.", _lang_of("no")),
    ("My customers are in Quebec, so the reply must be in French.", _lang_of("fr")),
    ("Respond in Hungarian; I'm practising for my exam.", _lang_of("hu")),
    ("Answer me in German, bitte.", _lang_of("de")),
    ("I'm a nurse; write discharge notes for a patient in Spanish.", _lang_of("es")),
    # keywords that must appear
    ("Make sure you mention 'sustainability' somewhere.", _kw("sustainability")),
    ("Remember to include the words 'deadline' and 'budget'.", _kw("deadline", "budget")),
    ("It has to contain the word 'innovation'.", _kw("innovation")),
    ("Could you work the phrase 'customer first' into it?", _kw("customer first")),
    (
        "Write a cover letter for a nursing job.\nRequirements:\n- mention 'patient safety'\n- friendly",
        _kw("patient safety"),
    ),
    ("Please incorporate the terms 'agile' and 'scrum'.", _kw("agile", "scrum")),
    ("Write a poem about autumn, and drop in the word 'amber' somewhere.", _kw("amber")),
    ("Include these keywords: SEO, backlinks, ranking.", _kw("SEO", "backlinks", "ranking")),
    # ("at least once" is a count, read as the same sentence without the aside is)
    ('Use the word "colour" (British spelling) at least once.', _freq("colour", "at least", 1)),
    (
        "Write a short intro for my talk.\n\nP.S. Please make sure to use the word 'resilient'.",
        _kw("resilient"),
    ),
    ("Could you draft a memo? It has to mention 'Q3 targets'.", _kw("Q3 targets")),
    ("write sumthing abt the ocean and inlcude the word 'blue'", _kw("blue")),
    ("Can you make sure 'Kubernetes' is mentioned?", _kw("Kubernetes")),
    ('Requirements:\n* must mention "ISO 27001"\n* bullet points', _kw("ISO 27001")),
    # words banned
    ("Please refrain from using 'basically' or 'literally'.", _ban("basically", "literally")),
    ("Steer clear of 'synergy' and 'leverage'.", _ban("synergy", "leverage")),
    ("Words to avoid: 'unique', 'revolutionary'.", _ban("unique", "revolutionary")),
    ("Write a bio for me. P.S. never use the word 'passionate'", _ban("passionate")),
    ("Without using the word 'love', write a love poem.", _ban("love")),
    ("Two things: 1) write a haiku about rain 2) avoid the word 'wet'.", _ban("wet")),
    ("pls dont use the word 'moist' its gross", _ban("moist")),
    ("No mention of 'price' please.", _ban("price")),
    ("Write the speech — oh and please avoid saying 'um'.", _ban("um")),
    ("- no 'very'\n- no 'really'", _ban("very", "really")),
    # keyword counts
    ("The word 'team' should appear at least 4 times.", _freq("team", "at least", 4)),
    ("Use 'quality' no more than twice.", _freq("quality", "less than", 3)),
    ("make sure 'coffee' shows up at least 3 times", _freq("coffee", "at least", 3)),
    ("Don't use 'very' more than once.", _freq("very", "less than", 2)),
    ("Make the word 'sale' appear a minimum of four times.", _freq("sale", "at least", 4)),
    ("use the word 'vibe' max 2 times", _freq("vibe", "less than", 3)),
    # letter counts
    ("Make sure the letter 'z' appears at least 3 times.", _letter("z", "at least", 3)),
    ("Have the letter 'j' appear 4 or more times.", _letter("j", "at least", 4)),
    ("Use at least ten 'y's.", _letter("y", "at least", 10)),
    ("Avoid the letter 'e' entirely.", _letter("e", "less than", 1)),
    ("Write a paragraph with fewer than 5 'e's.", _letter("e", "less than", 5)),
    ("Describe London with the letter 'l' appearing at least 10 times.", _letter("l", "at least", 10)),
]


@pytest.mark.parametrize(("prompt", "expected"), _BREADTH)
def test_breadth_of_phrasings_reads_one_constraint_of_the_type(prompt, expected):
    assert _of(prompt, expected[0]) == [expected[1]]


# ---------------------------------------------------------------- breadth: families fixed in this pass


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # An aside between the word and its count.
        ("Use the word 'honour' (British spelling) at least three times.", _freq("honour", "at least", 3)),
        # Where the word goes, between it and the count: one count, no second "existence".
        ("I need 'eco' in it at least twice.", _freq("eco", "at least", 2)),
        # A letter's limit said with a negated verb of appearing is a limit, not a ban.
        ("The letter w shouldn't appear more than 3 times.", _letter("w", "less than", 4)),
        ("The letter 'z' must not appear more than twice.", _letter("z", "less than", 3)),
        # A quoted phrase named so; "under no circumstances", "at no point" negate.
        ("Please do not use the phrase 'at the end of the day'.", _ban("at the end of the day")),
        ("Don't use the expression 'low-hanging fruit'.", _ban("low-hanging fruit")),
        ("Write an ad. Under no circumstances use the word 'cheap'.", _ban("cheap")),
        ("At no point should you say 'guarantee'.", _ban("guarantee")),
        # "reference" as a verb of putting a word in.
        ("Be sure to reference 'GDPR' in the policy.", _kw("GDPR")),
        # The language: "Use German." as a sentence of its own after the request; "it has to be in" after
        # other verbs of producing an answer; the user's own skill in another language; a correction.
        ("Write me a birthday card for my colleague. Use German.", _lang_of("de")),
        ("Could you write me a card? Use German.", _lang_of("de")),
        ("Summarise this report. It has to be in Vietnamese.", _lang_of("vi")),
        ("Kindly reply in French, as I am not fluent in English.", _lang_of("fr")),
        ("I speak English but reply in French please.", _lang_of("fr")),
        ("Reply in Spanish, I only speak Spanish.", _lang_of("es")),
        ("Write the invite in English. Actually, make it Italian.", _lang_of("it")),
        ("Write a poem in French. Sorry, make it German instead.", _lang_of("de")),
        ("Write a story. Actually, write it in Korean.", _lang_of("ko")),
        (
            "Summarise the attached minutes, in Spanish if possible? Actually no, it must be in Spanish.",
            _lang_of("es"),
        ),
        # IFBench kinds: emojis in the plural, British "capitalise", "spaces between words".
        ("Add emojis at the end of every sentence.", ("format:emoji", {})),
        ("Stick an emoji after each sentence pls", ("format:emoji", {})),
        ("Capitalise The First Letter Of Every Word.", ("format:title_case", {})),
        ("Write without any spaces between words.", ("format:no_whitespace", {})),
    ],
)
def test_breadth_families_fixed(prompt, expected):
    assert _of(prompt, expected[0]) == [expected[1]]


@pytest.mark.parametrize(
    ("prompt", "constraint_id"),
    [
        # A bare count of uses may be exact or a minimum: neither is guessed (as test_extract_natural's
        # test_a_bare_count_of_times_is_not_guessed records), however it is said.
        ("Include the word 'green' twice.", "keywords:frequency"),
        ("Use the word green twice in the poem.", "keywords:frequency"),
        ("Write a toast where the word 'love' appears three times.", "keywords:frequency"),
        ("Use the letter 'x' three times in the tongue twister.", "keywords:letter_frequency"),
        # A bare count talked about, rough, the user's own text, or one of a series (keywords_multiple).
        ("the word 'the' 5 times is too many", "keywords:frequency"),
        ("Use the word 'bike' 3 times or so.", "keywords:frequency"),
        ("I used the word 'basically' 3 times in my essay, rewrite it.", "keywords:frequency"),
        ("the word 'data' appears 6 times in the report, is that too much?", "keywords:frequency"),
        ("The word 'love' appears 3 times in my poem, is that too much?", "keywords:frequency"),
        ("Write a poem about a word that appears twice in the Bible.", "keywords:frequency"),
        ("Use 'anchor' once, 'tide' twice, 'gull' three times and 'wave' seven times.", "keywords:frequency"),
        ("Mention 'Paris' once.", "keywords:frequency"),
        ("The letter z appears 3 times in my name.", "keywords:letter_frequency"),
        # "no word twice" limits repeats: "twice" is no word banned.
        ("Use only unique words, no word twice.", "keywords:forbidden_words"),
        ("Don't use any word twice.", "keywords:forbidden_words"),
        # A phrase named bare is no quoted phrase banned.
        ("Do not use the phrase structure I showed you.", "keywords:forbidden_words"),
        # "Use <language>." as the answer to the user's own question, a noun after it, or no text asked for.
        ("Which keyboard layout should I use? Use German.", "language:response_language"),
        ("Write an essay. Use German sources.", "language:response_language"),
        ("Recommend a textbook. Use German.", "language:response_language"),
        ("Recommend a film; it should be in French.", "language:response_language"),
        # A correction without "in" and no language before may ask for a setting or a theme.
        ("Write a story set in Paris. Actually, make it German.", "language:response_language"),
        ("Write a story. Actually, make it scarier.", "language:response_language"),
        ("Actually, should I learn German?", "language:response_language"),
        # Languages the user or others speak, a text already in one.
        (
            "I'm fluent in English and German. Write me a cover letter for a job in Berlin.",
            "language:response_language",
        ),
        ("Write a poem about my grandmother, who only spoke Italian.", "language:response_language"),
        (
            "Write a note to my son's teacher explaining he speaks Spanish at home.",
            "language:response_language",
        ),
        ("Write a summary. The original article is in German.", "language:response_language"),
        ("She always answers in Spanish when she is angry. Why?", "language:response_language"),
        # Questions about the forms.
        ("Should I capitalise the first letter of every word in a title?", "format:title_case"),
        ("Why do people put emojis at the end of every sentence?", "format:emoji"),
        ("My boss says every sentence should end with an emoji. Is that professional?", "format:emoji"),
        ("No spaces between paragraphs please.", "format:no_whitespace"),
        ("How do you write without spaces in Thai?", "format:no_whitespace"),
        ("How many times does the letter 'e' appear in 'excellence'?", "keywords:letter_frequency"),
        ("My teacher said never use the word 'got'. Is that right?", "keywords:forbidden_words"),
        ("Write a story about a girl who can't say the word 'no'.", "keywords:forbidden_words"),
    ],
)
def test_breadth_near_misses_stay_unread(prompt, constraint_id):
    assert _of(prompt, constraint_id) == []


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Read before this pass; kept as breadth.
        ("write me a thank you note for my nurse and put the word grateful in it somewhere", _kw("grateful")),
        (
            "As a teacher I need a reading passage. Key words to include: photosynthesis, chlorophyll.",
            _kw("photosynthesis", "chlorophyll"),
        ),
        ("Write me a rap, throw in the word 'hustle'.", _kw("hustle")),
        ("The text must include 'Terms and Conditions apply'.", _kw("Terms and Conditions apply")),
        ("Kindly avoid the word 'kindly'.", _ban("kindly")),
        ("Try not to use the word 'just'.", _ban("just")),
        ("no using 'like' as filler pls", _ban("like")),
        ("I'd like the word 'journey' to appear no fewer than 3 times.", _freq("journey", "at least", 3)),
        ("The keyword 'dentist' must appear at least 4 times for SEO.", _freq("dentist", "at least", 4)),
        ("Can you not use the letter 'e' at all?", _letter("e", "less than", 1)),
        ("Write in Romanian, please, I'm not good at English.", _lang_of("ro")),
        ("Write the post in Catalan — our audience is in Barcelona.", _lang_of("ca")),
        # Fixed: a negated "let" before a letter's count states the opposite bound.
        ("Don't let the letter 'a' appear more than 10 times.", _letter("a", "less than", 11)),
        ("Don't let the letter a appear fewer than 3 times.", _letter("a", "at least", 3)),
        # Fixed: "not allowed to" said to the assistant, or as a rule of its own.
        ("You are not allowed to use the word 'basically'.", _ban("basically")),
        ("You aren't allowed to use 'basically'.", _ban("basically")),
        ("Write a story. Not allowed to use the word 'said'.", _ban("said")),
        ("Rules:\n- not allowed to use 'very'", _ban("very")),
        # Fixed: a one-letter word named a word is counted as a word.
        ("Limit the word 'I' to at most 2 times.", _freq("I", "less than", 3)),
        # Fixed: the answer is the language, the name closing the clause.
        ("Your output must be Spanish.", _lang_of("es")),
        ("The whole reply should be Portuguese.", _lang_of("pt")),
        # Fixed: a word-count label and its range.
        ("Word count: 250-300.", ("count:word_count_range", {"min_words": 250, "max_words": 300})),
    ],
)
def test_breadth_second_batch(prompt, expected):
    assert _of(prompt, expected[0]) == [expected[1]]


@pytest.mark.parametrize(
    ("prompt", "constraint_id"),
    [
        # Someone else's rule, however it is said.
        (
            "Players are not allowed to use the word 'pass'. Write the rules of the game.",
            "keywords:forbidden_words",
        ),
        (
            "In our house, kids aren't allowed to say 'shut up'. Write a sign for the fridge.",
            "keywords:forbidden_words",
        ),
        # The name as an adjective, or not closing the clause.
        ("Your answer must be Spanish-themed.", "language:response_language"),
        ("The answer should be German food.", "language:response_language"),
        # The user's own word count, asked about.
        ("My word count: 250-300, is that ok?", "count:word_count_range"),
        # A single quoted letter, not named a word, is a letter counted (letter_frequency), no word.
        ("Write a sentence where 'p' appears at least 12 times.", "keywords:frequency"),
    ],
)
def test_breadth_second_batch_near_misses(prompt, constraint_id):
    assert _of(prompt, constraint_id) == []


@pytest.mark.parametrize(
    ("prompt", "constraint_id"),
    [
        # A task of counting a word in a text given: no word asked for.
        (
            "Count how many times the word 'the' appears in this: the cat sat on the mat.",
            "keywords:existence",
        ),
        # Pronouns are no words banned ("ban words like that?", "avoid words like this").
        ("Avoid words like this, that and these.", "keywords:forbidden_words"),
    ],
)
def test_breadth_counting_tasks_and_pronouns_stay_unread(prompt, constraint_id):
    assert _of(prompt, constraint_id) == []


def test_a_pronoun_after_a_ban_is_no_second_word():
    # The style guide's ban is read as pasted rules are; "like that" adds no word "that".
    prompt = (
        "Our style guide says: never use 'utilize'. Can you explain why style guides ban words like that?"
    )
    assert _of(prompt, "keywords:forbidden_words") == [{"forbidden_words": ["utilize"]}]


def test_a_count_question_before_does_not_hide_a_later_request():
    prompt = "How often should I use the word 'synergy'? Write me a memo and include the word 'synergy'."
    assert _of(prompt, "keywords:existence") == [{"keywords": ["synergy"]}]


# ---------------------------------------------------------------- round 6: families of natural-dev's errors


_LESS_THAN_ONE = {"let_relation": "less than", "let_frequency": 1}


def _freq(word: str, relation: str, n: int) -> dict[str, Any]:
    return {"keyword": word, "relation": relation, "frequency": n}


@pytest.mark.parametrize(
    ("prompt", "words"),
    [
        # A bare list ends where the next clause opens after a comma: its subject is no word banned.
        (
            "write a eulogy for my fishing buddy Earl, dont use the words death or died, his wife asked",
            ["death", "died"],
        ),
        ("dont use the words death or died, my boss insists", ["death", "died"]),
        ("Please avoid the words cheap and discount, our brand team hates them", ["cheap", "discount"]),
        ("Don't use the words love or hate, they feel cliché", ["love", "hate"]),
        ("Write a toast. Avoid the words drunk or wasted, his mom will be there.", ["drunk", "wasted"]),
        ("don't use the words death or died, Earl's wife asked", ["death", "died"]),
        # ... while a list of pronouns, closed by "or" or the sentence, stays whole.
        ("Don't use the words I, me, my or mine.", ["I", "me", "my", "mine"]),
        ("Avoid the words cheap, discount, sale.", ["cheap", "discount", "sale"]),
    ],
)
def test_a_bare_ban_ends_where_the_next_clause_opens(prompt, words):
    assert _of(prompt, "keywords:forbidden_words") == [{"forbidden_words": words}]


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # The next item's number in a numbered list is no count of the words before it.
        (
            "Requirements for the job ad:\n1. under 150 words\n2. include the words 'remote' and 'flexible'\n"
            "3. no commas (our CMS breaks on them)\nThe role is a part-time bookkeeper for a nonprofit.",
            ("keywords:existence", {"keywords": ["remote", "flexible"]}),
        ),
        (
            "Rules:\n1. include the words 'remote' and 'flexible'\n2. be short",
            ("keywords:existence", {"keywords": ["remote", "flexible"]}),
        ),
        (
            "Checklist:\n1. mention 'refund'\n2. keep it short",
            ("keywords:existence", {"keywords": ["refund"]}),
        ),
        ("Brief:\n1. include 'API'\n2. avoid jargon", ("keywords:existence", {"keywords": ["API"]})),
        # ... while a count on the item's own line still counts.
        (
            "Rules:\n1. use 'cloud' at least 3 times\n2. be brief",
            ("keywords:frequency", _freq("cloud", "at least", 3)),
        ),
    ],
)
def test_numbered_requirement_lists_and_keywords(prompt, expected):
    assert _of(prompt, expected[0]) == [expected[1]]


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Every form of the verb of using a word, and a phrase named so.
        (
            "My essay feedback said I overuse 'however'. Rewrite this paragraph using 'however' less than 2 "
            "times: However, the data is limited. However, trends are clear.",
            _freq("however", "less than", 2),
        ),
        ("Try including 'fresh' at least twice.", _freq("fresh", "at least", 2)),
        (
            "Write an SEO blurb for our plumbing company; "
            "use the phrase 'emergency plumber' at least 3 times.",
            _freq("emergency plumber", "at least", 3),
        ),
        (
            'Include the phrase "emergency plumber" at least three times.',
            _freq("emergency plumber", "at least", 3),
        ),
        (
            "Write a product page featuring the term 'zero waste' at least 4 times.",
            _freq("zero waste", "at least", 4),
        ),
        # A negation typed without its apostrophe turns a minimum into a limit.
        (
            "write a short speech for my retirement party. "
            "dont use the word 'grateful' more than twice, i overuse it",
            _freq("grateful", "less than", 3),
        ),
        ("cant say 'literally' more than once in the toast", _freq("literally", "less than", 2)),
        ("shouldnt mention 'price' more than 2 times", _freq("price", "less than", 3)),
        # ("dont forget" asks for it: no negation of the use)
        ("dont forget to use 'thanks' at least twice", _freq("thanks", "at least", 2)),
    ],
)
def test_keyword_counts_in_more_verb_forms(prompt, expected):
    assert _of(prompt, "keywords:frequency") == [expected]


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        (
            "Can you make a short poem with the letter q showing up at least 4 times?",
            _letter("q", "at least", 4),
        ),
        ("write a limerick, the letter z popping up 3 or more times", _letter("z", "at least", 3)),
        ("I want the letter x coming up at least twice in the poem", _letter("x", "at least", 2)),
        ("Write a tongue twister with the letter k used at least 6 times.", _letter("k", "at least", 6)),
        ("the letter q turning up at least 4 times would be fun", _letter("q", "at least", 4)),
    ],
)
def test_letters_counted_with_a_participle(prompt, expected):
    assert _of(prompt, "keywords:letter_frequency") == [expected[1]]


def test_a_letter_in_the_users_name_is_no_count():
    assert (
        _of("The letter q showing up in my name is rare; write a poem about it.", "keywords:letter_frequency")
        == []
    )


@pytest.mark.parametrize(
    ("prompt", "code"),
    [
        # A correction with its reason between, set off by commas.
        (
            "Can you write the care instructions for our linen shirts in Italian... wait no, the shop is in "
            "Madrid, make it Spanish.",
            "es",
        ),
        ("Write the invite in English. Actually, my grandma is coming, make it Italian.", "it"),
        (
            "Draft the notice in French. Wait, sorry, the tenants are from Lisbon, write it in Portuguese.",
            "pt",
        ),
        # A request in the language it names, the verb's object long.
        (
            "¿Puedes escribir una descripción de nuestro café de especialidad en español "
            "con al menos 50 palabras?",
            "es",
        ),
        ("Redacta un correo para mis clientes sobre el cambio de horario en español, por favor.", "es"),
        ("Cuéntame la historia de la Revolución Mexicana en español.", "es"),
        ("Rédige une lettre de motivation pour un poste d'infirmière en français.", "fr"),
    ],
)
def test_the_answers_language_corrected_or_named_in_itself(prompt, code):
    assert _of(prompt, "language:response_language") == [{"language": code}]


@pytest.mark.parametrize(
    "prompt",
    [
        # No language named before and no "in": "make it German" may be the setting (ambiguous: left unread).
        "Write a story set in Paris. Actually, the kids are from Berlin, make it German.",
        # A question about words, and someone's schooling, in the language itself.
        "¿Cómo se dice 'cumpleaños feliz' en francés y en español?",
        "Mi hijo estudia en español y en inglés en la escuela; ¿qué libros le recomiendas?",
    ],
)
def test_language_corrections_and_endonyms_that_ask_nothing(prompt):
    assert _of(prompt, "language:response_language") == []


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Each word on its own line.
        (
            "Write a tiny poem about a lost sock and put every single word on its own line.",
            ("format:newline", {}),
        ),
        ("Write a haiku, each and every word on a new line.", ("format:newline", {})),
        ("Write a poem where every word gets its own line.", ("format:newline", {})),
        ("Write a poem and give each word its own line.", ("format:newline", {})),
        ("write a short chant, one word a line", ("format:newline", {})),
        ("Each individual word should go on its own line.", ("format:newline", {})),
        ("Put every word on a line of its own.", ("format:newline", {})),
        # A word in a numbered sentence, said as where it is.
        (
            "Describe your perfect breakfast, and make sure the word 'pancakes' is in the third sentence.",
            ("sentence:keyword", {"word": "pancakes", "N": 3}),
        ),
        (
            "Write about autumn; 'maple' should be in the 2nd sentence.",
            ("sentence:keyword", {"word": "maple", "N": 2}),
        ),
        (
            "make sure the word lantern shows up in the third sentence",
            ("sentence:keyword", {"word": "lantern", "N": 3}),
        ),
        (
            "Write a story. Work the word 'harbor' into the fourth sentence.",
            ("sentence:keyword", {"word": "harbor", "N": 4}),
        ),
        ("I need 'velvet' to end up in sentence 3.", ("sentence:keyword", {"word": "velvet", "N": 3})),
        # A sentence given back with another first word; the text after the colon is the one meant.
        (
            "Making a grammar worksheet. Give me this sentence back exactly as it is, but with a "
            "different first word, and nothing else: Yesterday we walked to the old mill by the river.",
            (
                "repeat:repeat_change",
                {"prompt_to_repeat": "Yesterday we walked to the old mill by the river."},
            ),
        ),
        (
            "Write this line again but with the first word swapped: Dogs bark at night.",
            ("repeat:repeat_change", {"prompt_to_repeat": "Dogs bark at night."}),
        ),
        (
            "Copy the following sentence, using a different first word: Rain fell all day.",
            ("repeat:repeat_change", {"prompt_to_repeat": "Rain fell all day."}),
        ),
        (
            "Say this sentence back but change the first word: Birds sing early.",
            ("repeat:repeat_change", {"prompt_to_repeat": "Birds sing early."}),
        ),
        (
            "The cat sat on the mat. Repeat it but replace the first word.",
            ("repeat:repeat_change", {"prompt_to_repeat": "The cat sat on the mat."}),
        ),
        # Ten palindromes in a text someone wants written.
        (
            "My word-nerd club wants a short story that includes at least 10 palindromes "
            "(like level, noon, kayak).",
            ("words:palindrome", {}),
        ),
        ("My daughter needs a poem with ten or more palindromes for her class.", ("words:palindrome", {})),
        ("Our teacher asked for a paragraph using at least 10 palindromic words.", ("words:palindrome", {})),
    ],
)
def test_ifbench_families_of_round_6(prompt, expected):
    assert _of(prompt, expected[0]) == [expected[1]]


@pytest.mark.parametrize(
    ("prompt", "constraint_id"),
    [
        ("Write a story where each line has its own word count.", "format:newline"),
        ("How do I put every word on its own line in Word?", "format:newline"),
        # The user's own sentence, and no word at all.
        ("The word 'pancakes' is in the third sentence of my essay, is that ok?", "sentence:keyword"),
        ("The word 'pancakes' is in the third sentence of my essay, is that ok?", "keywords:existence"),
        ("Write a story with a different first word for each paragraph.", "repeat:repeat_change"),
        # Palindromes in a text someone read or found: no text asked for.
        ("My club read a story with 10 palindromes last week.", "words:palindrome"),
        ("I found a poem that has 10 palindromes. Who wrote it?", "words:palindrome"),
    ],
)
def test_ifbench_round_6_near_misses(prompt, constraint_id):
    assert _of(prompt, constraint_id) == []


# ---------------------------------------------------------------- round 6: breadth


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # A word allowed only so many times, or held to a number of uses: fewer than one more.
        (
            "Give me a product description but the word 'premium' can only appear once.",
            ("keywords:frequency", _freq("premium", "less than", 2)),
        ),
        ("'AI' may only be used twice in the post.", ("keywords:frequency", _freq("AI", "less than", 3))),
        ("you can only use 'synergy' once", ("keywords:frequency", _freq("synergy", "less than", 2))),
        ("keep 'AI' to two mentions max", ("keywords:frequency", _freq("AI", "less than", 3))),
        ("limit 'cheap' to 1 use", ("keywords:frequency", _freq("cheap", "less than", 2))),
        (
            'Cap "limited time" at three mentions.',
            ("keywords:frequency", _freq("limited time", "less than", 4)),
        ),
        # One bare word not to be said, closed by where; "no mention of the word ...".
        (
            "hey write a tweet about our sale and dont say cheap anywhere",
            ("keywords:forbidden_words", {"forbidden_words": ["cheap"]}),
        ),
        (
            "Write the caption. Never say sorry at all.",
            ("keywords:forbidden_words", {"forbidden_words": ["sorry"]}),
        ),
        (
            "write an ad for our gym no mention of the word diet please",
            ("keywords:forbidden_words", {"forbidden_words": ["diet"]}),
        ),
        (
            "No use of the words cheap or free.",
            ("keywords:forbidden_words", {"forbidden_words": ["cheap", "free"]}),
        ),
        # Stop words held under a share, after a verb of using them.
        ("Use fewer than 20% stop words.", ("ratio:stop_words", {"percentage": 20.0})),
        ("keep it to under 15 % stopwords", ("ratio:stop_words", {"percentage": 15.0})),
    ],
)
def test_breadth_round_6(prompt, expected):
    assert _of(prompt, expected[0]) == [expected[1]]


@pytest.mark.parametrize(
    ("prompt", "constraint_id"),
    [
        # "only once" after "use" may mean exactly once: no bound read (ambiguous).
        ("Use the word 'premium' only once.", "keywords:frequency"),
        # Someone's rule, reported.
        ("My teacher says 'very' can only appear once per essay. Is that true?", "keywords:frequency"),
        # Nothing said, and a topic, not a word.
        ("don't say anything anywhere about the merger", "keywords:forbidden_words"),
        ("don't mention price anywhere", "keywords:forbidden_words"),
        # An account of a text, not a rule for the answer.
        ("There was no mention of the word diet in the brochure, why?", "keywords:forbidden_words"),
        # An opinion on a share, after a question about it.
        (
            "What percentage of English text is stop words? Under 50% stop words seems low.",
            "ratio:stop_words",
        ),
    ],
)
def test_breadth_round_6_near_misses(prompt, constraint_id):
    assert _of(prompt, constraint_id) == []


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Keywords after an adverb of how they are used, before the colon.
        (
            "please use these keywords naturally: organic, handmade, local",
            ("keywords:existence", {"keywords": ["organic", "handmade", "local"]}),
        ),
        # A quoted word that appears in the text, after a want.
        (
            "Write our cookie banner text, be sure 'consent' appears in it",
            ("keywords:existence", {"keywords": ["consent"]}),
        ),
        # A quoted word as the subject of a modal, counted.
        (
            "'discount' should be used at most twice",
            ("keywords:frequency", _freq("discount", "less than", 3)),
        ),
        ("'AI' can appear no more than 3 times", ("keywords:frequency", _freq("AI", "less than", 4))),
        (
            '"refund" must be mentioned at least twice in the reply',
            ("keywords:frequency", _freq("refund", "at least", 2)),
        ),
        # The language closed by texting's "period".
        ("answer in spanish period", _lang("es")),
    ],
)
def test_breadth_round_6_second_batch(prompt, expected):
    assert _of(prompt, expected[0]) == [expected[1]]


@pytest.mark.parametrize(
    ("prompt", "constraint_id"),
    [
        # How to use the keywords, with none named.
        ("Use the keywords naturally.", "keywords:existence"),
        # A question about where a word is, no want.
        ("'consent' appears in the GDPR text, right?", "keywords:existence"),
    ],
)
def test_breadth_round_6_second_batch_near_misses(prompt, constraint_id):
    assert _of(prompt, constraint_id) == []


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # A marker for the items said as a participle after them.
        ("List the items, each marked with '>' instead of a bullet point.", ("format:list", {"sep": ">"})),
        (
            "Give me five tips, each one prefixed with '~' rather than a bullet.",
            ("format:list", {"sep": "~"}),
        ),
        ("List the steps, each starting with '->' instead of bullets.", ("format:list", {"sep": "->"})),
        # Statements twice as many as questions, said with the statements as the subject.
        ("Write it so declarative sentences are twice as many as questions.", ("ratio:sentence_type", {})),
        ("Statements should outnumber questions two to one.", ("ratio:sentence_type", {})),
        ("Use double the number of statements as questions.", ("ratio:sentence_type", {})),
    ],
)
def test_breadth_round_6_ifbench_shapes(prompt, expected):
    assert _of(prompt, expected[0]) == [expected[1]]


@pytest.mark.parametrize(
    ("prompt", "constraint_id"),
    [
        ("My list has each item marked with '>' instead of a bullet, why?", "format:list"),
        ("Write a list with each item marked with a star.", "format:list"),
        ("In my essay, statements are twice as many as questions. Is that bad?", "ratio:sentence_type"),
        # "Don't repeat any word" would be at most once each, which no answer keeps ("the"): left unread.
        ("Don't repeat any word in the whole answer.", "words:repeats"),
    ],
)
def test_breadth_round_6_ifbench_near_misses(prompt, constraint_id):
    assert _of(prompt, constraint_id) == []


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # The reader's language ruled out, typed without the apostrophe; a pronoun after the name goes on.
        ("reply to this customer in spanish they dont speak english", _lang("es")),
        ("write back to the tenant in arabic please she doesnt read english well", _lang("ar")),
        # Words named after a colon, required to appear.
        (
            "Make sure the following words appear: sunrise, coffee, dog.",
            ("keywords:existence", {"keywords": ["sunrise", "coffee", "dog"]}),
        ),
        (
            "These words must show up: 'dune', 'oasis'.",
            ("keywords:existence", {"keywords": ["dune", "oasis"]}),
        ),
        # A letter's plural after "no", closed by where.
        ("no e's at all in the poem", ("keywords:letter_frequency", {"letter": "e", **_LESS_THAN_ONE})),
        (
            "Write a lipogram: zero z's in it.",
            ("keywords:letter_frequency", {"letter": "z", **_LESS_THAN_ONE}),
        ),
    ],
)
def test_breadth_round_6_fourth_batch(prompt, expected):
    assert _of(prompt, expected[0]) == [expected[1]]


@pytest.mark.parametrize(
    ("prompt", "constraint_id"),
    [
        # Grades, capitalised, are no letters.
        ("I got no A's.", "keywords:letter_frequency"),
        # The user's own text, asked about.
        (
            "The following words are used in my essay: however, therefore. Are they formal?",
            "keywords:existence",
        ),
        # Two languages asked for, neither ruled out: no one language.
        ("hi can you write the out of office message in german and english", "language:response_language"),
    ],
)
def test_breadth_round_6_fourth_batch_near_misses(prompt, constraint_id):
    assert _of(prompt, constraint_id) == []


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # Replies to an earlier answer.
        ("same but in french", _lang("fr")),
        ("can you do that again but in Japanese", _lang("ja")),
        ("do that again in Japanese", _lang("ja")),
        ("can you write that again but in Japanese", _lang("ja")),
        # A word named to put in the text is no word in a language.
        (
            "ok write a birthday message for my coworker Dan and put the word legend in it "
            "and make it in spanish",
            _lang("es"),
        ),
        # The verb, the quoted words, then where; a question asking it is a request.
        ("put the word 'legend' in it.", ("keywords:existence", {"keywords": ["legend"]})),
        ("stick 'cozy' in there somewhere", ("keywords:existence", {"keywords": ["cozy"]})),
        ("work 'same-day' into the copy", ("keywords:existence", {"keywords": ["same-day"]})),
        ("can you put 'cozy' in the title?", ("keywords:existence", {"keywords": ["cozy"]})),
        # A count with "max" or "tops" after it.
        (
            'again but say "innovative" only twice max',
            ("keywords:frequency", _freq("innovative", "less than", 3)),
        ),
        ("use 'AI' 3 times tops", ("keywords:frequency", _freq("AI", "less than", 4))),
        # Labels: an aside before the colon; a negated verb and a colon.
        (
            "Keywords (include all): cloud, security, compliance",
            ("keywords:existence", {"keywords": ["cloud", "security", "compliance"]}),
        ),
        (
            "Do not say the following: cheap, discount.",
            ("keywords:forbidden_words", {"forbidden_words": ["cheap", "discount"]}),
        ),
        (
            "Must include: cloud, security. Must not include: hack.",
            ("keywords:forbidden_words", {"forbidden_words": ["hack"]}),
        ),
        ("never mention: price", ("keywords:forbidden_words", {"forbidden_words": ["price"]})),
    ],
)
def test_breadth_round_6_fifth_batch(prompt, expected):
    assert _of(prompt, expected[0]) == [expected[1]]


@pytest.mark.parametrize(
    ("prompt", "constraint_id"),
    [
        ("Put 'Hello' in the subject line? Is that a good idea?", "keywords:existence"),
        ("why did you put 'synergy' in the email", "keywords:existence"),
        ("Should I put 'cozy' in the title", "keywords:existence"),
        ("Keywords (banned): hack, breach", "keywords:existence"),
        ("I don't have: flour, eggs. What can I bake?", "keywords:forbidden_words"),
        ("We do not use: Slack, Teams. Write the policy.", "keywords:forbidden_words"),
        # A word to translate, not the answer's language.
        ("Write the word legend in Spanish.", "language:response_language"),
        # An exact count ("three times") has no relation IFEval can check: left unread.
        ("use the word puddle three times", "keywords:frequency"),
    ],
)
def test_breadth_round_6_fifth_batch_near_misses(prompt, constraint_id):
    assert _of(prompt, constraint_id) == []


@pytest.mark.parametrize(
    ("prompt", "code"),
    [
        # The name in itself, set off after "but" or "and".
        ("explain compound interest, but en français s'il vous plaît", "fr"),
        ("Write the toast, and auf Deutsch bitte.", "de"),
    ],
)
def test_the_language_in_itself_after_a_conjunction(prompt, code):
    assert _of(prompt, "language:response_language") == [{"language": code}]


def test_a_word_in_a_language_after_but_is_no_answer_language():
    prompt = "We studied it in school, but en español the word is different."
    assert _of(prompt, "language:response_language") == []


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        # A gerund negated by "without" or "avoid" turns the count into a limit.
        ("Write a blurb without using 'artisan' more than twice.", _freq("artisan", "less than", 3)),
        ('avoid using "basically" more than once', _freq("basically", "less than", 2)),
        ("Write it without mentioning 'price' more than twice.", _freq("price", "less than", 3)),
        # ... while a minimum stays one.
        ("Write a blurb with 'artisan' appearing at least twice.", _freq("artisan", "at least", 2)),
    ],
)
def test_counts_after_a_negated_gerund(prompt, expected):
    assert _of(prompt, "keywords:frequency") == [expected]


@pytest.mark.parametrize(
    ("prompt", "code"),
    [
        ("Write the notice in German. Hmm, actually, make it French.", "fr"),
        ("write it in english oh wait my boss is from Rome, make it Italian", "it"),
    ],
)
def test_corrections_with_a_reason_in_more_wordings(prompt, code):
    assert _of(prompt, "language:response_language") == [{"language": code}]
