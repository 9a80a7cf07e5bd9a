//! SeaORM entities, one module per table (see the migration for indexes).

pub mod site;
pub mod org_unit;
pub mod category;
pub mod article;
pub mod figure;
pub mod rating_vote;
pub mod video_clip;
pub mod user_account;
pub mod glossary_entry;
pub mod search_doc;
pub mod related_article;
pub mod document;
pub mod document_file;
pub mod document_relation;
pub mod article_reference;
pub mod role_grant;
pub mod user_session;
pub mod sign_in_failure;
pub mod media;
pub mod tag;
pub mod article_tag;
pub mod article_video;
pub mod article_revision;
pub mod audit_event;
pub mod job_lease;
pub mod calendar_year;
