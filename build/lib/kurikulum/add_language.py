"""``kurikulum add-language CODE --name NAME``: a new language for the whole site, by configuration.

It appends the language to ``bahasa`` in ``modules/organisasi.yml`` (after the others: the
default stays first) and makes sure the language has interface words: the package's own
file when it ships one (``jv`` does), else ``overrides/words/<code>.yml`` copied from the
default language, for translators to fill in. The engine adapter adds what the theme
needs (a language partial when the theme has none). After it, ``make build`` builds the
site in that language too: each module falls back to the default language with the
"not yet translated" notice until someone translates it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from kurikulum.format.fields import LANGUAGE_CODE
from kurikulum.format.source import read_text
from kurikulum.language import CURRICULUM_WORDS, PACKAGE_WORDS, Words
from kurikulum.settings import read_settings


def add_language(root: Path, code: str, name: str, words: Words) -> int:
    if not LANGUAGE_CODE.match(code):
        print(words.message("bad_language_code", code=code))
        return 2
    settings, _ = read_settings(root)
    config = settings.config_path
    shown = config.relative_to(root).as_posix()
    if code in settings.languages:
        print(words.message("language_exists", code=code, file=shown))
        return 0
    text = read_text(config)
    entry = f"  - kode: {code}\n    nama: {_quoted(name)}\n"
    config.write_text(_append_language(text, entry), encoding="utf-8")
    print(words.message("language_added", code=code, name=name, file=shown))
    if (PACKAGE_WORDS / f"{code}.yml").exists():
        print(words.message("language_words_shipped", code=code))
    else:
        target = root / CURRICULUM_WORDS / f"{code}.yml"
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(PACKAGE_WORDS / f"{settings.languages.default}.yml", target)
        print(words.message("language_words", file=target.relative_to(root).as_posix(), name=name))
    import importlib

    from kurikulum.build import ENGINE_ADAPTER

    importlib.import_module(ENGINE_ADAPTER).prepare_language(root, code, settings.languages.default)
    return 0


def _quoted(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _append_language(text: str, entry: str) -> str:
    """``entry`` added as the last item of the ``bahasa:`` list, keeping the file's comments and layout."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("bahasa:"))
    end = start + 1
    while end < len(lines) and (
        lines[end].startswith((" ", "-")) or not lines[end].strip() and end + 1 < len(lines) and lines[end + 1].startswith(" ")
    ):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    return "\n".join([*lines[:end], entry.rstrip("\n"), *lines[end:]])
