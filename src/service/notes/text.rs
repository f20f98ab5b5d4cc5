//! Turning the plain text a user types into the HTML a note carries: escaped, with paragraphs
//! and line breaks, and nothing else, so it needs no sanitising.

/// Longest note accepted, in characters.
pub const MAX_NOTE_CHARS: usize = 5000;

/// Escapes `text` and wraps blank-line-separated paragraphs in `<p>`, single breaks as `<br>`.
pub fn plain_text_to_html(text: &str) -> String {
    let normalized = text.replace("\r\n", "\n");
    normalized
        .split("\n\n")
        .map(str::trim)
        .filter(|paragraph| !paragraph.is_empty())
        .map(|paragraph| {
            let lines: Vec<String> = paragraph.lines().map(escape).collect();
            format!("<p>{}</p>", lines.join("<br>"))
        })
        .collect()
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::plain_text_to_html;

    #[test]
    fn escapes_and_keeps_paragraphs() {
        assert_eq!(
            plain_text_to_html("Rally at 6pm!\nBring <signs> & friends\n\n\nSee you"),
            "<p>Rally at 6pm!<br>Bring &lt;signs&gt; &amp; friends</p><p>See you</p>"
        );
        assert_eq!(
            plain_text_to_html("<script>alert(1)</script>"),
            "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
        );
    }
}
