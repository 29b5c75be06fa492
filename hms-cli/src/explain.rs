//! How one looked-up code is shown: text for people, JSON for programs.

use std::io::{self, Write};

use hms_catalog::{Lookup, OfficialText, Procedure};
use serde::Serialize;
use serde_json::Value;

use crate::View;

pub fn write_text(found: &Lookup, view: View, out: &mut impl Write) -> io::Result<()> {
    let code = found.code();
    let (main, other) = (code.to_string(), code.alternate_spelling().to_string());
    writeln!(out, "{main}  ({other}, {})", code.channel().name())?;
    if let Some(key) = key_if_other(found) {
        writeln!(out, "  key:     {key} (the reserved byte cleared, as BambuStudio keys it)")?;
    }
    writeln!(out, "  module:  {}", found.place())?;
    let level = match (found.level(), code.level_raw()) {
        (Some(l), _) => format!("{} ({}): {}", l.id(), l.name(), l.meaning()),
        (None, Some(raw)) => format!("{raw} (not a level the catalog knows)"),
        (None, None) => "unknown".to_owned(),
    };
    writeln!(out, "  level:   {level}")?;
    writeln!(out, "  alert:   {}", found.alert(view.model))?;
    if let Some(official) = found.official() {
        let models: Vec<_> = official.models().map(|m| m.id()).collect();
        if !models.is_empty() {
            writeln!(out, "  models:  {}", models.join(", "))?;
        }
        match official.text(view.model, view.lang) {
            OfficialText::Text(text) => writeln!(out, "  printer: {text}")?,
            OfficialText::Silent => writeln!(out, "  printer: (shows no text for this code)")?,
            OfficialText::Unavailable => {}
        }
        writeln!(out, "  wiki:    {}", found.wiki_url(view.model))?;
    }
    if let Some(model) = view.model {
        let buttons: Vec<String> =
            found.actions(model).filter(|a| a.is_button()).map(|a| a.caption().to_string()).collect();
        if !buttons.is_empty() {
            writeln!(out, "  The printer offers: {}", buttons.join("; "))?;
        }
    }
    let (Some(title), Some(meaning)) = (found.title(), found.meaning()) else {
        if found.is_known() {
            writeln!(out, "  The catalog has no procedure for this code yet.")?;
        } else {
            writeln!(out, "  This code is not in the catalog.")?;
        }
        return Ok(());
    };
    writeln!(out, "  title:   {title}")?;
    writeln!(out, "  meaning: {meaning}")?;
    let causes: Vec<_> = found.causes().collect();
    if !causes.is_empty() {
        writeln!(out, "  likely causes:")?;
        for cause in causes {
            writeln!(out, "    - {cause}")?;
        }
    }
    if let Some(p) = found.procedure() {
        write_procedure(&p, "fix", out)?;
    }
    if let Some(note) = found.note() {
        writeln!(out, "  note: {note}")?;
    }
    if let Some(p) = found.see_also() {
        write_procedure(&p, "see also", out)?;
    }
    Ok(())
}

/// The `level` of the JSON: the number the code carries (`null` for a print_error code
/// without one) and its name if the catalog knows it.
#[derive(Serialize)]
pub(crate) struct LevelJson {
    id: Option<u16>,
    name: Option<&'static str>,
}

pub(crate) fn level_json(found: &Lookup) -> LevelJson {
    LevelJson { id: found.code().level_raw(), name: found.level().map(|l| l.name()) }
}

/// The code's wiki page (for the model asked for) as a QR code, drawn with half blocks inside
/// its quiet zone (`--qr`); see `WikiQr`'s `Display`.
pub fn write_qr(found: &Lookup, view: View, out: &mut impl Write) -> io::Result<()> {
    let url = found.wiki_url(view.model);
    match url.qr() {
        Some(qr) => {
            writeln!(out, "  wiki page as a QR code ({url}):")?;
            write!(out, "{qr}")
        }
        None => writeln!(out, "  (the wiki URL is too long for a QR code: {url})"),
    }
}

/// The code looked up, when it is not the code as reported (a reserved byte other than 0).
pub(crate) fn key_if_other(found: &Lookup) -> Option<String> {
    (found.key() != found.code()).then(|| found.key().to_string())
}

fn write_procedure(p: &Procedure, heading: &str, out: &mut impl Write) -> io::Result<()> {
    let name = if p.name().is_empty() { String::new() } else { format!(" [{}]", p.name()) };
    writeln!(out, "  {heading}: {}{name}", p.title())?;
    for (n, step) in p.steps().enumerate() {
        writeln!(out, "    {}. {step}", n + 1)?;
    }
    let parts: Vec<_> = p.parts().map(|s| s.to_string()).collect();
    if !parts.is_empty() {
        writeln!(out, "  parts: {}", parts.join("; "))?;
    }
    if let Some(support) = p.support() {
        writeln!(out, "  support: {support}")?;
    }
    Ok(())
}

/// The JSON of one code (`--json`): [`Lookup::answer`]'s keys, for the model and language
/// asked for.
pub fn to_json(found: &Lookup, view: View) -> io::Result<Value> {
    serde_json::to_value(found.answer(view.model, view.lang)).map_err(io::Error::other)
}
