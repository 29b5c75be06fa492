"""`entries`, `procedures`, `Model` and `Lang`."""

import pytest

from hms_catalog import Entry, Lang, Model, Procedure, entries, lookup, procedures


def test_entries_cover_the_catalog():
    all_entries = entries()
    assert len(all_entries) > 1000
    assert all(isinstance(e, Entry) for e in all_entries)
    families = [e for e in all_entries if e.is_family]
    assert families and all("x" in p for e in families for p in e.patterns if "x" in p) is True
    # Every entry's own code finds an answer with the entry's title (placeholders filled).
    for entry in all_entries[:200]:
        assert lookup(entry.code).known, entry.code
    named = [e for e in all_entries if e.variant == "AmsASlot1FilamentBroken"]
    assert len(named) == 1 and named[0].code == "0700_2000_0002_0003"


def test_entry_titles_are_filled_as_hms_list_shows_them():
    all_entries = entries()
    # No placeholder is left; the template keeps them.
    assert not any("{" in t for e in all_entries for t in e.titles)
    exact = next(e for e in all_entries if e.variant == "AmsASlot1FilamentBroken")
    assert exact.title.startswith("AMS A slot 1 ") and "{" in exact.title_template
    family = next(e for e in all_entries if "07xx_2x00_0002_0003" in e.patterns)
    title = family.titles[family.patterns.index("07xx_2x00_0002_0003")]
    assert title.startswith("AMS A-Z slot 1-4 "), title
    assert family.title == family.titles[0] and len(family.titles) == len(family.patterns)
    rack = next(e for e in all_entries if "1A00_0x00_0002_0001" in e.patterns)
    assert "slot 1-6" in rack.title, rack.title


def test_procedures_have_names_titles_and_steps():
    all_procedures = procedures()
    assert all(isinstance(p, Procedure) for p in all_procedures)
    # Named procedures are unique by name; steps written on a code have an empty name.
    names = [p.name for p in all_procedures if p.name]
    assert "unpublished-code" in names
    assert len(set(names)) == len(names)
    assert any(not p.name for p in all_procedures)
    assert all(p.title and p.steps for p in all_procedures)


def test_model_resolves_ids_names_prefixes_and_serials():
    h2d = Model.parse("H2D")
    assert (h2d.id, h2d.name, h2d.serial_prefix) == ("H2D", "H2D", "094")
    assert Model.resolve("094") == h2d
    assert Model.resolve("h2d pro") == Model.parse("H2DPRO")
    assert Model.resolve("31B00A000000001") == Model.parse("H2C")
    assert Model.resolve("Z9 Ultra") is None
    assert h2d in Model.ALL and len(set(Model.ALL)) == len(Model.ALL)
    assert {h2d: 1}[Model.parse("h2d")] == 1
    assert str(h2d) == "H2D" and eval(repr(h2d), {"Model": Model}) == h2d
    with pytest.raises(ValueError, match="unknown printer model"):
        Model.parse("Z9 Ultra")
    for malformed in ["", " ", "H2D\n2", "x" * 65, "H2D\u00e9"]:
        with pytest.raises(ValueError, match="malformed printer model"):
            Model.resolve(malformed)


def test_lang_negotiates_like_the_rust_crate():
    assert [lang.code for lang in Lang.ALL] == [
        "en", "de", "es", "fr", "hu", "it", "ja", "ko", "nl", "pl", "pt-br", "ru", "sv", "zh-cn"
    ]
    assert Lang.ALL[0] == Lang.EN and Lang.ALL[-1] == Lang.ZH_CN and Lang.ALL[10] == Lang.PT_BR
    cases = {
        "de-CH": Lang.DE,
        "de_DE.UTF-8": Lang.DE,
        "de_DE@euro": Lang.DE,
        "zh-Hant-TW": Lang.ZH_CN,
        "zh_CN": Lang.ZH_CN,
        "pt-BR": Lang.PT_BR,
        "pt_PT.UTF-8": Lang.PT_BR,
        "fr-CA": Lang.FR,
        "es-419": Lang.ES,
        "he": Lang.EN,
        "C.UTF-8": Lang.EN,
        "POSIX": Lang.EN,
        " en ": Lang.EN,
    }
    for locale, lang in cases.items():
        assert Lang.negotiate(locale) == lang, locale
    for malformed in ["", "de CH", "de--CH", "d", "toolongsubtag9", "dé"]:
        with pytest.raises(ValueError):
            Lang.negotiate(malformed)
    # parse stays strict.
    assert Lang.parse("zh-Hans") == Lang.ZH_CN
    with pytest.raises(ValueError, match="unknown language"):
        Lang.parse("de-CH")
    assert repr(Lang.ZH_CN) == "Lang.ZH_CN" and str(Lang.DE) == "de"
    assert repr(Lang.PT_BR) == "Lang.PT_BR" and Lang.parse("pt-BR") == Lang.PT_BR
