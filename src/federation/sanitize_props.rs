//! SECURITY.md T31 as properties: whatever HTML arrives (random text, or random sequences of
//! the pieces XSS and mXSS payloads are made of), cleaning never panics, keeps no script, event
//! handler, `javascript:`/`data:` link, style, `svg` or `math`, and parsing the output again
//! finds no kind of tag or attribute that was not already there (mutation XSS).

use super::sanitize::{clean_html, plain_text};
use proptest::prelude::*;

/// Fragments of known payloads: tags, attributes, namespace switches, comments, entities.
pub(crate) const PIECES: &[&str] = &[
    "<script>",
    "</script>",
    "<img src=x onerror=alert(1)>",
    "<a href=\"",
    "javascript:alert(1)",
    "data:text/html,x",
    "\">",
    "</a>",
    "<svg>",
    "</svg>",
    "<math>",
    "<mtext>",
    "<mglyph>",
    "<annotation-xml encoding=\"text/html\">",
    "<style>",
    "</style>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<noscript>",
    "</noscript>",
    "<p",
    " title=\"",
    "<b>",
    "</p>",
    "<table>",
    "<select>",
    "<template>",
    "<iframe>",
    "&lt;",
    "&#x3C;",
    "&quot;",
    "'",
    "\"",
    "<",
    ">",
    "/",
    " ",
    "x",
    "onload=alert(1)",
    "style=\"x:expression(1)\"",
    "<form><button formaction=javascript:1>",
    ":emoji:\"><img src=x onerror=1>",
    "<a href=https://ok.example/>ok</a>",
    "\n",
    "<br>",
];

/// The distinct opening tags of `html`, with their attributes.
fn opening_tags(html: &str) -> std::collections::BTreeSet<String> {
    html.split('<')
        .skip(1)
        .filter(|piece| !piece.starts_with('/'))
        .map(|piece| piece.split('>').next().unwrap_or_default().to_owned())
        .collect()
}

/// Parsing `cleaned` again finds no kind of tag, with its attributes, that was not in it. (The
/// parser may nest misnested tags differently or repeat a formatting tag such as `<b>` when it
/// reopens it, which is harmless; a new kind would be mutation XSS.)
fn reparse_invents_nothing(cleaned: &str) -> Result<(), TestCaseError> {
    let again = opening_tags(&clean_html(cleaned));
    let before = opening_tags(cleaned);
    prop_assert!(again.is_subset(&before), "{again:?} from {cleaned}");
    Ok(())
}

/// Checks every tag of cleaned HTML (text between tags is escaped, so only tags can act).
pub(crate) fn assert_safe(html: &str) -> Result<(), TestCaseError> {
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let end = rest[start..]
            .find('>')
            .map_or(rest.len(), |e| start + e + 1);
        let tag = rest[start..end].to_ascii_lowercase();
        for banned in [
            "<script", "<svg", "<math", "<style", "<iframe", "<img", "<form", "on", "style=",
        ] {
            let found = if banned == "on" {
                tag.split_whitespace()
                    .skip(1)
                    .any(|attr| attr.starts_with("on"))
            } else {
                tag.contains(banned)
            };
            prop_assert!(!found, "{banned} survived in {tag} of {html}");
        }
        if let Some(href) = tag.split("href=\"").nth(1) {
            prop_assert!(
                href.starts_with("http://") || href.starts_with("https://"),
                "a link that is not http(s): {tag}"
            );
        }
        rest = &rest[end..];
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn random_text_is_cleaned_safely(input in any::<String>()) {
        let cleaned = clean_html(&input);
        assert_safe(&cleaned)?;
        reparse_invents_nothing(&cleaned)?;
        let _ = plain_text(&input, 500);
    }

    #[test]
    fn payload_pieces_in_any_order_are_cleaned_safely(
        pieces in prop::collection::vec(prop::sample::select(PIECES), 0..60)
    ) {
        let input = pieces.concat();
        let cleaned = clean_html(&input);
        assert_safe(&cleaned)?;
        reparse_invents_nothing(&cleaned)?;
    }
}

#[test]
fn the_check_itself_catches_unsafe_html() {
    for unsafe_html in [
        "<p>x</p><img src=x>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<b onclick=\"x()\">y</b>",
        "<svg></svg>",
    ] {
        assert!(assert_safe(unsafe_html).is_err(), "{unsafe_html}");
    }
    assert!(
        assert_safe("<p>javascript: is only text here</p><a href=\"https://e.test\">ok</a>")
            .is_ok()
    );
}

#[test]
fn only_listed_attributes_survive() {
    // Found by the property test: ammonia's default `title` and `lang` survived `empty()`.
    assert_eq!(
        clean_html(
            "<a title=\"t\" lang=\"en\" hreflang=\"en\" href=\"https://e.test\">x</a><p lang=\"en\">y</p>"
        ),
        "<a href=\"https://e.test\" rel=\"nofollow noopener noreferrer\">x</a><p>y</p>"
    );
}
