//! `danvan open311 key create|revoke|list`: the API keys of Open311
//! GeoReport v2 clients. A key is printed once, when it is created; only
//! its SHA-256 is stored. Issue one only to an application whose holder
//! undertakes to show the portal's personal-data notice and obtain each
//! resident's consent before sending (Open311 POSTs carry no consent box
//! of their own). A revoked key is refused at once (403); its name stays
//! taken. Each creation and revocation is in the audit log.

use clap::Subcommand;
use danvan_domain::messages::{Lang, format, t};
use danvan_store::Store;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum Open311Action {
    /// API keys: create NAME, revoke NAME, list.
    Key {
        #[command(subcommand)]
        action: KeyAction,
    },
}

#[derive(Subcommand)]
pub enum KeyAction {
    /// Issue a key named NAME and print it once.
    Create { name: String },
    /// Revoke the key named NAME.
    Revoke { name: String },
    /// List the keys (names and dates, never the keys).
    List,
}

fn refused(e: &danvan_store::StoreError) -> ExitCode {
    let code = e.code();
    eprintln!("danvan open311: {} / {} [{code}]", t(code, Lang::Vi), t(code, Lang::En));
    ExitCode::from(if matches!(e, danvan_store::StoreError::Field { .. }) { 2 } else { 1 })
}

pub async fn run(store: &Store, action: Open311Action) -> anyhow::Result<ExitCode> {
    let Open311Action::Key { action } = action;
    let now = danvan_store::now();
    match action {
        KeyAction::Create { name } => match store.open311().create_key(&name, now).await {
            Ok(key) => {
                let name = danvan_domain::feedback::open311::check_key_name(&name).unwrap_or(name);
                eprintln!("{}", format("open311cli.created", Lang::Vi, &[("name", &name)]));
                eprintln!("{}", format("open311cli.created", Lang::En, &[("name", &name)]));
                println!("{key}");
                Ok(ExitCode::SUCCESS)
            }
            Err(e @ danvan_store::StoreError::Field { .. }) => Ok(refused(&e)),
            Err(e) => Err(e.into()),
        },
        KeyAction::Revoke { name } => match store.open311().revoke_key(&name, now).await {
            Ok(()) => {
                println!("{}", format("open311cli.revoked", Lang::Vi, &[("name", &name.trim())]));
                Ok(ExitCode::SUCCESS)
            }
            Err(e @ danvan_store::StoreError::Field { .. }) => Ok(refused(&e)),
            Err(e) => Err(e.into()),
        },
        KeyAction::List => {
            let keys = store.open311().keys().await?;
            if keys.is_empty() {
                println!("{} / {}", t("open311cli.none", Lang::Vi), t("open311cli.none", Lang::En));
                return Ok(ExitCode::SUCCESS);
            }
            for k in &keys {
                let state = match k.revoked_at {
                    None => t("open311cli.active", Lang::Vi).to_owned(),
                    Some(at) => format("open311cli.revoked_at", Lang::Vi, &[("at", &danvan_domain::time::vietnam_display(at))]),
                };
                println!("{}\t{}\t{}", k.name, danvan_domain::time::vietnam_display(k.created_at), state);
            }
            println!("{} / {}: {}", t("open311cli.count", Lang::Vi), t("open311cli.count", Lang::En), keys.len());
            Ok(ExitCode::SUCCESS)
        }
    }
}
