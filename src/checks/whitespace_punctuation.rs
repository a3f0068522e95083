use crate::checks::text::{
    BYTE_HIGHS as HIGH, BYTE_ONES as ONES, ascii_bytes_in, is_code_like, token_at, zero_bytes,
};
use crate::checks::{Check, Finding, Findings, PairView, Rule};
use crate::declare_check;

declare_check! {
    /// ## What it catches
    ///
    /// White space and punctuation slips: a missing space after a sentence mark ("Wort.Nächstes"),
    /// a space before a comma or sentence mark ("Wort ,"), doubled spaces, and a question that
    /// became a statement or the reverse (the source ends with "?", the German does not, or the
    /// other way round). White space at the start or end of the text is flagged when it differs
    /// from the source's (a UI string " items" translated as "Elemente" glues to the number before
    /// it).
    ///
    /// ## Why it matters
    ///
    /// These slips are cheap to fix and easy to miss; a lost question mark changes what the
    /// sentence asks.
    ///
    /// ## Example
    ///
    /// ```text
    /// en: That is good. Then he came.
    /// de: Das ist gut.Dann kam er .
    ///             ^^^^^^^^ suggestion: "gut. Dann"
    /// ```
    ///
    /// The space before the final period (" .") is flagged as well, with "." as suggestion.
    ///
    /// ## How it decides
    ///
    /// The outer white space is compared only for pairs that are whole translation units (XLIFF,
    /// TMX, PO, CSV/TSV: the readers keep the units' outer white space), not for sentences of plain
    /// text, whose paragraphs are trimmed.
    ///
    /// ## Not flagged
    ///
    /// Version numbers and decimals ("v2.0", "3.5", "1.000"), URLs, e-mail addresses and file
    /// names, abbreviations without spaces ("z.B.", "u.a."), a space before an ellipsis or a dash,
    /// ". ." (that is doubled punctuation, MT005).
    pub struct WhitespacePunctuation {
        code: "MT016",
        name: "whitespace-punctuation",
        severity: Info,
        summary: "Missing or extra space around punctuation, doubled spaces, ? ↔ . at the end",
    }
}

/// Leading and trailing white space of the target differing from the source's (both sides
/// non-empty; "\r\n" and "\n" count as the same). For a whole translation unit the white
/// space comes from the file ([`PairView::unit_space`]: the pair's texts are trimmed);
/// otherwise from the edges of the pair's texts (callers that pass whole units as text).
fn edge_whitespace(pair: &PairView<'_>, out: &mut Findings<'_>) {
    let (s, t) = (pair.source, pair.target);
    if s.trim().is_empty() || t.trim().is_empty() {
        return;
    }
    // Most unit edges hold no white space or the same: compared without a copy.
    let same = |a: &str, b: &str| {
        a == b
            || ((a.contains('\r') || b.contains('\r'))
                && a.replace("\r\n", "\n") == b.replace("\r\n", "\n"))
    };
    let show = |w: &str| {
        if w.is_empty() {
            "none".to_string()
        } else {
            format!("{w:?}")
        }
    };
    let text_lead = &t[..t.len() - t.trim_start().len()];
    let text_trail = &t[t.trim_end().len()..];
    let ((s_lead, s_trail), (t_lead, t_trail)) = match pair.unit_space {
        Some(u) => (u.source, u.target),
        None => (
            (
                &s[..s.len() - s.trim_start().len()],
                &s[s.trim_end().len()..],
            ),
            (text_lead, text_trail),
        ),
    };
    if !same(s_lead, t_lead) {
        // The white space itself when it is in the text, else the first char.
        let span = if text_lead.is_empty() {
            0..t.chars().next().map_or(0, char::len_utf8)
        } else {
            0..text_lead.len()
        };
        out.push(Finding::target(
            &WhitespacePunctuation::RULE,
            span,
            format!(
                "leading white space differs from the source ({} in the English, {} in the German)",
                show(s_lead),
                show(t_lead)
            ),
        ));
    }
    if !same(s_trail, t_trail) {
        let end = t.trim_end().len();
        let span = if text_trail.is_empty() {
            t[..end].char_indices().next_back().map_or(end, |(i, _)| i)..end
        } else {
            end..t.len()
        };
        out.push(Finding::target(
            &WhitespacePunctuation::RULE,
            span,
            format!(
                "trailing white space differs from the source ({} in the English, {} in the German)",
                show(s_trail),
                show(t_trail)
            ),
        ));
    }
}

fn final_mark(s: &str) -> Option<char> {
    s.trim_end()
        .trim_end_matches(['“', '”', '"', '«', '»', '‘', '’', '\'', ')', ']'])
        .chars()
        .next_back()
}

/// The first offset at or after `from` where [`slips`] may find a slip: a space before a byte
/// in 0x20..=0x3F (among them a space and the marks `, ; . ! ? :`), or a byte in 0x21..=0x3F
/// (among them `. ! ? ; ,`) before an ASCII capital or a byte beyond ASCII (a char that may
/// be upper-case). Most spaces stand before letters and most marks before spaces: seven
/// offsets are looked at at once, in a word of eight bytes that holds the byte after them
/// (bytes past the end count as 0, which starts nothing).
fn next_slip_start(b: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while at < b.len() {
        let w = match b[at..].first_chunk::<8>() {
            Some(eight) => u64::from_le_bytes(*eight),
            None => {
                let mut eight = [0u8; 8];
                eight[..b.len() - at].copy_from_slice(&b[at..]);
                u64::from_le_bytes(eight)
            }
        };
        let space = zero_bytes(w ^ (0x20 * ONES));
        let low = zero_bytes((w & (0xE0 * ONES)) ^ (0x20 * ONES));
        // ASCII capitals: 'A'..='Z' among the low seven bits, in bytes below 0x80
        let capital = ascii_bytes_in(w & !HIGH, b'A', b'Z') & !w;
        let may_be_upper = capital | (w & HIGH);
        let starts = (space & (low >> 8)) | (low & !space & (may_be_upper >> 8));
        // (offsets 0 to 6: the byte after offset 7 is in the next word)
        let starts = starts & (HIGH >> 8);
        if starts != 0 {
            return Some(at + starts.trailing_zeros() as usize / 8);
        }
        at += 7;
    }
    None
}

/// Spacing slips inside `t`: doubled spaces, a space before a mark, no space after one.
/// `PREFILTER` jumps to the offsets where one may start ([`next_slip_start`]; the tests
/// compare it with the scan of every byte).
fn slips<const PREFILTER: bool>(t: &str, out: &mut Findings<'_>) {
    let b = t.as_bytes();
    let trimmed_end = t.trim_end().len();
    let lead = t.len() - t.trim_start().len();
    // Only a space or one of `. ! ? ; ,` starts a slip: the scan visits those bytes (all
    // ASCII, so char boundaries; with `PREFILTER` only those before a byte that may continue
    // a slip) and decodes the chars around them on demand.
    let mut pos = 0;
    while pos < b.len() {
        if PREFILTER {
            match next_slip_start(b, pos) {
                Some(next) => pos = next,
                None => break,
            }
        }
        let c = b[pos];
        if !matches!(c, b' ' | b'.' | b'!' | b'?' | b';' | b',') {
            pos += 1;
            continue;
        }
        let mut before = t[..pos].chars().rev();
        let prev = before.next();
        let mut after = t[pos + 1..].chars();
        let next = after.next();
        // doubled spaces inside the text
        // (not the indentation after a line break, as in XML or wrapped text)
        if c == b' '
            && next == Some(' ')
            && prev.is_some_and(|p| !p.is_whitespace())
            && pos < trimmed_end
        {
            let end = pos + b[pos..].iter().take_while(|&&x| x == b' ').count();
            if end < b.len() && pos > lead {
                out.push(
                    Finding::target(
                        &WhitespacePunctuation::RULE,
                        pos..end,
                        "Several spaces in a row",
                    )
                    .with_suggestion(" "),
                );
            }
            pos = end;
            continue;
        }
        // space before , ; : . ! ?
        if c == b' '
            && let Some(mark) = next.filter(|m| matches!(m, ',' | ';' | '.' | '!' | '?' | ':'))
            && prev.is_some_and(char::is_alphanumeric)
        {
            let after = after.next();
            let ellipsis = mark == '.' && after == Some('.');
            let smiley = matches!(mark, ':' | ';')
                && after.is_some_and(|d| matches!(d, ')' | '(' | '-' | 'D' | 'P'));
            if !ellipsis && !smiley {
                out.push(
                    Finding::target(
                        &WhitespacePunctuation::RULE,
                        pos..pos + 2,
                        format!("Space before '{mark}': German writes no space there"),
                    )
                    .with_suggestion(mark.to_string()),
                );
            }
        }
        // missing space after . ! ? , ; between two words: "Wort.Nächstes"
        if c != b' '
            && prev.is_some_and(char::is_lowercase)
            && before.next().is_some_and(char::is_lowercase)
            && next.is_some_and(char::is_uppercase)
            && after.next().is_some_and(char::is_lowercase)
        {
            let c = char::from(c);
            let tok = &t[token_at(t, pos)];
            if !is_code_like(tok) {
                let start = t[..pos]
                    .char_indices()
                    .rev()
                    .take_while(|&(_, d)| d.is_alphanumeric())
                    .last()
                    .map_or(pos, |(k, _)| k);
                let end = t[pos + 1..]
                    .char_indices()
                    .find(|&(_, d)| !d.is_alphanumeric())
                    .map_or(t.len(), |(k, _)| pos + 1 + k);
                out.push(
                    Finding::target(
                        &WhitespacePunctuation::RULE,
                        start..end,
                        format!("No space after '{c}'"),
                    )
                    .with_suggestion(format!(
                        "{} {}",
                        &t[start..pos + 1],
                        &t[pos + 1..end]
                    )),
                );
            }
        }
        pos += 1;
    }
}

impl Check for WhitespacePunctuation {
    fn rule(&self) -> &'static Rule {
        &Self::RULE
    }

    fn check(&self, pair: &PairView<'_>, out: &mut Findings<'_>) {
        edge_whitespace(pair, out);
        let t = pair.target;
        slips::<true>(t, out);
        // a question in one language, a statement in the other
        if !pair.source.trim().is_empty() {
            let (s, g) = (final_mark(pair.source), final_mark(t));
            if (s == Some('?')) != (g == Some('?'))
                && s.is_some_and(|c| matches!(c, '.' | '?' | '!'))
                && g.is_some_and(|c| matches!(c, '.' | '?' | '!'))
            {
                let end = t.trim_end().len();
                let mark_pos = t[..end]
                    .char_indices()
                    .rev()
                    .find(|&(_, c)| matches!(c, '.' | '?' | '!'))
                    .map(|(k, _)| k);
                if let (Some(k), Some(sc)) = (mark_pos, s) {
                    out.push(
                        Finding::target(
                            &Self::RULE,
                            k..k + 1,
                            format!("The source ends with '{sc}' but the German does not"),
                        )
                        .with_suggestion(sc.to_string()),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::{run, spans};

    #[test]
    fn the_prefilter_drops_no_slip() {
        let random =
            crate::checks::tokens::tests::random_texts(" .!?;,:aZbÄä\u{a0}\n", 37, 30, 40_000);
        let adversarial = [
            "",
            " ",
            "  ",
            " .",
            " ..",
            "a .",
            "a ,",
            "a :)",
            "a  b",
            "a   ",
            "gut.Dann",
            "gut.Ärger",
            "gut!Über",
            "ab.Cd",
            "ab.C",
            "ab.ÄÖ",
            "ab,Éa",
            "x ?",
            "\n  a  b",
        ];
        let mut slipped = 0;
        for t in random.iter().map(String::as_str).chain(adversarial) {
            let (mut fast, mut slow) = (Findings::new(), Findings::new());
            slips::<true>(t, &mut fast);
            slips::<false>(t, &mut slow);
            assert_eq!(fast.as_slice(), slow.as_slice(), "{t:?}");
            slipped += usize::from(!slow.as_slice().is_empty());
        }
        // (many of the texts do hold slips)
        assert!(slipped > 1_000, "{slipped}");
    }

    #[test]
    fn flags_spacing_slips() {
        assert_eq!(
            spans(&WhitespacePunctuation, "", "Das ist gut.Dann kam er."),
            vec!["gut.Dann"]
        );
        assert_eq!(
            spans(&WhitespacePunctuation, "", "Das ist gut , sagte er ."),
            vec![" ,", " ."]
        );
        assert_eq!(
            spans(&WhitespacePunctuation, "", "Das  ist gut."),
            vec!["  "]
        );
        assert_eq!(
            spans(&WhitespacePunctuation, "Is it good?", "Ist es gut."),
            vec!["."]
        );
        assert_eq!(
            spans(&WhitespacePunctuation, "It is good.", "Ist es gut?"),
            vec!["?"]
        );
    }

    #[test]
    fn edge_whitespace_must_match_the_source() {
        let found = run(&WhitespacePunctuation, " items", "Elemente");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "E");
        assert!(found[0].1.contains("leading"), "{}", found[0].1);
        let found = run(&WhitespacePunctuation, "Total: ", "Summe:");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, ":");
        let found = run(&WhitespacePunctuation, "Total:", "Summe:  ");
        assert_eq!(found[0].0, "  ");
        assert!(found[0].1.contains("trailing"), "{}", found[0].1);
        assert!(run(&WhitespacePunctuation, " items ", " Elemente ").is_empty());
        assert!(run(&WhitespacePunctuation, "Line\r\n", "Zeile\n").is_empty());
        assert!(run(&WhitespacePunctuation, " ", "").is_empty());
    }

    #[test]
    fn legal_spacing_is_fine() {
        for t in [
            "Version v2.0 kostet 3.5 Euro, also 1.000 Cent.",
            "Siehe www.example.com/Index.Html oder info@Example.De.",
            "Produkte wie z.B. Bücher u.a. Kopierer.",
            "Und dann … die Welt – und so weiter.",
            "würde zunehmend unwahrscheinlicher. .",
            "Das ist gut :) und so.",
            "Die Preise stiegen im ersten\n            Quartal um 5%.",
        ] {
            assert!(
                run(&WhitespacePunctuation, "", t).is_empty(),
                "{t}: {:?}",
                run(&WhitespacePunctuation, "", t)
            );
        }
        assert!(
            spans(
                &WhitespacePunctuation,
                "Imagine a world!",
                "Stellen Sie sich eine Welt vor."
            )
            .is_empty()
        );
        assert!(spans(&WhitespacePunctuation, "Is it good?", "Ist es gut?“").is_empty());
    }
}
