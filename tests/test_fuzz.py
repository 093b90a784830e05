"""Whatever a volunteer types, the loader answers with findings, never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kurikulum.check import check

from .conftest import FIXTURES, TODAY

yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20) | st.dates(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)
FILES = ("modul.yml", "pelatih.id.md", "peserta.id.md", "pelatih.en.md")


def fresh_root(tmp: Path) -> Path:
    root = tmp / "root"
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(FIXTURES / "good", root)
    return root


def assert_reported(root: Path) -> None:
    _, findings = check(root, today=TODAY)
    assert findings, "a damaged file must produce at least one finding"
    for finding in findings:
        assert finding.path.startswith("modules/") and finding.line >= 1
        finding.message("id"), finding.message("en"), finding.hint("id"), finding.hint("en")


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(name=st.sampled_from(FILES), data=st.binary(max_size=400))
def test_random_bytes(tmp_path: Path, name: str, data: bytes):
    root = fresh_root(tmp_path)
    target = root / "modules/hukum/bantuan-hukum" / name
    original = target.read_bytes()
    target.write_bytes(data)
    _, findings = check(root, today=TODAY)
    if data != original:
        assert findings or target.read_bytes() == original
    for finding in findings:
        finding.message("id"), finding.message("en")


@SETTINGS
@given(data=yaml_values)
def test_random_yaml_metadata(tmp_path: Path, data: object):
    root = fresh_root(tmp_path)
    (root / "modules/hukum/bantuan-hukum/modul.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert_reported(root)


@SETTINGS
@given(data=yaml_values)
def test_random_yaml_front_matter(tmp_path: Path, data: object):
    root = fresh_root(tmp_path)
    target = root / "modules/hukum/bantuan-hukum/pelatih.id.md"
    body = target.read_text(encoding="utf-8").split("---", 2)[2]
    target.write_text("---\n" + yaml.safe_dump(data, allow_unicode=True) + "---" + body, encoding="utf-8")
    assert_reported(root)
