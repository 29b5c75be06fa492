//! The `serde` feature: codes as their spelled strings, levels, modules and models as names,
//! and every value reads back as what was written.

use hms_catalog::{AnyCode, Code, Hms, Lang, Level, Model, Module, PrintError, lookup};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_test::{Configure, Token, assert_tokens};

fn round_trip<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(value: T, json: &str) {
    assert_eq!(serde_json::to_string(&value).unwrap(), json);
    assert_eq!(serde_json::from_str::<T>(json).unwrap(), value);
}

#[test]
fn codes_are_their_spelled_strings() {
    round_trip(Hms::from_mqtt(0x0700_2000, 0x0002_0003), "\"0700_2000_0002_0003\"");
    round_trip(PrintError::from_u32(0x0300_400C), "\"0300-400C\"");
    round_trip(AnyCode::Hms(Hms::from_mqtt(0x0701_0100, 0x0001_0004)), "\"0701_0100_0001_0004\"");
    round_trip(AnyCode::PrintError(PrintError::from_u32(0x0C00_8001)), "\"0C00-8001\"");
}

#[test]
fn pasted_spellings_read_as_codes() {
    let any: AnyCode = serde_json::from_str("\"HMS_0700-2000-0002-0003\"").unwrap();
    assert_eq!(any, AnyCode::Hms(Hms::from_u64(0x0700_2000_0002_0003)));
    let err = serde_json::from_str::<AnyCode>("\"0700_20\"").unwrap_err();
    assert!(err.to_string().contains("expected 8"), "{err}");
}

#[test]
fn levels_modules_models_and_languages_are_names() {
    round_trip(Level::Error, "\"error\"");
    round_trip(Module::Ams, &format!("\"{}\"", Module::Ams.name()));
    round_trip(Model::H2DPro, "\"H2D Pro\"");
    round_trip(Lang::ZhCn, "\"zh-cn\"");
    assert_eq!(serde_json::from_str::<Module>("\"ams\"").unwrap(), Module::Ams);
    assert_eq!(serde_json::from_str::<Model>("\"H2DPRO\"").unwrap(), Model::H2DPro);
    assert!(serde_json::from_str::<Level>("\"dire\"").is_err());
}

#[test]
fn every_enum_value_round_trips() {
    for &level in Level::ALL {
        assert_eq!(serde_json::from_value::<Level>(serde_json::to_value(level).unwrap()).unwrap(), level);
    }
    for &module in Module::ALL {
        assert_eq!(serde_json::from_value::<Module>(serde_json::to_value(module).unwrap()).unwrap(), module);
    }
    for &model in Model::ALL {
        assert_eq!(serde_json::from_value::<Model>(serde_json::to_value(model).unwrap()).unwrap(), model);
    }
    for &code in Code::ALL {
        assert_eq!(serde_json::from_value::<Code>(serde_json::to_value(code).unwrap()).unwrap(), code);
    }
}

#[test]
fn compact_formats_carry_numbers() {
    assert_tokens(&Hms::from_u64(0x0700_2000_0002_0003).compact(), &[Token::U64(0x0700_2000_0002_0003)]);
    assert_tokens(&Level::Warning.compact(), &[Token::U16(2)]);
    assert_tokens(&Module::Ams.compact(), &[Token::U8(0x07)]);
}

#[test]
fn a_looked_up_code_serialises_with_its_facts() {
    #[derive(Serialize)]
    struct Report {
        code: AnyCode,
        level: Option<Level>,
        module: Option<Module>,
        variant: Option<Code>,
    }
    let found = lookup(Hms::from_mqtt(0x0701_0100, 0x0001_0004));
    let report = Report { code: found.code(), level: found.level(), module: found.module(), variant: found.variant() };
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["code"], "0701_0100_0001_0004");
    assert_eq!(json["level"], "error");
    assert_eq!(json["variant"], "AmsAssistMotorSpeed");
}
