//! The catalog model as tokens: enums with doc comments, and the tables as byte strings, which rustc checks in constant time whatever the catalog's size.

use std::path::PathBuf;

use hms_core::layout::NONE;
use hms_core::layout::bake::{baked, baked_in_one};
use hms_model::Catalog;
use hms_model::tables::Built;

use crate::args::Args;
use crate::baked::Baked;
use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{format_ident, quote};
use syn::LitStr;

pub fn catalog(args: &Args, source_file: Option<PathBuf>) -> syn::Result<TokenStream> {
    let Some(path) = &args.first else {
        return Err(syn::Error::new(Span::call_site(), "expected the catalog's path: catalog!(\"catalog.yaml\")"));
    };
    let known = ["official", "guides", "baked"];
    let official = args.get("official", &known)?;
    let guides = args.get("guides", &known)?.map(LitStr::value);
    let source_file = source_file.as_deref();
    // The baked expansion, when asked for (`baked = "FILE"`) and made from the files as they
    // read now; else the full work.
    let baked = match args.get("baked", &known)? {
        Some(file) => Some(crate::load::baked_catalog(path, official, guides.as_deref(), file, source_file)?),
        None => None,
    };
    if let Some(hit) = baked.as_ref().and_then(Baked::hit) {
        return Ok(hit);
    }
    let loaded = crate::cache::load(path, official, source_file)?;
    let expansion = expansion(&loaded, guides.as_deref())?;
    if let Some(baked) = &baked {
        baked.store(&loaded.catalog.includes, &expansion)?;
    }
    let files = std::iter::once(&loaded.file).chain(&loaded.included).chain(loaded.facts.as_ref().map(|(_, f)| f));
    let track = crate::baked::track(&files.cloned().collect::<Vec<_>>());
    Ok(quote! { #track #expansion })
}

/// What `catalog!` expands to besides the tracking of its inputs: the part a baked file holds.
fn expansion(loaded: &crate::cache::Loaded, guides: Option<&str>) -> syn::Result<TokenStream> {
    let catalog = &loaded.catalog;
    let modules = modules(catalog);
    let models = models(catalog);
    let levels = levels(catalog);
    let codes = codes(catalog);
    let tables = tables_static(&loaded.built, guides)?;
    Ok(quote! {
        #modules
        #models
        #levels
        #codes
        #tables
    })
}

fn modules(catalog: &Catalog) -> TokenStream {
    let variants: Vec<Ident> = catalog.modules.iter().map(|m| format_ident!("{}", m.variant)).collect();
    let ids: Vec<Literal> = catalog.modules.iter().map(|m| Literal::u8_suffixed(m.id)).collect();
    let abbrs = catalog.modules.iter().map(|m| &m.abbr);
    let names = catalog.modules.iter().map(|m| &m.name);
    let docs = catalog.modules.iter().map(|m| format!(" `{:02X}` {}: {}", m.id, m.abbr, m.name));
    let lettered: Vec<Ident> =
        catalog.modules.iter().filter(|m| m.lettered).map(|m| format_ident!("{}", m.variant)).collect();
    let is_lettered =
        if lettered.is_empty() { quote!(false) } else { quote!(matches!(self, #( Module::#lettered )|*)) };
    quote! {
        /// A module of the printer: the first byte of an HMS code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        #[repr(u8)]
        pub enum Module {
            #( #[doc = #docs] #variants = #ids, )*
        }

        impl Module {
            /// Every module of the catalog, in catalog order.
            pub const ALL: &'static [Module] = &[#(Module::#variants),*];

            /// The module with this id byte.
            pub const fn from_id(id: u8) -> ::core::option::Option<Module> {
                match id {
                    #( #ids => ::core::option::Option::Some(Module::#variants), )*
                    _ => ::core::option::Option::None,
                }
            }

            /// The id byte.
            pub const fn id(self) -> u8 {
                self as u8
            }

            /// The abbreviation the printer shows (`AMS`).
            pub const fn abbr(self) -> &'static str {
                match self { #( Module::#variants => #abbrs, )* }
            }

            /// The full name.
            pub const fn name(self) -> &'static str {
                match self { #( Module::#variants => #names, )* }
            }

            /// Whether module numbers name lettered units (AMS A, B, C...).
            pub const fn is_lettered(self) -> bool {
                #is_lettered
            }
        }
    }
}

fn models(catalog: &Catalog) -> TokenStream {
    let variants: Vec<Ident> = catalog.models.iter().map(|m| format_ident!("{}", m.variant)).collect();
    let ids: Vec<&String> = catalog.models.iter().map(|m| &m.id).collect();
    let names = catalog.models.iter().map(|m| &m.name);
    let prefixes = catalog.models.iter().map(|m| match &m.prefix {
        Some(p) => quote!(::core::option::Option::Some(#p)),
        None => quote!(::core::option::Option::None),
    });
    let bits: Vec<Literal> = (0..catalog.models.len()).map(|i| Literal::u8_suffixed(i as u8)).collect();
    let docs = catalog.models.iter().map(|m| match &m.prefix {
        Some(p) if m.unnamed => format!(
            " A printer of serial numbers `{p}...` that Bambu's files list and catalog.yaml does not name yet \
             (add `- {{ id: ..., prefix: \"{p}\", name: ... }}` to its `models`)"
        ),
        Some(p) => format!(" {} (`{}`, serial numbers `{p}...`)", m.name, m.id),
        None => format!(" {} (`{}`)", m.name, m.id),
    });
    quote! {
        /// A printer model. Official texts and wiki pages can differ per model.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        #[allow(clippy::upper_case_acronyms)]
        pub enum Model {
            #( #[doc = #docs] #variants, )*
        }

        impl Model {
            /// Every model of the catalog, in catalog order, then any unnamed ones of the
            /// official facts (serial prefixes catalog.yaml does not name yet).
            pub const ALL: &'static [Model] = &[#(Model::#variants),*];

            /// The id Bambu's lists use (`H2D`).
            pub const fn id(self) -> &'static str {
                match self { #( Model::#variants => #ids, )* }
            }

            /// The name people use.
            pub const fn name(self) -> &'static str {
                match self { #( Model::#variants => #names, )* }
            }

            /// The first three characters of its serial numbers, if known.
            pub const fn serial_prefix(self) -> ::core::option::Option<&'static str> {
                match self { #( Model::#variants => #prefixes, )* }
            }

            /// Its bit in a set of models.
            #[doc(hidden)]
            pub const fn bit(self) -> u8 {
                match self { #( Model::#variants => #bits, )* }
            }
        }
    }
}

fn levels(catalog: &Catalog) -> TokenStream {
    let variants: Vec<Ident> = catalog.levels.iter().map(|l| format_ident!("{}", l.variant)).collect();
    let ids: Vec<Literal> = catalog.levels.iter().map(|l| Literal::u16_suffixed(l.id)).collect();
    let names = catalog.levels.iter().map(|l| &l.name);
    let meanings = catalog.levels.iter().map(|l| &l.meaning);
    let alerts = catalog.levels.iter().map(|l| format_ident!("{}", alert_variant(l.alert)));
    let docs = catalog.levels.iter().map(|l| format!(" Level {} ({}): {}", l.id, l.name, l.meaning));
    quote! {
        /// An alert level: bits 31-16 of the code half (`print_error` maps its nibble onto it).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        #[repr(u16)]
        pub enum Level {
            #( #[doc = #docs] #variants = #ids, )*
        }

        impl Level {
            /// Every level of the catalog, in catalog order.
            pub const ALL: &'static [Level] = &[#(Level::#variants),*];

            /// The level with this number; unknown numbers are `None` (keep the number as data).
            pub const fn from_id(id: u16) -> ::core::option::Option<Level> {
                match id {
                    #( #ids => ::core::option::Option::Some(Level::#variants), )*
                    _ => ::core::option::Option::None,
                }
            }

            /// The level number.
            pub const fn id(self) -> u16 {
                self as u16
            }

            /// Short name (`error`).
            pub const fn name(self) -> &'static str {
                match self { #( Level::#variants => #names, )* }
            }

            /// What the level means for the print task.
            pub const fn meaning(self) -> &'static str {
                match self { #( Level::#variants => #meanings, )* }
            }

            /// The class of the level's alerts (`alert:` of the level in the catalog), unless a
            /// code's entry gives its own.
            pub const fn alert(self) -> ::hms_core::Alert {
                match self { #( Level::#variants => ::hms_core::Alert::#alerts, )* }
            }
        }
    }
}

/// The constant `name` of table type `ty`: its baked value `full` where it has any data and
/// the calling crate's `feature` is on, else the type's `EMPTY`.
fn gated(
    name: Ident,
    ty: Ident,
    feature: &str,
    any: bool,
    full: impl FnOnce() -> syn::Result<TokenStream>,
) -> syn::Result<TokenStream> {
    let empty = quote! { const #name: ::hms_core::layout::#ty<'static> = ::hms_core::layout::#ty::EMPTY; };
    if !any {
        return Ok(empty);
    }
    let full = full()?;
    Ok(quote! {
        #[cfg(feature = #feature)]
        const #name: ::hms_core::layout::#ty<'static> = #full;
        #[cfg(not(feature = #feature))]
        #empty
    })
}

/// The `hms_core::Alert` variant of `alert`.
fn alert_variant(alert: hms_core::Alert) -> &'static str {
    match alert {
        hms_core::Alert::Silent => "Silent",
        hms_core::Alert::Status => "Status",
        hms_core::Alert::Advisory => "Advisory",
        hms_core::Alert::Fault => "Fault",
    }
}

fn codes(catalog: &Catalog) -> TokenStream {
    // The tables hold one record per entry, in catalog order.
    let named: Vec<_> = catalog.codes.iter().enumerate().filter(|(_, c)| c.variant.is_some()).collect();
    let variants: Vec<Ident> =
        named.iter().map(|(_, c)| format_ident!("{}", c.variant.as_deref().unwrap_or_default())).collect();
    let names = named.iter().map(|(_, c)| c.variant.as_deref().unwrap_or_default());
    let entries = named.iter().map(|(i, _)| Literal::u16_suffixed(*i as u16));
    let docs = named.iter().map(|(_, c)| format!(" `{}`: **{}**\n\n {}", c.spelled(), c.title, c.meaning));
    // Every pattern, in catalog order, with its entry's variant: the
    // resolution is `hms_core::covering` over them, the rule the lookup follows.
    let mut variant = 0u16;
    let mut stored = Vec::new();
    for c in &catalog.codes {
        let index = c.variant.as_ref().map(|_| variant);
        variant += u16::from(index.is_some());
        for p in &c.patterns {
            let (ch, key, varies) = (p.channel().layout(), p.key().bits(), p.varies());
            let parts = p.varying_part().map_or(u16::MAX, |l| u16::from_le_bytes(l.to_bytes()));
            let index = index.unwrap_or(NONE);
            stored.push(quote! { (#ch, #key, #varies, #parts, #index) });
        }
    }
    let count = stored.len();
    quote! {
        /// A catalog entry with a name: one variant per entry that has a `variant` in the
        /// catalog (one for all its patterns). Its doc comment holds the entry's title and
        /// meaning.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Code {
            #( #[doc = #docs] #variants, )*
        }

        impl Code {
            /// Every named entry, in catalog order.
            pub const ALL: &'static [Code] = &[#(Code::#variants),*];

            /// The variant's name, as written in the catalog.
            pub const fn name(self) -> &'static str {
                match self { #( Code::#variants => #names, )* }
            }

            /// Index of the variant's entry in the tables.
            #[doc(hidden)]
            pub const fn __entry_index(self) -> u16 {
                match self { #( Code::#variants => #entries, )* }
            }

            /// Compile-time resolution for `code!`: the variant of the entry whose pattern
            /// `hms_core::covering` chooses.
            #[doc(hidden)]
            // Evaluated while compiling `code!` only: the pattern tables are consts for that.
            #[allow(clippy::large_const_arrays)]
            pub const fn __resolve(channel: u8, code: u64) -> ::core::option::Option<Code> {
                use ::hms_core::{AnyCode, Channel, CodePattern, Hms, PartLayout};
                /// `(channel, key, varies, part layout, variant)` of every pattern.
                const STORED: [(u8, u64, u8, u16, u16); #count] = [#(#stored),*];
                const PATTERNS: [CodePattern; #count] = {
                    let mut out = [CodePattern::exact(AnyCode::Hms(Hms::from_u64(0))); #count];
                    let mut i = 0;
                    while i < #count {
                        let (channel, key, varies, parts, _) = STORED[i];
                        let parts = PartLayout::from_bytes(parts.to_le_bytes());
                        out[i] = match CodePattern::from_layout(channel, key, varies, parts) {
                            ::core::option::Option::Some(pattern) => pattern,
                            ::core::option::Option::None => ::core::panic!("a stored pattern does not read back"),
                        };
                        i += 1;
                    }
                    out
                };
                let ::core::option::Option::Some(channel) = Channel::from_layout(channel) else {
                    return ::core::option::Option::None;
                };
                let ::core::option::Option::Some(code) = AnyCode::from_bits(channel, code) else {
                    return ::core::option::Option::None;
                };
                match ::hms_core::covering(&PATTERNS, code) {
                    ::core::option::Option::Some(i) if (STORED[i].4 as usize) < Code::ALL.len() => {
                        ::core::option::Option::Some(Code::ALL[STORED[i].4 as usize])
                    }
                    _ => ::core::option::Option::None,
                }
            }
        }
    }
}

/// The tables, baked from their declarations; with `guides`, the name of the calling crate's
/// feature without which only the titles are compiled in (no meanings, notes, causes or
/// procedures). With official facts, their wiki pages are left out without the calling crate's
/// `wiki` feature, their action lists without its `actions` feature.
fn tables_static(built: &Built, guides: Option<&str>) -> syn::Result<TokenStream> {
    let tokens = |source: String| {
        source.parse::<TokenStream>().map_err(|e| syn::Error::new(Span::call_site(), format!("baked tables: {e}")))
    };
    let t = &built.tables;
    let full = tokens(baked(&t.catalog))?;
    let catalog = match guides {
        None => quote! { const CATALOG: ::hms_core::layout::CatalogTables<'static> = #full; },
        Some(feature) => {
            let titles = tokens(baked(&built.titles_only()))?;
            quote! {
                #[cfg(feature = #feature)]
                const CATALOG: ::hms_core::layout::CatalogTables<'static> = #full;
                // Without the feature: the titles (a prefix of the stream, and the part of the
                // dictionary they use), no procedures and no lists.
                #[cfg(not(feature = #feature))]
                const CATALOG: ::hms_core::layout::CatalogTables<'static> = #titles;
            }
        }
    };
    // One static for what a probe reads: a lookup finds it all from one address.
    let facts = tokens(baked_in_one(&t.facts, hms_core::layout::FactTable::PROBED))?;
    let wiki = gated(format_ident!("WIKI"), format_ident!("WikiTable"), "wiki", !t.wiki.records.is_empty(), || {
        tokens(baked(&t.wiki))
    })?;
    let alerts = tokens(baked(&t.alerts))?;
    let actions =
        gated(format_ident!("ACTIONS"), format_ident!("ActionTable"), "actions", !t.actions.offers.is_empty(), || {
            tokens(baked(&t.actions))
        })?;
    Ok(quote! {
        /// The catalog's tables, in the layout of `hms_core::layout` (unstable).
        #[doc(hidden)]
        pub static TABLES: ::hms_core::layout::Tables<'static> = ::hms_core::layout::Tables {
            catalog: CATALOG,
            facts: FACTS,
            wiki: WIKI,
            alerts: ALERTS,
            actions: ACTIONS,
        };
        const ALERTS: ::hms_core::layout::AlertTable<'static> = #alerts;
        /// The rows, as a constant: lookups read it through this constant, so the compiler
        /// knows the row format, the index's divisors and every table's length.
        #[doc(hidden)]
        pub const FACTS: ::hms_core::layout::FactTable<'static> = #facts;
        #catalog
        #wiki
        #actions
    })
}
