"""Python sources: no Chinese string literal that a person reads stays unmarked for translation.

Like tests/test_templates.py for templates. The check parses every module of the site (not migrations, tests,
bench or demo data) and reports each string literal containing Chinese that is neither inside a translation
call (`_`, `gettext`, `gettext_lazy`, `gettext_noop`, `ngettext`, `pgettext`, …), nor a docstring, nor a
regular expression (the first argument of `re.compile`/`re.search`/…: patterns that read Chinese text).

What stays Chinese on purpose is data, not interface, and is listed in ALLOWED with the reason: the national
guideline fixtures, the official letters' prescribed wording (reworded by the supervising office in the admin,
`LetterTemplate`), the statutory annual-report template and its API sections, the catalog and organisation
import/export exchange layouts (Chinese headings that a re-import must find), font names, the language's own name.
Everything else is marked and translated at display (stored event notes keep the msgid and their arguments:
`requests_app.models.RequestEvent.note`).
"""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
MARKERS = {
    "_", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy", "pgettext", "pgettext_lazy",
    "npgettext", "npgettext_lazy",
}  # fmt: skip
PATTERN_CALLS = {"compile", "search", "match", "fullmatch", "finditer", "findall", "split", "sub"}
SKIPPED_DIRS = {".venv", "tests", "bench", "migrations", "node_modules", ".scratch", "static", "locale"}
SKIPPED_NAMES = {"demo.py"}  # demo seed text (the county's sample content) is data

# file → names of module-level assignments (or "*" for the whole file) whose Chinese is data, with the reason.
ALLOWED = {
    # The national guideline entries, turned into fixtures by this build script: reference data.
    "catalog/build_guidelines.py": {"*"},
    # Parses the Chinese 公开时限 texts of catalogs into rules: the vocabulary it reads.
    "catalog/timelimits.py": {"*"},
    # The catalog workbook is the Chinese exchange layout counties share: headings, aliases, ticks.
    "catalog/spreadsheet.py": {
        "COLUMNS",
        "ALIASES",
        "CHANNEL_ALIASES",
        "TRUE_TICKS",
        "TICK",
        "_tokens",
        "read_catalog",
        "_write_catalog",
        "_header_map",
    },
    # The official letters' prescribed wording (GB/T 9704; the supervising office rewords them in the admin).
    "requests_app/letters.py": {"*"},
    # The statutory annual-report template (国办公开办函〔2021〕30号): row labels and headings stay Chinese in the
    # published report, its print view and its xlsx; see docs/conventions.md (Translations).
    "requests_app/annual_report.py": {"*"},
    "api/serializers.py": {"REPORT_SECTIONS", "AnnualReportSerializer"},
    # The organisations import file's Chinese column headings (what the CSV/xlsx must say).
    "portal/importing.py": {"HEADINGS", "KIND_NAMES"},
    "portal/management/commands/import_organisations.py": {"Command.help"},
    # Font names and the language's own name ("简体中文" stays Chinese in English); the default site name.
    "portal/spreadsheets.py": {"CJK_FONT"},
    "sitereport/spreadsheet.py": {"BODY_FONT", "TITLE_FONT"},
    "portal/settings.py": {"*"},
    # The words a message is matched against to suggest converting it into an information request (patterns).
    "interaction/services.py": {"INFORMATION_REQUEST_PATTERNS"},
    # Printed on the console for developers, in both languages.
    "portal/management/commands/seed_demo.py": {"*"},
    "disclosure/management/commands/reindex_documents.py": {"Command.help"},
    # The paper application form (DOCX and its file name) is the Chinese form an applicant fills in and hands over,
    # like the official letters.
    "column/application_form.py": {"*"},
    "column/views.py": {"application_form_docx"},
    # Patterns: the characters a telephone number may hold; the function characters a query drops.
    "column/forms.py": {"validate_phone"},
    "disclosure/search.py": {"FUNCTION_CHARACTERS"},
    # The benefit-list workbook's Chinese headings (what an import must find) and its example row.
    "villages/rules.py": {"HEADINGS"},
    "villages/spreadsheet.py": {"blank_workbook"},
}


def _python_files():
    root = Path(settings.BASE_DIR)
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root)
        if SKIPPED_DIRS & set(relative.parts) or path.name in SKIPPED_NAMES:
            continue
        yield relative


def _call_name(node):
    func = node.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None


def _owner_names(tree):
    """id(node) → the name of the top-level assignment, function or class (and Class.attribute) it sits in."""
    owners = {}
    for top in tree.body:
        names = []
        if isinstance(top, ast.Assign):
            names = [t.id for t in top.targets if isinstance(t, ast.Name)]
        elif isinstance(top, ast.AnnAssign) and isinstance(top.target, ast.Name):
            names = [top.target.id]
        elif isinstance(top, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names = [top.name]
        for node in ast.walk(top):
            owners[id(node)] = set(names)
        if isinstance(top, ast.ClassDef):
            for statement in top.body:
                if isinstance(statement, ast.Assign):
                    inner = {f"{top.name}.{t.id}" for t in statement.targets if isinstance(t, ast.Name)}
                    for node in ast.walk(statement):
                        owners[id(node)] = owners[id(node)] | inner
    return owners


def unmarked_chinese(source: str, allowed=frozenset()) -> list[tuple[int, str]]:
    """(line, text) of each Chinese literal in `source` not marked for translation and not allowed."""
    tree = ast.parse(source)
    if "*" in allowed:
        return []
    skip = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _call_name(node)
            arguments = node.args if name in MARKERS else node.args[:1] if name in PATTERN_CALLS else []
            for argument in arguments:
                skip.update(id(sub) for sub in ast.walk(argument))
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                skip.add(id(first.value))
    owners = _owner_names(tree)
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str) and HAN.search(node.value)):
            continue
        if id(node) in skip or owners.get(id(node), set()) & set(allowed):
            continue
        found.append((node.lineno, node.value))
    return sorted(found)


FILES = list(_python_files())


@pytest.mark.parametrize("relative", FILES, ids=[str(p) for p in FILES])
def test_no_unmarked_chinese_in_python(relative):
    source = (Path(settings.BASE_DIR) / relative).read_text(encoding="utf-8")
    found = unmarked_chinese(source, frozenset(ALLOWED.get(str(relative), ())))
    assert not found, "\n".join(f"{relative}:{line}: {text!r}" for line, text in found)


@pytest.mark.parametrize(
    ("source", "unmarked"),
    [
        ('MESSAGE = _("已提交。")', []),
        ('MESSAGE = "已提交。"', ["已提交。"]),
        ('def f():\n    """说明。"""\n    return gettext("好")', []),
        ('def f(n):\n    return f"共 {n} 项"', [" 项", "共 "]),
        ('PATTERN = re.compile(r"申请公开")', []),
        ('NOTE = gettext_noop("由%(org)s转来")', []),
    ],
)
def test_the_check_itself(source, unmarked):
    assert [text for _line, text in unmarked_chinese(source)] == unmarked


def test_every_allowed_file_exists():
    assert {str(p) for p in FILES} >= set(ALLOWED)
