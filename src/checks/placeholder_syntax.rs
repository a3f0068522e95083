use std::collections::HashMap;
use std::ops::Range;

use crate::checks::entities::{self, Kind};
use crate::checks::l10n::{self, Syntax, Token};
use crate::checks::{Check, Finding, Findings, PairView, Rule};
use crate::declare_check;
use crate::model::{Severity, Side};

declare_check! {
    /// ## What it catches
    ///
    /// Placeholders and markup of software strings that the German breaks, per syntax:
    /// printf arguments that change type or order (`%s … %d` → `%d … %s`; `%1$s` may move,
    /// `%s` may not), `%@`, `%ld`, `%%` and a lone `%` in a printf string; an ICU message
    /// (`{count, plural, one {…} other {…}}`, `select`) that no longer parses (a broken brace,
    /// with its position), lost its plural or select argument, a case German needs (`one`,
    /// `other`) or a select key; Ruby `%{name}` that lost its `%`; i18next `$t(key)` with a
    /// changed key; inline tags closed in the wrong order or nested wrongly, tag pairs in
    /// another order, and Android `<xliff:g>` whose protected content was translated.
    ///
    /// ## Why it matters
    ///
    /// The app fills these strings in at run time: a swapped `%s`/`%d` crashes it or prints
    /// garbage, a broken ICU brace makes the whole message fail to load, a missing `one` case
    /// prints "1 Dateien", a translated `$t(key)` shows the raw key to users.
    ///
    /// ## Example
    ///
    /// ```text
    /// en: {count, plural, one {# file} other {# files}}
    /// de: {count, plural, one {# Datei} other {# Dateien}
    ///     ^ suggestion: "}"
    /// ```
    ///
    /// ## How it decides
    ///
    /// Each syntax is compared only when the English uses it. Printf arguments are numbered
    /// (`%s %d` are arguments 1 and 2) and each number must keep its type. The ICU message is
    /// parsed on both sides; a plural needs `other`, and `one` when the English has it.
    /// A placeholder or tag that entity-mismatch (MT010) already compares (`{name}`, `{{x}}`,
    /// `%s`, `%(x)s`, `<b>`) is reported missing or added by MT010 only: this rule reports
    /// what MT010 does not see (syntax, order, nesting, plural cases, `%@`, `%ld`, `%%`,
    /// `%{name}`, `$t()`, `<xliff:g>`). printf arguments: when the German has as many as the
    /// English, MT010 leaves them to this rule (types, numbering, order); one dropped or
    /// added is MT010's. Tag order and `%%` are warnings, the rest errors.
    ///
    /// ## Not flagged
    ///
    /// Numbered arguments that move (`%1$s … %2$s` → `%2$s … %1$s`), unnumbered arguments
    /// numbered in German (`%s %d` → `%2$d … %1$s`), German percent signs where the English
    /// has no printf arguments ("50 %", "50%ige"), ICU case texts, extra exact cases (`=0`),
    /// apostrophes in German words ("geht's").
    pub struct PlaceholderSyntax {
        code: "MT024",
        name: "placeholder-syntax",
        severity: Error,
        summary: "A printf, ICU, Ruby, i18next placeholder or inline tag is broken, reordered or lost its plural case",
    }
}

/// Whether MT010 compares the placeholder or tag at `span` of `text` (then it reports a
/// missing or added one, not this rule).
fn mt010_sees(ents: &[entities::Ent], span: &Range<usize>) -> bool {
    ents.iter().any(|e| {
        matches!(e.kind, Kind::Placeholder | Kind::Tag) && entities::overlaps(&e.span, span)
    })
}

/// Inside a URL (`%20`), where printf does not apply.
fn in_url(ents: &[entities::Ent], span: &Range<usize>) -> bool {
    ents.iter()
        .any(|e| e.kind == Kind::Url && entities::overlaps(&e.span, span))
}

struct Side2<'a> {
    text: &'a str,
    toks: Vec<Token>,
    ents: Vec<entities::Ent>,
}

impl<'a> Side2<'a> {
    fn new(text: &'a str) -> Self {
        let ents = entities::extract(text);
        let toks = l10n::scan(text)
            .into_iter()
            .filter(|t| !in_url(&ents, &t.span))
            .collect();
        Side2 { text, toks, ents }
    }

    fn of(&self, f: impl Fn(&Token) -> bool) -> Vec<&Token> {
        self.toks.iter().filter(|t| f(t)).collect()
    }
}

fn push(out: &mut Findings<'_>, side: Side, span: Range<usize>, msg: String) {
    out.push(Finding::new(&PlaceholderSyntax::RULE, side, span, msg));
}

fn warn(out: &mut Findings<'_>, side: Side, span: Range<usize>, msg: String) {
    out.push(
        Finding::new(&PlaceholderSyntax::RULE, side, span, msg).with_severity(Severity::Warning),
    );
}

impl Check for PlaceholderSyntax {
    fn rule(&self) -> &'static Rule {
        &Self::RULE
    }

    fn check(&self, pair: &PairView<'_>, out: &mut Findings<'_>) {
        let (s, t) = (pair.source, pair.target);
        // (the four marks are ASCII: `memchr` finds them faster than a search for chars)
        let b = s.as_bytes();
        let marked =
            memchr::memchr3(b'%', b'{', b'<', b).is_some() || memchr::memchr(b'$', b).is_some();
        if t.trim().is_empty() || !marked {
            return;
        }
        let src = Side2::new(s);
        let tgt = Side2::new(t);
        printf(&src, &tgt, out);
        named(&src, &tgt, out);
        tags(&src, &tgt, out);
        braces(s, t, out);
    }
}

/// Printf: each argument number keeps its type; `%%` and a lone `%`.
fn printf(src: &Side2<'_>, tgt: &Side2<'_>, out: &mut Findings<'_>) {
    let sp = src.of(|t| t.syntax == Syntax::Printf);
    let s_pct = src.of(|t| t.syntax == Syntax::Percent);
    if sp.is_empty() && s_pct.is_empty() {
        return;
    }
    let tp = tgt.of(|t| t.syntax == Syntax::Printf);
    let t_pct = tgt.of(|t| t.syntax == Syntax::Percent);
    // A lone '%' in the German: printf reads it as the start of an argument (unless the
    // English has one too: then the string is no strict printf string).
    let lone = |side: &Side2<'_>| -> Vec<usize> {
        side.text
            .match_indices('%')
            .map(|(i, _)| i)
            .filter(|&i| {
                !side.toks.iter().any(|t| t.span.contains(&i)) && !in_url(&side.ents, &(i..i + 1))
            })
            .collect()
    };
    for i in if lone(src).is_empty() {
        lone(tgt)
    } else {
        Vec::new()
    } {
        {
            push(
                out,
                Side::Target,
                i..i + 1,
                "a single '%' in a string with printf arguments starts an argument; write '%%' for a percent sign".into(),
            );
        }
    }
    if t_pct.len() < s_pct.len() && !s_pct.is_empty() {
        warn(
            out,
            Side::Source,
            s_pct[0].span.clone(),
            format!(
                "the English has {} '%%' (a percent sign), the German {}",
                s_pct.len(),
                t_pct.len()
            ),
        );
    }
    // Argument number → type.
    let numbered = |v: &[&Token]| -> Vec<(u32, String)> {
        let mut k = 0;
        v.iter()
            .map(|t| {
                k += 1;
                (t.index.unwrap_or(k), t.name.clone())
            })
            .collect()
    };
    let sn = numbered(&sp);
    let tn = numbered(&tp);
    if sn.len() != tn.len() {
        // Arguments missing or added, when MT010 does not see them (by their text).
        let mut left: Vec<Option<&Token>> = tp.iter().copied().map(Some).collect();
        for x in &sp {
            let text = &src.text[x.span.clone()];
            match left
                .iter_mut()
                .find(|y| y.is_some_and(|y| &tgt.text[y.span.clone()] == text))
            {
                Some(slot) => *slot = None,
                None if !mt010_sees(&src.ents, &x.span) => push(
                    out,
                    Side::Source,
                    x.span.clone(),
                    format!("the argument '{text}' is missing from the German"),
                ),
                None => {}
            }
        }
        for y in left.into_iter().flatten() {
            if !mt010_sees(&tgt.ents, &y.span) {
                push(
                    out,
                    Side::Target,
                    y.span.clone(),
                    format!(
                        "the argument '{}' is not in the English",
                        &tgt.text[y.span.clone()]
                    ),
                );
            }
        }
        return;
    }
    let smap: HashMap<u32, &str> = sn.iter().map(|(k, n)| (*k, n.as_str())).collect();
    let mut tmap: HashMap<u32, &str> = HashMap::new();
    for (k, n) in &tn {
        tmap.insert(*k, n.as_str());
    }
    let mut reported_type = false;
    for (j, (k, n)) in tn.iter().enumerate() {
        if let Some(&want) = smap.get(k)
            && want != n
        {
            let t = tp[j];
            let unnumbered = t.index.is_none();
            let msg = if unnumbered && sp.iter().all(|x| x.index.is_none()) {
                format!(
                    "Argument order: '{}' is argument {k}, which is '%{want}' in the English: unnumbered arguments must stay in the English order (number them, e.g. '%{k}${want}', to move them)",
                    &tgt.text[t.span.clone()]
                )
            } else {
                format!(
                    "Arguments swapped? '{}' takes argument {k} as '%{n}', but argument {k} is '%{want}' in the English",
                    &tgt.text[t.span.clone()]
                )
            };
            push(out, Side::Target, t.span.clone(), msg);
            reported_type = true;
        }
    }
    if reported_type {
        return;
    }
    // As many arguments on both sides (MT010 leaves them to this rule), but the German
    // refers to an argument number the English does not have: renumbered or swapped.
    let have: Vec<String> = sn.iter().map(|(k, n)| format!("%{k}${n}")).collect();
    for (j, (k, _)) in tn.iter().enumerate() {
        if !smap.contains_key(k) {
            push(
                out,
                Side::Target,
                tp[j].span.clone(),
                format!(
                    "Argument number: '{}' refers to argument {k}, which the English does not have here ({})",
                    &tgt.text[tp[j].span.clone()],
                    have.join(", ")
                ),
            );
        }
    }
}

/// Ruby `%{name}` and i18next `$t(key)`.
fn named(src: &Side2<'_>, tgt: &Side2<'_>, out: &mut Findings<'_>) {
    for syntax in [Syntax::Ruby, Syntax::Nesting] {
        let s = src.of(|t| t.syntax == syntax);
        if s.is_empty() {
            continue;
        }
        let mut t: Vec<Option<&Token>> = tgt
            .of(|t| t.syntax == syntax)
            .into_iter()
            .map(Some)
            .collect();
        let mut missing = Vec::new();
        for x in &s {
            match t.iter_mut().find(|y| y.is_some_and(|y| y.name == x.name)) {
                Some(slot) => *slot = None,
                None => missing.push(*x),
            }
        }
        let mut added: Vec<&Token> = t.into_iter().flatten().collect();
        for x in missing {
            if syntax == Syntax::Ruby {
                // `%{name}` → `{name}`: MT010 sees `{name}` in both and stays silent.
                let bare = format!("{{{}}}", x.name);
                if let Some(i) = tgt.text.find(&bare) {
                    push(
                        out,
                        Side::Target,
                        i..i + bare.len(),
                        format!("Ruby placeholder without '%': '{bare}'; Ruby needs '%{bare}'"),
                    );
                    continue;
                }
                // Otherwise MT010 reports `{name}` missing or changed.
                if mt010_sees(&src.ents, &x.span) {
                    continue;
                }
            }
            let src_text = &src.text[x.span.clone()];
            if let Some(k) = (!added.is_empty()).then_some(0) {
                let y = added.remove(k);
                push(
                    out,
                    Side::Target,
                    y.span.clone(),
                    format!(
                        "Translated placeholder: '{}' should be '{src_text}'; keys and names of placeholders are not translated",
                        &tgt.text[y.span.clone()]
                    ),
                );
                continue;
            }
            push(
                out,
                Side::Source,
                x.span.clone(),
                format!("the placeholder '{src_text}' is missing from the German"),
            );
        }
        for y in added {
            if syntax == Syntax::Ruby && mt010_sees(&tgt.ents, &y.span) {
                continue;
            }
            push(
                out,
                Side::Target,
                y.span.clone(),
                format!(
                    "the placeholder '{}' is not in the English",
                    &tgt.text[y.span.clone()]
                ),
            );
        }
    }
}

fn is_tag(t: &Token) -> bool {
    matches!(
        t.syntax,
        Syntax::TagOpen | Syntax::TagClose | Syntax::TagSelf
    )
}

/// Where the tags of `toks` do not nest: a closing tag that closes nothing or another tag
/// than the last one opened, or an opening tag never closed.
fn bad_nesting<'t>(toks: &[&'t Token]) -> Option<(&'t Token, String)> {
    let mut stack: Vec<&Token> = Vec::new();
    for &t in toks {
        match t.syntax {
            Syntax::TagOpen => stack.push(t),
            Syntax::TagClose => match stack.pop() {
                Some(o) if o.name == t.name => {}
                Some(o) => {
                    return Some((
                        t,
                        format!(
                            "</{}> closes <{}>, which is still open: tags must nest",
                            t.name, o.name
                        ),
                    ));
                }
                None => {
                    return Some((
                        t,
                        format!("</{}> closes a tag that was never opened", t.name),
                    ));
                }
            },
            _ => {}
        }
    }
    stack
        .pop()
        .map(|o| (o, format!("<{}> is never closed", o.name)))
}

/// Tags: nesting, order, `<xliff:g>` content, and the tags MT010 does not see.
fn tags(src: &Side2<'_>, tgt: &Side2<'_>, out: &mut Findings<'_>) {
    let st = src.of(is_tag);
    if st.is_empty() {
        return;
    }
    let tt = tgt.of(is_tag);
    let key = |t: &Token| (t.syntax as u8, t.name.clone(), t.id.clone());
    if bad_nesting(&st).is_none()
        && let Some((t, msg)) = bad_nesting(&tt)
    {
        push(out, Side::Target, t.span.clone(), msg);
        return;
    }
    // Tags MT010 does not see (namespaced ones such as <xliff:g>): missing or added.
    let mut left: Vec<Option<&Token>> = tt.iter().copied().map(Some).collect();
    let mut missing: Vec<&Token> = Vec::new();
    for x in &st {
        match left
            .iter_mut()
            .find(|y| y.is_some_and(|y| key(y) == key(x)))
        {
            Some(slot) => *slot = None,
            None => missing.push(x),
        }
    }
    let added: Vec<&Token> = left.into_iter().flatten().collect();
    let all_found = missing.is_empty() && added.is_empty();
    tags_one_side(
        src,
        &missing,
        Side::Source,
        "is missing from the German",
        out,
    );
    tags_one_side(tgt, &added, Side::Target, "is not in the English", out);
    if !all_found {
        return;
    }
    // Same tags, another order of the opening tags.
    let order = |v: &[&Token]| -> Vec<(u8, String, Option<String>)> {
        v.iter()
            .filter(|t| t.syntax != Syntax::TagClose)
            .map(|t| key(t))
            .collect()
    };
    let (so, to) = (order(&st), order(&tt));
    if so != to
        && let Some(j) = (0..to.len()).find(|&j| so.get(j) != to.get(j))
    {
        let t = tt
            .iter()
            .filter(|t| t.syntax != Syntax::TagClose)
            .nth(j)
            .copied();
        if let Some(t) = t {
            warn(
                out,
                Side::Target,
                t.span.clone(),
                format!(
                    "the tags come in another order than in the English; check that '{}' marks the right words",
                    &tgt.text[t.span.clone()]
                ),
            );
        }
    }
    // <xliff:g>: its content is code or a placeholder and stays as it is.
    let inner = |side: &Side2<'_>, v: &[&Token]| -> Vec<(Option<String>, Range<usize>)> {
        let mut r = Vec::new();
        for (k, o) in v.iter().enumerate() {
            if o.syntax == Syntax::TagOpen
                && o.name == "xliff:g"
                && let Some(c) = v[k + 1..]
                    .iter()
                    .find(|c| c.syntax == Syntax::TagClose && c.name == "xliff:g")
            {
                let _ = side;
                r.push((o.id.clone(), o.span.end..c.span.start));
            }
        }
        r
    };
    let si = inner(src, &st);
    let ti = inner(tgt, &tt);
    for (j, (id, r)) in ti.iter().enumerate() {
        let want = si
            .iter()
            .find(|(sid, _)| id.is_some() && sid == id)
            .or_else(|| si.get(j));
        if let Some((_, sr)) = want {
            let (a, b) = (&src.text[sr.clone()], &tgt.text[r.clone()]);
            if a.trim() != b.trim() && !b.trim().is_empty() {
                push(
                    out,
                    Side::Target,
                    r.clone(),
                    format!("the text inside <xliff:g> is protected and must stay '{a}'"),
                );
            } else if a.trim() != b.trim() {
                push(
                    out,
                    Side::Target,
                    r.start..r.start,
                    format!("the <xliff:g> is empty; it must hold '{a}'"),
                );
            }
        }
    }
}

/// Report tags of `side` without a counterpart (`what`: "is missing from the German"): an
/// `<xliff:g>` whose opening and closing tags both lack one is one finding on the whole
/// element (with the placeholder it holds: MT010 leaves those to this rule, see
/// `entities::xliff_g_spans`); tags MT010 sees are its own.
fn tags_one_side(side: &Side2<'_>, lone: &[&Token], at: Side, what: &str, out: &mut Findings<'_>) {
    let elements = crate::checks::entities::xliff_g_spans(side.text);
    let whole = |t: &Token| {
        elements.iter().find(|r| {
            t.name == "xliff:g"
                && (r.start == t.span.start || r.end == t.span.end)
                && lone
                    .iter()
                    .any(|o| o.syntax == Syntax::TagOpen && o.span.start == r.start)
                && lone
                    .iter()
                    .any(|c| c.syntax == Syntax::TagClose && c.span.end == r.end)
        })
    };
    for t in lone {
        if let Some(r) = whole(t) {
            // Once, at the opening tag.
            if t.syntax == Syntax::TagOpen {
                push(
                    out,
                    at,
                    r.clone(),
                    format!("'{}' {what}", &side.text[r.clone()]),
                );
            }
            continue;
        }
        if !mt010_sees(&side.ents, &t.span) {
            push(
                out,
                at,
                t.span.clone(),
                format!("the tag '{}' {what}", &side.text[t.span.clone()]),
            );
        }
    }
}

/// ICU structure, or brace balance for the other brace syntaxes.
fn braces(s: &str, t: &str, out: &mut Findings<'_>) {
    if !s.contains('{') && !t.contains('{') && !t.contains('}') {
        return;
    }
    if l10n::is_icu(s)
        && let Ok(si) = l10n::parse_icu(s)
    {
        match l10n::parse_icu(t) {
            Err(e) => {
                let end = t[e.at..]
                    .chars()
                    .next()
                    .map_or(e.at, |c| e.at + c.len_utf8());
                push(
                    out,
                    Side::Target,
                    e.at..end,
                    format!("the ICU message is broken: {}", e.message),
                );
            }
            Ok(ti) => icu_cases(s, t, &si, &ti, out),
        }
        return;
    }
    if l10n::brace_problem(s).is_none()
        && s.contains('{')
        && let Some((at, msg)) = l10n::brace_problem(t)
    {
        push(
            out,
            Side::Target,
            at..at + 1,
            format!("the braces do not balance: {msg}"),
        );
    }
}

fn icu_cases(s: &str, t: &str, si: &l10n::Icu, ti: &l10n::Icu, out: &mut Findings<'_>) {
    let mut used = vec![false; ti.choices.len()];
    for c in &si.choices {
        let found = ti
            .choices
            .iter()
            .enumerate()
            .find(|(k, d)| !used[*k] && d.name == c.name && d.kind == c.kind)
            .map(|(k, _)| k);
        let Some(k) = found else {
            // Renamed: the same kind of argument under another name.
            if let Some((k, d)) = ti
                .choices
                .iter()
                .enumerate()
                .find(|(k, d)| !used[*k] && d.kind == c.kind)
            {
                used[k] = true;
                push(
                    out,
                    Side::Target,
                    d.name_span.clone(),
                    format!(
                        "the {} argument '{}' should be '{}': argument names are not translated",
                        c.kind, d.name, c.name
                    ),
                );
            } else {
                push(
                    out,
                    Side::Source,
                    c.span.clone(),
                    format!(
                        "the {} of '{}' is missing from the German: {}",
                        c.kind,
                        c.name,
                        &s[c.span.clone()]
                    ),
                );
            }
            continue;
        };
        used[k] = true;
        let d = &ti.choices[k];
        let has = |sel: &str| d.cases.iter().any(|(x, _)| x == sel);
        let mut needed: Vec<&str> = Vec::new();
        if c.kind == "select" {
            needed.extend(c.cases.iter().map(|(x, _)| x.as_str()));
        } else {
            needed.push("other");
            if c.kind == "plural" && c.cases.iter().any(|(x, _)| x == "one") {
                needed.push("one");
            }
        }
        for sel in needed {
            if !has(sel) {
                let what = if c.kind == "select" {
                    format!(
                        "the case '{sel}' of '{}' is missing from the German (select keys stay in English)",
                        c.name
                    )
                } else {
                    format!(
                        "the plural of '{}' has no '{sel}' case; German needs 'one' and 'other'",
                        c.name
                    )
                };
                push(out, Side::Target, d.name_span.clone(), what);
            }
        }
        if c.kind == "plural" {
            for (sel, r) in &d.cases {
                if l10n::PLURAL_CATEGORIES.contains(&sel.as_str())
                    && !l10n::GERMAN_PLURALS.contains(&sel.as_str())
                {
                    warn(
                        out,
                        Side::Target,
                        r.clone(),
                        format!("German has no plural case '{sel}'; it is never used"),
                    );
                }
            }
            // The number itself dropped from the 'other' case.
            let s_other = c.cases.iter().position(|(x, _)| x == "other");
            let t_other = d.cases.iter().position(|(x, _)| x == "other");
            if let (Some(a), Some(b)) = (s_other, t_other)
                && c.hash[a]
                && !d.hash[b]
                && !t.contains(&format!("{{{}}}", c.name))
            {
                warn(
                    out,
                    Side::Target,
                    d.cases[b].1.clone(),
                    "the 'other' case of the German has no '#' (the number)".into(),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::entities::CARRIED_OVER;
    use crate::checks::testing::{run, spans, with_severity};
    use crate::model::Severity;

    #[test]
    fn correct_l10n_strings_are_fine() {
        for (s, t) in [
            (
                "Hello %s, you have %d messages",
                "Hallo %s, Sie haben %d Nachrichten",
            ),
            (
                "%1$s sent %2$s a file",
                "%2$s hat von %1$s eine Datei bekommen",
            ),
            ("%s of %d files", "%2$d Dateien, davon %1$s"),
            ("Saved %@ at %@", "%@ um %@ gespeichert"),
            ("100%% done: %ld items", "100 %% fertig: %ld Einträge"),
            (
                "{count, plural, one {# file} other {# files}}",
                "{count, plural, one {# Datei} other {# Dateien}}",
            ),
            (
                "{count, plural, =0 {No files} one {One file} other {# files}}",
                "{count, plural, one {Eine Datei} other {# Dateien}}",
            ),
            (
                "{gender, select, male {He} female {She} other {They}} replied",
                "{gender, select, male {Er} female {Sie} other {Sie}} hat geantwortet, geht's?",
            ),
            ("Hello %{name}", "Hallo %{name}"),
            ("See $t(common.help)", "Siehe $t(common.help)"),
            (
                "Click <b>here</b> or <i>there</i>",
                "Klicken Sie <b>hier</b> oder <i>dort</i>",
            ),
            (
                "Hi <xliff:g id=\"name\" example=\"Bob\">%1$s</xliff:g>!",
                "Hallo <xliff:g id=\"name\" example=\"Bob\">%1$s</xliff:g>!",
            ),
            ("50% of people", "50 % der Menschen"),
            ("a 50% solution", "eine 50%ige Lösung"),
            ("Hello {name}", "Hallo {name}"),
            (
                "Open https://x.org/a%20b now",
                "Öffnen Sie https://x.org/a%20b jetzt",
            ),
        ] {
            assert!(
                spans(&PlaceholderSyntax, s, t).is_empty(),
                "{s} → {t}: {:?}",
                run(&PlaceholderSyntax, s, t)
            );
        }
        for &(s, t) in CARRIED_OVER {
            assert!(spans(&PlaceholderSyntax, s, t).is_empty(), "{s} → {t}");
        }
    }

    #[test]
    fn printf_order_and_types() {
        assert_eq!(
            spans(&PlaceholderSyntax, "%s has %d files", "%d Dateien hat %s"),
            ["%d", "%s"]
        );
        assert_eq!(
            spans(
                &PlaceholderSyntax,
                "%1$s has %2$d files",
                "%2$s hat %1$d Dateien"
            ),
            ["%2$s", "%1$d"]
        );
        assert_eq!(spans(&PlaceholderSyntax, "Saved %@", "Gespeichert"), ["%@"]);
        // One argument per sentence: the German refers to another number.
        assert_eq!(
            spans(&PlaceholderSyntax, "%1$s: it works.", "%2$s: es geht."),
            ["%2$s"]
        );
        assert_eq!(
            spans(&PlaceholderSyntax, "%d%% done", "%d % fertig"),
            ["%", "%%"]
        );
    }

    #[test]
    fn what_mt010_reports_is_left_to_it() {
        assert!(spans(&PlaceholderSyntax, "Hello %s, %d new", "Hallo, %d neu").is_empty());
        assert!(spans(&PlaceholderSyntax, "Hello {name}", "Hallo").is_empty());
        // A lone % in the English too: no strict printf string.
        assert!(
            spans(
                &PlaceholderSyntax,
                "%s: a 14% rise",
                "%s: ein Anstieg um 14%"
            )
            .is_empty()
        );
        assert!(
            spans(
                &PlaceholderSyntax,
                "Click <b>here</b>.",
                "Klicken Sie hier."
            )
            .is_empty()
        );
    }

    #[test]
    fn icu_braces_and_cases() {
        let found = run(
            &PlaceholderSyntax,
            "{count, plural, one {# file} other {# files}}",
            "{count, plural, one {# Datei} other {# Dateien}",
        );
        assert_eq!(found[0].0, "{", "{found:?}");
        assert!(found[0].1.contains("never closed"));
        assert_eq!(
            spans(
                &PlaceholderSyntax,
                "{count, plural, one {# file} other {# files}}",
                "{count, plural, other {# Dateien}}"
            ),
            ["count"]
        );
        assert_eq!(
            spans(
                &PlaceholderSyntax,
                "{count, plural, one {# file} other {# files}}",
                "{anzahl, plural, one {# Datei} other {# Dateien}}"
            ),
            ["anzahl"]
        );
        assert_eq!(
            spans(
                &PlaceholderSyntax,
                "{g, select, male {He} other {They}} left",
                "{g, select, männlich {Er} other {Sie}} ging"
            ),
            ["g"]
        );
        assert_eq!(
            with_severity(
                &PlaceholderSyntax,
                "{n, plural, one {# file} other {# files}}",
                "{n, plural, one {# Datei} few {# Dateien} other {# Dateien}}"
            ),
            [("few".to_string(), Severity::Warning)]
        );
        assert_eq!(
            spans(&PlaceholderSyntax, "Hello {name}!", "Hallo {name!"),
            ["{"]
        );
    }

    #[test]
    fn ruby_nesting_and_tags() {
        assert_eq!(
            spans(&PlaceholderSyntax, "Hi %{name}", "Hallo {name}"),
            ["{name}"]
        );
        assert_eq!(
            spans(
                &PlaceholderSyntax,
                "See $t(common.help)",
                "Siehe $t(allgemein.hilfe)"
            ),
            ["$t(allgemein.hilfe)"]
        );
        assert_eq!(
            spans(
                &PlaceholderSyntax,
                "<b>bold <i>it</i></b>",
                "<b>fett <i>kursiv</b></i>"
            ),
            ["</b>"]
        );
        assert_eq!(
            with_severity(
                &PlaceholderSyntax,
                "<b>A</b> and <i>B</i>",
                "<i>B</i> und <b>A</b>"
            ),
            [("<i>".to_string(), Severity::Warning)]
        );
        assert_eq!(
            spans(
                &PlaceholderSyntax,
                "Hi <xliff:g id=\"n\">%1$s</xliff:g>",
                "Hallo <xliff:g id=\"n\">Name</xliff:g>"
            ),
            ["Name"]
        );
        assert_eq!(
            spans(
                &PlaceholderSyntax,
                "Hi <xliff:g id=\"app\">Files</xliff:g>",
                "Hallo"
            ),
            ["<xliff:g id=\"app\">Files</xliff:g>"]
        );
    }

    #[test]
    fn a_dropped_xliff_g_element_is_one_finding_and_none_of_mt010() {
        let en = "Album by <xliff:g id=\"owner\">%s</xliff:g>";
        assert_eq!(
            spans(&PlaceholderSyntax, en, "Album von"),
            ["<xliff:g id=\"owner\">%s</xliff:g>"]
        );
        // The placeholder kept without its wrapper: the wrapper is the fault.
        assert_eq!(
            spans(&PlaceholderSyntax, en, "Album von %s"),
            ["<xliff:g id=\"owner\">%s</xliff:g>"]
        );
        for de in [
            "Album von",
            "Album von %s",
            "Album von <xliff:g id=\"owner\">%s</xliff:g>",
        ] {
            assert!(
                crate::checks::entities::compare(en, de).is_empty(),
                "{de}: {:?}",
                crate::checks::entities::compare(en, de)
                    .iter()
                    .map(|i| i.message.clone())
                    .collect::<Vec<_>>()
            );
        }
        // A placeholder outside any <xliff:g> is still MT010's.
        assert_eq!(
            crate::checks::entities::compare("Album by %s", "Album von").len(),
            1
        );
        assert_eq!(
            crate::checks::entities::xliff_g_spans(
                "a <xliff:g id=\"x\">%1$s</xliff:g> b <xliff:gx>"
            ),
            vec![2..32]
        );
    }
}
