//! Party and State document numbers (số, ký hiệu) and references to them in
//! running text. Pure: no I/O, no async.
//!
//! * [`DocNumber`]: parse and format numbers in both styles, Party
//!   (Guideline 36-HD/VPTW, 2018: `136-KH/HU`, `05-QC/BTCTU-BDVTU`,
//!   `217-QĐ/TW`, `01-QĐi/TW`) and State (Decree 30/2020/NĐ-CP, Appendix I:
//!   `45/QĐ-UBND`, `12/2023/NĐ-CP`, `22/2023/TT-BTTTT`).
//! * [`DocType`]: document types with their abbreviations and Vietnamese
//!   names.
//! * [`SearchQuery`] and [`DocNumber::search_keys`]: find a stored number from
//!   `136-KH/HU`, `136/HU` or `KH 136`.
//! * [`find_references`]: references such as
//!   `Kế hoạch số136-KH/HU, ngày 25/7/2023` in article text, with byte spans.
//! * [`DocKey`] and [`resolve`]: a document is identified by number, type,
//!   issuer and date together (DESIGN.md §3.5).

mod chars;
mod date;
mod doc_type;
mod find;
mod key;
mod number;
mod search;

pub use date::DocDate;
pub use doc_type::{DocType, Style};
pub use find::{Reference, find_references};
pub use key::{DocKey, Resolution, resolve};
pub use number::{DocNumber, DocNumberError, MAX_DIGITS, MAX_ISSUER_LEN, MAX_ISSUERS, MAX_LEN};
pub use search::SearchQuery;
