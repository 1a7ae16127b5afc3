#!/usr/bin/env python3
"""Round-trip check for emitted workflows.

For every X.yml given, the sibling X.json (the JSON the library emits for the same
node tree) must exist, and loading X.yml as YAML 1.2 (ruamel.yaml, safe, pure) must
give exactly the value that loading X.json gives: same keys, same scalar types
(bool is not int, int is not float, a YAML date is not a JSON string), same values.
Key order is not compared.

Usage: roundtrip.py [--json] FILE.yml...
Prints one `ok FILE` / `FAIL FILE: reason` line per file (or, with --json, one JSON
object {"file", "ok", "message"} per line) and exits 1 if any file failed.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

from ruamel.yaml import YAML


def _no_duplicate_keys(pairs):
    obj = {}
    for key, value in pairs:
        if key in obj:
            raise ValueError(f"duplicate key {key!r} in JSON object")
        obj[key] = value
    return obj


def _path(path: str, key) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    if isinstance(key, str) and key.replace("_", "a").replace("-", "a").isalnum():
        return f"{path}.{key}"
    return f"{path}[{json.dumps(key) if isinstance(key, str) else repr(key)}]"


def _describe(value) -> str:
    text = repr(value)
    if len(text) > 80:
        text = text[:77] + "..."
    return f"{type(value).__name__} {text}"


def first_difference(yaml_value, json_value, path: str = "$") -> str | None:
    """Return a description of the first place the two trees differ, or None."""
    if isinstance(yaml_value, dict) and isinstance(json_value, dict):
        for key in yaml_value:
            if not isinstance(key, str):
                return f"{_path(path, key)}: YAML has a non-string key {_describe(key)}"
            if key not in json_value:
                return f"{_path(path, key)}: present in YAML, missing in JSON"
            diff = first_difference(yaml_value[key], json_value[key], _path(path, key))
            if diff:
                return diff
        for key in json_value:
            if key not in yaml_value:
                return f"{_path(path, key)}: present in JSON, missing in YAML"
        return None
    if isinstance(yaml_value, list) and isinstance(json_value, list):
        for index, (a, b) in enumerate(zip(yaml_value, json_value)):
            diff = first_difference(a, b, _path(path, index))
            if diff:
                return diff
        if len(yaml_value) != len(json_value):
            return f"{path}: YAML list has {len(yaml_value)} items, JSON list has {len(json_value)}"
        return None
    if type(yaml_value) is not type(json_value):
        return f"{path}: YAML gives {_describe(yaml_value)}, JSON gives {_describe(json_value)}"
    if isinstance(yaml_value, float) and math.isnan(yaml_value) and math.isnan(json_value):
        return None
    if isinstance(yaml_value, (dict, list)) or yaml_value != json_value:
        return f"{path}: YAML gives {_describe(yaml_value)}, JSON gives {_describe(json_value)}"
    return None


def check(yml: Path, yaml_loader: YAML) -> str | None:
    """Return None if the file round-trips, else the reason it does not."""
    twin = yml.with_suffix(".json")
    if not twin.is_file():
        return f"missing JSON twin {twin.name}"
    try:
        with yml.open(encoding="utf-8") as handle:
            yaml_value = yaml_loader.load(handle)
    except Exception as error:  # noqa: BLE001 - any loader error is a finding
        return f"cannot load YAML 1.2: {type(error).__name__}: {error}".replace("\n", " ")
    try:
        with twin.open(encoding="utf-8") as handle:
            json_value = json.load(handle, object_pairs_hook=_no_duplicate_keys)
    except Exception as error:  # noqa: BLE001
        return f"cannot load {twin.name}: {type(error).__name__}: {error}".replace("\n", " ")
    diff = first_difference(yaml_value, json_value)
    if diff:
        return f"YAML and {twin.name} differ at {diff}"
    return None


def main(argv: list[str]) -> int:
    as_json = False
    if argv and argv[0] == "--json":
        as_json, argv = True, argv[1:]
    if not argv:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    yaml_loader = YAML(typ="safe", pure=True)
    yaml_loader.version = (1, 2)
    failed = 0
    for name in argv:
        message = check(Path(name), yaml_loader)
        failed += message is not None
        if as_json:
            print(json.dumps({"file": name, "ok": message is None, "message": message}))
        elif message is None:
            print(f"ok {name}")
        else:
            print(f"FAIL {name}: {message}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
