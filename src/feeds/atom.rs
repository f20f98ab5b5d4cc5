//! What an organization publishes as an Atom feed: one entry per note, event and action, newest
//! first, with the HTML content and a link to its page.

use atom_syndication::{Content, Entry, Feed, FixedDateTime, Link, Text};
use chrono::DateTime;

/// One entry: its id (also the link), title, HTML and times (ms).
#[derive(Clone, Debug)]
pub struct AtomItem {
    pub id: String,
    pub title: String,
    pub html: String,
    pub published: i64,
    pub updated: i64,
}

fn time(millis: i64) -> FixedDateTime {
    DateTime::from_timestamp_millis(millis)
        .unwrap_or_default()
        .fixed_offset()
}

fn link(href: &str, rel: &str) -> Link {
    let mut link = Link::default();
    link.set_href(href);
    link.set_rel(rel);
    link
}

/// The feed `id` (its own URL), titled `title`, linking to `page`, with `items` newest first.
pub fn atom_feed(id: &str, title: &str, page: &str, mut items: Vec<AtomItem>) -> String {
    items.sort_by(|a, b| b.published.cmp(&a.published).then_with(|| a.id.cmp(&b.id)));
    let mut feed = Feed::default();
    feed.set_id(id);
    feed.set_title(Text::plain(title));
    feed.set_links(vec![link(id, "self"), link(page, "alternate")]);
    feed.set_updated(time(items.iter().map(|i| i.updated).max().unwrap_or(0)));
    let entries: Vec<Entry> = items
        .into_iter()
        .map(|item| {
            let mut entry = Entry::default();
            entry.set_id(item.id.as_str());
            entry.set_title(Text::plain(item.title));
            entry.set_links(vec![link(&item.id, "alternate")]);
            entry.set_published(Some(time(item.published)));
            entry.set_updated(time(item.updated));
            let mut content = Content::default();
            content.set_content_type(Some("html".to_owned()));
            content.set_value(Some(item.html));
            entry.set_content(Some(content));
            entry
        })
        .collect();
    feed.set_entries(entries);
    feed.to_string()
}
