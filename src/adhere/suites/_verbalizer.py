"""``--bench verbalizer``: classification where the prompt says which word to answer with.

Three binary tasks written for this project (sentiment of a review, topic of a
sentence: sports or cooking, and whether a sentence is a question), 40 items
each with gold labels. The prompt assigns a word to each label from a
verbalizer set of one of three groups: natural (the usual word), neutral
(unrelated words such as foo/bar) or unnatural (the natural words flipped, so
a positive review must be answered "negative"); four sets per group per task.

Sample ``j`` falls in cell ``j mod 36`` (task x group x set); each round of 36
asks, in every group, set ``k`` about the same item of the task (a seeded
order, offset by ``k``), so groups are compared on paired items and any
``--limit`` that is a multiple of 36 fills every cell equally; all 1,440
items without a limit. Each item
carries ``verbalizer:label_word``; the ``verbalizer`` results section gives
accuracy per group and task and the natural - unnatural gap.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from adhere.constraints import build
from adhere.constraints.robustness import LabelWord, answer_word
from adhere.constraints.robustness._match import normalise
from adhere.errors import AdhereError
from adhere.runlog import SampleRecord
from adhere.samples import Sample
from adhere.suites._rates import rate

__all__ = ["GROUPS", "TASKS", "Task", "generate", "verbalizer_samples", "verbalizer_section"]

SUITE = "verbalizer"
GROUPS = ("natural", "neutral", "unnatural")


@dataclass(frozen=True)
class Task:
    name: str
    question: str
    #: How each label reads after "if": (first label, second label).
    conditions: tuple[str, str]
    natural: tuple[tuple[str, str], ...]
    neutral: tuple[tuple[str, str], ...]
    #: Items of the first label, then of the second.
    first: tuple[str, ...]
    second: tuple[str, ...]

    def sets(self, group: str) -> tuple[tuple[str, str], ...]:
        if group == "natural":
            return self.natural
        if group == "neutral":
            return self.neutral
        return tuple((b, a) for a, b in self.natural)  # unnatural: each label gets the other's word

    @property
    def items(self) -> list[tuple[str, int]]:
        return [(text, 0) for text in self.first] + [(text, 1) for text in self.second]


SENTIMENT = Task(
    "sentiment",
    "Classify the sentiment of this review.",
    ("the review is positive", "the review is negative"),
    (("positive", "negative"), ("good", "bad"), ("happy", "unhappy"), ("like", "dislike")),
    (("foo", "bar"), ("zip", "zap"), ("apple", "orange"), ("north", "south")),
    (
        "The soup was hot, fresh and full of flavour.",
        "Our guide was friendly and knew every street.",
        "This kettle boils fast and looks lovely.",
        "The hotel room was spotless and quiet.",
        "I laughed through the whole film.",
        "The shoes fit perfectly from the first day.",
        "Delivery came early and nothing was broken.",
        "The concert was the best night of my year.",
        "Staff went out of their way to help us.",
        "The book kept me reading until dawn.",
        "Great value for money, I would buy it again.",
        "The garden tour was calm and beautiful.",
        "My children loved every minute of the show.",
        "The bread is crusty outside and soft inside.",
        "Setting up the printer took two minutes.",
        "The coffee here is rich and smooth.",
        "A charming little museum with kind volunteers.",
        "The jacket keeps me warm even in the wind.",
        "The new update made the app much faster.",
        "The bakery's pastries are a real treat.",
    ),
    (
        "The soup was cold and tasted of nothing.",
        "Our guide was rude and got us lost twice.",
        "This kettle leaks and stopped working in a week.",
        "The hotel room smelled of smoke.",
        "I nearly fell asleep during the film.",
        "The shoes gave me blisters on the first walk.",
        "Delivery was late and the box was crushed.",
        "The concert started an hour late and sounded awful.",
        "Staff ignored us for twenty minutes.",
        "The book was dull and far too long.",
        "A waste of money, it broke the next day.",
        "The garden tour was crowded and noisy.",
        "My children were bored within minutes.",
        "The bread was stale and hard as a rock.",
        "Setting up the printer took all afternoon.",
        "The coffee here is bitter and weak.",
        "A dusty museum with nothing worth seeing.",
        "The jacket lets the rain straight through.",
        "The new update made the app crash constantly.",
        "The bakery's pastries were dry and burnt.",
    ),
)

TOPIC = Task(
    "topic",
    "Classify the topic of this sentence.",
    ("the sentence is about sports", "the sentence is about cooking"),
    (("sports", "cooking"), ("sport", "food"), ("athletics", "cuisine"), ("game", "recipe")),
    (("foo", "bar"), ("blue", "green"), ("cat", "dog"), ("left", "right")),
    (
        "The striker scored twice in the second half.",
        "She swam four lengths without stopping.",
        "The team trained every morning before the final.",
        "He served three aces in the opening set.",
        "The referee showed a red card after the tackle.",
        "Our relay team dropped the baton at the last turn.",
        "The goalkeeper saved a penalty in extra time.",
        "They ran the marathon in under three hours.",
        "The coach changed the line-up at half time.",
        "She won the gold medal in the long jump.",
        "The cyclists climbed the mountain stage in the rain.",
        "He hit the ball over the boundary for six.",
        "The match went to a tie-break.",
        "The rowers kept perfect time down the river.",
        "Our club lost the derby by one goal.",
        "The boxer was ahead on points after ten rounds.",
        "The skier missed a gate near the bottom of the slope.",
        "The fans cheered as the runner crossed the line.",
        "The point guard made the winning basket.",
        "She cleared the high bar on her third attempt.",
    ),
    (
        "Simmer the onions slowly until they turn golden.",
        "Knead the dough for ten minutes and let it rise.",
        "Add a pinch of salt to the boiling pasta water.",
        "Whisk the eggs with a little milk before frying.",
        "Roast the carrots with honey and thyme.",
        "Let the stew cook on a low heat for two hours.",
        "Chop the garlic finely and fry it in butter.",
        "Fold the flour gently into the batter.",
        "Season the soup with pepper just before serving.",
        "Grill the fish for four minutes on each side.",
        "Soak the beans overnight before you boil them.",
        "Melt the chocolate over a pan of warm water.",
        "Brown the meat in batches so it does not steam.",
        "Squeeze lemon over the salad before serving.",
        "Bake the bread until it sounds hollow when tapped.",
        "Stir the risotto often and add stock a ladle at a time.",
        "Peel the potatoes and cut them into even cubes.",
        "Toast the spices in a dry pan until fragrant.",
        "Rest the roast for fifteen minutes before carving.",
        "Reduce the sauce until it coats the spoon.",
    ),
)

QUESTION = Task(
    "question",
    "Classify this sentence: is it a question or a statement?",
    ("the sentence is a question", "the sentence is a statement"),
    (("question", "statement"), ("yes", "no"), ("interrogative", "declarative"), ("asking", "telling")),
    (("foo", "bar"), ("red", "yellow"), ("sun", "moon"), ("up", "down")),
    (
        "Where did you park the car?",
        "Is the library open on Sundays?",
        "Why is the sky dark at night?",
        "Could you pass me the salt?",
        "How long does the train take?",
        "Have you seen my blue scarf?",
        "What time does the film start?",
        "Do cats like the rain?",
        "Which road leads to the harbour?",
        "Will the shop deliver tomorrow?",
        "Who painted the mural by the station?",
        "Can we meet after lunch?",
        "Are the tickets still on sale?",
        "When does the bakery open?",
        "Did anyone feed the fish?",
        "How many chairs do we need?",
        "Should I bring an umbrella?",
        "Is this seat taken?",
        "What is the name of your dog?",
        "Does the bus stop here?",
    ),
    (
        "I parked the car behind the school.",
        "The library is closed on Sundays.",
        "The sky is dark at night.",
        "Please pass me the salt.",
        "The train takes two hours.",
        "I found your blue scarf.",
        "The film starts at eight.",
        "Cats usually avoid the rain.",
        "This road leads to the harbour.",
        "The shop will deliver tomorrow.",
        "A local artist painted the mural.",
        "We can meet after lunch.",
        "The tickets sold out last week.",
        "The bakery opens at six.",
        "Someone fed the fish this morning.",
        "We need twelve chairs.",
        "You should bring an umbrella.",
        "This seat is free.",
        "My dog is called Pepper.",
        "The bus stops on the corner.",
    ),
)

TASKS = (SENTIMENT, TOPIC, QUESTION)
_CELLS = [(task, group, index) for task in TASKS for group in GROUPS for index in range(4)]


def _prompt(task: Task, words: tuple[str, str], text: str) -> str:
    return (
        f"{task.question} Answer with one word: '{words[0]}' if {task.conditions[0]}, "
        f"or '{words[1]}' if {task.conditions[1]}.\n\nText: {text}\nAnswer:"
    )


def verbalizer_samples(n: int, seed: int = 0) -> list[Sample]:
    """``n`` items (at most 1,440) spread over the 36 cells; the same (n, seed) gives the same items."""
    rng = random.Random(f"verbalizer:{seed}")
    orders = {task.name: rng.sample(task.items, len(task.items)) for task in TASKS}
    samples = []
    for number in range(min(n, len(_CELLS) * 40)):
        task, group, index = _CELLS[number % len(_CELLS)]
        # The three groups' set ``index`` ask the same item (paired); other sets ask others.
        text, gold = orders[task.name][(number // len(_CELLS) + 10 * index) % 40]
        words = task.sets(group)[index]
        key = f"verb-{number:04d}"
        metadata = {
            "key": key, "suite": SUITE, "task": task.name, "group": group, "set": index,
            "gold": gold, "natural_word": task.natural[index][gold] if group != "neutral" else None,
        }  # fmt: skip
        constraint = LabelWord(words[gold], words)
        samples.append(Sample.single(key, _prompt(task, words, text), [constraint], metadata=metadata))
    return samples


def generate(limit: int | None, seed: int, option: str) -> list[Sample]:
    if option:
        raise AdhereError(f"--bench verbalizer:{option}: verbalizer takes no option")
    return verbalizer_samples(limit if limit is not None else len(_CELLS) * 40, seed)


# ------------------------------------------------------------------ results


def _outcome(record: SampleRecord) -> tuple[str, str, bool, bool] | None:
    """(task, group, followed, answered with the gold label's natural word) of one record."""
    if record.error is not None or not record.generated:
        return None
    turn = record.generated[-1]
    refs = [ref for ref in turn.constraints if ref.id == "verbalizer:label_word"]
    if not refs:
        return None
    constraint = build(refs[0].id, refs[0].kwargs)
    assert isinstance(constraint, LabelWord)
    reply = turn.reply or ""
    natural = record.metadata.get("natural_word")
    prior = isinstance(natural, str) and answer_word(reply, (*constraint.words, natural)) == normalise(
        natural
    )
    meta = record.metadata
    return str(meta.get("task")), str(meta.get("group")), constraint.check(reply).ok, prior


def _gap(rows: Sequence[tuple[str, str, bool, bool]]) -> float | None:
    natural = [r[2] for r in rows if r[1] == "natural"]
    unnatural = [r[2] for r in rows if r[1] == "unnatural"]
    if not natural or not unnatural:
        return None
    return round(sum(natural) / len(natural) - sum(unnatural) / len(unnatural), 4)


def verbalizer_section(records: Sequence[SampleRecord]) -> dict[str, Any]:
    """Accuracy per group, per task and group, the natural - unnatural gap (overall and per task),
    and, for unnatural sets, how often the reply gave the gold label's natural word instead."""
    rows = [r for r in (_outcome(record) for record in records) if r is not None]
    tasks = [t.name for t in TASKS if any(r[0] == t.name for r in rows)]
    per_task = {
        task: {
            **{g: rate(r[2] for r in rows if r[0] == task and r[1] == g) for g in GROUPS},
            "gap": _gap([r for r in rows if r[0] == task]),
        }
        for task in tasks
    }
    return {
        "per_group": {g: rate(r[2] for r in rows if r[1] == g) for g in GROUPS},
        "gap": _gap(rows),
        "per_task": per_task,
        "unnatural_answered_natural": rate(r[3] for r in rows if r[1] == "unnatural"),
        "errors": sum(record.error is not None for record in records),
    }
