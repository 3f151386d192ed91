"""Columns declared once: each record field says its rule, its Chinese header and synonyms, and
whether it is required; the model's converters, the import's header map and SQL validation, the
export and the checks all read that one declaration.

A field is declared with `column` (an ``attrs.field`` carrying a `ColumnSpec` in its
metadata); `columns_of` gives the `Column` objects of a record class. The scalar form
of each rule is `convert` (used by the record constructors); its SQL form is built from the
same declaration in `ipledger.io` — hypothesis tests check that the two agree.

Rules (``RuleKind``):

``text``             trimmed text; blank is unknown (``None``)
``party_ref``        a party id: an 18-character valid credit code is made canonical (upper case)
``party_id``         the id of a party: must be a valid credit code when ``kind`` is an organisation
``patent_number``    a patent application number, canonical (``2023101234566``)
``patent_kind``      a patent kind, derived from the number when blank, else must agree with it
``trademark_number`` a trademark registration number
``right_no``         a patent or trademark number, by the row's ``right_type``
``date``             a date in any form of the exchange format
``money``            yuan, exact, 2 decimal places, never negative
``number``           a decimal number (at most 6 decimal places)
``int``              a whole number within ``bounds``
``bool``             yes/no; blank is false
``list``             items of text; blank is the empty list
``rights``           items that are patent or trademark numbers (patent numbers made canonical)
``enum``             one token of ``vocabulary``; blank is the default
``enum_list``        tokens of ``vocabulary``, each once
``nice_classes``     Nice classes 1..45
``region``           a 6-digit region code that the ledger knows (retired codes are mapped to
                     their successor when the row is written)
``new_region``       a 6-digit region code that a ``regions`` file introduces
``indicator``        an indicator id of the catalog (`ipledger.model.indicator_ids`)
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

import attrs

from ipledger.codes import (
    is_blank,
    parse_bool,
    parse_credit_code,
    parse_date,
    parse_list,
    parse_money,
    parse_patent_number,
    parse_trademark_number,
)
from ipledger.codes._lists import LIST_SEPARATORS
from ipledger.codes._text import BLANKS, halfwidth
from ipledger.errors import ValidationError
from ipledger.model._indicators import indicator_ids

__all__ = [
    "COLUMN",
    "NOT_AN_ORGANISATION",
    "UNKNOWN_INDICATOR",
    "Column",
    "ColumnSpec",
    "RuleKind",
    "column",
    "columns_of",
    "convert",
    "convert_dependent",
    "date_order_prefix",
    "date_order_reason",
    "lookup_value",
    "record_column",
]

RuleKind = Literal[
    "text",
    "party_ref",
    "party_id",
    "patent_number",
    "patent_kind",
    "trademark_number",
    "right_no",
    "date",
    "money",
    "number",
    "int",
    "bool",
    "list",
    "rights",
    "enum",
    "enum_list",
    "nice_classes",
    "region",
    "new_region",
    "indicator",
]

COLUMN = "ipledger_column"
"""Field-metadata key holding a field's `ColumnSpec`."""

LIST_RULES: frozenset[RuleKind] = frozenset({"list", "rights", "enum_list", "nice_classes"})
"""Rules whose values are lists (``VARCHAR[]`` / ``SMALLINT[]`` in the store)."""

_REGION = re.compile(r"[0-9]{6}")
_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]{1,6})?")
_WHOLE = re.compile(r"[+-]?[0-9]{1,18}")
_NICE = re.compile(r"[0-9]{1,2}")
_SEPARATOR = re.compile(LIST_SEPARATORS)
NOT_AN_ORGANISATION = "individual"
"""The party kind whose id need not be a credit code (a ``party_id`` of any other kind must)."""


@attrs.frozen(kw_only=True)
class ColumnSpec:
    """What a field declares about its column (everything but its name)."""

    rule: RuleKind
    zh: str
    """The Chinese header of docs/exchange.md (the name in brackets)."""
    synonyms: tuple[str, ...] = ()
    """Other headers read as this column (English or Chinese), as agencies write them."""
    not_before: tuple[str, ...] = ()
    """Date columns of the same record this date must not precede."""
    bounds: tuple[int, int] | None = None
    """Inclusive bounds of a whole number."""
    vocabulary: type[enum.Enum] | None = None
    """The enum whose values an ``enum`` / ``enum_list`` column takes."""
    depends_on: str | None = None
    """The column whose value decides this one's rule (``right_type`` for ``right_no``)."""
    name_column: str | None = None
    """For a party's id: the column of the same record holding that party's name (what
    ``export --mask-personal`` masks with the id of an individual)."""


@attrs.frozen(kw_only=True)
class Column:
    """One column of an entity: its name, its declared rule, whether it is required and the
    token that a blank value stands for.

    Examples:
        >>> from ipledger.model import Patent
        >>> c = next(c for c in columns_of(Patent) if c.name == "grant_date")
        >>> c.rule, c.zh, c.required, c.not_before
        ('date', '授权日', False, ('filing_date',))
    """

    name: str
    rule: RuleKind
    zh: str
    synonyms: tuple[str, ...] = ()
    required: bool = False
    """Present and never blank in a file that adds a record (see the exchange format)."""
    default: str | None = None
    """The token a blank cell stands for (an enum's default), else ``None``."""
    not_before: tuple[str, ...] = ()
    bounds: tuple[int, int] | None = None
    vocabulary: tuple[str, ...] = ()
    depends_on: str | None = None
    name_column: str | None = None

    @property
    def is_list(self) -> bool:
        """Whether the column holds a list of items."""
        return self.rule in LIST_RULES

    @property
    def headers(self) -> tuple[str, ...]:
        """Every header read as this column: its name, its Chinese name, its synonyms."""
        return (self.name, self.zh, *self.synonyms)


def _spec(field: attrs.Attribute[Any]) -> ColumnSpec:
    spec = field.metadata.get(COLUMN)
    if not isinstance(spec, ColumnSpec):
        raise TypeError(f"field {field.name} is not declared with ipledger.model.column()")
    return spec


def record_column(field: attrs.Attribute[Any]) -> Column:
    """The `Column` a record field declares."""
    spec = _spec(field)
    default = field.default
    required = default is attrs.NOTHING  # attrs.NOTHING is an enum member itself
    token = default.value if isinstance(default, enum.Enum) and not required else None
    vocabulary = tuple(str(m.value) for m in spec.vocabulary) if spec.vocabulary else ()
    return Column(
        name=field.name,
        rule=spec.rule,
        zh=spec.zh,
        synonyms=spec.synonyms,
        required=required,
        default=token,
        not_before=spec.not_before,
        bounds=spec.bounds,
        vocabulary=vocabulary,
        depends_on=spec.depends_on,
        name_column=spec.name_column,
    )


def columns_of(record_type: type[Any]) -> tuple[Column, ...]:
    """The declared columns of a record class, in field order."""
    return tuple(record_column(f) for f in attrs.fields(record_type))


# -- the scalar form of every rule ------------------------------------------------------------


def _fail(field: attrs.Attribute[Any], value: object, reason: str) -> ValidationError:
    return ValidationError(column=field.name, value=value, reason=reason)


def _text(value: object) -> str | None:
    """Text as the import reads a cell: trimmed of blanks, ``None`` when blank."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise TypeError(type(value).__name__)
    return str(value).strip(BLANKS) or None


def _item(value: object) -> str | None:
    """A list item: half-width, trimmed; ``None`` when blank. Separators cannot be in an item
    (the cell of a file could not hold it)."""
    text = _text(value)
    if text is None:
        return None
    item = halfwidth(text).strip(BLANKS)
    if _SEPARATOR.search(item):
        raise ValueError(f"a list item cannot contain a separator (; ； 、): {item!r}")
    return item or None


def _token(value: object) -> str | None:
    """An item of a list of tokens: half-width, trimmed; ``None`` when blank."""
    text = _text(value)
    return None if text is None else halfwidth(text).strip(BLANKS) or None


def _items(value: object) -> tuple[str, ...]:
    """List items: a cell's text split, or each item of a sequence cleaned."""
    if isinstance(value, str):
        return parse_list(value)
    return tuple(i for i in (_item(v) for v in _listed(value)) if i is not None)


def _credit_code_or_text(text: str) -> str:
    """An 18-character text that is a valid credit code, in canonical form; else as given."""
    if len(text) == 18:
        try:
            return parse_credit_code(text)
        except ValidationError:
            return text
    return text


def _date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0, 0):
            raise ValueError("has a time of day: not a date")
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return parse_date(value)
    raise TypeError(type(value).__name__)


def _decimal(value: object) -> Decimal | None:
    """A number given as a Python number, as an exact decimal; ``None`` for anything else."""
    if isinstance(value, bool):
        raise TypeError("bool")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    return value if isinstance(value, Decimal) else None


def _money(value: object) -> Decimal:
    number = _decimal(value)
    if number is not None:
        if not number.is_finite():
            raise ValueError("not an amount of money")
        if number.is_signed() and number != 0:
            raise ValueError("money cannot be negative")
        return parse_money(f"{abs(number):f}")
    if isinstance(value, str):
        return parse_money(value)
    raise TypeError(type(value).__name__)


def _number(value: object) -> Decimal:
    number = _decimal(value)
    if number is not None:
        value = f"{number:f}"
    if not isinstance(value, str):
        raise TypeError(type(value).__name__)
    text = (_text(value) or "").replace(",", "")
    if not _NUMBER.fullmatch(text):
        raise ValueError("not a number (at most 6 decimals)")
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
        raise ValueError("not a number (at most 6 decimals)") from None


def _int(value: object, bounds: tuple[int, int] | None) -> int:
    if isinstance(value, bool):
        raise TypeError("bool")
    if isinstance(value, str):
        text = (_text(value) or "").replace(",", "")
        if not _WHOLE.fullmatch(text):
            raise ValueError("not a whole number")
        value = int(text)
    if not isinstance(value, int):
        raise TypeError(type(value).__name__)
    low, high = bounds or (0, 2**62)
    if not low <= value <= high:
        if high >= 2**62:
            raise ValueError("must not be negative")
        raise ValueError(f"must be between {low} and {high}")
    return value


def _bool(value: object) -> bool:
    if value is None or isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return parse_bool(str(value))
    if isinstance(value, str):
        return parse_bool(value)
    raise TypeError(type(value).__name__)


def _enum(value: object, vocabulary: type[enum.Enum]) -> enum.Enum:
    if isinstance(value, vocabulary):
        return value
    token = _text(value)
    if token is None:
        raise ValueError("required, but blank")
    try:
        return vocabulary(token.lower())
    except ValueError:
        tokens = "|".join(str(m.value) for m in vocabulary)
        raise ValueError(f"not one of {tokens}") from None


def _enum_list(value: object, vocabulary: type[enum.Enum]) -> tuple[enum.Enum, ...]:
    items = [v if isinstance(v, vocabulary) else _token(v) for v in _listed(value)]
    tokens = [str(i.value) if isinstance(i, enum.Enum) else i.lower() for i in items if i]
    bad = [t for t in tokens if t not in {str(m.value) for m in vocabulary}]
    if bad:
        allowed = "|".join(str(m.value) for m in vocabulary)
        raise ValueError(f"not one of {allowed}: {';'.join(bad)}")
    return tuple(vocabulary(t) for t in dict.fromkeys(tokens))


def _listed(value: object) -> tuple[object, ...]:
    """The items of a list value as given: a cell's text split, or the sequence itself."""
    if value is None:
        return ()
    if isinstance(value, str):
        return parse_list(value)
    if not isinstance(value, Iterable):
        raise TypeError(type(value).__name__)
    return tuple(value)


def _nice_classes(value: object) -> tuple[int, ...]:
    items = _listed(value)
    texts = [str(v) if isinstance(v, int) and not isinstance(v, bool) else _token(v) for v in items]
    classes = [t for t in texts if t]
    bad = [t for t in classes if not (_NICE.fullmatch(t) and 1 <= int(t) <= 45)]
    if bad:
        raise ValueError(f"Nice classes are 1..45, not {';'.join(bad)}")
    return tuple(int(t) for t in classes)


def _rights(value: object) -> tuple[str, ...]:
    return tuple(_patent_or_text(i) for i in _items(value))


def _patent_or_text(item: str) -> str:
    try:
        return parse_patent_number(item).canonical
    except ValidationError:
        return item


def _indicator(text: str) -> str:
    if text not in indicator_ids():
        raise ValueError(UNKNOWN_INDICATOR)
    return text


UNKNOWN_INDICATOR = "not an indicator of the catalog (`ipledger indicators` lists them)"
"""Why an ``indicator`` value that is no id of the catalog is rejected."""


def _region(value: object) -> str:
    text = _text(value)
    if text is None or not _REGION.fullmatch(text):
        raise ValueError("not a 6-digit region code")
    return text


def convert(value: object, instance: Any, field: attrs.Attribute[Any]) -> Any:
    """The scalar form of a field's rule: the canonical value of ``value``, or a
    `ValidationError` naming the field, the value and the reason.

    Values may be given typed (``date``, ``Decimal``, an enum member, a tuple) or as the text an
    exchange file holds (``"2024年1月5日"``, ``"1200万元"``). ``instance`` is the record being
    made: a patent's blank kind is read from its number, set before it.
    """
    spec = _spec(field)
    optional = field.default is not attrs.NOTHING
    rule = spec.rule
    try:
        if rule in ("list", "rights", "enum_list", "nice_classes", "bool"):
            return _convert_always(rule, spec, value, required=not optional)
        if value is None or (isinstance(value, str) and is_blank(value)):
            if rule == "enum" and optional and isinstance(field.default, enum.Enum):
                return field.default
            if rule == "patent_kind" and spec.depends_on:
                number = parse_patent_number(getattr(instance, spec.depends_on))
                return _enum(number.kind, spec.vocabulary)  # type: ignore[arg-type]
            if optional:
                return None
            raise ValueError("required, but blank")
        return _convert_present(rule, spec, value)
    except ValidationError as error:
        raise _fail(field, value, error.reason) from None
    except TypeError as error:
        raise _fail(field, value, f"not a {rule.replace('_', ' ')} value ({error})") from None
    except ValueError as error:
        raise _fail(field, value, str(error)) from None


def _convert_always(rule: RuleKind, spec: ColumnSpec, value: object, *, required: bool) -> Any:
    """Rules whose blank is a value of its own (false, the empty list)."""
    if rule == "bool":
        return _bool(value)
    if rule == "enum_list":
        assert spec.vocabulary is not None
        types = _enum_list(value, spec.vocabulary)
        if required and not types:
            raise ValueError("required, but blank")
        return types
    if rule == "nice_classes":
        return _nice_classes(value)
    if rule == "rights":
        return _rights(value)
    return _items(value)


def _convert_present(rule: RuleKind, spec: ColumnSpec, value: object) -> Any:
    """Rules of a value that is given (not blank)."""
    if rule in ("text", "party_id", "right_no"):
        return _text(value)
    if rule == "indicator":
        return _indicator(_required_text(value))
    if rule == "party_ref":
        text = _text(value)
        return None if text is None else _credit_code_or_text(text)
    if rule == "patent_number":
        return parse_patent_number(_required_text(value)).canonical
    if rule == "trademark_number":
        return parse_trademark_number(_required_text(value))
    if rule in ("enum", "patent_kind"):
        assert spec.vocabulary is not None
        return _enum(value, spec.vocabulary)
    if rule == "date":
        return _date(value)
    if rule == "money":
        return _money(value)
    if rule == "number":
        return _number(value)
    if rule == "int":
        return _int(value, spec.bounds)
    if rule in ("region", "new_region"):
        return _region(value)
    raise AssertionError(rule)  # pragma: no cover - every rule is handled above


def _required_text(value: object) -> str:
    text = _text(value)
    if text is None:  # pragma: no cover - blank values are handled by the caller
        raise ValueError("required, but blank")
    return text


def convert_dependent(instance: Any, name: str) -> None:
    """Apply the rule of a column that depends on another column of the same record (called
    by the record's ``__attrs_post_init__``; the record is frozen, so the canonical value is
    set in place once): ``right_no`` by ``right_type``, ``party_id`` by ``kind``."""
    field = attrs.fields_dict(type(instance))[name]
    spec = _spec(field)
    value = getattr(instance, name)
    other = getattr(instance, spec.depends_on) if spec.depends_on else None
    try:
        if spec.rule == "right_no":
            parse = parse_trademark_number if str(other) == "trademark" else None
            canonical = parse(value) if parse else parse_patent_number(value).canonical
        elif spec.rule == "party_id":
            if other is not None and str(other) != NOT_AN_ORGANISATION:
                canonical = parse_credit_code(value)
            else:
                canonical = _credit_code_or_text(value)
        else:  # pragma: no cover - only these two rules depend on another column
            raise AssertionError(spec.rule)
    except ValidationError as error:
        raise _fail(field, value, error.reason) from None
    object.__setattr__(instance, name, canonical)


def lookup_value(value: object, field: attrs.Attribute[Any]) -> Any:
    """A value to look records up by, in the canonical form the column stores: a key or a
    filter written in any form the import accepts (``ZL 2023 1 0123456.6``, ``"2024年1月5日"``).

    For a list column it is one item; a column whose rule depends on another (``right_no``,
    ``party_id``) reads the value in each form it may be stored in. Enum values are their
    tokens. ``None`` stays ``None`` (no value); a value no form accepts is a
    `ValidationError` naming the column.
    """
    if value is None:
        return None
    spec = _spec(field)
    rule = spec.rule
    try:
        if rule == "right_no":
            text = _required_text(value)
            for parse in (lambda t: parse_patent_number(t).canonical, parse_trademark_number):
                try:
                    return parse(text)
                except ValidationError:
                    continue
            return text
        if rule == "party_id":
            return _credit_code_or_text(_required_text(value))
        if rule == "enum_list":
            assert spec.vocabulary is not None
            return _enum(value, spec.vocabulary).value
        if rule == "rights":
            return _patent_or_text(_required_text(_item(value)))
        if rule == "list":
            return _item(value)
        if rule == "nice_classes":
            classes = _nice_classes((value,))
            if not classes:
                raise ValueError("a Nice class is a whole number 1..45")
            return classes[0]
        if rule == "bool":
            return _bool(value)
        found = _convert_present(rule, spec, value)
        return found.value if isinstance(found, enum.Enum) else found
    except ValidationError as error:
        raise _fail(field, value, error.reason) from None
    except TypeError as error:
        raise _fail(field, value, f"not a {rule.replace('_', ' ')} value ({error})") from None
    except ValueError as error:
        raise _fail(field, value, str(error)) from None


def column(
    rule: RuleKind,
    zh: str,
    *,
    default: Any = attrs.NOTHING,
    synonyms: tuple[str, ...] = (),
    not_before: tuple[str, ...] = (),
    bounds: tuple[int, int] | None = None,
    vocabulary: type[enum.Enum] | None = None,
    depends_on: str | None = None,
    name_column: str | None = None,
    validator: Any = None,
) -> Any:
    """Declare a record field and its column: its rule, Chinese header, synonyms, default.

    Without ``default`` the column is required (a record needs it; a file adding a record must
    carry it). The converter is the rule's scalar form (`convert`); date-order rules
    (``not_before``) are checked once every field is set. List and yes/no columns default to
    the empty list and false. A party id names its party's ``name_column``, if the record has
    one.

    Examples:
        >>> import attrs
        >>> @attrs.frozen(kw_only=True)
        ... class Toy:
        ...     toy_no: str = column("text", "编号")
        ...     made: dt.date | None = column("date", "日期", default=None)
        >>> Toy(toy_no=" T1 ", made="2024年1月5日")
        Toy(toy_no='T1', made=datetime.date(2024, 1, 5))
    """
    if default is attrs.NOTHING and rule in ("bool", "list", "rights", "nice_classes"):
        default = False if rule == "bool" else ()
    spec = ColumnSpec(
        rule=rule,
        zh=zh,
        synonyms=synonyms,
        not_before=not_before,
        bounds=bounds,
        vocabulary=vocabulary,
        depends_on=depends_on,
        name_column=name_column,
    )
    validators = [v for v in (_not_before if not_before else None, validator) if v is not None]
    return attrs.field(
        default=default,
        converter=attrs.Converter(convert, takes_self=True, takes_field=True),
        validator=validators or None,
        metadata={COLUMN: spec},
    )


def date_order_prefix(earlier: str) -> str:
    """The start of the reason a date preceding the date ``earlier`` of its record is rejected
    with; the earlier date (ISO) follows. One text for the record constructors and the import."""
    return f"is before {earlier} "


def date_order_reason(earlier: str, earlier_value: dt.date) -> str:
    """Why a date that precedes the date ``earlier`` (``earlier_value``) is rejected."""
    return date_order_prefix(earlier) + earlier_value.isoformat()


def _not_before(instance: Any, attribute: attrs.Attribute[Any], value: dt.date | None) -> None:
    for other in _spec(attribute).not_before:
        earlier = getattr(instance, other)
        if value is not None and earlier is not None and value < earlier:
            raise ValidationError(
                column=attribute.name,
                value=value.isoformat(),
                reason=date_order_reason(other, earlier),
            )
