"""Publish by pushing: the GitHub Pages workflow, `check --format github`, and the CNAME a
custom domain needs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from ck_builds import edit
from ck_paths import FJORD, ROOT
from coalition_kit.load.loader import load_data
from coalition_kit.load.problems import Problem
from coalition_kit.model.privacy import public_view
from coalition_kit.paths import Project
from coalition_kit.pipeline.annotations import annotation
from coalition_kit.pipeline.website import publish_site
from coalition_kit.site.finish import finish_site
from coalition_kit.site.inputs import SiteInputs

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"

# --- the workflow -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def flow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def triggers(flow: dict) -> dict:
    return flow.get("on", flow.get(True))  # YAML 1.1 reads a bare `on` key as true


def steps(flow: dict) -> list[dict]:
    return [step for job in flow["jobs"].values() for step in job.get("steps", [])]


_EXPRESSION = re.compile(r"^(?:\s|\(|\)|==|!=|\|\||&&|'[^']*'|,|format|github(?:\.\w+)+)+$")


def runs(condition: str | None, event: str, ref: str, default_branch: str = "main") -> bool:
    """Whether a job or step with ``if: condition`` runs for one run of the workflow (the few
    expression forms the workflow uses; anything else fails the test)."""
    if condition is None:
        return True
    condition = condition.strip().removeprefix("${{").removesuffix("}}")
    assert _EXPRESSION.match(condition), f"an expression this test cannot read: {condition}"
    python = condition.replace("||", " or ").replace("&&", " and ")
    github = SimpleNamespace(event_name=event, ref=ref,
                             event=SimpleNamespace(repository=SimpleNamespace(default_branch=default_branch)))
    return bool(eval(python, {"__builtins__": {}}, {"github": github, "format": lambda f, *a: f.format(*a)}))


def test_workflow_uses_only_githubs_own_actions(flow: dict) -> None:
    used = [step["uses"] for step in steps(flow) if "uses" in step]
    assert used, "no action used"
    for action in used:
        assert action.startswith("actions/") and re.search(r"@v\d+$", action), action
    names = {action.split("@")[0] for action in used}
    assert {"actions/checkout", "actions/setup-python", "actions/configure-pages",
            "actions/upload-pages-artifact", "actions/deploy-pages"} <= names


def test_workflow_checks_and_builds_every_push_and_pull_request(flow: dict) -> None:
    on = triggers(flow)
    assert "push" in on and "pull_request" in on
    build = flow["jobs"]["build"]
    commands = [step.get("run", "") for step in build["steps"]]
    check = next(i for i, run in enumerate(commands) if "coalition check --format github" in run)
    make = next(i for i, run in enumerate(commands) if run.strip() == "make build")
    assert check < make
    for event, ref in [("push", "refs/heads/main"), ("push", "refs/heads/fix-hotline"),
                       ("pull_request", "refs/pull/7/merge")]:
        assert runs(build.get("if"), event, ref)
        for i in (check, make):
            assert runs(build["steps"][i].get("if"), event, ref)


@pytest.mark.parametrize(("event", "ref", "default", "published"), [
    ("push", "refs/heads/main", "main", True),
    ("push", "refs/heads/master", "master", True),  # whatever the fork's default branch is
    ("push", "refs/heads/fix-hotline", "main", False),
    ("push", "refs/tags/v1", "main", False),
    ("pull_request", "refs/pull/7/merge", "main", False),
    ("pull_request", "refs/heads/main", "main", False),
])
def test_workflow_publishes_only_pushes_to_the_default_branch(flow: dict, event: str, ref: str, default: str,
                                                              published: bool) -> None:
    jobs = flow["jobs"]
    upload = next(s for s in jobs["build"]["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site"
    deploy = jobs["deploy"]
    assert deploy["needs"] == "build"
    assert any(s.get("uses", "").startswith("actions/deploy-pages") for s in deploy["steps"])
    assert runs(upload.get("if"), event, ref, default) is published
    assert runs(deploy.get("if"), event, ref, default) is published


def test_workflow_permissions_and_concurrency(flow: dict) -> None:
    assert flow["permissions"] == {"contents": "read"}  # pull requests get a read-only token
    assert "permissions" not in flow["jobs"]["build"]
    assert flow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert flow["jobs"]["deploy"]["environment"]["name"] == "github-pages"
    assert flow["concurrency"]["group"]
    assert flow["jobs"]["deploy"]["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_workflow_installs_what_weasyprint_needs(flow: dict) -> None:
    commands = "\n".join(step.get("run", "") for step in flow["jobs"]["build"]["steps"])
    assert "libpango-1.0-0" in commands and "libpangoft2-1.0-0" in commands
    assert "make install" in commands


# --- coalition check --format github -----------------------------------------------------

#: One annotation: no raw comma or colon in a property, no raw newline anywhere.
ANNOTATION = re.compile(r"^::(?P<kind>error|warning) file=(?P<file>[^,:\n]+),line=(?P<line>\d+),col=(?P<col>\d+)"
                        r"::(?P<message>[^\r\n]*)$")


def unescape(text: str) -> str:
    codes = {"%25": "%", "%0D": "\r", "%0A": "\n", "%3A": ":", "%2C": ","}
    return re.sub(r"%(?:25|0D|0A|3A|2C)", lambda m: codes[m.group(0)], text)


def check(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    return subprocess.run([sys.executable, "-m", "coalition_kit.cli", "check", *args], cwd=project, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A checkout whose data folder's name has a comma and a colon in it: ``data, one: two``."""
    root = tmp_path / "fork"
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "docs").symlink_to(ROOT / "docs", target_is_directory=True)
    shutil.copytree(FJORD, root / "data, one: two")
    return root


def test_check_github_format_annotates_each_problem_at_its_line(project: Path) -> None:
    coalition = project / "data, one: two" / "coalition.yml"
    edit(coalition, "city: Fjordby", 'city: "FILL IN: your city, 100% or your town"')
    line = next(n for n, text in enumerate(coalition.read_text().splitlines(), 1) if text.startswith("city:"))

    text = check(project, "--data", "data, one: two")
    github = check(project, "--data", "data, one: two", "--format", "github")
    assert text.returncode == github.returncode == 1
    assert check(project, "--data", "data, one: two", "--format", "text").stdout == text.stdout

    annotations = github.stdout.splitlines()
    assert annotations[-1] == "1 problem found; nothing was built."
    found = ANNOTATION.match(annotations[0])
    assert found, annotations[0]
    assert found["kind"] == "error"
    assert found["file"] == "data%2C one%3A two/coalition.yml"  # relative to the checkout, escaped
    assert (int(found["line"]), int(found["col"])) == (line, 7)
    message = unescape(found["message"])
    assert message.startswith("city: not filled in yet: your city, 100% or your town\nhint: ")
    # The same problem the plain format prints, line for line.
    where, hint = text.stdout.splitlines()[:2]
    assert where == f"{unescape(found['file'])}:{line}:7: {message.splitlines()[0]}"
    assert hint.strip() == message.splitlines()[1]


def test_check_github_format_warnings_and_strict(project: Path) -> None:
    edit(project / "data, one: two" / "statistics.yml", 'url: "https://fjordby-alliance.example.org/report"',
         'url: "http://fjordby-alliance.example.org/report"')
    result = check(project, "--data", "data, one: two", "--format", "github")
    assert result.returncode == 0
    found = ANNOTATION.match(result.stdout.splitlines()[0])
    assert found and found["kind"] == "warning" and found["file"].endswith("/statistics.yml")
    assert "http:" in unescape(found["message"])
    assert check(project, "--data", "data, one: two", "--format", "github", "--strict").returncode == 1


def test_check_github_format_good_data_prints_nothing(project: Path) -> None:
    result = check(project, "--data", "data, one: two", "--format", "github")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    assert check(project, "--format", "xml").returncode == 2


def test_annotation_escapes_percent_and_line_breaks(tmp_path: Path) -> None:
    problem = Problem(str(tmp_path / "a:b,c%.yml"), 3, 4, "50% of\r\nthe: values, here", hint="one, two")
    line = annotation(problem, tmp_path)
    assert line == "::error file=a%3Ab%2Cc%25.yml,line=3,col=4::50%25 of%0D%0Athe: values, here%0Ahint: one, two"


# --- CNAME ------------------------------------------------------------------------------------


def fjord_inputs(data_dir: Path, site_url: str | None) -> SiteInputs:
    """The site inputs of the fixture coalition (a copy in ``data_dir``) published at ``site_url``."""
    if site_url:
        edit(data_dir / "coalition.yml", "\nwebsite:", f"\nsite_url: {site_url}\nwebsite:")
    data = public_view(load_data(data_dir))
    assert data.coalition.site_url == site_url
    return SiteInputs(data, "en", data_dir.parent / "dist")


@pytest.mark.parametrize(("site_url", "cname"), [
    ("https://stopit.example.org/", "stopit.example.org\n"),
    ("https://www.Fjordby-Alliance.example.org/site/", "www.fjordby-alliance.example.org\n"),
    ("https://fjordby.github.io/", None),
    ("https://fjordby.github.io/alliance/", None),
    (None, None),
])
def test_custom_domain_becomes_the_cname(fjord_copy: Path, site_url: str | None, cname: str | None) -> None:
    site = fjord_copy.parent / "site"
    site.mkdir()
    finish_site(site, fjord_inputs(fjord_copy, site_url))
    path = site / "CNAME"
    assert (path.read_text(encoding="utf-8") if path.exists() else None) == cname


@pytest.mark.slow  # builds a site of its own
def test_cname_is_published_with_the_site(fjord_copy: Path) -> None:
    site = fjord_copy.parent / "site"
    publish_site(Project(ROOT), fjord_inputs(fjord_copy, "https://stopit.example.org/"), site)
    assert (site / "CNAME").read_text(encoding="utf-8") == "stopit.example.org\n"
    assert (site / "index.html").is_file()
