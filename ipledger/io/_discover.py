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
import shutil
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from pathlib import Path, PurePosixPath
from typing import Literal

import attrs

from ipledger._scratch import remove_stale, scratch_name
from ipledger.errors import ValidationError
from ipledger.io._limits import DEFAULT_LIMITS, ImportLimits
from ipledger.io._manifest import INCOMPLETE, MANIFEST, Manifest, read_manifest, verify_manifest
from ipledger.model import ENTITIES, Entity

__all__ = ["SCRATCH_PREFIX", "DataFile", "Dataset", "entity_of", "open_dataset"]

Format = Literal["csv", "parquet"]
_FORMATS: dict[str, Format] = {".csv": "csv", ".parquet": "parquet"}
SCRATCH_PREFIX = "ipledger-import-"
"""The scratch folders zips are unpacked into (in the system's temporary folder)."""
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
    """The recognised files of a dataset, in import order, the names it skipped, and the
    manifest of the export it is (if it is one)."""

    root: Path
    files: tuple[DataFile, ...]
    skipped: tuple[str, ...]
    manifest: Manifest | None = None


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
    path: str | os.PathLike[str],
    entities: Mapping[str, Entity] = ENTITIES,
    limits: ImportLimits = DEFAULT_LIMITS,
) -> Iterator[Dataset]:
    """The dataset at ``path`` (a folder, a .zip or one data file), unpacked for the duration
    of the block.

    Only regular files are read: a FIFO, a device or a socket is refused (never opened), and so
    is a link that leads outside the dataset folder. A .zip is checked before anything is
    unpacked — at most ``limits.max_files`` entries, none encrypted, none given twice, none
    whose path would land outside the folder ("zip slip": absolute paths, ``..``, a drive,
    a link), none over ``limits.max_ratio`` times its compressed size, ``max_file_bytes``
    each and ``max_archive_bytes`` in all — then unpacked into a scratch folder that is removed
    after the block, or by the next import if this process is killed. A root that holds no
    recognised file but exactly one folder (a zipped folder) is read through that folder. An
    export's manifest (`ipledger.io._manifest`) is verified: an unfinished, changed or
    mixed export is refused before anything is read.
    """
    root = Path(path)
    if not os.path.lexists(root):
        raise FileNotFoundError(2, "no such dataset (folder or .zip)", str(root))
    kind = _kind(root)
    if kind == "dir":
        dataset = _scan(root, entities, root.resolve(), limits)
        _verify(dataset)
        yield dataset
        return
    if kind != "file":
        raise ValidationError(file=str(root), reason=f"{kind}: not a dataset file; nothing read")
    if root.suffix.lower() == ".zip" or zipfile.is_zipfile(root):
        scratch = _scratch_folder()
        try:
            _extract(root, scratch, limits)
            dataset = _scan(scratch, entities, scratch.resolve(), limits)
            _verify(dataset)
            yield dataset
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        return
    found = entity_of(root.name, entities)
    if found is None or root.suffix.lower() not in _FORMATS:
        raise ValidationError(
            file=str(root), reason="not a dataset: give a folder, a .zip or one data file"
        )
    _check_size(root, root.name, limits)
    yield Dataset(
        root.parent, (DataFile(found, root.name, _FORMATS[root.suffix.lower()], (root,)),), ()
    )


def _kind(path: Path) -> str:
    """``file``, ``dir``, or what else the path is (a FIFO, a device, ...), following links and
    without opening it."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "a link to nothing"
    except OSError as error:
        return f"unreadable ({error.strerror})"
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISDIR(mode):
        return "dir"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _scratch_folder() -> Path:
    """A new scratch folder for unpacking a zip, after removing those of killed imports."""
    base = Path(tempfile.gettempdir())
    remove_stale(base, SCRATCH_PREFIX)
    folder = base / scratch_name(SCRATCH_PREFIX)
    folder.mkdir(mode=0o700)
    return folder


def _check_size(path: Path, name: str, limits: ImportLimits) -> None:
    size = path.stat().st_size
    if size > limits.max_file_bytes:
        raise ValidationError(
            file=name,
            reason=f"{size / 2**20:,.0f} MiB: over the limit max_file_bytes"
            f" ({limits.max_file_bytes / 2**20:,.0f} MiB); nothing imported",
        )


def _verify(dataset: Dataset) -> None:
    """Refuse an unfinished export, and one that differs from its manifest."""
    if (dataset.root / INCOMPLETE).exists():
        raise ValidationError(
            file=INCOMPLETE,
            reason="this is an export that did not finish (it was stopped or failed while"
            " being written): nothing imported; export again",
        )
    if dataset.manifest is not None:
        found = [p for f in dataset.files for p in f.paths]
        verify_manifest(dataset.root, dataset.manifest, found)


def _zip_problem(info: zipfile.ZipInfo, seen: dict[str, str]) -> str | None:
    """Why the member ``info`` is refused, or ``None``."""
    name = info.filename
    parts = PurePosixPath(name.replace("\\", "/")).parts
    mode = info.external_attr >> 16
    if (
        name.startswith(("/", "\\"))
        or ".." in parts
        or (parts and ":" in parts[0])
        or stat.S_ISLNK(mode)
    ):
        return "unsafe path in the zip (outside the dataset folder)"
    if info.flag_bits & 0x1:
        return "encrypted: ipledger reads no encrypted zip (unpack it with its password first)"
    key = "/".join(parts).lower()
    if key in seen and not info.is_dir():
        return f"given twice in the zip (also as {seen[key]!r}): which one holds the data?"
    seen[key] = name
    return None


def _check_archive(archive: Path, zf: zipfile.ZipFile, limits: ImportLimits) -> None:
    """The whole archive's bounds and every member's problems, from its directory, before
    anything is unpacked."""
    members = zf.infolist()
    if len(members) > limits.max_files:
        raise ValidationError(
            file=archive.name,
            reason=f"{len(members):,} entries: over the limit max_files ({limits.max_files:,});"
            " nothing imported",
        )
    seen: dict[str, str] = {}
    total = 0
    for info in members:
        problem = _zip_problem(info, seen)
        if problem is not None:
            raise ValidationError(
                file=f"{archive.name}/{info.filename}", reason=f"{problem}: nothing imported"
            )
        total += info.file_size
        where = f"{archive.name}/{info.filename}"
        if info.file_size > limits.max_file_bytes:
            raise ValidationError(
                file=where,
                reason=f"unpacks to {info.file_size / 2**20:,.0f} MiB: over the limit"
                " max_file_bytes; nothing imported",
            )
        if info.file_size > 2**20 and info.file_size > limits.max_ratio * max(
            info.compress_size, 1
        ):
            raise ValidationError(
                file=where,
                reason=f"unpacks to {info.file_size / max(info.compress_size, 1):,.0f} times"
                f" its packed size (a zip bomb?): over the limit max_ratio ({limits.max_ratio});"
                " nothing imported",
            )
    if total > limits.max_archive_bytes:
        raise ValidationError(
            file=archive.name,
            reason=f"unpacks to {total / 2**30:,.1f} GiB: over the limit max_archive_bytes"
            f" ({limits.max_archive_bytes / 2**30:,.1f} GiB); nothing imported",
        )


def _extract(archive: Path, target: Path, limits: ImportLimits) -> None:
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        raise ValidationError(
            file=archive.name,
            reason=f"not a readable zip (damaged or truncated: {error}); nothing imported",
        ) from None
    base = target.resolve()
    with zf:
        _check_archive(archive, zf, limits)
        for info in zf.infolist():
            parts = PurePosixPath(info.filename.replace("\\", "/")).parts
            destination = (base / Path(*parts)).resolve() if parts else base
            if not destination.is_relative_to(base):
                raise ValidationError(
                    file=f"{archive.name}/{info.filename}",
                    reason="unsafe path in the zip (outside the dataset folder): nothing imported",
                )
            if info.is_dir() or not _unpacked(info.filename):
                continue
            destination.parent.mkdir(parents=True, exist_ok=True)
            _unpack(zf, info, destination, archive, limits)


def _unpacked(name: str) -> bool:
    """Whether a zip member is unpacked: data files, and an export's manifest and marker."""
    path = PurePosixPath(name.replace("\\", "/"))
    return path.suffix.lower() in _FORMATS or path.name in (MANIFEST, INCOMPLETE)


def _unpack(
    zf: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    destination: Path,
    archive: Path,
    limits: ImportLimits,
) -> None:
    """Unpack one member, never more bytes than it declares (nor than the limit)."""
    written = 0
    bound = min(info.file_size, limits.max_file_bytes)
    try:
        with zf.open(info) as source, open(destination, "wb") as sink:
            while chunk := source.read(1 << 20):
                written += len(chunk)
                if written > bound:
                    raise ValidationError(
                        file=f"{archive.name}/{info.filename}",
                        reason="unpacks to more than it declares: a damaged or hostile zip;"
                        " nothing imported",
                    )
                sink.write(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as error:
        raise ValidationError(
            file=f"{archive.name}/{info.filename}",
            reason=f"cannot be unpacked (a damaged zip, or an unsupported method: {error});"
            " nothing imported",
        ) from None


def _visible(path: Path) -> bool:
    return not path.name.startswith((".", "__MACOSX", "~$"))


def _scan(root: Path, entities: Mapping[str, Entity], base: Path, limits: ImportLimits) -> Dataset:
    """The dataset files of ``root`` (a folder inside ``base``, the dataset's real folder)."""
    files: list[DataFile] = []
    skipped: list[str] = []
    entries = sorted(p for p in root.iterdir() if _visible(p))
    folders = [p for p in entries if _kind(p) == "dir"]
    for entry in entries:
        found = entity_of(entry.name, entities)
        kind = _kind(entry)
        if kind == "dir":
            if found is not None and entry.name.lower() == found:
                files.extend(_entity_folder(root, entry, found, base, limits))
            continue
        fmt = _FORMATS.get(entry.suffix.lower())
        if found is None or fmt is None:
            skipped.append(entry.name)
            continue
        _check_file(entry, entry.name, kind, base, limits)
        files.append(DataFile(found, entry.name, fmt, (entry,)))
    if not files and len(folders) == 1 and entity_of(folders[0].name, entities) is None:
        return _scan(folders[0], entities, base, limits)
    if len(files) > limits.max_files:
        raise ValidationError(
            file=str(root),
            reason=f"{len(files):,} data files: over the limit max_files ({limits.max_files:,});"
            " nothing imported",
        )
    order = {name: i for i, name in enumerate(entities)}
    files.sort(key=lambda f: (order[f.entity], f.name))
    skipped = [name for name in skipped if name not in (MANIFEST, INCOMPLETE)]
    return Dataset(root, tuple(files), tuple(skipped), read_manifest(root))


def _check_file(path: Path, name: str, kind: str, base: Path, limits: ImportLimits) -> None:
    """A data file must be a regular file inside the dataset folder, within the size limit."""
    if kind != "file":
        raise ValidationError(file=name, reason=f"{kind}: not a data file; nothing imported")
    if not path.resolve().is_relative_to(base):
        raise ValidationError(
            file=name, reason="a link to a file outside the dataset folder: nothing imported"
        )
    _check_size(path, name, limits)


def _entity_folder(
    root: Path, folder: Path, entity: str, base: Path, limits: ImportLimits
) -> list[DataFile]:
    if not folder.resolve().is_relative_to(base):
        raise ValidationError(
            file=folder.name, reason="a link to a folder outside the dataset: nothing imported"
        )
    found = sorted(p for p in folder.rglob("*") if _visible(p) and p.suffix.lower() in _FORMATS)
    for part in found:
        kind = _kind(part)
        if kind != "dir":
            _check_file(part, part.relative_to(root).as_posix(), kind, base, limits)
    found = [p for p in found if _kind(p) == "file"]
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
