"""Dependency hygiene: no installed package is older than its last security fix we know of.

When a new advisory comes out, raise the minimum here and in pyproject.toml together.
"""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent

# The newest Django 5.2 patch release when this was written (`pip index versions django`);
# every 5.2 patch release so far has carried security fixes.
DJANGO_MINIMUM = Version("5.2.19")

# Runtime packages with published advisories, and the first release that fixes the last one.
MINIMUM_VERSIONS = {
    "django": DJANGO_MINIMUM,
    # 70 replaced function URL fetchers; the project's fetcher (wizard/printing/) needs it.
    "weasyprint": Version("70"),
    # CVE-2024-28219 (buffer overflow in ImageCms), after CVE-2023-50447 (eval in ImageMath).
    "pillow": Version("10.3.0"),
    # CVE-2024-4340 (recursion error on deeply nested SQL), used by Django's SQL formatting.
    "sqlparse": Version("0.5.0"),
    # CVE-2024-6827 (request smuggling through Transfer-Encoding).
    "gunicorn": Version("23.0.0"),
    # CVE-2023-45139 (XML external entities while subsetting fonts, as WeasyPrint does).
    "fonttools": Version("4.43.0"),
}


def project_requirements() -> dict[str, Requirement]:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    requirements = [Requirement(line) for line in pyproject["project"]["dependencies"]]
    return {requirement.name.lower(): requirement for requirement in requirements}


@pytest.mark.parametrize(("package", "minimum"), sorted(MINIMUM_VERSIONS.items()))
def test_installed_package_is_at_least_the_fixed_release(package, minimum):
    assert Version(version(package)) >= minimum, f"{package} {version(package)} < {minimum}"


def test_django_stays_on_the_5_2_lts_series():
    assert Version(version("django")).release[:2] == (5, 2)


def test_pyproject_requires_at_least_the_patched_django():
    specifier = project_requirements()["django"].specifier
    assert specifier.contains(str(DJANGO_MINIMUM))
    assert not specifier.contains("5.2.18")
    assert not specifier.contains("5.3")


def test_pyproject_requires_weasyprint_70_or_newer():
    specifier = project_requirements()["weasyprint"].specifier
    assert not specifier.contains("69.0")
    assert specifier.contains("70.0")


def test_ruff_security_rules_are_enabled():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    lint = pyproject["tool"]["ruff"]["lint"]
    assert "S" in lint["select"]
    # Only `assert` is allowed everywhere; anything else is silenced line by line, with a reason.
    assert [rule for rule in lint.get("ignore", []) if rule.startswith("S")] == ["S101"]


SECURITY_NOQA = re.compile(r"#\s*noqa:\s*(?P<codes>[A-Z0-9, ]*\bS\d+[A-Z0-9, ]*)(?P<rest>.*)$")


def python_sources() -> list[Path]:
    skipped = {".venv", "node_modules", "staticfiles", "media", ".git", "migrations"}
    return [
        path
        for path in ROOT.rglob("*.py")
        if not skipped.intersection(path.relative_to(ROOT).parts)
    ]


def test_every_silenced_security_finding_says_why():
    unexplained = []
    for path in python_sources():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            match = SECURITY_NOQA.search(line)
            # `# noqa: S105 - demo accounts, created only by this command`
            if match and not re.search(r"[A-Za-z]{3,}", match["rest"]):
                unexplained.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert unexplained == []
