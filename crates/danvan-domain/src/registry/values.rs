//! Values as people write them in the sheets sent up from communes, and the
//! import's header and rows.
//!
//! Values are matched on their folded form (marks off, đ → d, lower case)
//! with punctuation and spaces ignored, so "Văn hóa - Xã hội", "VH-XH",
//! "van hoa xa hoi" and "vhxh" are one field. A row's problems are all
//! reported, each with the column's canonical name and a message code.

use super::{CommendationForm, Effectiveness, Field, Holder, ModelKind, Period, YEARS};
use chrono::NaiveDate;
use danvan_docref::DocNumber;

/// Letters and digits of the folded text: "VH - XH" → "vhxh".
fn squeeze(s: &str) -> String {
    danvan_text::fold(s.trim()).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// `mô hình`, `model` / `điển hình`, `exemplar`.
pub fn parse_kind(s: &str) -> Option<ModelKind> {
    match squeeze(s).as_str() {
        "mohinh" | "model" | "mh" => Some(ModelKind::Model),
        "dienhinh" | "exemplar" | "dh" | "guongdienhinh" => Some(ModelKind::Exemplar),
        _ => None,
    }
}

/// `tập thể`, `collective`, `TT` / `cá nhân`, `individual`, `CN`.
pub fn parse_holder(s: &str) -> Option<Holder> {
    match squeeze(s).as_str() {
        "tapthe" | "collective" | "tt" => Some(Holder::Collective),
        "canhan" | "individual" | "cn" => Some(Holder::Individual),
        _ => None,
    }
}

/// The four fields with their usual abbreviations: `KT`; `VH-XH`, `VHXH`;
/// `QP-AN`, `QPAN`; `XDHTCT`, `HTCT` and the full names (with "trong sạch,
/// vững mạnh" or not), and the English names.
pub fn parse_field(s: &str) -> Option<Field> {
    let f = squeeze(s);
    let f = f.trim_start_matches("linhvuc");
    match f {
        "kinhte" | "kt" | "economy" | "economic" => Some(Field::Economy),
        "vanhoaxahoi" | "vhxh" | "vanhoa" | "xahoi" | "culturesociety" | "cultureandsociety" | "culture" => Some(Field::CultureSociety),
        "quocphongan" | "quocphonganninh" | "qpan" | "anninhquocphong" | "defencesecurity" | "defenceandsecurity" | "defense" | "defence" => {
            Some(Field::DefenceSecurity)
        }
        _ if f.starts_with("xaydunghethongchinhtri") || f == "xdhtct" || f == "htct" || f == "hethongchinhtri" => {
            Some(Field::PoliticalSystem)
        }
        "politicalsystem" | "buildingthepoliticalsystem" | "political" => Some(Field::PoliticalSystem),
        _ => None,
    }
}

/// `Hiệu quả`, `Có hiệu quả`, `Công nhận`, `effective` / `Tiêu biểu`,
/// `Xuất sắc`, `outstanding` / `Chưa hiệu quả`, `Không hiệu quả`,
/// `not yet effective`.
pub fn parse_effectiveness(s: &str) -> Option<Effectiveness> {
    match squeeze(s).as_str() {
        "hieuqua" | "cohieuqua" | "congnhan" | "duoccongnhan" | "dat" | "effective" | "recognised" | "recognized" => {
            Some(Effectiveness::Effective)
        }
        "tieubieu" | "xuatsac" | "tieubieuxuatsac" | "outstanding" => Some(Effectiveness::Outstanding),
        "chuahieuqua" | "khonghieuqua" | "chuadat" | "notyeteffective" | "noteffective" => Some(Effectiveness::NotYetEffective),
        _ => None,
    }
}

/// `có`, `x`, `1`, `công khai`, `yes`, `true` / `không`, `0`, `no`,
/// `false`, `nội bộ`: whether a record is public; `None` for anything else.
pub fn parse_yes_no(s: &str) -> Option<bool> {
    match squeeze(s).as_str() {
        "co" | "x" | "1" | "congkhai" | "yes" | "true" | "y" => Some(true),
        "khong" | "0" | "no" | "false" | "n" | "noibo" | "khongcongkhai" => Some(false),
        _ => None,
    }
}

/// A date as written: `31/12/2023`, `31-12-2023`, `31.12.2023`,
/// `2023-12-31`, or a spreadsheet's day number left unformatted (five
/// digits from 20000 to 80000, days after 1899-12-30 as Excel and
/// LibreOffice count them: 45017 is 2023-04-01).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(d);
    }
    if s.len() == 5 && s.bytes().all(|b| b.is_ascii_digit()) {
        let n: i64 = s.parse().ok()?;
        if (20_000..=80_000).contains(&n) {
            return NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_signed(chrono::Duration::days(n));
        }
        return None;
    }
    let parts: Vec<&str> = s.split(['/', '-', '.']).collect();
    let [d, m, y] = parts.as_slice() else { return None };
    if y.len() != 4 || d.is_empty() || d.len() > 2 || m.is_empty() || m.len() > 2 {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// A commendation as written in the sheet's `khen_thuong` column:
/// `Giấy khen, 125/QĐ-UBND`, `Bằng khen số 45-QĐ/TU`, `Đề nghị Bằng khen`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommendationText {
    /// Its form.
    pub form: CommendationForm,
    /// `true` when only proposed (starts with "đề nghị").
    pub proposed: bool,
    /// The decision number, when one is written and parses.
    pub decision: Option<String>,
    /// The text as written.
    pub text: String,
}

/// Reads a commendation (see [`CommendationText`]); `None` for text that
/// names no known form.
pub fn parse_commendation(s: &str) -> Option<CommendationText> {
    let folded = danvan_text::fold(s.trim());
    let proposed = folded.starts_with("de nghi") || folded.starts_with("proposed");
    let form = if folded.contains("giay khen") || folded.contains("certificate") {
        CommendationForm::Certificate
    } else if folded.contains("bang khen") || folded.contains("merit") {
        CommendationForm::Merit
    } else if folded.contains("co thi dua") || folded.contains("flag") {
        CommendationForm::Flag
    } else if folded.contains("bieu duong") || folded.contains("tuyen duong") || folded.contains("praise") {
        CommendationForm::Praise
    } else if folded.contains("khen thuong") || folded.contains("khen") {
        CommendationForm::Other
    } else {
        return None;
    };
    let decision = s
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';' || c == '(' || c == ')')
        .filter(|w| w.contains('/'))
        .find_map(|w| DocNumber::parse(w.trim_start_matches("số").trim_end_matches('.')).ok())
        .map(|n| n.to_string());
    Some(CommendationText { form, proposed, decision, text: s.trim().to_owned() })
}

/// A column of the import sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// `ma`: the unit's own code of the record; re-importing a code updates.
    Code,
    /// `ten`: the name.
    Name,
    /// `loai`: mô hình or điển hình.
    Kind,
    /// `chu_the`: tập thể or cá nhân.
    Holder,
    /// `linh_vuc`: one of the four fields.
    Field,
    /// `don_vi`: the unit's name or address (slug).
    Unit,
    /// `ky`: the period, `2023` or `2021-2025`.
    Period,
    /// `ngay_dang_ky`: the registration date.
    RegisteredOn,
    /// `ngay_ra_mat`: the launch date.
    LaunchedOn,
    /// `danh_gia`: the latest evaluation.
    Evaluation,
    /// `nam_danh_gia`: the year of that evaluation.
    EvaluationYear,
    /// `khen_thuong`: a commendation (optional column).
    Commendation,
    /// `cong_khai`: whether the record is shown on the public showcase
    /// (optional column: "có"/"không"; empty leaves a stored record as it
    /// is and a new one not public).
    Public,
}

impl Column {
    /// Every column; all but [`Column::Commendation`] and
    /// [`Column::Public`] are required.
    pub const ALL: [Column; 13] = [
        Column::Code,
        Column::Name,
        Column::Kind,
        Column::Holder,
        Column::Field,
        Column::Unit,
        Column::Period,
        Column::RegisteredOn,
        Column::LaunchedOn,
        Column::Evaluation,
        Column::EvaluationYear,
        Column::Commendation,
        Column::Public,
    ];

    /// The canonical header, as reports name the column.
    pub fn name(self) -> &'static str {
        match self {
            Column::Code => "ma",
            Column::Name => "ten",
            Column::Kind => "loai",
            Column::Holder => "chu_the",
            Column::Field => "linh_vuc",
            Column::Unit => "don_vi",
            Column::Period => "ky",
            Column::RegisteredOn => "ngay_dang_ky",
            Column::LaunchedOn => "ngay_ra_mat",
            Column::Evaluation => "danh_gia",
            Column::EvaluationYear => "nam_danh_gia",
            Column::Commendation => "khen_thuong",
            Column::Public => "cong_khai",
        }
    }

    fn aliases(self) -> &'static [&'static str] {
        match self {
            Column::Code => &["ma", "code", "id", "mamohinh", "so"],
            Column::Name => &["ten", "name", "tenmohinh", "tenmohinhdienhinh"],
            Column::Kind => &["loai", "kind", "type", "phanloai"],
            Column::Holder => &["chuthe", "holder", "doituong"],
            Column::Field => &["linhvuc", "field"],
            Column::Unit => &["donvi", "unit", "coquandonvi"],
            Column::Period => &["ky", "period", "nam", "giaidoan", "year"],
            Column::RegisteredOn => &["ngaydangky", "registeredon", "registered", "registrationdate"],
            Column::LaunchedOn => &["ngayramat", "launchedon", "launched", "launchdate"],
            Column::Evaluation => &["danhgia", "evaluation", "ketquadanhgia"],
            Column::EvaluationYear => &["namdanhgia", "evaluationyear"],
            Column::Commendation => &["khenthuong", "commendation"],
            Column::Public => &["congkhai", "public", "hienthi"],
        }
    }

    /// The column a header cell names (Vietnamese with or without marks,
    /// `_` or spaces, or the English alias), if any.
    pub fn from_header(cell: &str) -> Option<Column> {
        let k = squeeze(cell);
        Column::ALL.into_iter().find(|c| c.aliases().contains(&k.as_str()))
    }
}

/// A problem with one cell: the sheet's row number (the header is row 1),
/// the column's canonical name, and the message code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellProblem {
    /// 1-based row number as the spreadsheet shows it.
    pub row: usize,
    /// The canonical column name (`linh_vuc`), or `*` for the whole row.
    pub column: &'static str,
    /// The catalogue key: `registry.import.*`.
    pub code: &'static str,
}

/// Where each column is in the sheet.
#[derive(Debug, Clone)]
pub struct Header {
    at: Vec<(Column, usize)>,
    /// The header cells that name no column (kept to warn about them: a
    /// misspelt `cong_khia` would otherwise be dropped without a word).
    unknown: Vec<String>,
}

impl Header {
    /// Reads the header row. Unknown headers are ignored (a sheet often has
    /// an "STT" column); a column named twice and missing required columns
    /// are problems on row 1.
    pub fn read(cells: &[String]) -> Result<Header, Vec<CellProblem>> {
        let mut at = Vec::new();
        let mut problems = Vec::new();
        let mut unknown = Vec::new();
        for (i, cell) in cells.iter().enumerate() {
            if Column::from_header(cell).is_none() && !cell.trim().is_empty() && !is_row_number(cell) {
                unknown.push(cell.trim().to_owned());
            }
            if let Some(c) = Column::from_header(cell) {
                if at.iter().any(|(seen, _)| *seen == c) {
                    problems.push(CellProblem { row: 1, column: c.name(), code: "registry.import.column_twice" });
                } else {
                    at.push((c, i));
                }
            }
        }
        for c in Column::ALL.into_iter().filter(|c| !matches!(c, Column::Commendation | Column::Public)) {
            if !at.iter().any(|(seen, _)| *seen == c) {
                problems.push(CellProblem { row: 1, column: c.name(), code: "registry.import.column_missing" });
            }
        }
        if problems.is_empty() { Ok(Header { at, unknown }) } else { Err(problems) }
    }

    /// The header cells that name no column, as written (a row-number
    /// column "STT" aside).
    pub fn unknown(&self) -> &[String] {
        &self.unknown
    }

    fn cell<'a>(&self, cells: &'a [String], c: Column) -> &'a str {
        self.at.iter().find(|(seen, _)| *seen == c).and_then(|(_, i)| cells.get(*i)).map(|s| s.trim()).unwrap_or("")
    }
}

/// A header cell of a row-number column ("STT", "TT", "No."), which
/// sheets have and the import does not need.
fn is_row_number(cell: &str) -> bool {
    matches!(squeeze(cell).as_str(), "stt" | "tt" | "no" | "number" | "sothutu")
}

/// The longest name, in characters.
pub const MAX_NAME_CHARS: usize = 300;
/// The longest code, in characters.
pub const MAX_CODE_CHARS: usize = 60;

/// One good row of the import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRow {
    /// The sheet's row number.
    pub row: usize,
    /// `ma`.
    pub code: String,
    /// `ten`.
    pub name: String,
    pub kind: ModelKind,
    pub holder: Holder,
    pub field: Field,
    /// `don_vi` as written (the store resolves it).
    pub unit: String,
    pub period: Period,
    pub registered_on: Option<NaiveDate>,
    pub launched_on: Option<NaiveDate>,
    /// The latest evaluation and its year.
    pub evaluation: Option<(Effectiveness, i32)>,
    pub commendation: Option<CommendationText>,
    /// `cong_khai`: `None` when the cell is empty (or the column absent).
    pub public: Option<bool>,
}

/// The export's header: the columns [`write_row`] fills, in order (all
/// but `khen_thuong`), each a catalogue key whose Vietnamese text
/// [`Column::from_header`] reads back as that column, so that an exported
/// list imports again unchanged.
pub const EXPORT_COLUMNS: [(Column, &str); 12] = [
    (Column::Code, "registry.column.code"),
    (Column::Name, "registry.column.name"),
    (Column::Kind, "registry.column.kind"),
    (Column::Holder, "registry.column.holder"),
    (Column::Field, "registry.column.field"),
    (Column::Unit, "registry.column.unit"),
    (Column::Period, "registry.column.period"),
    (Column::RegisteredOn, "registry.column.registered_on"),
    (Column::LaunchedOn, "registry.column.launched_on"),
    (Column::Evaluation, "registry.column.evaluation"),
    (Column::EvaluationYear, "registry.column.evaluation_year"),
    (Column::Public, "registry.column.public"),
];

/// One record as the cells of [`EXPORT_COLUMNS`], written as people write
/// them (labels from the catalogue in `lang`, dates dd/mm/yyyy, `2021-2025`)
/// and as [`read_row`] reads them back: `read_row` of these cells gives
/// `r` again (its commendation aside).
pub fn write_row(r: &ImportRow, lang: crate::messages::Lang) -> [String; 12] {
    use crate::messages::t;
    let date = |d: Option<NaiveDate>| d.map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_default();
    [
        r.code.clone(),
        r.name.clone(),
        t(r.kind.message_key(), lang).to_owned(),
        t(r.holder.message_key(), lang).to_owned(),
        t(r.field.message_key(), lang).to_owned(),
        r.unit.clone(),
        r.period.to_string(),
        date(r.registered_on),
        date(r.launched_on),
        r.evaluation.map(|(e, _)| t(e.message_key(), lang).to_owned()).unwrap_or_default(),
        r.evaluation.map(|(_, y)| y.to_string()).unwrap_or_default(),
        match r.public {
            Some(true) => t("registry.yes", lang).to_owned(),
            Some(false) => t("registry.no", lang).to_owned(),
            None => String::new(),
        },
    ]
}

/// Reads data row `row` (1-based, as the sheet shows it). A row of empty
/// cells is `Ok(None)`.
///
/// Problems (codes `registry.import.*`): `code_missing`, `code_too_long`,
/// `name_missing`, `name_too_long`, `kind_unknown`, `holder_unknown`,
/// `field_unknown`, `unit_missing`, `period_invalid`, `date_invalid`
/// (31/02/2023, text in a date column), `launch_before_registration`,
/// `evaluation_unknown`, `year_invalid`, `commendation_unknown`; and
/// `registry.evaluation_before_period` for an evaluation year before the
/// record's period.
pub fn read_row(header: &Header, row: usize, cells: &[String]) -> Result<Option<ImportRow>, Vec<CellProblem>> {
    if cells.iter().all(|c| c.trim().is_empty()) {
        return Ok(None);
    }
    let mut problems = Vec::new();
    let mut bad = |c: Column, code: &'static str| problems.push(CellProblem { row, column: c.name(), code });
    let get = |c: Column| danvan_text::collapse_spaces(&danvan_text::normalize_input(header.cell(cells, c)));
    let code = get(Column::Code);
    if code.is_empty() {
        bad(Column::Code, "registry.import.code_missing");
    } else if code.chars().count() > MAX_CODE_CHARS {
        bad(Column::Code, "registry.import.code_too_long");
    }
    let name = get(Column::Name);
    if name.is_empty() {
        bad(Column::Name, "registry.import.name_missing");
    } else if name.chars().count() > MAX_NAME_CHARS {
        bad(Column::Name, "registry.import.name_too_long");
    }
    let kind = parse_kind(&get(Column::Kind));
    if kind.is_none() {
        bad(Column::Kind, "registry.import.kind_unknown");
    }
    let holder = parse_holder(&get(Column::Holder));
    if holder.is_none() {
        bad(Column::Holder, "registry.import.holder_unknown");
    }
    let field = parse_field(&get(Column::Field));
    if field.is_none() {
        bad(Column::Field, "registry.import.field_unknown");
    }
    let unit = get(Column::Unit);
    if unit.is_empty() {
        bad(Column::Unit, "registry.import.unit_missing");
    }
    let period = Period::parse(&get(Column::Period));
    if period.is_none() {
        bad(Column::Period, "registry.import.period_invalid");
    }
    let mut date = |c: Column| {
        let v = get(c);
        if v.is_empty() {
            return None;
        }
        // a date of the years a record may have (a spreadsheet's day -5 is no date)
        let d = parse_date(&v).filter(|d| YEARS.contains(&chrono::Datelike::year(d)));
        if d.is_none() {
            bad(c, "registry.import.date_invalid");
        }
        d
    };
    let registered_on = date(Column::RegisteredOn);
    let launched_on = date(Column::LaunchedOn);
    if let (Some(r), Some(l)) = (registered_on, launched_on)
        && l < r
    {
        bad(Column::LaunchedOn, "registry.import.launch_before_registration");
    }
    let evaluation_text = get(Column::Evaluation);
    let evaluation = if evaluation_text.is_empty() {
        if !get(Column::EvaluationYear).is_empty() {
            bad(Column::Evaluation, "registry.import.evaluation_missing");
        }
        None
    } else {
        let e = parse_effectiveness(&evaluation_text);
        if e.is_none() {
            bad(Column::Evaluation, "registry.import.evaluation_unknown");
        }
        let y_text = get(Column::EvaluationYear);
        let year = if y_text.is_empty() {
            period.map(|p| p.end)
        } else {
            let y = y_text.parse::<i32>().ok().filter(|y| YEARS.contains(y) && y_text.len() == 4);
            match (y, period) {
                (None, _) => bad(Column::EvaluationYear, "registry.import.year_invalid"),
                (Some(y), Some(p)) if y < p.start => bad(Column::EvaluationYear, "registry.evaluation_before_period"),
                _ => {}
            }
            y
        };
        e.zip(year)
    };
    let commendation_text = get(Column::Commendation);
    let commendation = if commendation_text.is_empty() {
        None
    } else {
        let c = parse_commendation(&commendation_text);
        if c.is_none() {
            bad(Column::Commendation, "registry.import.commendation_unknown");
        }
        c
    };
    let public_text = get(Column::Public);
    let public = if public_text.is_empty() {
        None
    } else {
        let p = parse_yes_no(&public_text);
        if p.is_none() {
            bad(Column::Public, "registry.import.public_unknown");
        }
        p
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    match (kind, holder, field, period) {
        (Some(kind), Some(holder), Some(field), Some(period)) => Ok(Some(ImportRow {
            row,
            code,
            name,
            kind,
            holder,
            field,
            unit,
            period,
            registered_on,
            launched_on,
            evaluation,
            commendation,
            public,
        })),
        _ => Err(vec![CellProblem { row, column: "*", code: "registry.import.row_invalid" }]),
    }
}

/// The rows whose code (compared folded, so `MH-01` and `mh-01` are one)
/// appeared on an earlier row of the same file for the same unit (a code
/// is the unit's own: two communes may both have `MH-01`): problems
/// `registry.import.code_twice` on column `ma`.
pub fn duplicate_codes(rows: &[ImportRow]) -> Vec<CellProblem> {
    let mut seen = std::collections::HashSet::new();
    rows.iter()
        // the unit as written (its marks count: xã Mẫu Sơn is not xã Mậu Sơn)
        .filter(|r| !seen.insert((danvan_text::collapse_spaces(&danvan_text::normalize_input(&r.unit)).to_lowercase(), danvan_text::fold(&r.code))))
        .map(|r| CellProblem { row: r.row, column: "ma", code: "registry.import.code_twice" })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_exported_row_reads_back_the_same() {
        use crate::messages::{Lang, t};
        for lang in [Lang::Vi, Lang::En] {
            let header: Vec<String> = EXPORT_COLUMNS.iter().map(|(_, k)| t(k, lang).to_owned()).collect();
            for ((c, _), h) in EXPORT_COLUMNS.iter().zip(&header) {
                assert_eq!(Column::from_header(h), Some(*c), "{h}");
            }
            let header = Header::read(&header).unwrap();
            for (i, field) in Field::ALL.iter().enumerate() {
                let r = ImportRow {
                    row: i + 2,
                    code: format!("DVK-{i}"),
                    name: "Mô hình “Dân vận khéo” – xóm Nà Pàn".into(),
                    kind: if i % 2 == 0 { ModelKind::Model } else { ModelKind::Exemplar },
                    holder: if i < 2 { Holder::Collective } else { Holder::Individual },
                    field: *field,
                    unit: "Đảng ủy xã Mẫu Sơn".into(),
                    period: if i == 3 { Period { start: 2021, end: 2025 } } else { Period::year(2023) },
                    registered_on: NaiveDate::from_ymd_opt(2023, 1, 9),
                    launched_on: (i > 0).then(|| NaiveDate::from_ymd_opt(2023, 3, 26).unwrap()),
                    evaluation: [None, Some((Effectiveness::NotYetEffective, 2023)), Some((Effectiveness::Effective, 2023)), Some((Effectiveness::Outstanding, 2024))][i],
                    commendation: None,
                    public: [None, Some(true), Some(false), Some(true)][i],
                };
                assert_eq!(read_row(&header, r.row, &write_row(&r, lang)).unwrap(), Some(r.clone()), "{lang:?}");
            }
        }
    }

    fn cells(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn values_as_people_write_them() {
        assert_eq!(parse_field("Văn hóa - Xã hội"), Some(Field::CultureSociety));
        assert_eq!(parse_field("VH-XH"), Some(Field::CultureSociety));
        assert_eq!(parse_field("QP-AN"), Some(Field::DefenceSecurity));
        assert_eq!(parse_field("quốc phòng – an ninh"), Some(Field::DefenceSecurity));
        assert_eq!(parse_field("XDHTCT"), Some(Field::PoliticalSystem));
        assert_eq!(parse_field("Xây dựng hệ thống chính trị trong sạch, vững mạnh"), Some(Field::PoliticalSystem));
        assert_eq!(parse_field("kinh te"), Some(Field::Economy));
        assert_eq!(parse_field("nông nghiệp"), None);
        assert_eq!(parse_holder("Tập thể"), Some(Holder::Collective));
        assert_eq!(parse_holder("ca nhan"), Some(Holder::Individual));
        assert_eq!(parse_kind("Điển hình"), Some(ModelKind::Exemplar));
        assert_eq!(parse_effectiveness("Tiêu biểu"), Some(Effectiveness::Outstanding));
        assert_eq!(parse_effectiveness("Chưa hiệu quả"), Some(Effectiveness::NotYetEffective));
        assert_eq!(parse_date("31/02/2023"), None);
        assert_eq!(parse_date("05/3/2023"), NaiveDate::from_ymd_opt(2023, 3, 5));
        assert_eq!(parse_date("45017"), NaiveDate::from_ymd_opt(2023, 4, 1), "a spreadsheet's day number");
        assert_eq!(parse_date("12345"), None);
        let c = parse_commendation("Giấy khen, 125/QĐ-UBND").unwrap();
        assert_eq!((c.form, c.proposed, c.decision.as_deref()), (CommendationForm::Certificate, false, Some("125/QĐ-UBND")));
        let c = parse_commendation("Đề nghị Bằng khen").unwrap();
        assert_eq!((c.form, c.proposed, c.decision), (CommendationForm::Merit, true, None));
        assert_eq!(parse_commendation("không"), None);
        assert_eq!(parse_yes_no("Có"), Some(true));
        assert_eq!(parse_yes_no("x"), Some(true));
        assert_eq!(parse_yes_no("Không công khai"), Some(false));
        assert_eq!(parse_yes_no("nội bộ"), Some(false));
        assert_eq!(parse_yes_no("có lẽ"), None);
    }

    #[test]
    fn the_public_column_is_optional_and_checked() {
        let h = Header::read(&cells(&["ma", "ten", "loai", "chu_the", "linh_vuc", "don_vi", "ky", "ngay_dang_ky", "ngay_ra_mat", "danh_gia", "nam_danh_gia", "Công khai"])).unwrap();
        let row = |public: &str| cells(&["MH-01", "Tên", "Mô hình", "Tập thể", "KT", "xa-a", "2023", "", "", "", "", public]);
        assert_eq!(read_row(&h, 2, &row("có")).unwrap().unwrap().public, Some(true));
        assert_eq!(read_row(&h, 2, &row("")).unwrap().unwrap().public, None, "empty: left as it is");
        let e = read_row(&h, 2, &row("chưa rõ")).unwrap_err();
        assert_eq!(e, [CellProblem { row: 2, column: "cong_khai", code: "registry.import.public_unknown" }]);
        // an evaluation year before the record's period
        let mut early = row("");
        early[9] = "Hiệu quả".into();
        early[10] = "2022".into();
        assert_eq!(read_row(&h, 2, &early).unwrap_err(), [CellProblem { row: 2, column: "nam_danh_gia", code: "registry.evaluation_before_period" }]);
    }

    #[test]
    fn headers_in_either_language() {
        let h = Header::read(&cells(&["STT", "Mã", "Tên mô hình", "Loại", "Chủ thể", "Lĩnh vực", "Đơn vị", "Kỳ", "Ngày đăng ký", "Ngày ra mắt", "Đánh giá", "Năm đánh giá", "cong_khia", "Ghi chú"]));
        assert_eq!(h.unwrap().unknown(), ["cong_khia", "Ghi chú"], "misspelt or unknown columns are named, STT is not");
        let h = Header::read(&cells(&["code", "name", "kind", "holder", "field", "unit", "period", "registered_on", "launched_on", "evaluation", "evaluation_year", "commendation"]));
        assert!(h.is_ok());
        let e = Header::read(&cells(&["ma", "ten", "ma"])).unwrap_err();
        assert_eq!(e[0], CellProblem { row: 1, column: "ma", code: "registry.import.column_twice" });
        assert!(e.iter().any(|p| p.column == "linh_vuc" && p.code == "registry.import.column_missing"));
    }

    #[test]
    fn a_bad_row_names_every_cell() {
        let h = Header::read(&cells(&["ma", "ten", "loai", "chu_the", "linh_vuc", "don_vi", "ky", "ngay_dang_ky", "ngay_ra_mat", "danh_gia", "nam_danh_gia"])).unwrap();
        let good = read_row(&h, 2, &cells(&["MH-01", "Dân vận khéo  trong  xây dựng NTM", "Mô hình", "Tập thể", "KT", "xa-a", "2023", "10/01/2023", "15/02/2023", "Hiệu quả", ""])).unwrap().unwrap();
        assert_eq!(good.name, "Dân vận khéo trong xây dựng NTM");
        assert_eq!(good.evaluation, Some((Effectiveness::Effective, 2023)), "the year defaults to the period's end");
        let e = read_row(&h, 3, &cells(&["", "", "x", "y", "nông nghiệp", "", "20233", "31/02/2023", "mười", "tốt", "năm"])).unwrap_err();
        let got: Vec<_> = e.iter().map(|p| (p.column, p.code)).collect();
        assert_eq!(
            got,
            [
                ("ma", "registry.import.code_missing"),
                ("ten", "registry.import.name_missing"),
                ("loai", "registry.import.kind_unknown"),
                ("chu_the", "registry.import.holder_unknown"),
                ("linh_vuc", "registry.import.field_unknown"),
                ("don_vi", "registry.import.unit_missing"),
                ("ky", "registry.import.period_invalid"),
                ("ngay_dang_ky", "registry.import.date_invalid"),
                ("ngay_ra_mat", "registry.import.date_invalid"),
                ("danh_gia", "registry.import.evaluation_unknown"),
                ("nam_danh_gia", "registry.import.year_invalid"),
            ]
        );
        assert!(e.iter().all(|p| p.row == 3));
        assert_eq!(read_row(&h, 4, &cells(&["", " ", ""])).unwrap(), None);
        let twice = [good.clone(), ImportRow { row: 5, code: "mh-01".into(), ..good.clone() }, ImportRow { row: 6, unit: "xa-b".into(), ..good.clone() }];
        assert_eq!(duplicate_codes(&twice), [CellProblem { row: 5, column: "ma", code: "registry.import.code_twice" }], "another unit's MH-01 is its own");
    }
}
