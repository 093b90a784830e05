"""The volunteer guide and README keep up with the code."""

from __future__ import annotations

import re

from kurikulum.check.rules import RULES

from .conftest import REPO


def test_every_rule_has_an_anchor_in_contributing():
    headings = set(re.findall(r"^### ([a-z0-9-]+)$", (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8"), re.MULTILINE))
    assert set(RULES) <= headings


def test_readme_opens_in_indonesian_then_english_with_the_two_commands():
    from kurikulum.check.language_share import measure, mostly_in
    from kurikulum.language import function_words

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert re.findall(r"^## (.+)$", readme, re.MULTILINE) == ["Bahasa Indonesia", "English"]
    indonesian, english = readme.split("\n## English\n")
    lists = {code: function_words(code) for code in ("id", "en")}
    assert mostly_in(measure(indonesian, lists), "en") == "id"  # what a volunteer reads first
    assert mostly_in(measure(english, lists), "id") == "en"
    assert re.findall(r"^make (\w+)", indonesian, re.MULTILINE)[:2] == ["setup", "check"]
    assert re.findall(r"^make (\w+)", english, re.MULTILINE)[:2] == ["serve", "test"]


def test_the_model_imports_nothing_from_mkdocs():
    import ast

    offenders = []
    for path in (REPO / "scripts/kurikulum").rglob("*.py"):  # the model, the views and every output but the engine adapter
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names.append(node.module)
            offenders += [
                f"{path.name}: {name}" for name in names if name.split(".")[0] in ("mkdocs", "material", "mkdocs_static_i18n")
            ]
    assert offenders == []
