//! The deliveries of a run, in input order, prepared beside the sender: checked inputs are read,
//! refreshed (`--fresh`) and signed by reader threads that take turns over chunks of sources, and
//! handed over a batch at a time; or one delivery made in memory (`trigger`).

use std::ops::ControlFlow;
use std::sync::Arc;

use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use crate::send::Settings;
use crate::send::delivery::Prepared;
use crate::send::input::{self, Inputs, Inventory};

/// Prepared deliveries travel from a reader to the sender at most this many at a time…
const BATCH: usize = 64;
/// …and at most this many batches wait per reader.
const DEPTH: usize = 4;

/// What a reader hands over: deliveries, and whether its chunk is done.
#[derive(Debug)]
struct Piece {
    items: Vec<Prepared>,
    last: bool,
}

#[derive(Debug)]
struct Reader {
    pieces: mpsc::Receiver<Piece>,
    handle: JoinHandle<Result<(), String>>,
}

/// Prepared deliveries in input order.
#[derive(Debug)]
pub struct Feed {
    pub inventory: Inventory,
    /// The payload was made here (`trigger`), so `--dry-run` shows its body too.
    pub generated: bool,
    /// Reader `k` reads chunks `k`, `k + n`, `k + 2n`, ...
    readers: Vec<Reader>,
    /// The chunk whose deliveries come next.
    chunk: usize,
    ended: bool,
}

impl Feed {
    /// Stream checked inputs on reader threads (one per core, at most one per chunk).
    pub fn from_inputs(inputs: Inputs, inventory: Inventory, settings: Arc<Settings>) -> Feed {
        let inputs = Arc::new(inputs);
        let chunks = inputs.chunks();
        let count = input::reader_threads().clamp(1, chunks.max(1));
        let readers = (0..count)
            .map(|first| {
                let (tx, pieces) = mpsc::channel(DEPTH);
                let (inputs, settings) = (inputs.clone(), settings.clone());
                let handle = tokio::task::spawn_blocking(move || {
                    read_chunks(&inputs, &settings, (first..chunks).step_by(count), &tx)
                });
                Reader { pieces, handle }
            })
            .collect();
        Feed {
            inventory,
            generated: false,
            readers,
            chunk: 0,
            ended: false,
        }
    }

    /// One delivery made in memory (`trigger`).
    pub fn single(prepared: Prepared) -> Feed {
        let (tx, pieces) = mpsc::channel(1);
        let mut inventory = Inventory {
            payloads: 1,
            ..Inventory::default()
        };
        inventory.widths.label = prepared.origin.label().chars().count();
        inventory.widths.event = prepared.event.chars().count();
        inventory.widths.id = prepared.id.chars().count();
        let handle = tokio::spawn(async move {
            let piece = Piece {
                items: vec![prepared],
                last: true,
            };
            let _ = tx.send(piece).await;
            Ok(())
        });
        Feed {
            inventory,
            generated: true,
            readers: vec![Reader { pieces, handle }],
            chunk: 0,
            ended: false,
        }
    }

    /// The next deliveries, in input order; `None` once every reader is done (or one failed:
    /// [`Feed::finish`] says why). Cancel-safe: nothing is lost when the future is dropped.
    pub async fn next_batch(&mut self) -> Option<Vec<Prepared>> {
        while !self.ended && !self.readers.is_empty() {
            let reader = self.chunk % self.readers.len();
            match self.readers[reader].pieces.recv().await {
                Some(piece) => {
                    if piece.last {
                        self.chunk += 1;
                    }
                    if !piece.items.is_empty() {
                        return Some(piece.items);
                    }
                }
                None => self.ended = true,
            }
        }
        None
    }

    /// Stop the readers early (the run was interrupted or the output closed).
    pub fn close(&mut self) {
        for reader in &mut self.readers {
            reader.pieces.close();
        }
    }

    /// Wait for the readers; the first problem one met (an input that changed since it was
    /// checked), if any.
    pub async fn finish(self) -> Result<(), String> {
        let mut first = Ok(());
        for reader in self.readers {
            let result = match reader.handle.await {
                Ok(result) => result,
                Err(err) => Err(format!("reading the inputs failed: {err}")),
            };
            if first.is_ok() {
                first = result;
            }
        }
        first
    }
}

/// One reader: prepare and hand over the deliveries of its chunks, in order.
fn read_chunks(
    inputs: &Inputs,
    settings: &Settings,
    chunks: impl Iterator<Item = usize>,
    tx: &mpsc::Sender<Piece>,
) -> Result<(), String> {
    for chunk in chunks {
        let mut items = Vec::with_capacity(BATCH.min(input::CHUNK_SOURCES));
        let mut failure = None;
        let mut closed = false;
        let flow = inputs.read_chunk(chunk, |payload| match settings.prepare(payload) {
            Ok(prepared) => {
                items.push(prepared);
                if items.len() < BATCH {
                    return ControlFlow::Continue(());
                }
                let piece = Piece {
                    items: std::mem::replace(&mut items, Vec::with_capacity(BATCH)),
                    last: false,
                };
                if tx.blocking_send(piece).is_ok() {
                    ControlFlow::Continue(())
                } else {
                    closed = true;
                    ControlFlow::Break(())
                }
            }
            Err(problem) => {
                failure = Some(problem);
                ControlFlow::Break(())
            }
        })?;
        if let Some(problem) = failure {
            return Err(problem);
        }
        if closed || flow.is_break() {
            return Ok(());
        }
        if tx.blocking_send(Piece { items, last: true }).is_err() {
            return Ok(());
        }
    }
    Ok(())
}
