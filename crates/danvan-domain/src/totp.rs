//! Time-based one-time passwords for staff (RFC 6238: HMAC-SHA1, 6 digits,
//! 30-second steps), through the `totp-rs` crate. Optional per account: a
//! staff member turns it on by scanning the secret into an authenticator
//! app and typing one code back.

use totp_rs::{Algorithm, Secret, TOTP};

/// Seconds per step (RFC 6238 §4.1, the value every authenticator app uses).
pub const STEP_SECONDS: u64 = 30;
/// Digits per code.
pub const DIGITS: usize = 6;

/// A new random secret of 20 bytes (160 bits, RFC 4226 §4 recommends at
/// least 128), Base32-encoded without padding as apps expect.
pub fn new_secret() -> String {
    let bytes: [u8; 20] = rand::random();
    match Secret::Raw(bytes.to_vec()).to_encoded() {
        Secret::Encoded(s) => s.trim_end_matches('=').to_owned(),
        Secret::Raw(_) => String::new(),
    }
}

fn totp(secret_b32: &str) -> Option<TOTP> {
    let bytes = Secret::Encoded(secret_b32.to_owned()).to_bytes().ok()?;
    Some(TOTP::new_unchecked(Algorithm::SHA1, DIGITS, 1, STEP_SECONDS, bytes))
}

/// The code for `unix_time` (seconds), or `None` for a malformed secret.
pub fn code_at(secret_b32: &str, unix_time: u64) -> Option<String> {
    totp(secret_b32).map(|t| t.generate(unix_time))
}

/// Checks `code` at `unix_time`, accepting the step before and after (clock
/// drift), and refusing a step not later than `last_step` (a code is used
/// once). Returns the step to remember, or `None`.
pub fn verify(secret_b32: &str, code: &str, unix_time: u64, last_step: u64) -> Option<u64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != DIGITS || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let t = totp(secret_b32)?;
    let now = unix_time / STEP_SECONDS;
    (now.saturating_sub(1)..=now + 1).find(|&step| step > last_step && t.generate(step * STEP_SECONDS) == code)
}

/// The `otpauth://` address an authenticator app reads (Key Uri Format):
/// label "issuer:account", the secret, issuer, algorithm, digits, period.
pub fn uri(issuer: &str, account: &str, secret_b32: &str) -> String {
    let enc = |s: &str| -> String {
        s.bytes()
            .map(|b| if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') { (b as char).to_string() } else { format!("%{b:02X}") })
            .collect()
    };
    format!(
        "otpauth://totp/{}:{}?secret={secret_b32}&issuer={}&algorithm=SHA1&digits={DIGITS}&period={STEP_SECONDS}",
        enc(issuer),
        enc(account),
        enc(issuer)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 Appendix B, SHA1 secret "12345678901234567890": the 8-digit
    /// codes 94287082 (T=59), 07081804 (T=1111111109), 14050471
    /// (T=1111111111); their last six digits are the 6-digit codes.
    #[test]
    fn rfc6238_vectors() {
        let secret = match Secret::Raw(b"12345678901234567890".to_vec()).to_encoded() {
            Secret::Encoded(s) => s,
            _ => unreachable!(),
        };
        assert_eq!(code_at(&secret, 59).as_deref(), Some("287082"));
        assert_eq!(code_at(&secret, 1_111_111_109).as_deref(), Some("081804"));
        assert_eq!(code_at(&secret, 1_111_111_111).as_deref(), Some("050471"));
    }

    #[test]
    fn verify_window_and_replay() {
        let s = new_secret();
        assert_eq!(s.len(), 32, "20 bytes are 32 Base32 characters");
        let t = 1_800_000_000;
        let code = code_at(&s, t).unwrap();
        let step = t / STEP_SECONDS;
        assert_eq!(verify(&s, &code, t, 0), Some(step));
        assert_eq!(verify(&s, &format!("{} {}", &code[..3], &code[3..]), t, 0), Some(step), "spaces allowed");
        assert_eq!(verify(&s, &code, t + 30, 0), Some(step), "one step of drift");
        assert_eq!(verify(&s, &code, t + 90, 0), None, "too late");
        assert_eq!(verify(&s, &code, t, step), None, "used once");
        assert_eq!(verify(&s, "12345", t, 0), None);
        assert_eq!(verify(&s, "abcdef", t, 0), None);
        assert_eq!(verify("not base32!", "123456", t, 0), None);
        assert_eq!(
            uri("Cổng Dân vận", "admin", "ABC"),
            "otpauth://totp/C%E1%BB%95ng%20D%C3%A2n%20v%E1%BA%ADn:admin?secret=ABC&issuer=C%E1%BB%95ng%20D%C3%A2n%20v%E1%BA%ADn&algorithm=SHA1&digits=6&period=30"
        );
    }
}
