//! One code's answer as HTML, with what `hms explain` shows: where the code points (module,
//! unit, slot), its level and alert class, the title, meaning, causes, numbered steps, parts,
//! when to contact support, the buttons the printer offers, and the wiki page with its QR code.

use std::fmt::{self, Display, Write};

use hms_catalog::{Lookup, Model, Procedure, WikiQr};

/// `text` with `&`, `<`, `>`, `"` and `'` escaped, for HTML text and attribute values.
pub struct Escaped<T>(pub T);

impl<T: Display> Display for Escaped<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Escaper<'a, 'b>(&'a mut fmt::Formatter<'b>);
        impl Write for Escaper<'_, '_> {
            fn write_str(&mut self, s: &str) -> fmt::Result {
                let mut rest = s;
                while let Some(at) = rest.find(['&', '<', '>', '"', '\'']) {
                    self.0.write_str(&rest[..at])?;
                    self.0.write_str(match rest.as_bytes()[at] {
                        b'&' => "&amp;",
                        b'<' => "&lt;",
                        b'>' => "&gt;",
                        b'"' => "&quot;",
                        _ => "&#39;",
                    })?;
                    rest = &rest[at + 1..];
                }
                self.0.write_str(rest)
            }
        }
        write!(Escaper(f), "{}", self.0)
    }
}

/// The answer for `found` on `model`, as one `<article>`.
pub fn answer(found: &Lookup, model: Option<Model>, out: &mut String) {
    let code = found.code();
    let (main, other) = (code.to_string(), code.alternate_spelling().to_string());
    let _ = write!(out, "<article class=\"answer\" data-code=\"{}\">", Escaped(&main));
    match found.title() {
        Some(title) => {
            let _ = write!(out, "<h2 class=\"title\">{}</h2>", Escaped(title));
        }
        None if found.is_known() => out.push_str("<h2 class=\"title\">No catalog entry for this code yet</h2>"),
        None => out.push_str("<h2 class=\"title\">Not in the catalog</h2>"),
    }
    let _ = write!(
        out,
        "<p class=\"code\"><code>{}</code> · <code>{}</code> · {}</p>",
        Escaped(&main),
        Escaped(&other),
        code.channel().name()
    );
    out.push_str("<dl class=\"facts\">");
    fact(out, "Module", found.place());
    let level = match (found.level(), code.level_raw()) {
        (Some(l), _) => format!("{}: {}", l.name(), l.meaning()),
        (None, Some(raw)) => format!("{raw} (not a level the catalog knows)"),
        (None, None) => "unknown".to_owned(),
    };
    fact(out, "Level", level);
    fact(out, "Alert", found.alert(model));
    if let Some(official) = found.official() {
        let models: Vec<&str> = official.models().map(|m| m.id()).collect();
        if !models.is_empty() {
            fact(out, "Printers", models.join(", "));
        }
    }
    out.push_str("</dl>");
    #[cfg(feature = "official")]
    official_text(found, model, out);
    if let Some(meaning) = found.meaning() {
        let _ = write!(out, "<p class=\"meaning\">{}</p>", Escaped(meaning));
    }
    let causes: Vec<_> = found.causes().collect();
    if !causes.is_empty() {
        out.push_str("<section class=\"causes\"><h3>Likely causes</h3><ul>");
        for cause in causes {
            let _ = write!(out, "<li>{}</li>", Escaped(cause));
        }
        out.push_str("</ul></section>");
    }
    if let Some(p) = found.procedure() {
        procedure(&p, "procedure", "Fix", out);
    }
    if let Some(note) = found.note() {
        let _ = write!(out, "<p class=\"note\">{}</p>", Escaped(note));
    }
    if let Some(p) = found.see_also() {
        procedure(&p, "see-also", "See also", out);
    }
    if let Some(model) = model {
        let buttons: Vec<String> =
            found.actions(model).filter(|a| a.is_button()).map(|a| a.caption().to_string()).collect();
        if !buttons.is_empty() {
            let _ = write!(out, "<p class=\"offers\">The printer offers: {}</p>", Escaped(buttons.join("; ")));
        }
    }
    let url = found.wiki_url(model).to_string();
    let _ = write!(out, "<figure class=\"wiki\"><a class=\"wiki-url\" href=\"{0}\">{0}</a>", Escaped(&url));
    if let Some(qr) = found.wiki_qr(model) {
        qr_svg(&qr, &url, out);
    }
    out.push_str("</figure></article>");
}

fn fact(out: &mut String, name: &str, value: impl Display) {
    let _ = write!(out, "<dt>{name}</dt><dd>{}</dd>", Escaped(value));
}

fn procedure(p: &Procedure, class: &str, heading: &str, out: &mut String) {
    let _ = write!(out, "<section class=\"{class}\"><h3>{heading}: {}</h3><ol class=\"steps\">", Escaped(p.title()));
    for step in p.steps() {
        let _ = write!(out, "<li>{}</li>", Escaped(step));
    }
    out.push_str("</ol>");
    let parts: Vec<String> = p.parts().map(|t| t.to_string()).collect();
    if !parts.is_empty() {
        let _ = write!(out, "<p class=\"parts\">Parts that may be needed: {}</p>", Escaped(parts.join("; ")));
    }
    if let Some(support) = p.support() {
        let _ = write!(out, "<p class=\"support\">{}</p>", Escaped(support));
    }
    out.push_str("</section>");
}

/// Bambu's own text for the model, marked as theirs (a local build made after an import).
#[cfg(feature = "official")]
fn official_text(found: &Lookup, model: Option<Model>, out: &mut String) {
    use hms_catalog::{Lang, OfficialText};
    let Some(official) = found.official() else { return };
    let text = match official.text(model, Lang::En) {
        OfficialText::Text(t) => t.to_string(),
        OfficialText::Silent => "(the printer shows no text for this code)".to_owned(),
        OfficialText::Unavailable => return,
    };
    let _ = write!(out, "<p class=\"official\"><span class=\"mark\">Bambu Lab's text</span> {}</p>", Escaped(text));
}

/// The QR code as SVG: one unit square per dark module, inside the quiet zone.
fn qr_svg(qr: &WikiQr, url: &str, out: &mut String) {
    let size = qr.size();
    let side = size + 2 * WikiQr::QUIET_ZONE;
    let _ = write!(
        out,
        "<svg class=\"qr\" role=\"img\" viewBox=\"0 0 {side} {side}\" shape-rendering=\"crispEdges\" \
         data-size=\"{size}\"><title>QR code of {}</title><rect width=\"{side}\" height=\"{side}\" \
         fill=\"#fff\"/><path fill=\"#000\" d=\"",
        Escaped(url)
    );
    for y in 0..size {
        for x in 0..size {
            if qr.get(x, y) {
                let _ = write!(out, "M{} {}h1v1h-1z", x + WikiQr::QUIET_ZONE, y + WikiQr::QUIET_ZONE);
            }
        }
    }
    out.push_str("\"/></svg>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use hms_catalog::{Hms, PrintError, lookup};

    #[test]
    fn text_is_escaped_for_html() {
        assert_eq!(Escaped("a<b & \"c\" 'd'>").to_string(), "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;");
    }

    #[test]
    fn an_answer_has_every_part_the_command_shows() {
        let mut out = String::new();
        answer(&lookup(Hms::from_mqtt(0x0700_2000, 0x0002_0003)), Some(Model::H2D), &mut out);
        assert!(out.starts_with("<article class=\"answer\" data-code=\"0700_2000_0002_0003\">"), "{out}");
        for part in [
            "<h2 class=\"title\">AMS A slot 1 filament may be broken inside the AMS</h2>",
            "<dd>07 AMS (Automated Material System), unit A, slot 1</dd>",
            "<dt>Alert</dt><dd>fault</dd>",
            "<ol class=\"steps\"><li>",
            "<svg class=\"qr\"",
        ] {
            assert!(out.contains(part), "{part} in {out}");
        }
        assert_eq!(out.matches("<article").count(), 1);
        assert!(out.ends_with("</figure></article>"));
    }

    #[test]
    fn a_valid_unknown_code_shows_its_structure() {
        let mut out = String::new();
        answer(&lookup(PrintError::from_u32(0x0399_4777)), None, &mut out);
        assert!(out.contains("Not in the catalog"), "{out}");
        assert!(out.contains("<dd>03 MC (Motion Controller), module number 153</dd>"), "{out}");
        assert!(out.contains("https://wiki.bambulab.com/en/hms/home"), "{out}");
    }
}
