//! Group commit: writes that arrive together share one transaction.
//!
//! SQLite has one writer, so under load every public submission waits for
//! the one before it to begin, write and commit, each statement a round
//! trip to the connection's thread. A [`GroupCommit`] keeps one writer
//! task per [`crate::Store`]: a caller hands it a job and waits; the task
//! takes every job waiting at that moment (at most [`MAX_GROUP`]), gives
//! them all to one [`Batch`] function in one transaction (which decides
//! each job's fate in memory and writes the accepted ones with a few
//! multi-row statements), commits once, and only then answers each caller.
//! An answer is therefore never given for a write that could still be
//! lost; when the batch fails or the commit fails, every job of the group
//! gets the error and nothing of it is committed.
//!
//! PostgreSQL runs transactions side by side, so there a job runs alone in
//! its own transaction on the caller's task ([`GroupCommit::run`] decides).

use crate::{Backend, StoreError, StoreResult};
use sea_orm::{DatabaseConnection, DatabaseTransaction, DbErr, SqliteTransactionMode, TransactionOptions, TransactionTrait};
use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;
use tokio::sync::{mpsc, oneshot};

/// The most jobs one transaction takes (a bound on how long the first of
/// them waits for the commit).
pub const MAX_GROUP: usize = 128;

/// Writes a group of jobs in `tx`: one answer per job, in order
/// (`Err` of one job: refused, its writes never made); `Err` of the whole:
/// the transaction must not be committed.
pub(crate) type Batch<J, R> = for<'t> fn(&'t DatabaseTransaction, Vec<J>) -> Pin<Box<dyn Future<Output = StoreResult<Vec<StoreResult<R>>>> + Send + 't>>;

struct Pending<J, R> {
    job: J,
    reply: oneshot::Sender<StoreResult<R>>,
}

/// The writer task's inbox (started on the first job, and again when the
/// runtime it ran on has ended) and the batch function it runs.
pub(crate) struct GroupCommit<J, R> {
    batch: Batch<J, R>,
    inbox: Mutex<Option<mpsc::UnboundedSender<Pending<J, R>>>>,
}

impl<J, R> std::fmt::Debug for GroupCommit<J, R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("GroupCommit")
    }
}

/// Starts a write transaction (`BEGIN IMMEDIATE` on SQLite, so that a
/// busy database is waited for instead of failing half-way).
pub(crate) async fn begin_write(conn: &DatabaseConnection, backend: Backend) -> Result<DatabaseTransaction, DbErr> {
    let mut o = TransactionOptions::default();
    if backend == Backend::Sqlite {
        o.sqlite_transaction_mode = Some(SqliteTransactionMode::Immediate);
    }
    conn.begin_with_options(o).await
}

fn shared(message: &str) -> StoreError {
    StoreError::Db(DbErr::Custom(message.to_owned()))
}

impl<J: Send + 'static, R: Send + 'static> GroupCommit<J, R> {
    pub(crate) fn new(batch: Batch<J, R>) -> Self {
        GroupCommit { batch, inbox: Mutex::new(None) }
    }

    /// Runs `job` and returns its answer once its transaction is committed:
    /// in the next group on SQLite, alone on PostgreSQL.
    ///
    /// Errors: the job's own refusal (nothing of it written);
    /// [`StoreError::Db`] when the batch, the begin or the commit fails or
    /// the writer task stopped (nothing of the job is then committed).
    pub(crate) async fn run(&self, conn: &DatabaseConnection, backend: Backend, job: J) -> StoreResult<R> {
        if backend == Backend::Postgres {
            let tx = begin_write(conn, backend).await?;
            let answer = (self.batch)(&tx, vec![job]).await?.pop().unwrap_or_else(|| Err(shared("group commit: no answer")));
            if answer.is_ok() {
                tx.commit().await?;
            }
            return answer;
        }
        let (reply, answer) = oneshot::channel();
        let mut pending = Pending { job, reply };
        for _ in 0..2 {
            let inbox = {
                let mut slot = self.inbox.lock().unwrap_or_else(|p| p.into_inner());
                match slot.as_ref() {
                    Some(s) if !s.is_closed() => s.clone(),
                    _ => {
                        let (s, r) = mpsc::unbounded_channel();
                        tokio::spawn(writer(conn.clone(), backend, self.batch, r));
                        *slot = Some(s.clone());
                        s
                    }
                }
            };
            match inbox.send(pending) {
                Ok(()) => return answer.await.map_err(|_| shared("group commit: the writer task stopped"))?,
                // the writer's runtime ended: start another one
                Err(mpsc::error::SendError(p)) => pending = p,
            }
        }
        Err(shared("group commit: the writer task stopped"))
    }
}

/// The writer task: one group after another until every sender is gone.
async fn writer<J, R>(conn: DatabaseConnection, backend: Backend, batch: Batch<J, R>, mut inbox: mpsc::UnboundedReceiver<Pending<J, R>>) {
    while let Some(first) = inbox.recv().await {
        let mut group = vec![first];
        while group.len() < MAX_GROUP {
            match inbox.try_recv() {
                Ok(p) => group.push(p),
                Err(_) => break,
            }
        }
        let (jobs, replies): (Vec<J>, Vec<oneshot::Sender<StoreResult<R>>>) = group.into_iter().map(|p| (p.job, p.reply)).unzip();
        match commit_group(&conn, backend, batch, jobs).await {
            Ok(answers) => {
                for (reply, answer) in replies.into_iter().zip(answers) {
                    let _ = reply.send(answer);
                }
            }
            Err(message) => {
                for reply in replies {
                    let _ = reply.send(Err(shared(&message)));
                }
            }
        }
    }
}

/// One group: its answers once committed, or why nothing was.
async fn commit_group<J, R>(conn: &DatabaseConnection, backend: Backend, batch: Batch<J, R>, jobs: Vec<J>) -> Result<Vec<StoreResult<R>>, String> {
    let n = jobs.len();
    let tx = begin_write(conn, backend).await.map_err(|e| e.to_string())?;
    let answers = batch(&tx, jobs).await.map_err(|e| e.to_string())?;
    if answers.len() != n {
        return Err(format!("group commit: {} answers for {n} jobs", answers.len()));
    }
    tx.commit().await.map_err(|e| e.to_string())?;
    Ok(answers)
}
