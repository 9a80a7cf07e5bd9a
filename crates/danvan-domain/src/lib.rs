//! danvan's domain: rules that hold whatever the storage or the web layer.
//! Pure: no I/O.
//!
//! * [`rating`]: article ratings (scores 1–5, one vote per visitor cookie);
//! * [`article`]: an article's fields and [`article::check_article`];
//! * [`editorial`]: roles, permissions (who may view, edit, restore, read
//!   the audit log) and the workflow;
//! * [`reader`]: the reader's text size and contrast preferences;
//! * [`messages`]: the message catalogue (Vietnamese first, English second);
//! * [`error`]: stable error codes shared by every layer;
//! * [`audit`]: audit log actions, their parameters and how a line is shown;
//! * [`registry`]: the "Dân vận khéo" registry: records, lifecycle,
//!   import values, statistics and the report's summary;
//! * [`calendar`]: an administrator's edit of a year's days off, and how
//!   weekdays and lunar dates are named.

/// Declares an enum of unit variants together with `ALL`, every variant in
/// declaration order. Written once, so a variant cannot be added without
/// being listed (STYLE.md: "every message enumerable").
#[macro_export]
#[doc(hidden)]
macro_rules! enumerable {
    ($(#[$em:meta])* $vis:vis enum $name:ident { $($(#[$vm:meta])* $variant:ident,)* }) => {
        $(#[$em])* $vis enum $name { $($(#[$vm])* $variant,)* }
        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: [$name; [$($name::$variant),*].len()] = [$($name::$variant),*];
        }
    };
}

/// Declares an enum of coded values: each variant with its stored code and
/// the catalogue key of its name, with `ALL`, `code`, `message_key`,
/// `from_code` and `index`. Visible to every module declared after it.
macro_rules! coded {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident = $code:literal, $key:literal;)* }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
        pub enum $name { $($(#[$vm])* $v,)* }
        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$v),*];
            /// The stored code.
            pub fn code(self) -> &'static str { match self { $($name::$v => $code,)* } }
            /// The catalogue key of its name.
            pub fn message_key(self) -> &'static str { match self { $($name::$v => $key,)* } }
            /// The value of a stored code.
            pub fn from_code(code: &str) -> Option<$name> { Self::ALL.iter().copied().find(|v| v.code() == code) }
            /// Its position in [`Self::ALL`].
            pub fn index(self) -> usize { Self::ALL.iter().position(|v| *v == self).unwrap_or(0) }
        }
    };
}

pub mod article;
pub mod audit;
pub mod calendar;
pub mod diff;
pub mod documents;
pub mod editorial;
pub mod error;
pub mod feedback;
pub mod messages;
pub mod rating;
pub mod related;
pub mod search;
pub mod reader;
pub mod registry;

pub use error::ErrorCode;
pub use messages::{Lang, t};
pub mod accounts;
pub mod time;
pub mod totp;
pub mod unit_tree;
