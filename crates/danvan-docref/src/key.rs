//! Identity of a document: number, type, issuer and date together.

use crate::date::DocDate;
use crate::doc_type::DocType;
use crate::number::DocNumber;

/// What identifies a document: its number, its type, its issuer(s) and its
/// date of issue, together.
///
/// A number alone is not enough: Party numbers restart with each committee
/// term (Guideline 36-HD/VPTW, 2018) and State numbers each calendar year
/// (Decree 30/2020/NĐ-CP, Appendix I), so `25-NQ/TW` names resolutions of
/// 2003, 2008 and 2013 (DESIGN.md §3.5).
///
/// * `number` is the numeric value (`05` = `5`);
/// * `doc_type` is the type of the document itself (the word in the text,
///   or the library's record), not necessarily the one in its symbol;
/// * issuers are compared folded (`Đ`/`Ð` → `D`, upper case), in order;
/// * the style (Party or State) is not part of the key;
/// * the year is the date's year, or else the year in a State number.
///
/// `Eq`/`Hash` compare every field, for keys that are fully known (library
/// entries). A reference in a text often lacks its date: use
/// [`DocKey::matches`] and [`resolve`] for that.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DocKey {
    number: u32,
    doc_type: DocType,
    issuers: Vec<String>,
    number_year: Option<u16>,
    date: Option<DocDate>,
}

fn fold_issuer(s: &str) -> String {
    s.chars()
        .map(crate::chars::canon)
        .flat_map(|c| match c {
            'Đ' | 'đ' => 'D'.to_uppercase(),
            _ => c.to_uppercase(),
        })
        .collect()
}

impl DocKey {
    /// The key of a document of type `doc_type` numbered `number`, issued on
    /// `date` when known.
    pub fn new(number: &DocNumber, doc_type: DocType, date: Option<DocDate>) -> DocKey {
        DocKey {
            number: number.number(),
            doc_type,
            issuers: number.issuers().iter().map(|s| fold_issuer(s)).collect(),
            number_year: number.year(),
            date,
        }
    }

    /// The numeric value of the number.
    pub fn number(&self) -> u32 {
        self.number
    }

    /// The document's type.
    pub fn doc_type(&self) -> DocType {
        self.doc_type
    }

    /// Folded issuer codes, lead first.
    pub fn issuers(&self) -> &[String] {
        &self.issuers
    }

    /// The date of issue, when known.
    pub fn date(&self) -> Option<DocDate> {
        self.date
    }

    /// The year of issue: the date's year, or else the year in a State
    /// number.
    pub fn year(&self) -> Option<u16> {
        self.date.map(DocDate::year).or(self.number_year)
    }

    /// Whether the key names one document unambiguously (its date is known).
    pub fn is_complete(&self) -> bool {
        self.date.is_some()
    }

    /// Whether `self` and `other` can name the same document: same number,
    /// type and issuers; equal dates when both are known; equal years when
    /// both are known (from a date or from a State number).
    pub fn matches(&self, other: &DocKey) -> bool {
        self.number == other.number
            && self.doc_type == other.doc_type
            && self.issuers == other.issuers
            && match (self.date, other.date) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            }
            && match (self.year(), other.year()) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            }
            && match (self.number_year, other.number_year) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            }
    }
}

/// Result of looking a reference up among candidate documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// Exactly one candidate matches; its index in the candidate list.
    Unique(usize),
    /// Several candidates match (e.g. `25-NQ/TW` cited without a date);
    /// their indices, in order. Do not link; ask an editor.
    Ambiguous(Vec<usize>),
    /// No candidate matches: a "document to add".
    NotFound,
}

/// Finds which of `candidates` (usually library entries, complete keys) the
/// key `wanted` (usually from a reference in a text) names, by
/// [`DocKey::matches`]. A reference without a date resolves only when one
/// candidate has its number, type and issuers.
pub fn resolve<'a, I>(wanted: &DocKey, candidates: I) -> Resolution
where
    I: IntoIterator<Item = &'a DocKey>,
{
    let hits: Vec<usize> = candidates
        .into_iter()
        .enumerate()
        .filter(|(_, c)| wanted.matches(c))
        .map(|(i, _)| i)
        .collect();
    match hits.as_slice() {
        [] => Resolution::NotFound,
        [i] => Resolution::Unique(*i),
        _ => Resolution::Ambiguous(hits),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(n: &str, t: DocType, d: Option<(u16, u8, u8)>) -> DocKey {
        DocKey::new(
            &DocNumber::parse(n).unwrap(),
            t,
            d.map(|(y, m, d)| DocDate::new(y, m, d).unwrap()),
        )
    }

    #[test]
    fn same_number_different_terms() {
        let library = [
            k("25-NQ/TW", DocType::NghiQuyet, Some((2003, 3, 12))),
            k("25-NQ/TW", DocType::NghiQuyet, Some((2008, 7, 30))),
            k("25-NQ/TW", DocType::NghiQuyet, Some((2013, 6, 3))),
            k("217-QĐ/TW", DocType::QuyetDinh, Some((2013, 12, 12))),
        ];
        assert_ne!(library[0], library[2]);
        let dated = k("25-NQ/TW", DocType::NghiQuyet, Some((2013, 6, 3)));
        assert_eq!(resolve(&dated, &library), Resolution::Unique(2));
        let undated = k("25-NQ/TW", DocType::NghiQuyet, None);
        assert_eq!(
            resolve(&undated, &library),
            Resolution::Ambiguous(vec![0, 1, 2])
        );
        let other = k("217-QĐ/TW", DocType::QuyetDinh, None);
        assert_eq!(resolve(&other, &library), Resolution::Unique(3));
        let wrong_type = k("217-QĐ/TW", DocType::QuyDinh, None);
        assert_eq!(resolve(&wrong_type, &library), Resolution::NotFound);
        let wrong_date = k("25-NQ/TW", DocType::NghiQuyet, Some((2013, 6, 4)));
        assert_eq!(resolve(&wrong_date, &library), Resolution::NotFound);
    }

    #[test]
    fn folding_and_years() {
        let a = k("05-NQ/ĐU", DocType::NghiQuyet, None);
        let b = k("5-NQ/DU", DocType::NghiQuyet, Some((2020, 1, 2)));
        assert!(a.matches(&b) && b.matches(&a));
        assert!(!a.is_complete() && b.is_complete());
        let s = k("12/2023/NĐ-CP", DocType::NghiDinh, None);
        assert_eq!(s.year(), Some(2023));
        assert!(s.matches(&k("12/2023/NĐ-CP", DocType::NghiDinh, Some((2023, 3, 1)))));
        assert!(!s.matches(&k("12/NĐ-CP", DocType::NghiDinh, Some((2022, 3, 1)))));
        assert!(!s.matches(&k("12/2022/NĐ-CP", DocType::NghiDinh, None)));
        assert!(!k("05-QC/BTCTU-BDVTU", DocType::QuyChe, None).matches(&k(
            "05-QC/BDVTU-BTCTU",
            DocType::QuyChe,
            None
        )));
    }
}
