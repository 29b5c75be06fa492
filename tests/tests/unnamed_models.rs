//! A printer Bambu's files list that catalog.yaml does not name yet: `catalog!` compiles
//! `fixtures/unnamed/`, whose official.tsv lists serial prefix `35F`, into an unnamed model
//! `Model::Unnamed35F` after the named ones, with its codes and texts.

// The wiki table is compiled under a `wiki` feature, which this crate does not have.
#[allow(unexpected_cfgs)]
mod fixture {
    hms_macros::catalog!("fixtures/unnamed/catalog.yaml", official = "fixtures/unnamed/official.tsv");

    pub static EN: hms_core::layout::TextTable<'static> = hms_macros::official_texts!(
        lang = "en",
        catalog = "fixtures/unnamed/catalog.yaml",
        official = "fixtures/unnamed/official.tsv"
    );
}

use fixture::{EN, Model, TABLES};
use hms_core::layout::CHANNEL_HMS;
use hms_core::layout::texts::Said;

fn text(said: Said<'_>) -> Option<String> {
    let Said::Text(packed) = said else { return None };
    let mut bytes = Vec::new();
    packed.for_each_byte(|b| {
        bytes.push(b);
        true
    });
    String::from_utf8(bytes).ok()
}

#[test]
fn an_unknown_serial_prefix_is_an_unnamed_model_after_the_named_ones() {
    assert_eq!(Model::ALL, [Model::H2D, Model::X1, Model::Unnamed35F]);
    let m = Model::Unnamed35F;
    assert_eq!((m.id(), m.name(), m.serial_prefix(), m.bit()), ("35F", "unnamed 35F", Some("35F"), 2));
}

#[test]
fn the_unnamed_model_has_its_codes_and_texts() {
    let found = TABLES.find_official(CHANNEL_HMS, 0x0300_0100_0001_0001).unwrap();
    assert_eq!(TABLES.facts.models(&found), Some(0b101));
    let bit = Model::Unnamed35F.bit();
    assert_eq!(text(EN.said(&found, Some(bit))).as_deref(), Some("The new heatbed heater is shorted."));
    assert_eq!(text(EN.said(&found, Some(Model::H2D.bit()))).as_deref(), Some("Heatbed heater shorted."));
    let only_new = TABLES.find_official(CHANNEL_HMS, 0x0700_2000_0002_0003).unwrap();
    assert_eq!(TABLES.facts.models(&only_new), Some(0b100));
}
