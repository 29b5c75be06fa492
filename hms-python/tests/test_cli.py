"""Python and the `hms` command give the same answers: `to_dict()` against `explain --json`
for every official code, the same decode, and the same parser messages."""

import json

import pytest

from conftest import run_cli
from hms_catalog import Model, decode, lookup

BATCH = 1000


def explain_all(hms_cli, codes, *options):
    """`hms explain --json` of every code, a batch of codes per run."""
    items = []
    for start in range(0, len(codes), BATCH):
        out = run_cli(hms_cli, "explain", "--json", *options, *codes[start : start + BATCH])
        assert out.returncode in (0, 1), out.stderr
        items.extend(json.loads(out.stdout))
    assert len(items) == len(codes)
    return items


@pytest.mark.parametrize(
    "options, model, lang",
    [((), None, None), (("--model", "H2D", "--lang", "de-CH"), "H2D", "de-CH")],
    ids=["default", "h2d-de"],
)
def test_to_dict_is_the_cli_json_for_every_official_code(hms_cli, official_codes, options, model, lang):
    assert len(official_codes) > 6000
    expected = explain_all(hms_cli, official_codes, *options)
    differing = []
    for code, cli in zip(official_codes, expected):
        found = lookup(code, model=model, lang=lang)
        mine = found.to_dict()
        if mine != cli:
            differing.append(code)
        # The attributes are the same facts as the dict.
        assert (found.code, found.known, found.title, found.text, found.wiki_url) == (
            mine["code"],
            mine["known"],
            mine["title"],
            mine["text"],
            mine["wiki_url"],
        )
        assert (list(found.models), list(found.steps), found.silent) == (mine["models"], mine["steps"], mine["silent"])
        assert (found.level is None and mine["level"]["name"] is None) or found.level.name.lower() == mine["level"]["name"]
    assert differing == [], f"{len(differing)} codes differ, first {differing[:5]}"


def test_unknown_and_reserved_byte_codes_match_the_cli(hms_cli):
    codes = ["0C00_0000_0001_FFFF", "0700-20FF-0002-0003", "0300_400C", "FFFF-FFFF"]
    for code, cli in zip(codes, explain_all(hms_cli, codes)):
        assert lookup(code).to_dict() == cli, code


def test_decode_matches_the_cli(hms_cli):
    report = {"print": {"hms": [{"attr": 0x07002000, "code": 0x00020003}], "print_error": 0x18008003}}
    out = run_cli(hms_cli, "decode", "--json", "--model", Model.parse("P2S").id, stdin=json.dumps(report))
    cli = [json.loads(line) for line in out.stdout.splitlines()]
    mine = [f.to_dict() for f in decode(report, model="P2S")]
    for item in cli:
        del item["line"], item["field"]
    assert mine == cli


@pytest.mark.parametrize("bad", ["zz", "0700_2000_0002", "0700_2000_0002_000G", "HMS_0700-2000-0002-0003-1", "07002"])
def test_a_bad_code_has_the_rust_parser_message(hms_cli, bad):
    out = run_cli(hms_cli, "explain", bad)
    assert out.returncode == 2
    prefix = f"hms: bad code `{bad}`: "
    (line,) = [line for line in out.stderr.splitlines() if line.startswith(prefix)]
    with pytest.raises(ValueError) as raised:
        lookup(bad)
    assert str(raised.value) == line[len(prefix) :]


@pytest.mark.parametrize("option, value", [("--model", ""), ("--model", "H2D\t2"), ("--lang", "de CH"), ("--lang", "")])
def test_a_bad_model_or_lang_has_the_rust_message(hms_cli, option, value):
    out = run_cli(hms_cli, "explain", option, value, "0300-400C")
    assert out.returncode == 2
    with pytest.raises(ValueError) as raised:
        if option == "--model":
            lookup("0300-400C", model=value)
        else:
            lookup("0300-400C", lang=value)
    assert str(raised.value) in out.stderr
