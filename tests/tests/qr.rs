//! The wiki page's QR code, decoded: the matrix `Lookup::wiki_qr` gives and its drawing
//! (`Display`) both hold the exact wiki URL, for own pages per model, default pages, the
//! longest URL and the home page. Decoding needs Python with zxing-cpp (see tests/qr/).

use hms_catalog::{AnyCode, Model, WikiQr, lookup};

#[path = "../qr/decode.rs"]
mod decode;

use decode::{CASES, Decoder, Matrix, drawings};

fn matrix(qr: &WikiQr) -> Matrix {
    (0..qr.size()).map(|y| (0..qr.size()).map(|x| qr.get(x, y)).collect()).collect()
}

fn qr_of(code: &str, model: Option<&str>) -> WikiQr {
    let code = AnyCode::parse(code).expect("a code");
    let model = model.map(|m| m.parse::<Model>().expect("a model"));
    let found = lookup(code);
    found.wiki_qr(model).expect("every wiki URL fits a QR code")
}

#[test]
fn each_case_leads_to_its_page() {
    for &(code, model, url) in CASES {
        let model = model.map(|m| m.parse::<Model>().unwrap());
        assert_eq!(lookup(AnyCode::parse(code).unwrap()).wiki_url(model).to_string(), url, "{code} on {model:?}");
    }
}

#[test]
fn the_matrix_and_its_drawing_decode_to_the_wiki_url() {
    let Some(decoder) = Decoder::find() else { return };
    let mut matrices = Vec::new();
    for &(code, model, _) in CASES {
        let qr = qr_of(code, model);
        let drawn = drawings(&qr.to_string());
        assert_eq!(drawn.len(), 1, "{code}");
        assert_eq!(drawn[0], matrix(&qr), "{code}: the drawing is the matrix");
        matrices.push(matrix(&qr));
    }
    let decoded = decoder.decode(&matrices);
    for (&(code, model, url), text) in CASES.iter().zip(&decoded) {
        assert_eq!(text, url, "{code} on {model:?}");
    }
}

#[test]
fn a_damaged_matrix_does_not_decode() {
    let Some(decoder) = Decoder::find() else { return };
    let mut damaged = matrix(&qr_of("0300_0100_0001_0007", None));
    // The three finder patterns cleared: no reader finds the code.
    let size = damaged.len();
    for (x0, y0) in [(0, 0), (size - 7, 0), (0, size - 7)] {
        for row in &mut damaged[y0..y0 + 7] {
            row[x0..x0 + 7].fill(false);
        }
    }
    assert_eq!(decoder.decode(&[damaged]), ["!none"]);
}
