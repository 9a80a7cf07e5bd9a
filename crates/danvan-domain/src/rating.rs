//! Article ratings, as on the seed page: a reader gives 1 to 5 points; the
//! page shows "Tổng số điểm của bài viết là: X trong N đánh giá" where X is the
//! sum of all scores and N the number of votes. One vote per visitor per
//! article (DESIGN.md §3.1).

use crate::ErrorCode;

/// A valid score, 1 to 5 inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Score(u8);

impl Score {
    pub const MIN: u8 = 1;
    pub const MAX: u8 = 5;

    /// Accepts 1–5; anything else is [`ErrorCode::RatingInvalidScore`].
    pub fn new(value: i64) -> Result<Score, ErrorCode> {
        if (Self::MIN as i64..=Self::MAX as i64).contains(&value) {
            Ok(Score(value as u8))
        } else {
            Err(ErrorCode::RatingInvalidScore)
        }
    }

    /// Parses form input such as `"5"` (surrounding spaces allowed).
    pub fn parse(s: &str) -> Result<Score, ErrorCode> {
        s.trim().parse::<i64>().map_err(|_| ErrorCode::RatingInvalidScore).and_then(Score::new)
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

/// The running totals of an article's ratings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct RatingSummary {
    /// X: the sum of all scores.
    pub sum: i64,
    /// N: the number of votes.
    pub count: i64,
}

impl RatingSummary {
    /// The totals after one more vote.
    pub fn with_vote(self, score: Score) -> RatingSummary {
        RatingSummary { sum: self.sum + score.get() as i64, count: self.count + 1 }
    }

    /// Mean score rounded to one decimal, `None` without votes.
    pub fn average(self) -> Option<f64> {
        (self.count > 0).then(|| ((self.sum as f64 / self.count as f64) * 10.0).round() / 10.0)
    }
}

/// Whether a new vote is accepted, given what is known of earlier votes for
/// the same article: the visitor's cookie identity or the salted hash of the
/// client's address and user agent already voted. Either is enough to refuse
/// (DESIGN.md §3.1: "cookie plus a salted hash of address and agent").
pub fn check_new_vote(cookie_voted: bool, client_voted: bool) -> Result<(), ErrorCode> {
    if cookie_voted || client_voted { Err(ErrorCode::RatingAlreadyVoted) } else { Ok(()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores() {
        assert_eq!(Score::parse("5").unwrap().get(), 5);
        assert_eq!(Score::parse(" 1 ").unwrap().get(), 1);
        for bad in ["0", "6", "-1", "", "x", "4.5", "99999999999999999999"] {
            assert_eq!(Score::parse(bad), Err(ErrorCode::RatingInvalidScore), "{bad}");
        }
    }

    #[test]
    fn totals() {
        let s = RatingSummary::default();
        assert_eq!(s.average(), None);
        let s = s.with_vote(Score::new(5).unwrap()).with_vote(Score::new(2).unwrap());
        assert_eq!(s, RatingSummary { sum: 7, count: 2 });
        assert_eq!(s.average(), Some(3.5));
    }

    #[test]
    fn one_vote_per_visitor() {
        assert_eq!(check_new_vote(false, false), Ok(()));
        assert_eq!(check_new_vote(true, false), Err(ErrorCode::RatingAlreadyVoted));
        assert_eq!(check_new_vote(false, true), Err(ErrorCode::RatingAlreadyVoted));
    }
}

/// The two keys that identify a voter without storing who they are: a hash
/// of the visitor cookie and a hash of the client address plus user agent,
/// both salted with the site's secret salt (hex SHA-256, 64 characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoterKeys {
    pub visitor_hash: String,
    pub client_hash: String,
}

impl VoterKeys {
    /// Derives both keys. `client_addr` is never stored, only hashed.
    pub fn derive(salt: &str, visitor_id: &str, client_addr: &str, user_agent: &str) -> VoterKeys {
        use sha2::{Digest, Sha256};
        let h = |kind: &str, parts: &[&str]| {
            let mut d = Sha256::new();
            d.update(salt.as_bytes());
            d.update([0]);
            d.update(kind.as_bytes());
            for p in parts {
                d.update([0]);
                d.update(p.as_bytes());
            }
            hex::encode(d.finalize())
        };
        VoterKeys { visitor_hash: h("visitor", &[visitor_id]), client_hash: h("client", &[client_addr, user_agent]) }
    }
}

#[cfg(test)]
mod key_tests {
    use super::*;

    #[test]
    fn keys_hide_the_address() {
        let k = VoterKeys::derive("salt", "cookie-1", "203.0.113.9", "Firefox");
        assert_eq!(k.visitor_hash.len(), 64);
        assert!(!k.client_hash.contains("203.0.113.9"));
        assert_eq!(k, VoterKeys::derive("salt", "cookie-1", "203.0.113.9", "Firefox"));
        assert_ne!(k.client_hash, VoterKeys::derive("other", "cookie-1", "203.0.113.9", "Firefox").client_hash);
        assert_ne!(k.client_hash, VoterKeys::derive("salt", "cookie-1", "203.0.113.9", "Chrome").client_hash);
    }
}
