//! What a YAML syntax error means, in the catalog's own words: the scanner's message picks
//! one of a few descriptions, so no diagnostic repeats another crate's wording.

/// The description of a syntax error whose scanner message is `info`.
pub(crate) fn describe(info: &str) -> &'static str {
    let has = |words: &[&str]| words.iter().any(|w| info.contains(w));
    if has(&["tab"]) {
        "a tab where YAML allows only spaces: indent with spaces"
    } else if has(&["quoted scalar", "double-quoted"]) {
        "a quoted text that is not closed, or holds an escape YAML does not know: check its quotes and backslashes"
    } else if has(&["indentation", "indented"]) {
        "this line's indentation does not line up with the lines around it"
    } else if has(&["flow mapping", "flow sequence", "bracket", "flow construct"]) {
        "a list `[...]` or mapping `{...}` that is not closed, or whose items lack a comma between them"
    } else if has(&["mapping values are not allowed", "':'", "simple key"]) {
        "a colon where no key can start: quote a text that holds `: `, or check the indentation above"
    } else if has(&["block mapping", "mapping keys"]) {
        "a line that is neither a `key: value` of the mapping above nor indented under one of its keys"
    } else if has(&["block collection", "block sequence", "'-'"]) {
        "a list item `- ` out of place: items of one list start in the same column"
    } else if has(&["anchor", "alias", "tag", "directive", "handle"]) {
        "YAML markup the catalog does not use (anchors, tags, directives): write the value plainly"
    } else if has(&["document"]) {
        "a document marker (`---` or `...`) out of place: the catalog is one document"
    } else if has(&["unprintable", "byte order mark", "UTF-8", "Unicode", "escape"]) {
        "a character that cannot stand here: remove it, or write the text in double quotes with an escape"
    } else if has(&["eof", "end of stream"]) {
        "the file ends in the middle of a value: close what is open"
    } else if has(&["recursion limit"]) {
        "collections nested too deep"
    } else {
        "text that is not valid YAML: check the indentation, quotes and brackets of this line"
    }
}

#[cfg(test)]
mod tests {
    use saphyr_parser::Parser;

    use super::*;

    /// The scanner's own message for `source`, if it stops there.
    fn scanner_message(source: &str) -> Option<String> {
        Parser::new_from_str(source).find_map(|event| event.err()).map(|e| e.info().to_owned())
    }

    #[test]
    fn each_kind_of_fault_reads_in_own_words() {
        let cases = [
            ("a:\n\tb: 1\n", "a tab"),
            ("a: \"open\n", "quoted text"),
            ("a: [1, 2\n", "is not closed"),
            ("a: {b: 1\n", "is not closed"),
            ("a: b: c\n", "a colon where no key"),
            ("a:\n  b: 1\n c: 2\n", "neither a `key: value`"),
            ("a: [\nb]\n", "indentation"),
            ("a: {b: 1,\nc: 2}\n", "indentation"),
            ("- a\nb: 1\n", "out of place"),
            ("a: \"\\q\"\n", "escape"),
        ];
        for (source, expected) in cases {
            let info = scanner_message(source).unwrap_or_else(|| panic!("{source:?} scans"));
            let said = describe(&info);
            assert!(said.contains(expected), "{source:?}: scanner {info:?} -> {said:?}, expected {expected:?}");
            assert!(!said.contains(&info), "{source:?}: {said:?} repeats the scanner's {info:?}");
        }
    }

    #[test]
    fn an_unknown_message_gets_the_general_description() {
        assert!(describe("something new").starts_with("text that is not valid YAML"));
    }
}
