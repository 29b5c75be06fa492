//! `hms list`: the catalog's entries, one line per pattern, filtered by module and level.
//!
//! Each line's title is filled for its pattern: an exact code's as `hms explain` shows it, a
//! family's with each value that varies written as its range ("AMS A-Z slot 1-4 ran out of
//! filament"), as `Pattern::title` writes it.

use std::io::{self, Write};

use hms_catalog::{Level, Module, entries};

use crate::Outcome;

pub fn run(module: Option<&str>, level: Option<&str>, out: &mut impl Write) -> io::Result<Outcome> {
    let module = match module.map(parse_module).transpose() {
        Ok(m) => m,
        Err(e) => return usage(e),
    };
    let level = match level.map(parse_level).transpose() {
        Ok(l) => l,
        Err(e) => return usage(e),
    };
    // One line per pattern: an entry of several patterns shows on each.
    for pattern in entries().flat_map(|e| e.patterns()) {
        let key = pattern.key();
        if module.is_some_and(|m| m.id() != key.module_id()) || level.is_some_and(|l| Some(l.id()) != key.level_raw()) {
            continue;
        }
        let module = Module::from_id(key.module_id()).map_or("?", |m| m.abbr());
        let level = key.level_raw().and_then(Level::from_id).map_or("?", |l| l.name());
        writeln!(out, "{:<20} {:<8} {:<8} {}", pattern.to_string(), module, level, pattern.title())?;
    }
    Ok(Outcome::Known)
}

fn usage(message: String) -> io::Result<Outcome> {
    eprintln!("hms: {message}");
    Ok(Outcome::BadInput)
}

fn parse_module(s: &str) -> Result<Module, String> {
    let by_id = u8::from_str_radix(s, 16).ok().and_then(Module::from_id);
    by_id
        .or_else(|| {
            Module::ALL.iter().copied().find(|m| m.abbr().eq_ignore_ascii_case(s) || m.name().eq_ignore_ascii_case(s))
        })
        .ok_or_else(|| {
            let known: Vec<_> = Module::ALL.iter().map(|m| format!("{:02X} {}", m.id(), m.abbr())).collect();
            format!("unknown module `{s}`; known: {}", known.join(", "))
        })
}

fn parse_level(s: &str) -> Result<Level, String> {
    let by_id = s.parse::<u16>().ok().and_then(Level::from_id);
    by_id.or_else(|| Level::ALL.iter().copied().find(|l| l.name().eq_ignore_ascii_case(s))).ok_or_else(|| {
        let known: Vec<_> = Level::ALL.iter().map(|l| format!("{} {}", l.id(), l.name())).collect();
        format!("unknown level `{s}`; known: {}", known.join(", "))
    })
}
