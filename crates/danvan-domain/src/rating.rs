//! Article ratings, as on the seed page: a reader gives 1 to 5 points; the
//! page shows "Tổng số điểm của bài viết là: X trong N đánh giá" where X is the
//! sum of all scores and N the number of votes. One vote per visitor cookie
//! per article (DESIGN.md §3.1); the hash of address and browser only slows
//! a client down ([`check_client_rate`]), so readers sharing one address
//! (an office, a school, a mobile carrier's NAT) can each vote.

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
    /// Parses a score exactly as the form sends it: one digit `1`–`5`
    /// (no sign, no space, no leading zero).
    pub fn parse(s: &str) -> Result<Score, ErrorCode> {
        match s.as_bytes() {
            [d @ b'1'..=b'5'] => Score::new(i64::from(d - b'0')),
            _ => Err(ErrorCode::RatingInvalidScore),
        }
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

/// Whether a new vote is accepted: refused with
/// [`ErrorCode::RatingAlreadyVoted`] when the visitor cookie's identity
/// ([`VoterKeys::visitor_hash`]) already rated this article. The cookie is
/// the identity; the address and browser hash is not a duplicate key (see
/// [`check_client_rate`]).
pub fn check_new_vote(cookie_voted: bool) -> Result<(), ErrorCode> {
    if cookie_voted { Err(ErrorCode::RatingAlreadyVoted) } else { Ok(()) }
}

/// Votes accepted per article in one hour from one address and browser
/// ([`VoterKeys::client_hash`]). A fresh visitor must never be told they
/// already voted, so this hash is a rate limit, not a duplicate key: 20 per
/// hour per article lets a classroom or an office behind one address vote,
/// while a script that clears its cookies to vote again is slowed.
pub const CLIENT_VOTES_PER_HOUR: u64 = 20;

/// The catalogue key of the message shown when [`check_client_rate`]
/// refuses a vote (more precise than the general
/// [`ErrorCode::RateLimited`] message).
pub const RATE_LIMITED_MESSAGE: &str = "rating.rate_limited";

/// Whether one more vote from this address and browser is accepted, given
/// the votes already stored for the article with the same
/// [`VoterKeys::client_hash`] in the last hour: [`ErrorCode::RateLimited`]
/// once `votes_in_last_hour` reaches [`CLIENT_VOTES_PER_HOUR`] (show
/// [`RATE_LIMITED_MESSAGE`]).
pub fn check_client_rate(votes_in_last_hour: u64) -> Result<(), ErrorCode> {
    if votes_in_last_hour >= CLIENT_VOTES_PER_HOUR { Err(ErrorCode::RateLimited) } else { Ok(()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores() {
        assert_eq!(Score::parse("5").unwrap().get(), 5);
        assert_eq!(Score::parse("1").unwrap().get(), 1);
        for bad in ["0", "6", "-1", "", "x", "4.5", "99999999999999999999", "+5", " 5", "5 ", "05", "５"] {
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
    fn one_vote_per_visitor_cookie() {
        assert_eq!(check_new_vote(false), Ok(()));
        assert_eq!(check_new_vote(true), Err(ErrorCode::RatingAlreadyVoted));
    }

    #[test]
    fn shared_addresses_are_rate_limited_not_refused() {
        assert_eq!(check_client_rate(0), Ok(()));
        assert_eq!(check_client_rate(19), Ok(()), "the 20th vote of the hour is accepted");
        assert_eq!(check_client_rate(20), Err(ErrorCode::RateLimited));
        assert_eq!(check_client_rate(500), Err(ErrorCode::RateLimited));
        assert!(crate::messages::has(RATE_LIMITED_MESSAGE));
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

/// The one salted hash of danvan: hex SHA-256 of `salt`, `kind` and each
/// of `parts`, separated by NUL bytes (so no two inputs hash alike). The
/// salt is the site's secret; what is hashed (a visitor cookie, an address)
/// is never stored itself. Kinds in use: `visitor`, `client` (address and
/// browser), `address`.
pub fn salted_hash(salt: &str, kind: &str, parts: &[&str]) -> String {
    use sha2::{Digest, Sha256};
    let mut d = Sha256::new();
    d.update(salt.as_bytes());
    d.update([0]);
    d.update(kind.as_bytes());
    for p in parts {
        d.update([0]);
        d.update(p.as_bytes());
    }
    hex::encode(d.finalize())
}

impl VoterKeys {
    /// Derives both keys. `client_addr` is never stored, only hashed.
    pub fn derive(salt: &str, visitor_id: &str, client_addr: &str, user_agent: &str) -> VoterKeys {
        VoterKeys {
            visitor_hash: salted_hash(salt, "visitor", &[visitor_id]),
            client_hash: salted_hash(salt, "client", &[client_addr, user_agent]),
        }
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
