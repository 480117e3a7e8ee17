//! Small sets and fast hashes for the counters: most notes have one to three tags.

use std::collections::HashMap;

use crate::model::Serial;

/// The priorities of one note: a few held inline, so most notes cost no allocation.
#[derive(Debug, Clone, Default)]
pub(super) struct PrioritySet {
    len: u8,
    inline: [u32; 3],
    more: Vec<u32>,
}

impl PrioritySet {
    /// Adds `p` unless present.
    pub(super) fn insert(&mut self, p: usize) {
        let p = p as u32;
        if self.iter().any(|q| q == p as usize) {
            return;
        }
        match self.inline.get_mut(self.len as usize) {
            Some(slot) => {
                *slot = p;
                self.len += 1;
            }
            None => self.more.push(p),
        }
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.inline[..self.len as usize]
            .iter()
            .chain(&self.more)
            .map(|&p| p as usize)
    }
}

/// Hashes serials and short ids cheaply (FNV for bytes, Fibonacci hashing
/// for integers): the keys come from the rapporteur's own file.
#[derive(Debug, Clone, Copy)]
pub(super) struct FastHasher(u64);

impl Default for FastHasher {
    fn default() -> Self {
        FastHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn write_u64(&mut self, n: u64) {
        // Fibonacci hashing spreads consecutive serials over the table.
        self.0 = n.wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(26);
    }
}

pub(super) type Fast = std::hash::BuildHasherDefault<FastHasher>;
pub(super) type SerialMap<V> = HashMap<Serial, V, Fast>;
