"""The IFEval reference checkers from ``lm-eval[ifeval]``, as an oracle and speed peer.

Used by the differential tests and ``benchmarks/verify_speed.py``; never by
adhere's own scoring. The reference loads NLTK's ``punkt_tab`` data and would
download it when missing; here it is written, once per process, from the same
English Punkt parameters adhere uses, into a private NLTK data directory, so
nothing is downloaded and both sides split sentences identically.
"""

from __future__ import annotations

import functools
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

from adhere.errors import AdhereError

__all__ = ["ReferenceUnavailable", "reference_loose", "reference_modules", "reference_strict"]


class ReferenceUnavailable(AdhereError):
    """lm-eval's IFEval code is not installed."""


def _write_punkt_tab(root: Path) -> None:
    from punkt.data import english

    lang_dir = root / "tokenizers" / "punkt_tab" / "english"
    lang_dir.mkdir(parents=True)
    (lang_dir / "abbrev_types.txt").write_text("\n".join(sorted(english.ABBREV_TYPES)))
    (lang_dir / "sent_starters.txt").write_text("\n".join(sorted(english.SENT_STARTERS)))
    (lang_dir / "collocations.tab").write_text(
        "\n".join("\t".join(pair) for pair in sorted(english.COLLOCATIONS))
    )
    (lang_dir / "ortho_context.tab").write_text(
        "\n".join(f"{word}\t{flags}" for word, flags in sorted(english.ORTHO_CONTEXT.items()))
    )


@functools.cache
def reference_modules() -> tuple[ModuleType, ModuleType]:
    """(instructions_registry, utils) of lm-eval's IFEval task, ready to use."""
    import nltk
    from langdetect import DetectorFactory

    data_root = Path(tempfile.mkdtemp(prefix="adhere-punkt-"))
    _write_punkt_tab(data_root)
    nltk.data.path.insert(0, str(data_root))
    DetectorFactory.seed = 0
    try:
        from lm_eval.tasks.ifeval import instructions_registry, utils
    except ImportError as error:
        raise ReferenceUnavailable(
            "the IFEval reference needs lm-eval: pip install 'lm-eval[ifeval]'"
        ) from error
    return instructions_registry, utils


def _input(ids: Sequence[str], kwargs: Sequence[Mapping[str, Any]], prompt: str) -> Any:
    _, utils = reference_modules()
    return utils.InputExample(key=0, instruction_id_list=list(ids), prompt=prompt, kwargs=list(kwargs))


def reference_strict(
    ids: Sequence[str], kwargs: Sequence[Mapping[str, Any]], response: str, prompt: str = ""
) -> list[bool]:
    _, utils = reference_modules()
    out = utils.test_instruction_following_strict(_input(ids, kwargs, prompt), response)
    return list(out.follow_instruction_list)


def reference_loose(
    ids: Sequence[str], kwargs: Sequence[Mapping[str, Any]], response: str, prompt: str = ""
) -> list[bool]:
    _, utils = reference_modules()
    out = utils.test_instruction_following_loose(_input(ids, kwargs, prompt), response)
    return list(out.follow_instruction_list)
