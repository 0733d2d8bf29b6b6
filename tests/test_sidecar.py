"""Side files kept in shards: read back as written, and an edit rewrites only its shards.

Pure file handling, no Sphinx build. The builds that use them (records, the entries of
the last parse, the cards of a page) are tested in test_incremental.py.
"""

from __future__ import annotations

import pickle
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinx_scholar.sphinx_ext import sidecar

KEYS = st.one_of(
    st.text(min_size=1, max_size=12),
    st.tuples(st.text(max_size=8), st.text(max_size=8)),  # the card cache's (key, anchor)
)
MAPPINGS = st.dictionaries(KEYS, st.integers() | st.text(max_size=20), max_size=120)


def shard_files(folder: Path) -> dict[str, int]:
    """Each shard file's name and inode (a file written again is a new one)."""
    if not folder.exists():  # an empty mapping has no shard
        return {}
    return {path.name: path.stat().st_ino for path in folder.iterdir()}


def write(folder: Path, mapping: dict, previous=None, token: str = "t") -> str:
    value = {"big": mapping, "small": [1, 2]}
    return sidecar.write(folder, token, value, "side.pickle", shard="big", previous=previous)


@settings(max_examples=150, deadline=None)
@given(
    first=MAPPINGS,
    changed=st.lists(KEYS, max_size=6),
    removed=st.lists(KEYS, max_size=6),
)
def test_a_new_version_reads_back_and_keeps_the_files_of_untouched_shards(first, changed, removed):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = write(folder, first)
        read = sidecar.read(path, "t")
        assert read["small"] == [1, 2]
        assert list(read["big"].items()) == list(first.items())  # the order too
        before = shard_files(folder / "side.pickle.d")

        second = {key: value for key, value in read["big"].items() if key not in removed}
        for key in changed:
            second[key] = object.__new__(Marker)  # a new object: its shard is written again
        write(folder, second, previous=read["big"])
        again = sidecar.read(path, "t")["big"]
        assert list(again) == list(second)
        after = shard_files(folder / "side.pickle.d")

        touched = {sidecar._shard_of(key) for key in [*changed, *removed] if key in first}
        touched |= {sidecar._shard_of(key) for key in changed}
        for name, inode in after.items():
            index = int(name[:2], 16)
            if index in touched:
                assert before.get(name) is None  # written anew, under a new name
            else:
                assert before[name] == inode  # the very file of the first version
        # nothing of the first version is left that the second does not name
        assert len(after) == len({sidecar._shard_of(key) for key in second})


class Marker:
    """Pickles, and compares equal only to itself (a changed record)."""


def test_without_the_last_versions_shards_every_shard_is_written(tmp_path):
    mapping = {f"key{i}": i for i in range(200)}
    path = write(tmp_path, mapping)
    before = shard_files(tmp_path / "side.pickle.d")
    write(tmp_path, dict(mapping))  # no previous: nothing is known to be unchanged
    after = shard_files(tmp_path / "side.pickle.d")
    assert not set(before) & set(after)
    assert sidecar.read(path, "t")["big"] == mapping


@pytest.mark.parametrize("damage", ["missing", "garbage", "truncated", "not a dict"])
def test_a_damaged_shard_is_a_missing_side_file(tmp_path, damage):
    path = write(tmp_path, {f"key{i}": "x" * i for i in range(100)})
    shard = sorted((tmp_path / "side.pickle.d").iterdir())[3]
    if damage == "missing":
        shard.unlink()
    elif damage == "garbage":
        shard.write_bytes(b"\x80\x05garbage")
    elif damage == "truncated":
        shard.write_bytes(shard.read_bytes()[:20])
    else:
        shard.write_bytes(pickle.dumps(["a", "list"]))
    with pytest.raises(sidecar.SidecarMissing):
        sidecar.read(path, "t")


def test_a_read_shard_mapping_pickles_as_a_plain_dict(tmp_path):
    path = write(tmp_path, {"a": 1, "b": 2})
    big = sidecar.read(path, "t")["big"]
    assert isinstance(big, sidecar.Shards)
    copy = pickle.loads(pickle.dumps(big))
    assert type(copy) is dict and copy == {"a": 1, "b": 2}


def test_another_token_is_a_missing_side_file(tmp_path):
    path = write(tmp_path, {"a": 1}, token="one")
    with pytest.raises(sidecar.SidecarMissing):
        sidecar.read(path, "two")
