"""`decode`: a printer's MQTT report, as a dict or JSON text, and the real reports."""

import json

import pytest

from hms_catalog import Lookup, decode

REPORT = {
    "print": {
        "command": "push_status",
        "hms": [{"attr": 0x07002000, "code": 0x00020003}, {"attr": 0x07012200, "code": 0x00020003}],
        "print_error": 0x0300400C,
    }
}


def codes(found):
    return [f.code for f in found]


def test_a_report_with_and_without_the_print_wrapper_and_as_text():
    expected = ["0700_2000_0002_0003", "0701_2200_0002_0003", "0300-400C"]
    assert codes(decode(REPORT)) == expected
    assert codes(decode(REPORT["print"])) == expected
    assert codes(decode(json.dumps(REPORT))) == expected
    assert codes(decode(json.dumps(REPORT).encode())) == expected
    assert all(isinstance(f, Lookup) for f in decode(REPORT))


def test_print_error_zero_and_a_partial_update_give_nothing():
    assert decode({"print": {"hms": [], "print_error": 0}}) == []
    assert decode({"print": {"command": "push_status", "nozzle_temper": 220}}) == []
    assert decode({}) == []


def test_model_and_lang_apply_to_every_code():
    found = decode(REPORT, model="H2D", lang="de-CH")
    assert all(f.model is not None and f.model.id == "H2D" and f.lang.code == "de" for f in found)


def test_a_reserved_byte_is_cleared_for_the_lookup():
    (found,) = decode({"print": {"hms": [{"attr": 0x070020FF, "code": 0x00020003}]}})
    assert found.code == "0700_20FF_0002_0003"
    assert found.key == "0700_2000_0002_0003"
    assert found.known
    assert found.to_dict()["key"] == "0700_2000_0002_0003"


@pytest.mark.parametrize(
    "report, message",
    [
        ('{"print": {"hms": 3}}', "print.hms must be a list"),
        ({"print": {"hms": [{"attr": 1}]}}, 'print.hms[0] must be {"attr": u32, "code": u32}, found {"attr":1}'),
        ({"print": {"print_error": -1}}, "print.print_error must be a u32, found -1"),
        ({"print": {"print_error": "x"}}, 'print.print_error must be a u32, found "x"'),
        ({"print": {"print_error": 1 << 70}}, "print.print_error must be a u32, found 1.1805916207174113e+21"),
    ],
)
def test_a_malformed_entry_raises_the_cli_message(report, message):
    with pytest.raises(ValueError) as raised:
        decode(report)
    assert str(raised.value) == message


def test_bad_input_raises_value_or_type_error():
    with pytest.raises(ValueError, match="not JSON"):
        decode('{"print": ')
    with pytest.raises(ValueError, match="not JSON"):
        decode(b"\xff")
    with pytest.raises(ValueError, match="not a JSON object"):
        decode("[1, 2]")
    with pytest.raises(TypeError):
        decode(42)
    deep = {}
    inner = deep
    for _ in range(500):
        inner["a"] = {}
        inner = inner["a"]
    with pytest.raises(ValueError, match="nested deeper"):
        decode(deep)
    looped = {"a": {}}
    looped["a"]["b"] = looped
    with pytest.raises(ValueError, match="nested deeper"):
        decode(looped)


def test_the_real_printer_reports(reports_dir):
    """Every message of the Home Assistant integration's captures decodes; the one with a live
    HMS entry gives its code."""
    decoded = {}
    for path in sorted(reports_dir.glob("*.json")):
        for name, message in json.loads(path.read_text()).items():
            if isinstance(message, dict):
                decoded[(path.stem, name)] = decode(message)
                assert codes(decode(json.dumps(message))) == codes(decoded[(path.stem, name)])
    assert len(decoded) >= 6
    live = decoded[("MOCK-MISC", "pushall")]
    assert codes(live) == ["0C00_0300_0003_0007"]
    assert live[0].channel == "hms" and live[0].known
