"""Regenerate schemas/json/*.schema.json from the model: python tools/gen_json_schemas.py"""

from __future__ import annotations

from pathlib import Path

from ipledger.model import write_json_schemas

if __name__ == "__main__":
    for path in write_json_schemas(Path(__file__).resolve().parents[1] / "schemas" / "json"):
        print(path)
