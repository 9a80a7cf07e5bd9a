//! Optional two-step sign-in for staff: a TOTP secret per account, whether
//! it is on, and the last step used (a code works once).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for col in [
            text_null("totp_secret").take(),
            boolean("totp_enabled").default(false).take(),
            big_integer("totp_last_step").default(0).take(),
        ] {
            m.alter_table(Table::alter().table("user_account").add_column(col).take()).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for col in ["totp_last_step", "totp_enabled", "totp_secret"] {
            m.alter_table(Table::alter().table("user_account").drop_column(col).take()).await?;
        }
        Ok(())
    }
}
