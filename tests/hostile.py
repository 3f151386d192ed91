"""Hostile and broken datasets, made by the tests: zip bombs, encrypted and damaged zips,
duplicate entries, special files, huge cells. Each builder writes into a folder and returns the
path to import."""

from __future__ import annotations

import os
import warnings
import zipfile
from pathlib import Path

HEADER = b"application_no,title\n"


def patent_rows(n: int, start: int = 0) -> bytes:
    """``n`` valid rows of patents.csv (numbers 2023 1 0000000 + i with their check char)."""
    from tests.fixtures_io import patent_no

    return b"".join(
        f"{patent_no(f'20231{i:07d}')},t{i}\n".encode() for i in range(start, start + n)
    )


def zip_of(path: Path, members: dict[str, bytes], *, method: int = zipfile.ZIP_DEFLATED) -> Path:
    """A zip holding ``members`` (name -> bytes)."""
    with zipfile.ZipFile(path, "w", compression=method) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def zip_with_duplicates(path: Path, names: tuple[str, str], first: bytes, second: bytes) -> Path:
    """A zip holding two entries under ``names`` (the same name, or names that collide when
    unpacked): the later would replace the earlier."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "Duplicate name" is what we want
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(names[0], first)
            zf.writestr(names[1], second)
    return path


def encrypted(path: Path, members: dict[str, bytes]) -> Path:
    """A zip whose entries are marked encrypted (bit 0 of the general purpose flags, in the
    local and the central headers), as a password-protected zip has them."""
    zip_of(path, members, method=zipfile.ZIP_STORED)
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        while at >= 0:
            data[at + offset] |= 0x01
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))
    return path


def damaged(path: Path, members: dict[str, bytes]) -> Path:
    """A zip whose compressed data is corrupted (its CRC no longer matches)."""
    zip_of(path, members)
    data = bytearray(path.read_bytes())
    start = data.find(b"PK\x03\x04") + 30 + len(next(iter(members)))
    for i in range(start + 5, start + 25):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))
    return path


def truncated(path: Path, members: dict[str, bytes]) -> Path:
    """A zip cut short (its central directory lost), as a broken download leaves it."""
    zip_of(path, members)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def fifo(folder: Path, name: str = "patents.csv") -> Path:
    """A named pipe where a data file is expected (reading it would block for ever)."""
    path = folder / name
    os.mkfifo(path)
    return path


def big_cell_csv(path: Path, rows: int, cell_bytes: int, at: int) -> Path:
    """patents.csv with ``rows`` rows, the one at index ``at`` holding a title of
    ``cell_bytes`` bytes."""
    from tests.fixtures_io import patent_no

    with open(path, "wb") as out:
        out.write(HEADER)
        for i in range(rows):
            title = b"x" * cell_bytes if i == at else f"t{i}".encode()
            out.write(patent_no(f"20231{i:07d}").encode() + b"," + title + b"\n")
    return path
