//! Document types (thể loại văn bản) and their abbreviations.

use std::fmt;

/// The two numbering systems.
///
/// * [`Style::Party`]: Guideline 36-HD/VPTW of 2018 (Party Central Office),
///   `number-TYPE/ISSUER`, e.g. `136-KH/HU`. Numbers restart with each
///   committee term (nhiệm kỳ).
/// * [`Style::State`]: Decree 30/2020/NĐ-CP, Appendix I, `number/TYPE-ISSUER`
///   with the year for legal documents, e.g. `45/QĐ-UBND`, `12/2023/NĐ-CP`.
///   Numbers restart each calendar year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Style {
    /// Communist Party documents (Guideline 36-HD/VPTW, 2018).
    Party,
    /// State documents (Decree 30/2020/NĐ-CP, Appendix I).
    State,
}

impl Style {
    /// `"party"` or `"state"`, stable for storage and APIs.
    pub fn code(self) -> &'static str {
        match self {
            Style::Party => "party",
            Style::State => "state",
        }
    }
}

/// Type of a Party or State document (thể loại văn bản).
///
/// The abbreviations follow Guideline 36-HD/VPTW (2018) for Party documents and
/// Decree 30/2020/NĐ-CP, Appendix III, for State documents. Two abbreviations
/// differ by style: `TT` is *Thông tri* in Party style and *Thông tư* in State
/// style, and *Quy định* is `QĐi` in Party style and `QyĐ` in State style
/// (each spelling is accepted in both styles; Party rules before 2018 wrote
/// *Quy định* as `QĐ`). Legislation (*Luật*, *Bộ luật*, *Pháp lệnh*) and
/// State *công văn* carry no type in their symbol (`45/2019/QH14`,
/// `123/UBND-VX`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocType {
    /// Nghị quyết, `NQ`.
    NghiQuyet,
    /// Nghị quyết liên tịch, `NQLT` (State).
    NghiQuyetLienTich,
    /// Quyết định, `QĐ`.
    QuyetDinh,
    /// Chỉ thị, `CT`.
    ChiThi,
    /// Kết luận, `KL`.
    KetLuan,
    /// Quy định, `QĐi` (Party) / `QyĐ` (State).
    QuyDinh,
    /// Quy chế, `QC`.
    QuyChe,
    /// Thông tri, `TT` (Party only).
    ThongTri,
    /// Hướng dẫn, `HD`.
    HuongDan,
    /// Kế hoạch, `KH`.
    KeHoach,
    /// Chương trình, `CTr`.
    ChuongTrinh,
    /// Đề án, `ĐA`.
    DeAn,
    /// Phương án, `PA`.
    PhuongAn,
    /// Dự án, `DA`.
    DuAn,
    /// Thông báo, `TB`.
    ThongBao,
    /// Thông cáo, `TC`.
    ThongCao,
    /// Báo cáo, `BC`.
    BaoCao,
    /// Biên bản, `BB`.
    BienBan,
    /// Tờ trình, `TTr`.
    ToTrinh,
    /// Công văn: `CV` in Party style; no type in State style (`123/UBND-VX`).
    CongVan,
    /// Công điện, `CĐ`.
    CongDien,
    /// Hợp đồng, `HĐ`.
    HopDong,
    /// Nghị định, `NĐ` (State only).
    NghiDinh,
    /// Thông tư, `TT` (State only).
    ThongTu,
    /// Thông tư liên tịch, `TTLT` (State only).
    ThongTuLienTich,
    /// Luật: no type in the symbol (`45/2019/QH14`).
    Luat,
    /// Bộ luật: no type in the symbol.
    BoLuat,
    /// Pháp lệnh: no type in the symbol (`01/2022/UBTVQH15`).
    PhapLenh,
}

/// One accepted abbreviation: spelling, type, and the styles it is valid in.
struct Abbr {
    text: &'static str,
    ty: DocType,
    party: bool,
    state: bool,
}

const fn ab(text: &'static str, ty: DocType, party: bool, state: bool) -> Abbr {
    Abbr {
        text,
        ty,
        party,
        state,
    }
}

/// Every accepted abbreviation. The first entry for a (type, style) pair is
/// the canonical one, except for *Quy định* (see [`DocType::abbreviation`]).
const ABBRS: &[Abbr] = &[
    ab("NQ", DocType::NghiQuyet, true, true),
    ab("NQLT", DocType::NghiQuyetLienTich, false, true),
    ab("QĐ", DocType::QuyetDinh, true, true),
    ab("CT", DocType::ChiThi, true, true),
    ab("KL", DocType::KetLuan, true, true),
    ab("QĐi", DocType::QuyDinh, true, true),
    ab("QyĐ", DocType::QuyDinh, true, true),
    ab("QC", DocType::QuyChe, true, true),
    ab("TT", DocType::ThongTri, true, false),
    ab("HD", DocType::HuongDan, true, true),
    ab("KH", DocType::KeHoach, true, true),
    ab("CTr", DocType::ChuongTrinh, true, true),
    ab("ĐA", DocType::DeAn, true, true),
    ab("PA", DocType::PhuongAn, true, true),
    ab("DA", DocType::DuAn, true, true),
    ab("TB", DocType::ThongBao, true, true),
    ab("TC", DocType::ThongCao, true, true),
    ab("BC", DocType::BaoCao, true, true),
    ab("BB", DocType::BienBan, true, true),
    ab("TTr", DocType::ToTrinh, true, true),
    ab("CV", DocType::CongVan, true, true),
    ab("CĐ", DocType::CongDien, true, true),
    ab("HĐ", DocType::HopDong, true, true),
    ab("NĐ", DocType::NghiDinh, false, true),
    ab("TT", DocType::ThongTu, false, true),
    ab("TTLT", DocType::ThongTuLienTich, false, true),
];

/// Case-insensitive equality where `D` in `token` may also stand for `Đ`
/// when `d_as_dd` is set.
fn abbr_eq(token: &str, abbr: &str, d_as_dd: bool) -> bool {
    let norm = |c: char, sub: bool| {
        let u = crate::chars::canon(c).to_uppercase().next().unwrap_or(c);
        if sub && u == 'D' { 'Đ' } else { u }
    };
    token.chars().count() == abbr.chars().count()
        && token
            .chars()
            .zip(abbr.chars())
            .all(|(t, a)| norm(t, d_as_dd) == norm(a, false))
}

impl DocType {
    /// Every type, in declaration order.
    pub const ALL: [DocType; 28] = [
        DocType::NghiQuyet,
        DocType::NghiQuyetLienTich,
        DocType::QuyetDinh,
        DocType::ChiThi,
        DocType::KetLuan,
        DocType::QuyDinh,
        DocType::QuyChe,
        DocType::ThongTri,
        DocType::HuongDan,
        DocType::KeHoach,
        DocType::ChuongTrinh,
        DocType::DeAn,
        DocType::PhuongAn,
        DocType::DuAn,
        DocType::ThongBao,
        DocType::ThongCao,
        DocType::BaoCao,
        DocType::BienBan,
        DocType::ToTrinh,
        DocType::CongVan,
        DocType::CongDien,
        DocType::HopDong,
        DocType::NghiDinh,
        DocType::ThongTu,
        DocType::ThongTuLienTich,
        DocType::Luat,
        DocType::BoLuat,
        DocType::PhapLenh,
    ];

    /// The Vietnamese name as written in running text, e.g. `"Kế hoạch"`.
    pub fn name(self) -> &'static str {
        match self {
            DocType::NghiQuyet => "Nghị quyết",
            DocType::NghiQuyetLienTich => "Nghị quyết liên tịch",
            DocType::QuyetDinh => "Quyết định",
            DocType::ChiThi => "Chỉ thị",
            DocType::KetLuan => "Kết luận",
            DocType::QuyDinh => "Quy định",
            DocType::QuyChe => "Quy chế",
            DocType::ThongTri => "Thông tri",
            DocType::HuongDan => "Hướng dẫn",
            DocType::KeHoach => "Kế hoạch",
            DocType::ChuongTrinh => "Chương trình",
            DocType::DeAn => "Đề án",
            DocType::PhuongAn => "Phương án",
            DocType::DuAn => "Dự án",
            DocType::ThongBao => "Thông báo",
            DocType::ThongCao => "Thông cáo",
            DocType::BaoCao => "Báo cáo",
            DocType::BienBan => "Biên bản",
            DocType::ToTrinh => "Tờ trình",
            DocType::CongVan => "Công văn",
            DocType::CongDien => "Công điện",
            DocType::HopDong => "Hợp đồng",
            DocType::NghiDinh => "Nghị định",
            DocType::ThongTu => "Thông tư",
            DocType::ThongTuLienTich => "Thông tư liên tịch",
            DocType::Luat => "Luật",
            DocType::BoLuat => "Bộ luật",
            DocType::PhapLenh => "Pháp lệnh",
        }
    }

    /// Other spellings of the name met in running text (old `i` for `y`).
    pub(crate) fn name_variants(self) -> &'static [&'static str] {
        match self {
            DocType::QuyDinh => &["Qui định"],
            DocType::QuyChe => &["Qui chế"],
            _ => &[],
        }
    }

    /// An English name for the English UI, e.g. `"Plan"`.
    pub fn english_name(self) -> &'static str {
        match self {
            DocType::NghiQuyet => "Resolution",
            DocType::NghiQuyetLienTich => "Joint resolution",
            DocType::QuyetDinh => "Decision",
            DocType::ChiThi => "Directive",
            DocType::KetLuan => "Conclusion",
            DocType::QuyDinh => "Regulation",
            DocType::QuyChe => "Rules",
            DocType::ThongTri => "Party circular",
            DocType::HuongDan => "Guideline",
            DocType::KeHoach => "Plan",
            DocType::ChuongTrinh => "Programme",
            DocType::DeAn => "Scheme",
            DocType::PhuongAn => "Option plan",
            DocType::DuAn => "Project",
            DocType::ThongBao => "Notice",
            DocType::ThongCao => "Communiqué",
            DocType::BaoCao => "Report",
            DocType::BienBan => "Minutes",
            DocType::ToTrinh => "Submission",
            DocType::CongVan => "Official letter",
            DocType::CongDien => "Official dispatch",
            DocType::HopDong => "Contract",
            DocType::NghiDinh => "Decree",
            DocType::ThongTu => "Circular",
            DocType::ThongTuLienTich => "Joint circular",
            DocType::Luat => "Law",
            DocType::BoLuat => "Code",
            DocType::PhapLenh => "Ordinance",
        }
    }

    /// The canonical abbreviation in `style`, e.g. `KeHoach` → `"KH"`,
    /// `QuyDinh` → `"QĐi"` (Party, Guideline 36-HD/VPTW) or `"QyĐ"` (State,
    /// Decree 30/2020/NĐ-CP App. III). `None` when the type has no
    /// abbreviation in that style (`NghiDinh` in Party style, `Luat`, State
    /// `CongVan`).
    pub fn abbreviation(self, style: Style) -> Option<&'static str> {
        match (self, style) {
            (DocType::QuyDinh, Style::Party) => Some("QĐi"),
            (DocType::QuyDinh, Style::State) => Some("QyĐ"),
            (DocType::CongVan, Style::State) => None,
            _ => ABBRS
                .iter()
                .find(|a| a.ty == self && a.valid_in(style))
                .map(|a| a.text),
        }
    }

    /// Every spelling of this type's abbreviation accepted in any style.
    pub fn abbreviations(self) -> impl Iterator<Item = &'static str> {
        ABBRS.iter().filter(move |a| a.ty == self).map(|a| a.text)
    }

    /// Looks up an abbreviation in `style`, case-insensitively; `Ð` counts as
    /// `Đ`, and when nothing matches exactly a plain `D` is read as `Đ`
    /// (`QD` → `QĐ`, `ND` → `NĐ`; `HD` stays *Hướng dẫn*). Returns the type
    /// and the canonical spelling of the abbreviation that matched.
    pub fn from_abbreviation(abbr: &str, style: Style) -> Option<(DocType, &'static str)> {
        let find = |sub: bool| {
            ABBRS
                .iter()
                .find(|a| a.valid_in(style) && abbr_eq(abbr, a.text, sub))
                .map(|a| (a.ty, a.text))
        };
        find(false).or_else(|| find(true))
    }

    /// Looks up a Vietnamese name (`"Kế hoạch"`, `"kế hoạch"`, `"Qui định"`);
    /// `Ð` counts as `Đ` and runs of whitespace as one space.
    pub fn from_name(name: &str) -> Option<DocType> {
        let name = name.trim();
        DocType::ALL.into_iter().find(|t| {
            std::iter::once(t.name())
                .chain(t.name_variants().iter().copied())
                .any(|w| {
                    let mut c = crate::chars::Cursor::new(name, 0);
                    c.eat_word(w) && c.at_end()
                })
        })
    }
}

impl Abbr {
    fn valid_in(&self, style: Style) -> bool {
        match style {
            Style::Party => self.party,
            Style::State => self.state,
        }
    }
}

impl fmt::Display for DocType {
    /// Writes the Vietnamese name, e.g. `Kế hoạch`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_per_style() {
        assert_eq!(DocType::KeHoach.abbreviation(Style::Party), Some("KH"));
        assert_eq!(DocType::QuyDinh.abbreviation(Style::Party), Some("QĐi"));
        assert_eq!(DocType::QuyDinh.abbreviation(Style::State), Some("QyĐ"));
        assert_eq!(DocType::NghiDinh.abbreviation(Style::Party), None);
        assert_eq!(DocType::NghiDinh.abbreviation(Style::State), Some("NĐ"));
        assert_eq!(DocType::CongVan.abbreviation(Style::Party), Some("CV"));
        assert_eq!(DocType::CongVan.abbreviation(Style::State), None);
        assert_eq!(DocType::Luat.abbreviation(Style::State), None);
        assert_eq!(DocType::ThongTri.abbreviation(Style::Party), Some("TT"));
        assert_eq!(DocType::ThongTu.abbreviation(Style::State), Some("TT"));
    }

    #[test]
    fn lookup_by_abbreviation() {
        let p = Style::Party;
        let s = Style::State;
        assert_eq!(
            DocType::from_abbreviation("KH", p),
            Some((DocType::KeHoach, "KH"))
        );
        assert_eq!(
            DocType::from_abbreviation("kh", p),
            Some((DocType::KeHoach, "KH"))
        );
        assert_eq!(
            DocType::from_abbreviation("CTR", p),
            Some((DocType::ChuongTrinh, "CTr"))
        );
        assert_eq!(
            DocType::from_abbreviation("QĐi", p),
            Some((DocType::QuyDinh, "QĐi"))
        );
        assert_eq!(
            DocType::from_abbreviation("QyĐ", p),
            Some((DocType::QuyDinh, "QyĐ"))
        );
        assert_eq!(
            DocType::from_abbreviation("QÐ", p),
            Some((DocType::QuyetDinh, "QĐ"))
        );
        assert_eq!(
            DocType::from_abbreviation("QD", p),
            Some((DocType::QuyetDinh, "QĐ"))
        );
        assert_eq!(
            DocType::from_abbreviation("HD", p),
            Some((DocType::HuongDan, "HD"))
        );
        assert_eq!(
            DocType::from_abbreviation("TT", p),
            Some((DocType::ThongTri, "TT"))
        );
        assert_eq!(
            DocType::from_abbreviation("TT", s),
            Some((DocType::ThongTu, "TT"))
        );
        assert_eq!(DocType::from_abbreviation("NĐ", p), None);
        assert_eq!(
            DocType::from_abbreviation("ND", s),
            Some((DocType::NghiDinh, "NĐ"))
        );
        assert_eq!(DocType::from_abbreviation("XX", s), None);
        assert_eq!(DocType::from_abbreviation("", s), None);
    }

    #[test]
    fn every_type_with_an_abbreviation_round_trips() {
        for t in DocType::ALL {
            for style in [Style::Party, Style::State] {
                if let Some(a) = t.abbreviation(style) {
                    assert_eq!(
                        DocType::from_abbreviation(a, style),
                        Some((t, a)),
                        "{t:?} {style:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn lookup_by_name() {
        for t in DocType::ALL {
            assert_eq!(DocType::from_name(t.name()), Some(t));
        }
        assert_eq!(DocType::from_name("kế  hoạch"), Some(DocType::KeHoach));
        assert_eq!(DocType::from_name("Qui định"), Some(DocType::QuyDinh));
        assert_eq!(DocType::from_name("Quyết Ðịnh"), Some(DocType::QuyetDinh));
        assert_eq!(DocType::from_name("Kế"), None);
        assert_eq!(DocType::from_name("Kế hoạch số"), None);
    }
}
