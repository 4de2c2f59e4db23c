"""What loads when: ``import adhere`` is light, families are found, NLTK comes in privately.

Each test runs in a fresh interpreter, because what a process has imported is
exactly what is under test. No timing here: speed is benchmarks/startup.py's.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

CONSTRAINTS = Path(__file__).resolve().parent.parent / "src" / "adhere" / "constraints"


def run_python(code: str, path: Path | None = None) -> str:
    """Run ``code`` in a new interpreter (``path`` first on its sys.path); its stdout."""
    env = dict(os.environ)
    if path is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(path), env.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_import_adhere_loads_nothing_heavy():
    heavy = [
        "nltk",
        "regex",
        "langdetect_rs",
        "httpx",
        "adhere.extract",
        "adhere.strategies",
        "adhere.models._openai",
        "adhere.models._llama_cpp",
        "adhere.constraints.ifeval",
        "adhere.constraints.ifbench",
    ]
    loaded = run_python(f"import sys, adhere; print(sorted(set({heavy!r}) & set(sys.modules)))")
    assert loaded == "[]"


def test_every_public_name_resolves_and_is_listed():
    code = """
        import adhere
        missing = [name for name in adhere.__all__ if getattr(adhere, name, None) is None]
        unlisted = sorted(set(adhere.__all__) - set(dir(adhere)))
        print(missing, unlisted, hasattr(adhere, "no_such_name"), len(adhere.__all__))
    """
    missing, unlisted, unknown, count = run_python(code).rsplit(" ", 3)
    assert (missing, unlisted, unknown) == ("[]", "[]", "False")
    assert int(count) >= 18


def test_public_names_are_the_objects_of_their_modules():
    import adhere
    import adhere.check
    import adhere.constraints

    assert adhere.build is adhere.constraints.build
    assert adhere.check_files is adhere.check.check_files


def test_every_family_folder_is_found_without_being_listed():
    folders = sorted(p.name for p in CONSTRAINTS.iterdir() if (p / "__init__.py").is_file())
    code = """
        from adhere.constraints import constraint_ids, constraint_type
        print(sorted({constraint_type(i).__module__.split(".")[2] for i in constraint_ids()}))
    """
    assert run_python(code) == str(folders)
    assert {"ifeval", "ifbench"} <= set(folders)


def test_building_loads_families_but_not_nltk_until_a_check_needs_it():
    code = """
        import sys
        from adhere.constraints import build
        kwargs = {"relation": "less than", "num_sentences": 3}
        constraint = build("length_constraints:number_sentences", kwargs)
        before = sorted(m for m in ("nltk", "adhere.constraints._tokenizers") if m in sys.modules)
        print(before, constraint.check("One. Two.").ok, "adhere.constraints._tokenizers" in sys.modules)
    """
    assert run_python(code) == "[] True True"


def test_nltk_loads_as_a_private_copy_and_a_later_import_nltk_is_whole():
    code = """
        import sys
        from adhere.constraints import _text, _tokenizers

        text = "Dr. Smith met NASA staff, e.g. Mr. Jones. He DIDN'T stay!"
        ours = list(_text.split_sentences(text)), _text.count_capital_words(text)
        print(sorted(m for m in sys.modules if m.split(".")[0] == "nltk"))

        import nltk

        theirs = nltk.tokenize.punkt.PunktSentenceTokenizer(_text.punkt_parameters()).tokenize(text)
        print(theirs == ours[0], ours[1], nltk.tokenize.punkt is not _tokenizers.nltk_punkt)
        print(nltk.tokenize.TreebankWordTokenizer().tokenize("They DIDN'T."))
    """
    private, same, whole = run_python(code).splitlines()
    assert private == "[]"
    assert same == "True 3 True"
    assert whole == "['They', 'DID', \"N'T\", '.']"


def test_nltk_imported_first_is_used_as_it_is():
    code = """
        import nltk.tokenize.punkt
        from adhere.constraints import _tokenizers
        print(_tokenizers.nltk_punkt is nltk.tokenize.punkt)
    """
    assert run_python(code) == "True"


def write_plugin(root: Path, module: str, body: str) -> None:
    """A distribution on ``root`` that declares ``module`` as an adhere constraint family."""
    (root / f"{module}.py").write_text(textwrap.dedent(body))
    info = root / f"{module}-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(f"[adhere.constraints]\n{module} = {module}\n")


PLUGIN = """
    from dataclasses import dataclass

    from adhere.constraints import Constraint, Verdict, register


    @register("plugin:shout")
    @dataclass(frozen=True)
    class Shout(Constraint):
        def instruction(self) -> str:
            return "Write in capitals."

        def check(self, response: str) -> Verdict:
            return Verdict(response.isupper(), "" if response.isupper() else "not all capitals")
"""


def test_a_family_from_an_entry_point_is_read_only_when_needed(tmp_path):
    write_plugin(tmp_path, "shout_family", PLUGIN)
    code = """
        import sys
        from adhere.constraints import build, constraint_ids

        build("punctuation:no_comma")
        print("shout_family" in sys.modules, build("plugin:shout").check("HEY").ok)
        print("plugin:shout" in constraint_ids())
    """
    assert run_python(code, tmp_path).splitlines() == ["False True", "True"]


def test_a_broken_family_is_named(tmp_path):
    write_plugin(tmp_path, "broken_family", "raise ValueError('no such lexicon')\n")
    code = """
        from adhere.constraints import build
        from adhere.errors import AdhereError

        try:
            build("plugin:nothing")
        except AdhereError as error:
            print(error)
    """
    message = run_python(code, tmp_path)
    assert "'broken_family'" in message
    assert "no such lexicon" in message


@pytest.mark.parametrize("module", ["adhere.constraints._base", "adhere.constraints._catalog"])
def test_the_registry_and_the_catalog_name_no_family(module):
    # _base records types; _catalog finds families by looking, so neither lists one.
    source = (CONSTRAINTS / f"{module.rsplit('.', 1)[1]}.py").read_text()
    for folder in (p.name for p in CONSTRAINTS.iterdir() if (p / "__init__.py").is_file()):
        assert f"constraints.{folder}" not in source
        assert f"import {folder}" not in source
