//! Markdown as organizations write it, turned into the sanitized HTML we publish: rendered
//! with pulldown-cmark, then cleaned by the same allow-list as remote HTML, so raw HTML in the
//! Markdown cannot smuggle anything in.

use crate::federation::sanitize::clean_html;
use pulldown_cmark::{Options, Parser, html};

/// Renders `markdown` to clean HTML.
pub fn markdown_to_html(markdown: &str) -> String {
    let parser = Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH);
    let mut rendered = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut rendered, parser);
    clean_html(&rendered)
}

#[cfg(test)]
mod tests {
    use super::markdown_to_html;
    use crate::federation::sanitize_props::{PIECES, assert_safe};
    use proptest::prelude::*;

    proptest! {
        /// SECURITY.md T31: Markdown written from the pieces of XSS payloads, in any order,
        /// renders to HTML as safe as the cleaner's.
        #[test]
        fn markdown_of_payload_pieces_renders_safely(
            pieces in prop::collection::vec(prop::sample::select(PIECES), 0..60)
        ) {
            assert_safe(&markdown_to_html(&pieces.concat()))?;
        }
    }

    #[test]
    fn renders_and_sanitizes() {
        let html = markdown_to_html(
            "Bring **signs**, see [the map](https://example.org/map).\n\n<script>alert(1)</script><img src=x onerror=alert(1)>",
        );
        assert!(html.contains("<strong>signs</strong>"), "{html}");
        assert!(html.contains("href=\"https://example.org/map\""), "{html}");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
    }
}
