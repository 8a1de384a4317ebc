"""Hostile JSON assessment files and YAML weights files of the corpus (see :mod:`tests.hostile_files.make_hostile_files`)."""

from __future__ import annotations

import json
from collections.abc import Callable

from assessments.catalogue import bundled_frameworks
from assessments.compare.weights import weight_keys
from assessments.jsonfile import assessment_to_dict
from tests.bad_files.make_bad_files import base_assessment
from tests.hostile_files.zips import INVISIBLE_NAME, MARKDOWN_NAME

# ---------------------------------------------------------------------------
# JSON assessment files
# ---------------------------------------------------------------------------


def _document(**changes: object) -> dict[str, object]:
    data = assessment_to_dict(base_assessment())
    data.update(changes)
    return data


def _json(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def _raw(text: str) -> Callable[[], bytes]:
    return lambda: text.encode("utf-8")


def _json_with(path: tuple[str, ...], raw_value: str) -> Callable[[], bytes]:
    """The base document with the value at ``path`` replaced by raw JSON text (which json.dumps could not write)."""

    def make() -> bytes:
        data = _document()
        node: dict[str, object] = data
        for key in path[:-1]:
            node = node[key]  # type: ignore[assignment]
        node[path[-1]] = "@@RAW@@"
        return _json(data).replace(b'"@@RAW@@"', raw_value.encode())

    return make


def _first_answer() -> tuple[str, str]:
    data = _document()
    answers = data["answers"]
    assert isinstance(answers, dict)
    return "scie", next(iter(answers["scie"]))


def _unknown_items() -> bytes:
    data = _document()
    data["answers"] = {"scie": {f"made_up_{n}": {"value": None} for n in range(300)}}
    return _json(data)


def _evidence_flood() -> bytes:
    fid, iid = _first_answer()
    data = _document()
    data["answers"][fid][iid]["evidence"] = [f"gut_feeling_{n}" for n in range(5_000)]  # type: ignore[index]
    return _json(data)


JSON: dict[str, Callable[[], bytes]] = {
    "ASSESSMENT_017_nested_30000_deep.json": _raw("[" * 30_000 + "]" * 30_000),
    "ASSESSMENT_017_objects_nested_30_deep.json": _json_with(
        ("innovation", "description"), '{"a":' * 30 + "1" + "}" * 30
    ),
    "ASSESSMENT_017_unclosed_brackets.json": _raw("[" * 50_000),
    "ASSESSMENT_018_integer_of_5000_digits.json": _json_with(("version",), "9" * 5000),
    "ASSESSMENT_018_float_of_400_digits.json": _json_with(("version",), "1." + "0" * 400),
    "ASSESSMENT_018_exponent_of_50_digits.json": _json_with(("version",), "1e" + "9" * 50),
    "ASSESSMENT_019_lone_surrogate_in_name.json": _json_with(("innovation", "name"), '"Care \\ud800 network"'),
    "ASSESSMENT_019_lone_low_surrogate_in_organisation.json": _json_with(("innovation", "organisation"), '"\\udc00"'),
    "ASSESSMENT_019_lone_surrogate_in_note.json": lambda: _json_with(
        ("answers", *_first_answer(), "note"), '"note \\udbff end"'
    )(),
    "ASSESSMENT_019_lone_surrogate_in_a_key.json": _json_with(
        ("answers",), '{"scie": {"item\\ud83d": {"value": null}}}'
    ),
    "ASSESSMENT_020_format_given_twice.json": _raw(
        '{"format": "scaling-readiness-assessment", "format": "other", "version": 1, "innovation": {"name": "x"}}'
    ),
    "ASSESSMENT_020_note_given_twice.json": lambda: _json_with(
        ("answers", *_first_answer()), '{"value": null, "note": "first", "note": "second"}'
    )(),
    "ASSESSMENT_021_text_of_200000_characters.json": _json_with(
        ("innovation", "description"), '"' + "z" * 200_000 + '"'
    ),
    "ASSESSMENT_021_text_of_escaped_quotes.json": _json_with(("innovation", "description"), '"' + '\\"' * 70_000 + '"'),
    "ASSESSMENT_023_120000_numbers.json": _json_with(("innovation", "description"), "[" + "0," * 120_000 + "0]"),
    "ASSESSMENT_023_110000_empty_objects.json": _raw("[" + "{}," * 110_000 + "{}]"),
    "ASSESSMENT_001_NaN.json": _json_with(("version",), "NaN"),
    "ASSESSMENT_001_Infinity.json": _json_with(("version",), "-Infinity"),
    "ASSESSMENT_001_latin_1_bytes.json": lambda: _json(_document()).replace(b"Corpus", "Corpüs".encode("latin-1")),
    "ASSESSMENT_001_utf_16.json": lambda: json.dumps(_document()).encode("utf-16"),
    "ASSESSMENT_001_truncated.json": lambda: _json(_document())[:200],
    "ASSESSMENT_008_name_only_invisible_characters.json": lambda: _json(
        _document(innovation={"name": INVISIBLE_NAME, "organisation": "", "description": ""})
    ),
    "ASSESSMENT_008_name_only_blank_braille_and_hangul_fillers.json": lambda: _json(
        _document(innovation={"name": "\u2800\u2800\u3164\u115f\uffa0", "organisation": "", "description": ""})
    ),
    "ASSESSMENT_009_5000_unknown_evidence_types.json": _evidence_flood,
    "ASSESSMENT_022_300_unknown_items.json": _unknown_items,
    "OK_markdown_and_html_in_every_text.json": lambda: _json(
        _document(innovation={"name": MARKDOWN_NAME, "organisation": MARKDOWN_NAME, "description": MARKDOWN_NAME})
    ),
    "OK_terminal_escape_sequences_in_name.json": lambda: _json(
        _document(innovation={"name": "Care \x1b[2J\x1b]0;pwned\x07 \u202eevil\u202c \x9b31m", "organisation": ""})
    ),
    "OK_surrogate_pair_escaped.json": _json_with(("innovation", "name"), '"Care \\ud83d\\ude00 network"'),
}


# ---------------------------------------------------------------------------
# YAML weights files
# ---------------------------------------------------------------------------


def _keys() -> list[str]:
    return weight_keys(bundled_frameworks())


def _billion_laughs_yaml() -> bytes:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, 9):
        prev = chr(96 + n)
        lines.append(f"{chr(97 + n)}: &{chr(97 + n)} [" + ",".join([f"*{prev}"] * 9) + "]")
    lines.append(f"{_keys()[0]}: *i")
    return ("\n".join(lines) + "\n").encode()


WEIGHTS: dict[str, Callable[[], bytes]] = {
    "COMPARE_005_billion_laughs_aliases.yaml": _billion_laughs_yaml,
    "COMPARE_005_merge_key_alias_flood.yaml": lambda: (
        "base: &b {x: 1}\n" + "".join(f"k{n}:\n  <<: *b\n" for n in range(100))
    ).encode(),
    "COMPARE_005_nested_5000_deep.yaml": lambda: (f"{_keys()[0]}: " + "[" * 5000 + "]" * 5000 + "\n").encode(),
    "COMPARE_005_block_nesting_40_deep.yaml": lambda: "".join(f"{'  ' * n}k{n}:\n" for n in range(40)).encode(),
    "COMPARE_005_key_given_twice.yaml": lambda: f"{_keys()[0]}: 2\n{_keys()[0]}: 3\n".encode(),
    "COMPARE_005_python_object_tag.yaml": lambda: (
        f"{_keys()[0]}: !!python/object/apply:os.system ['echo pwned']\n".encode()
    ),
    "COMPARE_005_impossible_date.yaml": lambda: f"{_keys()[0]}: 2026-13-45\n".encode(),
    "COMPARE_005_latin_1_bytes.yaml": lambda: f"# pondération\n{_keys()[0]}: 2\n".encode("latin-1"),
    "COMPARE_005_70000_characters.yaml": lambda: ("# " + "x" * 70_000 + "\n").encode(),
    "COMPARE_005_list_not_mapping.yaml": lambda: b"- 1\n- 2\n",
    "COMPARE_005_unhashable_key.yaml": lambda: b"? [a, b]\n: 1\n",
    "COMPARE_001_integer_of_5000_digits.yaml": lambda: f"{_keys()[0]}: {'9' * 5000}\n".encode(),
    "COMPARE_001_1e400.yaml": lambda: f"{_keys()[0]}: 1e400\n".encode(),
    "COMPARE_001_nan.yaml": lambda: f"{_keys()[0]}: .nan\n".encode(),
    "COMPARE_001_list_as_weight.yaml": lambda: f"{_keys()[0]}: [1, 2, 3]\n".encode(),
    "COMPARE_002_key_of_1000_characters.yaml": lambda: f"{'k' * 1_000}: 1\n".encode(),
    "COMPARE_005_key_of_10000_characters.yaml": lambda: f"{'k' * 10_000}: 1\n".encode(),
    "COMPARE_003_every_weight_zero.yaml": lambda: "".join(f"{k}: 0\n" for k in _keys()).encode(),
    "OK_weights_with_comments_and_anchor.yaml": lambda: f"# a comment\n{_keys()[0]}: &w 2\n{_keys()[1]}: *w\n".encode(),
}
