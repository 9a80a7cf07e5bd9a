//! The server under load: `danvan serve` on a free loopback port with its
//! own data folder (and PostgreSQL database), its Open311 key, a kill and
//! a graceful stop.

use super::{START_TIMEOUT, get};
use anyhow::{Context, Result, bail};
use hyper::StatusCode;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// How to run danvan on one backend's database.
pub(crate) struct ServerEnv {
    pub(crate) danvan: PathBuf,
    /// `DANVAN_DATA_DIR`, and the working folder (so that no `danvan.toml`
    /// of the caller's is read).
    pub(crate) data_dir: PathBuf,
    /// `DANVAN_DATABASE_URL` (PostgreSQL), else the data folder's SQLite.
    pub(crate) database_url: Option<String>,
    pub(crate) listen: SocketAddr,
    pub(crate) log: PathBuf,
}

impl ServerEnv {
    pub(crate) fn command(&self) -> Result<tokio::process::Command> {
        let mut c = tokio::process::Command::new(&self.danvan);
        c.current_dir(&self.data_dir)
            .env_remove("DANVAN_CONFIG")
            .env_remove("DANVAN_DATABASE_URL")
            .env("DANVAN_DATA_DIR", &self.data_dir)
            .env("DANVAN_LISTEN", self.listen.to_string())
            .stdin(std::process::Stdio::null())
            .stderr(self.log_file()?);
        if let Some(u) = &self.database_url {
            c.env("DANVAN_DATABASE_URL", u);
        }
        Ok(c)
    }

    fn log_file(&self) -> Result<std::fs::File> {
        std::fs::OpenOptions::new().create(true).append(true).open(&self.log).with_context(|| format!("open {}", self.log.display()))
    }

    /// `danvan open311 key create NAME`: the key it prints once.
    pub(crate) async fn create_key(&self, name: &str) -> Result<String> {
        let out = self.command()?.args(["open311", "key", "create", name]).stdout(std::process::Stdio::piped()).output().await.context("run danvan")?;
        if !out.status.success() {
            bail!("danvan open311 key create failed ({}); see {}", out.status, self.log.display());
        }
        let key = String::from_utf8_lossy(&out.stdout).trim().to_owned();
        if key.is_empty() || key.contains(char::is_whitespace) {
            bail!("danvan open311 key create printed no key");
        }
        Ok(key)
    }

    /// `danvan serve`, once it answers `/healthz`.
    pub(crate) async fn start(&self) -> Result<Server> {
        let started = Instant::now();
        let mut child = self.command()?.arg("serve").stdout(self.log_file()?).kill_on_drop(true).spawn().context("start danvan serve")?;
        loop {
            if let Ok((StatusCode::OK, _)) = get(self.listen, "/healthz").await {
                break;
            }
            if let Some(status) = child.try_wait()? {
                bail!("danvan serve exited ({status}) before answering /healthz; see {}", self.log.display());
            }
            if started.elapsed() > START_TIMEOUT {
                bail!("danvan serve did not answer /healthz within {} s; see {}", START_TIMEOUT.as_secs(), self.log.display());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Ok(Server { child, started_in_s: started.elapsed().as_secs_f64() })
    }
}

/// A running `danvan serve`.
pub(crate) struct Server {
    pub(crate) child: tokio::process::Child,
    pub(crate) started_in_s: f64,
}

impl Server {
    /// SIGKILL, and wait until it is gone.
    pub(crate) async fn kill(&mut self) -> Result<()> {
        // tokio's Child::start_kill is SIGKILL on Unix
        self.child.start_kill().context("SIGKILL")?;
        self.child.wait().await.context("wait for the killed server")?;
        Ok(())
    }

    /// SIGTERM (a graceful stop), SIGKILL after 30 s.
    pub(crate) async fn stop(mut self) {
        if let Some(pid) = self.child.id() {
            let _ = tokio::process::Command::new("kill").args(["-TERM", &pid.to_string()]).status().await;
            if tokio::time::timeout(Duration::from_secs(30), self.child.wait()).await.is_ok() {
                return;
            }
        }
        let _ = self.kill().await;
    }
}

/// A free port on 127.0.0.1 (bound, then released for the server).
pub(crate) fn free_addr() -> Result<SocketAddr> {
    let l = std::net::TcpListener::bind("127.0.0.1:0").context("bind 127.0.0.1:0")?;
    Ok(l.local_addr()?)
}

/// The `service_code` of the first service of `services.json`.
pub(crate) async fn first_service(addr: SocketAddr) -> Result<String> {
    let (status, body) = get(addr, "/open311/v2/services.json").await.context("GET services.json")?;
    if status != StatusCode::OK {
        bail!("GET services.json: {status}");
    }
    let v: serde_json::Value = serde_json::from_slice(&body).context("services.json is not JSON")?;
    v.as_array()
        .and_then(|a| a.first())
        .and_then(|s| s.get("service_code"))
        .and_then(|c| c.as_str())
        .map(str::to_owned)
        .context("services.json lists no service")
}

