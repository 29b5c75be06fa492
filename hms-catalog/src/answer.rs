//! [`Answer`]: everything a lookup tells about a code, as one serializable value (feature
//! `serde`): the shape of `hms explain --json`, of the Python package's `to_dict()` and of any
//! other front-end's JSON, defined once.
//!
//! Texts are written straight into the serializer (`collect_str`) and lists walked as they
//! are serialized, so an `Answer` needs no allocation: it serializes without `std` or `alloc`.

use core::fmt::Display;

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::{Lang, Lookup, Model, OfficialText, Procedure};

/// A [`Lookup`] with the printer model and language its official text is shown for, as one
/// `serde::Serialize` value (feature `serde`); see [`Lookup::answer`].
///
/// Its keys, in this order (alphabetical), every one always present except `key`:
///
/// | key | value |
/// |---|---|
/// | `actions` | the buttons the model offers, `{"id", "label", "name"}` (`[]` without a model) |
/// | `alert` | the alert class for the model: `"silent"`, `"status"`, `"advisory"`, `"fault"` |
/// | `causes` | the likely causes, filled for the code (`[]` without an entry) |
/// | `channel` | `"hms"` or `"print_error"` |
/// | `code` | the code as reported (`"0700_2000_0002_0003"`, `"0300-400C"`) |
/// | `key` | the code looked up, only when its reserved byte makes it another code |
/// | `known` | whether the catalog or Bambu's lists know the code |
/// | `lang` | the language of `text` (`"en"`, `"de"`...); a text missing in it is English |
/// | `level` | `{"id", "name"}`: the level number the code carries, and its name if known |
/// | `meaning`, `note`, `title` | the entry's texts, filled for the code, or `null` |
/// | `model` | the model id `text` is for, or `null` for the text most models share |
/// | `models` | the ids of the models whose lists carry the code |
/// | `module` | `{"abbr", "id", "name"}`: `id` as two hex digits, the others `null` if unknown |
/// | `module_number` | the module number (the AMS unit: 0 is A) |
/// | `procedure`, `see_also` | `{"name", "parts", "steps", "support", "title"}` or `null` |
/// | `parts`, `steps` | the procedure's parts and steps (`[]` without one) |
/// | `silent` | whether the model (or, without one, a printer without a text of its own) shows nothing |
/// | `slot` | the slot (1-4) the code names, or `null` |
/// | `text` | Bambu's text for the model and language, or `null` |
/// | `unit` | the unit letter of a lettered module, or `null` |
/// | `variant` | the entry's `Code` variant name, or `null` |
/// | `wiki_url` | the wiki page for the model |
///
/// ```
/// use hms_catalog::{lookup, Hms, Lang, Model};
/// let answer = lookup(Hms::from_mqtt(0x0701_2200, 0x0002_0003)).answer(Some(Model::H2D), Lang::En);
/// # let _ = answer;
/// // serde_json::to_string(&answer) gives {"causes":[...],"channel":"hms","code":"0701_2200_0002_0003",...}
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Answer {
    found: Lookup,
    model: Option<Model>,
    lang: Lang,
}

impl Lookup {
    /// This answer as one serializable value, with the official text for `model` (`None`: the
    /// text most models share) in `lang` (feature `serde`); see [`Answer`] for its keys.
    pub fn answer(&self, model: Option<Model>, lang: Lang) -> Answer {
        Answer { found: *self, model, lang }
    }
}

impl Serialize for Answer {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (found, model) = (&self.found, self.model);
        let code = found.code();
        let official = found.official();
        let said = official.map(|o| o.text(model, self.lang));
        let procedure = found.procedure();
        let key = (found.key() != code).then(|| found.key());
        let module = found.module();

        let mut s = serializer.serialize_struct("Answer", if key.is_some() { 26 } else { 25 })?;
        s.serialize_field("actions", &Actions(*found, model))?;
        s.serialize_field("alert", found.alert(model).name())?;
        s.serialize_field("causes", &Seq(|| found.causes()))?;
        s.serialize_field("channel", code.channel().name())?;
        s.serialize_field("code", &Str(code))?;
        match key {
            Some(key) => s.serialize_field("key", &Str(key))?,
            None => s.skip_field("key")?,
        }
        s.serialize_field("known", &found.is_known())?;
        s.serialize_field("lang", self.lang.code())?;
        s.serialize_field("level", &LevelJson::of(found))?;
        s.serialize_field("meaning", &found.meaning().map(Str))?;
        s.serialize_field("model", &model.map(|m| m.id()))?;
        s.serialize_field("models", &Seq(|| official.into_iter().flat_map(|o| o.models()).map(|m| m.id())))?;
        s.serialize_field(
            "module",
            &ModuleJson { abbr: module.map(|m| m.abbr()), id: code.module_id(), name: module.map(|m| m.name()) },
        )?;
        s.serialize_field("module_number", &code.module_number())?;
        s.serialize_field("note", &found.note().map(Str))?;
        s.serialize_field("parts", &Seq(|| procedure.iter().flat_map(Procedure::parts)))?;
        s.serialize_field("procedure", &procedure.map(ProcedureJson))?;
        s.serialize_field("see_also", &found.see_also().map(ProcedureJson))?;
        s.serialize_field("silent", &found.is_silent(model))?;
        s.serialize_field("slot", &found.slot())?;
        s.serialize_field("steps", &Seq(|| procedure.iter().flat_map(Procedure::steps)))?;
        s.serialize_field("text", &said.and_then(OfficialText::text).map(Str))?;
        s.serialize_field("title", &found.title().map(Str))?;
        s.serialize_field("unit", &found.unit_letter())?;
        s.serialize_field("variant", &found.variant().map(|v| v.name()))?;
        s.serialize_field("wiki_url", &Str(found.wiki_url(model)))?;
        s.end()
    }
}

/// A value written with `Display`, serialized as a string.
struct Str<T>(T);

impl<T: Display> Serialize for Str<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

/// A list, walked afresh from `F` whenever it is serialized; its items written with `Display`.
struct Seq<F>(F);

impl<F, I> Serialize for Seq<F>
where
    F: Fn() -> I,
    I: IntoIterator,
    I::Item: Display,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)().into_iter().map(Str))
    }
}

/// `actions`: the buttons `model` offers for the code.
struct Actions(Lookup, Option<Model>);

impl Serialize for Actions {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let actions = self.1.into_iter().flat_map(|m| self.0.actions(m));
        serializer.collect_seq(actions.map(ActionJson))
    }
}

/// One button: its id in the lists, its label and its name (`null` for an unnamed id).
struct ActionJson(crate::action::Action);

impl Serialize for ActionJson {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Action", 3)?;
        s.serialize_field("id", &self.0.id())?;
        s.serialize_field("label", &self.0.label())?;
        s.serialize_field("name", &self.0.name())?;
        s.end()
    }
}

/// `level`: the number the code carries (`null` for a print_error code without one) and its
/// name if the catalog knows it.
struct LevelJson {
    id: Option<u16>,
    name: Option<&'static str>,
}

impl LevelJson {
    fn of(found: &Lookup) -> LevelJson {
        LevelJson { id: found.code().level_raw(), name: found.level().map(|l| l.name()) }
    }
}

impl Serialize for LevelJson {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Level", 2)?;
        s.serialize_field("id", &self.id)?;
        s.serialize_field("name", &self.name)?;
        s.end()
    }
}

/// `module`: its id as two hex digits, its abbreviation and name if the catalog knows it.
struct ModuleJson {
    abbr: Option<&'static str>,
    id: u8,
    name: Option<&'static str>,
}

impl Serialize for ModuleJson {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Module", 3)?;
        s.serialize_field("abbr", &self.abbr)?;
        s.serialize_field("id", &Str(format_args!("{:02X}", self.id)))?;
        s.serialize_field("name", &self.name)?;
        s.end()
    }
}

/// `procedure` and `see_also`.
struct ProcedureJson(Procedure);

impl Serialize for ProcedureJson {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let p = &self.0;
        let mut s = serializer.serialize_struct("Procedure", 5)?;
        s.serialize_field("name", p.name())?;
        s.serialize_field("parts", &Seq(|| p.parts()))?;
        s.serialize_field("steps", &Seq(|| p.steps()))?;
        s.serialize_field("support", &p.support().map(Str))?;
        s.serialize_field("title", &Str(p.title()))?;
        s.end()
    }
}
