"""Time the hostile small inputs of issue 12 (table in linear-inputs.md).

Run from the repository root: ``PYTHONPATH=src python bench/linear_inputs.py``.
Each input gets at most a minute (SIGALRM), so the old code can be measured too.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Callable

from sphinx_scholar.core import bibparse, convert, names, urls

LIMIT = 60


class _Timeout(Exception):
    pass


def _alarm(*_: object) -> None:
    raise _Timeout


def timed(label: str, run: Callable[[], object]) -> None:
    signal.alarm(LIMIT)
    start = time.perf_counter()
    try:
        run()
        print(f"{label}: {time.perf_counter() - start:.3f} s", flush=True)
    except _Timeout:
        print(f"{label}: > {LIMIT} s", flush=True)
    finally:
        signal.alarm(0)


def convert_text(text: str) -> None:
    parsed = bibparse.parse_text(text, "x.bib")
    convert.records_from(parsed.data, parsed.sources, parsed.marks, parsed.field_lines)


def chain(size: int) -> str:
    entries = [f"@misc{{k{i}, crossref={{k{i - 1}}}}}\n" for i in range(1, size)]
    return "@misc{k0, title={T}, year=2020}\n" + "".join(entries)


def bomb(levels: int) -> str:
    lines = ['@string{a0 = "xxxxxxxxxx"}']
    lines += [f"@string{{a{i} = a{i - 1} # a{i - 1}}}" for i in range(1, levels + 1)]
    return "\n".join([*lines, f"@misc{{k, title = a{levels}}}"])


def title_length(levels: int) -> None:
    parsed = bibparse.parse_text(bomb(levels), "x.bib")
    title = parsed.data.entries["k"].fields["title"]
    print(f"   {len(bomb(levels))} bytes of bib: a title of {len(title):,} characters")


def main() -> None:
    signal.signal(signal.SIGALRM, _alarm)
    timed("crossref chain 300", lambda: convert_text(chain(300)))
    timed("crossref chain 1000", lambda: convert_text(chain(1000)))
    timed("links '[a](' * 8000", lambda: convert_text("@misc{k, links={" + "[a](" * 8000 + "}}"))
    timed("links '[' * 8000", lambda: convert_text("@misc{k, links={" + "[" * 8000 + "}}"))
    for repeats in (4000, 8000):
        value = "arxiv.org/abs/" * repeats + " x"
        timed(f"arxiv 'arxiv.org/abs/' * {repeats} + ' x'", lambda v=value: urls.arxiv_id(v))
    timed("clean_name('A $' + ' ' * 2000)", lambda: names.clean_name("A $" + " " * 2000))
    timed("key_of('A' + ' ' * 8000 + 'B')", lambda: names.key_of("A" + " " * 8000 + "B"))
    timed("macro bomb of 20 levels", lambda: title_length(20))


if __name__ == "__main__":
    main()
