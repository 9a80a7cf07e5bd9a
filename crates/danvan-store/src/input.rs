//! Text as it enters the store: NFC, trimmed, within limits.

use crate::StoreResult;
use crate::error::field;

/// Refuses a text longer than `max` characters in form field `name`.
pub(crate) fn limit(text: &str, max: usize, name: &'static str) -> StoreResult<()> {
    if text.chars().count() > max { Err(field(name, "field.too_long")) } else { Ok(()) }
}

pub(crate) fn clean_opt(s: Option<String>) -> Option<String> {
    s.map(|s| danvan_text::normalize_input(&s).trim().to_owned()).filter(|s| !s.is_empty())
}

pub(crate) fn clean(s: &str) -> String {
    danvan_text::normalize_input(s).trim().to_owned()
}
