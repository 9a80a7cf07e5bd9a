//! Group commit: writes that arrive together share one transaction.
//!
//! SQLite has one writer, so under load every public submission waits for
//! the one before it to begin, write and commit. [`GroupCommit`] keeps one
//! writer task per [`crate::Store`]: a caller hands it a job (a closure
//! that writes in a transaction) and waits. The task takes every job
//! waiting at that moment (at most [`MAX_GROUP`]), runs each in a
//! savepoint of one transaction (a refused job rolls back only its own
//! writes), commits once, and only then answers each caller. An answer is
//! therefore never given for a write that could still be lost; when the
//! commit fails, every job of the group gets the error.
//!
//! The same path serves PostgreSQL, where it saves a commit (a WAL flush)
//! per job.

use crate::{Backend, StoreError, StoreResult};
use sea_orm::{DatabaseConnection, DatabaseTransaction, DbErr, SqliteTransactionMode, TransactionOptions, TransactionTrait};
use std::any::Any;
use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;
use tokio::sync::{mpsc, oneshot};

/// The most jobs one transaction takes (a bound on how long the first of
/// them waits for the commit).
pub const MAX_GROUP: usize = 128;

/// What a job gives back when it succeeds, until the commit hands it over.
type Value = Box<dyn Any + Send>;

/// A write to run in the group's transaction.
pub(crate) type Job = Box<dyn for<'t> FnOnce(&'t DatabaseTransaction) -> Pin<Box<dyn Future<Output = StoreResult<Value>> + Send + 't>> + Send>;

struct Pending {
    job: Job,
    reply: oneshot::Sender<StoreResult<Value>>,
}

/// The writer task's inbox (started on the first job, and again when the
/// runtime it ran on has ended).
#[derive(Default)]
pub(crate) struct GroupCommit {
    inbox: Mutex<Option<mpsc::UnboundedSender<Pending>>>,
}

impl std::fmt::Debug for GroupCommit {
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

impl GroupCommit {
    /// Runs `job` in the next group's transaction on `conn` and returns
    /// its value once that transaction is committed.
    ///
    /// Errors: the job's own error (its writes rolled back, the group's
    /// other jobs unaffected); [`StoreError::Db`] when the group's begin or
    /// commit fails or the writer task stopped (nothing of the job is
    /// then committed).
    pub(crate) async fn run<T: Send + 'static>(&self, conn: &DatabaseConnection, backend: Backend, job: Job) -> StoreResult<T> {
        let (reply, answer) = oneshot::channel();
        let mut pending = Pending { job, reply };
        for _ in 0..2 {
            let inbox = {
                let mut slot = self.inbox.lock().unwrap_or_else(|p| p.into_inner());
                match slot.as_ref() {
                    Some(s) if !s.is_closed() => s.clone(),
                    _ => {
                        let (s, r) = mpsc::unbounded_channel();
                        tokio::spawn(writer(conn.clone(), backend, r));
                        *slot = Some(s.clone());
                        s
                    }
                }
            };
            match inbox.send(pending) {
                Ok(()) => {
                    let value = answer.await.map_err(|_| stopped())??;
                    return value.downcast::<T>().map(|v| *v).map_err(|_| StoreError::Db(DbErr::Custom("group commit: a job's value has another type".into())));
                }
                // the writer's runtime ended: start another one
                Err(mpsc::error::SendError(p)) => pending = p,
            }
        }
        Err(stopped())
    }
}

fn stopped() -> StoreError {
    StoreError::Db(DbErr::Custom("group commit: the writer task stopped".into()))
}

/// The writer task: one group after another until every sender is gone.
async fn writer(conn: DatabaseConnection, backend: Backend, mut inbox: mpsc::UnboundedReceiver<Pending>) {
    while let Some(first) = inbox.recv().await {
        let mut group = vec![first];
        while group.len() < MAX_GROUP {
            match inbox.try_recv() {
                Ok(p) => group.push(p),
                Err(_) => break,
            }
        }
        commit_group(&conn, backend, group).await;
    }
}

async fn commit_group(conn: &DatabaseConnection, backend: Backend, group: Vec<Pending>) {
    let tx = match begin_write(conn, backend).await {
        Ok(tx) => tx,
        Err(e) => {
            let message = e.to_string();
            for p in group {
                let _ = p.reply.send(Err(StoreError::Db(DbErr::Custom(message.clone()))));
            }
            return;
        }
    };
    let alone = group.len() == 1;
    let mut done = Vec::with_capacity(group.len());
    for p in group {
        if alone {
            match (p.job)(&tx).await {
                Ok(v) => done.push((p.reply, v)),
                Err(e) => {
                    let _ = p.reply.send(Err(e));
                    return; // tx dropped: rolled back
                }
            }
            continue;
        }
        let savepoint = match tx.begin().await {
            Ok(s) => s,
            Err(e) => {
                let _ = p.reply.send(Err(e.into()));
                continue;
            }
        };
        match (p.job)(&savepoint).await {
            Ok(v) => match savepoint.commit().await {
                Ok(()) => done.push((p.reply, v)),
                Err(e) => {
                    let _ = p.reply.send(Err(e.into()));
                }
            },
            Err(e) => {
                let _ = savepoint.rollback().await;
                let _ = p.reply.send(Err(e));
            }
        }
    }
    match tx.commit().await {
        Ok(()) => {
            for (reply, v) in done {
                let _ = reply.send(Ok(v));
            }
        }
        Err(e) => {
            let message = e.to_string();
            for (reply, _) in done {
                let _ = reply.send(Err(StoreError::Db(DbErr::Custom(message.clone()))));
            }
        }
    }
}
