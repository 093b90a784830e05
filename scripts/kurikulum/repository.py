"""``kurikulum init`` and ``kurikulum upgrade``: a new curriculum repository, and keeping one up to the tool.

``init`` writes what a volunteer can push to GitHub as it is: the organisation file filled
from the answers, the Makefile (which installs the tool at the version ``pyproject.toml``
pins, or from ``KURIKULUM_SOURCE``), the CI script and workflows, CONTRIBUTING.md, the pull
request template and issue forms, the commented template module, one topic with one short
example module (a draft) in each language, and an empty help directory. It refuses a folder
that is not empty, before writing anything.

``upgrade`` rewrites only the files the tool owns (``OWNED``: the Makefile, CI, workflows,
templates, the pin) from the installed version; ``modules/`` (but ``_templat``), ``docs/``
and the organisation file are the curriculum's and are never touched. The content format is
then checked as usual: anything an older format allowed and this one does not is reported
as ``path:line: message`` by ``make check``.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import yaml

from kurikulum import __version__
from kurikulum.format import fields
from kurikulum.language import CURRICULUM_WORDS, DEFAULT_LANGUAGES, PACKAGE_WORDS, raw_words
from kurikulum.scaffold import handout_skeleton, trainer_skeleton

TEMPLATES = Path(__file__).resolve().parent / "templates"
REPOSITORY = TEMPLATES / "repository"
STARTER = TEMPLATES / "starter"
# The files the tool owns: `upgrade` rewrites them; everything else belongs to the curriculum.
OWNED = (
    "Makefile",
    ".ci/run",
    ".github/workflows/test.yml",
    ".github/workflows/deploy.yml",
    ".github/pull_request_template.md",
    ".github/ISSUE_TEMPLATE/config.yml",
    ".github/ISSUE_TEMPLATE/koreksi-isi.yml",
    ".github/ISSUE_TEMPLATE/laporan-lapangan.yml",
    "overrides/README.md",
)
PIN = re.compile(r'"kurikulum(?:==| @ )[^"]*"')
EXECUTABLE = (".ci/run",)
DEFAULT_LICENCE = "CC BY-SA 4.0"  # the norm for open educational material; the organisation may change it
DEFAULT_COLOURS = {"utama": "#1d4e89", "latar": "#ffffff"}


class RepositoryError(Exception):
    """A reason to stop before anything is written, in the volunteer's words."""


@dataclass(frozen=True)
class Answers:
    name: str
    languages: tuple[str, ...]
    region: str | None = None
    site_url: str | None = None  #: known before publishing only when the GitHub account and repository are chosen
    repository: str | None = None


def requirement() -> str:
    """How the new repository pins this tool: the Git commit it was installed from, else its version.

    pip records a Git install in the distribution's ``direct_url.json`` (PEP 610); a tool installed
    from a Git address writes that address, so `make` works before any release on a registry.
    """
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        raw = distribution("kurikulum").read_text("direct_url.json")
    except PackageNotFoundError:
        raw = None
    data = json.loads(raw) if raw else {}
    vcs = data.get("vcs_info") or {}
    if vcs.get("vcs") == "git" and data.get("url"):
        return f"kurikulum @ git+{data['url']}@{vcs.get('commit_id') or vcs.get('requested_revision')}"
    return f"kurikulum=={__version__}"


def slug_of(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "kurikulum"


def yaml_scalar(value: object) -> str:
    """One value as YAML (JSON strings are YAML): a name with a colon or a quote stays one string."""
    return json.dumps(value, ensure_ascii=False)


def environment() -> jinja2.Environment:
    # Other delimiters than Jinja's: GitHub workflows use ${{ ... }} themselves.
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(REPOSITORY)),
        variable_start_string="[[",
        variable_end_string="]]",
        block_start_string="[%",
        block_end_string="%]",
        comment_start_string="[#",
        comment_end_string="#]",
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # YAML, Makefiles and Markdown; values go through the yaml filter where they must
    )
    env.filters["yaml"] = yaml_scalar
    return env


def starter_texts() -> dict[str, Any]:
    return yaml.safe_load((STARTER / "starter.yml").read_text(encoding="utf-8"))


def language_name(code: str) -> str:
    known = dict(DEFAULT_LANGUAGES)
    shipped = raw_words(code) if (PACKAGE_WORDS / f"{code}.yml").exists() else {}
    return str((shipped.get("language") or {}).get("name") or known.get(code) or code)


def organisation_yaml(answers: Answers, texts: dict[str, Any]) -> str:
    default = answers.languages[0]

    def text(lang: str, key: str, **params: str) -> str:
        return str((texts.get(lang) or texts[default if default in texts else DEFAULT_LANGUAGES[0][0]])[key]).format(**params)

    description_key = "description" if answers.region else "description_no_region"
    lines = [
        "# Organisasi yang menerbitkan kurikulum ini, bahasa situsnya dan kelompok pesertanya.",
        "# The organisation that publishes this curriculum, the site's languages and its audiences.",
        "# Penjelasan setiap kolom / every field explained: CONTRIBUTING.md.",
        "",
        f"nama: {yaml_scalar(answers.name)}",
    ]
    if answers.region:
        lines.append(f"wilayah: {yaml_scalar(answers.region)}")
    lines += ["", "deskripsi:"]
    lines += [f"  {lang}: {yaml_scalar(text(lang, description_key, region=answers.region or ''))}" for lang in answers.languages]
    lines += [
        "",
        "# Alamat situs yang terbit (kode QR di lembar peserta) dan repositorinya: isi setelah membuat",
        "# repositori di GitHub. / The published site's address (the handouts' QR codes) and the repository.",
        f"situs: {yaml_scalar(answers.site_url)}"
        if answers.site_url
        else "# situs: https://NAMA-AKUN.github.io/NAMA-REPOSITORI/",
        f"repositori: {yaml_scalar(answers.repository)}"
        if answers.repository
        else "# repositori: https://github.com/NAMA-AKUN/NAMA-REPOSITORI",
        "",
        f"lisensi: {DEFAULT_LICENCE}",
        "warna:",
        *(f'  {key}: "{value}"' for key, value in DEFAULT_COLOURS.items()),
        "",
        "# Bahasa situs, berurutan: yang pertama adalah bahasa bawaan (sumber semua terjemahan).",
        "bahasa:",
    ]
    for lang in answers.languages:
        lines += [f"  - kode: {lang}", f"    nama: {yaml_scalar(language_name(lang))}"]
    lines += ["", "# Kelompok peserta yang boleh dipilih di modul.yml (peserta: [...]).", "peserta:"]
    labels = ", ".join(f"{lang}: {yaml_scalar(text(lang, 'audience'))}" for lang in answers.languages)
    lines.append(f"  umum: {{{labels}}}")
    return "\n".join(lines) + "\n"


def topic_yaml(answers: Answers, texts: dict[str, Any]) -> str:
    lines = ["urutan: 1", "judul:"]
    fallback = texts.get(answers.languages[0]) or texts[DEFAULT_LANGUAGES[0][0]]
    lines += [f"  {lang}: {yaml_scalar((texts.get(lang) or fallback)['topic_title'])}" for lang in answers.languages]
    lines.append("deskripsi:")
    lines += [f"  {lang}: {yaml_scalar((texts.get(lang) or fallback)['topic_description'])}" for lang in answers.languages]
    return "\n".join(lines) + "\n"


def owned_files(answers: Answers, texts: dict[str, Any]) -> dict[str, str]:
    """The tool's files of a curriculum repository, rendered for these answers (what `upgrade` rewrites)."""
    env = environment()
    context = context_of(answers, texts)
    return {name: env.get_template(name).render(**context) for name in OWNED}


def context_of(answers: Answers, texts: dict[str, Any]) -> dict[str, Any]:
    default = answers.languages[0]
    fallback = texts.get(default) or texts[DEFAULT_LANGUAGES[0][0]]
    mine = texts.get(default) or fallback
    description_key = "description" if answers.region else "description_no_region"
    return {
        "name": answers.name,
        "slug": slug_of(answers.name),
        "version": __version__,
        "requirement": requirement(),
        "default": default,
        "topic": texts["topic"],
        "module": texts["module"],
        "help_file": fields.HELP_FILE,
        "tagline": "",
        "description": str(mine[description_key]).format(region=answers.region or ""),
        "topics": [" / ".join(dict.fromkeys(str((texts.get(lang) or fallback)["topic_title"]) for lang in answers.languages))],
    }


def repository_files(answers: Answers) -> dict[str, str]:
    """Every file `init` writes (path relative to the new repository -> text), but the generated docs."""
    texts = starter_texts()
    env = environment()
    context = context_of(answers, texts)
    files = owned_files(answers, texts)
    for name in (
        "pyproject.toml",
        "mkdocs.yml",
        "README.md",
        "CONTRIBUTING.md",
        ".gitignore",
        ".github/ISSUE_TEMPLATE/usul-modul.yml",
    ):
        files[name] = env.get_template(name).render(**context)
    home = env.get_template("docs/index.md")
    for position, lang in enumerate(answers.languages):
        mine = texts.get(lang) or texts.get(answers.languages[0]) or texts[DEFAULT_LANGUAGES[0][0]]
        description_key = "description" if answers.region else "description_no_region"
        page = "docs/index.md" if position == 0 else f"docs/index.{lang}.md"
        files[page] = home.render(**{**context, "description": str(mine[description_key]).format(region=answers.region or "")})
    files[f"modules/{fields.ORGANISATION_FILE}"] = organisation_yaml(answers, texts)
    files[f"modules/{fields.HELP_FILE}"] = (
        "# Direktori layanan bantuan: setiap layanan yang boleh dicetak di lembar peserta (lihat CONTRIBUTING.md).\n"
        "# The help directory: every service the handouts may print (see CONTRIBUTING.md).\n[]\n"
    )
    topic = f"modules/{texts['topic']}"
    files[f"{topic}/{fields.TOPIC_FILE}"] = topic_yaml(answers, texts)
    module = f"{topic}/{texts['module']}"
    files[f"{module}/{fields.MODULE_FILE}"] = (STARTER / "modul.yml").read_text(encoding="utf-8")
    for lang in answers.languages:
        for name in (fields.TRAINER_FILE, fields.HANDOUT_FILE):
            source = STARTER / name.format(lang=lang)
            if source.exists():
                files[f"{module}/{name.format(lang=lang)}"] = source.read_text(encoding="utf-8")
    return files


def template_module(root: Path, languages: tuple[str, ...]) -> list[Path]:
    """The commented template module's Markdown files, one pair per language (modul.yml comes from `kurikulum docs`)."""
    from kurikulum.settings import read_settings

    settings, _ = read_settings(root)
    texts = starter_texts()
    fallback = texts.get(languages[0]) or texts[DEFAULT_LANGUAGES[0][0]]
    folder = root / "modules" / "_templat" / "contoh-modul"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for lang in languages:
        words = settings.words(lang)
        title = str((texts.get(lang) or fallback)["template_title"])
        for name, text in ((fields.TRAINER_FILE, trainer_skeleton(title, words)), (fields.HANDOUT_FILE, handout_skeleton(words))):
            path = folder / name.format(lang=lang)
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def init_repository(target: Path, answers: Answers) -> list[Path]:
    """Write a new curriculum repository into ``target`` (absent or empty); return the files written."""
    from kurikulum.format.docs import write_docs
    from kurikulum.translation import record_fingerprint

    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise RepositoryError(str(target))
    files = repository_files(answers)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in files.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        if name in EXECUTABLE:
            path.chmod(0o755)
        written.append(path)
    default = answers.languages[0]
    for code in answers.languages:
        if not (PACKAGE_WORDS / f"{code}.yml").exists():  # as `add-language` does: words for translators to fill in
            words = target / CURRICULUM_WORDS / f"{code}.yml"
            words.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(
                PACKAGE_WORDS / f"{default}.yml"
                if (PACKAGE_WORDS / f"{default}.yml").exists()
                else PACKAGE_WORDS / f"{DEFAULT_LANGUAGES[0][0]}.yml",
                words,
            )
            written.append(words)
    texts = starter_texts()
    module = target / "modules" / texts["topic"] / texts["module"]
    for name in (fields.TRAINER_FILE, fields.HANDOUT_FILE):
        source = module / name.format(lang=default)
        for lang in answers.languages[1:]:
            translation = module / name.format(lang=lang)
            if source.exists() and translation.exists():
                record_fingerprint(source, translation)
    written += template_module(target, answers.languages)
    written += [path for path in write_docs(target) if path not in written]
    return written


def upgrade_repository(root: Path) -> list[Path]:
    """Rewrite the tool's files of an existing repository from the installed version; return those that changed."""
    from kurikulum.format.docs import write_docs
    from kurikulum.settings import read_settings

    settings, _ = read_settings(root)
    answers = Answers(settings.name, settings.languages.codes, settings.region)
    changed = []
    for name, text in owned_files(answers, starter_texts()).items():
        path = root / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            if name in EXECUTABLE:
                path.chmod(0o755)
            changed.append(path)
    pyproject = root / "pyproject.toml"
    if pyproject.exists():
        text = pyproject.read_text(encoding="utf-8")
        pinned = PIN.sub(f'"{requirement()}"', text)
        if pinned != text:
            pyproject.write_text(pinned, encoding="utf-8")
            changed.append(pyproject)
    changed += write_docs(root)
    return changed
