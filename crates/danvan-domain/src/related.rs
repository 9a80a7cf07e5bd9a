//! "Bài viết liên quan": how related two articles are, from shared title
//! words, shared body keywords (stop words removed), shared tags and the
//! category. Pure; the store computes the lists on publish and keeps them.

use crate::search::folded_words;
use danvan_text::{fold, is_stop_word};
use std::collections::{BTreeSet, HashMap};

/// Body keywords kept per article (the most frequent ones).
pub const BODY_KEYWORDS: usize = 15;
/// Weight of a shared title word.
pub const TITLE_WEIGHT: f64 = 3.0;
/// Weight of a shared body keyword.
pub const BODY_WEIGHT: f64 = 1.0;
/// Weight of a shared tag.
pub const TAG_WEIGHT: f64 = 2.0;
/// Bonus for the same category.
pub const CATEGORY_BONUS: f64 = 2.0;
/// Below this score two articles are not related.
pub const THRESHOLD: f64 = 5.0;
/// Related articles shown under an article.
pub const SHOWN: usize = 5;

/// The folded words that describe an article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keywords {
    /// Title words without stop words and one-letter words.
    pub title: BTreeSet<String>,
    /// The [`BODY_KEYWORDS`] most frequent body words of three letters or
    /// more, without stop words and numbers (ties: alphabetical).
    pub body: BTreeSet<String>,
}

fn useful(w: &str, min_len: usize) -> bool {
    w.len() >= min_len && !is_stop_word(w) && !w.bytes().all(|b| b.is_ascii_digit())
}

impl Keywords {
    /// Keywords of a title and a plain-text body (any spelling: both are
    /// folded here).
    pub fn of(title: &str, body: &str) -> Keywords {
        let title_f = fold(title);
        let title: BTreeSet<String> = folded_words(&title_f).filter(|w| useful(w, 2)).map(str::to_owned).collect();
        let body_f = fold(body);
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for w in folded_words(&body_f).filter(|w| useful(w, 3)) {
            *counts.entry(w).or_default() += 1;
        }
        let mut ranked: Vec<(&str, usize)> = counts.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let body = ranked.into_iter().take(BODY_KEYWORDS).map(|(w, _)| w.to_owned()).collect();
        Keywords { title, body }
    }

    /// All keywords, for asking the search engine for candidates.
    pub fn all(&self) -> BTreeSet<&str> {
        self.title.iter().chain(&self.body).map(String::as_str).collect()
    }
}

/// How related `b` is to `a`: [`TITLE_WEIGHT`] per shared title word,
/// [`BODY_WEIGHT`] per shared body keyword, [`TAG_WEIGHT`] per shared tag,
/// plus [`CATEGORY_BONUS`] in the same category. Symmetric.
pub fn relatedness(a: &Keywords, b: &Keywords, same_category: bool, shared_tags: usize) -> f64 {
    let title = a.title.intersection(&b.title).count() as f64;
    let body = a.body.intersection(&b.body).count() as f64;
    TITLE_WEIGHT * title + BODY_WEIGHT * body + TAG_WEIGHT * shared_tags as f64 + if same_category { CATEGORY_BONUS } else { 0.0 }
}

/// Ranks candidates `(id, score)`: drops those under [`THRESHOLD`], orders
/// by score (higher first) then id (newer first), keeps [`SHOWN`].
pub fn top(mut scored: Vec<(i32, f64)>) -> Vec<(i32, f64)> {
    scored.retain(|(_, s)| *s >= THRESHOLD);
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(b.0.cmp(&a.0)));
    scored.truncate(SHOWN);
    scored
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_skip_stop_words() {
        let k = Keywords::of("Phong trào thi đua Dân vận khéo của huyện", "của của và các mô hình mô hình nông thôn 2023 2023");
        assert!(k.title.contains("kheo") && k.title.contains("huyen"));
        assert!(!k.title.contains("cua"), "stop word");
        assert!(k.body.contains("hinh") && k.body.contains("nong"));
        assert!(!k.body.contains("2023") && !k.body.contains("cac"));
    }

    #[test]
    fn scores_and_threshold() {
        let a = Keywords::of("Dân vận khéo ở Kon Rẫy", "mô hình dân vận khéo nông thôn mới");
        let b = Keywords::of("Dân vận khéo ở Đăk Hà", "mô hình dân vận khéo giảm nghèo");
        let c = Keywords::of("Giá cà phê tăng", "thị trường cà phê xuất khẩu");
        let ab = relatedness(&a, &b, true, 0);
        assert_eq!(ab, relatedness(&b, &a, true, 0));
        assert!(ab >= THRESHOLD, "{ab}");
        assert!(relatedness(&a, &c, true, 0) < THRESHOLD);
        assert_eq!(top(vec![(1, 9.0), (2, 4.0), (3, 9.0), (4, 12.0)]), vec![(4, 12.0), (3, 9.0), (1, 9.0)]);
    }
}
