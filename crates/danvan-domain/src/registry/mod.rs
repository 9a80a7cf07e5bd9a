//! The "Dân vận khéo" registry: models (mô hình) and exemplars (điển hình)
//! of the emulation movement, from registration to commendation
//! (DESIGN.md §3.3: the record, its ten registration parts, the lifecycle,
//! commendations and the statistics reports count).
//!
//! * this module: the record's kinds, holders, fields, statuses,
//!   evaluations and commendation forms, periods, and the lifecycle rule;
//! * [`values`]: values as people write them in sheets ("VH-XH", "Tập thể",
//!   "Hiệu quả"), the import's header and rows with per-cell problems;
//! * [`stats`]: the figures of a period and how a report writes them
//!   (2.071; 87,3%; 05) with the summary paragraph in the seed's style.

pub mod links;
pub mod stats;
pub mod values;

use serde::Serialize;

coded! {
    /// What is registered.
    ModelKind {
        /// Mô hình: a way of working that is applied and replicated.
        Model = "model", "registry.kind.model";
        /// Điển hình: an exemplary collective or person.
        Exemplar = "exemplar", "registry.kind.exemplar";
    }
}

coded! {
    /// Who holds it.
    Holder {
        /// Tập thể: a collective (a unit, an association, a village).
        Collective = "collective", "registry.holder.collective";
        /// Cá nhân: one person (name and position are personal data).
        Individual = "individual", "registry.holder.individual";
    }
}

coded! {
    /// The movement's four fields; a record has exactly one.
    Field {
        /// Kinh tế.
        Economy = "economy", "registry.field.economy";
        /// Văn hóa - xã hội.
        CultureSociety = "culture_society", "registry.field.culture_society";
        /// Quốc phòng - an ninh.
        DefenceSecurity = "defence_security", "registry.field.defence_security";
        /// Xây dựng hệ thống chính trị.
        PoliticalSystem = "political_system", "registry.field.political_system";
    }
}

coded! {
    /// Where a record is in its life. Records are never deleted: a model
    /// that stops is [`Status::Discontinued`], one that becomes another is
    /// [`Status::Converted`] (linked to its successor).
    Status {
        /// Đăng ký: registered, not yet launched.
        Registered = "registered", "registry.status.registered";
        /// Ra mắt: launched.
        Launched = "launched", "registry.status.launched";
        /// Đang hoạt động: in operation.
        Operating = "operating", "registry.status.operating";
        /// Nhân rộng: copied by other units (the copies link to it).
        Replicated = "replicated", "registry.status.replicated";
        /// Củng cố: being consolidated after a weak evaluation.
        Consolidating = "consolidating", "registry.status.consolidating";
        /// Chuyển đổi: became another model (linked).
        Converted = "converted", "registry.status.converted";
        /// Dừng: discontinued, with a reason.
        Discontinued = "discontinued", "registry.status.discontinued";
    }
}

coded! {
    /// The result of a yearly evaluation.
    Effectiveness {
        /// Chưa hiệu quả.
        NotYetEffective = "not_yet_effective", "registry.effectiveness.not_yet_effective";
        /// Hiệu quả: recognised (công nhận).
        Effective = "effective", "registry.effectiveness.effective";
        /// Tiêu biểu: outstanding (also recognised).
        Outstanding = "outstanding", "registry.effectiveness.outstanding";
    }
}

impl Effectiveness {
    /// Whether the evaluation recognises the record (effective or
    /// outstanding): reports count outstanding models among the recognised.
    pub fn is_recognised(self) -> bool {
        matches!(self, Effectiveness::Effective | Effectiveness::Outstanding)
    }
}

coded! {
    /// The form of a commendation (Luật Thi đua, khen thưởng 2022, Art. 8 and
    /// the movement's own "biểu dương").
    CommendationForm {
        /// Biểu dương / tuyên dương: public praise.
        Praise = "praise", "registry.commendation.praise";
        /// Giấy khen: certificate of merit (district and commune level).
        Certificate = "certificate", "registry.commendation.certificate";
        /// Bằng khen: certificate of merit (provincial or ministerial level).
        Merit = "merit", "registry.commendation.merit";
        /// Cờ thi đua: emulation flag.
        Flag = "flag", "registry.commendation.flag";
        /// Anything else named in the decision.
        Other = "other", "registry.commendation.other";
    }
}

/// A period: one year (`2023`) or a phase (`2021–2025`), inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Period {
    /// The first year.
    pub start: i32,
    /// The last year (equal to `start` for one year).
    pub end: i32,
}

/// The years a period may name.
pub const YEARS: std::ops::RangeInclusive<i32> = 1990..=2100;

impl Period {
    /// One year.
    pub fn year(y: i32) -> Period {
        Period { start: y, end: y }
    }

    /// Reads `2023`, `2021-2025`, `2021 – 2025`, `2021/2025` or
    /// `giai đoạn 2021-2025`; years in [`YEARS`], a phase of at most 10
    /// years, start before end.
    pub fn parse(s: &str) -> Option<Period> {
        let f = danvan_text::fold(s.trim());
        let f = f.trim_start_matches("giai doan").trim_start_matches("nam").trim();
        let years: Vec<&str> = f.split(|c: char| !c.is_ascii_digit()).filter(|p| !p.is_empty()).collect();
        let rest_ok = f.chars().all(|c| c.is_ascii_digit() || c.is_whitespace() || matches!(c, '-' | '–' | '—' | '/'));
        if !rest_ok {
            return None;
        }
        let year = |p: &str| p.len() == 4 && p.parse::<i32>().ok().filter(|y| YEARS.contains(y)).is_some();
        let p = match years.as_slice() {
            [y] if year(y) && f.bytes().all(|b| b.is_ascii_digit()) => Period::year(y.parse().ok()?),
            [a, b] if year(a) && year(b) && f.starts_with(a) && f.ends_with(b) => Period { start: a.parse().ok()?, end: b.parse().ok()? },
            _ => return None,
        };
        (p.start <= p.end && p.end - p.start < 10).then_some(p)
    }

    /// Whether the two periods share a year.
    pub fn overlaps(&self, other: &Period) -> bool {
        self.start <= other.end && other.start <= self.end
    }

    /// The period of the same length just before (2022 before 2023;
    /// 2016–2020 before 2021–2025).
    pub fn previous(&self) -> Period {
        let len = self.end - self.start + 1;
        Period { start: self.start - len, end: self.end - len }
    }

    /// Whether this is one year.
    pub fn is_year(&self) -> bool {
        self.start == self.end
    }

    /// The five-year plan phase that holds `year` (2021–2025 for 2023):
    /// phases start in a year ending in 1 or 6, as the socio-economic
    /// development plans (Luật Quy hoạch 2017, Art. 4; Nghị quyết Đại hội
    /// XIII: 2021–2025, 2026–2030) and the emulation movement "Dân vận
    /// khéo" (phase 2021–2025 of the Central Mass Mobilization Commission)
    /// count them. The statistics of these phases are kept ready
    /// (`registry_phase_fact`); any other phase is folded on request.
    pub fn plan_phase_of(year: i32) -> Period {
        let start = (year - 1).div_euclid(5) * 5 + 1;
        Period { start, end: start + 4 }
    }

    /// Whether this is a five-year plan phase ([`Period::plan_phase_of`]).
    pub fn is_plan_phase(&self) -> bool {
        *self == Period::plan_phase_of(self.start)
    }
}

impl std::fmt::Display for Period {
    /// `2023` or `2021-2025` (what the address and the sheet use).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.is_year() { write!(f, "{}", self.start) } else { write!(f, "{}-{}", self.start, self.end) }
    }
}

/// Whether a record may go from `from` to `to`:
///
/// | from | to |
/// |---|---|
/// | registered | launched, discontinued |
/// | launched | operating, discontinued |
/// | operating | replicated, consolidating, converted, discontinued |
/// | replicated | consolidating, converted, discontinued |
/// | consolidating | operating, replicated, converted, discontinued |
/// | converted, discontinued | — (final) |
pub fn can_move(from: Status, to: Status) -> bool {
    use Status as S;
    matches!(
        (from, to),
        (S::Registered, S::Launched | S::Discontinued)
            | (S::Launched, S::Operating | S::Discontinued)
            | (S::Operating, S::Replicated | S::Consolidating | S::Converted | S::Discontinued)
            | (S::Replicated, S::Consolidating | S::Converted | S::Discontinued)
            | (S::Consolidating, S::Operating | S::Replicated | S::Converted | S::Discontinued)
    )
}

/// Whether a record in `status` may be evaluated: once launched and while
/// it runs (not registered only, not converted or discontinued).
pub fn can_evaluate(status: Status) -> bool {
    matches!(status, Status::Launched | Status::Operating | Status::Replicated | Status::Consolidating)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_as_written() {
        assert_eq!(Period::parse("2023"), Some(Period::year(2023)));
        assert_eq!(Period::parse("2021-2025"), Some(Period { start: 2021, end: 2025 }));
        assert_eq!(Period::parse("Giai đoạn 2021 – 2025"), Some(Period { start: 2021, end: 2025 }));
        assert_eq!(Period::parse("năm 2022"), Some(Period::year(2022)));
        for bad in ["", "23", "2025-2021", "2001-2030", "20233", "2023a", "1800", "2023-", "abc"] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
        assert_eq!(Period { start: 2021, end: 2025 }.previous(), Period { start: 2016, end: 2020 });
        assert_eq!(Period::year(2023).previous().to_string(), "2022");
        assert!(Period { start: 2021, end: 2025 }.overlaps(&Period::year(2023)));
        assert!(!Period::year(2020).overlaps(&Period { start: 2021, end: 2025 }));
    }

    #[test]
    fn dates_are_not_in_the_future() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let later = today.succ_opt();
        assert_eq!(check_dates(Some(today), Some(today), today), Ok(()));
        assert_eq!(check_dates(later, None, today), Err(("registered_on", "registry.date_in_future")));
        assert_eq!(check_dates(None, later, today), Err(("launched_on", "registry.date_in_future")));
    }

    #[test]
    fn evaluation_years() {
        let p = Period { start: 2021, end: 2025 };
        assert_eq!(check_evaluation_year(p, 2021, 2026), Ok(()));
        assert_eq!(check_evaluation_year(p, 2026, 2026), Ok(()), "after its period, while it runs");
        assert_eq!(check_evaluation_year(p, 2020, 2026), Err("registry.evaluation_before_period"));
        assert_eq!(check_evaluation_year(p, 2027, 2026), Err("registry.evaluation_in_future"));
    }

    #[test]
    fn plan_phases() {
        let p2125 = Period { start: 2021, end: 2025 };
        for y in 2021..=2025 {
            assert_eq!(Period::plan_phase_of(y), p2125, "{y}");
        }
        assert_eq!(Period::plan_phase_of(2026), Period { start: 2026, end: 2030 });
        assert_eq!(Period::plan_phase_of(2020), Period { start: 2016, end: 2020 });
        assert!(p2125.is_plan_phase());
        assert!(!Period { start: 2020, end: 2025 }.is_plan_phase());
        assert!(!Period { start: 2021, end: 2024 }.is_plan_phase());
        assert!(!Period::year(2021).is_plan_phase());
    }

    #[test]
    fn the_lifecycle() {
        assert!(can_move(Status::Registered, Status::Launched));
        assert!(!can_move(Status::Registered, Status::Operating));
        assert!(can_move(Status::Operating, Status::Converted));
        for s in Status::ALL {
            assert!(!can_move(Status::Converted, *s) && !can_move(Status::Discontinued, *s));
        }
        assert!(can_evaluate(Status::Operating) && !can_evaluate(Status::Registered) && !can_evaluate(Status::Discontinued));
        assert!(Effectiveness::Outstanding.is_recognised() && !Effectiveness::NotYetEffective.is_recognised());
    }

    #[test]
    fn codes_round_trip() {
        for f in Field::ALL {
            assert_eq!(Field::from_code(f.code()), Some(*f));
        }
        assert_eq!(Status::from_code("nope"), None);
    }
}

/// The registration form's parts (DESIGN.md §3.3), each free text.
pub const REGISTRATION_PARTS: [&str; 9] = [
    "situation",
    "goals",
    "content",
    "beneficiaries",
    "forces",
    "resources",
    "timeline",
    "outputs",
    "sustainability",
];

/// The catalogue key of a registration part's heading.
pub fn part_key(part: &str) -> &'static str {
    match part {
        "situation" => "registry.part.situation",
        "goals" => "registry.part.goals",
        "content" => "registry.part.content",
        "beneficiaries" => "registry.part.beneficiaries",
        "forces" => "registry.part.forces",
        "resources" => "registry.part.resources",
        "timeline" => "registry.part.timeline",
        "outputs" => "registry.part.outputs",
        _ => "registry.part.sustainability",
    }
}

/// The longest text of one registration part, in characters.
pub const MAX_PART_CHARS: usize = 5000;

/// A record as registered in the back office (before the store resolves
/// the unit and checks the actor's scope).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewRecord {
    /// The unit's own code (unique in the unit).
    pub code: String,
    pub name: String,
    pub kind: Option<ModelKind>,
    pub holder: Option<Holder>,
    pub field: Option<Field>,
    /// `org_unit.id`.
    pub unit_id: Option<i32>,
    /// The area (thôn, tổ dân phố, …), free text.
    pub area: String,
    pub period: Option<Period>,
    pub registered_on: Option<chrono::NaiveDate>,
    pub launched_on: Option<chrono::NaiveDate>,
    /// For an individual: name and position (personal data: staff only).
    pub person_name: String,
    pub person_position: String,
    /// The parts of [`REGISTRATION_PARTS`], by name.
    pub parts: std::collections::BTreeMap<String, String>,
    /// Shown on the public showcase once approved.
    pub is_public: bool,
}

/// Checks the year of an evaluation of a record of `period` made in
/// `this_year` (Vietnam's): a record is evaluated for a year of its period
/// or a later one (the yearly review goes on while it runs), never for a
/// year before it starts nor for a year not yet begun. Errors:
/// `registry.evaluation_before_period`, `registry.evaluation_in_future`.
pub fn check_evaluation_year(period: Period, year: i32, this_year: i32) -> Result<(), &'static str> {
    if year < period.start {
        return Err("registry.evaluation_before_period");
    }
    if year > this_year {
        return Err("registry.evaluation_in_future");
    }
    Ok(())
}

/// Checks a record's dates against `today` (Vietnam's): a registration or
/// a launch is something that happened, so neither is after today (a
/// launch planned for later is entered once it happens). The first
/// problem as `(field, "registry.date_in_future")`.
pub fn check_dates(registered_on: Option<chrono::NaiveDate>, launched_on: Option<chrono::NaiveDate>, today: chrono::NaiveDate) -> Result<(), (&'static str, &'static str)> {
    if registered_on.is_some_and(|d| d > today) {
        return Err(("registered_on", "registry.date_in_future"));
    }
    if launched_on.is_some_and(|d| d > today) {
        return Err(("launched_on", "registry.date_in_future"));
    }
    Ok(())
}

/// The fields of a record an edit may change, by the names the history's
/// `fields` parameter uses (see `AuditAction::RegistryUpdate`).
pub const RECORD_FIELDS: [&str; 14] = [
    "code", "name", "kind", "holder", "field", "unit_id", "area", "period", "registered_on", "launched_on", "person_name",
    "person_position", "parts", "is_public",
];

/// The catalogue key of a record field's label (the form's), for the
/// names of [`RECORD_FIELDS`]; `None` for anything else.
pub fn record_field_key(name: &str) -> Option<&'static str> {
    Some(match name {
        "code" => "admin.registry.code",
        "name" => "admin.registry.name",
        "kind" => "admin.registry.kind",
        "holder" => "admin.registry.holder",
        "field" => "admin.registry.field",
        "unit_id" => "admin.registry.unit",
        "area" => "admin.registry.area",
        "period" => "admin.registry.period",
        "registered_on" => "admin.registry.registered_on",
        "launched_on" => "admin.registry.launched_on",
        "person_name" => "admin.registry.person_name",
        "person_position" => "admin.registry.person_position",
        "parts" => "admin.registry.parts",
        "is_public" => "admin.registry.public",
        _ => return None,
    })
}

/// Checks a new record; the first problem as `(field, message code)`:
/// `code`/`name` required and not too long, `kind`, `holder`, `field`,
/// `unit_id`, `period` chosen, the launch not before the registration, a
/// person's name for an individual holder, parts within
/// [`MAX_PART_CHARS`].
pub fn check_new_record(r: &NewRecord) -> Result<(), (&'static str, &'static str)> {
    use values::{MAX_CODE_CHARS, MAX_NAME_CHARS};
    if r.code.trim().is_empty() {
        return Err(("code", "registry.import.code_missing"));
    }
    if r.code.chars().count() > MAX_CODE_CHARS {
        return Err(("code", "registry.import.code_too_long"));
    }
    if r.name.trim().is_empty() {
        return Err(("name", "registry.import.name_missing"));
    }
    if r.name.chars().count() > MAX_NAME_CHARS {
        return Err(("name", "registry.import.name_too_long"));
    }
    if r.kind.is_none() {
        return Err(("kind", "registry.import.kind_unknown"));
    }
    if r.holder.is_none() {
        return Err(("holder", "registry.import.holder_unknown"));
    }
    if r.field.is_none() {
        return Err(("field", "registry.import.field_unknown"));
    }
    if r.unit_id.is_none() {
        return Err(("unit_id", "registry.import.unit_missing"));
    }
    if r.period.is_none() {
        return Err(("period", "registry.import.period_invalid"));
    }
    if let (Some(a), Some(b)) = (r.registered_on, r.launched_on)
        && b < a
    {
        return Err(("launched_on", "registry.import.launch_before_registration"));
    }
    if r.holder == Some(Holder::Individual) && r.person_name.trim().is_empty() {
        return Err(("person_name", "registry.person_required"));
    }
    if r.person_name.chars().count() > 200 || r.person_position.chars().count() > 200 || r.area.chars().count() > 200 {
        return Err(("person_name", "registry.text_too_long"));
    }
    if r.parts.iter().any(|(k, v)| !REGISTRATION_PARTS.contains(&k.as_str()) || v.chars().count() > MAX_PART_CHARS) {
        return Err(("parts", "registry.text_too_long"));
    }
    Ok(())
}

#[cfg(test)]
mod record_tests {
    use super::*;

    #[test]
    fn a_new_record_needs_its_essentials() {
        let good = NewRecord {
            code: "MH-01".into(),
            name: "Dân vận khéo trong xây dựng nông thôn mới".into(),
            kind: Some(ModelKind::Model),
            holder: Some(Holder::Collective),
            field: Some(Field::Economy),
            unit_id: Some(3),
            period: Some(Period::year(2023)),
            ..Default::default()
        };
        assert_eq!(check_new_record(&good), Ok(()));
        assert_eq!(check_new_record(&NewRecord { name: " ".into(), ..good.clone() }), Err(("name", "registry.import.name_missing")));
        let person = NewRecord { holder: Some(Holder::Individual), ..good.clone() };
        assert_eq!(check_new_record(&person), Err(("person_name", "registry.person_required")));
        let mut parts = std::collections::BTreeMap::new();
        parts.insert("nope".to_owned(), "x".to_owned());
        assert_eq!(check_new_record(&NewRecord { parts, ..good.clone() }), Err(("parts", "registry.text_too_long")));
        let d = |m| chrono::NaiveDate::from_ymd_opt(2023, m, 1);
        assert_eq!(
            check_new_record(&NewRecord { registered_on: d(5), launched_on: d(4), ..good }),
            Err(("launched_on", "registry.import.launch_before_registration"))
        );
    }
}
