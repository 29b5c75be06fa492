//! The syntax of catalog templates: literal text, `{name}` placeholders, and `{{` and `}}`
//! for literal braces.

/// A piece of a template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Text written as is.
    Literal(&'a str),
    /// `{name}` at this byte offset.
    Placeholder {
        /// The name between the braces.
        name: &'a str,
        /// Byte offset of the `{`.
        offset: usize,
    },
    /// A `{` without its `}`, or a stray `}`, at this byte offset.
    Unbalanced {
        /// Byte offset of the brace.
        offset: usize,
    },
}

/// The pieces of `template` in order.
pub fn pieces(template: &str) -> Pieces<'_> {
    Pieces { template, at: 0 }
}

/// Iterator returned by [`pieces`].
#[derive(Clone, Debug)]
pub struct Pieces<'a> {
    template: &'a str,
    at: usize,
}

impl<'a> Iterator for Pieces<'a> {
    type Item = Piece<'a>;

    fn next(&mut self) -> Option<Piece<'a>> {
        let rest = self.template.get(self.at..)?;
        if rest.is_empty() {
            return None;
        }
        let offset = self.at;
        let Some(brace) = rest.find(['{', '}']) else {
            self.at = self.template.len();
            return Some(Piece::Literal(rest));
        };
        if brace > 0 {
            self.at += brace;
            return Some(Piece::Literal(&rest[..brace]));
        }
        // `{{` and `}}` stand for a literal brace.
        if rest.starts_with("{{") || rest.starts_with("}}") {
            self.at += 2;
            return Some(Piece::Literal(&rest[..1]));
        }
        if rest.starts_with('}') {
            self.at += 1;
            return Some(Piece::Unbalanced { offset });
        }
        match rest[1..].find(['{', '}']) {
            Some(end) if rest.as_bytes()[1 + end] == b'}' => {
                self.at += end + 2;
                Some(Piece::Placeholder { name: &rest[1..1 + end], offset })
            }
            _ => {
                self.at += 1;
                Some(Piece::Unbalanced { offset })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_split_literals_and_placeholders() {
        let got: [Piece<'_>; 4] = {
            let mut it = pieces("AMS {ams} slot {slot}");
            [it.next().unwrap(), it.next().unwrap(), it.next().unwrap(), it.next().unwrap()]
        };
        assert_eq!(got[0], Piece::Literal("AMS "));
        assert_eq!(got[1], Piece::Placeholder { name: "ams", offset: 4 });
        assert_eq!(got[3], Piece::Placeholder { name: "slot", offset: 15 });
    }

    #[test]
    fn doubled_braces_are_literal() {
        let mut it = pieces("a {{b}} {slot}");
        assert_eq!(it.next(), Some(Piece::Literal("a ")));
        assert_eq!(it.next(), Some(Piece::Literal("{")));
        assert_eq!(it.next(), Some(Piece::Literal("b")));
        assert_eq!(it.next(), Some(Piece::Literal("}")));
        assert_eq!(it.next(), Some(Piece::Literal(" ")));
        assert_eq!(it.next(), Some(Piece::Placeholder { name: "slot", offset: 8 }));
    }

    #[test]
    fn stray_braces_are_reported_not_lost() {
        let mut it = pieces("a { b } c {");
        assert_eq!(it.next(), Some(Piece::Literal("a ")));
        assert_eq!(it.next(), Some(Piece::Placeholder { name: " b ", offset: 2 }));
        assert_eq!(it.next(), Some(Piece::Literal(" c ")));
        assert_eq!(it.next(), Some(Piece::Unbalanced { offset: 10 }));
        assert_eq!(it.next(), None);
    }
}
