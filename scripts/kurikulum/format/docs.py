"""Everything written about the content format, generated from its declaration (:mod:`kurikulum.format.fields`).

- :func:`record_yaml`: a commented YAML file of a record (the template module's ``modul.yml``,
  ``kurikulum new``'s skeleton);
- :func:`field_table`: the Markdown table of a record's fields for CONTRIBUTING.md;
- :func:`key_table`: the table from each Indonesian key to its English name in code;
- :func:`json_schema`: the JSON Schema of ``modul.yml`` for editors.

``kurikulum docs`` writes them; a test fails when a written copy drifts from its declaration.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

from kurikulum.format import fields
from kurikulum.format.kinds import Field, ListOf, Record
from kurikulum.language import Languages, Words, words_for

TEMPLATE_MODULE = Path("modules/_templat/contoh-modul")
SCHEMA_FILE = Path("modules/_templat/modul.schema.json")
CONTRIBUTING = Path("CONTRIBUTING.md")
BLOCK_START = "<!-- generated: {name} (kurikulum docs) -->"
BLOCK_END = "<!-- end: {name} -->"


def doc(words: Words, record: Record, spec: Field) -> str:
    return str(words.get("fields", record.name, spec.key))


def record_yaml(record: Record, all_words: list[Words], values: dict[str, str] | None = None, header: str = "") -> str:
    """The record as YAML: each field's explanation as comments in every language, then its example (or a given value)."""
    values = values or {}
    out = [header.rstrip() + "\n"] if header else []
    for spec in record.fields:
        for words in all_words:
            text = doc(words, record, spec)
            if spec.required:
                text += f" ({words.get('format_docs', 'required')})"
            out += [f"# {line}" for line in textwrap.wrap(text, 86)]
        value = values.get(spec.key)
        if value is not None:
            out.append(f"{spec.key}: {value}")
        elif spec.by_command:
            out += [f"# {line}" for line in spec.example.splitlines()]
        else:
            out.append(spec.example)
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _kind(spec: Field, words: Words) -> str:
    kind = spec.kind
    name = str(words.get("types", kind.type_key))
    if isinstance(kind, ListOf):
        inner = str(words.get("types", kind.item.type_key))
        name = f"{name} ({inner})"
    return name


def field_table(record: Record, words: Words) -> str:
    head = words.get("format_docs", "columns")
    rows = [f"| {' | '.join(head)} |", "|" + "---|" * len(head)]
    for spec in record.fields:
        required = words.get("format_docs", "mandatory" if spec.required else "optional")
        example = spec.example.strip().splitlines()[0].replace("|", "\\|")
        rows.append(f"| `{spec.key}` | {_kind(spec, words)} | {required} | `{example}` | {doc(words, record, spec)} |")
    return "\n".join(rows)


def _all_fields(record: Record) -> list[tuple[str, str]]:
    """Every key of a record, nested ones as ``ukuran_kelompok.maks``, with its name in code."""
    pairs = []
    for spec in record.fields:
        pairs.append((spec.key, spec.attr))
        nested = spec.kind.item if isinstance(spec.kind, ListOf) else spec.kind
        if isinstance(nested, Record):
            pairs += [(f"{spec.key}.{key}", f"{spec.attr}.{attr}") for key, attr in _all_fields(nested)]
    return pairs


def key_table(words: Words) -> str:
    head = words.get("format_docs", "key_columns")
    rows = [f"| {' | '.join(head)} |", "|---|---|---|"]
    for record in (fields.MODULE, fields.TOPIC, fields.TERM, fields.HELP, fields.ORGANISATION):
        for key, attr in _all_fields(record):
            rows.append(f"| `{record.name}.yml` | `{key}` | `{attr}` |")
    return "\n".join(rows)


def json_schema(languages: Languages, words: list[Words]) -> dict[str, Any]:
    schema = fields.MODULE.schema(list(languages))

    def describe(record: Record, node: dict[str, Any]) -> None:
        for spec in record.fields:
            prop = node["properties"][spec.key]
            prop["description"] = " / ".join(doc(w, record, spec) for w in words)
            nested = spec.kind.item if isinstance(spec.kind, ListOf) else spec.kind
            if isinstance(nested, Record):
                target = prop["anyOf"][0] if "anyOf" in prop else prop
                describe(nested, target.get("items", target))

    describe(fields.MODULE, schema)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "modul.yml", **schema}


def template_module_yaml(all_words: list[Words]) -> str:
    header = "\n".join(f"# {line}" for word in all_words for line in str(word.get("format_docs", "template_header")).splitlines())
    return record_yaml(fields.MODULE, all_words, header=header + "\n")


def block(name: str, text: str) -> str:
    return f"{BLOCK_START.format(name=name)}\n\n{text}\n\n{BLOCK_END.format(name=name)}"


def rules_reference(all_words: list[Words]) -> str:
    """Every checker rule with its level, message and hint in each language (parameters shown as …)."""
    import re

    from kurikulum.check.rules import RULES

    out = []
    for name, level in RULES.items():
        levels = " / ".join(str(w.get("levels", level.value)) for w in all_words)
        out += [f"### {name}", "", f"*{levels}*", ""]
        for words in all_words:
            message = re.sub(r"\{[a-z_]+\}", "…", str(words.get("rules", name, "message")))
            hint = re.sub(r"\{[a-z_]+\}", "…", str(words.get("rules", name, "hint")))
            out.append(f"- **{words.code.upper()}**: {message} {hint}")
        if name == "yaml-syntax":  # the problem and its advice are words of their own
            out.append("")
            for words in all_words:
                problems = words.get("yaml_problems")
                out += [f"  - *{words.code.upper()}*, {problems[key]}: {words.get('yaml_advice', key)}" for key in problems]
        out.append("")
    return "\n".join(out).rstrip()


def contributing_blocks(all_words: list[Words]) -> dict[str, str]:
    blocks = {"rules": rules_reference(all_words)}
    for words in all_words:
        for record in (fields.MODULE, fields.TOPIC, fields.TERM, fields.HELP, fields.ORGANISATION):
            blocks[f"{record.name}.{words.code}"] = field_table(record, words)
    blocks["keys"] = key_table(all_words[0])
    return blocks


def replace_blocks(text: str, blocks: dict[str, str]) -> str:
    for name, content in blocks.items():
        start, end = BLOCK_START.format(name=name), BLOCK_END.format(name=name)
        if start in text and end in text:
            before, rest = text.split(start, 1)
            _, after = rest.split(end, 1)
            text = before + block(name, content) + after
    return text


def documentation_words(root: Path | None = None) -> list[Words]:
    """The languages the format is documented in: those of the package's own docs (CONTRIBUTING.md is bilingual)."""
    from kurikulum.language import DEFAULT_LANGUAGES

    default = DEFAULT_LANGUAGES[0][0]
    return [words_for(code, default, root) for code, _ in DEFAULT_LANGUAGES]


def write_docs(root: Path) -> list[Path]:
    """Write the generated parts of the docs; return the files that changed."""
    from kurikulum.settings import read_settings

    settings, _ = read_settings(root)
    all_words = documentation_words(root)
    outputs = {
        root / TEMPLATE_MODULE / fields.MODULE_FILE: template_module_yaml(all_words),
        root / SCHEMA_FILE: json.dumps(json_schema(settings.languages, all_words), ensure_ascii=False, indent=2) + "\n",
    }
    contributing = root / CONTRIBUTING
    if contributing.exists():
        outputs[contributing] = replace_blocks(contributing.read_text(encoding="utf-8"), contributing_blocks(all_words))
    changed = []
    for path, text in outputs.items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed
