use std::path::Path;

use regex::Regex;

use crate::checks::{Check, Finding, Findings, PairView, Rule};
use crate::declare_check;
use crate::error::{MtError, Result};
use crate::model::Side;

declare_check! {
    /// ## What it catches
    ///
    /// Glossary terms translated the wrong way: an English term from the glossary occurs in the
    /// source, but none of its required German terms occurs in the target.
    ///
    /// ## Why it matters
    ///
    /// Products, institutions and domains have fixed terminology; MT picks a synonym ("Behörde" for
    /// "agency" where the client wants "Agentur") and the text becomes inconsistent or wrong.
    ///
    /// ## Example
    ///
    /// With the glossary line `government,Regierung`:
    ///
    /// ```text
    /// en: The government resigned.
    ///         ^^^^^^^^^^ suggestion: "Regierung"
    /// de: Das Kabinett trat zurück.
    /// ```
    ///
    /// "government" must be translated as "Regierung"; the finding points at the English term in
    /// the source (side = source).
    ///
    /// ## How it decides
    ///
    /// Configure a glossary in mtlint.toml (`glossary = "terms.csv"`): a CSV file with the columns
    /// `en,de` (header optional, `#` starts a comment line); several allowed German terms go in one
    /// cell separated by `|`. The check runs only when a glossary is configured.
    ///
    /// The English term is matched as whole words, ignoring case; the German term anywhere in the
    /// target, ignoring case, so inflected forms and compounds count ("Regierung" is found in
    /// "Bundesregierung" and "Regierungen").
    ///
    /// ## Not flagged
    ///
    /// Pairs with an empty target (an omitted sentence is MT007's business), a term whose German
    /// form appears anywhere in the pair's target, an English term that is only part of a word
    /// ("Governmental").
    pub struct TerminologyRule {
        code: "MT019",
        name: "terminology",
        severity: Error,
        summary: "A glossary term in the source whose required German term is missing",
    }
}

/// One glossary entry: an English term and the German terms that may translate it.
#[derive(Debug, Clone)]
pub struct Term {
    pub en: String,
    pub de: Vec<String>,
    pattern: Regex,
    de_lower: Vec<String>,
}

impl Term {
    /// A term; `None` when the English term is empty.
    pub fn new(en: &str, de: Vec<String>) -> Option<Term> {
        let en = en.trim();
        if en.is_empty() || de.is_empty() {
            return None;
        }
        let words: Vec<String> = en.split_whitespace().map(regex::escape).collect();
        let pattern = Regex::new(&format!(r"(?i)\b{}\b", words.join(r"\s+"))).ok()?;
        Some(Term {
            en: en.to_string(),
            de_lower: de.iter().map(|d| d.to_lowercase()).collect(),
            de,
            pattern,
        })
    }
}

/// A glossary: English terms with their required German translations.
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    /// The file it was read from (a run must never write over it).
    pub path: std::path::PathBuf,
    pub terms: Vec<Term>,
}

impl Glossary {
    /// Read a glossary CSV (`en,de`; see the check's documentation).
    pub fn read(path: &Path) -> Result<Glossary> {
        let text = crate::formats::read_text_as(path, crate::formats::Role::Glossary)?;
        Self::parse(path, &text)
    }

    /// Parse a glossary CSV's text; errors name the file and line.
    pub fn parse(path: &Path, text: &str) -> Result<Glossary> {
        let err = |line: u64, message: String| MtError::Format {
            path: path.to_path_buf(),
            message: format!("line {line}: {message}"),
        };
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .comment(Some(b'#'))
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let mut terms = Vec::new();
        for (i, record) in reader.records().enumerate() {
            let record = record.map_err(|e| {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                err(line, format!("invalid CSV: {e}"))
            })?;
            let line = record.position().map(|p| p.line()).unwrap_or(i as u64 + 1);
            if record.iter().all(str::is_empty) {
                continue;
            }
            let en = record.get(0).unwrap_or("");
            let de = record.get(1).unwrap_or("");
            if i == 0 && en.eq_ignore_ascii_case("en") && de.eq_ignore_ascii_case("de") {
                continue;
            }
            if record.len() != 2 || en.is_empty() || de.is_empty() {
                return Err(err(
                    line,
                    "expected two cells, the English term and its German term(s) (`government,Regierung`)".into(),
                ));
            }
            let de: Vec<String> = de
                .split('|')
                .map(|d| d.trim().to_string())
                .filter(|d| !d.is_empty())
                .collect();
            match Term::new(en, de) {
                Some(t) => terms.push(t),
                None => return Err(err(line, format!("cannot use the term '{en}'"))),
            }
        }
        Ok(Glossary {
            path: path.to_path_buf(),
            terms,
        })
    }
}

/// The terminology check, with its glossary (registered only when one is configured).
#[derive(Debug, Clone, Default)]
pub struct Terminology {
    pub glossary: Glossary,
}

impl Terminology {
    pub fn new(glossary: Glossary) -> Self {
        Terminology { glossary }
    }
}

impl Check for Terminology {
    fn rule(&self) -> &'static Rule {
        &TerminologyRule::RULE
    }

    fn check(&self, pair: &PairView<'_>, out: &mut Findings<'_>) {
        if pair.target.trim().is_empty() || pair.source.is_empty() {
            return;
        }
        let target = pair.target.to_lowercase();
        for term in &self.glossary.terms {
            let Some(m) = term.pattern.find(pair.source) else {
                continue;
            };
            if term.de_lower.iter().any(|d| target.contains(d.as_str())) {
                continue;
            }
            let wanted = term
                .de
                .iter()
                .map(|d| format!("'{d}'"))
                .collect::<Vec<_>>()
                .join(" or ");
            out.push(
                Finding::new(
                    &TerminologyRule::RULE,
                    Side::Source,
                    m.range(),
                    format!(
                        "glossary: '{}' must be translated as {wanted}, which is missing from the target",
                        m.as_str()
                    ),
                )
                .with_suggestion(term.de[0].clone()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::run;

    fn check() -> Terminology {
        let g = Glossary::parse(
            Path::new("terms.csv"),
            "en,de\n# comment\ngovernment,Regierung\nlaw enforcement,Strafverfolgung|Polizei\n",
        )
        .unwrap();
        Terminology::new(g)
    }

    #[test]
    fn flags_missing_term() {
        let found = run(
            &check(),
            "The Government resigned.",
            "Das Kabinett trat zurück.",
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "Government");
        assert!(found[0].1.contains("'Regierung'"), "{}", found[0].1);
        let found = run(
            &check(),
            "Ask law   enforcement.",
            "Fragen Sie die Behörden.",
        );
        assert_eq!(found[0].0, "law   enforcement");
    }

    #[test]
    fn inflections_compounds_and_alternatives_are_fine() {
        assert!(
            run(
                &check(),
                "The government resigned.",
                "Die Bundesregierung trat zurück."
            )
            .is_empty()
        );
        assert!(
            run(
                &check(),
                "Two governments met.",
                "Zwei Regierungen trafen sich."
            )
            .is_empty()
        );
        assert!(run(&check(), "Ask law enforcement.", "Fragen Sie die Polizei.").is_empty());
        // Not a whole word in the source.
        assert!(run(&check(), "Governmental issues.", "Staatliche Fragen.").is_empty());
        // Omitted sentence: MT007's business.
        assert!(run(&check(), "The government resigned.", "").is_empty());
    }

    #[test]
    fn bad_glossary_lines_name_the_line() {
        let e = Glossary::parse(Path::new("terms.csv"), "en,de\ngovernment\n").unwrap_err();
        assert!(e.to_string().contains("terms.csv: line 2"), "{e}");
    }
}
