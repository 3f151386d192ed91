"""Finding the files of a dataset: a folder or a .zip, files recognised by their names.

A file belongs to the entity its name starts with (``patents.csv``, ``patents_2023.csv``,
``patents.parquet``, or a name the entity declares, e.g. a Chinese one); the longest matching
name wins. A sub-folder named after an
entity (``patents/filing_year=2023/data_0.parquet``, as `export_dataset` writes it and
Spark or Trino read it) holds that entity's Parquet parts, read as one file.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import zipfile
from collections.abc import Iterator, Mapping
from pathlib import Path, PurePosixPath
from typing import Literal

import attrs

from ipledger.errors import ValidationError
from ipledger.model import ENTITIES, Entity

__all__ = ["DataFile", "Dataset", "entity_of", "open_dataset"]

Format = Literal["csv", "parquet"]
_FORMATS: dict[str, Format] = {".csv": "csv", ".parquet": "parquet"}
_SEPARATORS = "_-. "


@attrs.frozen
class DataFile:
    """One importable unit of a dataset: a CSV or Parquet file, or an entity folder of parts.

    ``name`` is the path relative to the dataset root as reports show it (``patents_2023.csv``,
    ``patents/``); ``paths`` are the files on disk (one, or the Parquet parts of a folder).
    """

    entity: str
    name: str
    format: Format
    paths: tuple[Path, ...]


@attrs.frozen
class Dataset:
    """The recognised files of a dataset, in import order, and the names it skipped."""

    root: Path
    files: tuple[DataFile, ...]
    skipped: tuple[str, ...]


def entity_of(file_name: str, entities: Mapping[str, Entity] = ENTITIES) -> str | None:
    """The entity a file or folder name belongs to, or ``None``: the longest matching prefix
    among the entities' names (and the other names they declare, e.g. Chinese ones).

    Examples:
        >>> entity_of("patents_2023.csv"), entity_of("GI_Users.parquet"), entity_of("notes.csv")
        ('patents', 'gi_users', None)
    """
    stem = file_name.lower()
    for suffix in _FORMATS:
        stem = stem.removesuffix(suffix)
    names = [(n.lower(), e.name) for e in entities.values() for n in (e.name, *e.file_names)]
    for name, found in sorted(names, key=lambda n: len(n[0]), reverse=True):
        if stem == name or (stem.startswith(name) and _ends_name(stem[len(name)])):
            return found
    return None


def _ends_name(char: str) -> bool:
    """Whether the character after an entity name ends it: a separator, a digit, or any
    non-ASCII character (``patents_2023``, ``patents2023``, ``培训2023``, ``质押（2023）``)."""
    return char in _SEPARATORS or char.isdigit() or not char.isascii()


@contextlib.contextmanager
def open_dataset(
    path: str | os.PathLike[str], entities: Mapping[str, Entity] = ENTITIES
) -> Iterator[Dataset]:
    """The dataset at ``path`` (a folder or a .zip), unpacked for the duration of the block.

    A .zip is extracted into a temporary folder, refusing any member whose path would land
    outside it (absolute paths, ``..``, links: "zip slip"). A root holding no recognised file
    but exactly one folder (a zipped folder) is read through that folder.
    """
    root = Path(path)
    if not root.exists():
        raise FileNotFoundError(2, "no such dataset (folder or .zip)", str(root))
    if root.is_dir():
        yield _scan(root, entities)
        return
    if not zipfile.is_zipfile(root):
        found = entity_of(root.name, entities)
        if found is None or root.suffix.lower() not in _FORMATS:
            raise ValidationError(
                file=str(root), reason="not a dataset: give a folder, a .zip or one data file"
            )
        yield Dataset(
            root.parent, (DataFile(found, root.name, _FORMATS[root.suffix.lower()], (root,)),), ()
        )
        return
    with tempfile.TemporaryDirectory(prefix="ipledger-import-") as tmp:
        _extract(root, Path(tmp))
        dataset = _scan(Path(tmp), entities)
        yield dataset


def _extract(archive: Path, target: Path) -> None:
    base = target.resolve()
    with zipfile.ZipFile(archive) as zf:
        for info in zf.infolist():
            name = info.filename
            parts = PurePosixPath(name.replace("\\", "/")).parts
            mode = info.external_attr >> 16
            unsafe = (
                name.startswith(("/", "\\"))
                or ".." in parts
                or (parts and ":" in parts[0])
                or stat.S_ISLNK(mode)
            )
            destination = (base / Path(*parts)).resolve() if parts else base
            if unsafe or not destination.is_relative_to(base):
                raise ValidationError(
                    file=f"{archive.name}/{name}",
                    reason="unsafe path in the zip (outside the dataset folder): nothing imported",
                )
            if info.is_dir() or Path(name).suffix.lower() not in _FORMATS:
                continue
            destination.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(info) as source, open(destination, "wb") as sink:
                while chunk := source.read(1 << 20):
                    sink.write(chunk)


def _visible(path: Path) -> bool:
    return not path.name.startswith((".", "__MACOSX", "~$"))


def _scan(root: Path, entities: Mapping[str, Entity]) -> Dataset:
    files: list[DataFile] = []
    skipped: list[str] = []
    entries = sorted(p for p in root.iterdir() if _visible(p))
    folders = [p for p in entries if p.is_dir()]
    for entry in entries:
        found = entity_of(entry.name, entities)
        if entry.is_dir():
            if found is not None and entry.name.lower() == found:
                files.extend(_entity_folder(root, entry, found))
            continue
        fmt = _FORMATS.get(entry.suffix.lower())
        if found is None or fmt is None:
            skipped.append(entry.name)
            continue
        files.append(DataFile(found, entry.name, fmt, (entry,)))
    if not files and len(folders) == 1 and entity_of(folders[0].name, entities) is None:
        return _scan(folders[0], entities)
    order = {name: i for i, name in enumerate(entities)}
    files.sort(key=lambda f: (order[f.entity], f.name))
    return Dataset(root, tuple(files), tuple(skipped))


def _entity_folder(root: Path, folder: Path, entity: str) -> list[DataFile]:
    found = sorted(p for p in folder.rglob("*") if p.is_file() and _visible(p))
    parquet = tuple(p for p in found if p.suffix.lower() == ".parquet")
    units: list[DataFile] = []
    if parquet:
        units.append(DataFile(entity, f"{folder.name}/", "parquet", parquet))
    units.extend(
        DataFile(entity, p.relative_to(root).as_posix(), "csv", (p,))
        for p in found
        if p.suffix.lower() == ".csv"
    )
    return units
