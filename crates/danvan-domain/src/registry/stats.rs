//! The figures of a period, and how a Party report writes them.
//!
//! A record counts in a period when its own period overlaps it (a model of
//! 2021–2025 counts in 2023). For each record the store gives its
//! [`Facts`] in the period (its latest evaluation in the period, whether
//! it was replicated, proposed, commended in it); [`tally`] adds them up by
//! field, holder and kind. Recognised (công nhận) counts effective and
//! outstanding evaluations, as reports do ("123 recognised …, 55 of them
//! outstanding").
//!
//! Numbers follow Vietnamese writing (Nghị định 30/2020/NĐ-CP usage and
//! Party reports): `.` groups thousands (2.071), `,` is the decimal mark
//! (87,3%), and counts under 10 take two digits in reports (05).

use super::{Effectiveness, Field, Holder, ModelKind, Period, Status};
use crate::messages::{Lang, format, t};
use serde::Serialize;

/// One record as the statistics of a period see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts {
    pub kind: ModelKind,
    pub holder: Holder,
    pub field: Field,
    /// Its status now.
    pub status: Status,
    /// Its latest evaluation in the period, if any.
    pub evaluation: Option<Effectiveness>,
    /// Whether some record copying it (nhân rộng) belongs to the period.
    pub replicated: bool,
    /// Whether a commendation was proposed for it in the period.
    pub proposed: bool,
    /// Whether a commendation was decided for it in the period.
    pub commended: bool,
}

/// The counts of a set of records.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Records of the period (registered).
    pub registered: u64,
    /// Launched (ra mắt) or further along.
    pub launched: u64,
    /// Evaluated in the period.
    pub evaluated: u64,
    /// Recognised: evaluated effective or outstanding.
    pub effective: u64,
    /// Evaluated outstanding (tiêu biểu).
    pub outstanding: u64,
    /// Replicated in the period.
    pub replicated: u64,
    /// Proposed for commendation in the period.
    pub proposed: u64,
    /// Commended in the period.
    pub commended: u64,
}

impl Counts {
    /// Adds one record.
    pub fn add(&mut self, f: &Facts) {
        self.registered += 1;
        self.launched += u64::from(f.status != Status::Registered);
        self.evaluated += u64::from(f.evaluation.is_some());
        self.effective += u64::from(f.evaluation.is_some_and(Effectiveness::is_recognised));
        self.outstanding += u64::from(f.evaluation == Some(Effectiveness::Outstanding));
        self.replicated += u64::from(f.replicated);
        self.proposed += u64::from(f.proposed);
        self.commended += u64::from(f.commended);
    }

    /// Adds another set's counts.
    pub fn merge(&mut self, o: &Counts) {
        self.registered += o.registered;
        self.launched += o.launched;
        self.evaluated += o.evaluated;
        self.effective += o.effective;
        self.outstanding += o.outstanding;
        self.replicated += o.replicated;
        self.proposed += o.proposed;
        self.commended += o.commended;
    }
}

/// The counts of a period: in total, by field, holder and kind, and by
/// field × holder × kind.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Breakdown {
    pub total: Counts,
    /// In [`Field::ALL`] order.
    pub by_field: [Counts; 4],
    /// In [`Holder::ALL`] order.
    pub by_holder: [Counts; 2],
    /// In [`ModelKind::ALL`] order.
    pub by_kind: [Counts; 2],
    /// `[field][holder][kind]`, in the `ALL` orders.
    pub cells: [[[Counts; 2]; 2]; 4],
}

impl Breakdown {
    /// Adds the counts of one field × holder × kind cell (what a grouped
    /// query returns).
    pub fn add_cell(&mut self, field: Field, holder: Holder, kind: ModelKind, c: &Counts) {
        self.total.merge(c);
        self.by_field[field.index()].merge(c);
        self.by_holder[holder.index()].merge(c);
        self.by_kind[kind.index()].merge(c);
        self.cells[field.index()][holder.index()][kind.index()].merge(c);
    }
}

/// Adds up records one by one (the reference the store's grouped queries
/// are tested against).
pub fn tally<'a>(facts: impl IntoIterator<Item = &'a Facts>) -> Breakdown {
    let mut b = Breakdown::default();
    for f in facts {
        let mut one = Counts::default();
        one.add(f);
        b.add_cell(f.field, f.holder, f.kind, &one);
    }
    b
}

/// `n` with `.` grouping thousands: `2.071`, `123`.
pub fn number_vi(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A count as a report writes it: two digits under 10 (`05`), else
/// [`number_vi`].
pub fn count_vi(n: u64) -> String {
    if n < 10 { format!("{n:02}") } else { number_vi(n) }
}

/// `part / whole` as a percentage with one decimal and a decimal comma:
/// `87,3%`; `100%` and `0%` without decimals; `—` when `whole` is 0.
pub fn percent_vi(part: u64, whole: u64) -> String {
    if whole == 0 {
        return "—".to_owned();
    }
    let tenths = (part * 1000 + whole / 2) / whole;
    if tenths.is_multiple_of(10) { format!("{}%", number_vi(tenths / 10)) } else { format!("{},{}%", number_vi(tenths / 10), tenths % 10) }
}

/// "Năm 2023" or "Giai đoạn 2021-2025" (in `lang`).
pub fn period_phrase(p: &Period, lang: Lang) -> String {
    if p.is_year() {
        format("registry.summary.year", lang, &[("year", &p.start)])
    } else {
        format("registry.summary.phase", lang, &[("start", &p.start), ("end", &p.end)])
    }
}

/// The summary paragraph in the seed's style, for `scope` (e.g. "toàn
/// huyện" or a unit's name):
///
/// "Năm 2023, toàn huyện có 52 mô hình, điển hình "Dân vận khéo" (30 tập
/// thể, 22 cá nhân); trong đó có 25 mô hình kinh tế, 10 mô hình trên lĩnh
/// vực văn hóa - xã hội, 05 mô hình về quốc phòng - an ninh và 12 mô hình
/// về xây dựng hệ thống chính trị trong sạch, vững mạnh." then, when any
/// were evaluated, the recognised and outstanding counts by holder and the
/// proposals for commendation, then the change against `previous`.
pub fn summary(period: &Period, scope: &str, b: &Breakdown, previous: Option<&Breakdown>, lang: Lang) -> String {
    let c = count_vi;
    let f = |field: Field| c(b.by_field[field.index()].registered);
    let holder = |h: Holder| &b.by_holder[h.index()];
    let (col, ind) = (holder(Holder::Collective), holder(Holder::Individual));
    let mut s = format(
        "registry.summary.intro",
        lang,
        &[
            ("when", &period_phrase(period, lang)),
            ("scope", &scope),
            ("total", &c(b.total.registered)),
            ("collective", &c(col.registered)),
            ("individual", &c(ind.registered)),
            ("economy", &f(Field::Economy)),
            ("culture", &f(Field::CultureSociety)),
            ("defence", &f(Field::DefenceSecurity)),
            ("political", &f(Field::PoliticalSystem)),
        ],
    );
    if b.total.evaluated > 0 {
        s.push(' ');
        s.push_str(&format(
            "registry.summary.evaluated",
            lang,
            &[
                ("effective", &c(b.total.effective)),
                ("effective_collective", &c(col.effective)),
                ("effective_individual", &c(ind.effective)),
                ("share", &percent_vi(b.total.effective, b.total.evaluated)),
                ("outstanding", &c(b.total.outstanding)),
                ("outstanding_collective", &c(col.outstanding)),
                ("outstanding_individual", &c(ind.outstanding)),
            ],
        ));
    }
    if b.total.proposed > 0 || b.total.commended > 0 {
        s.push(' ');
        s.push_str(&format("registry.summary.commendation", lang, &[("proposed", &c(b.total.proposed)), ("commended", &c(b.total.commended))]));
    }
    if let Some(p) = previous {
        let (now, before) = (b.total.registered, p.total.registered);
        let key = match now.cmp(&before) {
            std::cmp::Ordering::Greater => "registry.summary.more",
            std::cmp::Ordering::Less => "registry.summary.fewer",
            std::cmp::Ordering::Equal => "registry.summary.same",
        };
        let prev = period.previous();
        // "năm 2022", "giai đoạn 2016-2020"
        let when = if prev.is_year() {
            format("registry.summary.prev_year", lang, &[("year", &prev.start)])
        } else {
            format("registry.summary.prev_phase", lang, &[("phase", &prev)])
        };
        s.push(' ');
        s.push_str(&format(key, lang, &[("previous", &when), ("n", &c(now.abs_diff(before))), ("before", &c(before))]));
    }
    s
}

/// How a report names the area of `unit`: "toàn tỉnh", "toàn huyện",
/// "toàn xã", "toàn phường" for a unit of that level (its `level` code),
/// else the unit's name.
pub fn scope_phrase(level: &str, name: &str, lang: Lang) -> String {
    let key = match level {
        "province" => "registry.scope.province",
        "district" => "registry.scope.district",
        "commune" => "registry.scope.commune",
        "ward" => "registry.scope.ward",
        _ => return name.to_owned(),
    };
    t(key, lang).to_owned()
}

/// The label of a field in a report (`kinh tế`, …).
pub fn field_label(field: Field, lang: Lang) -> &'static str {
    t(field.message_key(), lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(field: Field, holder: Holder, evaluation: Option<Effectiveness>, proposed: bool) -> Facts {
        Facts { kind: ModelKind::Model, holder, field, status: Status::Operating, evaluation, replicated: false, proposed, commended: false }
    }

    #[test]
    fn numbers_as_reports_write_them() {
        assert_eq!(count_vi(5), "05");
        assert_eq!(count_vi(0), "00");
        assert_eq!(count_vi(12), "12");
        assert_eq!(number_vi(2071), "2.071");
        assert_eq!(number_vi(1_234_567), "1.234.567");
        assert_eq!(percent_vi(873, 1000), "87,3%");
        assert_eq!(percent_vi(45, 52), "86,5%");
        assert_eq!(percent_vi(52, 52), "100%");
        assert_eq!(percent_vi(1, 0), "—");
    }

    #[test]
    fn the_seed_sentence() {
        let mut all = Vec::new();
        for (field, n) in [(Field::Economy, 25), (Field::CultureSociety, 10), (Field::DefenceSecurity, 5), (Field::PoliticalSystem, 12)] {
            for i in 0..n {
                all.push(facts(field, if i % 2 == 0 { Holder::Collective } else { Holder::Individual }, None, false));
            }
        }
        let b = tally(&all);
        assert_eq!(b.total.registered, 52);
        let s = summary(&Period::year(2023), "toàn huyện", &b, None, Lang::Vi);
        assert_eq!(
            s,
            "Năm 2023, toàn huyện có 52 mô hình, điển hình “Dân vận khéo” (27 tập thể, 25 cá nhân); trong đó có 25 mô hình kinh tế, \
             10 mô hình trên lĩnh vực văn hóa - xã hội, 05 mô hình về quốc phòng - an ninh và 12 mô hình về xây dựng hệ thống chính trị \
             trong sạch, vững mạnh."
        );
    }

    #[test]
    fn cho_don_2022() {
        // 123 recognised (69 collective, 54 individual), 55 of them
        // outstanding (29 + 26), 18 proposed for commendation
        let mut all = Vec::new();
        for (holder, effective, outstanding) in [(Holder::Collective, 40, 29), (Holder::Individual, 28, 26)] {
            for i in 0..effective {
                all.push(facts(Field::Economy, holder, Some(Effectiveness::Effective), i < 5));
            }
            for _ in 0..outstanding {
                all.push(facts(Field::CultureSociety, holder, Some(Effectiveness::Outstanding), false));
            }
        }
        all.extend((0..7).map(|_| facts(Field::DefenceSecurity, Holder::Collective, Some(Effectiveness::NotYetEffective), false)));
        for f in all.iter_mut().filter(|f| f.evaluation == Some(Effectiveness::Outstanding)).take(8) {
            f.proposed = true;
        }
        let b = tally(&all);
        assert_eq!(b.total.effective, 123);
        assert_eq!(b.by_holder[Holder::Collective.index()].effective, 69);
        assert_eq!(b.by_holder[Holder::Individual.index()].effective, 54);
        assert_eq!(b.total.outstanding, 55);
        assert_eq!((b.by_holder[0].outstanding, b.by_holder[1].outstanding), (29, 26));
        assert_eq!(b.total.proposed, 18);
        let mut before = Breakdown::default();
        before.total.registered = 100;
        let s = summary(&Period::year(2022), "huyện Chợ Đồn", &b, Some(&before), Lang::Vi);
        assert!(s.contains("công nhận 123 mô hình, điển hình hiệu quả (69 tập thể, 54 cá nhân; 94,6% số được đánh giá), trong đó 55 tiêu biểu (29 tập thể, 26 cá nhân)"), "{s}");
        assert!(s.contains("đề nghị khen thưởng 18"), "{s}");
        assert!(s.ends_with("So với năm 2021, tăng 30 mô hình, điển hình (năm 2021: 100)."), "{s}");
        let s = summary(&Period { start: 2021, end: 2025 }, "huyện Chợ Đồn", &b, Some(&before), Lang::Vi);
        assert!(s.ends_with("So với giai đoạn 2016-2020, tăng 30 mô hình, điển hình (giai đoạn 2016-2020: 100)."), "{s}");
    }
}
