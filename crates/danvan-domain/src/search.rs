//! Search queries, ranking and snippets over folded Vietnamese text
//! ([`danvan_text::fold`]): pure, so that SQLite and PostgreSQL give the same
//! order (the store asks its engine for candidates and ranks them here).
//!
//! Query language: words are matched without marks and case ("dan van kheo"
//! finds "Dân vận khéo"; "hoá" and "hóa" are one word); `"quoted words"` must
//! stand together; the last word also matches as a prefix while the reader is
//! still typing ("kon ra" finds "Kon Rẫy"); an abbreviation of the glossary
//! and its expansion find each other ("DTTS" ⇄ "dân tộc thiểu số").

use danvan_text::fold;

/// The folded text used by search: [`fold`], then a space wherever letters
/// and digits meet and in place of punctuation, so that "số136-KH/HU" (a
/// missing space, common in portal text) yields the words "so", "136",
/// "kh", "hu".
pub fn search_fold(s: &str) -> String {
    let folded = fold(s);
    let mut out = String::with_capacity(folded.len() + 8);
    let mut prev: Option<char> = None;
    for c in folded.chars() {
        if let Some(p) = prev
            && ((p.is_ascii_alphabetic() && c.is_ascii_digit()) || (p.is_ascii_digit() && c.is_ascii_alphabetic()))
        {
            out.push(' ');
        }
        // other punctuation becomes a space, so that both engines see the
        // same plain words (PostgreSQL's parser reads "kh/hu" as a path);
        // '"' stays for quoted phrases in queries
        out.push(if c.is_ascii_alphanumeric() || c == '"' || c.is_whitespace() { c } else { ' ' });
        prev = Some(c);
    }
    out
}

/// Words of a folded text: runs of ASCII letters and digits (after folding
/// every Vietnamese letter is ASCII).
pub fn folded_words(folded: &str) -> impl Iterator<Item = &str> {
    folded.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty())
}

/// One way a part of the query can match: a single word (`Vec` of one), or
/// several words in a row. `prefix` marks a last word still being typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alternative {
    pub words: Vec<String>,
    pub prefix: bool,
}

/// A part of the query that every result must match, in one of its ways.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub alternatives: Vec<Alternative>,
}

/// A parsed query: all groups must match.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    pub groups: Vec<Group>,
    /// The folded words of the whole query, for the title-phrase bonus.
    pub all_words: Vec<String>,
}

/// A glossary entry in folded words, e.g. `["dtts"]` ⇄ `["dan","toc","thieu","so"]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoldedAbbreviation {
    pub abbreviation: Vec<String>,
    pub expansion: Vec<String>,
}

impl FoldedAbbreviation {
    /// Folds an abbreviation and its expansion ("KT-XH" → `["kt","xh"]`).
    pub fn new(abbreviation: &str, expansion: &str) -> FoldedAbbreviation {
        let words = |s: &str| folded_words(&fold(s)).map(str::to_owned).collect();
        FoldedAbbreviation { abbreviation: words(abbreviation), expansion: words(expansion) }
    }
}

/// Longest query accepted, in characters (longer input is cut).
pub const MAX_QUERY_CHARS: usize = 200;
/// Most groups (words or phrases) used from one query.
pub const MAX_GROUPS: usize = 12;

impl Query {
    /// Parses reader input. NFC or NFD, any case, any tone placement: all
    /// fold alike. Returns an empty query when nothing searchable remains.
    pub fn parse(raw: &str, glossary: &[FoldedAbbreviation]) -> Query {
        let raw: String = raw.chars().take(MAX_QUERY_CHARS).collect();
        let normalized = danvan_text::normalize_input(&raw);
        // short abbreviations (HU, TU, ĐU, DV) are also ordinary syllables
        // (hư, tư, dù): they only expand when typed in capitals
        let capitals: Vec<String> = danvan_text::tokens(&normalized)
            .filter(|t| t.text.chars().count() >= 2 && t.text.chars().all(|c| !c.is_lowercase()))
            .map(|t| fold(t.text))
            .collect();
        let folded = search_fold(&normalized);
        let still_typing = !folded.ends_with(|c: char| c.is_whitespace() || c == '"');
        // split into quoted phrases and loose words
        let mut pieces: Vec<(Vec<String>, bool)> = Vec::new(); // (words, quoted)
        for (i, part) in folded.split('"').enumerate() {
            let words: Vec<String> = folded_words(part).map(str::to_owned).collect();
            if words.is_empty() {
                continue;
            }
            if i % 2 == 1 {
                pieces.push((words, true));
            } else {
                pieces.extend(words.into_iter().map(|w| (vec![w], false)));
            }
        }
        let all_words: Vec<String> = pieces.iter().flat_map(|(w, _)| w.iter().cloned()).collect();
        let mut groups = Vec::new();
        let mut i = 0;
        while i < pieces.len() && groups.len() < MAX_GROUPS {
            let (words, quoted) = &pieces[i];
            if *quoted {
                groups.push(Group { alternatives: vec![Alternative { words: words.clone(), prefix: false }] });
                i += 1;
                continue;
            }
            // loose words: try the longest glossary match starting here
            let loose: Vec<&str> = pieces[i..].iter().take_while(|(_, q)| !q).map(|(w, _)| w[0].as_str()).collect();
            let mut best: Option<(usize, &FoldedAbbreviation, bool)> = None; // (len, entry, matched the abbreviation side)
            for g in glossary {
                for (side, is_abbr) in [(&g.abbreviation, true), (&g.expansion, false)] {
                    let n = side.len();
                    if is_abbr && n == 1 && side[0].len() <= 2 && !capitals.contains(&side[0]) {
                        continue;
                    }
                    if n > 0 && n <= loose.len() && side.iter().zip(&loose).all(|(a, b)| a == b) && best.is_none_or(|(l, _, _)| n > l) {
                        best = Some((n, g, is_abbr));
                    }
                }
            }
            if let Some((n, g, _)) = best {
                groups.push(Group {
                    alternatives: vec![
                        Alternative { words: g.abbreviation.clone(), prefix: false },
                        Alternative { words: g.expansion.clone(), prefix: false },
                    ],
                });
                i += n;
            } else {
                let last = i + 1 == pieces.len();
                let prefix = last && still_typing && words[0].len() >= 2;
                groups.push(Group { alternatives: vec![Alternative { words: words.clone(), prefix }] });
                i += 1;
            }
        }
        Query { groups, all_words }
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }
}

fn word_matches(word: &str, q: &str, prefix: bool) -> bool {
    if prefix { word.starts_with(q) } else { word == q }
}

/// Number of places (at most 5) where `alt` occurs in `words`.
fn occurrences(words: &[&str], alt: &Alternative) -> usize {
    let n = alt.words.len();
    if n == 0 || n > words.len() {
        return 0;
    }
    let mut count = 0;
    for start in 0..=words.len() - n {
        let hit = alt.words.iter().enumerate().all(|(k, q)| word_matches(words[start + k], q, alt.prefix && k == n - 1));
        if hit {
            count += 1;
            if count == 5 {
                break;
            }
        }
    }
    count
}

/// The folded fields of one candidate, as the store indexed them.
#[derive(Debug, Clone, Copy)]
pub struct Fields<'a> {
    pub title: &'a str,
    pub lead: &'a str,
    pub body: &'a str,
    pub extra: &'a str,
}

/// Field weights: a match in the title weighs most, then the lead, then the
/// body, then captions and byline.
pub const WEIGHTS: [f64; 4] = [10.0, 4.0, 1.0, 0.5];

/// Relevance of a candidate; 0.0 when some group does not match at all (the
/// candidate is then dropped). For each group its best alternative counts:
/// the field weight times (1 + ln(occurrences)), halved when a last word
/// still being typed only begins a word; a title holding the whole query in
/// order adds 10.
pub fn score(q: &Query, f: Fields<'_>) -> f64 {
    let fields: [Vec<&str>; 4] = [f.title, f.lead, f.body, f.extra].map(|s| folded_words(s).collect());
    let mut total = 0.0;
    for g in &q.groups {
        let mut best = 0.0f64;
        for alt in &g.alternatives {
            // a word still being typed counts half when it only begins a word
            let exact = Alternative { words: alt.words.clone(), prefix: false };
            let s: f64 = fields
                .iter()
                .zip(WEIGHTS)
                .map(|(words, w)| match (occurrences(words, &exact), occurrences(words, alt)) {
                    (0, 0) => 0.0,
                    (0, n) => 0.5 * w * (1.0 + (n as f64).ln()),
                    (n, _) => w * (1.0 + (n as f64).ln()),
                })
                .sum();
            best = best.max(s);
        }
        if best == 0.0 {
            return 0.0;
        }
        total += best;
    }
    if q.all_words.len() > 1 {
        let whole = Alternative { words: q.all_words.clone(), prefix: false };
        if occurrences(&fields[0], &whole) > 0 {
            total += 10.0;
        }
    }
    total
}

/// One piece of a snippet; `marked` pieces matched the query.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SnippetPart {
    pub text: String,
    pub marked: bool,
}

/// A window of about `words` words of `text` (original spelling) around the
/// first place that matches the query, with the matching words marked.
/// Without a match it is the start of the text.
pub fn snippet(text: &str, q: &Query, words: usize) -> Vec<SnippetPart> {
    // word spans in the original text
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            spans.push((s, i));
        }
    }
    if let Some(s) = start {
        spans.push((s, text.len()));
    }
    let terms: Vec<(&str, bool)> = q
        .groups
        .iter()
        .flat_map(|g| g.alternatives.iter())
        .flat_map(|a| a.words.iter().enumerate().map(move |(k, w)| (w.as_str(), a.prefix && k + 1 == a.words.len())))
        .collect();
    // words are folded as far as the first hit and within the window only
    // (a page of results shows ten long articles)
    let is_hit = |i: usize| {
        let (s, e) = spans[i];
        let f = fold(&text[s..e]);
        terms.iter().any(|(t, p)| word_matches(&f, t, *p))
    };
    let first = (0..spans.len()).find(|&i| is_hit(i)).unwrap_or(0);
    let from = first.saturating_sub(words / 3);
    let to = (from + words).min(spans.len());
    if spans.is_empty() {
        return Vec::new();
    }
    let mut parts: Vec<SnippetPart> = Vec::new();
    let mut push = |text: &str, marked: bool| match parts.last_mut() {
        Some(last) if last.marked == marked => last.text.push_str(text),
        _ => parts.push(SnippetPart { text: text.to_owned(), marked }),
    };
    if from > 0 {
        push("… ", false);
    }
    let mut cursor = spans[from].0;
    let mut prev_hit = false;
    for (i, &(s, e)) in spans.iter().enumerate().take(to).skip(from) {
        let hit = is_hit(i);
        let gap = &text[cursor..s];
        // "thiểu số" stays one mark when both words match
        push(gap, prev_hit && hit && gap.chars().all(char::is_whitespace));
        push(&text[s..e], hit);
        prev_hit = hit;
        cursor = e;
    }
    if to < spans.len() {
        push(" …", false);
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glossary() -> Vec<FoldedAbbreviation> {
        vec![
            FoldedAbbreviation::new("HU", "Huyện ủy"),
            FoldedAbbreviation::new("DTTS", "dân tộc thiểu số"),
            FoldedAbbreviation::new("KT-XH", "kinh tế - xã hội"),
        ]
    }

    fn alt(words: &[&str], prefix: bool) -> Alternative {
        Alternative { words: words.iter().map(|w| w.to_string()).collect(), prefix }
    }

    #[test]
    fn parses_words_phrases_prefix_and_abbreviations() {
        let q = Query::parse("Đồng bào \"Dân vận KHÉO\" dân tộc thiểu số kon ra", &glossary());
        assert_eq!(q.groups.len(), 6);
        assert_eq!(q.groups[0].alternatives, vec![alt(&["dong"], false)]);
        assert_eq!(q.groups[2].alternatives, vec![alt(&["dan", "van", "kheo"], false)]);
        assert_eq!(q.groups[3].alternatives, vec![alt(&["dtts"], false), alt(&["dan", "toc", "thieu", "so"], false)]);
        assert_eq!(q.groups[5].alternatives, vec![alt(&["ra"], true)]);
        let done = Query::parse("kon ray ", &[]);
        assert!(!done.groups[1].alternatives[0].prefix, "a finished word is no prefix");
        let abbr = Query::parse("kt-xh", &glossary());
        assert_eq!(abbr.groups.len(), 1);
        assert_eq!(abbr.groups[0].alternatives[1].words, ["kinh", "te", "xa", "hoi"]);
        assert!(Query::parse(" \"\" ?! ", &[]).is_empty());
        assert_eq!(Query::parse("hư hỏng", &glossary()).groups[0].alternatives.len(), 1, "hư is a word");
        assert_eq!(Query::parse("136-KH/HU", &glossary()).groups[2].alternatives.len(), 2, "HU in capitals");
    }

    #[test]
    fn letters_and_digits_split() {
        assert_eq!(search_fold("Kế hoạch số136-KH/HU"), "ke hoach so 136 kh hu");
        assert_eq!(search_fold("\"Dân vận\""), "\"dan van\"");
        assert_eq!(Query::parse("136-KH/HU", &[]).all_words, ["136", "kh", "hu"]);
    }

    #[test]
    fn variants_parse_alike() {
        let g = glossary();
        let a = Query::parse("văn hóa", &g);
        assert_eq!(a, Query::parse("văn hoá", &g));
        assert_eq!(a, Query::parse("VĂN HÓA", &g));
        assert_eq!(a, Query::parse("va\u{0306}n ho\u{0301}a", &g), "NFD input");
    }

    #[test]
    fn ranks_title_over_lead_over_body() {
        let q = Query::parse("kheo ", &[]);
        let f = |t, l, b| Fields { title: t, lead: l, body: b, extra: "" };
        let title = score(&q, f("dan van kheo", "", ""));
        let lead = score(&q, f("", "dan van kheo", ""));
        let body = score(&q, f("", "", "dan van kheo"));
        assert!(title > lead && lead > body && body > 0.0, "{title} {lead} {body}");
        assert_eq!(score(&q, f("dan van", "", "")), 0.0);
        let both = Query::parse("dan kheo ", &[]);
        assert_eq!(score(&both, f("dan van", "", "")), 0.0, "every group must match");
    }

    #[test]
    fn snippet_marks_original_spelling() {
        let q = Query::parse("quy", &[]);
        let parts = snippet("Bài, ảnh: Nguyễn Thị Qúy", &q, 30);
        assert_eq!(parts.last().unwrap(), &SnippetPart { text: "Qúy".into(), marked: true });
        let q = Query::parse("thieu so ", &[]);
        let long = format!("{} đồng bào dân tộc thiểu số vươn lên", "chữ ".repeat(40));
        let parts = snippet(&long, &q, 12);
        assert!(parts[0].text.starts_with("… "), "{parts:?}");
        assert!(parts.iter().any(|p| p.marked && p.text == "thiểu số"), "{parts:?}");
    }
}
