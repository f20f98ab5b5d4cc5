//! The pages' languages: every string a page shows is a Fluent message in `locales/LANG/`,
//! English and French for now, chosen from the browser's `Accept-Language`.

use fluent_langneg::{NegotiationStrategy, accepted_languages, negotiate_languages};
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid, static_loader};
use std::borrow::Cow;
use std::collections::HashMap;

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // No Unicode isolation marks around arguments: the pages are HTML, not mixed-direction UI.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The languages the pages are written in; the first is the default.
const AVAILABLE: [LanguageIdentifier; 2] = [langid!("en"), langid!("fr")];

/// A count a message takes as its argument, however a template holds it (`n`, `&n`, `&&n`).
pub trait Number {
    fn number(&self) -> i64;
}

impl Number for i64 {
    fn number(&self) -> i64 {
        *self
    }
}

impl<T: Number + ?Sized> Number for &T {
    fn number(&self) -> i64 {
        (**self).number()
    }
}

/// The language of one page, and its messages.
#[derive(Clone, Debug)]
pub struct Tr {
    lang: LanguageIdentifier,
}

impl Default for Tr {
    fn default() -> Self {
        Self {
            lang: AVAILABLE[0].clone(),
        }
    }
}

impl Tr {
    /// The best of our languages for an `Accept-Language` header (English when none fits).
    pub fn negotiate(accept_language: Option<&str>) -> Self {
        let requested = accepted_languages::parse(accept_language.unwrap_or_default());
        let available = AVAILABLE;
        let chosen = negotiate_languages(
            &requested,
            &available,
            Some(&available[0]),
            NegotiationStrategy::Lookup,
        );
        Self {
            lang: chosen
                .first()
                .map_or(available[0].clone(), |l| (*l).clone()),
        }
    }

    /// The language tag, for `<html lang>`.
    pub fn lang(&self) -> String {
        self.lang.to_string()
    }

    /// The message `key`.
    pub fn t(&self, key: &str) -> String {
        LOCALES.lookup(&self.lang, key)
    }

    /// The message `key` with the text argument `name`.
    pub fn ts(&self, key: &str, name: &'static str, value: &str) -> String {
        self.with(key, name, FluentValue::from(value.to_owned()))
    }

    /// The message `key` with the number argument `name` (plural forms follow it).
    pub fn tn(&self, key: &str, name: &'static str, value: i64) -> String {
        self.with(key, name, FluentValue::from(value))
    }

    fn with(&self, key: &str, name: &'static str, value: FluentValue<'static>) -> String {
        let args = HashMap::from([(Cow::Borrowed(name), value)]);
        LOCALES.lookup_with_args(&self.lang, key, &args)
    }
}

#[cfg(test)]
mod tests {
    use super::Tr;
    use std::collections::BTreeSet;
    use std::path::Path;

    fn keys(lang: &str) -> BTreeSet<String> {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("locales/{lang}/pages.ftl"));
        std::fs::read_to_string(path)
            .expect("the catalogue")
            .lines()
            .filter(|line| !line.starts_with(['#', ' ', '.', '[', '*', '}']) && line.contains(" ="))
            .map(|line| {
                line.split(" =")
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .to_owned()
            })
            .collect()
    }

    #[test]
    fn every_message_is_in_every_language() {
        let english = keys("en");
        assert!(english.len() > 50, "{english:?}");
        let french = keys("fr");
        let missing: Vec<_> = english.difference(&french).collect();
        assert!(missing.is_empty(), "missing in French: {missing:?}");
        let extra: Vec<_> = french.difference(&english).collect();
        assert!(extra.is_empty(), "only in French: {extra:?}");
    }

    #[test]
    fn every_message_a_template_asks_for_exists() {
        let english = keys("en");
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let mut asked = BTreeSet::new();
        let mut dirs = vec![root];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).expect("a folder").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                    continue;
                }
                let text = std::fs::read_to_string(&path).expect("a template");
                for call in [".t(\"", ".ts(\"", ".tn(\""] {
                    for (at, _) in text.match_indices(call) {
                        let rest = &text[at + call.len()..];
                        asked.insert(rest[..rest.find('"').unwrap_or(0)].to_owned());
                    }
                }
            }
        }
        let unknown: Vec<_> = asked.difference(&english).collect();
        assert!(
            unknown.is_empty(),
            "templates ask for unknown messages: {unknown:?}"
        );
    }

    #[test]
    fn the_browsers_language_is_chosen_when_we_have_it() {
        assert_eq!(Tr::negotiate(Some("fr-FR,fr;q=0.9,en;q=0.8")).lang(), "fr");
        assert_eq!(Tr::negotiate(Some("de-DE,de;q=0.9")).lang(), "en");
        assert_eq!(Tr::negotiate(None).lang(), "en");
        let french = Tr::negotiate(Some("fr"));
        assert_eq!(french.t("sign-in"), "Se connecter");
        assert_eq!(french.tn("people-going", "count", 2), "2 personnes y vont");
        assert_eq!(Tr::default().tn("places-left", "count", 1), "1 place left");
    }
}
