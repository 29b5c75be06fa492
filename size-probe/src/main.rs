//! The probe: one lookup whose every text is written to a sink, so the linker keeps every
//! table the lookup can reach, and nothing else.
#![no_std]
#![no_main]

use core::fmt::{self, Write};
use core::hint::black_box;

/// Folds every byte written into a value the optimiser cannot drop.
struct Sink(u32);

impl Write for Sink {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        for b in s.bytes() {
            self.0 = self.0.rotate_left(5) ^ u32::from(b);
        }
        Ok(())
    }
}

#[cfg(feature = "catalog")]
fn explain(code: u64, sink: &mut Sink) {
    use hms_catalog::{Hms, Lang, Model, lookup};
    let found = lookup(Hms::from_u64(code));
    let _ = write!(sink, "{:?}{:?}", found.module().map(|m| m.name()), found.level().map(|l| l.name()));
    if let Some(title) = found.title() {
        let _ = write!(sink, "{title}");
    }
    if let Some(meaning) = found.meaning() {
        let _ = write!(sink, "{meaning}");
    }
    if let Some(step) = found.procedure().and_then(|p| p.steps().next()) {
        let _ = write!(sink, "{step}");
    }
    if let Some(official) = found.official() {
        let model = Model::ALL.get(black_box(0)).copied();
        for &lang in Lang::ALL {
            if let Some(text) = official.text(model, lang).text() {
                let _ = write!(sink, "{text}");
            }
        }
        let _ = write!(sink, "{}", found.wiki_url(model));
    }
}

#[cfg(not(feature = "catalog"))]
fn explain(code: u64, sink: &mut Sink) {
    let _ = write!(sink, "{code:x}");
}

#[unsafe(no_mangle)]
pub extern "C" fn _start() -> ! {
    let mut sink = Sink(0);
    explain(black_box(0x0700_2000_0002_0003), &mut sink);
    black_box(sink.0);
    loop {}
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}
