//! The feedback desk's statistics (`/phan-anh/thong-ke`, the back office's
//! `/quan-tri/phan-anh/thong-ke` and its XLSX file) and the administration
//! of its categories (`/quan-tri/phan-anh/linh-vuc`).

use super::Entry;

pub(super) const ENTRIES: &[Entry] = &[
    // the period
    ("fbstats.period.year", "năm {year}", "the year {year}"),
    ("fbstats.period.quarter", "quý {quarter} năm {year}", "quarter {quarter} of {year}"),
    ("fbstats.period.month", "tháng {month} năm {year}", "month {month} of {year}"),
    ("fbstats.period.range", "từ ngày {from} đến ngày {to}", "the days from {from} to {to}"),
    ("fbstats.bad_year", "Năm là số từ 2000 đến 2100.", "The year is a number from 2000 to 2100."),
    ("fbstats.bad_quarter", "Chọn quý I, II, III hoặc IV.", "Choose quarter I, II, III or IV."),
    ("fbstats.bad_month", "Chọn tháng từ 1 đến 12.", "Choose a month from 1 to 12."),
    (
        "fbstats.month_not_in_quarter",
        "Tháng đã chọn không thuộc quý đã chọn: chọn lại tháng, hoặc chọn \"Cả năm\" ở ô quý.",
        "The month chosen is not in the quarter chosen: choose another month, or \"Whole year\" for the quarter.",
    ),
    ("fbstats.bad_date", "Viết ngày dạng ngày/tháng/năm, ví dụ 29/4/2026, từ năm 2000 đến 2100.", "Write the date as day/month/year, e.g. 29/4/2026, from 2000 to 2100."),
    ("fbstats.range_half", "Nhập cả ngày bắt đầu và ngày kết thúc, hoặc để trống cả hai.", "Enter both the first and the last day, or neither."),
    ("fbstats.range_backwards", "Ngày kết thúc phải trùng hoặc sau ngày bắt đầu.", "The last day must be the first day or after it."),
    ("fbstats.range_too_long", "Khoảng ngày dài nhất là 10 năm.", "The longest span is 10 years."),
];
