//! Document numbers and symbols (số, ký hiệu): parsing and formatting.

use std::fmt;
use std::str::FromStr;

use crate::chars::{Cursor, FIND_WS_MAX, canon, is_code_letter};
use crate::date::YEARS;
use crate::doc_type::{DocType, Style};

/// Longest input [`DocNumber::parse`] accepts, in characters after trimming.
pub const MAX_LEN: usize = 64;
/// Most digits in the number itself.
pub const MAX_DIGITS: usize = 7;
/// Most issuer codes in one symbol (joint documents list several).
pub const MAX_ISSUERS: usize = 6;
/// Longest issuer code, in characters.
pub const MAX_ISSUER_LEN: usize = 20;
/// Longest type abbreviation read before giving up (`TTLT` is 4).
const MAX_TYPE_LEN: usize = 8;

/// Why a string is not a document number. Stable codes: [`DocNumberError::code`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocNumberError {
    /// Nothing but whitespace (`""`).
    #[error("the document number is empty")]
    Empty,
    /// Longer than [`MAX_LEN`] characters after trimming, or in its
    /// canonical form (from a constructor, or `5-…` padded to `05-…`).
    #[error("the document number is longer than {max} characters")]
    TooLong {
        /// The limit, [`MAX_LEN`].
        max: usize,
    },
    /// Does not start with digits (`"KH/HU"`, `"abc"`).
    #[error("the document number must start with its number (digits)")]
    MissingNumber,
    /// The number is 0 or has more than [`MAX_DIGITS`] digits.
    #[error("the number must be between 1 and 9999999")]
    NumberOutOfRange,
    /// The digits are not followed by `-` (Party) or `/` (State) (`"136"`).
    #[error(
        "expected '-' (Party style, 136-KH/HU) or '/' (State style, 45/QĐ-UBND) after the number"
    )]
    MissingSymbol,
    /// Party style without a type (`"136-/HU"`).
    #[error("the document type is missing")]
    MissingType,
    /// A type abbreviation that the style does not know (`"136-XY/HU"`,
    /// `"12-NĐ/TW"`: Party documents have no *Nghị định*).
    #[error("unknown {} document type {abbr:?}", style.code())]
    UnknownType {
        /// The abbreviation as written (after `Ð` → `Đ`).
        abbr: String,
        /// The style the number was read in.
        style: Style,
    },
    /// A constructor was asked for a type that has no abbreviation in the
    /// style (`NghiDinh` in Party style, `Luat` in State style).
    #[error("{doc_type} has no abbreviation in {} style", style.code())]
    TypeNotInStyle {
        /// The type asked for.
        doc_type: DocType,
        /// The style asked for.
        style: Style,
    },
    /// No issuer after the type (`"136-KH/"`, `"45/QĐ"`, `"05-QC/TU-"`).
    #[error("the issuer is missing")]
    MissingIssuer,
    /// An issuer code that is not 1..=20 letters, digits, `Đ` or `&`
    /// starting with a letter, or (State numbers without a type) one that
    /// would read as a type abbreviation.
    #[error("invalid issuer code {0:?}")]
    InvalidIssuer(String),
    /// More than [`MAX_ISSUERS`] issuers.
    #[error("more than {max} issuers")]
    TooManyIssuers {
        /// The limit, [`MAX_ISSUERS`].
        max: usize,
    },
    /// The year of a State number is not four digits in 1900..=2200
    /// (`"12/20/NĐ-CP"`).
    #[error("the year must have four digits between 1900 and 2200")]
    InvalidYear,
    /// Any other character out of place; `at` is a byte offset into the
    /// string given to [`DocNumber::parse`].
    #[error("unexpected {found:?} at byte {at}")]
    UnexpectedChar {
        /// The character as written.
        found: char,
        /// Byte offset of `found`.
        at: usize,
    },
}

impl DocNumberError {
    /// A stable snake_case code for message catalogues and tests, e.g.
    /// `"docref.missing_number"`.
    pub fn code(&self) -> &'static str {
        match self {
            DocNumberError::Empty => "docref.empty",
            DocNumberError::TooLong { .. } => "docref.too_long",
            DocNumberError::MissingNumber => "docref.missing_number",
            DocNumberError::NumberOutOfRange => "docref.number_out_of_range",
            DocNumberError::MissingSymbol => "docref.missing_symbol",
            DocNumberError::MissingType => "docref.missing_type",
            DocNumberError::UnknownType { .. } => "docref.unknown_type",
            DocNumberError::TypeNotInStyle { .. } => "docref.type_not_in_style",
            DocNumberError::MissingIssuer => "docref.missing_issuer",
            DocNumberError::InvalidIssuer(_) => "docref.invalid_issuer",
            DocNumberError::TooManyIssuers { .. } => "docref.too_many_issuers",
            DocNumberError::InvalidYear => "docref.invalid_year",
            DocNumberError::UnexpectedChar { .. } => "docref.unexpected_char",
        }
    }
}

/// A document number and symbol (số, ký hiệu), e.g. `136-KH/HU` or
/// `12/2023/NĐ-CP`.
///
/// Shapes (canonical form, as written by [`fmt::Display`]):
///
/// * Party style, Guideline 36-HD/VPTW (2018): `NN-TYPE/ISSUER[-ISSUER…]`:
///   `136-KH/HU`, `217-QĐ/TW`, `05-QC/BTCTU-BDVTU` (joint issuers, the lead
///   issuer first), `01-QĐi/TW`. Numbers restart each committee term.
/// * State style, Decree 30/2020/NĐ-CP, Appendix I:
///   `NN[/YYYY]/[TYPE-]ISSUER[-ISSUER…]`: `45/QĐ-UBND`, `12/2023/NĐ-CP`,
///   `22/2023/TT-BTTTT`; legislation and *công văn* carry no type
///   (`45/2019/QH14`, `123/UBND-VX`). Numbers restart each calendar year.
///
/// The number has at least two digits (Decree 30/2020/NĐ-CP App. I: "số nhỏ
/// hơn 10 phải ghi thêm số 0 phía trước"; Party numbers likewise start at
/// 01), so `5-KH/HU` is written `05-KH/HU`. The type abbreviation keeps the
/// spelling used (`QĐi` or `QyĐ`), in its canonical case; issuer codes are
/// kept as written except that `Ð` becomes `Đ`.
///
/// A number alone does not identify a document; see [`crate::DocKey`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DocNumber {
    style: Style,
    number: u32,
    year: Option<u16>,
    symbol_type: Option<(DocType, &'static str)>,
    issuers: Vec<String>,
}

/// How strictly [`parse_at`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// The whole (trimmed) input must be one number; whitespace is allowed
    /// around every separator.
    Strict,
    /// Read the longest number starting here (the finder). Whitespace runs
    /// are bounded and are not allowed around the hyphen joining issuers.
    Find,
}

impl Mode {
    fn ws(self) -> usize {
        match self {
            Mode::Strict => usize::MAX,
            Mode::Find => FIND_WS_MAX,
        }
    }
}

/// The raw (uncanonicalised) character at the cursor, for error reports.
fn unexpected_or(c: &Cursor<'_>, missing: DocNumberError) -> DocNumberError {
    match c.s.get(c.pos..).and_then(|r| r.chars().next()) {
        None => missing,
        Some(found) => DocNumberError::UnexpectedChar { found, at: c.pos },
    }
}

fn is_issuer_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == 'Đ' || c == 'đ' || c == '&'
}

/// Whether `s` (already canonicalised) is a valid issuer code.
fn valid_issuer(s: &str) -> bool {
    let n = s.chars().count();
    (1..=MAX_ISSUER_LEN).contains(&n)
        && s.chars().next().is_some_and(is_code_letter)
        && s.chars().all(is_issuer_char)
        && !s.ends_with('&')
}

/// Reads one issuer code; it must end at a word boundary.
fn read_issuer(c: &mut Cursor<'_>) -> Result<String, DocNumberError> {
    if !c.peek().is_some_and(is_code_letter) {
        return Err(unexpected_or(c, DocNumberError::MissingIssuer));
    }
    let mut out = String::new();
    let mut n = 0;
    while let Some(ch) = c.peek().filter(|&ch| is_issuer_char(ch)) {
        if n == MAX_ISSUER_LEN {
            out.push(ch);
            return Err(DocNumberError::InvalidIssuer(out));
        }
        out.push(ch);
        c.bump();
        n += 1;
    }
    if c.peek().is_some_and(char::is_alphanumeric) {
        return Err(unexpected_or(c, DocNumberError::MissingIssuer));
    }
    if out.ends_with('&') {
        return Err(DocNumberError::InvalidIssuer(out));
    }
    Ok(out)
}

/// Reads issuer codes joined by `-`; `first` is one already read.
fn read_issuers(
    c: &mut Cursor<'_>,
    first: Option<String>,
    mode: Mode,
) -> Result<Vec<String>, DocNumberError> {
    let mut v = vec![match first {
        Some(f) => f,
        None => read_issuer(c)?,
    }];
    loop {
        let save = *c;
        if mode == Mode::Strict {
            c.skip_ws(usize::MAX);
        }
        if !c.eat('-') {
            *c = save;
            break;
        }
        if mode == Mode::Strict {
            c.skip_ws(usize::MAX);
        }
        match read_issuer(c) {
            Ok(s) => {
                if v.len() == MAX_ISSUERS {
                    return Err(DocNumberError::TooManyIssuers { max: MAX_ISSUERS });
                }
                v.push(s);
            }
            Err(e) if mode == Mode::Strict => return Err(e),
            Err(_) => {
                *c = save;
                break;
            }
        }
    }
    Ok(v)
}

/// Reads a document number starting at byte `start` of `s`; returns it and
/// the byte offset just after its last character.
pub(crate) fn parse_at(
    s: &str,
    start: usize,
    mode: Mode,
) -> Result<(DocNumber, usize), DocNumberError> {
    let ws = mode.ws();
    let mut c = Cursor::new(s, start);
    let digits = c.digits(MAX_DIGITS);
    if digits.is_empty() {
        return Err(DocNumberError::MissingNumber);
    }
    if digits.len() > MAX_DIGITS {
        return Err(DocNumberError::NumberOutOfRange);
    }
    let number: u32 = digits
        .parse()
        .map_err(|_| DocNumberError::NumberOutOfRange)?;
    if number == 0 {
        return Err(DocNumberError::NumberOutOfRange);
    }
    c.skip_ws(ws);
    let doc = match c.peek() {
        Some('-') => {
            c.bump();
            c.skip_ws(ws);
            let mut tok = String::new();
            while let Some(ch) = c.peek().filter(|&ch| is_code_letter(ch)) {
                tok.push(ch);
                c.bump();
                if tok.chars().count() > MAX_TYPE_LEN {
                    return Err(DocNumberError::UnknownType {
                        abbr: tok,
                        style: Style::Party,
                    });
                }
            }
            if tok.is_empty() {
                return Err(match c.peek() {
                    None | Some('/') => DocNumberError::MissingType,
                    Some(_) => unexpected_or(&c, DocNumberError::MissingType),
                });
            }
            let symbol_type = DocType::from_abbreviation(&tok, Style::Party).ok_or(
                DocNumberError::UnknownType {
                    abbr: tok,
                    style: Style::Party,
                },
            )?;
            c.skip_ws(ws);
            if !c.eat('/') {
                return Err(unexpected_or(&c, DocNumberError::MissingIssuer));
            }
            c.skip_ws(ws);
            let issuers = read_issuers(&mut c, None, mode)?;
            DocNumber {
                style: Style::Party,
                number,
                year: None,
                symbol_type: Some(symbol_type),
                issuers,
            }
        }
        Some('/') => {
            c.bump();
            c.skip_ws(ws);
            let mut year = None;
            if c.peek().is_some_and(|ch| ch.is_ascii_digit()) {
                let d = c.digits(4);
                let y: u16 = match (d.len(), d.parse()) {
                    (4, Ok(y)) if YEARS.contains(&y) => y,
                    _ => return Err(DocNumberError::InvalidYear),
                };
                c.skip_ws(ws);
                if !c.eat('/') {
                    return Err(unexpected_or(&c, DocNumberError::MissingIssuer));
                }
                c.skip_ws(ws);
                year = Some(y);
            }
            let first = read_issuer(&mut c)?;
            match DocType::from_abbreviation(&first, Style::State) {
                Some(symbol_type) => {
                    c.skip_ws(ws);
                    if !c.eat('-') {
                        return Err(unexpected_or(&c, DocNumberError::MissingIssuer));
                    }
                    c.skip_ws(ws);
                    let issuers = read_issuers(&mut c, None, mode)?;
                    DocNumber {
                        style: Style::State,
                        number,
                        year,
                        symbol_type: Some(symbol_type),
                        issuers,
                    }
                }
                None => {
                    let issuers = read_issuers(&mut c, Some(first), mode)?;
                    DocNumber {
                        style: Style::State,
                        number,
                        year,
                        symbol_type: None,
                        issuers,
                    }
                }
            }
        }
        _ => return Err(DocNumberError::MissingSymbol),
    };
    doc.check_len()?;
    Ok((doc, c.pos))
}

fn check_issuers(issuers: &[&str]) -> Result<Vec<String>, DocNumberError> {
    if issuers.is_empty() {
        return Err(DocNumberError::MissingIssuer);
    }
    if issuers.len() > MAX_ISSUERS {
        return Err(DocNumberError::TooManyIssuers { max: MAX_ISSUERS });
    }
    issuers
        .iter()
        .map(|i| {
            let s: String = i.chars().map(canon).collect();
            if valid_issuer(&s) {
                Ok(s)
            } else {
                Err(DocNumberError::InvalidIssuer(s))
            }
        })
        .collect()
}

fn check_number(number: u32) -> Result<u32, DocNumberError> {
    if (1..=9_999_999).contains(&number) {
        Ok(number)
    } else {
        Err(DocNumberError::NumberOutOfRange)
    }
}

impl DocNumber {
    /// Parses a number in either style; see the type's documentation for the
    /// shapes.
    ///
    /// Tolerated and normalised: surrounding whitespace, whitespace around
    /// separators (`136 - KH / HU`), `Ð` (U+00D0) for `Đ`, the hyphen
    /// look-alikes `‐ ‑ ‒ – — ― −` for `-`, type abbreviations in any case
    /// (`kh`, `CTR`) and a plain `D` for `Đ` in a type when nothing matches
    /// exactly (`QD` → `QĐ`). Numbers below 10 get their leading zero.
    ///
    /// # Errors
    ///
    /// A [`DocNumberError`]: `""` → `Empty`, `"KH/HU"` and `"abc"` →
    /// `MissingNumber`, `"136-/HU"` → `MissingType`, `"136-KH/"` →
    /// `MissingIssuer`, `"136-XY/HU"` → `UnknownType`, and so on. Never
    /// panics.
    ///
    /// ```
    /// use danvan_docref::{DocNumber, DocType, Style};
    ///
    /// let d = DocNumber::parse(" 05–QC/BTCTU-BDVTU ").unwrap();
    /// assert_eq!(d.to_string(), "05-QC/BTCTU-BDVTU");
    /// assert_eq!(d.symbol_type(), Some(DocType::QuyChe));
    /// let d = DocNumber::parse("12/2023/NÐ-CP").unwrap();
    /// assert_eq!((d.style(), d.year()), (Style::State, Some(2023)));
    /// assert_eq!(d.to_string(), "12/2023/NĐ-CP");
    /// assert_eq!(DocNumber::parse("136-/HU").unwrap_err().code(), "docref.missing_type");
    /// ```
    pub fn parse(s: &str) -> Result<DocNumber, DocNumberError> {
        let t = s.trim();
        if t.is_empty() {
            return Err(DocNumberError::Empty);
        }
        if t.chars().count() > MAX_LEN {
            return Err(DocNumberError::TooLong { max: MAX_LEN });
        }
        let start = s.len() - s.trim_start().len();
        let end = start + t.len();
        let (doc, stop) = parse_at(&s[..end], start, Mode::Strict)?;
        if stop != end {
            let mut rest = Cursor::new(&s[..end], stop);
            rest.skip_ws(usize::MAX);
            return Err(unexpected_or(&rest, DocNumberError::MissingIssuer));
        }
        Ok(doc)
    }

    /// A Party-style number `number-TYPE/ISSUER[-ISSUER…]`
    /// (Guideline 36-HD/VPTW, 2018).
    ///
    /// # Errors
    ///
    /// `NumberOutOfRange` unless 1..=9 999 999; `TypeNotInStyle` for types
    /// without a Party abbreviation; `MissingIssuer`, `TooManyIssuers` or
    /// `InvalidIssuer` for the issuers.
    pub fn party(
        number: u32,
        doc_type: DocType,
        issuers: &[&str],
    ) -> Result<DocNumber, DocNumberError> {
        let number = check_number(number)?;
        let abbr = doc_type
            .abbreviation(Style::Party)
            .ok_or(DocNumberError::TypeNotInStyle {
                doc_type,
                style: Style::Party,
            })?;
        let d = DocNumber {
            style: Style::Party,
            number,
            year: None,
            symbol_type: Some((doc_type, abbr)),
            issuers: check_issuers(issuers)?,
        };
        d.check_len()?;
        Ok(d)
    }

    /// A State-style number `number[/year]/[TYPE-]ISSUER[-ISSUER…]`
    /// (Decree 30/2020/NĐ-CP, Appendix I). `doc_type` is `None` for symbols
    /// without a type (laws `45/2019/QH14`, *công văn* `123/UBND-VX`).
    ///
    /// # Errors
    ///
    /// `NumberOutOfRange`; `InvalidYear` outside 1900..=2200;
    /// `TypeNotInStyle` for a type without a State abbreviation; issuer
    /// errors, including `InvalidIssuer` when `doc_type` is `None` and the
    /// first issuer would read as a type (`45/QĐ-…`).
    pub fn state(
        number: u32,
        year: Option<u16>,
        doc_type: Option<DocType>,
        issuers: &[&str],
    ) -> Result<DocNumber, DocNumberError> {
        let number = check_number(number)?;
        if year.is_some_and(|y| !YEARS.contains(&y)) {
            return Err(DocNumberError::InvalidYear);
        }
        let symbol_type = match doc_type {
            None => None,
            Some(t) => Some((
                t,
                t.abbreviation(Style::State)
                    .ok_or(DocNumberError::TypeNotInStyle {
                        doc_type: t,
                        style: Style::State,
                    })?,
            )),
        };
        let issuers = check_issuers(issuers)?;
        if symbol_type.is_none() && DocType::from_abbreviation(&issuers[0], Style::State).is_some()
        {
            return Err(DocNumberError::InvalidIssuer(issuers[0].clone()));
        }
        let d = DocNumber {
            style: Style::State,
            number,
            year,
            symbol_type,
            issuers,
        };
        d.check_len()?;
        Ok(d)
    }

    /// The same number with the type abbreviation spelled `abbr` (one of the
    /// type's accepted spellings, e.g. `QyĐ` for `QĐi`).
    pub(crate) fn respelled(&self, abbr: &'static str) -> DocNumber {
        let mut d = self.clone();
        if let Some((t, _)) = d.symbol_type {
            d.symbol_type = Some((t, abbr));
        }
        d
    }

    /// Normalising can lengthen a number (`5-…` → `05-…`); the canonical
    /// form must itself parse, so it is held to [`MAX_LEN`] too.
    fn check_len(&self) -> Result<(), DocNumberError> {
        if self.to_string().chars().count() > MAX_LEN {
            return Err(DocNumberError::TooLong { max: MAX_LEN });
        }
        Ok(())
    }

    /// Party or State style.
    pub fn style(&self) -> Style {
        self.style
    }

    /// The number, 1..=9 999 999 (`136` in `136-KH/HU`).
    pub fn number(&self) -> u32 {
        self.number
    }

    /// The year written in a State number (`2023` in `12/2023/NĐ-CP`).
    pub fn year(&self) -> Option<u16> {
        self.year
    }

    /// The type written in the symbol; `None` for State symbols without one
    /// (`45/2019/QH14`). The type of the document itself may differ: Party
    /// *Quy định* before 2018 were numbered `…-QĐ/TW`.
    pub fn symbol_type(&self) -> Option<DocType> {
        self.symbol_type.map(|(t, _)| t)
    }

    /// The type abbreviation as written, in canonical case (`"QĐi"`).
    pub fn type_abbreviation(&self) -> Option<&'static str> {
        self.symbol_type.map(|(_, a)| a)
    }

    /// Issuer codes, lead issuer first (`["BTCTU", "BDVTU"]`).
    pub fn issuers(&self) -> &[String] {
        &self.issuers
    }

    /// The symbol (ký hiệu) without the number and year: `KH/HU`, `NĐ-CP`,
    /// `UBND-VX`.
    pub fn symbol(&self) -> String {
        let issuers = self.issuers.join("-");
        match (self.style, self.type_abbreviation()) {
            (Style::Party, Some(a)) => format!("{a}/{issuers}"),
            (Style::State, Some(a)) => format!("{a}-{issuers}"),
            (_, None) => issuers,
        }
    }
}

impl fmt::Display for DocNumber {
    /// The canonical form: `136-KH/HU`, `05-QC/BTCTU-BDVTU`, `12/2023/NĐ-CP`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.style {
            Style::Party => write!(f, "{:02}-{}", self.number, self.symbol()),
            Style::State => {
                write!(f, "{:02}/", self.number)?;
                if let Some(y) = self.year {
                    write!(f, "{y}/")?;
                }
                f.write_str(&self.symbol())
            }
        }
    }
}

impl FromStr for DocNumber {
    type Err = DocNumberError;

    /// Same as [`DocNumber::parse`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DocNumber::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use DocNumberError as E;

    fn p(s: &str) -> Result<DocNumber, DocNumberError> {
        DocNumber::parse(s)
    }

    #[test]
    fn examples_round_trip() {
        for s in [
            "136-KH/HU",
            "05-QC/BTCTU-BDVTU",
            "217-QĐ/TW",
            "218-QĐ/TW",
            "01-QĐi/TW",
            "18-CT/TU",
            "62-CTr/HU",
            "25-NQ/TW",
            "36-HD/VPTW",
            "45/QĐ-UBND",
            "12/2023/NĐ-CP",
            "30/2020/NĐ-CP",
            "22/2023/TT-BTTTT",
            "123/2015/TTLT-BTC-BLĐTBXH",
            "45/2019/QH14",
            "123/UBND-VX",
            "12/CT-TTg",
            "05/QyĐ-UBND",
        ] {
            let d = p(s).unwrap_or_else(|e| panic!("{s}: {e}"));
            assert_eq!(d.to_string(), s);
            assert_eq!(p(&d.to_string()).unwrap(), d);
        }
    }

    #[test]
    fn fields() {
        let d = p("05-QC/BTCTU-BDVTU").unwrap();
        assert_eq!(d.style(), Style::Party);
        assert_eq!(d.number(), 5);
        assert_eq!(d.symbol_type(), Some(DocType::QuyChe));
        assert_eq!(d.issuers(), ["BTCTU", "BDVTU"]);
        assert_eq!(d.symbol(), "QC/BTCTU-BDVTU");
        let d = p("12/2023/NĐ-CP").unwrap();
        assert_eq!(
            (d.style(), d.number(), d.year()),
            (Style::State, 12, Some(2023))
        );
        assert_eq!(d.symbol_type(), Some(DocType::NghiDinh));
        assert_eq!(d.symbol(), "NĐ-CP");
        let d = p("22/2023/TT-BTTTT").unwrap();
        assert_eq!(d.symbol_type(), Some(DocType::ThongTu));
        let d = p("01-TT/TW").unwrap();
        assert_eq!(d.symbol_type(), Some(DocType::ThongTri));
        let d = p("45/2019/QH14").unwrap();
        assert_eq!(d.symbol_type(), None);
        assert_eq!(d.issuers(), ["QH14"]);
        let d = p("01-QyĐ/TW").unwrap();
        assert_eq!(d.symbol_type(), Some(DocType::QuyDinh));
        assert_eq!(d.to_string(), "01-QyĐ/TW");
    }

    #[test]
    fn normalises() {
        for (input, want) in [
            ("  136-KH/HU \n", "136-KH/HU"),
            ("217-QÐ/TW", "217-QĐ/TW"),
            ("217–QĐ/TW", "217-QĐ/TW"),
            ("217‐QĐ/TW", "217-QĐ/TW"),
            ("217‑QĐ/TW", "217-QĐ/TW"),
            ("217—QĐ/TW", "217-QĐ/TW"),
            ("217−QĐ/TW", "217-QĐ/TW"),
            ("05-QC/BTCTU–BDVTU", "05-QC/BTCTU-BDVTU"),
            ("45/QÐ–UBND", "45/QĐ-UBND"),
            ("12/2023/NÐ-CP", "12/2023/NĐ-CP"),
            ("136 - KH / HU", "136-KH/HU"),
            ("12 / 2023 / NĐ - CP", "12/2023/NĐ-CP"),
            ("136-kh/HU", "136-KH/HU"),
            ("62-CTR/HU", "62-CTr/HU"),
            ("217-QD/TW", "217-QĐ/TW"),
            ("12/2023/ND-CP", "12/2023/NĐ-CP"),
            ("5-KH/HU", "05-KH/HU"),
            ("005/QĐ-UBND", "05/QĐ-UBND"),
            ("12-NQ/ÐU", "12-NQ/ĐU"),
        ] {
            assert_eq!(
                p(input).map(|d| d.to_string()),
                Ok(want.to_string()),
                "{input:?}"
            );
        }
    }

    #[test]
    fn errors() {
        assert_eq!(p(""), Err(E::Empty));
        assert_eq!(p("   "), Err(E::Empty));
        assert_eq!(p("KH/HU"), Err(E::MissingNumber));
        assert_eq!(p("abc"), Err(E::MissingNumber));
        assert_eq!(p("136-/HU"), Err(E::MissingType));
        assert_eq!(p("136-"), Err(E::MissingType));
        assert_eq!(p("136"), Err(E::MissingSymbol));
        assert_eq!(p("136 KH/HU"), Err(E::MissingSymbol));
        assert_eq!(p("136-KH/"), Err(E::MissingIssuer));
        assert_eq!(p("136-KH"), Err(E::MissingIssuer));
        assert_eq!(p("05-QC/TU-"), Err(E::MissingIssuer));
        assert_eq!(p("45/QĐ"), Err(E::MissingIssuer));
        assert_eq!(p("45/QĐ-"), Err(E::MissingIssuer));
        assert_eq!(p("45/"), Err(E::MissingIssuer));
        assert_eq!(
            p("136-XY/HU"),
            Err(E::UnknownType {
                abbr: "XY".into(),
                style: Style::Party
            })
        );
        assert_eq!(
            p("12-NĐ/TW"),
            Err(E::UnknownType {
                abbr: "NĐ".into(),
                style: Style::Party
            })
        );
        assert_eq!(p("0-KH/HU"), Err(E::NumberOutOfRange));
        assert_eq!(p("12345678-KH/HU"), Err(E::NumberOutOfRange));
        assert_eq!(p("12/20/NĐ-CP"), Err(E::InvalidYear));
        assert_eq!(p("12/1800/NĐ-CP"), Err(E::InvalidYear));
        assert_eq!(p("25/7/2023"), Err(E::InvalidYear));
        assert_eq!(
            p("136-KH/HU x"),
            Err(E::UnexpectedChar { found: 'x', at: 10 })
        );
        assert_eq!(
            p(" 136-KH/H@U"),
            Err(E::UnexpectedChar { found: '@', at: 9 })
        );
        assert_eq!(
            p("136-KH/Huyện"),
            Err(E::UnexpectedChar {
                found: 'ệ', at: 10
            })
        );
        assert_eq!(
            p("136-KH/A-B-C-D-E-F-G"),
            Err(E::TooManyIssuers { max: MAX_ISSUERS })
        );
        assert_eq!(p(&"1".repeat(65)), Err(E::TooLong { max: MAX_LEN }));
        // Found by `cargo fuzz run parse`: 64 characters that pad to 65.
        let fuzz = "2/T2TBT6T2T-BTT6T2T-BTT2TT-BTT2BTT2TBTT22TT-BTT2BTT2TBTT2T-BTT2T";
        assert_eq!(fuzz.len(), MAX_LEN);
        assert_eq!(p(fuzz), Err(E::TooLong { max: MAX_LEN }));
        assert_eq!(
            DocNumber::party(1, DocType::KeHoach, &["A".repeat(20).as_str(); 6]),
            Err(E::TooLong { max: MAX_LEN })
        );
        assert_eq!(p("136-KH/SGD&"), Err(E::InvalidIssuer("SGD&".into())));
        assert_eq!(
            p("136-KH/HU").map_err(|e| e.code()),
            Ok(p("136-KH/HU").unwrap())
        );
        assert_eq!(E::MissingNumber.code(), "docref.missing_number");
    }

    #[test]
    fn constructors() {
        let d = DocNumber::party(136, DocType::KeHoach, &["HU"]).unwrap();
        assert_eq!(d, p("136-KH/HU").unwrap());
        let d = DocNumber::party(1, DocType::QuyDinh, &["TW"]).unwrap();
        assert_eq!(d.to_string(), "01-QĐi/TW");
        let d = DocNumber::state(12, Some(2023), Some(DocType::NghiDinh), &["CP"]).unwrap();
        assert_eq!(d, p("12/2023/NĐ-CP").unwrap());
        let d = DocNumber::state(45, Some(2019), None, &["QH14"]).unwrap();
        assert_eq!(d.to_string(), "45/2019/QH14");
        assert_eq!(
            DocNumber::party(1, DocType::NghiDinh, &["TW"]),
            Err(E::TypeNotInStyle {
                doc_type: DocType::NghiDinh,
                style: Style::Party
            })
        );
        assert_eq!(
            DocNumber::state(1, None, Some(DocType::Luat), &["QH14"]),
            Err(E::TypeNotInStyle {
                doc_type: DocType::Luat,
                style: Style::State
            })
        );
        assert_eq!(
            DocNumber::state(1, None, None, &["QĐ", "UBND"]),
            Err(E::InvalidIssuer("QĐ".into()))
        );
        assert_eq!(
            DocNumber::party(0, DocType::KeHoach, &["HU"]),
            Err(E::NumberOutOfRange)
        );
        assert_eq!(
            DocNumber::party(1, DocType::KeHoach, &[]),
            Err(E::MissingIssuer)
        );
        assert_eq!(
            DocNumber::party(1, DocType::KeHoach, &["H U"]),
            Err(E::InvalidIssuer("H U".into()))
        );
        assert_eq!(
            DocNumber::state(1, Some(99), None, &["UBND"]),
            Err(E::InvalidYear)
        );
        assert_eq!(
            DocNumber::party(1, DocType::NghiQuyet, &["ÐU"])
                .unwrap()
                .to_string(),
            "01-NQ/ĐU"
        );
    }
}
