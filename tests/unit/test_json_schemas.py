"""The committed JSON Schemas in schemas/json are the ones the model generates."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from ipledger.model import ENTITIES, Patent, json_schema, json_schema_text, make_converter

SCHEMAS = Path(__file__).resolve().parents[2] / "schemas" / "json"


@pytest.mark.parametrize("name", list(ENTITIES))
def test_committed_schema_is_current(name):
    """schemas/json/<entity>.schema.json is the generated schema (tools/gen_json_schemas.py)."""
    committed = (SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8")
    assert committed == json_schema_text(ENTITIES[name].record_type)


def test_unstructured_record_validates_against_its_schema():
    """A record as the converter writes it is valid under its JSON Schema."""
    import datetime as dt

    data = make_converter().unstructure(
        Patent(application_no="2023101234566", filing_date=dt.date(2023, 1, 1))
    )
    jsonschema.validate(data, json_schema(Patent))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**data, "kind": "bogus"}, json_schema(Patent))


def test_committed_schemas_are_valid_and_none_is_stray():
    """schemas/json holds one valid draft 2020-12 schema per entity and nothing else (a
    renamed entity leaves no old schema behind)."""
    files = {p.name for p in SCHEMAS.glob("*")}
    assert files == {f"{name}.schema.json" for name in ENTITIES}
    for name in files:
        schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        assert set(schema["required"]) <= set(schema["properties"]), name
