//! Reading a file's bytes safely and decoding them to text.
//!
//! - Only regular files are read. A character device (`/dev/zero`), a FIFO, a socket or a
//!   block device is refused from its metadata before it is opened for reading, and again
//!   from the open handle (opened non-blocking, so a FIFO without a writer cannot hang the
//!   run).
//! - A file larger than the input size limit is refused before it is read. The limit is
//!   [`DEFAULT_MAX_INPUT_SIZE`] (1 GiB), or `MTLINT_MAX_INPUT_SIZE`, or `--max-input-size`
//!   of `mtlint check` ([`ReadOptions::max_input_size`]); sizes like `500M`, `2G` or plain
//!   bytes (see [`parse_size`]). The read itself stops one byte past the limit, so a file
//!   that grows while it is read, or a `/proc` file that reports size 0, is still bounded.
//! - Office and other binary formats (Word, Excel, PowerPoint, OpenDocument, PDF, RTF) are
//!   refused by extension before reading and by their first bytes after, with a message
//!   naming the format.
//! - Decoding: UTF-8 (BOM stripped). A file that is not UTF-8 gets an error naming the
//!   encoding it most likely is (guessed with `chardetng`), with the `iconv` command that
//!   converts it. With `--encoding NAME` ([`ReadOptions::encoding`]), input files that are
//!   not valid UTF-8 are decoded as NAME instead (a file that is valid UTF-8, or starts with
//!   a UTF-8/UTF-16 byte order mark, is read by that). XML files (XLIFF, TMX) are not
//!   affected by `--encoding`: they declare their own encoding (see [`read_xml`]).
//!   Configuration, baselines, dictionaries and glossaries are always UTF-8.

use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::sync::RwLock;

use encoding_rs::{DecoderResult, Encoding, UTF_8};

use crate::error::{MtError, Result};

/// The default input size limit: 1 GiB per file. The largest input measured (README, "Size
/// and memory") is a 954 MB target; one document needs about 4× its size in memory, so a
/// pair of two 1 GiB files already needs about 8 GB.
pub const DEFAULT_MAX_INPUT_SIZE: u64 = 1 << 30;

/// The environment variable that sets the input size limit (for every subcommand and for
/// library users): `500M`, `2G`, plain bytes.
pub const MAX_INPUT_SIZE_VAR: &str = "MTLINT_MAX_INPUT_SIZE";

/// What a file is read as: names the file in errors and says what to pass instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A text to check (source, target, bilingual file).
    Input,
    /// A `--baseline` file.
    Baseline,
    /// `mtlint.toml` / `--config`.
    Config,
    /// A `--dict` word list.
    Dictionary,
    /// A terminology glossary.
    Glossary,
}

impl Role {
    /// "a baseline file", … (for "… is not a baseline file").
    fn article_name(self) -> &'static str {
        match self {
            Role::Input => "a text to check",
            Role::Baseline => "a baseline file",
            Role::Config => "a configuration file",
            Role::Dictionary => "a dictionary",
            Role::Glossary => "a glossary",
        }
    }

    /// The end of the NUL-byte message: "not X; pass Y".
    fn binary_advice(self) -> &'static str {
        match self {
            Role::Input => "not text; pass the plain-text translation",
            Role::Baseline => {
                "not a baseline; pass a JSON baseline written by --write-baseline or a CSV report"
            }
            Role::Config => "not a configuration file; mtlint.toml is a UTF-8 TOML text file",
            Role::Dictionary => {
                "not a dictionary; --dict takes a UTF-8 word list in the trans-de-en format"
            }
            Role::Glossary => "not a glossary; the glossary is a UTF-8 CSV file (en,de)",
        }
    }
}

/// How input files are read: the size limit and the encoding of files that are not UTF-8.
/// Set for a run with [`set_read_options`] (`mtlint check` does, from `--max-input-size` and
/// `--encoding`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// The largest file read, in bytes. `None`: `MTLINT_MAX_INPUT_SIZE` if set, else
    /// [`DEFAULT_MAX_INPUT_SIZE`].
    pub max_input_size: Option<u64>,
    /// `--encoding`: how input files (not configuration, baselines, dictionaries; not XML
    /// files, which declare their own) that are not valid UTF-8 are decoded. Applies to both
    /// sides. `None`: such files are an error naming the likely encoding.
    pub encoding: Option<&'static Encoding>,
    /// `--lines`: plain-text pairs are pre-split, one sentence per line (see
    /// [`super::plaintext::read_lines`]); the value says what separates paragraphs.
    /// `None`: plain text is split into sentences by mtlint.
    pub lines: Option<super::plaintext::Paragraphs>,
}

static OPTIONS: RwLock<ReadOptions> = RwLock::new(ReadOptions {
    max_input_size: None,
    encoding: None,
    lines: None,
});

/// Set how files are read from now on, in this process (see [`ReadOptions`]).
pub fn set_read_options(options: ReadOptions) {
    match OPTIONS.write() {
        Ok(mut o) => *o = options,
        Err(poisoned) => *poisoned.into_inner() = options,
    }
}

/// How files are read now (see [`set_read_options`]).
pub fn read_options() -> ReadOptions {
    match OPTIONS.read() {
        Ok(o) => *o,
        Err(poisoned) => *poisoned.into_inner(),
    }
}

/// Parse a size: plain bytes (`1000000`), or a number with a unit: `K`, `M`, `G`, `T`
/// (and `KiB`, `MiB`, … ) are powers of 1024; `KB`, `MB`, `GB`, `TB` powers of 1000
/// (as in GNU coreutils). Case-insensitive; a fraction is allowed with a unit (`1.5G`).
pub fn parse_size(s: &str) -> std::result::Result<u64, String> {
    let t = s.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let bad = || {
        format!("invalid size '{s}': expected bytes or a number with K, M, G or T (e.g. 500M, 2G)")
    };
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kib" => 1 << 10,
        "m" | "mib" => 1 << 20,
        "g" | "gib" => 1 << 30,
        "t" | "tib" => 1 << 40,
        "kb" => 1_000,
        "mb" => 1_000_000,
        "gb" => 1_000_000_000,
        "tb" => 1_000_000_000_000,
        _ => return Err(bad()),
    };
    let size = if factor == 1 {
        num.parse::<u64>().map_err(|_| bad())?
    } else {
        let n: f64 = num.parse().map_err(|_| bad())?;
        let v = n * factor as f64;
        if !v.is_finite() || v >= u64::MAX as f64 {
            return Err(bad());
        }
        v.round() as u64
    };
    if size == 0 {
        return Err(format!(
            "invalid size '{s}': the limit must be at least 1 byte"
        ));
    }
    Ok(size)
}

/// Parse an encoding name for `--encoding`: a WHATWG label as `encoding_rs` knows them
/// (`windows-1252`, `latin1`, `iso-8859-15`, `shift_jis`, `utf-16le`, …).
pub fn parse_encoding(s: &str) -> std::result::Result<&'static Encoding, String> {
    match Encoding::for_label(s.trim().as_bytes()) {
        Some(e) if e != encoding_rs::REPLACEMENT => Ok(e),
        _ => Err(format!(
            "unknown encoding '{s}'; use a name such as windows-1252, iso-8859-15, macintosh, shift_jis, utf-16le"
        )),
    }
}

/// A size for people: "3.0 GiB (3221225472 bytes)".
fn human(bytes: u64) -> String {
    let units = [
        (1u64 << 40, "TiB"),
        (1 << 30, "GiB"),
        (1 << 20, "MiB"),
        (1 << 10, "KiB"),
    ];
    for (f, u) in units {
        if bytes >= f {
            return format!("{:.1} {u} ({bytes} bytes)", bytes as f64 / f as f64);
        }
    }
    format!("{bytes} bytes")
}

/// A size to suggest as the new limit: `bytes` rounded up to whole MiB or GiB.
fn suggest(bytes: u64) -> String {
    if bytes >= 1 << 30 {
        format!("{}G", bytes.div_ceil(1 << 30))
    } else if bytes >= 1 << 20 {
        format!("{}M", bytes.div_ceil(1 << 20))
    } else {
        format!("{}K", bytes.div_ceil(1 << 10).max(1))
    }
}

/// The limit in force and where it comes from.
fn limit(options: &ReadOptions) -> Result<(u64, &'static str)> {
    if let Some(n) = options.max_input_size {
        return Ok((n, "--max-input-size"));
    }
    match std::env::var(MAX_INPUT_SIZE_VAR) {
        Ok(v) if !v.trim().is_empty() => parse_size(&v)
            .map(|n| (n, MAX_INPUT_SIZE_VAR))
            .map_err(|e| MtError::Usage(format!("{MAX_INPUT_SIZE_VAR}: {e}"))),
        _ => Ok((DEFAULT_MAX_INPUT_SIZE, "default")),
    }
}

fn too_large(path: &Path, size: u64, (limit, from): (u64, &'static str)) -> MtError {
    let n = suggest(size);
    let advice = match from {
        "default" => format!(
            "raise it with --max-input-size {n} (or {MAX_INPUT_SIZE_VAR}={n}); one document needs about 4× its size in memory"
        ),
        "--max-input-size" => format!("raise it with --max-input-size {n}"),
        _ => format!("raise it with {MAX_INPUT_SIZE_VAR}={n}"),
    };
    let limit = match from {
        "default" => human(limit),
        _ => format!("{} (set by {from})", human(limit)),
    };
    MtError::TooLarge {
        path: path.to_path_buf(),
        size: human(size),
        limit,
        advice,
    }
}

/// What kind of non-regular file this is.
fn kind_of(ft: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_char_device() {
            return "character device";
        }
        if ft.is_block_device() {
            return "block device";
        }
        if ft.is_fifo() {
            return "FIFO (named pipe)";
        }
        if ft.is_socket() {
            return "socket";
        }
    }
    let _ = ft;
    "special file"
}

fn check_regular(path: &Path, meta: &std::fs::Metadata) -> Result<()> {
    let ft = meta.file_type();
    if ft.is_dir() {
        return Err(MtError::IsDirectory {
            path: path.to_path_buf(),
        });
    }
    if !ft.is_file() {
        return Err(MtError::NotRegular {
            path: path.to_path_buf(),
            kind: kind_of(&ft),
        });
    }
    Ok(())
}

/// Formats mtlint does not read, by extension: what to call them.
fn unsupported_by_extension(path: &Path) -> Option<&'static str> {
    let ext = path.extension()?.to_string_lossy().to_ascii_lowercase();
    Some(match ext.as_str() {
        "docx" | "docm" => "a Word document (.docx)",
        "doc" => "a Word 97–2003 document (.doc)",
        "xlsx" | "xlsm" => "an Excel workbook (.xlsx)",
        "xls" => "an Excel 97–2003 workbook (.xls)",
        "pptx" => "a PowerPoint presentation (.pptx)",
        "ppt" => "a PowerPoint 97–2003 presentation (.ppt)",
        "odt" => "an OpenDocument text (.odt)",
        "ods" => "an OpenDocument spreadsheet (.ods)",
        "odp" => "an OpenDocument presentation (.odp)",
        "pdf" => "a PDF document (.pdf)",
        "rtf" => "an RTF document (.rtf)",
        _ => return None,
    })
}

/// Formats mtlint does not read, by their first bytes.
fn unsupported_by_content(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"PK\x03\x04") {
        let head = &bytes[..bytes.len().min(64 * 1024)];
        let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
        return Some(if has(b"opendocument.text") {
            "an OpenDocument text (.odt)"
        } else if has(b"opendocument.spreadsheet") {
            "an OpenDocument spreadsheet (.ods)"
        } else if has(b"opendocument.presentation") {
            "an OpenDocument presentation (.odp)"
        } else if has(b"word/") {
            "a Word document (.docx)"
        } else if has(b"xl/") {
            "an Excel workbook (.xlsx)"
        } else if has(b"ppt/") {
            "a PowerPoint presentation (.pptx)"
        } else {
            "a ZIP archive (e.g. .docx, .xlsx, .odt)"
        });
    }
    if bytes.starts_with(b"%PDF-") {
        return Some("a PDF document");
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Some("a Microsoft Office 97–2003 document (.doc, .xls, .ppt)");
    }
    if bytes.starts_with(b"{\\rtf") {
        return Some("an RTF document");
    }
    None
}

fn unsupported(path: &Path, what: &str, role: Role) -> MtError {
    let advice = match role {
        Role::Input => "is not supported; mtlint reads plain text, Markdown, XLIFF, TMX, PO, \
                        CSV/TSV — export the text first"
            .to_string(),
        other => format!("cannot be {}", other.article_name()),
    };
    MtError::Unsupported {
        path: path.to_path_buf(),
        what: what.to_string(),
        advice,
    }
}

/// An error when `path`'s extension names a format mtlint does not read (`.docx`, `.pdf`,
/// …; see [`read_bytes`] for the check by content), for callers that decide by extension
/// before reading.
pub fn check_supported(path: &Path) -> Result<()> {
    match unsupported_by_extension(path) {
        Some(what) => Err(unsupported(path, what, Role::Input)),
        None => Ok(()),
    }
}

/// A regular file opened for reading after the checks of [`read_bytes`] that need no
/// content (kind, extension, size), with the limit in force.
fn open_checked(path: &Path, role: Role) -> Result<(File, std::fs::Metadata, (u64, &'static str))> {
    let options = read_options();
    let limit = limit(&options)?;
    let meta = std::fs::metadata(path).map_err(|e| MtError::io(path, e))?;
    check_regular(path, &meta)?;
    if let Some(what) = unsupported_by_extension(path) {
        return Err(unsupported(path, what, role));
    }
    if meta.len() > limit.0 {
        return Err(too_large(path, meta.len(), limit));
    }
    let mut open = std::fs::OpenOptions::new();
    open.read(true);
    #[cfg(unix)]
    {
        // Non-blocking: should the path have turned into a FIFO since the check above,
        // opening it does not wait for a writer.
        use std::os::unix::fs::OpenOptionsExt;
        open.custom_flags(libc::O_NONBLOCK);
    }
    let file: File = open.open(path).map_err(|e| MtError::io(path, e))?;
    let meta = file.metadata().map_err(|e| MtError::io(path, e))?;
    check_regular(path, &meta)?;
    if meta.len() > limit.0 {
        return Err(too_large(path, meta.len(), limit));
    }
    Ok((file, meta, limit))
}

/// Read the bytes of a regular file, at most the input size limit (see the module docs).
pub fn read_bytes(path: &Path, role: Role) -> Result<Vec<u8>> {
    let (file, meta, limit) = open_checked(path, role)?;
    let capacity = usize::try_from(meta.len().min(limit.0)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity.saturating_add(1));
    file.take(limit.0.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| MtError::io(path, e))?;
    if bytes.len() as u64 > limit.0 {
        // It grew while read, or its size was not known (e.g. under /proc).
        let mut e = too_large(path, limit.0.saturating_mul(2), limit);
        if let MtError::TooLarge { size, .. } = &mut e {
            *size = format!(
                "the file (read past its reported size of {}: it grows, or its size is not known in advance)",
                human(meta.len())
            );
        }
        return Err(e);
    }
    if let Some(what) = unsupported_by_content(&bytes) {
        return Err(unsupported(path, what, role));
    }
    Ok(bytes)
}

/// An XML input file read piece by piece (TMX: a 1M-unit memory is never held whole): a
/// [`BufRead`] that keeps the bytes consumed since the last [`Stream::start`] and the file
/// position (line, column) where they begin.
///
/// It reads only files [`read_xml`] would decode to the very same text: valid UTF-8 without
/// a byte order mark, no NUL byte, no `\r` (which decoding turns from CRLF into LF), within
/// the size limit. Anything else makes [`Stream::clean`] false, and the caller reads the
/// file whole with [`read_xml`] instead, which decodes it or names the problem as before.
///
/// It has its own buffer (not a `BufReader`) so that [`Stream::skip_to_end_tag`] can look
/// ahead across the end of what was read so far.
///
/// [`BufRead`]: std::io::BufRead
pub(crate) struct Stream {
    file: std::io::Take<File>,
    /// Read from the file: `buf[pos..filled]` is not consumed yet.
    buf: Vec<u8>,
    pos: usize,
    filled: usize,
    /// The file has no more bytes.
    eof: bool,
    /// Bytes consumed since the last [`Stream::start`].
    pending: Vec<u8>,
    /// `pending` is known to be valid UTF-8 (see [`Stream::piece`]).
    valid: bool,
    /// 1-based line and column (in chars) of the first byte of `pending`.
    line: usize,
    column: usize,
    /// Bytes consumed in all.
    read: u64,
    limit: u64,
    /// Nothing seen that [`read_xml`] would decode differently or refuse.
    clean: bool,
}

/// What [`Stream::element`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Element {
    /// Something else (nothing consumed but blanks).
    Other,
    /// An empty element `<qname …/>`, consumed.
    Empty,
    /// A whole element `<qname …>…</qname>`, consumed.
    Whole,
    /// The file ended inside the element.
    Eof,
}

/// How many bytes the buffer reads at a time.
const CHUNK: usize = 1 << 16;

impl Stream {
    /// Open `path` as an input (the checks of [`read_bytes`] that need no content); `None`
    /// when it fails or the file does not start with `<` (a byte order mark, another
    /// format, leading space, an empty file): then [`read_xml`] is the way to read it.
    pub(crate) fn open(path: &Path) -> Option<Stream> {
        let (file, _, limit) = open_checked(path, Role::Input).ok()?;
        let mut s = Stream {
            file: file.take(limit.0.saturating_add(1)),
            buf: vec![0; CHUNK],
            pos: 0,
            filled: 0,
            eof: false,
            pending: Vec::new(),
            valid: true,
            line: 1,
            column: 1,
            read: 0,
            limit: limit.0,
            clean: true,
        };
        if !s.more().ok()? || s.buf[0] != b'<' {
            return None;
        }
        Some(s)
    }

    /// Read more bytes after those not consumed yet (moved to the front of the buffer,
    /// which grows when they fill it); `false` at the end of the file.
    fn more(&mut self) -> std::io::Result<bool> {
        if self.eof {
            return Ok(false);
        }
        if self.pos > 0 {
            self.buf.copy_within(self.pos..self.filled, 0);
            self.filled -= self.pos;
            self.pos = 0;
        }
        if self.buf.len() - self.filled < CHUNK / 2 {
            self.buf.resize(self.filled + CHUNK, 0);
        }
        loop {
            match self.file.read(&mut self.buf[self.filled..]) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(false);
                }
                Ok(n) => {
                    self.filled += n;
                    return Ok(true);
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    /// Make at least `n` bytes available (fewer only at the end of the file).
    fn ensure(&mut self, n: usize) -> std::io::Result<()> {
        while self.filled - self.pos < n && self.more()? {}
        Ok(())
    }

    /// When the next element (after blanks, which are consumed) is a `<qname>`, consume it
    /// whole, from its start tag to its end tag; the pending bytes are then the element as
    /// it stands in the file (checked by the caller, who parses them again: the end tag
    /// found is the first `</qname>` outside comments, CDATA sections and processing
    /// instructions; nested elements of the same name are not counted).
    ///
    /// For use between elements only, where an XML reader reading from this stream would
    /// read the next markup or text (not after it returned a text event: it has then
    /// already decided the next markup starts here). Blanks are text an XML reader reads
    /// without a complaint, and a whole element read here leaves its state as it was.
    pub(crate) fn element(&mut self, qname: &[u8]) -> std::io::Result<Element> {
        use quick_xml::parser::{ElementParser, Parser};
        use std::io::BufRead;
        loop {
            let a = &self.buf[self.pos..self.filled];
            let n = a
                .iter()
                .position(|&b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
                .unwrap_or(a.len());
            let rest = a.len() - n;
            self.consume(n);
            if rest > 0 || !self.more()? {
                break;
            }
        }
        self.start();
        self.ensure(qname.len() + 2)?;
        let a = &self.buf[self.pos..self.filled];
        if !(a.first() == Some(&b'<')
            && a[1..].starts_with(qname)
            && matches!(
                a.get(1 + qname.len()),
                Some(b' ' | b'\t' | b'\n' | b'\r' | b'>' | b'/')
            ))
        {
            return Ok(Element::Other);
        }
        // The start tag, as quick-xml finds its end.
        let mut tag = ElementParser::default();
        loop {
            let a = &self.buf[self.pos..self.filled];
            // Past the `<`, as quick-xml feeds it.
            let from = usize::from(self.pending.is_empty());
            if let Some(i) = tag.feed(&a[from..]) {
                self.consume(from + i + 1);
                break;
            }
            let n = a.len();
            self.consume(n);
            if !self.more()? {
                return Ok(Element::Eof);
            }
        }
        if self.pending.ends_with(b"/>") {
            return Ok(Element::Empty);
        }
        if !self.skip_to_end_tag(qname)? {
            return Ok(Element::Eof);
        }
        // The end tag: `</qname` and blanks up to `>`.
        loop {
            let a = &self.buf[self.pos..self.filled];
            if let Some(i) = memchr::memchr(b'>', a) {
                self.consume(i + 1);
                return Ok(Element::Whole);
            }
            let n = a.len();
            self.consume(n);
            if !self.more()? {
                return Ok(Element::Eof);
            }
        }
    }

    /// Consume everything up to the `</` of the end tag `</qname>` of the element whose
    /// start tag was just consumed, skipping comments, CDATA sections and processing
    /// instructions (the only places where a literal `</qname>` may stand inside it); the
    /// end tag itself is left to the XML reader. `false` at the end of the file.
    ///
    /// Nested elements of the same name are not counted: the caller parses the bytes again
    /// and must find that the element ends exactly there.
    pub(crate) fn skip_to_end_tag(&mut self, qname: &[u8]) -> std::io::Result<bool> {
        use std::io::BufRead;
        // Bytes needed after a `<` to tell what it opens: "<![CDATA[" is the longest
        // opening looked at, `</qname` and the byte after it the end tag.
        let ahead = (qname.len() + 3).max(9);
        // Bytes of `buf[pos..]` already looked at.
        let mut from = 0;
        loop {
            let a = &self.buf[self.pos..self.filled];
            let mut next = None;
            for i in memchr::memchr_iter(b'<', &a[from..]).map(|i| from + i) {
                let t = &a[i..];
                if t.len() < ahead && !self.eof {
                    // Too close to the end of what is read to tell: read more first.
                    next = Some((i, None));
                    break;
                }
                match t.get(1) {
                    Some(b'/')
                        if t[2..].starts_with(qname)
                            && matches!(
                                t.get(2 + qname.len()),
                                Some(b'>' | b' ' | b'\t' | b'\n' | b'\r')
                            ) =>
                    {
                        self.consume(i);
                        return Ok(true);
                    }
                    Some(b'!' | b'?') => {
                        next = Some((i, Some(())));
                        break;
                    }
                    _ => {}
                }
            }
            match next {
                None => {
                    let n = a.len();
                    self.consume(n);
                    from = 0;
                    if !self.more()? {
                        return Ok(false);
                    }
                }
                Some((i, None)) => {
                    self.consume(i);
                    from = 0;
                    if !self.more()? {
                        // The end of the file: what is left is all there is.
                        continue;
                    }
                }
                Some((i, Some(()))) => {
                    self.consume(i);
                    from = 0;
                    let t = &self.buf[self.pos..self.filled];
                    let (open, till): (usize, &[u8]) = if t.starts_with(b"<!--") {
                        (4, b"-->")
                    } else if t.starts_with(b"<![CDATA[") {
                        (9, b"]]>")
                    } else if t.starts_with(b"<?") {
                        (2, b"?>")
                    } else {
                        // Not allowed inside an element: the parser will say so.
                        self.consume(2);
                        continue;
                    };
                    self.consume(open);
                    if !self.skip_past(till)? {
                        return Ok(false);
                    }
                }
            }
        }
    }

    /// Consume up to and including the next `needle`; `false` at the end of the file.
    fn skip_past(&mut self, needle: &[u8]) -> std::io::Result<bool> {
        use std::io::BufRead;
        let finder = memchr::memmem::Finder::new(needle);
        loop {
            let available = &self.buf[self.pos..self.filled];
            if let Some(i) = finder.find(available) {
                self.consume(i + needle.len());
                return Ok(true);
            }
            // Keep what may be the start of the needle.
            let n = available.len().saturating_sub(needle.len() - 1);
            self.consume(n);
            if !self.more()? {
                return Ok(false);
            }
        }
    }

    /// Forget the pending bytes (checking them first): what is consumed next starts at
    /// [`Stream::at`].
    pub(crate) fn start(&mut self) {
        if self.valid || std::str::from_utf8(&self.pending).is_ok() {
            (self.line, self.column) = advance(&self.pending, self.line, self.column);
        } else {
            self.clean = false;
        }
        self.pending.clear();
        self.valid = false;
    }

    /// [`Stream::start`] when the caller has counted where the pending bytes end
    /// (`line`:`column`, what [`advance`] gives for them): bytes just given out whole by
    /// [`Stream::piece`] need neither the count nor the check again.
    pub(crate) fn start_after(&mut self, (line, column): (usize, usize)) {
        if !self.valid {
            return self.start();
        }
        (self.line, self.column) = (line, column);
        self.pending.clear();
        self.valid = false;
    }

    /// File position (line, column) of the first pending byte.
    pub(crate) fn at(&self) -> (usize, usize) {
        (self.line, self.column)
    }

    /// The bytes consumed since the last [`Stream::start`], as text; `None` when they are
    /// not UTF-8.
    pub(crate) fn piece(&mut self) -> Option<&str> {
        let text = std::str::from_utf8(&self.pending).ok()?;
        self.valid = true;
        Some(text)
    }

    /// `true` while everything read decodes as [`read_xml`] would decode it (see [`Stream`]).
    pub(crate) fn clean(&self) -> bool {
        self.clean
    }
}

/// The file position after `bytes` (valid UTF-8) that start at `line`:`column`: what
/// [`crate::model::walk`] gives, with the lines counted by `memchr` and the chars only on
/// the last line.
pub(crate) fn advance(bytes: &[u8], line: usize, column: usize) -> (usize, usize) {
    match memchr::memrchr(b'\n', bytes) {
        Some(last) => (
            line + memchr::memchr_iter(b'\n', bytes).count(),
            1 + chars(&bytes[last + 1..]),
        ),
        None => (line, column + chars(bytes)),
    }
}

/// Chars in UTF-8 bytes: the bytes that are not continuation bytes, counted 64 at a time
/// (which the compiler vectorises).
fn chars(bytes: &[u8]) -> usize {
    let lead = |b: &u8| u8::from((*b as i8) >= -0x40);
    let mut blocks = bytes.chunks_exact(64);
    let mut n = 0;
    for block in &mut blocks {
        n += usize::from(block.iter().map(lead).sum::<u8>());
    }
    n + blocks
        .remainder()
        .iter()
        .map(|b| usize::from(lead(b)))
        .sum::<usize>()
}

impl std::io::Read for Stream {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        use std::io::BufRead;
        let n = {
            let available = self.fill_buf()?;
            let n = available.len().min(buf.len());
            buf[..n].copy_from_slice(&available[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl std::io::BufRead for Stream {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.pos == self.filled {
            self.more()?;
        }
        Ok(&self.buf[self.pos..self.filled])
    }

    fn consume(&mut self, amt: usize) {
        let taken = &self.buf[self.pos..self.filled.min(self.pos + amt)];
        // (a tag or a blank is short: looked at without the set-up of `memchr2`)
        let odd = if taken.len() < 16 {
            taken.iter().any(|c| matches!(c, 0 | b'\r'))
        } else {
            memchr::memchr2(0, b'\r', taken).is_some()
        };
        if odd {
            self.clean = false;
        }
        self.pending.extend_from_slice(taken);
        self.valid = false;
        self.pos += taken.len();
        self.read += taken.len() as u64;
        if self.read > self.limit {
            self.clean = false;
        }
    }
}

/// How bytes are decoded.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Decoding {
    /// UTF-8 only; the error advice fits `role`.
    Utf8(Role),
    /// An input file with `--encoding`: UTF-8 when valid (or by BOM), else this encoding.
    Fallback(&'static Encoding),
    /// An XML file: UTF-8 when valid, else the encoding its XML declaration names.
    Xml,
}

/// Read a file as text (see the module docs for what is refused).
pub(crate) fn read(path: &Path, decoding: Decoding) -> Result<String> {
    let role = match decoding {
        Decoding::Utf8(role) => role,
        _ => Role::Input,
    };
    let bytes = read_bytes(path, role)?;
    decode(path, bytes, decoding)
}

/// Read an XML file (XLIFF, TMX) as text: UTF-8 when the bytes are valid UTF-8; otherwise
/// decoded with the encoding named in its XML declaration (`<?xml version="1.0"
/// encoding="windows-1252"?>`); without a declaration (or one saying UTF-8) invalid UTF-8
/// is an error naming the likely encoding. `--encoding` does not apply.
pub(crate) fn read_xml(path: &Path) -> Result<String> {
    read(path, Decoding::Xml)
}

fn line_of(bytes: &[u8], byte: usize) -> usize {
    1 + bytes[..byte.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

/// Decode a file's bytes to text: BOM stripped, CRLF turned into LF.
pub(crate) fn decode(path: &Path, bytes: Vec<u8>, decoding: Decoding) -> Result<String> {
    let mut text = match decoding {
        Decoding::Fallback(enc) => decode_fallback(path, bytes, enc)?,
        Decoding::Xml => match xml_declared(&bytes) {
            Some(enc) if std::str::from_utf8(&bytes).is_err() => {
                check_nul(path, &bytes, Role::Input)?;
                decode_with(path, &bytes, enc)?
            }
            _ => decode_utf8(path, bytes, Role::Input, Advice::Xml)?,
        },
        Decoding::Utf8(role) => {
            let advice = if role == Role::Input {
                Advice::Input
            } else {
                Advice::Plain
            };
            decode_utf8(path, bytes, role, advice)?
        }
    };
    if let Some(rest) = text.strip_prefix('\u{FEFF}') {
        text = rest.to_string();
    }
    if text.contains('\r') {
        text = text.replace("\r\n", "\n");
    }
    Ok(text)
}

/// What to advise for invalid UTF-8 besides `iconv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Advice {
    /// An input file: `--encoding`.
    Input,
    /// An XML file: declare the encoding.
    Xml,
    /// Only `iconv`.
    Plain,
}

fn check_nul(path: &Path, bytes: &[u8], role: Role) -> Result<()> {
    match bytes.iter().position(|&b| b == 0) {
        Some(pos) => Err(MtError::Binary {
            path: path.to_path_buf(),
            line: line_of(bytes, pos),
            byte: pos,
            what: role.binary_advice(),
        }),
        None => Ok(()),
    }
}

fn decode_utf8(path: &Path, bytes: Vec<u8>, role: Role, advice: Advice) -> Result<String> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(MtError::Utf16 {
            path: path.to_path_buf(),
            what: "file is UTF-16 (it starts with a UTF-16 byte-order mark)",
            advice: if advice == Advice::Input {
                " (e.g. `iconv -f UTF-16 -t UTF-8`) or pass --encoding utf-16"
            } else {
                " (e.g. `iconv -f UTF-16 -t UTF-8`)"
            },
        });
    }
    check_nul(path, &bytes, role)?;
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let byte = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            Err(MtError::InvalidUtf8 {
                path: path.to_path_buf(),
                line: line_of(&bytes, byte),
                byte,
                advice: utf8_advice(&bytes, byte, advice),
            })
        }
    }
}

/// The advice for a file that is not valid UTF-8 from byte `byte` on.
fn utf8_advice(bytes: &[u8], byte: usize, advice: Advice) -> String {
    // Mostly UTF-8 (more valid multi-byte chars than broken sequences): a damaged byte, not
    // another encoding; converting the whole file would garble the rest.
    let (mut valid, mut broken) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            broken += 1;
        }
    }
    if valid > broken {
        return format!(
            "; the rest of the file is UTF-8 ({valid} non-ASCII characters), so this byte is damaged: fix or remove it"
        );
    }
    let enc = guess(bytes, byte);
    let iconv = iconv_name(enc);
    let label = enc.name().to_ascii_lowercase();
    match advice {
        Advice::Input => format!(
            "; it looks like {iconv}: convert it (iconv -f {iconv} -t UTF-8) or pass --encoding {label}"
        ),
        Advice::Xml => format!(
            "; it looks like {iconv}: convert it (iconv -f {iconv} -t UTF-8) or declare it (<?xml version=\"1.0\" encoding=\"{label}\"?>)"
        ),
        Advice::Plain => {
            format!("; it looks like {iconv}: convert it (iconv -f {iconv} -t UTF-8)")
        }
    }
}

/// The likely legacy encoding of bytes that are not UTF-8: `chardetng` on the line where the
/// first invalid byte is and up to 1 MiB after it (no TLD hint, UTF-8 not allowed).
/// Never ISO-8859-1: as in browsers, Latin-1 is read as its superset Windows-1252.
pub fn guess(bytes: &[u8], byte: usize) -> &'static Encoding {
    let start = bytes[..byte.min(bytes.len())]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let end = bytes.len().min(byte.saturating_add(1 << 20));
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(&bytes[start..end], true);
    detector.guess(None, chardetng::Utf8Detection::Deny)
}

/// The name `iconv` knows an encoding by.
fn iconv_name(enc: &'static Encoding) -> String {
    match enc.name() {
        "x-mac-cyrillic" => "MAC-CYRILLIC".to_string(),
        "ISO-8859-8-I" => "ISO-8859-8".to_string(),
        n => n.to_ascii_uppercase(),
    }
}

/// `--encoding`: UTF-8 when valid, the BOM's encoding when there is one, else `enc`.
fn decode_fallback(path: &Path, bytes: Vec<u8>, enc: &'static Encoding) -> Result<String> {
    if let Some((bom_enc, len)) = Encoding::for_bom(&bytes) {
        if bom_enc == UTF_8 {
            return decode_utf8(path, bytes, Role::Input, Advice::Input);
        }
        // UTF-16 by its BOM: NUL bytes are part of the encoding; look for NUL chars after.
        let text = decode_with(path, &bytes[len..], bom_enc)?;
        return check_nul_chars(path, text, len);
    }
    let valid_utf8 = std::str::from_utf8(&bytes).is_ok();
    if enc.is_ascii_compatible() {
        if valid_utf8 {
            return decode_utf8(path, bytes, Role::Input, Advice::Input);
        }
        check_nul(path, &bytes, Role::Input)?;
        return decode_with(path, &bytes, enc);
    }
    // UTF-16 without a BOM, as asked (unless the file is plainly UTF-8 text).
    if valid_utf8 && !bytes.contains(&0) {
        return decode_utf8(path, bytes, Role::Input, Advice::Input);
    }
    let text = decode_with(path, &bytes, enc)?;
    check_nul_chars(path, text, 0)
}

/// A NUL char in UTF-16 text decoded from the bytes after a `base`-byte BOM is binary.
fn check_nul_chars(path: &Path, text: String, base: usize) -> Result<String> {
    match text.find('\0') {
        Some(pos) => {
            let units: usize = text[..pos].chars().map(char::len_utf16).sum();
            Err(MtError::Binary {
                path: path.to_path_buf(),
                line: 1 + text[..pos].matches('\n').count(),
                byte: base + 2 * units,
                what: Role::Input.binary_advice(),
            })
        }
        None => Ok(text),
    }
}

/// Decode `bytes` (no BOM handling) with `enc`; a byte it cannot decode is an error with
/// its line and offset.
fn decode_with(path: &Path, bytes: &[u8], enc: &'static Encoding) -> Result<String> {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(bytes.len().saturating_add(bytes.len() / 2));
    let mut read_total = 0;
    loop {
        let (result, read) =
            decoder.decode_to_string_without_replacement(&bytes[read_total..], &mut out, true);
        read_total += read;
        match result {
            DecoderResult::InputEmpty => return Ok(out),
            DecoderResult::OutputFull => {
                out.reserve(bytes.len() - read_total + 16);
            }
            DecoderResult::Malformed(bad, extra) => {
                let byte = read_total.saturating_sub(bad as usize + extra as usize);
                return Err(MtError::Undecodable {
                    path: path.to_path_buf(),
                    line: 1 + out.matches('\n').count(),
                    byte,
                    value: bytes.get(byte).copied().unwrap_or(0),
                    encoding: enc.name(),
                });
            }
        }
    }
}

/// The encoding an XML declaration at the start of `bytes` names, when it is an
/// ASCII-compatible encoding other than UTF-8.
fn xml_declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let head = &bytes[..bytes.len().min(1024)];
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let end = head.windows(2).position(|w| w == b"?>")?;
    let decl = &head[..end];
    let at = decl.windows(8).position(|w| w == b"encoding")?;
    let rest = &decl[at + 8..];
    let rest = rest
        .trim_ascii_start()
        .strip_prefix(b"=")?
        .trim_ascii_start();
    let quote = *rest.first()?;
    if quote != b'"' && quote != b'\'' {
        return None;
    }
    let value = &rest[1..];
    let close = value.iter().position(|&b| b == quote)?;
    let enc = Encoding::for_label(&value[..close])?;
    (enc != UTF_8 && enc.is_ascii_compatible() && enc != encoding_rs::REPLACEMENT).then_some(enc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_like_coreutils() {
        assert_eq!(parse_size("1000"), Ok(1000));
        assert_eq!(parse_size("500M"), Ok(500 << 20));
        assert_eq!(parse_size("2G"), Ok(2 << 30));
        assert_eq!(parse_size("2g"), Ok(2 << 30));
        assert_eq!(parse_size("2GiB"), Ok(2 << 30));
        assert_eq!(parse_size("2GB"), Ok(2_000_000_000));
        assert_eq!(parse_size("1.5K"), Ok(1536));
        assert_eq!(parse_size("10 k"), Ok(10240));
        assert!(parse_size("").is_err());
        assert!(parse_size("0").is_err());
        assert!(parse_size("12X").is_err());
        assert!(parse_size("-5M").is_err());
        assert!(parse_size("1.5").is_err());
        assert!(parse_size("99999999999T").is_err());
    }

    #[test]
    fn encodings_parse_by_label() {
        assert_eq!(
            parse_encoding("windows-1252"),
            Ok(encoding_rs::WINDOWS_1252)
        );
        assert_eq!(parse_encoding("LATIN1"), Ok(encoding_rs::WINDOWS_1252));
        assert_eq!(parse_encoding("cp1252"), Ok(encoding_rs::WINDOWS_1252));
        assert!(parse_encoding("klingon").is_err());
        assert!(parse_encoding("iso-2022-kr").is_err());
    }

    #[test]
    fn sizes_for_people() {
        assert_eq!(human(3 << 30), "3.0 GiB (3221225472 bytes)");
        assert_eq!(human(100), "100 bytes");
        assert_eq!(suggest((3 << 30) + 1), "4G");
        assert_eq!(suggest(1), "1K");
        assert_eq!(suggest((5 << 20) + 1), "6M");
    }

    #[test]
    fn windows_1252_is_named_never_latin1() {
        // „Größe“ – 5 € … in Windows-1252.
        let bytes = b"Die \x84Gr\xf6\xdfe\x93 \x96 5 \x80 \x85 und mehr.\n".to_vec();
        let err = decode(Path::new("t.txt"), bytes, Decoding::Utf8(Role::Input))
            .unwrap_err()
            .to_string();
        assert!(err.contains("t.txt:1: invalid UTF-8 at byte 4"), "{err}");
        assert!(err.contains("iconv -f WINDOWS-1252 -t UTF-8"), "{err}");
        assert!(err.contains("--encoding windows-1252"), "{err}");
        assert!(!err.contains("LATIN1"), "{err}");
        let err = decode(
            Path::new("b.json"),
            b"caf\xe9 cr\xe8me".to_vec(),
            Decoding::Utf8(Role::Baseline),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("iconv -f WINDOWS-1252"), "{err}");
        assert!(!err.contains("--encoding"), "{err}");
    }

    #[test]
    fn a_damaged_byte_in_utf8_is_not_another_encoding() {
        let bytes = "Größe und Übermaß, schön und grün.\n\u{fc}ber \x00"
            .replace('\0', "")
            .into_bytes();
        let mut bytes = bytes;
        bytes.extend_from_slice(b"kaputt \xff hier");
        let err = decode(Path::new("t.txt"), bytes, Decoding::Utf8(Role::Input))
            .unwrap_err()
            .to_string();
        assert!(err.contains("this byte is damaged"), "{err}");
        assert!(!err.contains("iconv"), "{err}");
    }

    #[test]
    fn fallback_decodes_windows_1252_and_keeps_utf8() {
        let enc = encoding_rs::WINDOWS_1252;
        let text = decode(
            Path::new("t"),
            b"\x84Hallo\x93 \x96 5 \x80\r\n".to_vec(),
            Decoding::Fallback(enc),
        )
        .unwrap();
        assert_eq!(text, "„Hallo“ – 5 €\n");
        // Valid UTF-8 stays UTF-8.
        let text = decode(
            Path::new("t"),
            "„Hallo“".as_bytes().to_vec(),
            Decoding::Fallback(enc),
        )
        .unwrap();
        assert_eq!(text, "„Hallo“");
        // A UTF-16 file with a BOM is read by it.
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Grüß\n".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(
            decode(Path::new("t"), bytes, Decoding::Fallback(enc)).unwrap(),
            "Grüß\n"
        );
        // NUL is still binary.
        assert!(matches!(
            decode(
                Path::new("t"),
                b"a\x84\x00".to_vec(),
                Decoding::Fallback(enc)
            ),
            Err(MtError::Binary { byte: 2, .. })
        ));
    }

    #[test]
    fn undecodable_bytes_are_named() {
        // 0x82 0x20 is not Shift_JIS.
        let err = decode(
            Path::new("t"),
            b"ab\ncd\x82 ".to_vec(),
            Decoding::Fallback(encoding_rs::SHIFT_JIS),
        )
        .unwrap_err();
        assert!(
            matches!(
                err,
                MtError::Undecodable {
                    line: 2,
                    byte: 5,
                    value: 0x82,
                    ..
                }
            ),
            "{err:?}"
        );
    }

    #[test]
    fn xml_uses_its_declaration() {
        let bytes = b"<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n<a>\x84x\x93</a>".to_vec();
        let text = decode(Path::new("t.xlf"), bytes, Decoding::Xml).unwrap();
        assert!(text.ends_with("<a>„x“</a>"), "{text}");
        let bytes = b"<?xml version='1.0' encoding='ISO-8859-1'?><a>\xe4</a>".to_vec();
        assert!(
            decode(Path::new("t"), bytes, Decoding::Xml)
                .unwrap()
                .ends_with("<a>ä</a>")
        );
        // Valid UTF-8 declared Latin-1 is UTF-8 (the usual mistake).
        let bytes = "<?xml version='1.0' encoding='ISO-8859-1'?><a>ä</a>"
            .as_bytes()
            .to_vec();
        assert!(
            decode(Path::new("t"), bytes, Decoding::Xml)
                .unwrap()
                .ends_with("<a>ä</a>")
        );
        // No declaration: an error that says to declare it.
        let err = decode(Path::new("t"), b"<a>\x84x\x93</a>".to_vec(), Decoding::Xml)
            .unwrap_err()
            .to_string();
        assert!(err.contains("encoding=\"windows-1252\""), "{err}");
    }

    #[test]
    fn office_formats_are_named() {
        assert_eq!(
            unsupported_by_extension(Path::new("a/b.DOCX")),
            Some("a Word document (.docx)")
        );
        assert_eq!(unsupported_by_extension(Path::new("b.txt")), None);
        assert_eq!(
            unsupported_by_content(b"PK\x03\x04....word/document.xml"),
            Some("a Word document (.docx)")
        );
        assert_eq!(
            unsupported_by_content(
                b"PK\x03\x04....mimetypeapplication/vnd.oasis.opendocument.text"
            ),
            Some("an OpenDocument text (.odt)")
        );
        assert_eq!(
            unsupported_by_content(b"%PDF-1.7\n"),
            Some("a PDF document")
        );
        assert!(unsupported_by_content(b"{\\rtf1\\ansi").is_some());
        assert!(
            unsupported_by_content(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]).is_some()
        );
        assert_eq!(unsupported_by_content(b"Plain text"), None);
        assert_eq!(unsupported_by_content(b"PK is a name"), None);
    }
}
