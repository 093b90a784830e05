"""The content format is declared once: what is written about it is generated from it, and the words of every language are complete."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import yaml

from kurikulum.format import fields
from kurikulum.format.docs import (
    SCHEMA_FILE,
    TEMPLATE_MODULE,
    contributing_blocks,
    documentation_words,
    json_schema,
    replace_blocks,
    template_module_yaml,
)
from kurikulum.language import PACKAGE_WORDS, missing_words, raw_words
from kurikulum.settings import read_settings

from .conftest import REPO

STALE = "written from an older declaration: run '.venv/bin/kurikulum docs' and commit the result"


def test_the_template_module_and_the_schema_are_generated_from_the_declaration():
    words = documentation_words(REPO)
    settings, _ = read_settings(REPO)
    assert (REPO / TEMPLATE_MODULE / fields.MODULE_FILE).read_text(encoding="utf-8") == template_module_yaml(words), STALE
    schema = json.dumps(json_schema(settings.languages, words), ensure_ascii=False, indent=2) + "\n"
    assert (REPO / SCHEMA_FILE).read_text(encoding="utf-8") == schema, STALE


def test_contributing_tables_are_generated_from_the_declaration():
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    blocks = contributing_blocks(documentation_words(REPO))
    assert replace_blocks(text, blocks) == text, STALE
    for name in ("modul.id", "modul.en", "keys", "rules"):
        assert f"<!-- generated: {name} (kurikulum docs) -->" in text


def test_every_shipped_modul_yml_fits_the_generated_schema():
    schema = json.loads((REPO / SCHEMA_FILE).read_text(encoding="utf-8"))
    for path in sorted((REPO / "modules").glob("[!_]*/[!_]*/modul.yml")):
        data = json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))
        jsonschema.validate(data, schema)


def test_the_template_markdown_has_every_declared_section_in_order():
    for lang in ("id", "en"):
        words = raw_words(lang)
        for name, sections, group in (
            (fields.TRAINER_FILE, fields.TRAINER_SECTIONS, "sections"),
            (fields.HANDOUT_FILE, fields.HANDOUT_SECTIONS, "handout_sections"),
        ):
            text = (REPO / TEMPLATE_MODULE / name.format(lang=lang)).read_text(encoding="utf-8")
            headings = re.findall(r"^## (.+)$", re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL), re.MULTILINE)
            expected = [words[group][s.key] for s in sections if s.key != "safety"]  # safety: sensitive modules only
            assert headings == expected, (name, lang)


def test_every_language_has_every_word():
    assert missing_words("en", "id") == []
    # Javanese is ready for translators: the interface is complete; checker messages and the format's
    # documentation fall back to Indonesian, which every reader in the region reads.
    fallback = ("rules", "fields", "format_docs", "section_hints", "handout_hints", "handout_hint", "messages")
    fallback += ("types", "limits", "data_kinds", "details", "yaml_problems", "yaml_advice", "places")
    assert missing_words("jv", "id", skip=fallback) == []
    assert sorted(p.stem for p in PACKAGE_WORDS.glob("*.yml")) == ["en", "id", "jv"]


def test_the_material_partial_for_javanese_translates_every_key():
    ours = (REPO / "scripts/kurikulum_mkdocs/theme/partials/languages/jv.html").read_text(encoding="utf-8")
    import material

    theirs = (Path(material.__file__).parent / "templates/partials/languages/id.html").read_text(encoding="utf-8")
    keys = re.compile(r'^\s*"([a-z.]+)":', re.MULTILINE)
    assert keys.findall(ours) == keys.findall(theirs)
    assert '"language": "jv"' in ours


def test_language_codes_appear_in_code_only_as_the_configurations_defaults():
    hits = []
    for path in sorted((REPO / "scripts/kurikulum").rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"[\"'](?:en|jv)[\"']", line):
                hits.append((f"{path.relative_to(REPO)}:{number}", line.split("=", 1)[0].strip()))
    assert [name for _, name in hits] == ["DEFAULT_LANGUAGES"], hits
    assert hits[0][0].startswith("scripts/kurikulum/language.py:")


def test_a_new_module_skeleton_is_the_declared_record(good_root: Path):
    from kurikulum.scaffold import new_module

    [meta, *_] = new_module(good_root, "hukum", "Hak atas air bersih")
    data = yaml.safe_load(meta.read_text(encoding="utf-8"))
    assert list(data) == [spec.key for spec in fields.MODULE.fields if not spec.by_command]
    assert data["id"] == "hak-atas-air-bersih" and data["urutan"] == 2
    shutil.rmtree(meta.parent)
