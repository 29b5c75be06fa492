//! Procedures are safe to follow in the order written (docs/WRITING.md, "Safe order").
//!
//! For every procedure, named or written on a code, each step is read with the state the
//! steps before it leave: is the printer off and unplugged, have hot parts cooled.
//!
//! 1. A step that names a motorised, heated or live part ([`PARTS`]) together with an action
//!    that opens, removes, cleans inside or reaches into something ([`ACTIONS`]) must come
//!    after a step that turns the printer off and unplugs it ([`OFF`] and [`UNPLUG`] in one
//!    step; a later step that turns it on again ([`ON`], or heating it up, [`HEAT`]) undoes
//!    that), or say itself that it turns the printer off and unplugs it, or say it is done
//!    powered and carry a warning ([`POWERED`] and [`WARNING`]).
//! 2. Where the part is heated (hotend, nozzle, heater, heatbed), a cool-down ([`COOL`]) must
//!    come first as well, in an earlier step or the step itself, and no heating since. Work
//!    that needs heat instead carries its own burn warning in that step ([`BURN`]); then it
//!    needs no power-off either.
//! 3. On a unit that may have its own power adapter (AMS 2 Pro, AMS-HT: module 07 or 18), a
//!    step that reaches into the unit's feeder unit or assist motor needs the power-off step
//!    to unplug that adapter too ("adapter").
//! 4. A code whose title or meaning speaks of fire, flames or smoke has a procedure whose
//!    first step switches the printer off and unplugs it, and some step that says when to
//!    leave and call the fire service.
//!
//! Steps are matched by word lists, not understood: [`EXCEPTIONS`] names the few steps the
//! lists misread, each with its reason. The check reads only catalog.yaml and its files.

mod common;

use common::{found, matches_at, phrase_at, plain_words, procedure_anchor, procedure_label, users};
use hms_model::Catalog;

/// Motorised, heated or live parts: (name, phrase, heated, motorised). Phrases in the
/// [`phrase_at`](common::phrase_at) syntax (`a|b` either word, `word*` a prefix, `~` up to
/// three words).
const PARTS: &[(&str, &str, bool, bool)] = &[
    ("hotend", "hotend|hotends", true, false),
    ("hotend", "hot end|ends", true, false),
    ("nozzle", "nozzle|nozzles", true, false),
    ("heater", "heater|heaters", true, false),
    ("heatbed", "heatbed|heatbeds", true, true),
    ("heatbed", "heat bed", true, true),
    ("heater", "heating module|element|elements", true, false),
    ("temperature sensor", "thermistor|thermistors", true, false),
    ("feeder unit", "feeder|feeders", false, true),
    ("filament buffer", "buffer|buffers", false, true),
    ("motor", "motor|motors", false, true),
    ("toolhead", "toolhead|toolheads", false, true),
    ("filament cutter", "filament cutter|cutters", false, true),
    ("filament cutter", "the|its cutter|cutters", false, true),
    ("filament cutter", "cutter lever|handle|blade", false, true),
    ("cutting blade", "blade|blades", false, true),
    ("fan", "fan|fans", false, true),
    ("wiring", "wiring|wire|wires", false, false),
    ("cable", "cable|cables", false, false),
    ("connector", "connector|connectors|socket|sockets|port|ports|plugs", false, false),
    ("connector", "the|its|a|each|every|their|that plug", false, false),
    ("board", "board|boards", false, false),
    ("rotary attachment", "rotary attachment*", false, true),
    ("laser module", "laser module|modules|head|heads", false, false),
    ("cutting module", "cutting module|modules", false, true),
    ("Filament Track Switch", "track switch*", false, true),
    ("extruder", "extruder|extruders", false, true),
    ("extruder gears", "gear|gears", false, true),
    ("extrusion wheel", "extrusion wheel*", false, true),
    ("hotend rack", "rack|racks", false, true),
    ("power supply", "power supply|supplies", false, false),
    ("power supply", "psu", false, false),
    ("exhaust valve", "valve|valves", false, false),
];

/// Phrases whose part word does not name the part itself: a tool, a setting, a camera on
/// the toolhead, or a cable or socket meant to be plugged in with the printer on. They are
/// taken out before the parts are looked for.
const NOT_PARTS: &[&str] = &[
    "nozzle wiper|wipers",
    "nozzle cleaning needle|brush",
    "cleaning needle",
    "nozzle size|sizes|diameter|diameters|type|types|offset|offsets|model|models",
    "nozzle|hotend|heatbed|chamber temperature",
    "hotend type|types|model|models",
    "fan speed|speeds",
    "ethernet|network|usb|lan cable|cables|port|ports",
    "power cable|cord|cables|cords|adapter|adapters|switch",
    "wall|power|mains socket|sockets|outlet",
    "toolhead camera|cameras|camera's",
    "on board",
];

/// Actions that open, remove, reach into or (re)connect something.
const REACH: &[&str] = &[
    "open|opens|opening",
    "remove|removes|removing",
    "take ~ out|off|apart",
    "unscrew|unscrews|loosen|loosens|tighten|tightens|pry|dismantle|disassemble|detach|detaches",
    "disconnect|disconnects|unplug|unplugs",
    "reseat|reseats|reseating|reconnect|reconnects|connect|connects",
    "reach into|inside|in|behind|under|between",
    "pull ~ out|off|free",
    "lift ~ out|off",
    "replace|replacing|swap|swaps",
    "install|installs|reinstall|refit|fit|attach|attaches",
    "insert|inserts|needle",
    "plug ~ in|into",
    "clear ~ nozzle*|hotend*|jam|jams|clog|clogs|blockage|extruder*|gear*|feeder*|cutter*|switch|rack",
    "move|turn|rotate|press|slide|spin ~ by hand",
];

/// Actions that clean: on a heated part's outside (a nozzle tip, the heatbed) they need a
/// cool-down; out of or inside a part they reach into it.
const CLEAN: &[&str] = &["clean|cleans|cleaning|wipe|wipes|brush|scrape|scrapes|poke|blow"];

/// Cleaning inside rather than on the outside.
const INSIDE: &[&str] = &["out of", "inside", "from inside", "into"];

/// Words before an action that make it no instruction: "the toolhead cannot pull it out",
/// "do not refit", "needs replacing".
const NOT_AN_ORDER: &[&str] = &[
    "cannot", "can't", "can", "could", "not", "does", "doesn't", "did", "didn't", "will", "won't", "would", "might",
    "needs", "need", "needing", "also", "is", "are", "be", "stays", "stay", "looks", "without",
];

/// Objects of an action that are no part: handling filament, PTFE tubes, the build plate,
/// the print or the printer's plug is not reaching into a part.
const SAFE_OBJECTS: &[&str] = &[
    "ptfe",
    "tube",
    "tubes",
    "filament",
    "filaments",
    "spool",
    "spools",
    "build",
    "plate",
    "plates",
    "print",
    "prints",
    "printer",
    "printer's",
    "lid",
    "door",
    "glass",
    "label",
    "tape",
    "clump",
    "clumps",
    "alert",
    "card",
    "drive",
    "microsd",
    "one",
    "printed",
];

/// Words that make an action safe when they follow it closely: a power adapter is meant to
/// be plugged in live, and a PTFE tube or filament is no part.
const SAFE_NEAR: &[&str] = &["adapter", "adapters", "ptfe", "tube", "tubes", "filament", "spool"];

/// Words after "clean" that make it a verb ("clean the nozzle"), not an adjective ("with
/// everything clean").
const CLEAN_OBJECTS: &[&str] = &[
    "the", "a", "an", "its", "their", "filament", "dust", "residue", "off", "out", "it", "them", "both", "each", "any",
    "all", "every", "away", "up", "inside", "debris", "dirt",
];

/// What cleaning a surface of something that is no part names: the build plate, a camera
/// lens, a marker.
const CLEAN_SAFE_OBJECTS: &[&str] = &[
    "build", "plate", "plates", "lens", "lenses", "window", "marker", "markers", "chart", "camera", "camera's", "rod",
    "rods", "rail", "rails",
];

/// Words that show an action is on the printer screen or in an app, not on the hardware.
const SCREEN: &[&str] = &["screen", "page", "menu", "tab", "settings", "app", "dialog", "handy", "studio"];

/// Words that may stand between an action and its object.
const DETERMINERS: &[&str] = &[
    "the",
    "a",
    "an",
    "its",
    "any",
    "every",
    "each",
    "all",
    "your",
    "some",
    "that",
    "this",
    "new",
    "old",
    "spare",
    "fresh",
    "loose",
    "empty",
    "cold",
    "remaining",
    "stuck",
    "broken",
    "affected",
    "back",
    "in",
    "out",
    "it",
    "purged",
    "ams",
    "front",
    "top",
    "chamber",
];

/// Turning the printer off.
const OFF: &[&str] = &[
    "turn|switch|power off|down the|your|each printer*",
    "turn|switch|power the|your printer* ~ off|down",
    "turn|switch|power it|everything|both|them|all ~ off|down",
    "power|shut off|down",
    "shut the|your printer* down",
    "printer* is|are|stays off",
    "with the printer* off",
    "printer* turned|switched|powered off",
];

/// Unplugging it from the mains (the printer, or a unit's power adapter).
const UNPLUG: &[&str] = &[
    "unplug|unplugs|disconnect it|them|both|everything|all",
    "unplug|unplugs the|its|your|each printer*|power|mains|adapter*",
    "unplug|unplugs ~ power|adapter*|mains|cord|cords",
    "from the wall|mains|socket|outlet",
    "pull the|its power plug*|cord*",
    "unplugged",
];

/// Turning the printer on again (undoes a power-off).
const ON: &[&str] = &[
    "turn|switch|power on|up the|your printer*",
    "turn|switch|power the|your printer* on|up",
    "turn|switch|power the|your printer* back on|up",
    "turn|switch|power it|everything|both|them|all on|up",
    "turn|switch|power it|everything|both|them|all back on|up",
    "plug the|your printer* back in",
    "plug the|your printer* in",
    "restart|reboot|restarts|reboots the|your printer*",
];

/// Heating up (undoes a cool-down, and means the printer is on).
const HEAT: &[&str] =
    &["heat|heats|preheat|preheats|reheat|reheats", "heat up", "printing temperature", "set|raise ~ temperature"];

/// A cool-down.
const COOL: &[&str] =
    &["cool|cools|cooled|cooldown|cold", "cool down", "below|under 30|35|40|45|50|60", "room temperature"];

/// A burn warning, for work that needs heat.
const BURN: &[&str] = &[
    "burn|burns",
    "do|does not touch",
    "don't|never touch",
    "keep your fingers|hands",
    "fingers off|clear|away",
    "glove|gloves",
    "hot surface|surfaces",
    "is|are|very|still|stays|stay hot",
    "by its handle",
];

/// Work said to be done with the printer on ...
const POWERED: &[&str] = &[
    "with|while the printer* ~ on|running|powered",
    "printer* is|stays on",
    "powered|live",
    "without turning|switching",
];

/// ... and, for a motorised part, a warning that it can move.
const MOTION_WARNING: &[&str] = &[
    "can|may|could|might move|start|home|turn",
    "moving parts",
    "keep your fingers|hands clear|away|out",
    "fingers clear|away|out",
];

/// ... and, for a live part, a warning about its current.
const SHOCK_WARNING: &[&str] = &["shock|shocks|current|voltage|live"];

/// Parts of an AMS unit that its own power adapter (AMS 2 Pro, AMS-HT) keeps live.
const UNIT_PARTS: &[&str] = &["feeder unit|units", "feeder|feeders", "assist motor|motors"];

/// Words that make a code a fire or smoke alert.
const FIRE_WORDS: &[&str] = &["fire|fires|flame|flames|smoke|smoking"];
/// Leaving the room ...
const LEAVE: &[&str] = &["leave|evacuate", "get out", "move away"];
/// ... and calling the fire service.
const CALL_FIRE: &[&str] =
    &["fire service|services|department|brigade", "emergency services|number", "call 911|112|999"];

/// Steps the word lists misread: (procedure name, or `code XXXX` for inline steps; step
/// number from 1; reason). A step here is not checked by rules 1-3.
const EXCEPTIONS: &[(&str, usize, &str)] = &[(
    "toolhead-camera-clean",
    2,
    "removes a filament string or a stray cable from in front of the camera lens; the cable is what blocks \
         the view, not a connector being worked on",
)];

/// Codes rule 4 does not apply to, with the reason.
const FIRE_EXCEPTIONS: &[(&str, &str)] = &[
    (
        "07FE_C010, 07FF_C010",
        "a loading prompt whose meaning says a little smoke while purging is normal: no fire alert",
    ),
    (
        "0500_C059",
        "the printer is putting the fire out and Bambu asks to wait before operating it: switching off comes \
         after the extinguishing ends, and the steps say when to leave and call the fire service",
    ),
];

/// A part a sentence names: (name, heated, motorised).
type Part = (&'static str, bool, bool);

/// The parts `words` name, after taking out [`NOT_PARTS`].
fn parts(words: &[String]) -> Vec<Part> {
    let mut words = words.to_vec();
    for not in NOT_PARTS {
        while let Some(at) = phrase_at(&words, not) {
            let len = not.split(' ').count();
            for w in &mut words[at..at + len] {
                w.clear();
            }
        }
    }
    let mut out: Vec<Part> = Vec::new();
    for (name, pattern, heated, moves) in PARTS {
        if phrase_at(&words, pattern).is_some() && !out.iter().any(|p| p.0 == *name) {
            out.push((name, *heated, *moves));
        }
    }
    out
}

/// The sentences of a step, split after `.`, `!` or `?` and a space.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if matches!(b, b'.' | b'!' | b'?') && bytes.get(i + 1).is_none_or(|n| *n == b' ') {
            out.push(&text[start..=i]);
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// An instruction in a sentence that acts on something: its position and whether it only
/// cleans a surface.
fn action(words: &[String], powered: bool) -> Option<(usize, bool)> {
    (0..words.len()).find_map(|at| {
        if at > 0 && NOT_AN_ORDER.contains(&words[at - 1].as_str()) {
            return None;
        }
        // Turning the printer off or unplugging it is the guard, not an action on a part.
        if [OFF, UNPLUG, ON].iter().any(|list| list.iter().any(|p| matches_at(words, at, p))) {
            return None;
        }
        let next = &words[at + 1..words.len().min(at + 9)];
        if next.iter().any(|w| SCREEN.contains(&w.as_str())) {
            return None;
        }
        let near = |list: &[&str]| next.iter().take(4).any(|w| list.contains(&w.as_str()));
        if CLEAN.iter().any(|p| matches_at(words, at, p)) {
            let is_verb =
                !words[at].starts_with("clean") || next.first().is_some_and(|w| CLEAN_OBJECTS.contains(&w.as_str()));
            let pronoun = next.first().is_some_and(|w| w == "it" || w == "them");
            let safe =
                near(CLEAN_SAFE_OBJECTS) || pronoun && words.iter().any(|w| CLEAN_SAFE_OBJECTS.contains(&w.as_str()));
            if !is_verb || safe {
                return None;
            }
            let inside = INSIDE.iter().any(|p| phrase_at(&words[at..], p).is_some());
            return Some((at, !inside));
        }
        if !REACH.iter().any(|p| matches_at(words, at, p)) {
            return None;
        }
        // The object, past its determiners: filament, a tube or the plate is no part.
        let object = words[at + 1..].iter().find(|w| !DETERMINERS.contains(&w.as_str()));
        let safe = object.is_some_and(|o| SAFE_OBJECTS.contains(&o.as_str())) || near(SAFE_NEAR);
        (powered || !safe).then_some((at, false))
    })
}

/// What the steps before a step have left.
#[derive(Clone, Copy, Debug, Default)]
struct State {
    /// Turned off and unplugged, and not turned on since.
    off: bool,
    /// The unplugging named a power adapter.
    adapter: bool,
    /// Cooled down, and not heated since.
    cool: bool,
}

/// One step read against the phrase lists.
struct Step {
    words: Vec<String>,
    /// Each sentence's first word (an index into `words`) and its words.
    sentences: Vec<(usize, Vec<String>)>,
    off: Option<usize>,
    unplug: Option<usize>,
    on: Option<usize>,
    heat: Option<usize>,
    cool: Option<usize>,
}

impl Step {
    fn read(text: &str) -> Step {
        let words = plain_words(text);
        let mut sentences_words = Vec::new();
        let mut at = 0;
        for s in sentences(text) {
            let w = plain_words(s);
            let len = w.len();
            sentences_words.push((at, w));
            at += len;
        }
        let f = |list: &[&str]| found(&words, list);
        Step {
            off: f(OFF),
            unplug: f(UNPLUG),
            on: f(ON),
            heat: f(HEAT),
            cool: f(COOL),
            sentences: sentences_words,
            words,
        }
    }

    fn has(&self, list: &[&str]) -> bool {
        found(&self.words, list).is_some()
    }

    /// Whether the step itself turns off and unplugs.
    fn powers_off(&self) -> bool {
        self.off.is_some() && self.unplug.is_some()
    }

    /// The state after this step.
    fn after(&self, before: State) -> State {
        let off_at = self.off.max(self.unplug);
        let off = match (self.powers_off(), self.on.max(self.heat)) {
            (true, on) => on.is_none_or(|on| on < off_at.unwrap_or(0)),
            (false, Some(_)) => false,
            (false, None) => before.off,
        };
        let adapter = if self.powers_off() { self.has(&["adapter*"]) } else { before.adapter };
        let cool = match (self.cool, self.heat) {
            (Some(cool), heat) => heat.is_none_or(|heat| heat < cool),
            (None, Some(_)) => false,
            (None, None) => before.cool,
        };
        State { off, adapter: adapter && off, cool }
    }

    /// The first sentence that acts on a part: the action's position in the step, whether it
    /// only cleans a surface, the verb and the parts.
    fn acts_on_parts(&self, powered: bool) -> Option<(usize, bool, String, Vec<Part>)> {
        let mut previous: Vec<Part> = Vec::new();
        for (start, words) in &self.sentences {
            let mut named = parts(words);
            if let Some((at, surface)) = action(words, powered) {
                // "Open the path to it": the part of the sentence before.
                if named.is_empty() && words[at..].iter().any(|w| matches!(w.as_str(), "it" | "them" | "path")) {
                    named = previous.clone();
                }
                if !named.is_empty() {
                    return Some((start + at, surface, words[at].clone(), named));
                }
            }
            previous = named;
        }
        None
    }
}

/// What is unsafe in a procedure's steps: (step number, problem).
fn step_problems(steps: &[String], unit_adapter: bool) -> Vec<(usize, String)> {
    let mut state = State::default();
    let mut out = Vec::new();
    for (n, text) in steps.iter().enumerate() {
        let step = Step::read(text);
        let powered = step.has(POWERED);
        if let Some((action, surface, verb, named)) = step.acts_on_parts(powered) {
            let before = |at: Option<usize>| at.is_some_and(|at| at < action);
            let off = step.powers_off() || state.off && !before(step.on) && !before(step.heat);
            let cool = step.cool.is_some() || state.cool && !before(step.heat);
            let heated = named.iter().any(|p| p.1);
            let moves = named.iter().any(|p| p.2);
            let live = named.iter().any(|p| !p.1 && !p.2);
            let burn = step.has(BURN);
            let names: Vec<&str> = named.iter().map(|p| p.0).collect();
            let mut missing = Vec::new();
            if surface && named.iter().all(|p| p.1) {
                // Cleaning a nozzle tip or the heatbed: only the heat matters.
                if !cool && !burn {
                    missing.push("lets the hot parts cool (or a burn warning in this step)");
                }
            } else if heated && burn && !moves && !live {
                // Work that needs heat, with its burn warning.
            } else {
                let warned = powered
                    && (!heated || burn)
                    && (!moves || step.has(MOTION_WARNING))
                    && (!live || step.has(SHOCK_WARNING));
                if !off && !warned {
                    missing.push("turns the printer off and unplugs it");
                }
                if heated && !cool && !burn {
                    missing.push("lets the hot parts cool (or a burn warning in this step, for work that needs heat)");
                }
            }
            if !missing.is_empty() {
                let powered_note = if powered && !off {
                    " (work said to be done powered needs a warning for each hazard: burn, moving parts, current)"
                } else {
                    ""
                };
                out.push((
                    n + 1,
                    format!(
                        "\"{verb}\" on the {} with no earlier step that {}{powered_note}",
                        names.join(", "),
                        missing.join(", nor one that ")
                    ),
                ));
            }
            let unit_part = UNIT_PARTS.iter().any(|p| phrase_at(&step.words, p).is_some());
            let adapter = step.powers_off() && step.has(&["adapter*"]) || state.adapter;
            if unit_adapter && unit_part && off && !adapter {
                out.push((
                    n + 1,
                    "reaches into the AMS unit, but the power-off step does not unplug the unit's own power adapter \
                     (AMS 2 Pro, AMS-HT: \"and unplug the unit's power adapter, if it has one\")"
                        .to_owned(),
                ));
            }
        }
        state = step.after(state);
    }
    out
}

/// What is missing from a fire or smoke code's procedure.
fn fire_problems(steps: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    match steps.first().map(|s| Step::read(s)) {
        Some(first) if first.powers_off() => {}
        _ => out.push("its first step does not switch the printer off and unplug it".to_owned()),
    }
    let escalates = steps.iter().any(|s| {
        let w = plain_words(s);
        found(&w, LEAVE).is_some() && found(&w, CALL_FIRE).is_some()
    });
    if !escalates {
        out.push("no step says when to leave and call the fire service".to_owned());
    }
    out
}

/// Words about fire that are no fire: the extinguisher's status, flame detection itself.
const NOT_FIRE: &[&str] =
    &["fire extinguisher*|extinguishing", "flame detection|sensor|sensors", "fire detection", "fire drill|drills"];

/// Whether a code entry is a fire or smoke alert.
fn is_fire(title: &str, meaning: &str) -> bool {
    let mut words = plain_words(&format!("{title}. {meaning}"));
    for not in NOT_FIRE {
        while let Some(at) = phrase_at(&words, not) {
            words[at].clear();
        }
    }
    found(&words, FIRE_WORDS).is_some()
}

/// The name a procedure goes by in [`EXCEPTIONS`].
fn exception_name(catalog: &Catalog, index: usize) -> String {
    let p = &catalog.procedures[index];
    if p.name.is_empty() {
        let owner = catalog.codes.iter().find(|c| c.procedure == Some(index));
        format!("code {}", owner.map_or(String::new(), |c| c.spelled()))
    } else {
        p.name.clone()
    }
}

#[test]
fn procedures_power_off_cool_down_and_escalate_fires() {
    let catalog = common::load();
    let sources = common::Sources::read(&catalog);
    let users = users(&catalog);
    let mut violations = Vec::new();
    let mut used_exceptions = Vec::new();
    for (i, p) in catalog.procedures.iter().enumerate() {
        let who = procedure_label(&catalog, i);
        let name = exception_name(&catalog, i);
        let anchor = procedure_anchor(&catalog, &sources, i);
        let codes = &users[i];
        // Codes of a lettered AMS or AMS-HT unit, whose unit may have its own adapter.
        let unit_adapter = codes.iter().any(|&c| {
            catalog.codes[c].patterns.iter().any(|p| {
                matches!(p.module_id(), 0x07 | 0x18)
                    && (p.varies_unit() || hms_core::unit_letter(p.module_number()).is_some())
            })
        });
        for (n, problem) in step_problems(&p.steps, unit_adapter) {
            if let Some(e) = EXCEPTIONS.iter().find(|e| e.0 == name && e.1 == n) {
                used_exceptions.push(e.0);
                continue;
            }
            let text = &p.steps[n - 1];
            let users: Vec<String> = codes.iter().take(4).map(|&c| catalog.codes[c].spelled()).collect();
            let more = if codes.len() > 4 { format!(" and {} more", codes.len() - 4) } else { String::new() };
            violations.push(format!(
                "{}: {who} step {n}: {problem}\n    step: {text}\n    used by: {}{more}",
                sources.find(anchor, text),
                users.join("; "),
            ));
        }
    }
    for c in &catalog.codes {
        if !is_fire(&c.title, &c.meaning) {
            continue;
        }
        let spelled = c.spelled();
        if FIRE_EXCEPTIONS.iter().any(|e| e.0 == spelled) {
            continue;
        }
        let at = sources.find(sources.entry_at(c), &c.title);
        let problems = match c.procedure {
            None => vec!["a fire or smoke alert without a procedure".to_owned()],
            Some(p) => fire_problems(&catalog.procedures[p].steps)
                .into_iter()
                .map(|problem| format!("{}: {problem}", procedure_label(&catalog, p)))
                .collect(),
        };
        for problem in problems {
            violations.push(format!("{at}: code {spelled} (\"{}\"), a fire or smoke alert: {problem}", c.title));
        }
    }
    for e in EXCEPTIONS {
        assert!(used_exceptions.contains(&e.0), "exception for {} step {} is no longer needed: {}", e.0, e.1, e.2);
    }
    common::report("safety", &violations);
    assert!(violations.is_empty(), "{} unsafe steps or fire procedures (listed above)", violations.len());
}

// The check's own rules, on crafted procedures.

fn steps(texts: &[&str]) -> Vec<String> {
    texts.iter().map(|t| (*t).to_owned()).collect()
}

#[test]
fn catches_the_unsafe_sentences() {
    let unsafe_steps = [
        "If the print is only paused and the toolhead stands still, you may lift out a loose object without \
         turning the printer off, keeping your hands away from the hot nozzle.",
        "If the filament still stops at the same point, clean filament dust out of the feeder unit, and out of the \
         filament buffer where your setup has one.",
        "If the strand ends short, a piece is still inside the feeder unit or the PTFE tube behind it. Open the path \
         to it and pull the piece out with tweezers.",
        "Heat the nozzle to the printing temperature and push a fresh filament end in by hand; if it does not come \
         out, clear the nozzle with the nozzle cleaning needle.",
        "Look into the hotend rack; you may lift out a loose object without turning the printer off.",
        "Connect the rotary attachment's cable to the printer and push the plug fully in.",
        "Look for a jammed piece of filament in the Filament Track Switch; remove it.",
    ];
    for step in unsafe_steps {
        let found = step_problems(&steps(&["Unload the filament from the printer screen.", step]), false);
        assert_eq!(found.len(), 1, "{step}: {found:?}");
        assert_eq!(found[0].0, 2);
    }
}

#[test]
fn passes_safe_procedures() {
    let safe = steps(&[
        "Unload the filament from the printer screen and load filament into the slot again.",
        "Re-seat the PTFE tube in its coupler at the toolhead.",
        "Stop the print, turn the printer off, unplug it and let the hotend cool below 50 °C.",
        "Open the toolhead cover and re-seat the hotend cable connector.",
        "Turn the printer on and heat the nozzle to 250 °C.",
        "The nozzle is at printing temperature: hold the needle by its handle, keep your fingers off the nozzle and \
         heater block, and clear the nozzle with the needle.",
        "Resume the print and check that the alert does not return.",
    ]);
    assert_eq!(step_problems(&safe, false), []);
    // The step itself may turn the printer off first.
    let own = steps(&["Turn the printer off, unplug it, and disconnect the rotary attachment's cable."]);
    assert_eq!(step_problems(&own, false), []);
}

#[test]
fn turning_on_or_heating_undoes_the_guard() {
    let on_again = steps(&[
        "Turn the printer off and unplug it.",
        "Turn the printer on and home the axes.",
        "Remove the cover and clean the part cooling fan.",
    ]);
    assert_eq!(step_problems(&on_again, false).len(), 1);
    let hot_again = steps(&[
        "Turn the printer off, unplug it and let the hotend cool below 50 °C.",
        "Plug it in, turn it on and heat the nozzle to 220 °C.",
        "Unscrew the nozzle.",
    ]);
    let found = step_problems(&hot_again, false);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].1.contains("cool"), "{found:?}");
}

#[test]
fn unit_adapters_and_fire_escalation() {
    let printer_only = steps(&["Turn the printer off and unplug it.", "Remove the feeder unit of the slot."]);
    assert_eq!(step_problems(&printer_only, false), []);
    assert_eq!(step_problems(&printer_only, true).len(), 1);
    let both = steps(&[
        "Turn the printer off, unplug it and unplug the unit's power adapter if it has one.",
        "Remove the feeder unit of the slot.",
    ]);
    assert_eq!(step_problems(&both, true), []);
    let fire = steps(&[
        "Switch the printer off at its power switch and unplug it.",
        "If flames keep burning or spread, leave the room, close the door and call the fire service.",
    ]);
    assert_eq!(fire_problems(&fire), Vec::<String>::new());
    assert_eq!(fire_problems(&fire[1..]).len(), 1);
    assert_eq!(fire_problems(&fire[..1]).len(), 1);
    assert!(is_fire("Smoke detected in the chamber", ""));
    assert!(!is_fire("Firmware update failed", "The printer could not install the firmware."));
    assert!(!is_fire("Fire extinguisher gas cylinder empty", "Replace the fire extinguisher's cylinder."));
}
