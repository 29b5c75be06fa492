// The codes the firmware decodes, shared with the host test that checks its output
// (tests/tests/firmware.rs includes this file).

/// `print.hms` entries `{attr, code}`, as a printer's MQTT report carries them.
pub const HMS: [(u32, u32); 5] = [
    (0x0701_0100, 0x0001_0004), // AMS B assist motor speed
    (0x0700_2000, 0x0002_0003), // AMS A slot 1 filament broken
    (0x0702_2300, 0x0002_0003), // the same fault on AMS C slot 4: a family entry
    (0x0500_0100, 0x0002_0001), // a code in Bambu's lists that the catalog lacks
    (0x0300_9900, 0x0002_7777), // a code nobody knows
];

/// `print.print_error` values.
pub const PRINT_ERRORS: [u32; 3] = [0x0300_4000, 0x0701_8010, 0x0300_C0FF];

/// The `print.hms` entry whose wiki page an image built with `qr` draws as a QR code (unused
/// in the images built without it).
#[allow(dead_code)]
pub const QR: (u32, u32) = (0x0300_0100, 0x0001_0007);
