//! The feedback desk's background work (issue 13, scope 3), run by the
//! instance holding the scheduler's lease: queue the reminders that are
//! due (every [`REMINDER_EVERY`]), and deliver the outbox: e-mail through
//! the configured SMTP relay (`WebConfig::smtp_url`), otherwise to the back
//! office and the log (the store decides which rows, and claims each
//! before it is sent, so none is sent twice).
//!
//! SMTP is plain SMTP to a relay (`smtp://[user:password@]host[:port]`,
//! default port 25): the relay on the machine or the agency's network does
//! TLS and delivery; danvan carries no TLS stack of its own.

use crate::SharedState;
use lettre::message::Body;
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::{Duration, Instant};

/// How often the reminders are looked for.
pub const REMINDER_EVERY: Duration = Duration::from_secs(60);

/// Notices delivered per run.
const BATCH: u64 = 50;

/// An SMTP relay parsed from `smtp://[user:password@]host[:port]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relay {
    pub host: String,
    pub port: u16,
    pub user: Option<(String, String)>,
}

/// Parses a relay address; `None` when it is not `smtp://host[:port]`
/// with optional `user:password@` (percent-encoded).
pub fn parse_relay(url: &str) -> Option<Relay> {
    let rest = url.trim().strip_prefix("smtp://")?;
    let rest = rest.trim_end_matches('/');
    let (user, hostport) = match rest.rsplit_once('@') {
        Some((cred, h)) => {
            let (u, p) = cred.split_once(':').unwrap_or((cred, ""));
            let dec = |s: &str| form_urlencoded::parse(format!("x={s}").as_bytes()).next().map(|(_, v)| v.into_owned()).unwrap_or_default();
            (Some((dec(u), dec(p))), h)
        }
        None => (None, rest),
    };
    let (host, port) = match hostport.rsplit_once(':') {
        Some((h, p)) => (h, p.parse().ok()?),
        None => (hostport, 25),
    };
    if host.is_empty() || host.contains('/') {
        return None;
    }
    Some(Relay { host: host.to_owned(), port, user })
}

/// The state of the feedback jobs between ticks.
#[derive(Default)]
pub struct FeedbackJobs {
    last_reminders: Option<Instant>,
}

impl FeedbackJobs {
    /// One run: reminders when [`REMINDER_EVERY`] has passed, then one
    /// batch of the outbox. Errors are logged, never fatal.
    pub async fn run(&mut self, state: &SharedState) {
        let now = danvan_store::now();
        if self.last_reminders.is_none_or(|t| t.elapsed() >= REMINDER_EVERY) {
            self.last_reminders = Some(Instant::now());
            match state.store.calendar().working_calendar(&state.config.holiday_rules).await {
                Ok(calendar) => match state.store.feedback().queue_reminders(&calendar, now).await {
                    Ok(n) => {
                        state.metrics.job("feedback_reminders", crate::ops::JobOutcome::Ok);
                        if n > 0 {
                            tracing::info!(count = n, "feedback reminders queued");
                        }
                    }
                    Err(e) => {
                        state.metrics.job("feedback_reminders", crate::ops::JobOutcome::Failed);
                        tracing::error!(error = %e, "feedback reminders failed");
                    }
                },
                Err(e) => {
                    state.metrics.job("feedback_reminders", crate::ops::JobOutcome::Failed);
                    tracing::error!(error = %e, "working calendar unavailable");
                }
            }
        }
        match deliver(state, now).await {
            Ok(_) => state.metrics.job("feedback_notices", crate::ops::JobOutcome::Ok),
            Err(e) => {
                state.metrics.job("feedback_notices", crate::ops::JobOutcome::Failed);
                tracing::error!(error = %e, "feedback notices failed");
            }
        }
    }
}

/// Delivers one batch of the outbox; returns how many were e-mailed.
pub async fn deliver(state: &SharedState, now: chrono::DateTime<chrono::Utc>) -> Result<usize, danvan_store::StoreError> {
    let relay = state.config.smtp_url.as_deref().and_then(parse_relay);
    let fb = state.store.feedback();
    let claimed = fb.claim_deliveries(relay.is_some(), &state.config.base_url, now, BATCH).await?;
    let Some(relay) = relay else { return Ok(0) };
    let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&relay.host).port(relay.port).timeout(Some(Duration::from_secs(20)));
    if let Some((u, p)) = &relay.user {
        builder = builder.credentials(Credentials::new(u.clone(), p.clone()));
    }
    let mailer = builder.build();
    let mut sent = 0;
    for d in claimed {
        let message = Message::builder()
            .from(state.config.mail_from.parse().map_err(|_| danvan_store::StoreError::Rule(danvan_domain::ErrorCode::BadRequest))?)
            .to(match d.to.parse() {
                Ok(to) => to,
                Err(e) => {
                    fb.delivery_failed(d.id, &format!("address: {e}"), now).await?;
                    continue;
                }
            })
            .subject(d.subject)
            .header(ContentType::TEXT_PLAIN)
            // 8-bit text: readable as sent (lines are short; relays speak 8BITMIME)
            .body(Body::new_with_encoding(d.body, ContentTransferEncoding::EightBit).unwrap_or_else(Body::new));
        let result = match message {
            Ok(m) => mailer.send(m).await.map(|_| ()).map_err(|e| e.to_string()),
            Err(e) => Err(e.to_string()),
        };
        match result {
            Ok(()) => {
                fb.delivered(d.id).await?;
                sent += 1;
                tracing::info!(notice = d.id, "feedback notice e-mailed");
            }
            Err(e) => {
                tracing::warn!(notice = d.id, error = %e, "feedback notice not sent; tried again later");
                fb.delivery_failed(d.id, &e, now).await?;
            }
        }
    }
    Ok(sent)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relay_addresses() {
        assert_eq!(parse_relay("smtp://127.0.0.1:2525"), Some(Relay { host: "127.0.0.1".into(), port: 2525, user: None }));
        assert_eq!(parse_relay("smtp://mail.example.vn"), Some(Relay { host: "mail.example.vn".into(), port: 25, user: None }));
        assert_eq!(
            parse_relay("smtp://danvan:m%40t-khau@relay:587/"),
            Some(Relay { host: "relay".into(), port: 587, user: Some(("danvan".into(), "m@t-khau".into())) })
        );
        assert_eq!(parse_relay("smtps://relay:465"), None, "TLS is the relay's job");
        assert_eq!(parse_relay("smtp://relay:port"), None);
        assert_eq!(parse_relay("smtp://"), None);
    }
}
