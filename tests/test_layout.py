"""The layout of wizard/: one package per concern, dependencies pointing one way, no SQL.

Read from the source with `ast`, so a wrong import or a raw statement fails here, by name.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.contrib.auth.backends import ModelBackend
from django.utils.module_loading import import_string

WIZARD = Path(__file__).resolve().parent.parent / "wizard"

# What each concern may import from wizard/ (besides itself): review, workspace, exports and
# rollout build on policies, which builds on organisations; all may use the shared helpers.
SHARED = {"wizard.text", "wizard.fields", "wizard.limits", "wizard.mail", "wizard.remembered"}
ALLOWED = {
    "organisations": SHARED,
    "policies": SHARED | {"wizard.organisations"},
    "review": SHARED | {"wizard.organisations", "wizard.policies"},
    "workspace": SHARED | {"wizard.organisations", "wizard.policies"},
    "exports": SHARED | {"wizard.organisations", "wizard.policies"},
    "rollout": SHARED | {"wizard.organisations", "wizard.policies", "wizard.exports"},
    # Accounts decide where a new account starts (an organisation, its first policy) and keep
    # "last seen" with the session's own refresh (wizard.middleware).
    # A deleted account takes its own templates along (wizard.workspace).
    "accounts": SHARED
    | {"wizard.organisations", "wizard.policies", "wizard.workspace", "wizard.middleware"},
}
CONCERNS = sorted(ALLOWED)


def modules(package: str = "") -> list[Path]:
    root = WIZARD / package if package else WIZARD
    return sorted(p for p in root.rglob("*.py") if "migrations" not in p.parts)


def wizard_imports(path: Path) -> list[tuple[str, bool]]:
    """(module, at module level) for every import of a wizard module in `path`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top_level = {id(node) for node in tree.body}
    found = []
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            if name == "wizard" or name.startswith("wizard."):
                found.append((name, id(node) in top_level))
    return found


def concern_of(module: str) -> str:
    parts = module.split(".")
    return ".".join(parts[:2])


@pytest.mark.parametrize("concern", CONCERNS)
def test_each_concern_is_a_package(concern):
    assert (WIZARD / concern / "__init__.py").is_file()


@pytest.mark.parametrize("concern", CONCERNS)
def test_dependencies_point_one_way(concern):
    allowed = ALLOWED[concern] | {f"wizard.{concern}"}
    wrong = []
    for path in modules(concern):
        for module, _top in wizard_imports(path):
            # `from wizard.policies import layout` names the module by its package too
            if module.count(".") == 0 or concern_of(module) in allowed or module in SHARED:
                continue
            if any(module.startswith(f"{shared}.") for shared in SHARED):
                continue
            wrong.append(f"{path.relative_to(WIZARD)} imports {module}")
    assert wrong == []


def test_no_import_hides_inside_a_function():
    hidden = [
        f"{path.relative_to(WIZARD)}: {module}"
        for path in modules()
        for module, top in wizard_imports(path)
        if not top
    ]
    assert hidden == []


def test_no_view_module_imports_another():
    views = {"views", "wizard"}  # the wizard module is the six-step view
    wrong = []
    for path in modules():
        for module, _top in wizard_imports(path):
            last = module.rsplit(".", 1)[-1]
            if last in views and path.stem in views and module != "wizard":
                wrong.append(f"{path.relative_to(WIZARD)} imports {module}")
    assert wrong == []


@pytest.mark.parametrize("needle", ["cursor.execute", ".raw(", "cursor()", "extra("])
def test_no_hand_written_sql(needle):
    found = [str(p.relative_to(WIZARD)) for p in modules() if needle in p.read_text("utf-8")]
    assert found == []


@pytest.mark.parametrize(
    "gone", ["statements.py", "policy_rows.py", "sessions.py", "backends.py", "fragments.py"]
)
def test_the_speed_machinery_is_gone(gone):
    assert not (WIZARD / gone).exists()


def test_sessions_and_logins_are_djangos_own(settings):
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"
    # allauth's backend is Django's ModelBackend, with login by e-mail address too.
    backends = [import_string(path) for path in settings.AUTHENTICATION_BACKENDS]
    assert any(issubclass(backend, ModelBackend) for backend in backends)


def test_templates_cache_no_fragments():
    templates = Path(__file__).resolve().parent.parent / "templates"
    cached = [
        str(p.relative_to(templates))
        for p in templates.rglob("*.html")
        if "{% cache" in p.read_text("utf-8")
    ]
    assert cached == []
