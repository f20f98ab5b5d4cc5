//! Remote HTML, cleaned with ammonia before storage and shown only after: a small allow-list of
//! text tags, links to http(s) only with `rel="nofollow noopener noreferrer"`, no `svg` or
//! `math` (the source of ammonia's 2025–2026 advisories), no styles, no scripts.

use ammonia::{Builder, UrlRelative};
use std::collections::HashSet;
use std::sync::LazyLock;

/// Longest remote HTML kept, in bytes; longer content is cut before cleaning.
pub const MAX_HTML_BYTES: usize = 100_000;

static CLEANER: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let mut builder = Builder::empty();
    // `Builder::empty()` empties only the tags: ammonia's default attributes (`lang` and
    // `title` everywhere, `hreflang` on links, ...) would stay. Start from none.
    builder
        .generic_attributes(HashSet::new())
        .tag_attributes(std::collections::HashMap::new())
        .add_tags([
            "p",
            "br",
            "a",
            "span",
            "strong",
            "b",
            "em",
            "i",
            "u",
            "s",
            "del",
            "blockquote",
            "code",
            "pre",
            "ul",
            "ol",
            "li",
        ])
        .add_tag_attributes("a", ["href"])
        .add_tag_attributes("ol", ["start"])
        .url_schemes(HashSet::from(["http", "https"]))
        .url_relative(UrlRelative::Deny)
        .link_rel(Some("nofollow noopener noreferrer"))
        .allowed_classes(std::collections::HashMap::from([(
            "span",
            HashSet::from(["h-card", "mention", "hashtag", "invisible", "ellipsis"]),
        )]));
    builder
});

/// Removes every tag (plain text). Built once: a `Builder` is a few hundred set entries, and
/// building one per call was 3.5% of the inbox's CPU in a flood (`bench inbox`).
static STRIPPER: LazyLock<Builder<'static>> = LazyLock::new(Builder::empty);

/// Cleans remote HTML for storage.
pub fn clean_html(html: &str) -> String {
    let mut end = html.len().min(MAX_HTML_BYTES);
    while !html.is_char_boundary(end) {
        end -= 1;
    }
    CLEANER
        .clean(&html[..end])
        .to_string()
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t' | '\r'))
        .collect()
}

/// Reduces remote text that is shown as plain text (names, summaries) to text: tags removed,
/// control characters other than line feeds and tabs dropped (a carriage return would start a
/// new line in a calendar, others break XML feeds), at most `max_chars` characters. Templates
/// escape it on output.
pub fn plain_text(text: &str, max_chars: usize) -> String {
    let stripped = STRIPPER.clean(text).to_string();
    let unescaped = stripped
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    unescaped
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .take(max_chars)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{clean_html, plain_text};

    #[test]
    fn keeps_text_and_safe_links_only() {
        let cases = [
            ("<p>hi <script>alert(1)</script></p>", "<p>hi </p>"),
            ("<img src=x onerror=alert(1)>", ""),
            (
                "<a href=\"javascript:alert(1)\">x</a>",
                "<a rel=\"nofollow noopener noreferrer\">x</a>",
            ),
            (
                "<a href=\"data:text/html,hi\">x</a>",
                "<a rel=\"nofollow noopener noreferrer\">x</a>",
            ),
            ("<iframe src=\"https://e.test\"></iframe>ok", "ok"),
            ("<p style=\"color:red\">x</p>", "<p>x</p>"),
            (
                "<svg><a><set attributeName=href to=javascript:alert(1)></set></a></svg>",
                "",
            ),
            (
                "<math><annotation-xml encoding=\"text/html\"><img src=x onerror=alert(1)></annotation-xml></math>",
                "",
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(clean_html(input), expected, "{input}");
        }
        assert_eq!(
            clean_html("<a href=\"https://e.test/x\" class=\"u-url\">link</a>"),
            "<a href=\"https://e.test/x\" rel=\"nofollow noopener noreferrer\">link</a>"
        );
    }

    #[test]
    fn survives_deep_nesting_and_unclosed_tags() {
        let deep = "<div>".repeat(10_000) + "x";
        assert_eq!(clean_html(&deep), "x");
        assert_eq!(clean_html("<p><b>unclosed"), "<p><b>unclosed</b></p>");
    }

    #[test]
    fn control_characters_do_not_survive() {
        assert_eq!(
            plain_text("Dance&#13;\r\nDTSTART:1970&#1;", 100),
            "Dance\nDTSTART:1970"
        );
        assert_eq!(clean_html("<p>a&#1;b\u{7}</p>"), "<p>ab</p>");
    }

    #[test]
    fn plain_text_drops_markup() {
        assert_eq!(plain_text("<b>Rally</b> &amp; march", 100), "Rally & march");
        assert_eq!(plain_text("abcdef", 3), "abc");
    }
}
