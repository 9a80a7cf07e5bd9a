//! Finding document references in running text.

use std::ops::Range;

use crate::chars::{Cursor, FIND_WS_MAX, canon, lower};
use crate::date::DocDate;
use crate::doc_type::DocType;
use crate::key::DocKey;
use crate::number::{DocNumber, Mode, parse_at};

/// A reference to a document found in running text by [`find_references`].
///
/// Spans are byte ranges into the text given, on character boundaries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// From the type word to the end of the number: `Kế hoạch số136-KH/HU`
    /// (the text to turn into a link). For a further number in a list
    /// (`… số 217-QĐ/TW, 218-QĐ/TW`) it starts at its own `số` or number.
    pub span: Range<usize>,
    /// The number alone as written: `136-KH/HU`.
    pub number_span: Range<usize>,
    /// The type named by the word in the text (`Kế hoạch` → `KeHoach`).
    pub doc_type: DocType,
    /// The number, normalised.
    pub number: DocNumber,
    /// The date of issue when the text gives it right after the number
    /// (`, ngày 25/7/2023`).
    pub date: Option<DocDate>,
    /// Span of the date from `ngày` to the year: `ngày 25/7/2023`.
    pub date_span: Option<Range<usize>>,
}

impl Reference {
    /// The document key this reference names; see [`DocKey`].
    pub fn key(&self) -> DocKey {
        DocKey::new(&self.number, self.doc_type, self.date)
    }
}

/// Type words to look for, longest first so that `Nghị quyết liên tịch`
/// wins over `Nghị quyết`.
fn type_words() -> Vec<(&'static str, DocType)> {
    let mut v: Vec<(&'static str, DocType)> = DocType::ALL
        .into_iter()
        .flat_map(|t| {
            std::iter::once(t.name())
                .chain(t.name_variants().iter().copied())
                .map(move |w| (w, t))
        })
        .collect();
    v.sort_by_key(|(w, _)| std::cmp::Reverse(w.chars().count()));
    v
}

/// Skips `số` and an optional colon, with whitespace around.
fn skip_so(c: &mut Cursor<'_>) {
    c.skip_ws(FIND_WS_MAX);
    if c.eat_word("số") {
        c.skip_ws(FIND_WS_MAX);
        if c.eat(':') {
            c.skip_ws(FIND_WS_MAX);
        }
    }
}

fn next_is_digit(c: &Cursor<'_>) -> bool {
    c.peek().is_some_and(|ch| ch.is_ascii_digit())
}

/// Reads `n` digits with `min <= n <= max`.
fn number_between(c: &mut Cursor<'_>, min: usize, max: usize) -> Option<u16> {
    let d = c.digits(max);
    if d.len() < min || d.len() > max {
        return None;
    }
    d.parse().ok()
}

/// A date of issue right after a number: optional comma, optional
/// `ban hành`, then `ngày` and `d/m/yyyy` (`/`, `-` or `.` between the parts)
/// or `d tháng m năm yyyy`.
fn date_after(text: &str, pos: usize) -> Option<(DocDate, Range<usize>)> {
    let ws = FIND_WS_MAX;
    let mut c = Cursor::new(text, pos);
    c.skip_ws(ws);
    if c.eat(',') {
        c.skip_ws(ws);
    }
    if c.eat_word("ban hành") {
        c.skip_ws(ws);
    }
    let start = c.pos;
    if !c.eat_word("ngày") {
        return None;
    }
    c.skip_ws(ws);
    let day = number_between(&mut c, 1, 2)?;
    c.skip_ws(ws);
    let (month, year);
    if matches!(c.peek(), Some('/' | '-' | '.')) {
        c.bump();
        c.skip_ws(ws);
        month = number_between(&mut c, 1, 2)?;
        c.skip_ws(ws);
        if !matches!(c.bump(), Some('/' | '-' | '.')) {
            return None;
        }
        c.skip_ws(ws);
        year = number_between(&mut c, 4, 4)?;
    } else {
        if !c.eat_word("tháng") {
            return None;
        }
        c.skip_ws(ws);
        month = number_between(&mut c, 1, 2)?;
        c.skip_ws(ws);
        if !c.eat_word("năm") {
            return None;
        }
        c.skip_ws(ws);
        year = number_between(&mut c, 4, 4)?;
    }
    let date = DocDate::new(year, u8::try_from(month).ok()?, u8::try_from(day).ok()?)?;
    Some((date, start..c.pos))
}

fn reference(
    text: &str,
    span_start: usize,
    num_start: usize,
    doc_type: DocType,
) -> Option<Reference> {
    let (number, num_end) = parse_at(text, num_start, Mode::Find).ok()?;
    let (date, date_span) = match date_after(text, num_end) {
        Some((d, s)) => (Some(d), Some(s)),
        None => (None, None),
    };
    Some(Reference {
        span: span_start..num_end,
        number_span: num_start..num_end,
        doc_type,
        number,
        date,
        date_span,
    })
}

fn end_of(r: &Reference) -> usize {
    r.date_span.as_ref().map_or(r.number_span.end, |s| s.end)
}

/// Tries a reference whose type word starts at `start`; pushes it and any
/// numbers listed after it, and returns where scanning resumes.
fn try_at(
    text: &str,
    start: usize,
    words: &[(&str, DocType)],
    out: &mut Vec<Reference>,
) -> Option<usize> {
    let mut c = Cursor::new(text, start);
    let doc_type = words.iter().find_map(|&(w, t)| {
        let mut probe = c;
        probe.eat_word(w).then(|| {
            c = probe;
            t
        })
    })?;
    skip_so(&mut c);
    if !next_is_digit(&c) {
        return None;
    }
    let first = reference(text, start, c.pos, doc_type)?;
    let mut end = end_of(&first);
    let symbol_type = first.number.symbol_type();
    out.push(first);
    // Further numbers sharing the word: "… số 217-QĐ/TW, 218-QĐ/TW và 219-QĐ/TW".
    loop {
        let mut c = Cursor::new(text, end);
        c.skip_ws(FIND_WS_MAX);
        let separated = c.eat(',')
            || c.eat(';')
            || (c.eat_word("và") && !c.peek().is_some_and(char::is_alphanumeric));
        if !separated {
            break;
        }
        c.skip_ws(FIND_WS_MAX);
        let span_start = c.pos;
        skip_so(&mut c);
        if !next_is_digit(&c) {
            break;
        }
        let Some(r) = reference(text, span_start, c.pos, doc_type) else {
            break;
        };
        if r.number.symbol_type().is_some() && r.number.symbol_type() != symbol_type {
            break;
        }
        end = end_of(&r);
        out.push(r);
    }
    Some(end)
}

/// Finds references to documents in running text: a type word (`Kế hoạch`,
/// `Chỉ thị`, `Nghị quyết`, … any case, `Qui` for `Quy`), optionally `số`,
/// and a number in either style ([`DocNumber`]), with the date of issue
/// when `ngày d/m/yyyy` (or `ngày d tháng m năm yyyy`) follows right after,
/// an optional comma between. Further numbers listed after a reference with
/// `,`, `;` or `và` share its type word.
///
/// Tolerates missing or extra spaces and line breaks between the parts
/// (`Kế hoạch số136-KH/HU`, `Nghị quyết\nsố 25-NQ/TW`), `Ð` (U+00D0) for `Đ`
/// and hyphen look-alikes. Expects NFC text (`danvan_text::normalize_input`).
/// Text that looks like a reference but does not parse (`Kế hoạch số 5 năm`)
/// is skipped. Results are in text order and do not overlap; spans are byte
/// ranges into `text`. Linear time; never panics.
///
/// ```
/// use danvan_docref::{DocType, find_references};
///
/// let text = "quán triệt Kế hoạch số136-KH/HU, ngày 25/7/2023 của Ban Thường vụ";
/// let r = &find_references(text)[0];
/// assert_eq!(&text[r.span.clone()], "Kế hoạch số136-KH/HU");
/// assert_eq!(r.doc_type, DocType::KeHoach);
/// assert_eq!(r.number.to_string(), "136-KH/HU");
/// assert_eq!(r.date.map(|d| d.to_string()).as_deref(), Some("2023-07-25"));
/// ```
pub fn find_references(text: &str) -> Vec<Reference> {
    let words = type_words();
    let mut firsts: Vec<char> = words
        .iter()
        .filter_map(|(w, _)| w.chars().next().map(lower))
        .collect();
    firsts.sort_unstable();
    firsts.dedup();
    let mut out = Vec::new();
    let mut i = 0;
    let mut prev_alnum = false;
    while let Some(ch) = text.get(i..).and_then(|r| r.chars().next()) {
        if !prev_alnum
            && firsts.binary_search(&lower(canon(ch))).is_ok()
            && let Some(end) = try_at(text, i, &words, &mut out)
        {
            prev_alnum = text[..end]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
            i = end;
            continue;
        }
        prev_alnum = ch.is_alphanumeric();
        i += ch.len_utf8();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, DocType, Option<String>, String)> {
        find_references(text)
            .into_iter()
            .map(|r| {
                (
                    r.number.to_string(),
                    r.doc_type,
                    r.date.map(|d| d.to_string()),
                    text[r.span.clone()].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn missing_space_and_date() {
        let t = "Tổ chức quán triệt Kế hoạch số136-KH/HU, ngày 25/7/2023 của Ban Thường vụ";
        let r = find_references(t);
        assert_eq!(r.len(), 1);
        assert_eq!(&t[r[0].span.clone()], "Kế hoạch số136-KH/HU");
        assert_eq!(&t[r[0].number_span.clone()], "136-KH/HU");
        assert_eq!(r[0].date, DocDate::new(2023, 7, 25));
        assert_eq!(&t[r[0].date_span.clone().unwrap()], "ngày 25/7/2023");
        assert_eq!(r[0].doc_type, DocType::KeHoach);
    }

    #[test]
    fn look_alikes_and_line_breaks() {
        assert_eq!(
            found("theo Quyết Ðịnh số 217–QÐ/TW ngày\n12 tháng 12 năm 2013"),
            [(
                "217-QĐ/TW".into(),
                DocType::QuyetDinh,
                Some("2013-12-12".into()),
                "Quyết Ðịnh số 217–QÐ/TW".into()
            )]
        );
        assert_eq!(
            found("thực hiện nghị quyết\nsố\n25-NQ/TW,\nngày 03/6/2013"),
            [(
                "25-NQ/TW".into(),
                DocType::NghiQuyet,
                Some("2013-06-03".into()),
                "nghị quyết\nsố\n25-NQ/TW".into()
            )]
        );
        assert_eq!(found("NGHỊ QUYẾT SỐ 25-NQ/TW")[0].0, "25-NQ/TW");
    }

    #[test]
    fn state_numbers_and_lists() {
        let f = found(
            "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020; Luật số 45/2019/QH14; \
             Công văn số 123/UBND-VX; các Quyết định số 217-QĐ/TW, 218-QĐ/TW và số 219-QĐ/TW.",
        );
        let numbers: Vec<_> = f.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            numbers,
            [
                "30/2020/NĐ-CP",
                "45/2019/QH14",
                "123/UBND-VX",
                "217-QĐ/TW",
                "218-QĐ/TW",
                "219-QĐ/TW"
            ]
        );
        assert_eq!(f[0].2.as_deref(), Some("2020-03-05"));
        assert_eq!(f[1].1, DocType::Luat);
        assert_eq!(f[2].1, DocType::CongVan);
        assert_eq!(f[4].1, DocType::QuyetDinh);
        assert_eq!(f[4].3, "218-QĐ/TW");
        assert_eq!(f[5].3, "số 219-QĐ/TW");
    }

    #[test]
    fn list_stops_at_other_types() {
        let f = found("Quyết định số 45/QĐ-UBND, 12/2023/NĐ-CP");
        assert_eq!(f.len(), 1);
    }

    #[test]
    fn not_references() {
        assert!(found("Kế hoạch số 5 năm").is_empty());
        assert!(found("Nghị quyết Trung ương 7 (khóa XI)").is_empty());
        assert!(found("Kế hoạch số 136-XY/HU").is_empty());
        assert!(found("kếhoạch").is_empty());
        assert!(found("Kế hoạch số 136-KH/Huyện").is_empty());
        assert!(found("").is_empty());
        // a type word inside another word is not a type word
        assert!(found("ABCKế hoạch số 136-KH/HU").is_empty());
    }

    #[test]
    fn dates() {
        let d = |t: &str| {
            find_references(t)
                .first()
                .and_then(|r| r.date)
                .map(|d| d.to_string())
        };
        assert_eq!(
            d("Kế hoạch số 1-KH/HU ngày 25-7-2023"),
            Some("2023-07-25".into())
        );
        assert_eq!(
            d("Kế hoạch số 1-KH/HU ban hành ngày 25.7.2023"),
            Some("2023-07-25".into())
        );
        assert_eq!(d("Kế hoạch số 1-KH/HU, ngày 31/2/2023"), None);
        assert_eq!(d("Kế hoạch số 1-KH/HU của Huyện ủy ngày 25/7/2023"), None);
        assert_eq!(d("Kế hoạch số 1-KH/HU, ngày 25/7/20234"), None);
    }
}
