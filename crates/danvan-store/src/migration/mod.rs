//! One set of migrations for SQLite and PostgreSQL, written with the
//! backend-neutral schema builder.

use sea_orm_migration::prelude::*;

mod m20261129_000001_portal;
mod m20261129_000002_search;
mod m20261129_000003_related;
mod m20261129_000004_documents;
mod m20261129_000005_editorial;
mod m20261129_000006_totp;
mod m20261129_000007_search_filter;
mod m20261201_000008_audit_params;
mod m20261201_000009_calendar;
mod m20261201_000010_registry;
mod m20261201_000011_registry_phases;
mod m20261201_000012_registry_links;
mod m20261201_000013_registry_attachments;
mod m20261201_000014_feedback;
mod m20261201_000015_registry_cube;
mod m20261201_000016_feedback_publication;
mod m20261201_000017_open311;
mod m20261201_000018_feedback_attachments;
mod m20261201_000019_search_change;
mod m20261202_000020_drop_fts;

/// All migrations in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261129_000001_portal::Migration),
            Box::new(m20261129_000002_search::Migration),
            Box::new(m20261129_000003_related::Migration),
            Box::new(m20261129_000004_documents::Migration),
            Box::new(m20261129_000005_editorial::Migration),
            Box::new(m20261129_000006_totp::Migration),
            Box::new(m20261129_000007_search_filter::Migration),
            Box::new(m20261201_000008_audit_params::Migration),
            Box::new(m20261201_000009_calendar::Migration),
            Box::new(m20261201_000010_registry::Migration),
            Box::new(m20261201_000011_registry_phases::Migration),
            Box::new(m20261201_000012_registry_links::Migration),
            Box::new(m20261201_000013_registry_attachments::Migration),
            Box::new(m20261201_000014_feedback::Migration),
            Box::new(m20261201_000015_registry_cube::Migration),
            Box::new(m20261201_000016_feedback_publication::Migration),
            Box::new(m20261201_000017_open311::Migration),
            Box::new(m20261201_000018_feedback_attachments::Migration),
            Box::new(m20261201_000019_search_change::Migration),
            Box::new(m20261202_000020_drop_fts::Migration),
        ]
    }
}
