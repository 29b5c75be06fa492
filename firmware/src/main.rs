//! Decodes a fixed list of MQTT codes through the catalog and prints, per code, the code,
//! its level and its title (with `guides`, the first step of its procedure); then exits
//! through semihosting. With `lang-en`, Bambu's English text follows when it is compiled in;
//! with `qr`, the wiki page of one code (`codes::QR`) drawn as a QR code ends the list.
#![no_std]
#![no_main]

use core::fmt::Write;

use cortex_m_rt::entry;
use cortex_m_semihosting::{debug, hio};
use hms_catalog::{AnyCode, Hms, Lang, PrintError};

mod codes;
mod explain;
#[cfg(feature = "qr")]
mod qr;

/// The language of the official texts printed, when the image carries one.
const OFFICIAL: Option<Lang> = if cfg!(feature = "lang-en") { Some(Lang::En) } else { None };
/// Whether the image carries the catalog's procedures (its `guides` feature).
const STEPS: bool = cfg!(feature = "guides");

#[entry]
fn main() -> ! {
    let status = match hio::hstdout() {
        Ok(mut out) => {
            let hms = codes::HMS.iter().map(|&(attr, code)| AnyCode::Hms(Hms::from_mqtt(attr, code)));
            let errors = codes::PRINT_ERRORS.iter().map(|&v| AnyCode::PrintError(PrintError::from_u32(v)));
            let written = hms.chain(errors).try_for_each(|code| explain::explain(&mut out, code, STEPS, OFFICIAL));
            #[cfg(feature = "qr")]
            let written = written.and_then(|()| {
                let (attr, code) = codes::QR;
                qr::wiki_qr(&mut out, AnyCode::Hms(Hms::from_mqtt(attr, code)))
            });
            if written.is_ok() { debug::EXIT_SUCCESS } else { debug::EXIT_FAILURE }
        }
        Err(()) => debug::EXIT_FAILURE,
    };
    debug::exit(status);
    loop {
        cortex_m::asm::wfi();
    }
}

#[panic_handler]
fn panic(info: &core::panic::PanicInfo) -> ! {
    if let Ok(mut out) = hio::hstdout() {
        let _ = writeln!(out, "panic: {info}");
    }
    debug::exit(debug::EXIT_FAILURE);
    loop {
        cortex_m::asm::wfi();
    }
}
