"""The Nu HTML Checker (vnu-jar) on every built page, and what each page's head must have."""

from __future__ import annotations

import json
import subprocess
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from bs4 import BeautifulSoup

from .browser_harness import SITES, VNU_JAR, html_pages

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def nu_errors(built_sites: dict[str, Path]) -> dict[Path, list[str]]:
    """Every page of every site through one JVM (it takes seconds to start): file -> errors."""
    files = [outdir / page for outdir in built_sites.values() for page in html_pages(outdir)]
    proc = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--errors-only", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    try:
        report = json.loads(proc.stderr)
    except json.JSONDecodeError:
        pytest.fail(f"vnu gave no JSON (exit {proc.returncode}):\n{proc.stderr[-2000:]}")
    errors: dict[Path, list[str]] = defaultdict(list)
    for message in report["messages"]:
        if message["type"] not in ("error", "non-document-error"):
            continue
        path = Path(unquote(urlparse(message.get("url", "")).path))
        errors[path].append(
            f"line {message.get('lastLine', '?')}: {message['message']}"
            f"  [{message.get('extract', '').strip()}]"
        )
    return errors


@pytest.mark.parametrize("site", list(SITES))
def test_nu_html_checker_finds_no_error(site, built_sites, nu_errors):
    outdir = built_sites[site]
    pages = html_pages(outdir)
    assert "index.html" in pages
    report = [
        f"{site}/{path.relative_to(outdir)}:\n    " + "\n    ".join(messages)
        for path, messages in sorted(nu_errors.items())
        if path.is_relative_to(outdir)
    ]
    assert not report, "Nu HTML Checker errors:\n" + "\n".join(report)


def test_nu_html_checker_catches_an_error(browser_tools, tmp_path):
    """The check above can fail: vnu reports a duplicate id as an error."""
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>t</title></head>'
        '<body><p id="a">one</p><p id="a">two</p></body></html>',
        encoding="utf-8",
    )
    proc = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--errors-only", str(page)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(proc.stderr)["messages"]
    assert any("Duplicate ID" in m["message"] for m in messages)


@pytest.mark.parametrize("site", list(SITES))
def test_every_page_has_a_description_and_a_favicon(site, built_sites):
    """Search engines quote the description; a missing favicon is a 404 on every visit."""
    outdir = built_sites[site]
    problems = []
    for page in html_pages(outdir):
        path = outdir / page
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        descriptions = soup.find_all("meta", attrs={"name": "description"})
        if len(descriptions) != 1 or not descriptions[0].get("content", "").strip():
            problems.append(f"{page}: {len(descriptions)} meta descriptions (want one, not empty)")
        icons = [link for link in soup.find_all("link", href=True) if "icon" in link["rel"]]
        if not icons:
            problems.append(f"{page}: no <link rel=icon>")
        for icon in icons:
            if not (path.parent / unquote(urlparse(icon["href"]).path)).resolve().is_file():
                problems.append(f"{page}: favicon {icon['href']} is not in the site")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("site", list(SITES))
def test_every_image_is_sized(site, built_sites):
    """Width and height let the browser reserve an image's place before it loads (no shift)."""
    outdir = built_sites[site]
    unsized = []
    for page in html_pages(outdir):
        soup = BeautifulSoup((outdir / page).read_text(encoding="utf-8"), "lxml")
        unsized += [
            f"{page}: {img.get('src')}"
            for img in soup.find_all("img")
            if not (img.get("width") and img.get("height"))
        ]
    assert not unsized, "images without width and height:\n" + "\n".join(unsized)
