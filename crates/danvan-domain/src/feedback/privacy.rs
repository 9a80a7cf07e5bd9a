//! Personal data in a text, found and masked before a question or answer
//! is published (Nghị định 13/2023/NĐ-CP on personal data protection, Art. 2:
//! name, phone number, e-mail address and identity card number are basic
//! personal data). What is found is shown to staff with the proposed
//! redaction; publication waits for their confirmation (issue 13, scope 4),
//! so the rules below lean towards finding too much rather than too little,
//! without flagging the dates, amounts, years and document numbers every
//! answer is full of.
//!
//! Found:
//!
//! * **the submitter's name** ([`Known::name`]): all its words in order,
//!   or its family and given names with other middle names between them
//!   (up to [`MAX_OTHER_MIDDLE_NAMES`] more, each capitalised or one of
//!   [`MIDDLE_NAMES`]) or none ("Trần Bình" given, "Trần Thị Bình"
//!   written), separated by white space only, compared folded ([`danvan_text::fold`]:
//!   any case, with or without diacritics, NFC or NFD), with a title
//!   directly before it ([`TITLES`]: "ông", "bà", "anh", "chị", …) counted
//!   in the span. The given name alone (the last word) counts only after a
//!   title and with its diacritics as written ("ông Bình", "chị Lan"):
//!   alone it is too often an ordinary word ("hòa bình", "bình thường"),
//!   and folded "bà Lan" is "Ba Lan" (Poland). A one-word name is matched
//!   only in that form;
//! * **phone numbers** ([`FindingKind::Phone`]): any Vietnamese mobile
//!   number (10 digits `03`, `05`, `07`, `08`, `09`…), landline (11 digits
//!   `02…`), the same with `+84` or `84` for the first `0`, any number
//!   written `+` and 8–15 digits, and the submitter's own phone whatever
//!   its form; digits may be grouped by spaces, dots, dashes and brackets
//!   (`0912 345 678`, `0912.345.678`, `(024) 3825 1234`, `+84 912-345-678`);
//! * **e-mail addresses**, any;
//! * **ID numbers** ([`FindingKind::IdNumber`]): 12 digits starting with a
//!   province code `001`–`096` (CCCD, Thông tư 07/2016/TT-BCA), any 9
//!   digits (CMND), grouped or not (`0010 9500 1234`), and the submitter's
//!   own number whatever its form.
//!
//! Digits of any script count as their ASCII digits ("０９１２…" in
//! full-width forms, "٠٩١٢…" in Arabic-Indic ones: [`ascii_digit`]), so a
//! number cannot pass the check by being typed in another form.
//!
//! Not found: a number touching `/` (dates `29/04/2026`, document numbers
//! `45/QĐ-UBND`, `12/2023/NĐ-CP`), an amount grouped by thousands
//! (`1.500.000`, `150 000 000`: a first group of 1–3 digits not starting
//! with 0, then groups of exactly three), and a number followed by a unit
//! word ([`UNITS`]: "đồng", "triệu", "%", …). The submitter's own phone and
//! ID number are found even then.
//!
//! Spans are byte offsets into the text, on character boundaries, sorted
//! and never overlapping: overlapping findings merge into one with the
//! kind of the longer one.

use crate::messages::{Lang, t};
use danvan_text::{fold, match_key};

/// The submitter's own data (as given on the form; any may be empty).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Known {
    pub name: String,
    pub phone: String,
    pub email: String,
    pub id_number: String,
}

/// What a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// The submitter's name, with its title.
    Name,
    /// A phone number.
    Phone,
    /// An e-mail address.
    Email,
    /// A CMND (9 digits) or CCCD (12 digits) number.
    IdNumber,
}

impl FindingKind {
    /// Every kind.
    pub const ALL: [FindingKind; 4] = [FindingKind::Name, FindingKind::Phone, FindingKind::Email, FindingKind::IdNumber];

    /// The stable code: `name`, `phone`, `email`, `id_number`.
    pub fn code(self) -> &'static str {
        match self {
            FindingKind::Name => "name",
            FindingKind::Phone => "phone",
            FindingKind::Email => "email",
            FindingKind::IdNumber => "id_number",
        }
    }

    /// The catalogue key of the mask that replaces it, `feedback.redacted.*`
    /// ("[họ tên đã ẩn]", …).
    pub fn mask_key(self) -> &'static str {
        match self {
            FindingKind::Name => "feedback.redacted.name",
            FindingKind::Phone => "feedback.redacted.phone",
            FindingKind::Email => "feedback.redacted.email",
            FindingKind::IdNumber => "feedback.redacted.id_number",
        }
    }
}

/// Personal data at `start..end`, byte offsets into the text searched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Finding {
    pub start: usize,
    pub end: usize,
    pub kind: FindingKind,
}

/// Forms of address counted with a name before it, in NFC lower case;
/// compared folded before a full name, with diacritics before a given name.
pub const TITLES: &[&str] = &["ông", "bà", "anh", "chị", "em", "cô", "chú", "bác", "cháu", "cụ", "đồng chí", "ông bà", "anh chị"];

/// Middle names (folded) counted between the family and the given name of
/// the submitter even when written in lower case ("tran thi binh").
pub const MIDDLE_NAMES: &[&str] = &["thi", "van", "duc", "huu", "ngoc", "minh", "thanh", "xuan", "quang", "kim", "thu", "hong", "dinh", "cong", "quoc", "anh", "hoang", "gia", "bao", "dang", "tien", "trong", "phuong", "my"];

/// Most words between the family and the given name beyond those the
/// submitter gave.
pub const MAX_OTHER_MIDDLE_NAMES: usize = 2;

/// Words after a number that make it an amount or a measure, folded.
pub const UNITS: &[&str] = &["dong", "d", "vnd", "trieu", "ty", "nghin", "ngan", "usd", "%", "m2", "ha", "km", "m", "kg", "tan", "nguoi", "ho", "lit"];

/// A word of the text: a run of letters, digits and combining marks.
struct Word<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    folded: String,
}

fn is_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36F}')
}

fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        let in_word = c.is_alphanumeric() || (is_mark(c) && start.is_some());
        match (in_word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(Word { start: s, end: i, text: &text[s..i], folded: fold(&text[s..i]) });
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// White space only (and some) between two words.
fn spaced(text: &str, a: &Word, b: &Word) -> bool {
    let gap = &text[a.end..b.start];
    !gap.is_empty() && gap.chars().all(char::is_whitespace)
}

/// The start of a title directly before `words[i]`, if any: with
/// `exact`, compared with diacritics ([`match_key`]), else folded.
fn title_before(text: &str, words: &[Word], i: usize, exact: bool) -> Option<usize> {
    let mut best = None;
    for title in TITLES {
        let parts: Vec<&str> = title.split(' ').collect();
        let n = parts.len();
        if i < n {
            continue;
        }
        let ws = &words[i - n..i];
        let same = ws.iter().zip(&parts).all(|(w, p)| if exact { match_key(w.text) == match_key(p) } else { w.folded == fold(p) });
        let joined = ws.windows(2).all(|p| spaced(text, &p[0], &p[1])) && spaced(text, &ws[n - 1], &words[i]);
        if same && joined {
            best = Some(best.map_or(ws[0].start, |b: usize| b.min(ws[0].start)));
        }
    }
    best
}

fn find_names(text: &str, ws: &[Word], name: &str, out: &mut Vec<Finding>) {
    let name_words = words(name);
    let Some(given) = name_words.last() else { return };
    let n = name_words.len();
    if n >= 2 {
        for i in 0..ws.len().saturating_sub(n - 1) {
            let span = &ws[i..i + n];
            if span.iter().zip(&name_words).all(|(w, nw)| w.folded == nw.folded) && span.windows(2).all(|p| spaced(text, &p[0], &p[1])) {
                let start = title_before(text, ws, i, false).unwrap_or(span[0].start);
                out.push(Finding { start, end: span[n - 1].end, kind: FindingKind::Name });
            }
        }
        // the family and given names around other middle names than those
        // given ("Trần Bình" written "Trần Thị Bình"), or none ("Nguyễn Văn
        // Bình" written "Nguyễn Bình")
        let (family, middles) = (&name_words[0], &name_words[1..n - 1]);
        for i in 0..ws.len() {
            if ws[i].folded != family.folded {
                continue;
            }
            for len in 2..=(n + MAX_OTHER_MIDDLE_NAMES).min(ws.len() - i) {
                let span = &ws[i..i + len];
                let inner = &span[1..len - 1];
                let middle_like = |w: &Word| middles.iter().any(|m| m.folded == w.folded) || w.text.starts_with(char::is_uppercase) || MIDDLE_NAMES.contains(&w.folded.as_str());
                if span[len - 1].folded == given.folded && inner.iter().all(middle_like) && span.windows(2).all(|p| spaced(text, &p[0], &p[1])) {
                    let start = title_before(text, ws, i, false).unwrap_or(span[0].start);
                    out.push(Finding { start, end: span[len - 1].end, kind: FindingKind::Name });
                }
            }
        }
    }
    let key = match_key(given.text);
    for (i, w) in ws.iter().enumerate() {
        if w.text.starts_with(char::is_uppercase)
            && match_key(w.text) == key
            && let Some(start) = title_before(text, ws, i, true)
        {
            out.push(Finding { start, end: w.end, kind: FindingKind::Name });
        }
    }
}

fn is_local_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-')
}

fn find_emails(text: &str, out: &mut Vec<Finding>) {
    for (at, _) in text.match_indices('@') {
        let mut start = at;
        for (i, c) in text[..at].char_indices().rev() {
            if !is_local_char(c) {
                break;
            }
            start = i;
        }
        while text[start..at].starts_with('.') {
            start += 1;
        }
        let rest = &text[at + 1..];
        let mut end = at + 1 + rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-')).unwrap_or(rest.len());
        while text[..end].ends_with(['.', '-']) {
            end -= 1;
        }
        let domain = &text[at + 1..end];
        let tld = domain.rsplit('.').next().unwrap_or("");
        if start < at && domain.contains('.') && !domain.starts_with('.') && tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()) {
            out.push(Finding { start, end, kind: FindingKind::Email });
        }
    }
}

/// A group of digits of a number as written.
#[derive(Clone, Copy)]
struct Group {
    start: usize,
    end: usize,
    /// The separator before it (`None` for the first of a run).
    sep: Option<u8>,
}

/// The digits of `groups`, separators left out.
fn digits_of(text: &str, groups: &[Group]) -> String {
    groups.iter().flat_map(|g| text[g.start..g.end].chars()).collect()
}

/// `1.500.000`, `150 000 000`: thousands groups.
fn is_amount(text: &str, groups: &[Group]) -> bool {
    let first = &text[groups[0].start..groups[0].end];
    groups.len() > 1
        && (1..=3).contains(&first.len())
        && !first.starts_with('0')
        && groups[1..].iter().all(|g| g.end - g.start == 3 && g.sep == groups[1].sep && matches!(g.sep, Some(b'.' | b' ')))
}

/// The folded word right after `end` (after spaces), or `%`.
fn unit_after(text: &str, end: usize) -> bool {
    let rest = text[end..].trim_start();
    if rest.starts_with('%') {
        return true;
    }
    let word: String = rest.chars().take_while(|c| c.is_alphanumeric() || is_mark(*c)).collect();
    !word.is_empty() && UNITS.contains(&fold(&word).as_str())
}

/// Digits with `+84`/`84` read as `0` (mobile and landline forms).
fn national(digits: &str, plus: bool) -> Option<String> {
    match digits.strip_prefix("84") {
        Some(rest) if plus || (digits.len() == 11 && rest.starts_with(['3', '5', '7', '8', '9'])) => Some(format!("0{rest}")),
        _ if plus => None,
        _ => Some(digits.to_owned()),
    }
}

fn classify(text: &str, groups: &[Group], plus: bool, known_phone: &str, known_id: &str) -> Option<FindingKind> {
    let digits = digits_of(text, groups);
    let nat = national(&digits, plus);
    if !known_phone.is_empty() && (nat.as_deref() == Some(known_phone) || digits == known_phone) {
        return Some(FindingKind::Phone);
    }
    if !known_id.is_empty() && digits == known_id {
        return Some(FindingKind::IdNumber);
    }
    let end = groups[groups.len() - 1].end;
    if (!plus && is_amount(text, groups)) || unit_after(text, end) || text[..groups[0].start].ends_with('/') || text[end..].starts_with('/') {
        return None;
    }
    match nat {
        Some(n) if n.len() == 10 && n.starts_with('0') && n[1..].starts_with(['3', '5', '7', '8', '9']) => Some(FindingKind::Phone),
        Some(n) if n.len() == 11 && n.starts_with("02") => Some(FindingKind::Phone),
        None if (8..=15).contains(&digits.len()) => Some(FindingKind::Phone),
        _ if !plus && digits.len() == 12 && digits[..3].parse::<u32>().is_ok_and(|p| (1..=96).contains(&p)) => Some(FindingKind::IdNumber),
        _ if !plus && digits.len() == 9 => Some(FindingKind::IdNumber),
        _ => None,
    }
}

/// Runs of digit groups joined by at most two of ` .-()` (and a `+` or
/// `(` before the first), each as `(plus, groups)`.
fn digit_runs(text: &str) -> Vec<(bool, Vec<Group>)> {
    let b = text.as_bytes();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && b[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let plus = text[..i].trim_end_matches(['(', ' ']).ends_with('+');
        let mut groups = Vec::new();
        let mut sep = None;
        loop {
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            groups.push(Group { start, end: i, sep });
            let mut j = i;
            while j < b.len() && j - i < 2 && matches!(b[j], b' ' | b'.' | b'-' | b'(' | b')') {
                j += 1;
            }
            if j > i && j < b.len() && b[j].is_ascii_digit() {
                // a lone space or dot or dash is the separator; ") " counts as a space
                sep = Some(if j - i == 1 { b[i] } else { b' ' });
                i = j;
            } else {
                break;
            }
        }
        runs.push((plus, groups));
    }
    runs
}

fn find_numbers(text: &str, known: &Known, out: &mut Vec<Finding>) {
    let digits_only = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    let known_phone = super::normalize_phone(&known.phone).unwrap_or_else(|| digits_only(&known.phone));
    let known_id = digits_only(&known.id_number);
    for (plus, groups) in digit_runs(text) {
        // the longest classified stretch of groups from each start, left to right
        let mut a = 0;
        while a < groups.len() {
            let found = (a + 1..=groups.len())
                .rev()
                .find_map(|b| classify(text, &groups[a..b], plus && a == 0, &known_phone, &known_id).map(|k| (b, k)));
            match found {
                Some((b, kind)) => {
                    let mut start = groups[a].start;
                    if plus && a == 0 {
                        start = text[..start].rfind('+').unwrap_or(start);
                    }
                    // "(024) 3825 1234": the bracket of an area code, not one around the number
                    if text[..start].ends_with('(') && text[groups[a].end..].starts_with(')') {
                        start -= 1;
                    }
                    out.push(Finding { start, end: groups[b - 1].end, kind });
                    a = b;
                }
                None => a += 1,
            }
        }
    }
}

/// Sorted by start; overlapping findings merged, keeping the kind of the
/// longer (the earlier on a tie).
fn merge(mut found: Vec<Finding>) -> Vec<Finding> {
    found.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
    let mut out: Vec<Finding> = Vec::with_capacity(found.len());
    for f in found {
        match out.last_mut() {
            Some(last) if f.start < last.end => {
                if f.end - f.start > last.end - last.start {
                    last.kind = f.kind;
                }
                last.end = last.end.max(f.end);
            }
            _ => out.push(f),
        }
    }
    out
}

/// The first code point of each block of ten decimal digits (Unicode
/// category Nd) of the scripts and forms a text may carry: Arabic-Indic,
/// Indic scripts, Thai, Lao, Tibetan, Myanmar, Khmer, Mongolian, …,
/// full-width forms and the mathematical digits.
const DIGIT_ZEROS: &[u32] = &[
    0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090,
    0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    0x104A0, 0x11066, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1FBF0,
];

/// The ASCII digit a decimal digit of any script stands for (`'０'` and
/// `'٠'` → `'0'`); `None` for any other character.
pub fn ascii_digit(c: char) -> Option<char> {
    if c.is_ascii_digit() {
        return Some(c);
    }
    let cp = u32::from(c);
    DIGIT_ZEROS.iter().find(|z| (**z..**z + 10).contains(&cp)).and_then(|z| char::from_digit(cp - z, 10))
}

/// `text` with every digit written as its ASCII digit, and for each byte
/// of it (and its end) the offset in `text` of the character it comes from;
/// `None` when `text` has no digit of another script.
fn with_ascii_digits(text: &str) -> Option<(String, Vec<usize>)> {
    if !text.chars().any(|c| !c.is_ascii() && ascii_digit(c).is_some()) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut from = Vec::with_capacity(text.len() + 1);
    for (i, c) in text.char_indices() {
        let d = ascii_digit(c).unwrap_or(c);
        out.push(d);
        from.extend(std::iter::repeat_n(i, d.len_utf8()));
    }
    from.push(text.len());
    Some((out, from))
}

/// The personal data in `text` (see the module for what counts), sorted
/// by position, never overlapping; byte offsets into `text`.
pub fn find_personal_data(text: &str, known: &Known) -> Vec<Finding> {
    let mut found = Vec::new();
    let ws = words(text);
    find_names(text, &ws, &known.name, &mut found);
    find_emails(text, &mut found);
    match with_ascii_digits(text) {
        None => find_numbers(text, known, &mut found),
        Some((ascii, from)) => {
            let mut numbers = Vec::new();
            find_numbers(&ascii, known, &mut numbers);
            found.extend(numbers.into_iter().map(|f| Finding { start: from[f.start], end: from[f.end], kind: f.kind }));
        }
    }
    merge(found)
}

/// Whether finding `f` of `text` is the submitter's own data (never
/// publishable, even when staff confirm): any name finding (only the
/// submitter's name is looked for), their phone or ID number whatever its
/// form, their e-mail in any case. Other phone numbers, e-mail addresses
/// and ID numbers may be an office's own and are published once staff
/// confirm.
pub fn is_own(text: &str, f: &Finding, known: &Known) -> bool {
    let Some(span) = text.get(f.start..f.end) else { return false };
    let span: String = span.chars().map(|c| ascii_digit(c).unwrap_or(c)).collect();
    let span = span.as_str();
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    match f.kind {
        FindingKind::Name => true,
        FindingKind::Phone => match (super::normalize_phone(span), super::normalize_phone(&known.phone)) {
            (Some(a), Some(b)) => a == b,
            _ => !known.phone.is_empty() && digits(span) == digits(&known.phone),
        },
        FindingKind::Email => !known.email.is_empty() && span.trim().eq_ignore_ascii_case(known.email.trim()),
        FindingKind::IdNumber => !known.id_number.is_empty() && digits(span) == digits(&known.id_number),
    }
}

/// `text` with each finding replaced by its mask in `lang`
/// ([`FindingKind::mask_key`]: "[họ tên đã ẩn]", "[số điện thoại đã ẩn]",
/// …), the rest unchanged. Findings may come in any order; overlapping
/// ones are merged first, and any outside `text` or off a character
/// boundary are ignored.
pub fn redact(text: &str, findings: &[Finding], lang: Lang) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for f in merge(findings.to_vec()) {
        if f.start < at || f.end > text.len() || f.start >= f.end || !text.is_char_boundary(f.start) || !text.is_char_boundary(f.end) {
            continue;
        }
        out.push_str(&text[at..f.start]);
        out.push_str(t(f.kind.mask_key(), lang));
        at = f.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    fn known(name: &str) -> Known {
        Known { name: name.into(), ..Default::default() }
    }

    /// The found pieces of text, with their kinds.
    fn found<'a>(text: &'a str, k: &Known) -> Vec<(&'a str, FindingKind)> {
        find_personal_data(text, k).iter().map(|f| (&text[f.start..f.end], f.kind)).collect()
    }

    use FindingKind::{Email, IdNumber, Name, Phone};

    #[test]
    fn the_answer_that_starts_with_a_name() {
        let text = "Kính gửi ông Nguyễn Văn Bình, số 0912 345 678. Ban Dân vận đã chuyển phản ánh của ông Bình đến UBND xã.";
        let k = Known { name: "Nguyễn Văn Bình".into(), phone: "0912345678".into(), ..Default::default() };
        assert_eq!(found(text, &k), [("ông Nguyễn Văn Bình", Name), ("0912 345 678", Phone), ("ông Bình", Name)]);
        assert_eq!(
            redact(text, &find_personal_data(text, &k), Lang::Vi),
            "Kính gửi [họ tên đã ẩn], số [số điện thoại đã ẩn]. Ban Dân vận đã chuyển phản ánh của [họ tên đã ẩn] đến UBND xã."
        );
        assert_eq!(
            redact(text, &find_personal_data(text, &k), Lang::En),
            "Kính gửi [name removed], số [phone number removed]. Ban Dân vận đã chuyển phản ánh của [name removed] đến UBND xã."
        );
    }

    #[test]
    fn digits_of_other_scripts_are_digits() {
        let k = Known { phone: "0912345678".into(), ..Default::default() };
        for text in ["Gọi ０９１２３４５６７８ nhé", "Gọi ٠٩١٢٣٤٥٦٧٨ nhé", "Gọi ۰۹۱۲ ۳۴۵ ۶۷۸ nhé", "Gọi 09１2 345 678 nhé"] {
            let f = find_personal_data(text, &k);
            assert_eq!(f.len(), 1, "{text}: {f:?}");
            assert_eq!((&text[f[0].start..f[0].end], f[0].kind), (text.trim_start_matches("Gọi ").trim_end_matches(" nhé"), Phone), "{text}");
            assert!(is_own(text, &f[0], &k), "{text}: the reporter's own phone");
            assert_eq!(redact(text, &f, Lang::Vi), "Gọi [số điện thoại đã ẩn] nhé");
        }
        assert_eq!(found("CCCD ００１２０３００４５６７", &Known::default()), [("００１２０３００４５６７", IdNumber)]);
        assert_eq!(ascii_digit('٣'), Some('3'));
        assert_eq!(ascii_digit('９'), Some('9'));
        assert_eq!(ascii_digit('a'), None);
        assert_eq!(ascii_digit('Ⅲ'), None, "a numeral, not a digit");
    }

    #[test]
    fn a_full_name_with_other_middle_names_than_those_given() {
        let k = known("Trần Bình");
        assert_eq!(found("Trả lời bà Trần Thị Bình: đã xử lý.", &k), [("bà Trần Thị Bình", Name)]);
        assert_eq!(found("tôi là tran thi binh", &k), [("tran thi binh", Name)]);
        assert_eq!(found("Ông Trần Văn Quang Bình", &k), [("Ông Trần Văn Quang Bình", Name)]);
        assert_eq!(found("Nguyễn Bình gửi", &known("Nguyễn Văn Bình")), [("Nguyễn Bình", Name)], "a middle name left out");
        assert!(found("trần nhà bình thường", &k).is_empty(), "ordinary words between are not middle names");
        assert!(found("Trần A B C Bình", &k).is_empty(), "at most two more middle names");
    }

    #[test]
    fn names_without_marks_in_any_case_nfc_or_nfd() {
        let k = known("Nguyễn Văn Bình");
        assert_eq!(found("gui anh nguyen van binh o thon 3", &k), [("anh nguyen van binh", Name)]);
        assert_eq!(found("ÔNG NGUYỄN VĂN BÌNH", &k), [("ÔNG NGUYỄN VĂN BÌNH", Name)]);
        assert_eq!(found("Nguyễn  Văn\nBình trả lời", &k), [("Nguyễn  Văn\nBình", Name)]);
        // NFD text: the span ends after the last combining mark
        let nfd: String = "Kính gửi bà Nguyễn Văn Bình.".nfd().collect();
        let f = find_personal_data(&nfd, &k);
        assert_eq!(f.len(), 1);
        assert_eq!(nfd[f[0].start..f[0].end].nfc().collect::<String>(), "bà Nguyễn Văn Bình");
        assert_eq!(redact(&nfd, &f, Lang::Vi).nfc().collect::<String>(), "Kính gửi [họ tên đã ẩn].");
        // an NFD known name against NFC text
        let k_nfd = known(&"Nguyễn Văn Bình".nfd().collect::<String>());
        assert_eq!(found("chị Nguyễn Văn Bình", &k_nfd), [("chị Nguyễn Văn Bình", Name)]);
    }

    #[test]
    fn the_given_name_alone_only_after_a_title_with_its_marks() {
        let k = known("Trần Thị Lan");
        assert_eq!(found("Chị Lan cho biết", &k), [("Chị Lan", Name)]);
        assert_eq!(found("Hàng hóa nhập từ Ba Lan", &k), []);
        assert_eq!(found("hoa lan nở", &k), []);
        assert_eq!(found("Lan cho biết", &k), [], "no title");
        let k = known("Lê Văn Bình");
        assert_eq!(found("giữ gìn hòa bình, an ninh", &k), []);
        assert_eq!(found("Đồng chí Bình phát biểu", &k), [("Đồng chí Bình", Name)]);
        assert_eq!(found("ông Lê Văn Bình và ông Lê Văn Binh", &k), [("ông Lê Văn Bình", Name), ("ông Lê Văn Binh", Name)]);
        assert_eq!(found("Kính gửi ông Bình", &known("")), []);
    }

    #[test]
    fn phone_numbers_in_every_form() {
        let k = Known::default();
        for phone in [
            "0912345678",
            "0912 345 678",
            "0912.345.678",
            "0912-345-678",
            "091 234 5678",
            "+84 912 345 678",
            "+84912345678",
            "84912345678",
            "(+84) 912 345 678",
            "0386 123 456",
            "024 3825 1234",
            "(024) 3825 1234",
            "+84 24 3825 1234",
        ] {
            let text = format!("Liên hệ {phone}, giờ hành chính.");
            assert_eq!(found(&text, &k), [(phone, Phone)], "{text}");
        }
        assert_eq!(found("SĐT:0912345678", &k), [("0912345678", Phone)]);
        assert_eq!(found("số0912345678", &k), [("0912345678", Phone)]);
        assert_eq!(found("gọi 0912 345 678 hoặc 0987.654.321", &k), [("0912 345 678", Phone), ("0987.654.321", Phone)]);
        assert_eq!(found("năm 2026 0912 345 678", &k), [("0912 345 678", Phone)]);
        assert_eq!(found("+33 6 12 34 56 78", &k), [("+33 6 12 34 56 78", Phone)], "a foreign number");
        // the submitter's own phone even in a form the general rules leave
        // (an old 11-digit mobile number)
        assert_eq!(found("gọi 0168.123.4567", &k), []);
        let own = Known { phone: "0168 123 4567".into(), ..Default::default() };
        assert_eq!(found("gọi 0168.123.4567 hoặc 01681234567", &own), [("0168.123.4567", Phone), ("01681234567", Phone)]);
    }

    #[test]
    fn id_numbers() {
        let k = Known::default();
        assert_eq!(found("CCCD số 001095001234 cấp ngày 10/5/2021", &k), [("001095001234", IdNumber)]);
        assert_eq!(found("CCCD 0010 9500 1234.", &k), [("0010 9500 1234", IdNumber)]);
        assert_eq!(found("CCCD 001 095 001 234.", &k), [("001 095 001 234", IdNumber)]);
        assert_eq!(found("CMND 012345678", &k), [("012345678", IdNumber)]);
        assert_eq!(found("CMND 012 345 678", &k), [("012 345 678", IdNumber)]);
        assert_eq!(found("mã 123456789012", &k), [], "12 digits without a province code");
        let own = Known { id_number: "123456789012".into(), ..Default::default() };
        assert_eq!(found("mã 123456789012", &own), [("123456789012", IdNumber)]);
    }

    #[test]
    fn e_mail_addresses() {
        let k = Known::default();
        assert_eq!(found("Thư gửi về an.nguyen+pakn@example.com.vn.", &k), [("an.nguyen+pakn@example.com.vn", Email)]);
        assert_eq!(found("(email: 0912345678@gmail.com)", &k), [("0912345678@gmail.com", Email)]);
        assert_eq!(found("Liên hệ: BDV@HuyenX.GOV.VN", &k), [("BDV@HuyenX.GOV.VN", Email)]);
        assert_eq!(found("gặp @ hội trường, a@b, x@y.1", &k), []);
    }

    #[test]
    fn an_article_has_nothing_personal() {
        let text = "Thực hiện Kế hoạch số 136-KH/HU ngày 25/7/2023 và Quyết định 45/QĐ-UBND, Nghị định 13/2023/NĐ-CP, \
            ngày 29/04/2026 xã đã hỗ trợ 1.500.000 đồng cho 12 hộ, tổng kinh phí 150.000.000 đồng (87,3%), \
            huy động 2.071 ngày công, 150 000 000 đ và 123456789 đồng, năm 2025 và 2026, giai đoạn 2021-2025, \
            diện tích 12.500 m2, lúc 07:30, ISO 2026-04-29, tỷ lệ 12,5 %, 100 200 300 400 cây giống; \
            Bảo vệ hòa bình, Ba Lan, bình thường.";
        let k = Known { name: "Lê Văn Bình".into(), ..Default::default() };
        assert_eq!(found(text, &k), []);
    }

    #[test]
    fn overlaps_merge_and_redaction_is_exact() {
        let text = "Ông Nguyễn Văn An (an@x.vn, 0912345678, CCCD 001095001234)";
        let k = known("Nguyễn Văn An");
        let f = find_personal_data(text, &k);
        assert_eq!(found(text, &k), [("Ông Nguyễn Văn An", Name), ("an@x.vn", Email), ("0912345678", Phone), ("001095001234", IdNumber)]);
        assert!(f.windows(2).all(|w| w[0].end <= w[1].start));
        assert_eq!(redact(text, &f, Lang::Vi), "[họ tên đã ẩn] ([thư điện tử đã ẩn], [số điện thoại đã ẩn], CCCD [số định danh đã ẩn])");
        // overlapping, unsorted and out-of-range findings
        let messy = [
            Finding { start: 4, end: 10, kind: Phone },
            Finding { start: 0, end: 6, kind: Name },
            Finding { start: 40, end: 400, kind: Email },
        ];
        assert_eq!(redact("0123456789 abc", &messy, Lang::En), "[name removed] abc");
        assert_eq!(merge(messy.to_vec()), [Finding { start: 0, end: 10, kind: Name }, Finding { start: 40, end: 400, kind: Email }]);
        assert_eq!(redact("không có gì", &[], Lang::Vi), "không có gì");
    }

    #[test]
    fn every_mask_is_in_the_catalogue() {
        for k in FindingKind::ALL {
            assert!(t(k.mask_key(), Lang::Vi).starts_with('['));
            assert!(t(k.mask_key(), Lang::En).starts_with('['));
        }
    }

    #[test]
    fn own_data_is_told_from_an_office_number() {
        let known = Known { name: "Nguyễn Văn Bình".into(), phone: "0912345678".into(), email: "binh@example.vn".into(), id_number: String::new() };
        let text = "Ông Nguyễn Văn Bình (0912.345.678, BINH@example.vn) gọi đường dây nóng 0234 3822 123 hoặc hotline@ubnd.vn.";
        let found = find_personal_data(text, &known);
        let own: Vec<(FindingKind, bool)> = found.iter().map(|f| (f.kind, is_own(text, f, &known))).collect();
        assert_eq!(
            own,
            vec![(FindingKind::Name, true), (FindingKind::Phone, true), (FindingKind::Email, true), (FindingKind::Phone, false), (FindingKind::Email, false)]
        );
    }
}
