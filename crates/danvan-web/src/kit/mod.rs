//! The web kit: what every handler uses, written once. The CSRF checks
//! ([`csrf`]), the cookie writer ([`cookies`]), the bounded page parser
//! ([`paging`]), the page context and HTML answer ([`page`]), the
//! visitor's preferences and tokens ([`visitor`]), posted form fields
//! ([`form`]), stored files sent back ([`download`]), image decoding a
//! few at a time ([`images`]) and the input boundary that refuses control characters
//! ([`input`]). The kit imports no capability module.

pub(crate) mod chart;
pub(crate) mod cookies;
pub(crate) mod csrf;
pub(crate) mod download;
pub(crate) mod form;
pub(crate) mod images;
pub(crate) mod input;
pub(crate) mod page;
pub(crate) mod paging;
pub(crate) mod visitor;
