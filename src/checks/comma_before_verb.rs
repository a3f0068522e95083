use crate::checks::text::{target_sentences, with_lower_word};
use crate::checks::tokens::{Token, TokenKind};
use crate::checks::{Check, Finding, Findings, PairView, Rule};
use crate::declare_check;

declare_check! {
    /// ## What it catches
    ///
    /// A comma between a German sentence's subject and its verb: the sentence opens with a noun
    /// phrase ("Mein Vater", "Die wichtigste Botschaft"), then a comma, then the finite verb
    /// ("kam", "war"). German never puts a comma there; in a translation it marks the place
    /// where words were dropped (a relative clause or an apposition of the English whose
    /// closing comma survived).
    ///
    /// ## Why it matters
    ///
    /// The German reads almost fluently, so the loss is easy to miss; but what the English said
    /// about the subject ("who had been in the resistance") is gone.
    ///
    /// ## Example
    ///
    /// ```text
    /// en: My father, who had been in the resistance, came back from Brandenburg prison.
    /// de: Mein Vater, kam aus dem Gefängnis Brandenburg zurück.
    ///               ^
    /// ```
    ///
    /// ## How it decides
    ///
    /// At the start of each German sentence: two to five words with no other punctuation — an
    /// optional "auch/nur/selbst/sogar/gerade", an optional article or possessive, up to two
    /// inflected adjectives and a capitalised noun — then a comma, then a common finite verb
    /// (sein, haben, werden, the modals and about thirty frequent verbs) that is not followed
    /// by a pronoun.
    ///
    /// ## Not flagged
    ///
    /// Fronted clauses and phrases that do take a comma ("Um dies zu vermeiden, müssen wir",
    /// "Bliebe es dabei, würde", "Angeführt von Polen, ist"), a phrase that closes with its own
    /// comma ("Mein Vater, der im Widerstand war, kam"), a parenthesis ("Die Lage, sagte er,
    /// ist ernst"), an address before a question or an imperative ("Herr Müller, ist das
    /// wahr?", "Herr Prokurist, gehen Sie nicht weg"), a single word before the comma
    /// ("Also, …", "Jimmy, …") and "sei es".
    pub struct CommaBeforeVerb {
        code: "MT031",
        name: "comma-before-verb",
        severity: Error,
        summary: "A comma between the subject and its verb (\"Mein Vater, kam …\"): words are missing there",
    }
}

/// Common finite verb forms (present and past, indicative and subjunctive).
const FINITE: &[&str] = &[
    "ist", "sind", "war", "waren", "hat", "haben", "hatte", "hatten", "wird", "werden", "wurde",
    "wurden", "kann", "können", "konnte", "konnten", "muss", "müssen", "musste", "mussten", "soll",
    "sollen", "sollte", "sollten", "will", "wollen", "wollte", "wollten", "darf", "dürfen",
    "durfte", "würde", "würden", "wäre", "wären", "hätte", "hätten", "sei", "seien", "könnte",
    "könnten", "müsste", "müssten", "dürfte", "dürften", "möchte", "möchten", "mag", "gibt", "gab",
    "gäbe", "zeigt", "zeigen", "zeigte", "zeigten", "kam", "kamen", "kommt", "kommen", "geht",
    "gehen", "ging", "gingen", "steht", "stehen", "stand", "standen", "liegt", "liegen", "lag",
    "lagen", "bleibt", "bleiben", "blieb", "blieben", "führt", "führen", "führte", "führten",
    "scheint", "scheinen", "schien", "schienen", "macht", "machen", "machte", "machten", "sieht",
    "sehen", "sah", "sahen", "lässt", "lassen", "ließ", "ließen", "bringt", "bringen", "brachte",
    "brachten", "hält", "halten", "hielt", "hielten", "nimmt", "nehmen", "nahm", "nahmen", "gilt",
    "gelten", "galt",
];

/// Words that may open the subject ("Auch das langjährige Dogma").
const FOCUS: &[&str] = &["auch", "nur", "selbst", "sogar", "gerade"];

/// Articles, possessives and quantifiers that open a noun phrase.
const DETERMINERS: &[&str] = &[
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "einem", "einen",
    "kein", "keine", "mein", "meine", "meinen", "unser", "unsere", "ihr", "ihre", "sein", "seine",
    "dieser", "diese", "dieses", "jeder", "jede", "jedes", "alle", "viele", "einige", "beide",
    "solche",
];

/// Pronouns after the verb that make it a question, an imperative or a parenthesis ("ist
/// das wahr?", "gehen Sie", "sagte er").
const PRONOUNS: &[&str] = &[
    "es", "sie", "er", "wir", "ich", "du", "ihr", "man", "das", "dies", "Sie",
];

fn is_in(list: &[&str], w: &str) -> bool {
    list.contains(&w)
}

fn lower_in(list: &[&str], w: &str) -> bool {
    with_lower_word(w, |lw| list.contains(&lw))
}

/// An inflected adjective: "wichtigste", "langjährige", "Sunnitische", "neuen".
fn inflected(w: &str) -> bool {
    ["e", "en", "er", "es", "em"].iter().any(|e| w.ends_with(e))
}

/// Whether `words` (the words before the comma) form a noun phrase of two to five words.
fn noun_phrase(words: &[Token<'_>]) -> bool {
    if !(2..=5).contains(&words.len()) {
        return false;
    }
    let mut i = 0;
    if lower_in(FOCUS, words[i].text) {
        i += 1;
    }
    if i < words.len() && lower_in(DETERMINERS, words[i].text) {
        i += 1;
    }
    let body = &words[i..];
    let Some((noun, adjectives)) = body.split_last() else {
        return false;
    };
    if adjectives.len() > 2 || !noun.is_capitalised() {
        return false;
    }
    adjectives.iter().enumerate().all(|(k, w)| {
        // Only the sentence's first word may be a capitalised adjective.
        let case_ok = !w.is_capitalised() || (i == 0 && k == 0);
        case_ok && inflected(w.text) && !with_lower_word(w.text, |lw| is_in(FINITE, lw))
    })
}

/// The finding for the sentence whose tokens are `toks`, if its subject and verb are split.
fn judge(toks: &[Token<'_>]) -> Option<(usize, String, String)> {
    let comma = toks.iter().position(|t| t.kind == TokenKind::Punct)?;
    if toks[comma].text != "," {
        return None;
    }
    let head = &toks[..comma];
    if !noun_phrase(head) {
        return None;
    }
    let verb = toks.get(comma + 1).filter(|t| t.is_word())?;
    if !is_in(FINITE, verb.text) {
        return None;
    }
    let next = toks.get(comma + 2)?;
    if !next.is_word() || is_in(PRONOUNS, next.text) {
        return None;
    }
    // A parenthesis closes with a comma right after: "Die Lage, sagte Müller, ist ernst".
    if toks.get(comma + 3).is_some_and(|t| t.text == ",") {
        return None;
    }
    // An address before a question: "Liebe Freunde, ist das nicht schön?"
    if toks.last().is_some_and(|t| t.text == "?") {
        return None;
    }
    let subject = head.iter().map(|t| t.text).collect::<Vec<_>>().join(" ");
    Some((toks[comma].range.start, subject, verb.text.to_string()))
}

impl Check for CommaBeforeVerb {
    fn rule(&self) -> &'static Rule {
        &Self::RULE
    }

    fn check(&self, pair: &PairView<'_>, out: &mut Findings<'_>) {
        if !pair.target.contains(", ") {
            return;
        }
        let toks = pair.analysis.target_tokens();
        // Each sentence of the segmenter (which knows "d. h." and "a. D." are not ends).
        for sentence in target_sentences(pair) {
            let from = toks.partition_point(|t| t.range.start < sentence.start);
            let to = toks.partition_point(|t| t.range.start < sentence.end);
            let sentence = &toks[from..to];
            if sentence.first().is_some_and(Token::is_word)
                && let Some((at, subject, verb)) = judge(sentence)
            {
                out.push(Finding::target(
                    &Self::RULE,
                    at..at + 1,
                    format!(
                        "a comma between the subject '{subject}' and its verb '{verb}': German puts none there, so words are probably missing here (compare with the English)"
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::DocStats;

    fn fires(de: &str) -> Vec<Finding> {
        let stats = DocStats::default();
        let pair = PairView::simple("An English sentence.", de, &stats);
        let mut out = Findings::new();
        CommaBeforeVerb.check(&pair, &mut out);
        out.into_vec()
    }

    #[test]
    fn correct_commas_are_not_flagged() {
        for de in [
            "Um dies zu vermeiden, müssen wir handeln.",
            "Bliebe es auf diesem Niveau, würde die Quote steigen.",
            "Angeführt von Polen, ist die Region ein Standort.",
            "Mein Vater, der im Widerstand war, kam aus dem Gefängnis zurück.",
            "Die Lage, sagte Müller, ist ernst.",
            "Herr Prokurist, gehen Sie nicht weg.",
            "Liebe Freunde, ist das nicht schön?",
            "Also, soll man den Menschen doch ihre Lohnschecks geben.",
            "Die Lösung von Krisen, sei es eine Notsituation oder ein Konflikt, muss politisch sein.",
            "Entsprechend dieser Logik, haben zahlreiche Gruppen protestiert.",
            "Frankreich, Italien und Spanien sind dagegen.",
            "Mein Vater kam aus dem Gefängnis zurück.",
        ] {
            assert!(fires(de).is_empty(), "{de}");
        }
    }

    #[test]
    fn a_comma_between_subject_and_verb_is_flagged_at_the_comma() {
        for (de, subject, verb) in [
            (
                "Mein Vater, kam aus dem Gefängnis Brandenburg zurück.",
                "Mein Vater",
                "kam",
            ),
            (
                "Die Ideologie, ist heute gleichbedeutend mit Fremdenfeindlichkeit.",
                "Die Ideologie",
                "ist",
            ),
            (
                "Vertriebene Frauen, würden zu den Hauptnutznießern gehören.",
                "Vertriebene Frauen",
                "würden",
            ),
            (
                "Auch das langjährige Dogma, wurde durch die Krise in Frage gestellt.",
                "Auch das langjährige Dogma",
                "wurde",
            ),
        ] {
            let f = fires(de);
            assert_eq!(f.len(), 1, "{de}");
            let comma = de.find(',').unwrap_or_default();
            assert_eq!(f[0].span, comma..comma + 1);
            assert!(
                f[0].message.contains(&format!("'{subject}'")),
                "{}",
                f[0].message
            );
            assert!(f[0].message.contains(&format!("'{verb}'")));
        }
    }

    #[test]
    fn every_sentence_of_the_pair_is_checked_from_its_start() {
        let stats = DocStats::default();
        let de = "Das ist klar. Das Experiment, war erfolgreich.";
        let pair = PairView::new(
            "An English sentence.",
            de,
            std::iter::once(0..20).collect(),
            vec![0..13, 14..de.len()],
            &stats,
        );
        let mut out = Findings::new();
        CommaBeforeVerb.check(&pair, &mut out);
        assert_eq!(out.into_vec().len(), 1);
        // An abbreviation inside a sentence does not start one.
        let de = "Vor allem der Emittent, d. h. der Kreditnehmer, kann Kredite planen.";
        assert!(fires(de).is_empty());
    }
}
