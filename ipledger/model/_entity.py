"""The `Entity` descriptor: everything ipledger knows about one kind of record, declared
once beside its record class, from which the store, the import and export, the repositories and
the checks are derived."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs

from ipledger._sql import quote
from ipledger.model._columns import Column, columns_of, lookup_value
from ipledger.model._lifecycle import Lifecycle

__all__ = ["Entity", "normalise_header"]

_HEADER_STRIP = " \t\r\n\u3000\u00a0\ufeff\"'"


def normalise_header(text: str) -> str:
    """A header cell as it is matched: trimmed (also of BOM, full-width blanks and quotes),
    lower case.

    Examples:
        >>> normalise_header("\\ufeff Application_No ")
        'application_no'
    """
    return text.strip(_HEADER_STRIP).lower()


@attrs.frozen(kw_only=True)
class Entity:
    """One kind of record: its exchange-file and table name, its record class, natural key,
    labels, and the rules that give meaning to its dates and regions.

    ``lifecycle`` says when a record is active (in force, outstanding, approved);
    ``right_type`` marks a right that assignments (``transfers`` of that ``right_type``) move
    to the assignee's region; ``region_column`` is the column naming the region of a row, and
    ``counts_for_region`` whether figures count the row for it (``check`` lists the rows with
    no known region); ``partition`` the Parquet export's partition column and the date it is
    the year of; ``dated_by`` the date that places a record in a year; ``file_names`` other
    names its files may start with (the Chinese name, as agencies save them).

    Examples:
        >>> from ipledger.model import entity
        >>> e = entity("patents")
        >>> e.key, e.required, e.header("专利号")
        (('application_no',), ('application_no',), 'application_no')
    """

    name: str
    record_type: type[Any]
    key: tuple[str, ...]
    label: str
    label_zh: str
    lifecycle: Lifecycle | None = None
    right_type: str | None = None
    region_column: str | None = "region_code"
    counts_for_region: bool = True
    partition: tuple[str, str] | None = None
    dated_by: str | None = None
    file_names: tuple[str, ...] = ()

    def __attrs_post_init__(self) -> None:
        names = self.columns
        for key in self.key:
            if key not in names:
                raise ValueError(f"{self.name}: key column {key} is not a field")
        for _, name_column in self.party_columns:
            if name_column is not None and name_column not in names:
                raise ValueError(f"{self.name}: name column {name_column} is not a field")
        self.headers  # noqa: B018 - built now so that an ambiguous header fails at import time

    @functools.cached_property
    def declared_columns(self) -> tuple[Column, ...]:
        """Every column, as declared by the record class's fields, in order."""
        return columns_of(self.record_type)

    @property
    def columns(self) -> tuple[str, ...]:
        """The column names, in order: the exchange-format columns and the table columns."""
        return tuple(c.name for c in self.declared_columns)

    def column(self, name: str) -> Column:
        """The declared column ``name`` (``KeyError`` if there is none)."""
        for declared in self.declared_columns:
            if declared.name == name:
                return declared
        raise KeyError(f"{self.name} has no column {name!r}")

    @property
    def required(self) -> tuple[str, ...]:
        """The columns a file that adds records must carry, never blank."""
        return tuple(c.name for c in self.declared_columns if c.required)

    @functools.cached_property
    def headers(self) -> Mapping[str, str]:
        """Every accepted header (normalised) -> its column: English names, Chinese names and
        synonyms. Two columns claiming one header is an error in the declaration."""
        found: dict[str, str] = {}
        for declared in self.declared_columns:
            for header in declared.headers:
                key = normalise_header(header)
                if found.get(key, declared.name) != declared.name:
                    raise ValueError(
                        f"{self.name}: header {header!r} is declared for {found[key]} and "
                        f"{declared.name}"
                    )
                found[key] = declared.name
        return MappingProxyType(found)

    def header(self, text: str) -> str | None:
        """The column a header cell names, or ``None``."""
        return self.headers.get(normalise_header(text))

    def canonical(self, name: str, value: object) -> Any:
        """``value`` in the form column ``name`` stores it, to look records up by (for a list
        column: one item); see `ipledger.model._columns.lookup_value`.

        Examples:
            >>> from ipledger.model import entity
            >>> entity("patents").canonical("application_no", "ZL 2013 1 0123524.5")
            '2013101235245'
        """
        self.column(name)
        return lookup_value(value, attrs.fields_dict(self.record_type)[name])

    @property
    def lifecycle_rule(self) -> Lifecycle:
        """The lifecycle, for entities that have one (``TypeError`` otherwise)."""
        if self.lifecycle is None:
            raise TypeError(f"{self.name} has no lifecycle")
        return self.lifecycle

    @property
    def party_columns(self) -> tuple[tuple[str, str | None], ...]:
        """The columns that identify a party (``party_ref``, ``party_id``), each with the
        column naming that party (``None`` when the record has none).

        Examples:
            >>> from ipledger.model import entity
            >>> entity("pledges").party_columns
            (('pledgor_id', 'pledgor_name'), ('pledgee_id', 'pledgee_name'))
        """
        return tuple(
            (c.name, c.name_column)
            for c in self.declared_columns
            if c.rule in ("party_ref", "party_id")
        )

    def key_text_sql(self, alias: str = "") -> str:
        """SQL text naming a row by its key (``gi_ref / user_id``), as reports and checks show
        it."""
        prefix = f"{alias}." if alias else ""
        return " || ' / ' || ".join(
            f"coalesce(CAST({prefix}{quote(k)} AS VARCHAR), '')" for k in self.key
        )
