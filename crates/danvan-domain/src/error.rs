//! Stable error codes. Every user-visible error carries one; the message
//! catalogue ([`crate::messages`]) translates it. Tests assert codes, not
//! sentences.

crate::enumerable! {
/// A stable, snake_case error code such as `article.not_found`.
/// [`ErrorCode::ALL`] lists every variant (built from this declaration, so a
/// new variant is listed without further work).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// No page at this address (HTTP 404).
    PageNotFound,
    /// No published article with this address (HTTP 404).
    ArticleNotFound,
    /// No category with this address (HTTP 404).
    CategoryNotFound,
    /// No document with this address (HTTP 404).
    DocumentNotFound,
    /// The library has a document with the same number, type, issuer and
    /// date (HTTP 409).
    DocumentDuplicate,
    /// The visitor has already rated this article (HTTP 409).
    RatingAlreadyVoted,
    /// A score outside 1–5 (HTTP 422).
    RatingInvalidScore,
    /// A state-changing form without a valid CSRF token (HTTP 403).
    CsrfInvalid,
    /// Too many requests from one client (HTTP 429).
    RateLimited,
    /// A malformed request (HTTP 400).
    BadRequest,
    /// A back-office page asked for without a valid session (HTTP 401; the
    /// web layer sends the browser to the sign-in page).
    SignInRequired,
    /// Wrong user name or password (HTTP 401). One message for both, so the
    /// answer does not tell which names exist.
    SignInFailed,
    /// The password was right but the account needs its TOTP code (HTTP 401).
    TotpRequired,
    /// Too many failed sign-ins: the account is locked for a while (HTTP 429).
    AccountLocked,
    /// The user's roles do not allow this here (HTTP 403).
    Forbidden,
    /// Someone saved the article since this form was opened (HTTP 409).
    ArticleConflict,
    /// No such back-office record (user, unit, media, revision) (HTTP 404).
    RecordNotFound,
    /// The record is still in use and cannot be deleted (HTTP 409).
    RecordInUse,
    /// A record with the same unique key exists (HTTP 409), e.g. a unique
    /// index refused the insert.
    Duplicate,
    /// A path, query or form field contained control characters such as NUL
    /// (HTTP 400); see `danvan_text::has_control_chars`.
    InvalidInput,
    /// A form field was refused (HTTP 422); the page shows the field's own
    /// message (e.g. [`crate::article::FieldError::code`]) next to it.
    FieldInvalid,
    /// The request's body is larger than the page takes, e.g. attachments
    /// over their total (HTTP 413).
    TooLarge,
    /// Anything unexpected; details are logged, never shown (HTTP 500).
    Internal,
}
}

impl ErrorCode {
    /// The code as written in logs, JSON answers and the catalogue.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::PageNotFound => "page.not_found",
            ErrorCode::ArticleNotFound => "article.not_found",
            ErrorCode::CategoryNotFound => "category.not_found",
            ErrorCode::DocumentNotFound => "document.not_found",
            ErrorCode::DocumentDuplicate => "document.duplicate",
            ErrorCode::RatingAlreadyVoted => "rating.already_voted",
            ErrorCode::RatingInvalidScore => "rating.invalid_score",
            ErrorCode::CsrfInvalid => "csrf.invalid",
            ErrorCode::RateLimited => "request.rate_limited",
            ErrorCode::BadRequest => "request.bad",
            ErrorCode::SignInRequired => "auth.sign_in_required",
            ErrorCode::SignInFailed => "auth.sign_in_failed",
            ErrorCode::AccountLocked => "auth.locked",
            ErrorCode::TotpRequired => "auth.totp_required",
            ErrorCode::Forbidden => "auth.forbidden",
            ErrorCode::ArticleConflict => "article.conflict",
            ErrorCode::RecordNotFound => "record.not_found",
            ErrorCode::RecordInUse => "record.in_use",
            ErrorCode::Duplicate => "record.duplicate",
            ErrorCode::InvalidInput => "input.control_characters",
            ErrorCode::FieldInvalid => "field.invalid",
            ErrorCode::TooLarge => "request.too_large",
            ErrorCode::Internal => "internal",
        }
    }

    /// The HTTP status that goes with the code.
    pub fn http_status(self) -> u16 {
        match self {
            ErrorCode::PageNotFound | ErrorCode::ArticleNotFound | ErrorCode::CategoryNotFound | ErrorCode::DocumentNotFound => 404,
            ErrorCode::DocumentDuplicate => 409,
            ErrorCode::RatingAlreadyVoted => 409,
            ErrorCode::RatingInvalidScore => 422,
            ErrorCode::CsrfInvalid => 403,
            ErrorCode::RateLimited => 429,
            ErrorCode::BadRequest => 400,
            ErrorCode::SignInRequired | ErrorCode::SignInFailed | ErrorCode::TotpRequired => 401,
            ErrorCode::AccountLocked => 429,
            ErrorCode::Forbidden => 403,
            ErrorCode::ArticleConflict | ErrorCode::RecordInUse | ErrorCode::Duplicate => 409,
            ErrorCode::InvalidInput => 400,
            ErrorCode::FieldInvalid => 422,
            ErrorCode::TooLarge => 413,
            ErrorCode::RecordNotFound => 404,
            ErrorCode::Internal => 500,
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn all_lists_every_code_once() {
        let codes: HashSet<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(codes.len(), ErrorCode::ALL.len(), "two variants share a code");
        let variants: HashSet<ErrorCode> = ErrorCode::ALL.into_iter().collect();
        assert_eq!(variants.len(), ErrorCode::ALL.len(), "a variant is listed twice");
        assert_eq!(ErrorCode::ALL.len(), 23);
        assert_eq!(ErrorCode::ALL[0], ErrorCode::PageNotFound);
        assert_eq!(ErrorCode::ALL[22], ErrorCode::Internal);
    }

    #[test]
    fn new_codes() {
        assert_eq!((ErrorCode::Duplicate.as_str(), ErrorCode::Duplicate.http_status()), ("record.duplicate", 409));
        assert_eq!((ErrorCode::InvalidInput.as_str(), ErrorCode::InvalidInput.http_status()), ("input.control_characters", 400));
        assert_eq!((ErrorCode::FieldInvalid.as_str(), ErrorCode::FieldInvalid.http_status()), ("field.invalid", 422));
    }
}
