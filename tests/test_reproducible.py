"""Same input, same bytes: with SOURCE_DATE_EPOCH set, a second full build of the fixture
coalition (site and every PDF), in another folder, is byte for byte the shared one."""

from __future__ import annotations

from ck_builds import Build

#: The build cache stamp names the output folder, which differs here on purpose.
NOT_COMPARED = {".build-inputs.json"}


def _outputs(build: Build) -> dict[str, bytes]:
    return {str(p.relative_to(build.root)): p.read_bytes()
            for folder in (build.site, build.dist) for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name not in NOT_COMPARED}


def test_same_input_same_bytes(fjord_build: Build, fjord_build_again: Build) -> None:
    first, second = _outputs(fjord_build), _outputs(fjord_build_again)
    assert any(name.endswith(".pdf") for name in first) and "site/index.html" in first
    assert first.keys() == second.keys()
    different = [name for name in first if first[name] != second[name]]
    assert not different, f"files differ between two builds: {different}"
