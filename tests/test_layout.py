"""The layout of wizard/: one package per concern, dependencies pointing one way, no SQL.

Read from the source with `ast`, so a wrong import or a raw statement fails here, by name.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.contrib.auth.backends import ModelBackend
from django.forms.renderers import DjangoTemplates
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils.module_loading import import_string

from policybuilder import urls as project_urls

ROOT = Path(__file__).resolve().parent.parent
WIZARD = ROOT / "wizard"
TEMPLATES = ROOT / "templates"

# What each concern may import from wizard/ (besides itself): review, workspace, exports and
# rollout build on policies, which builds on printing and organisations; printing renders a
# composed document and knows policies only for type hints; all may use the shared helpers.
SHARED = {"wizard.text", "wizard.fields", "wizard.limits", "wizard.mail"}
BELOW_POLICIES = {"wizard.organisations", "wizard.printing"}
ALLOWED = {
    "organisations": SHARED,
    "printing": SHARED | {"wizard.organisations"},
    "policies": SHARED | BELOW_POLICIES,
    # The publish transition waits for the participation body's consent (wizard.consent).
    "review": SHARED | BELOW_POLICIES | {"wizard.policies", "wizard.consent"},
    "workspace": SHARED | BELOW_POLICIES | {"wizard.policies"},
    "exports": SHARED | BELOW_POLICIES | {"wizard.policies"},
    "rollout": SHARED | BELOW_POLICIES | {"wizard.policies", "wizard.exports"},
    "members": SHARED | BELOW_POLICIES | {"wizard.policies"},
    # The consent dossier and the evidence pack: the register and the Word export too.
    "consent": SHARED | BELOW_POLICIES | {"wizard.policies", "wizard.rollout", "wizard.exports"},
    # Accounts decide where a new account starts (an organisation, its first policy) and keep
    # "last seen" with the session's own refresh (wizard.middleware).
    # A deleted account takes its own templates along (wizard.workspace). A provider sign-in
    # that started on an invitation accepts it (wizard.members).
    "accounts": SHARED
    | BELOW_POLICIES
    | {"wizard.policies", "wizard.workspace", "wizard.middleware", "wizard.members"},
    "masters": SHARED | BELOW_POLICIES | {"wizard.policies", "wizard.workspace"},
    # The portfolio reads each client's consent status and confirmations, downloads as the
    # register does (wizard.rollout.spreadsheet), and lists the open questions (wizard.questions).
    "portfolio": SHARED
    | BELOW_POLICIES
    | {"wizard.policies", "wizard.masters", "wizard.consent", "wizard.rollout", "wizard.questions"},
    # Ask your consultant: a question about a step, answered with a comment on it.
    "questions": SHARED | BELOW_POLICIES | {"wizard.policies"},
    # The clause library's updates merge as a master's do and show their words' differences
    # as the history does.
    "library": SHARED | BELOW_POLICIES | {"wizard.policies", "wizard.masters", "wizard.review"},
}
CONCERNS = sorted(ALLOWED)


def modules(package: str = "") -> list[Path]:
    root = WIZARD / package if package else WIZARD
    return sorted(p for p in root.rglob("*.py") if "migrations" not in p.parts)


def type_checking_block(node: ast.stmt) -> bool:
    return isinstance(node, ast.If) and ast.unparse(node.test) in (
        "TYPE_CHECKING",
        "typing.TYPE_CHECKING",
    )


def wizard_imports(path: Path, *, type_hints: bool = True) -> list[tuple[str, bool]]:
    """(module, at module level) for every import of a wizard module in `path`; those under
    a module-level `if TYPE_CHECKING:` count as module level, and only with `type_hints`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top_level = {id(node) for node in tree.body}
    for block in [node for node in tree.body if type_checking_block(node)]:
        if type_hints:
            top_level |= {id(node) for node in block.body}
        else:
            tree.body.remove(block)
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
        # An import only for type hints (under `if TYPE_CHECKING:`) is no dependency.
        for module, _top in wizard_imports(path, type_hints=False):
            # `from wizard.policies import forms` names the module by its package too
            if module.count(".") == 0 or concern_of(module) in allowed or module in SHARED:
                continue
            if any(module.startswith(f"{shared}.") for shared in SHARED):
                continue
            wrong.append(f"{path.relative_to(WIZARD)} imports {module}")
    assert wrong == []


def test_no_module_imports_a_private_name_of_another_package():
    wrong = []
    for path in modules():
        own = concern_of(".".join(("wizard", *path.relative_to(WIZARD).with_suffix("").parts)))
        for module, _top in wizard_imports(path):
            importing_from, _, name = module.rpartition(".")
            private = name.startswith("_") and not name.startswith("__")
            if private and concern_of(importing_from) != own:
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


def test_sessions_and_logins_are_djangos_own(settings):
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"
    # allauth's backend is Django's ModelBackend, with login by e-mail address too.
    backends = [import_string(path) for path in settings.AUTHENTICATION_BACKENDS]
    assert any(issubclass(backend, ModelBackend) for backend in backends)


def test_templates_cache_no_fragments():
    cached = [
        str(p.relative_to(TEMPLATES))
        for p in TEMPLATES.rglob("*.html")
        if "{% cache" in p.read_text("utf-8")
    ]
    assert cached == []


# --- Each concern's room: its URLs and its templates ----------------------------------------


@pytest.mark.parametrize("concern", [c for c in CONCERNS if (WIZARD / c / "views.py").is_file()])
def test_each_concern_with_pages_has_its_urls(concern):
    assert (WIZARD / concern / "urls.py").is_file()


def test_the_project_urls_import_no_concerns_views():
    imported = wizard_imports(ROOT / "policybuilder" / "urls.py")
    views = [
        module
        for module, _top in imported
        if concern_of(module).removeprefix("wizard.") in ALLOWED
        and module.rsplit(".", 1)[-1] in {"views", "wizard"}
    ]
    assert views == []


@pytest.mark.parametrize("concern", [c for c in CONCERNS if (WIZARD / c / "urls.py").is_file()])
def test_each_concerns_urls_are_included_once(concern):
    included = [
        pattern
        for pattern in project_urls.urlpatterns
        if getattr(getattr(pattern, "urlconf_name", None), "__name__", "")
        == f"wizard.{concern}.urls"
    ]
    assert len(included) == 1


def template_names(path: Path) -> list[str]:
    """Every template a module names: its string literals ending in .html or .txt, and the
    fixed start of an f-string that does (`f"review/email/{name}_body.txt"` names
    "review/email/")."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    in_f_strings = {
        id(value)
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr)
        for value in node.values
    }
    # A file written into a zip (`pack.writestr("summary.txt", ...)`) is no template.
    archived = {
        id(node.args[0])
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "writestr"
        and node.args
    }
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            first, last = node.values[0], node.values[-1]
            if isinstance(last, ast.Constant) and str(last.value).endswith((".html", ".txt")):
                names.append(first.value if isinstance(first, ast.Constant) else "")
        elif (
            isinstance(node, ast.Constant)
            and id(node) not in in_f_strings
            and id(node) not in archived
            and isinstance(node.value, str)
            and re.fullmatch(r"[\w/.-]+\.(html|txt)", node.value)
        ):
            names.append(node.value)
    return names


def owner_of(template: str) -> str | None:
    """The concern whose folder a template is in; None for the shared ones (the top level,
    print/, registration/)."""
    folder = template.split("/", 1)[0] if "/" in template else ""
    return folder if folder in ALLOWED else None


def included(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    return re.findall(r"{%\s*(?:include|extends)\s+[\"']([^\"']+)[\"']", text)


@pytest.mark.parametrize("concern", CONCERNS)
def test_a_concern_names_only_its_own_or_shared_templates(concern):
    wrong = [
        f"{path.relative_to(WIZARD)} names {name}"
        for path in modules(concern)
        for name in template_names(path)
        if owner_of(name) not in (None, concern)
    ]
    assert wrong == []


@pytest.mark.parametrize("concern", CONCERNS)
def test_a_concerns_templates_include_only_its_own_or_shared_ones(concern):
    wrong = [
        f"{path.relative_to(TEMPLATES)} includes {name}"
        for path in sorted((TEMPLATES / concern).rglob("*.*"))
        for name in included(path)
        if owner_of(name) not in (None, concern)
    ]
    assert wrong == []


def template_exists(name: str) -> bool:
    """Found by the site's template engine, or by the form renderer's (Django's widgets)."""
    for get in (get_template, DjangoTemplates().get_template):
        try:
            get(name)
        except TemplateDoesNotExist:
            continue
        return True
    return False


def test_every_template_named_in_the_code_exists():
    named = {name for path in modules() for name in template_names(path)}
    named |= {name for path in TEMPLATES.rglob("*.*") for name in included(path)}
    present = [str(p.relative_to(TEMPLATES)) for p in TEMPLATES.rglob("*.*")]
    # An f-string's fixed start names the templates that begin with it; a library's own
    # templates (django-allauth's snippets) are found by the template loaders.
    missing = sorted(
        name
        for name in named
        if not any(p.startswith(name) for p in present) and not template_exists(name)
    )
    assert [name for name in missing if name] == []
