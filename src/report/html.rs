//! The HTML review page: one self-contained file (inline CSS and JavaScript, no external
//! assets) that opens from a `file://` URL. Counts at the top, filters by severity and check,
//! source and target side by side per pair, the spans highlighted with their message on
//! hover.
//!
//! All text from the documents is HTML-escaped: MT output is untrusted, a `<script>` in a
//! target is shown as text. Filters can be preset in the URL fragment, e.g.
//! `report.html#severity=error,warning&check=MT005&clean=0`; changing a filter updates it.
//! The "pairs without findings" filter is shown only when the run listed them (`--all-pairs`).
//!
//! # Decisions
//!
//! Every finding has three buttons — accept, false positive, fixed — and a note field. The
//! decisions are kept in the browser's `localStorage` under `mtlint-decisions:KEY`, KEY being
//! a hash of the report's findings (the same report opened again shows them again), and
//! "Export decisions" saves them as `mtlint-decisions.json`: a JSON baseline (version 3,
//! `"root": "run"`, see [`super::baseline::BaselineFile`]) whose entries carry each
//! decided finding's fingerprint (as JSONL and SARIF have it: the document path relative to
//! the repository root or current folder of the run), status and note. `mtlint check
//! --baseline mtlint-decisions.json` then leaves out the accepted and false-positive
//! findings; `fixed` entries are kept in the file for the record but accept nothing.

use std::fmt::Write as _;
use std::io::Write;

use super::{Report, Row};
use crate::model::Severity;

/// Whether a char is a control char that a page (or an annotation) must not carry raw: C0
/// (U+0000–U+001F) except tab and line feed, DEL (U+007F) and C1 (U+0080–U+009F).
pub fn is_control(c: char) -> bool {
    c.is_control() && c != '\t' && c != '\n'
}

/// Escape text for HTML element content and (double- or single-quoted) attribute values.
/// A control char (see [`is_control`]: ESC, BEL, DEL, C1, …) is shown as the visible text
/// `\u001b` (backslash, `u`, four hex digits), never written raw.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if is_control(c) => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
:root { --err:#c62828; --warn:#b26a00; --info:#1565c0; --line:#ddd; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #222; background: #fafafa; }
header { position: sticky; top: 0; background: #fff; border-bottom: 1px solid var(--line); padding: .6em 1.2em; z-index: 2; }
h1 { font-size: 1.25em; margin: 0 0 .3em; }
h2 { font-size: 1.05em; margin: 1.2em 0 .4em; font-family: ui-monospace, monospace; }
main { padding: 0 1.2em 2em; }
[hidden] { display: none !important; }
.counts span { margin-right: 1em; }
.counts b { font-size: 1.1em; }
.c-error { color: var(--err); } .c-warning { color: var(--warn); } .c-info { color: var(--info); }
#filters { display: flex; flex-wrap: wrap; gap: .4em 1.4em; align-items: center; margin-top: .3em; }
#filters label { white-space: nowrap; cursor: pointer; }
table { border-collapse: collapse; width: 100%; background: #fff; table-layout: fixed; }
th, td { border: 1px solid var(--line); padding: .35em .55em; vertical-align: top; text-align: left; }
th { background: #f0f0f0; font-weight: 600; }
col.where { width: 7.5em; } col.text { width: calc(50% - 3.75em); }
td.where { font-size: .8em; color: #666; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
mark { background: none; color: inherit; border-radius: 2px; padding: 0 1px; cursor: help; }
mark.sev-error { background: #ffd6d6; box-shadow: inset 0 -2px var(--err); }
mark.sev-warning { background: #ffedc2; box-shadow: inset 0 -2px var(--warn); }
mark.sev-info { background: #d9e8fb; box-shadow: inset 0 -2px var(--info); }
mark.gap { font-weight: bold; }
mark.off { background: none; box-shadow: none; }
mark.hot { outline: 2px solid #222; }
ul.findings { list-style: none; margin: .45em 0 0; padding: 0; font-size: .88em; }
ul.findings li { margin: .15em 0; }
.badge { display: inline-block; min-width: 4.2em; text-align: center; border-radius: 3px; color: #fff; font-size: .8em; padding: 0 .3em; margin-right: .3em; }
.badge.sev-error { background: var(--err); } .badge.sev-warning { background: var(--warn); } .badge.sev-info { background: var(--info); }
.unit { font-family: ui-monospace, monospace; overflow-wrap: anywhere; }
.code { font-family: ui-monospace, monospace; }
.suggestion { color: #2e7d32; }
.clean td.text { color: #555; }
.decide { display: inline-flex; gap: .25em; margin-left: .4em; vertical-align: middle; }
.decide button { font: inherit; font-size: .8em; padding: 0 .45em; border: 1px solid #bbb; border-radius: 3px; background: #fff; cursor: pointer; }
.decide button[aria-pressed=true] { background: #333; color: #fff; border-color: #333; }
.decide input.note { font: inherit; font-size: .8em; width: 12em; padding: 0 .3em; border: 1px solid #ccc; border-radius: 3px; }
li.finding[data-status] > .msg { text-decoration: line-through; color: #777; }
li.finding[data-status=fixed] > .msg { text-decoration: none; }
#decisions { margin-left: auto; }
#decisions button { font: inherit; font-size: .9em; }
.empty { color: #999; font-style: italic; }
"#;

const SCRIPT: &str = r#"
(function () {
  var form = document.getElementById('filters');
  var sevBoxes = form.querySelectorAll('input[name=severity]');
  var checkSel = document.getElementById('check');
  var cleanBox = document.getElementById('clean');
  var findings = document.querySelectorAll('li.finding');
  var marks = document.querySelectorAll('mark[data-ids]');
  var pairs = document.querySelectorAll('tr.pair');
  var docs = document.querySelectorAll('section.doc');
  function apply() {
    var sev = {};
    sevBoxes.forEach(function (b) { sev[b.value] = b.checked; });
    var check = checkSel.value;
    var visible = {}, shown = 0;
    findings.forEach(function (f) {
      var on = !!sev[f.dataset.severity] && (!check || f.dataset.code === check);
      f.hidden = !on;
      if (on) { visible[f.dataset.id] = true; shown++; }
    });
    marks.forEach(function (m) {
      var on = m.dataset.ids.split(' ').some(function (id) { return visible[id]; });
      m.classList.toggle('off', !on);
    });
    pairs.forEach(function (p) {
      var fs = p.querySelectorAll('li.finding');
      if (fs.length === 0) { p.hidden = !cleanBox.checked || !!check; return; }
      var any = false;
      fs.forEach(function (f) { if (!f.hidden) { any = true; } });
      p.hidden = !any;
    });
    docs.forEach(function (d) {
      d.hidden = !d.querySelector('tr.pair:not([hidden])');
    });
    document.getElementById('shown').textContent = String(shown);
  }
  function toHash() {
    var sev = [];
    sevBoxes.forEach(function (b) { if (b.checked) { sev.push(b.value); } });
    var parts = ['severity=' + sev.join(',')];
    if (checkSel.value) { parts.push('check=' + encodeURIComponent(checkSel.value)); }
    if (!cleanBox.checked) { parts.push('clean=0'); }
    history.replaceState(null, '', '#' + parts.join('&'));
  }
  function fromHash() {
    var h = location.hash.replace(/^#/, '');
    var params = {};
    h.split('&').forEach(function (kv) {
      var i = kv.indexOf('=');
      if (i > 0) { params[kv.slice(0, i)] = decodeURIComponent(kv.slice(i + 1)); }
    });
    if ('severity' in params) {
      var want = params.severity.toLowerCase().split(',');
      sevBoxes.forEach(function (b) { b.checked = want.indexOf(b.value) >= 0; });
    }
    if ('check' in params) {
      var c = params.check.toUpperCase();
      var ok = Array.prototype.some.call(checkSel.options, function (o) { return o.value === c; });
      checkSel.value = ok ? c : '';
    }
    if ('clean' in params) { cleanBox.checked = params.clean !== '0'; }
  }
  form.addEventListener('change', function () { apply(); toHash(); });
  window.addEventListener('hashchange', function () { fromHash(); apply(); });
  findings.forEach(function (f) {
    var hot = function (on) {
      marks.forEach(function (m) {
        if (m.dataset.ids.split(' ').indexOf(f.dataset.id) >= 0) { m.classList.toggle('hot', on); }
      });
    };
    f.addEventListener('mouseenter', function () { hot(true); });
    f.addEventListener('mouseleave', function () { hot(false); });
  });
  // Decisions: accept / false positive / fixed and a note per finding, in localStorage.
  var key = 'mtlint-decisions:' + document.getElementById('report-key').dataset.key;
  var decisions = {};
  try { decisions = JSON.parse(localStorage.getItem(key) || '{}') || {}; } catch (e) { decisions = {}; }
  function save() {
    try { localStorage.setItem(key, JSON.stringify(decisions)); } catch (e) { /* storage off: the export still works */ }
    var n = Object.keys(decisions).filter(function (fp) { return decisions[fp].status; }).length;
    document.getElementById('n-decided').textContent = String(n);
  }
  function show(f) {
    var d = decisions[f.dataset.fp] || {};
    if (d.status) { f.setAttribute('data-status', d.status); } else { f.removeAttribute('data-status'); }
    f.querySelectorAll('.decide button').forEach(function (b) {
      b.setAttribute('aria-pressed', String(b.dataset.status === d.status));
    });
    var note = f.querySelector('input.note');
    if (note && document.activeElement !== note) { note.value = d.note || ''; }
  }
  function showAll() { findings.forEach(show); }
  findings.forEach(function (f) {
    f.querySelectorAll('.decide button').forEach(function (b) {
      b.addEventListener('click', function () {
        var d = decisions[f.dataset.fp] || {};
        d.status = d.status === b.dataset.status ? '' : b.dataset.status;
        if (!d.status && !d.note) { delete decisions[f.dataset.fp]; } else { decisions[f.dataset.fp] = d; }
        save(); showAll();
      });
    });
    var note = f.querySelector('input.note');
    if (note) {
      note.addEventListener('change', function () {
        var d = decisions[f.dataset.fp] || {};
        d.note = note.value;
        if (!d.status && !d.note) { delete decisions[f.dataset.fp]; } else { decisions[f.dataset.fp] = d; }
        save(); showAll();
      });
    }
  });
  document.getElementById('export').addEventListener('click', function () {
    var out = [], seen = {};
    findings.forEach(function (f) {
      var fp = f.dataset.fp, d = decisions[fp];
      if (!d || !(d.status || d.note) || seen[fp]) { return; }
      seen[fp] = true;
      var e = { fingerprint: fp, doc: f.dataset.doc, code: f.dataset.code, check: f.dataset.check,
                span: f.dataset.span, message: f.querySelector('.msg').textContent,
                status: d.status || 'to-do' };
      if (d.note) { e.note = d.note; }
      out.push(e);
    });
    var text = JSON.stringify({ mtlint_baseline: 3, root: 'run', findings: out }, null, 2) + '\n';
    var a = document.createElement('a');
    a.href = 'data:application/json;charset=utf-8,' + encodeURIComponent(text);
    a.download = 'mtlint-decisions.json';
    document.body.appendChild(a);
    a.click();
    a.remove();
  });
  window.addEventListener('storage', function (ev) {
    if (ev.key !== key) { return; }
    try { decisions = JSON.parse(ev.newValue || '{}') || {}; } catch (e) { decisions = {}; }
    save(); showAll();
  });
  showAll();
  save();
  fromHash();
  apply();
  document.body.setAttribute('data-ready', '1');
})();
"#;

/// A finding as the page needs it.
struct Item<'a> {
    id: usize,
    row: &'a Row,
    severity: Severity,
}

/// The text with the findings' spans (char offsets) wrapped in `<mark>`s. Overlapping spans
/// are cut into segments, each marked with all findings covering it; an empty span (an
/// insertion point) becomes a small `⁁` marker. The text is a report cell, possibly an
/// excerpt: the offsets are mapped into it by [`super::span_in_cell`].
fn highlight(text: &str, items: &[&Item<'_>]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let spans: Vec<(usize, usize, &Item<'_>)> = items
        .iter()
        .filter_map(|it| {
            let (s, e) = super::span_in_cell(text, it.row.span_start?, it.row.span_end?);
            let s = s.min(n);
            let e = e.min(n).max(s);
            Some((s, e, *it))
        })
        .collect();
    let mut cuts: Vec<usize> = vec![0, n];
    for (s, e, _) in &spans {
        cuts.push(*s);
        cuts.push(*e);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::new();
    let title_of = |its: &[&Item<'_>]| {
        its.iter()
            .map(|it| format!("{} {}: {}", it.row.code, it.row.check, it.row.message))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let open_mark = |out: &mut String, its: &[&Item<'_>], class: &str| {
        let worst = its
            .iter()
            .map(|it| it.severity)
            .max()
            .unwrap_or(Severity::Info);
        let ids: Vec<String> = its.iter().map(|it| it.id.to_string()).collect();
        let _ = write!(
            out,
            "<mark class=\"sev-{}{class}\" data-ids=\"{}\" title=\"{}\">",
            worst.as_str(),
            ids.join(" "),
            escape(&title_of(its))
        );
    };
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        // Insertion points at `a`.
        let gaps: Vec<&Item<'_>> = spans
            .iter()
            .filter(|(s, e, _)| s == e && *s == a)
            .map(|(_, _, it)| *it)
            .collect();
        if !gaps.is_empty() {
            open_mark(&mut out, &gaps, " gap");
            out.push_str("⁁</mark>");
        }
        if a == b {
            continue;
        }
        let cover: Vec<&Item<'_>> = spans
            .iter()
            .filter(|(s, e, _)| *s <= a && b <= *e && s < e)
            .map(|(_, _, it)| *it)
            .collect();
        let segment: String = chars[a..b].iter().collect();
        if cover.is_empty() {
            out.push_str(&escape(&segment));
        } else {
            open_mark(&mut out, &cover, "");
            out.push_str(&escape(&segment));
            out.push_str("</mark>");
        }
    }
    // An insertion point at the very end.
    let end_gaps: Vec<&Item<'_>> = spans
        .iter()
        .filter(|(s, e, _)| s == e && *s == n)
        .map(|(_, _, it)| *it)
        .collect();
    if !end_gaps.is_empty() {
        open_mark(&mut out, &end_gaps, " gap");
        out.push_str("⁁</mark>");
    }
    if n == 0 && end_gaps.is_empty() {
        out.push_str("<span class=\"empty\">(none)</span>");
    }
    out
}

/// Where a pair is, for the pair's cell: its unit (XLIFF id, PO msgid, key …) and target
/// sentence when the input has units, else its line in the target file.
fn place(row: &Row) -> String {
    if row.unit.is_empty() {
        return format!("line {}", row.target_line);
    }
    let sentence = if row.target_sentences.is_empty() {
        String::new()
    } else {
        format!("<br>sentence {}", escape(&row.target_sentences))
    };
    format!(
        "unit <span class=\"unit\">{}</span>{sentence}",
        escape(&row.unit)
    )
}

/// Where a finding is, in its line of the findings list: its unit when the input has units
/// (what a translator finds in a CAT tool), else its line and column in the target file.
fn finding_place(row: &Row) -> String {
    if row.unit.is_empty() {
        format!("line {}:{}", row.target_line, row.target_column)
    } else {
        format!("unit <span class=\"unit\">{}</span>", escape(&row.unit))
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Write the page, a pair at a time (only one pair's HTML is held in memory).
///
/// The counts are those of all findings, including those left out of the rows (see
/// [`Row::left_out`]); "N of M findings shown" counts the listed findings (a summary row
/// being one) against all of them. A long pair whose rows hold different excerpts gets one
/// table row per excerpt.
pub fn write(out: &mut dyn Write, report: &Report) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    let mut h = String::new();
    let (e, w, i) = (
        report.count(Severity::Error),
        report.count(Severity::Warning),
        report.count(Severity::Info),
    );
    let total = e + w + i;
    let listed = report.findings().count();
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.push_str("<title>mtlint review report</title>\n<style>");
    h.push_str(STYLE);
    h.push_str("</style>\n</head>\n<body>\n<header>\n<h1>mtlint review report</h1>\n");
    let _ = writeln!(
        h,
        "<p class=\"counts\" id=\"counts\"><span><b id=\"n-documents\">{}</b> {}</span>\
         <span><b id=\"n-pairs\">{}</b> sentence {}</span>\
         <span class=\"c-error\"><b id=\"n-error\">{e}</b> {}</span>\
         <span class=\"c-warning\"><b id=\"n-warning\">{w}</b> {}</span>\
         <span class=\"c-info\"><b id=\"n-info\">{i}</b> info</span>\
         <span><b id=\"shown\">{listed}</b> of <b id=\"n-findings\">{total}</b> findings shown</span>{}</p>",
        report.documents,
        if report.documents == 1 {
            "document"
        } else {
            "documents"
        },
        report.pairs,
        if report.pairs == 1 { "pair" } else { "pairs" },
        if e == 1 { "error" } else { "errors" },
        if w == 1 { "warning" } else { "warnings" },
        if report.suppressed > 0 {
            format!(
                "<span>{} suppressed by the baseline</span>",
                plural(report.suppressed, "finding", "findings")
            )
        } else {
            String::new()
        }
    );
    // Filters.
    h.push_str("<form id=\"filters\" onsubmit=\"return false\">\n<span>Severity:</span>\n");
    for (sev, n) in [("error", e), ("warning", w), ("info", i)] {
        let _ = writeln!(
            h,
            "<label><input type=\"checkbox\" name=\"severity\" value=\"{sev}\" checked> {sev} ({n})</label>"
        );
    }
    h.push_str("<label>Check: <select id=\"check\">\n<option value=\"\">all checks</option>\n");
    let mut per_check: Vec<(String, String, usize)> = Vec::new();
    for row in report.findings() {
        let n: usize = row.finding_counts().iter().sum();
        match per_check.iter_mut().find(|(c, _, _)| *c == row.code) {
            Some(x) => x.2 += n,
            None => per_check.push((row.code, row.check, n)),
        }
    }
    per_check.sort();
    for (code, name, n) in &per_check {
        let _ = writeln!(
            h,
            "<option value=\"{}\">{} {} ({n})</option>",
            escape(code),
            escape(code),
            escape(name)
        );
    }
    h.push_str("</select></label>\n");
    // The clean-pairs filter only when the run listed clean pairs (`--all-pairs`); the
    // checkbox stays (hidden) for the script and the `clean=` fragment.
    let _ = writeln!(
        h,
        "<label{}><input type=\"checkbox\" id=\"clean\" checked> pairs without findings</label>",
        if report.has_clean_rows() {
            ""
        } else {
            " hidden"
        }
    );
    h.push_str(
        "<span id=\"decisions\"><b id=\"n-decided\">0</b> decided \
         <button type=\"button\" id=\"export\" title=\"Save the decisions as a baseline file for mtlint check --baseline\">Export decisions</button></span>\n",
    );
    h.push_str("</form>\n</header>\n<main>\n");
    out.write_all(h.as_bytes())?;
    h.clear();

    if report.is_empty() {
        h.push_str("<p class=\"empty\">No findings.</p>\n");
    }
    // Group rows by document, then by pair (rows are sorted that way); the rows are made
    // whole one at a time, and one table row's rows are held at a time.
    let mut next_id = 0usize;
    // The key the page's decisions are stored under: a hash of its findings' fingerprints.
    let mut report_key: u64 = 0;
    let mut all = report.rows().peekable();
    while let Some(first_of_doc) = all.next() {
        let doc = first_of_doc.doc.clone();
        let _ = writeln!(
            h,
            "<section class=\"doc\" data-doc=\"{}\">\n<h2>{}</h2>\n<table>\n\
             <colgroup><col class=\"where\"><col class=\"text\"><col class=\"text\"></colgroup>\n\
             <thead><tr><th>pair</th><th>source</th><th>target</th></tr></thead>\n<tbody>",
            escape(&doc),
            escape(&doc)
        );
        // The pair of the previous table row, and how many table rows it has had.
        let mut last_pair = (usize::MAX, 0usize);
        let mut next = Some(first_of_doc);
        while let Some(first) = next.take().or_else(|| all.next_if(|r| r.doc == doc)) {
            let pair = first.pair;
            // Rows of a pair share their cells, except for the excerpts of a long pair: one
            // table row per run of equal cells.
            let mut rows = vec![first];
            while let Some(r) = all.next_if(|r| {
                r.doc == doc
                    && r.pair == pair
                    && r.source == rows[0].source
                    && r.target == rows[0].target
            }) {
                rows.push(r);
            }
            let part = if last_pair.0 == pair {
                last_pair.1 + 1
            } else {
                0
            };
            last_pair = (pair, part);
            let tr_id = if part == 0 {
                format!("{doc}-{pair}")
            } else {
                format!("{doc}-{pair}-{part}")
            };
            let first = &rows[0];
            let items: Vec<Item<'_>> = rows
                .iter()
                .filter(|r| r.is_finding())
                .map(|row| {
                    next_id += 1;
                    Item {
                        id: next_id,
                        row,
                        severity: row.severity().unwrap_or(Severity::Error),
                    }
                })
                .collect();
            let on = |side: &str| -> Vec<&Item<'_>> {
                items.iter().filter(|it| it.row.side == side).collect()
            };
            let class = if items.is_empty() {
                "pair clean"
            } else {
                "pair"
            };
            let _ = writeln!(
                h,
                "<tr class=\"{class}\" id=\"{}\"><td class=\"where\">#{}<br>{}<br>{} ({})</td>\
                 <td class=\"text src\" lang=\"en\">{}</td><td class=\"tgt\"><div class=\"text\" lang=\"de\">{}</div>",
                escape(&tr_id),
                pair,
                place(first),
                escape(&first.alignment),
                escape(&first.alignment_score),
                highlight(&first.source, &on("source")),
                highlight(&first.target, &on("target")),
            );
            if !items.is_empty() {
                h.push_str("<ul class=\"findings\">");
                for it in &items {
                    let r = it.row;
                    let sev = it.severity.as_str();
                    let fp = super::baseline::fingerprint(r);
                    report_key = super::baseline::fnv1a(&[&format!("{report_key:016x}"), &fp]);
                    let _ = write!(
                        h,
                        "<li class=\"finding\" data-id=\"{}\" data-severity=\"{sev}\" data-code=\"{}\" \
                         data-fp=\"{fp}\" data-doc=\"{}\" data-check=\"{}\" data-span=\"{}\">\
                         <span class=\"badge sev-{sev}\">{sev}</span><span class=\"code\">{}</span> {} \
                         · {} · <span class=\"msg\">{}</span>",
                        it.id,
                        escape(&r.code),
                        escape(&r.doc),
                        escape(&r.check),
                        escape(&r.span),
                        escape(&r.code),
                        escape(&r.check),
                        finding_place(r),
                        escape(&r.message)
                    );
                    if !r.suggestion.is_empty() {
                        let _ = write!(
                            h,
                            " <span class=\"suggestion\">→ {}</span>",
                            escape(&r.suggestion)
                        );
                    }
                    h.push_str(
                        "<span class=\"decide\">\
                         <button type=\"button\" data-status=\"accepted\" aria-pressed=\"false\">accept</button>\
                         <button type=\"button\" data-status=\"false-positive\" aria-pressed=\"false\">false positive</button>\
                         <button type=\"button\" data-status=\"fixed\" aria-pressed=\"false\">fixed</button>\
                         <input class=\"note\" type=\"text\" placeholder=\"note\" aria-label=\"note\"></span></li>",
                    );
                }
                h.push_str("</ul>");
            }
            h.push_str("</td></tr>\n");
            out.write_all(h.as_bytes())?;
            h.clear();
        }
        h.push_str("</tbody>\n</table>\n</section>\n");
    }
    let _ = writeln!(
        h,
        "<div id=\"report-key\" data-key=\"{report_key:016x}\" hidden></div>"
    );
    h.push_str("</main>\n<script>");
    h.push_str(SCRIPT);
    h.push_str("</script>\n</body>\n</html>\n");
    out.write_all(h.as_bytes())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::tests::sample_report;

    #[test]
    fn escapes_untrusted_text() {
        assert_eq!(
            escape("<script>alert(\"x\" & 'y')</script>"),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"
        );
    }

    #[test]
    fn page_is_self_contained_and_escaped() {
        let mut buf = Vec::new();
        write(&mut buf, &sample_report()).unwrap();
        let page = String::from_utf8(buf).unwrap();
        assert_eq!(page.matches("<script").count(), 1, "only our own script");
        assert!(page.contains("&lt;script&gt;"));
        for external in ["src=\"http", "href=\"http", "<link", "@import", "url("] {
            assert!(!page.contains(external), "{external}");
        }
    }

    #[test]
    fn overlapping_spans_are_cut_into_segments() {
        let row = |s, e| Row {
            span_start: Some(s),
            span_end: Some(e),
            code: "MT005".into(),
            ..crate::report::tests::sample_report()
                .rows()
                .next()
                .unwrap_or_default()
        };
        let (a, b) = (row(0, 4), row(2, 6));
        let items = [
            Item {
                id: 1,
                row: &a,
                severity: Severity::Error,
            },
            Item {
                id: 2,
                row: &b,
                severity: Severity::Warning,
            },
        ];
        let html = highlight("abcdefg", &items.iter().collect::<Vec<_>>());
        assert!(
            html.starts_with("<mark class=\"sev-error\" data-ids=\"1\""),
            "{html}"
        );
        assert!(html.contains("data-ids=\"1 2\""), "{html}");
        assert!(
            html.contains(">ab</mark>") && html.contains(">cd</mark>"),
            "{html}"
        );
        assert!(html.contains(">ef</mark>g"), "{html}");
        let gap = row(3, 3);
        let items = [Item {
            id: 7,
            row: &gap,
            severity: Severity::Info,
        }];
        let html = highlight("abcdef", &items.iter().collect::<Vec<_>>());
        assert!(
            html.starts_with("abc<mark class=\"sev-info gap\""),
            "{html}"
        );
    }
}
