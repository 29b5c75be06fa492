"""`lookup`: the spellings and shapes of a code, the result's fields, errors, the cache."""

import enum

import pytest

import hms_catalog
from hms_catalog import Lang, Level, Model, lookup

AMS_A_SLOT_1 = "0700_2000_0002_0003"


@pytest.mark.parametrize(
    "spelling",
    [
        "HMS_0700-2000-0002-0003",
        "HMS_0700_2000_0002_0003",
        "0700_2000_0002_0003",
        "0700-2000-0002-0003",
        "0700200000020003",
        "  hms_0700-2000-0002-0003 ",
        (0x07002000, 0x00020003),
        {"attr": 0x07002000, "code": 0x00020003},
    ],
)
def test_every_spelling_finds_the_same_code(spelling):
    found = lookup(spelling)
    assert found.code == AMS_A_SLOT_1
    assert found.channel == "hms"
    assert found.known and found.official


def test_print_error_as_int_and_as_text():
    found = lookup(0x0300400C)
    assert found.code == "0300-400C"
    assert found.channel == "print_error"
    assert lookup("0300_400C").code == "0300-400C"
    # A module >= 0x10 keeps its two digits (hand-written tables lose the first one).
    assert lookup(0x18008003).code == "1800-8003"


def test_fields_of_an_ams_code():
    found = lookup("HMS_0701-2200-0002-0003")
    assert found.unit == "B"
    assert found.slot == 3
    assert found.module_number == 1
    assert (found.module.id, found.module.abbr) == (0x07, "AMS")
    assert found.level is Level.WARNING
    assert found.title == "AMS B slot 3 filament may be broken inside the AMS"
    assert found.meaning and found.steps and found.procedure is not None
    assert found.steps == found.procedure.steps
    assert found.parts == found.procedure.parts
    assert found.support == found.procedure.support
    assert isinstance(found.causes, tuple)
    assert found.wiki_url.startswith("https://wiki.bambulab.com/en/")
    assert "H2D" in found.models


def test_level_is_an_int_enum():
    assert issubclass(Level, enum.IntEnum)
    assert [(level.name, int(level)) for level in Level] == [
        ("INVALID", 0),
        ("ERROR", 1),
        ("WARNING", 2),
        ("INFO", 3),
        ("NOTICE", 4),
    ]
    assert lookup(AMS_A_SLOT_1).level == 2
    assert lookup("0300-400C").level is Level.ERROR


def test_an_unknown_code_is_answered_not_refused():
    found = lookup("0C00_0000_0001_FFFF")
    assert not found.known
    assert found.title is None and found.text is None
    assert found.causes == () and found.steps == () and found.models == ()
    assert "not in the catalog" in repr(found)


def test_the_result_is_immutable():
    found = lookup(AMS_A_SLOT_1)
    with pytest.raises(AttributeError):
        found.code = "x"
    with pytest.raises(AttributeError):
        found.title = "x"
    # to_dict gives a new dict each time: changing it changes nothing else.
    found.to_dict()["code"] = "changed"
    assert found.to_dict()["code"] == AMS_A_SLOT_1


def test_results_are_cached_per_code_model_and_language():
    assert lookup(AMS_A_SLOT_1) is lookup(AMS_A_SLOT_1)
    assert lookup(AMS_A_SLOT_1, lang="de") is lookup(AMS_A_SLOT_1, lang=Lang.DE)
    assert lookup(AMS_A_SLOT_1, lang="de") is not lookup(AMS_A_SLOT_1)
    assert lookup(AMS_A_SLOT_1, model="H2D").model == Model.parse("H2D")
    # A float or bool equal to a cached int must not find its result.
    lookup(1)
    with pytest.raises(TypeError):
        lookup(1.0)
    with pytest.raises(TypeError):
        lookup(True)


def test_the_cache_stays_bounded():
    for n in range(20000):
        lookup(n)
    assert lookup(7).code == "0000-0007"


@pytest.mark.parametrize(
    "bad",
    ["", "zz", "0700_2000_0002", "HMS_0700-2000-0002-0003-0004", "0700_2000_0002_000G", "\ud800", "0700 2000"],
)
def test_a_bad_code_raises_value_error(bad):
    with pytest.raises(ValueError):
        lookup(bad)


@pytest.mark.parametrize(
    "bad, message",
    [
        (-1, "print_error must be a u32, found -1"),
        (1 << 32, "print_error must be a u32, found 4294967296"),
        ((1, 2, 3), "an HMS code as a tuple is (attr, code), found 3 items"),
        ((1 << 32, 0), "attr must be a u32, found 4294967296"),
        ({"attr": 1}, "a print.hms entry needs `attr` and `code`, found {'attr': 1}"),
    ],
)
def test_out_of_range_values_raise_value_error(bad, message):
    with pytest.raises(ValueError) as raised:
        lookup(bad)
    assert str(raised.value) == message


@pytest.mark.parametrize("bad", [1.5, None, b"0300-400C", ["0300-400C"], ("1", 2), (1, 2.0)])
def test_values_of_another_type_raise_type_error(bad):
    with pytest.raises(TypeError):
        lookup(bad)


def test_model_and_lang_follow_the_rust_rules():
    english = lookup(AMS_A_SLOT_1).text
    german = lookup(AMS_A_SLOT_1, lang="de").text
    if not Lang.DE.has_texts:
        pytest.skip("skipped: the official texts were not imported when the wheel was built")
    assert german != english
    for locale in ["de-CH", "de_DE.UTF-8", "DE", "deu"]:
        assert lookup(AMS_A_SLOT_1, lang=locale).text == german, locale
    for locale in ["en-US", "he", "C.UTF-8"]:
        assert lookup(AMS_A_SLOT_1, lang=locale).text == english, locale
    for locale, lang in [("pt-BR", Lang.PT_BR), ("pt", Lang.PT_BR), ("fr-CA", Lang.FR)]:
        found = lookup(AMS_A_SLOT_1, lang=locale)
        assert found.lang == lang and found.text not in (None, english), locale
    assert lookup(AMS_A_SLOT_1, lang="zh-Hant-TW").lang == Lang.ZH_CN
    # An unknown model gets the default text, as no model does; a malformed one is refused.
    assert lookup(AMS_A_SLOT_1, model="Z9 Ultra").model is None
    assert lookup(AMS_A_SLOT_1, model="Z9 Ultra").text == english
    assert lookup(AMS_A_SLOT_1, model="094").model == Model.parse("H2D")
    with pytest.raises(ValueError, match="malformed printer model"):
        lookup(AMS_A_SLOT_1, model="")
    with pytest.raises(ValueError):
        lookup(AMS_A_SLOT_1, lang="de CH")
    with pytest.raises(TypeError):
        lookup(AMS_A_SLOT_1, model=3)


def test_the_package_exports_what_the_stub_declares():
    import pathlib

    stub = pathlib.Path(hms_catalog.__file__).with_name("__init__.pyi")
    assert stub.is_file() and stub.with_name("py.typed").is_file()
    for name in hms_catalog.__all__:
        assert getattr(hms_catalog, name) is not None
        assert name in stub.read_text(), name
