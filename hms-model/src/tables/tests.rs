//! Tests of the table layout: the catalog's own tables, and the official rows and texts.

mod own {
    use super::super::*;
    use crate::model::Catalog;

    const CATALOG: &str = include_str!("../../tests/fixtures/small.catalog.yaml");

    fn tables() -> (Catalog, Built) {
        let catalog = crate::parse(CATALOG, "catalog.yaml").unwrap();
        let tables = build(&catalog, None).unwrap();
        (catalog, tables)
    }

    fn written(text: hms_core::packed::PackedText<'_>) -> String {
        hms_core::placeholder::Filled::packed(text, Default::default()).as_written().to_string()
    }

    #[test]
    fn every_entry_reads_back_as_written() {
        let (catalog, owned) = tables();
        let t = owned.view();
        assert_eq!(t.entry_count(), catalog.codes.len());
        for (i, c) in catalog.codes.iter().enumerate() {
            let (e, g) = (t.entry(i as u16).unwrap(), t.guide(i as u16).unwrap());
            let p = t.pattern(t.entry_pattern(i as u16, 0).unwrap()).unwrap();
            assert_eq!(
                (p.key, p.varies, p.entry, t.entry_pattern_count(i as u16)),
                (c.first().key().bits(), c.first().varies(), i as u16, 1)
            );
            assert_eq!(e.patterns, i as u16);
            let title = t.catalog.title(i as u16);
            assert_eq!((written(t.text(title)), written(t.text(g.meaning))), (c.title.clone(), c.meaning.clone()));
            let causes: Vec<_> = (0..g.causes.len).map(|k| written(t.list_item(g.causes, k).unwrap())).collect();
            assert_eq!(causes, c.causes);
        }
        let p = t.procedure(0).unwrap();
        assert_eq!(
            (t.name(p.name), t.list_item(p.steps, 1).map(written), t.list_item(p.parts, 0).map(written)),
            ("reload", Some("Reload slot {slot} ({{twice}})".to_owned()), Some("Feeder".to_owned()))
        );
    }

    #[test]
    fn a_kept_packing_serves_only_the_texts_it_was_packed_from() {
        let dir = std::env::temp_dir().join(format!("hms-model-tables-store-{}", std::process::id()));
        let store = crate::packing::Store { dir: dir.clone(), salt: 1 };
        let (catalog, built) = tables();
        assert_eq!(build_stored(&catalog, None, Some(&store)).unwrap(), built);
        assert_eq!(build_stored(&catalog, None, Some(&store)).unwrap(), built, "kept");
        let mut titled = catalog.clone();
        titled.codes[0].title.push_str(" again");
        let mut noted = catalog.clone();
        noted.codes[1].note = Some("A note written since.".into());
        let mut unlinked = catalog.clone();
        unlinked.codes[0].see_also = None;
        for edited in [titled, noted, unlinked, catalog] {
            assert_eq!(build_stored(&edited, None, Some(&store)).unwrap(), build(&edited, None).unwrap());
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn titles_lead_the_stream_and_need_only_a_prefix_of_the_dictionary() {
        let (catalog, built) = tables();
        let titles = hms_core::layout::OwnedTables { catalog: built.titles_only(), ..built.tables.clone() };
        assert!(built.title_stream < built.tables.catalog.stream.len());
        let t = hms_core::layout::bake::Part::view(&titles);
        for (i, c) in catalog.codes.iter().enumerate() {
            assert_eq!(written(t.text(t.catalog.title(i as u16))), c.title);
        }
    }

    #[test]
    fn every_placeholder_survives_packing() {
        // No one code fills every placeholder, so the texts are packed as `pack_texts` packs
        // them, beside the catalog's, without the catalog's checks.
        use hms_core::packed::PackedText;
        use hms_core::placeholder::{Fill, Filled, PLACEHOLDERS, Side};
        let every: Vec<String> = PLACEHOLDERS.iter().map(|p| format!("{{{}}}", p.name)).collect();
        let template = format!("{} {{{{braces}}}} end", every.join(" / "));
        let (catalog, _) = tables();
        let mut texts: Vec<&str> = catalog.codes.iter().map(|c| c.title.as_str()).collect();
        texts.push(&template);
        let marked: Vec<Vec<u8>> = texts.iter().map(|t| crate::packing::mark(t).unwrap()).collect();
        let packed = crate::packing::pack_with(&marked, 2 * crate::packing::MERGES_PER_PASS);
        let (mut stream, mut pairs) = (Vec::new(), Vec::new());
        hms_core::packed::pack(packed.texts.iter().flatten().copied(), &mut stream);
        hms_core::packed::pack(packed.pairs.iter().flat_map(|&(a, b)| [a, b]), &mut pairs);
        let start: usize = packed.texts[..texts.len() - 1].iter().map(Vec::len).sum();
        let end = start + packed.texts[texts.len() - 1].len();
        let text = PackedText { pairs: &pairs, stream: &stream, start: start as u32, end: end as u32 };
        assert_eq!(Filled::packed(text, Fill::default()).as_written().to_string(), template);
        let fill = Fill {
            unit: Some(1),
            slot: Some(3),
            index: Some(4),
            rack: Some(5),
            side: Some(Side::Left),
            abbr: Some("AMS Lite"),
            family: 0,
            parts: None,
        };
        assert_eq!(Filled::packed(text, fill).to_string(), "B / 3 / 4 / 5 / left / Left / AMS Lite B {braces} end");
        // The same text unpacked fills the same way, and an empty fill marks each value.
        assert_eq!(Filled::new(&template, fill).to_string(), Filled::packed(text, fill).to_string());
        assert_eq!(Filled::packed(text, Fill::default()).to_string(), "? / ? / ? / ? / ? / ? / ? {braces} end");
    }

    #[test]
    fn lookups_prefer_exact_then_family() {
        let (_, owned) = tables();
        let t = owned.view();
        // The entry of the pattern found.
        let entry = |pattern: Option<u16>| pattern.map(|p| t.pattern(p).unwrap().entry);
        assert_eq!(entry(t.find_hms(0x0701_2200_0002_0001)), Some(1));
        assert_eq!(entry(t.find_hms(0x0703_2300_0002_0001)), Some(0));
        assert_eq!(entry(t.find_hms(0x0702_0100_0001_0004)), Some(2));
        assert_eq!(t.find_hms(0x0702_0200_0001_0004), None);
        assert_eq!(entry(t.find_print_error(0x0300_400C)), Some(3));
        assert_eq!(t.find_print_error(0x0300_400D), None);
    }

    #[test]
    fn indexes_solve_for_awkward_key_sets() {
        use hms_core::layout::bake::Part;
        let single_bits: Vec<u64> = (0..64).map(|b| 1u64 << b).collect();
        let runs: Vec<u64> = (0..5000u64).map(|i| 0x0700_0000_0001_0000 + i).collect();
        for keys in [&single_bits[..2], &single_bits[40..42], &single_bits[..], &runs[..], &runs[..3]] {
            let (index, order) = solve(keys).unwrap();
            assert_eq!(order.iter().flatten().count(), keys.len());
            for (slot, &k) in order.iter().enumerate() {
                let Some(k) = k else { continue };
                assert_eq!(index.view().slot(keys[k]), Some(slot), "{:#x}", keys[k]);
            }
        }
    }

    #[test]
    fn same_catalog_same_bytes() {
        assert_eq!(tables().1, tables().1);
    }
}

mod official {
    use hms_core::layout::bake::Part;
    use hms_core::layout::texts::{OwnedTextTable, Said, text_with_fallback};

    use super::super::*;
    use crate::official::{parse_facts, parse_texts};

    const CATALOG: &str = r#"
schema: 1
modules: [{ id: "07", abbr: AMS, name: AMS, lettered: true, parts: { numbers: slots, digits: 0-3 } }, { id: "03", abbr: MC, name: MC }]
models: [{ id: H2D, prefix: "094", name: H2D }, { id: X1, prefix: "00M", name: X1 }, { id: P2S, name: P2S }]
levels: [{ id: 1, variant: Error, name: error, meaning: stops }, { id: 2, variant: Warning, name: warning, meaning: pauses }]
"#;
    const FACTS: &str = "hms\t0300020000010001\tH2D,X1,P2S\tx1/0300_0200_0001_0001:*;h2/0300_0200_0001_0001:H2D\t-\n\
                         hms\t0700200000020003\tH2D,X1\t-\t-\n\
                         hms\t0500070000020201\tH2D\t-\t-\n\
                         err\t0300400C\tX1\t-\t-\n";
    // Project-written stand-ins for imported texts.
    const EN: &str = "hms\t0300020000010001\t*\tNozzle heater test text.\n\
                      hms\t0300020000010001\tH2D\tRight nozzle heater test text.\n\
                      hms\t0700200000020003\t*\tAMS {ams} slot {slot} test text.\n\
                      hms\t0500070000020201\t*\t\n\
                      err\t0300400C\t*\tPrint error test text.\n";
    const DE: &str = "hms\t0300020000010001\t*\tDüsenheizung Testtext.\n\
                      hms\t0300020000010001\tH2D\t\n\
                      hms\t0300020000010001\tP2S\t\\-\n\
                      err\t0300400C\t*\t\n";

    /// The text a [`Said`] holds, decoded.
    fn shown(said: Said<'_>) -> Option<String> {
        match said {
            Said::Text(t) => Some(hms_core::placeholder::Filled::packed(t, Default::default()).to_string()),
            _ => None,
        }
    }

    fn build() -> (Built, OwnedTextTable, OwnedTextTable) {
        let catalog = crate::parse(CATALOG, "catalog.yaml").unwrap();
        let facts = parse_facts(FACTS, "official.tsv", &catalog).unwrap();
        let tables = super::super::build(&catalog, Some(&facts)).unwrap();
        let en = build_texts(&tables.layout, &facts, &parse_texts(EN, "en.tsv", &catalog).unwrap(), "en").unwrap();
        let de = build_texts(&tables.layout, &facts, &parse_texts(DE, "de.tsv", &catalog).unwrap(), "de").unwrap();
        (tables, en, de)
    }

    #[test]
    fn a_model_gets_its_own_text_else_the_most_common() {
        let (tables, en, _) = build();
        let record = tables.view().find_official(0, 0x0300_0200_0001_0001).unwrap();
        let en = en.view();
        assert_eq!(
            shown(text_with_fallback(&en, &en, &record, Some(0))),
            Some("Right nozzle heater test text.".to_owned())
        );
        assert_eq!(shown(text_with_fallback(&en, &en, &record, Some(1))), Some("Nozzle heater test text.".to_owned()));
        assert_eq!(shown(text_with_fallback(&en, &en, &record, None)), Some("Nozzle heater test text.".to_owned()));
    }

    #[test]
    fn a_language_falls_back_to_english_where_it_lacks_a_text() {
        let (tables, en, de) = build();
        let t = tables.view();
        let (en, de) = (en.view(), de.view());
        let nozzle = t.find_official(0, 0x0300_0200_0001_0001).unwrap();
        assert_eq!(shown(text_with_fallback(&de, &en, &nozzle, Some(1))), Some("Düsenheizung Testtext.".to_owned()));
        // Empty in German for H2D: English for H2D.
        assert_eq!(
            shown(text_with_fallback(&de, &en, &nozzle, Some(0))),
            Some("Right nozzle heater test text.".to_owned())
        );
        // Missing in German altogether.
        let ams = t.find_official(0, 0x0700_2000_0002_0003).unwrap();
        assert_eq!(shown(text_with_fallback(&de, &en, &ams, None)), Some("AMS ? slot ? test text.".to_owned()));
        let error = t.find_official(1, 0x0300_400C).unwrap();
        assert_eq!(shown(text_with_fallback(&de, &en, &error, None)), Some("Print error test text.".to_owned()));
    }

    #[test]
    fn models_without_a_text_in_a_language_get_english() {
        let (tables, en, de) = build();
        let nozzle = tables.view().find_official(0, 0x0300_0200_0001_0001).unwrap();
        let (en, de) = (en.view(), de.view());
        // P2S has no German text (`\-`): not the German default, but English.
        assert_eq!(de.said(&nozzle, Some(2)), Said::Nothing);
        assert_eq!(shown(text_with_fallback(&de, &en, &nozzle, Some(2))), Some("Nozzle heater test text.".to_owned()));
        assert_eq!(shown(text_with_fallback(&de, &en, &nozzle, Some(1))), Some("Düsenheizung Testtext.".to_owned()));
    }

    #[test]
    fn empty_texts_mark_a_known_code_as_silent() {
        let (tables, en, de) = build();
        let record = tables.view().find_official(0, 0x0500_0700_0002_0201).unwrap();
        assert_eq!(text_with_fallback(&de.view(), &en.view(), &record, None), Said::Empty);
        assert_eq!(tables.view().find_official(0, 0x0500_0700_0002_0202), None);
    }

    #[test]
    fn official_records_keep_models_and_wiki_pages() {
        let (tables, _, _) = build();
        let t = tables.view();
        let found = t.find_official(0, 0x0300_0200_0001_0001).unwrap();
        assert_eq!(t.facts.models(&found), Some(0b111));
        let pages: Vec<_> = t.wiki.pages(found.record).collect();
        assert_eq!(pages, [("x1/0300_0200_0001_0001", 0), ("h2/0300_0200_0001_0001", 1)]);
        assert_eq!(t.wiki.pages(t.find_official(0, 0x0700_2000_0002_0003).unwrap().record).count(), 0);
    }

    #[test]
    fn every_official_code_is_found_and_walked_back() {
        // Rows of many members with mixed models, beside single codes on both channels.
        let mut facts = String::new();
        for unit in 0..8 {
            for slot in 0..4 {
                let models = if unit == 3 && slot == 2 { "X1" } else { "H2D,X1" };
                facts.push_str(&format!("hms\t070{unit}2{slot}0000020003\t{models}\t-\t-\n"));
            }
            facts.push_str(&format!("err\t070{unit}8001\tP2S\t-\t-\n"));
        }
        facts.push_str("hms\t0300020000010001\tH2D\t-\t-\nhms\t07FE200000020003\tH2D\t-\t-\n");
        let catalog = crate::parse(CATALOG, "catalog.yaml").unwrap();
        let facts = parse_facts(&facts, "official.tsv", &catalog).unwrap();
        let tables = super::super::build(&catalog, Some(&facts)).unwrap();
        let t = tables.view();
        assert_eq!(t.facts.records as usize, facts.codes.len());
        let mut seen = vec![false; facts.codes.len()];
        for c in &facts.codes {
            let found = t.find_official(c.channel.layout(), c.key).unwrap();
            assert_eq!(t.facts.models(&found), Some(c.models), "{:x}", c.key);
            assert_eq!(t.facts.code(found.record), Some((c.channel.layout(), c.key, found)));
            assert!(!std::mem::replace(&mut seen[found.record as usize], true), "two codes on one record");
        }
        // Neighbours of real codes miss: another unit, slot, error id or channel.
        for miss in [0x0708_2000_0002_0003u64, 0x0700_2400_0002_0003, 0x0700_2000_0002_0004, 0x0300_0200_0001_0002] {
            assert_eq!(t.find_official(0, miss), None, "{miss:x}");
        }
        assert_eq!(t.find_official(1, 0x0708_8001), None);
        assert_eq!(t.find_official(1, 0x0700_2000_0002_0003), None);
        assert_eq!(t.facts.code(facts.codes.len() as u16), None);
    }

    #[test]
    fn texts_for_codes_the_facts_lack_are_refused() {
        let catalog = crate::parse(CATALOG, "catalog.yaml").unwrap();
        let facts = parse_facts(FACTS, "official.tsv", &catalog).unwrap();
        let layout = super::super::build(&catalog, Some(&facts)).unwrap().layout;
        let stray = parse_texts("hms\t0300020000019999\t*\tx\n", "en.tsv", &catalog).unwrap();
        assert!(build_texts(&layout, &facts, &stray, "en").unwrap_err().contains("0300020000019999"));
    }
}
