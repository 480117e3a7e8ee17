//! The fault plan: which storage step fails, how, and how often.
//!
//! A [`Faults`] plan is shared by a [`SessionFile`](crate::storage::SessionFile)
//! and the test that set it; with no plan (the default) every check is a no-op.

use std::io;
use std::sync::{Arc, Mutex};

use super::{Op, Step};

/// How a step fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Only part of the bytes reach the disk, then an I/O error.
    ShortWrite,
    /// The disk is full (ENOSPC).
    NoSpace,
    /// The device reports an I/O error (EIO).
    Io,
}

#[derive(Debug, Default)]
struct Plan {
    /// (step, how many more passes before failing, fault, how many failures)
    armed: Vec<(Step, usize, Fault, usize)>,
    injected: usize,
    /// The file system operations that succeeded, when they are recorded.
    record: Option<Vec<Op>>,
}

/// A shared, clonable fault plan; [`Faults::NONE`] (the default) injects nothing.
#[derive(Debug, Clone, Default)]
pub struct Faults(Option<Arc<Mutex<Plan>>>);

impl Faults {
    /// No plan: every step runs.
    pub const NONE: Faults = Faults(None);

    /// A plan with nothing armed yet.
    pub fn plan() -> Faults {
        Faults(Some(Arc::default()))
    }

    /// Fails `step` with `fault` after letting `skip` passes through, `times` times in a row.
    pub fn arm(&self, step: Step, skip: usize, fault: Fault, times: usize) {
        if let Some(plan) = &self.0 {
            plan.lock()
                .expect("fault plan lock")
                .armed
                .push((step, skip, fault, times));
        }
    }

    /// A plan that injects nothing and records every file system operation, for
    /// [`power`](super::power) to replay.
    pub fn recording() -> Faults {
        let faults = Faults::plan();
        if let Some(plan) = &faults.0 {
            plan.lock().expect("fault plan lock").record = Some(Vec::new());
        }
        faults
    }

    /// The operations recorded so far (see [`Faults::recording`]).
    pub fn operations(&self) -> Vec<Op> {
        self.0.as_ref().map_or_else(Vec::new, |p| {
            p.lock()
                .expect("fault plan lock")
                .record
                .clone()
                .unwrap_or_default()
        })
    }

    /// Disarms everything: the disk is healthy again.
    pub fn heal(&self) {
        if let Some(plan) = &self.0 {
            plan.lock().expect("fault plan lock").armed.clear();
        }
    }

    /// How many faults were injected so far.
    pub fn injected(&self) -> usize {
        self.0
            .as_ref()
            .map_or(0, |p| p.lock().expect("fault plan lock").injected)
    }

    /// Called before `step`: the fault to simulate now, if any.
    fn check(&self, step: Step) -> Option<Fault> {
        let plan = self.0.as_ref()?;
        let mut plan = plan.lock().expect("fault plan lock");
        let index = plan.armed.iter().position(|(s, ..)| *s == step)?;
        let (_, skip, fault, times) = &mut plan.armed[index];
        if *skip > 0 {
            *skip -= 1;
            return None;
        }
        let fault = *fault;
        *times -= 1;
        if *times == 0 {
            plan.armed.remove(index);
        }
        plan.injected += 1;
        Some(fault)
    }
}

/// The error a fault stands for.
fn error(fault: Fault) -> io::Error {
    match fault {
        Fault::NoSpace => io::Error::from_raw_os_error(28),
        Fault::Io | Fault::ShortWrite => io::Error::from_raw_os_error(5),
    }
}

/// Runs `op` for `step` unless a fault is due; a short write writes half of `bytes` first.
pub(in crate::storage) fn write(
    faults: &Faults,
    step: Step,
    bytes: &[u8],
    mut op: impl FnMut(&[u8]) -> io::Result<()>,
) -> io::Result<()> {
    match faults.check(step) {
        None => op(bytes),
        Some(Fault::ShortWrite) => {
            op(&bytes[..bytes.len() / 2])?;
            Err(error(Fault::ShortWrite))
        }
        Some(fault) => Err(error(fault)),
    }
}

/// Runs `op` for `step` unless a fault is due.
pub(in crate::storage) fn run<T>(
    faults: &Faults,
    step: Step,
    op: impl FnOnce() -> io::Result<T>,
) -> io::Result<T> {
    match faults.check(step) {
        None => op(),
        Some(fault) => Err(error(fault)),
    }
}

/// Records the operation `op` describes, when the plan records.
pub(in crate::storage) fn done(faults: &Faults, op: impl FnOnce() -> Op) {
    if let Some(plan) = &faults.0
        && let Some(record) = &mut plan.lock().expect("fault plan lock").record
    {
        record.push(op());
    }
}
