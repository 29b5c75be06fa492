//! Reading the wiki page's QR code back, for the tests of the library, the `hms` command, the
//! C interface and the firmware (each includes this file with `#[path]`).
//!
//! The drawings are read from their half blocks (`▀▄█`, light modules drawn, two rows a
//! line, a quiet zone of 4 modules: `WikiQr`'s `Display`) with `WikiQr::read_drawing`, the
//! reader hms-catalog's own tests use, and decoded by tests/qr/decode.py with zxing-cpp. The
//! Python interpreter is `$HMS_QR_PYTHON` (.ci/run makes a virtual environment with the
//! packages and sets it), else `python3`; without it or its packages the tests say they
//! skipped.
#![allow(dead_code)]

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use hms_catalog::WikiQr;

/// Codes, models and the wiki page each must lead to: own pages per model, a code's default
/// page, the longest URL of Bambu's lists, and the home page of a code nobody knows.
pub const CASES: &[(&str, Option<&str>, &str)] = &[
    ("0300_0100_0001_0007", Some("H2D"), "https://wiki.bambulab.com/en/h2/troubleshooting/hmscode/0300_0100_0001_0007"),
    (
        "0300_0100_0001_0007",
        Some("P2S"),
        "https://wiki.bambulab.com/en/p2s/troubleshooting/hmscode/0300_0100_0001_0007",
    ),
    ("0300_0100_0001_0007", None, "https://wiki.bambulab.com/en/x1/troubleshooting/hmscode/0300_0100_0001_0007"),
    ("0300_0200_0001_0009", None, "https://wiki.bambulab.com/en/a1-mini/troubleshooting/hmscode/0300_0200_0001_0009"),
    ("0700_9000_0001_0004", None, "https://wiki.bambulab.com/en/ams-2-pro/troubleshooting/hmscode/0700-9000-0001-0004"),
    ("0700_2000_0002_0003", Some("X2D"), "https://wiki.bambulab.com/en/x1/troubleshooting/hmscode/0700_2000_0002_0003"),
    ("0300_9900_0002_7777", None, "https://wiki.bambulab.com/en/hms/home"),
];

/// A QR code's modules, `true` dark, row by row, without the quiet zone.
pub type Matrix = Vec<Vec<bool>>;

/// The light margin every drawing has around the code.
const QUIET_ZONE: usize = WikiQr::QUIET_ZONE;

/// The script beside this file.
fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/qr/decode.py")
}

/// The decoder: a Python interpreter that has zxing-cpp and Pillow.
pub struct Decoder {
    python: PathBuf,
}

impl Decoder {
    /// The decoder, or `None` (after saying why the test skips) when Python or its packages
    /// are missing. `$HMS_QR_PYTHON`, when set, must work: a broken one fails the test.
    pub fn find() -> Option<Decoder> {
        let (python, required) = match std::env::var_os("HMS_QR_PYTHON") {
            Some(p) if !p.is_empty() => (PathBuf::from(p), true),
            _ => (PathBuf::from("python3"), false),
        };
        let works = Command::new(&python).arg(script()).arg("--check").output().is_ok_and(|out| out.status.success());
        match (works, required) {
            (true, _) => Some(Decoder { python }),
            (false, true) => panic!("HMS_QR_PYTHON={} cannot import zxingcpp and PIL", python.display()),
            (false, false) => {
                println!(
                    "skipped: no QR decoder (python3 with zxing-cpp and pillow; set HMS_QR_PYTHON, or \
                     python3 -m venv target/qr-venv && target/qr-venv/bin/pip install zxing-cpp pillow)"
                );
                None
            }
        }
    }

    /// The text each matrix holds, in order (`!none` for one that does not decode).
    pub fn decode(&self, matrices: &[Matrix]) -> Vec<String> {
        let mut input = String::new();
        for matrix in matrices {
            for row in matrix {
                input.extend(row.iter().map(|&dark| if dark { '#' } else { '.' }));
                input.push('\n');
            }
            input.push('\n');
        }
        let mut child = Command::new(&self.python)
            .arg(script())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the decoder starts");
        child.stdin.take().expect("stdin is piped").write_all(input.as_bytes()).expect("the decoder reads");
        let out = child.wait_with_output().expect("the decoder runs");
        assert!(out.status.success(), "decode.py failed: {}", String::from_utf8_lossy(&out.stderr));
        let texts: Vec<String> = String::from_utf8(out.stdout).expect("UTF-8").lines().map(str::to_owned).collect();
        assert_eq!(texts.len(), matrices.len(), "one text per matrix");
        texts
    }
}

/// Every QR code drawn in `text`: a run of lines that starts with one of `█` only (the quiet
/// zone's top) and has `(width + 1) / 2` lines of half blocks, each as wide. Panics when a
/// drawing is cut short or its quiet zone is not light.
pub fn drawings(text: &str) -> Vec<Matrix> {
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    let mut at = 0;
    while at < lines.len() {
        let width = lines[at].chars().count();
        if width <= 2 * QUIET_ZONE || !lines[at].chars().all(|c| c == '█') {
            at += 1;
            continue;
        }
        let height = width.div_ceil(2);
        let block = lines.get(at..at + height).unwrap_or_else(|| panic!("a drawing cut short at line {at}:\n{text}"));
        found.push(read(block, width));
        at += height;
    }
    found
}

/// The modules of one drawing: light where a half block is drawn.
fn read(lines: &[&str], width: usize) -> Matrix {
    for (n, line) in lines.iter().enumerate() {
        assert_eq!(line.chars().count(), width, "line {n} of a drawing: {line:?}");
    }
    let mut picture = vec![vec![false; width]; width];
    for (x, y, drawn) in WikiQr::read_drawing(lines.iter().copied()) {
        if let Some(row) = picture.get_mut(y) {
            row[x] = !drawn;
        }
    }
    let inner = width - 2 * QUIET_ZONE;
    for (y, row) in picture.iter().enumerate() {
        for (x, &dark) in row.iter().enumerate() {
            let in_code =
                (QUIET_ZONE..QUIET_ZONE + inner).contains(&x) && (QUIET_ZONE..QUIET_ZONE + inner).contains(&y);
            assert!(in_code || !dark, "a dark module in the quiet zone at ({x}, {y})");
        }
    }
    picture[QUIET_ZONE..QUIET_ZONE + inner].iter().map(|row| row[QUIET_ZONE..QUIET_ZONE + inner].to_vec()).collect()
}
