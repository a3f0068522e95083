use crate::checks::entities::{compare, may_hold_entity};
use crate::checks::{Check, Finding, Findings, PairView, Rule};
use crate::declare_check;
use crate::model::Severity;

declare_check! {
    /// ## What it catches
    ///
    /// Entities that the translation must carry over unchanged but did not: @handles, #hashtags,
    /// URLs, e-mail addresses, bill and product codes ("A8132", "SHA-256", "COVID-19"),
    /// placeholders ("{name}", "{{x}}", "%s", "%1$s") and inline tags ("<b>…</b>") that are changed
    /// or missing in the German. Person and place names are name-mismatch (MT020).
    ///
    /// ## Why it matters
    ///
    /// A misspelled handle or a changed bill number points the reader to the wrong person or
    /// document; a broken placeholder or tag breaks the software that shows the text.
    ///
    /// ## Example
    ///
    /// ```text
    /// en: Guillaume Verdon, the man behind @BasedBeffJezos
    /// de: Guillaume Verdon, der Mann hinter @BasedBeffJesos
    ///                                       ^^^^^^^^^^^^^^^ suggestion: "@BasedBeffJezos"
    /// ```
    ///
    /// An entity with no counterpart at all is flagged on the source side, as a warning (an
    /// omission annotators often accept) unless it is a placeholder or tag.
    ///
    /// ## Not flagged
    ///
    /// Entities written with other case or hyphenation in German compounds ("COVID-19" ↔
    /// "Covid-19-Pandemie", "SHA-256" ↔ "SHA-256-Hashing-Algorithmus"); "COVID-19" rendered as
    /// "Covid-Pandemie"; short codes whose number survives ("F1" ↔ "Formel 1"); "50 %" (not a
    /// placeholder). A missing hashtag or an added URL is only a warning (hashtags and links
    /// are sometimes localised).
    pub struct EntityMismatch {
        code: "MT010",
        name: "entity-mismatch",
        severity: Error,
        summary: "A handle, hashtag, URL, e-mail, code, placeholder or tag differs or is missing",
    }
}

impl Check for EntityMismatch {
    fn rule(&self) -> &'static Rule {
        &Self::RULE
    }

    fn check(&self, pair: &PairView<'_>, out: &mut Findings<'_>) {
        // Most pairs have no entity on either side, and then nothing to compare: a few byte
        // searches say so without extracting the entities of both sides.
        if !may_hold_entity(pair.source) && !may_hold_entity(pair.target) {
            return;
        }
        for issue in compare(pair.source, pair.target) {
            let mut f = Finding::new(&Self::RULE, issue.side, issue.span, issue.message);
            if let Some(s) = issue.suggestion {
                f = f.with_suggestion(s);
            }
            if issue.warning {
                f = f.with_severity(Severity::Warning);
            }
            out.push(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::PairView;
    use crate::checks::entities::CARRIED_OVER;
    use crate::checks::testing::{run, spans};

    #[test]
    fn flags_changed_handles_and_codes() {
        let found = run(
            &EntityMismatch,
            "Guillaume Verdon, the man behind the pseudonym @BasedBeffJezos, underlines this.",
            "Guillaume Verdon, der Name hinter dem Pseudonym @BasedBeffJesos, Unterstreicht das.",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "@BasedBeffJesos");
        assert_eq!(
            spans(
                &EntityMismatch,
                "New York Assembly Bill A8132",
                "Gesetzentwurf A8123"
            ),
            vec!["A8123"]
        );
        assert_eq!(
            spans(
                &EntityMismatch,
                "Write to info@example.org.",
                "Schreiben Sie an info@example.com."
            ),
            vec!["info@example.com"]
        );
    }

    #[test]
    fn flags_another_code_of_the_same_name() {
        assert_eq!(
            spans(
                &EntityMismatch,
                "the SHA-256 algorithm",
                "der SHA-512-Algorithmus"
            ),
            vec!["SHA-512"]
        );
    }

    #[test]
    fn missing_entities_are_warnings_but_placeholders_errors() {
        let d = crate::checks::DocStats::default();
        let sev = |s: &str, t: &str| {
            let mut out = Findings::new();
            EntityMismatch.check(&PairView::simple(s, t, &d), &mut out);
            out.iter().map(|f| f.severity()).collect::<Vec<_>>()
        };
        assert_eq!(
            sev("the URL-0 forecast", "die Vorhersage von Wetter.com"),
            vec![Severity::Warning]
        );
        assert_eq!(sev("Hello {name}", "Hallo"), vec![Severity::Error]);
        // A changed handle stays an error.
        assert_eq!(
            sev("behind @BasedBeffJezos", "hinter @BasedBeffJesos"),
            vec![Severity::Error]
        );
    }

    #[test]
    fn names_are_not_this_rules_business() {
        for (s, t) in [
            (
                "Not even Elizabeth Warren proposes a ban.",
                "Nicht einmal die Senatorin schlägt ein Verbot vor.",
            ),
            ("said Simpson on Monday.", "sagte Simpsen am Montag."),
            ("a podcast with Lex Fridman", "ein Podcast mit Lex Friedman"),
        ] {
            assert!(spans(&EntityMismatch, s, t).is_empty(), "{s} → {t}");
        }
    }

    #[test]
    fn flags_missing_entities_on_the_source_side() {
        assert_eq!(
            spans(
                &EntityMismatch,
                "See https://example.org/a for more.",
                "Mehr dazu hier."
            ),
            vec!["https://example.org/a"]
        );
        assert_eq!(
            spans(
                &EntityMismatch,
                "Hello {name}, you have %d messages",
                "Hallo, Sie haben Nachrichten"
            ),
            vec!["{name}", "%d"]
        );
        assert_eq!(
            spans(&EntityMismatch, "Click <b>here</b>.", "Klicken Sie hier."),
            vec!["<b>", "</b>"]
        );
    }

    #[test]
    fn printf_numbering_and_order_are_left_to_mt024() {
        for (s, t) in [
            ("%s has %d files", "%1$s hat %2$d Dateien"),
            ("%1$s has %2$d files", "%2$s hat %1$d Dateien"),
            ("%s has %d files", "%d Dateien hat %s"),
        ] {
            assert!(spans(&EntityMismatch, s, t).is_empty(), "{s} → {t}");
        }
        // One dropped is still MT010's.
        assert_eq!(
            spans(&EntityMismatch, "%1$s has %2$d files", "%1$s hat Dateien"),
            vec!["%2$d"]
        );
    }

    #[test]
    fn carried_over_entities_are_fine() {
        for &(s, t) in CARRIED_OVER {
            assert!(spans(&EntityMismatch, s, t).is_empty(), "{s} → {t}");
        }
    }
}
