//! `code!`: a code written in the source, checked and resolved to its `Code` variant while
//! compiling.

use hms_core::spelling::read_digits;
use hms_core::{AnyCode, Channel};
use proc_macro2::{Span, TokenStream, TokenTree};
use quote::quote;

pub fn expand(input: TokenStream) -> syn::Result<TokenStream> {
    let mut tokens = input.into_iter();
    let krate: TokenStream =
        tokens.by_ref().take_while(|t| !matches!(t, TokenTree::Punct(p) if p.as_char() == ',')).collect();
    let rest: Vec<TokenTree> = tokens.collect();
    let span = rest.first().map_or(Span::call_site(), |t| t.span());
    let written = match rest.as_slice() {
        [TokenTree::Literal(lit)] if lit.to_string().starts_with('"') => {
            syn::parse2::<syn::LitStr>(TokenTree::Literal(lit.clone()).into())?.value()
        }
        [] => {
            return Err(syn::Error::new(
                span,
                "expected an HMS code, like code!(0700_2000_0002_0003) or code!(\"0300-400C\")",
            ));
        }
        tokens => tokens.iter().map(ToString::to_string).collect(),
    };
    let digits =
        read_digits(&written, false).map_err(|e| syn::Error::new(span, format!("bad HMS code `{written}`: {e}")))?;
    // Eight digits fit a print_error code's 32 bits.
    let Some(code) = Channel::from_digits(digits.count).and_then(|c| AnyCode::from_bits(c, digits.value)) else {
        let n = digits.count;
        return Err(syn::Error::new(
            span,
            format!("bad HMS code `{written}`: {n} hex digits, expected 16 (print.hms) or 8 (print_error)"),
        ));
    };
    // The generated `Code::__resolve` takes the channel's layout number and the bits: the
    // calling crate may not depend on hms-core to name an `AnyCode`.
    let (channel, value) = (code.channel().layout(), code.bits());
    let message =
        format!("code {code} has no `Code` variant: it is not in catalog.yaml, or its entry has no `variant`");
    Ok(quote! {
        {
            // A const item, not a `const {}` block: `cargo check` evaluates it too.
            const CODE: #krate::Code = match #krate::Code::__resolve(#channel, #value) {
                ::core::option::Option::Some(code) => code,
                ::core::option::Option::None => ::core::panic!(#message),
            };
            CODE
        }
    })
}
