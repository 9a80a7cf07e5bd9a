//! `danvan glossary`: the administrator's view of the abbreviation glossary
//! ("DTTS" → "dân tộc thiểu số"), used for `<abbr title>` on article pages
//! and to expand searches both ways. Changes show on pages within seconds
//! (the site cache lives 10 s) and in searches at once.

use clap::Subcommand;
use danvan_domain::messages::{Lang, t};
use danvan_store::Store;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum GlossaryAction {
    /// List every abbreviation and its expansion.
    List,
    /// Add an abbreviation or change its expansion.
    Set { abbreviation: String, expansion: String },
    /// Remove an abbreviation.
    Remove { abbreviation: String },
}

fn clean(s: &str) -> String {
    danvan_text::collapse_spaces(&danvan_text::normalize_input(s))
}

pub async fn run(store: &Store, action: GlossaryAction) -> anyhow::Result<ExitCode> {
    match action {
        GlossaryAction::List => {
            let entries = store.glossary().entries().await?;
            for (a, e) in &entries {
                println!("{a}\t{e}");
            }
            println!("{} / {}: {}", t("glossary.count", Lang::Vi), t("glossary.count", Lang::En), entries.len());
            Ok(ExitCode::SUCCESS)
        }
        GlossaryAction::Set { abbreviation, expansion } => {
            let (a, e) = (clean(&abbreviation), clean(&expansion));
            let valid = !a.is_empty()
                && a.chars().count() <= 20
                && !a.contains(char::is_whitespace)
                && !e.is_empty()
                && e.chars().count() <= 200;
            if !valid {
                eprintln!("danvan glossary: {} / {} [glossary.invalid]", t("glossary.invalid", Lang::Vi), t("glossary.invalid", Lang::En));
                return Ok(ExitCode::from(2));
            }
            store.glossary().put_glossary(&[(&a, &e)]).await?;
            println!("{a}\t{e}");
            Ok(ExitCode::SUCCESS)
        }
        GlossaryAction::Remove { abbreviation } => {
            if store.glossary().remove_glossary(&clean(&abbreviation)).await? {
                Ok(ExitCode::SUCCESS)
            } else {
                eprintln!("danvan glossary: {} / {} [glossary.not_found]", t("glossary.not_found", Lang::Vi), t("glossary.not_found", Lang::En));
                Ok(ExitCode::from(1))
            }
        }
    }
}
