"""The produced files: present and listed, right paper, fonts, metadata, privacy.

They read the fixture coalition's full build (``fjord_build``) and the variant on US Letter
paper (``variant_build``); same input, same bytes is tests/test_reproducible.py.
"""

from __future__ import annotations

import hashlib
import re
import subprocess

import pytest

from coalition_kit.model.privacy import private_values

from nb_support import PRIVATE_VALUE

A4 = (595.28, 841.89)
LETTER = (612.0, 792.0)


def _expected_files(build) -> set[str]:
    return {f"{e.id}-{lang}.pdf" for e in build.data.editions.editions for lang in build.data.coalition.languages}


def test_every_edition_and_language_is_built_and_in_the_manifest(fjord_build):
    expected = _expected_files(fjord_build)
    assert len(expected) == 8
    entries = {e["file"]: e for e in fjord_build.manifest["files"]}
    assert set(entries) == expected
    for name in expected:
        path = fjord_build.dist / name
        assert path.is_file(), name
        entry = entries[name]
        assert entry["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
        assert entry["pages"] == len(fjord_build.pdf(name).reader.pages)
        assert entry["paper"] == "a4"
        assert entry["public"] is (entry["edition"] != "volunteer")
    assert not list(fjord_build.dist.glob("*.tmp")), "a temporary file was left behind"


def _check_feedback_lines(output: str, expected: int) -> None:
    lines = [line for line in output.splitlines() if re.search(r"\d+ pages? ", line)]
    assert len(lines) == expected
    for line in lines:
        assert re.search(r"\d+ (page |pages)\s+\d+(\.\d)? (KB|MB)\s+\d+\.\d s", line), line
        count = int(re.search(r"(\d+) pages?", line).group(1))
        assert (count == 1) == (" 1 page " in line), f"not pluralised right: {line}"


def test_one_feedback_line_per_edition_and_language(fjord_build):
    _check_feedback_lines(fjord_build.output, len(_expected_files(fjord_build)))


def test_build_notebook_lists_what_it_built(notebook_build):
    _check_feedback_lines(notebook_build.output, len(notebook_build.manifest["files"]))
    entries = notebook_build.manifest["files"]
    assert {e["file"] for e in entries} == {"volunteer-en.pdf", "manager-en.pdf"}  # the two chosen
    for entry in entries:
        path = notebook_build.dist / entry["file"]
        assert entry["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
        assert entry["pages"] == len(notebook_build.pdf(entry["file"]).reader.pages)


def _sizes(pdf) -> set[tuple[float, float]]:
    return {(round(float(p.mediabox.width), 2), round(float(p.mediabox.height), 2)) for p in pdf.reader.pages}


@pytest.mark.parametrize("edition", ["volunteer", "manager", "staff", "wallet-card", "poster", "role-posters",
                                     "safety-card", "starter"])
def test_a4_page_size(fjord_build, edition):
    """A4 portrait, except the certificate, which is A4 landscape."""
    sizes = _sizes(fjord_build.pdf(f"{edition}-en.pdf"))
    assert sizes <= {(round(A4[0], 2), round(A4[1], 2)), (round(A4[1], 2), round(A4[0], 2))}, sizes
    assert any(abs(w - A4[0]) < 1 and abs(h - A4[1]) < 1 for w, h in sizes)


def test_letter_page_size(variant_build):
    for name in ("staff-en.pdf", "wallet-card-en.pdf", "poster-en.pdf"):
        assert _sizes(variant_build.pdf(name)) == {LETTER}, name
    # the notebook is Letter portrait, with its certificate in Letter landscape
    assert _sizes(variant_build.pdf("volunteer-es.pdf")) == {LETTER, (LETTER[1], LETTER[0])}
    assert {e["paper"] for e in variant_build.manifest["files"]} == {"letter"}


@pytest.mark.parametrize("edition", ["volunteer", "staff", "wallet-card", "poster"])
def test_fonts_are_embedded_and_subset(fjord_build, edition):
    out = subprocess.run(["pdffonts", str(fjord_build.dist / f"{edition}-en.pdf")], check=True,
                         capture_output=True, text=True).stdout.splitlines()[2:]
    assert out, "no fonts listed"
    for line in out:
        name, *_rest = line.split()
        assert "+" in name, f"font not subset: {line}"
        columns = line.split()
        assert columns[-5] == "yes", f"font not embedded: {line}"
    assert all("Atkinson" in line for line in out), "a fallback font was used (a glyph missing from the font?)"


@pytest.mark.parametrize("edition", ["volunteer", "manager", "staff", "wallet-card", "poster"])
def test_metadata_title_author_language_and_tags(fjord_build, edition):
    pdf = fjord_build.pdf(f"{edition}-en.pdf")
    meta = pdf.reader.metadata
    title = fjord_build.data.text(fjord_build.data.edition(edition).title)
    org = fjord_build.data.text(fjord_build.data.coalition.name)
    assert title in meta.title and org in meta.title
    assert meta.author == org
    root = pdf.reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert bool(root["/MarkInfo"]["/Marked"])  # tagged (PDF/UA-1)
    assert "/StructTreeRoot" in root
    assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data()


def test_private_value_only_in_the_volunteer_edition(fjord_build):
    assert PRIVATE_VALUE in fjord_build.pdf("volunteer-en.pdf").flat
    needles = [v for v in private_values(fjord_build.data) if len(v) >= 4]
    assert PRIVATE_VALUE in needles
    for path in sorted(fjord_build.dist.iterdir()):
        if path.name == "volunteer-en.pdf":
            continue
        if path.suffix == ".pdf":
            flat = fjord_build.pdf(path.name).flat
            leaks = [v for v in needles if "".join(v.split()) in flat]
        else:
            text = path.read_text(encoding="utf-8")
            leaks = [v for v in needles if v in text]
        assert not leaks, f"{path.name} shows private data: {leaks}"


def test_the_cover_date_comes_from_source_date_epoch(fjord_build):
    assert "November 2023" in fjord_build.pdf("volunteer-en.pdf").pages[0]


def test_html_option_writes_the_composed_html(tmp_path, nb_docs):
    from nb_support import FJORD, run_cli
    target = tmp_path / "staff.html"
    result = run_cli("--data", str(FJORD), "--docs", str(nb_docs), "--edition", "staff", "--lang", "en",
                     "--html", str(target))
    assert result.returncode == 0, result.stderr
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and 'lang="en"' in html and "Staff handout" in html


def test_a_missing_page_is_reported_at_its_line_before_anything_is_built(tmp_path, nb_docs):
    import shutil
    from nb_support import FJORD, run_cli
    data = tmp_path / "data"
    shutil.copytree(FJORD, data)
    editions = data / "editions.yml"
    editions.write_text(editions.read_text(encoding="utf-8").replace("[index.md, get-help.md]",
                                                                    "[index.md, missing-page.md]"),
                        encoding="utf-8")
    dist = tmp_path / "dist"
    result = run_cli("--data", str(data), "--docs", str(nb_docs), "--dist", str(dist), "--edition", "volunteer")
    assert result.returncode == 1
    line = next(n for n, text in enumerate(editions.read_text(encoding="utf-8").splitlines(), 1)
                if "missing-page.md" in text)
    assert f"{editions}:{line}:" in result.stdout
    assert "edition 'volunteer' lists the page 'missing-page.md'" in result.stdout
    assert not dist.exists() or not list(dist.glob("*.pdf"))


def test_a_failed_build_names_the_edition_and_leaves_no_file(tmp_path, nb_docs):
    import shutil
    from nb_support import FJORD, run_cli
    data = tmp_path / "data"
    shutil.copytree(FJORD, data)
    docs = tmp_path / "docs"
    shutil.copytree(nb_docs, docs)
    index = docs / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n{{ stat('no-such-figure') }}\n", encoding="utf-8")
    dist = tmp_path / "dist"
    result = run_cli("--data", str(data), "--docs", str(docs), "--dist", str(dist), "--edition", "volunteer")
    assert result.returncode == 1
    assert "volunteer [en]" in result.stderr and "no-such-figure" in result.stderr
    assert "Traceback" not in result.stderr
    assert not dist.exists() or not list(dist.glob("*.pdf"))
