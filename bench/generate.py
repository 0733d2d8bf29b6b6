"""Seeded synthetic bibliographies and the two sites the benchmark builds from them.

The bib imitates what real academic homepages hold: long author lists written
both "Last, First" and "First Last", LaTeX accents and von-parts, contribution
marks, the owner on most papers, acronyms in braces and a little math in titles,
abstracts, venues with abbreviations, and al-folio's custom fields (abbr, pdf,
code, selected, award_name, preview, tags). The same seed gives the same bytes.

Two sites share every source file except ``conf.py`` and the pages' directives:

* ``A`` (sphinx-scholar): ``{publications}`` on publications.md, selected papers
  on the home page, paper pages if the extension makes them;
* ``B`` (reference): sphinxcontrib-bibtex's ``{bibliography}`` with ``:all:``.

Run alone to look at a site: ``python bench/generate.py 1000 /tmp/site-a --site A``.
"""

from __future__ import annotations

import argparse
import random
import re
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path

SEED = 20260101
OWNER_BIB = ("Ren{\\'e}e", "Okafor")  #: how the owner's name is written in the bib
OWNER_CONF = '["Renée Okafor", "R. Okafor"]'  #: scholar_owner: the name and an alias
PREVIEW_DIR = "_static/previews"

FIRST_NAMES = (
    "Jan",
    "Fran{\\c{c}}ois",
    "Jos{\\'e}",
    'J{\\"o}rg',
    'Zo{\\"e}',
    "Ren{\\'e}",
    'Bj{\\"o}rn',
    "S{\\o}ren",
    "{\\L}ukasz",
    "Ji{\\v{r}}{\\'\\i}",
    "In{\\'e}s",
    "Ana",
    "Mar{\\'\\i}a",
    "Chen",
    "Wei",
    "Yuki",
    "Hiroshi",
    "Priya",
    "Arjun",
    "Fatima",
    "Omar",
    "Aisha",
    "Kwame",
    "Olga",
    "Dmitri",
    "Sofia",
    "Lucas",
    "Emma",
    "Noah",
    "Liam",
    "Olivia",
    "Mateo",
    "Camille",
    "Th{\\'e}o",
    'Ma{\\"e}lle',
    "C{\\'e}line",
    "Andr{\\'e}",
    "Jo{\\~a}o",
    "Gon{\\c{c}}alo",
    "Ay{\\c{s}}e",
    "{\\.I}lker",
    'G{\\"u}l',
    "Nikolaj",
    "Mikael",
    "{\\AA}sa",
    "Ingrid",
    "Sven",
    "Katarzyna",
    "Pawe{\\l}",
    "Tom{\\'a}{\\v{s}}",
    "Ond{\\v{r}}ej",
    "Zs{\\'o}fia",
    "P{\\'e}ter",
    "Min-jun",
    "Seo-yeon",
    "Hao",
    "Xin",
    "Jing",
    "Rui",
    "Tianqi",
    "Yifan",
    "Siddharth",
    "Ananya",
    "Rahul",
    "Meera",
    "Kofi",
    "Amara",
    "Chidi",
    "Ngozi",
    "Tariq",
    "Layla",
    "Youssef",
    "Nadia",
    "Elif",
    "Mehmet",
    "Aleksandr",
    "Irina",
    "Giulia",
    "Matteo",
    "Chiara",
    "Alessandro",
    "Lars",
    "Astrid",
    "Sean",
    "Siobh{\\'a}n",
    "A.",
    "J.~M.",
    "M.",
    "K.",
)
LAST_NAMES = (
    'M{\\"u}ller',
    "Garc{\\'\\i}a",
    "Gonz{\\'a}lez",
    "{\\O}stergaard",
    "Nov{\\'a}k",
    "Dvo{\\v{r}}{\\'a}k",
    "Erd{\\H{o}}s",
    'Schr{\\"o}dinger',
    "Fern{\\'a}ndez",
    "L{\\'o}pez",
    "Mart{\\'\\i}nez",
    'Sch{\\"a}fer',
    'Kr{\\"u}ger',
    "Jovanovi{\\'c}",
    "{\\v{S}}imi{\\'c}",
    "Wang",
    "Li",
    "Zhang",
    "Liu",
    "Chen",
    "Yang",
    "Huang",
    "Zhao",
    "Wu",
    "Zhou",
    "Xu",
    "Sun",
    "Tanaka",
    "Suzuki",
    "Watanabe",
    "Kim",
    "Park",
    "Lee",
    "Choi",
    "Nguyen",
    "Tran",
    "Pham",
    "Patel",
    "Sharma",
    "Gupta",
    "Iyer",
    "Reddy",
    "Singh",
    "Okonkwo",
    "Mensah",
    "Diallo",
    "Haddad",
    "Khalil",
    "Nasser",
    "Smith",
    "Johnson",
    "Brown",
    "Taylor",
    "Anderson",
    "Thomas",
    "Moore",
    "Martin",
    "Jackson",
    "Thompson",
    "White",
    "Harris",
    "Clark",
    "Lewis",
    "Walker",
    "Hall",
    "Young",
    "King",
    "Wright",
    "Scott",
    "Green",
    "Baker",
    "Adams",
    "Nelson",
    "Carter",
    "Mitchell",
    "Roberts",
    "Turner",
    "Phillips",
    "Campbell",
    "Parker",
    "Evans",
    "Edwards",
    "Collins",
    "Stewart",
    "Rossi",
    "Russo",
    "Ferrari",
    "Esposito",
    "Bianchi",
    "Romano",
    "Ivanov",
    "Petrov",
    "Sokolov",
    "Kowalski",
    "Nowak",
    "Lindqvist",
    "Johansson",
    "Nielsen",
    "Hansen",
    "O'Brien",
    "Fitzgerald",
    "Y{\\i}lmaz",
    "Kaya",
    "{\\c{C}}elik",
)
VON_PARTS = ("van der", "de la", "von", "de", "van", "di", "da", "le", "van den", "du")
TITLE_HEADS = (
    "{FlexFlow}",
    "{SpecInfer}",
    "{TASO}",
    "{Unity}",
    "{Mirage}",
    "{Quokka}",
    "{Legion}",
    "{DeepBench}",
    "{Sparrow}",
    "{Hydra}",
    "{Orion}",
    "{Atlas}",
    "{Nimbus}",
    "{Tensor-X}",
)
TITLE_WORDS = (
    "scalable",
    "efficient",
    "distributed",
    "training",
    "inference",
    "of",
    "large",
    "language",
    "models",
    "with",
    "automatic",
    "parallelization",
    "for",
    "deep",
    "neural",
    "networks",
    "graph",
    "optimization",
    "on",
    "heterogeneous",
    "clusters",
    "memory",
    "aware",
    "scheduling",
    "sparse",
    "attention",
    "via",
    "speculative",
    "decoding",
    "compiler",
    "superoptimization",
    "tensor",
    "programs",
    "robust",
    "learning",
    "under",
    "distribution",
    "shift",
    "fast",
    "approximate",
    "search",
    "in",
    "high-dimensional",
    "spaces",
    "towards",
    "practical",
    "verification",
    "data",
    "pipelines",
    "serving",
    "systems",
    "low-latency",
    "streaming",
)
ACRONYMS = ("{GPU}", "{GPUs}", "{LLM}", "{LLMs}", "{DNN}", "{RDMA}", "{SQL}", "{MoE}", "{TPU}")
MATH = ("$O(n^2)$", "$O(n \\log n)$", "$\\epsilon$-Approximate", "$k$-Means")
ABSTRACT_WORDS = (
    "we",
    "present",
    "a",
    "new",
    "system",
    "that",
    "reduces",
    "the",
    "cost",
    "of",
    "training",
    "and",
    "serving",
    "models",
    "by",
    "exploiting",
    "structure",
    "in",
    "workload",
    "our",
    "approach",
    "combines",
    "static",
    "analysis",
    "with",
    "runtime",
    "profiling",
    "to",
    "choose",
    "an",
    "execution",
    "plan",
    "experiments",
    "on",
    "real",
    "clusters",
    "show",
    "speedups",
    "up",
    "over",
    "state-of-the-art",
    "baselines",
    "while",
    "preserving",
    "accuracy",
    "is",
    "open",
    "source",
    "available",
    "online",
    "this",
    "paper",
    "studies",
    "problem",
    "for",
    "which",
    "prior",
    "work",
    "offers",
    "no",
    "guarantees",
    "prove",
    "bounds",
    "evaluate",
)
CONFERENCES = (
    (
        "Proceedings of the ACM SIGPLAN Conference on Programming Language Design and "
        "Implementation",
        "PLDI",
    ),
    (
        "Proceedings of the 17th USENIX Symposium on Operating Systems Design and Implementation",
        "OSDI",
    ),
    ("Proceedings of the 29th ACM Symposium on Operating Systems Principles", "SOSP"),
    ("Proceedings of Machine Learning and Systems", "MLSys"),
    ("Advances in Neural Information Processing Systems", "NeurIPS"),
    ("International Conference on Machine Learning", "ICML"),
    ("International Conference on Learning Representations", "ICLR"),
    ("Proceedings of the {ACM} {SIGMOD} International Conference on Management of Data", "SIGMOD"),
    ("Proceedings of the {VLDB} Endowment", "VLDB"),
    ("European Conference on Computer Systems", "EuroSys"),
    ("Architectural Support for Programming Languages and Operating Systems", "ASPLOS"),
    ("{USENIX} Annual Technical Conference", "ATC"),
)
JOURNALS = (
    ("Journal of Machine Learning Research", "JMLR"),
    ("{ACM} Transactions on Computer Systems", "TOCS"),
    ("{IEEE} Transactions on Parallel and Distributed Systems", "TPDS"),
    ("Communications of the {ACM}", "CACM"),
)
SCHOOLS = ("Stanford University", "Carnegie Mellon University", "Universit{\\'e} de Montr{\\'e}al")
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
TAGS = ("systems", "machine learning", "compilers", "databases", "theory", "security", "hpc")
AWARDS = ("Best Paper Award", "Distinguished Artifact Award", "Oral", "Spotlight")
ENTRY_TYPES = (("inproceedings", 60), ("article", 25), ("misc", 12), ("phdthesis", 3))


@dataclass(frozen=True)
class Person:
    first: str
    von: str
    last: str

    def written(self, last_first: bool) -> str:
        family = f"{self.von} {self.last}" if self.von else self.last
        return f"{family}, {self.first}" if last_first else f"{self.first} {family}"


@dataclass
class Entry:
    """One bib entry; ``title`` is kept apart so the benchmark can edit it."""

    entry_type: str
    key: str
    title: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    preview: str = ""

    def text(self) -> str:
        lines = [f"@{self.entry_type}{{{self.key},", f"  title = {{{self.title}}},"]
        lines += [f"  {name} = {value}," for name, value in self.fields]
        lines.append("}")
        return "\n".join(lines)


def name_pool(rng: random.Random, size: int = 3000) -> list[Person]:
    """A few thousand distinct people; about one in eight has a von-part."""
    pool: dict[tuple[str, str, str], Person] = {}
    while len(pool) < size:
        von = rng.choice(VON_PARTS) if rng.random() < 0.12 else ""
        person = Person(rng.choice(FIRST_NAMES), von, rng.choice(LAST_NAMES))
        pool[(person.first, person.von, person.last)] = person
    return list(pool.values())


def _title(rng: random.Random) -> str:
    words = rng.sample(TITLE_WORDS, rng.randint(5, 11))
    if rng.random() < 0.4:
        words.insert(rng.randrange(len(words)), rng.choice(ACRONYMS))
    if rng.random() < 0.06:
        words.insert(rng.randrange(len(words)), rng.choice(MATH))
    text = " ".join(words)
    text = text[0].upper() + text[1:]
    if rng.random() < 0.35:
        text = f"{rng.choice(TITLE_HEADS)}: {text}"
    return text


def _abstract(rng: random.Random) -> str:
    words = [rng.choice(ABSTRACT_WORDS) for _ in range(rng.randint(80, 200))]
    sentences, out = [], []
    for word in words:
        out.append(word)
        if len(out) > 8 and rng.random() < 0.12:
            sentences.append(" ".join(out).capitalize() + ".")
            out = []
    if out:
        sentences.append(" ".join(out).capitalize() + ".")
    text = " ".join(sentences)
    if rng.random() < 0.2:
        text += " We call it \\emph{the fast path} -- and it is 3--5$\\times$ faster."
    return text


def _authors(rng: random.Random, pool: list[Person], owner: bool) -> str:
    people = rng.sample(pool, rng.randint(6, 15))
    last_first = rng.random() < 0.5
    names = [p.written(last_first) for p in people]
    if owner:
        first, last = OWNER_BIB
        spelt = f"{last}, {first}" if last_first else f"{first} {last}"
        if rng.random() < 0.15:
            spelt = f"{last}, R." if last_first else f"R. {last}"
        names[rng.randrange(len(names))] = spelt
    if rng.random() < 0.2:  # equal contribution on the first two names
        names[0] += "*"
        names[1] += "*"
    return " and ".join(names)


def _entry(rng: random.Random, pool: list[Person], index: int, used: set[str]) -> Entry:
    kinds, weights = zip(*ENTRY_TYPES, strict=True)
    kind = rng.choices(kinds, weights)[0]
    year = rng.randint(1995, 2026)
    first_author = rng.choice(pool)
    stem = re.sub(r"[^a-z]", "", first_author.last.lower()) or "anon"
    key = f"{stem}{year}{rng.choice(TITLE_WORDS).replace('-', '')}"
    while key in used:
        key += rng.choice("abcdefghijklmnopqrstuvwxyz")
    used.add(key)
    fields: list[tuple[str, str]] = [
        ("author", "{" + _authors(rng, pool, owner=rng.random() < 0.7) + "}")
    ]
    abbr = ""
    if kind == "inproceedings":
        venue, abbr = rng.choice(CONFERENCES)
        fields.append(("booktitle", "{" + venue + "}"))
        fields.append(("pages", f"{{{(s := rng.randint(1, 900))}--{s + rng.randint(8, 20)}}}"))
    elif kind == "article":
        venue, abbr = rng.choice(JOURNALS)
        fields += [
            ("journal", "{" + venue + "}"),
            ("volume", f"{{{rng.randint(1, 60)}}}"),
            ("number", f"{{{rng.randint(1, 12)}}}"),
        ]
    elif kind == "phdthesis":
        fields.append(("school", "{" + rng.choice(SCHOOLS) + "}"))
    else:
        fields.append(("howpublished", "{arXiv preprint}"))
        abbr = "arXiv"
    fields.append(("year", f"{{{year}}}"))
    if rng.random() < 0.8:
        fields.append(("month", rng.choice(MONTHS)))
    if abbr:
        fields.append(("abbr", "{" + abbr + "}"))
    fields.append(("abstract", "{" + _abstract(rng) + "}"))
    if rng.random() < 0.7:
        fields.append(("pdf", f"{{https://example.org/papers/{key}.pdf}}"))
    if rng.random() < 0.5:
        fields.append(("code", f"{{https://github.com/example/{key}}}"))
    if kind == "misc" or rng.random() < 0.4:
        arxiv = f"{rng.randint(15, 25)}{rng.randint(1, 12):02d}.{rng.randint(10000, 29999)}"
        fields.append(("arxiv", "{" + arxiv + "}"))
    if rng.random() < 0.6:
        fields.append(("doi", f"{{10.{rng.randint(1000, 9999)}/{key}.{index}}}"))
    if rng.random() < 0.15:
        fields.append(("website", f"{{https://example.org/projects/{key}/}}"))
    if rng.random() < 0.05:
        fields.append(("selected", "{true}"))
    if rng.random() < 0.03:
        fields.append(("award_name", "{" + rng.choice(AWARDS) + "}"))
    preview = ""
    if rng.random() < 0.1:
        preview = f"{key}.png"
        fields.append(("preview", "{" + preview + "}"))
    if rng.random() < 0.6:
        fields.append(("tags", "{" + ", ".join(rng.sample(TAGS, rng.randint(1, 3))) + "}"))
    return Entry(kind, key, _title(rng), fields, preview)


def entries(n: int, seed: int = SEED) -> list[Entry]:
    """*n* entries, the same ones for the same seed. At least one is selected."""
    rng = random.Random(seed)
    pool = name_pool(rng)
    used: set[str] = set()
    out = [_entry(rng, pool, i, used) for i in range(n)]
    if not any(("selected", "{true}") in e.fields for e in out):
        out[0].fields.append(("selected", "{true}"))
    return out


def bib_text(items: list[Entry]) -> str:
    return "\n\n".join(e.text() for e in items) + "\n"


def edit_target(items: list[Entry]) -> Entry:
    """The entry the title-edit scenario changes: a selected one (on the home page too)."""
    return next(e for e in items if ("selected", "{true}") in e.fields)


def replace_title(bib: str, key: str, title: str) -> str:
    """*bib* with entry *key*'s title line replaced (the generator writes it on one line)."""
    pattern = re.compile(r"(@\w+\{" + re.escape(key) + r",\n  title = \{)[^\n]*(\},\n)")
    new, count = pattern.subn(lambda m: m.group(1) + title + m.group(2), bib, count=1)
    if count != 1:
        raise ValueError(f"entry {key!r} has no title line to replace")
    return new


def replace_field(bib: str, key: str, name: str, value: str) -> str:
    """*bib* with field *name* of entry *key* set to *value* (a one-line field)."""
    start = bib.index(f"{{{key},\n")
    end = bib.index("\n}", start)
    pattern = re.compile(r"(\n  " + re.escape(name) + r" = \{)[^\n]*(\},)")
    body, count = pattern.subn(lambda m: m.group(1) + value + m.group(2), bib[start:end], 1)
    if count != 1:
        raise ValueError(f"entry {key!r} has no {name} line to replace")
    return bib[:start] + body + bib[end:]


def added_entry(round_: int) -> Entry:
    """The entry the add/delete scenarios insert into the middle of the bib and remove."""
    return Entry(
        "article",
        f"zqadded{round_}",
        f"An added paper zqadded{round_} on build caches",
        [
            ("author", "{Renée Okafor and Zqadd Person}"),
            ("journal", "{Journal of Benchmarks}"),
            ("year", "{2026}"),
        ],
    )


def insert_entry(bib: str, entry: Entry) -> str:
    """*bib* with *entry* inserted before the entry in the middle (every later line moves)."""
    starts = [m.start() for m in re.finditer(r"^@", bib, re.M)]
    at = starts[len(starts) // 2]
    return bib[:at] + entry.text() + "\n\n" + bib[at:]


def delete_entry(bib: str, key: str) -> str:
    """*bib* without entry *key* (as :func:`insert_entry` wrote it)."""
    start = bib.index(f"@article{{{key},\n")
    end = bib.index("\n}\n\n", start) + 4
    return bib[:start] + bib[end:]


def tiny_png(rng: random.Random, width: int = 32, height: int = 24) -> bytes:
    """A valid, small, solid-colour PNG (a stand-in for a paper's figure)."""
    colour = bytes(rng.randrange(256) for _ in range(3))
    raw = b"".join(b"\x00" + colour * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


CONF_COMMON = """\
project = "Renée Okafor"
author = "Renée Okafor"
copyright = "2026, Renée Okafor"
language = "en"
html_theme = "pydata_sphinx_theme"
html_static_path = ["_static"]
bibtex_bibfiles = ["refs.bib"]
exclude_patterns = ["_build"]
"""
CONF_A = (
    CONF_COMMON
    + 'extensions = ["myst_parser", "sphinx_scholar"]\n'
    + f"scholar_owner = {OWNER_CONF}\n"
)
CONF_B = CONF_COMMON + 'extensions = ["myst_parser", "sphinxcontrib.bibtex"]\n'

INTRO = """\
I am a researcher working on systems for machine learning. This site lists my
papers, talks and students. It is a benchmark site, generated from a seed.
"""
TOCTREE = "```{toctree}\n:hidden:\n\nabout\npublications\n```\n"
INDEX_A = f"# Renée Okafor\n\n{INTRO}\n## Selected publications\n\n```{{publications}}\n:selected:\n:group-by: none\n```\n\n{TOCTREE}"  # noqa: E501
INDEX_B = f"# Renée Okafor\n\n{INTRO}\n{TOCTREE}"
ABOUT = """\
# About

A page without papers: touching it must not make the build redo the bibliography.

## Contact

Write to the address on the home page.
"""
PUBLICATIONS_A = "# Publications\n\n```{publications}\n```\n"
PUBLICATIONS_B = "# Publications\n\n```{bibliography}\n:all:\n```\n"


def write_site(root: Path, items: list[Entry], site: str, seed: int = SEED) -> None:
    """Write site *site* ("A" or "B") into *root*: conf.py, pages, refs.bib, previews."""
    if site not in {"A", "B"}:
        raise ValueError(f"site must be 'A' or 'B', not {site!r}")
    root.mkdir(parents=True, exist_ok=True)
    a = site == "A"
    (root / "conf.py").write_text(CONF_A if a else CONF_B, encoding="utf-8")
    (root / "index.md").write_text(INDEX_A if a else INDEX_B, encoding="utf-8")
    (root / "about.md").write_text(ABOUT, encoding="utf-8")
    (root / "publications.md").write_text(PUBLICATIONS_A if a else PUBLICATIONS_B, "utf-8")
    (root / "refs.bib").write_text(bib_text(items), encoding="utf-8")
    previews = root / PREVIEW_DIR
    previews.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    for entry in items:
        if entry.preview:
            (previews / entry.preview).write_bytes(tiny_png(rng))


def write_floor_site(root: Path) -> None:
    """The same theme and pages, no bibliography and no bib extension: the baseline."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "conf.py").write_text(CONF_COMMON + 'extensions = ["myst_parser"]\n', "utf-8")
    (root / "index.md").write_text(INDEX_B, encoding="utf-8")
    (root / "about.md").write_text(ABOUT, encoding="utf-8")
    (root / "publications.md").write_text("# Publications\n\nNone yet.\n", "utf-8")
    (root / "_static").mkdir(exist_ok=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of entries")
    parser.add_argument("root", type=Path, help="folder to write the site into")
    parser.add_argument("--site", choices=("A", "B"), default="A")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    write_site(args.root, entries(args.n, args.seed), args.site, args.seed)
    print(f"wrote site {args.site} with {args.n} entries to {args.root}")


if __name__ == "__main__":
    main()
