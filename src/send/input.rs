//! `replay`'s inputs, streamed twice: once to check every payload before anything is sent, once
//! to send. A file is never held in memory whole unless it is one JSON document; NDJSON is read a
//! line at a time. Sources are read in chunks that several threads share, in turn, so input order
//! is kept. Turning paths into sources (folders, stdin) is the job of the
//! [sources module](super::sources); reading bytes, of [reading](super::reading).

use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use bytes::Bytes;

use crate::send::delivery::{self, HeaderPlan, Origin, Payload};
use crate::send::parse::{self, Rules};
use crate::send::reading::{Lines, Scratch, read_all};
use crate::send::sources::{self, Kind, Source};

/// Payloads of one-document files (captures, JSON payloads) are kept from the check for the send
/// pass up to this many bytes in all, so a folder of that size is opened and parsed once; past it,
/// the rest is read again when sent. NDJSON is always streamed again (re-reading one file is cheap).
/// Memory stays bounded however many inputs there are.
pub const KEEP_BUDGET: usize = 16 * 1024 * 1024;

/// What keeping one payload costs, roughly: its body, its captured headers, and the bookkeeping.
fn kept_size(payload: &Payload) -> usize {
    let headers: usize = payload
        .headers
        .iter()
        .map(|(n, v)| n.len() + v.len() + 48)
        .sum();
    payload.body.len() + headers + payload.event.len() + payload.id.len() + 160
}

/// How many bad inputs are listed before the check stops looking.
const MAX_PROBLEMS: usize = 10;

/// Sources are read in chunks of this many consecutive ones; reader threads take turns.
pub const CHUNK_SOURCES: usize = 64;

/// How many threads read and check inputs: one per core, at most 4.
pub fn reader_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
}

/// Widest columns shown, so one long file name does not push every line right.
const MAX_WIDTHS: Widths = Widths {
    label: 48,
    event: 32,
    id: 30,
};

/// Column widths for aligned output, measured while checking.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Widths {
    pub label: usize,
    pub event: usize,
    pub id: usize,
}

impl Widths {
    fn fit(&mut self, payload: &Payload) {
        let label = payload.origin.label().chars().count();
        self.label = self.label.max(label.min(MAX_WIDTHS.label));
        self.event = self
            .event
            .max(payload.event.chars().count().min(MAX_WIDTHS.event));
        self.id = self.id.max(payload.id.chars().count().min(MAX_WIDTHS.id));
    }
}

/// What the check found: how many payloads, and how wide their columns are.
#[derive(Debug, Clone, Copy, Default)]
pub struct Inventory {
    pub payloads: u64,
    pub widths: Widths,
}

/// Inputs that cannot be sent, each as `file[:line]: problem`.
#[derive(Debug, Default)]
pub struct BadInputs {
    pub problems: Vec<String>,
    /// True when the check stopped early because the list was full.
    pub truncated: bool,
}

impl BadInputs {
    pub(super) fn push(&mut self, problem: String) -> ControlFlow<()> {
        self.problems.push(problem);
        if self.problems.len() >= MAX_PROBLEMS {
            self.truncated = true;
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    }

    /// One message listing every problem found.
    pub fn message(&self) -> String {
        let mut message = match self.problems.as_slice() {
            [one] => format!("bad input, nothing was sent: {one}"),
            many => format!(
                "{} bad inputs, nothing was sent:\n  {}",
                many.len(),
                many.join("\n  ")
            ),
        };
        if self.truncated {
            message.push_str(&format!("\n  (stopped looking after {MAX_PROBLEMS})"));
        }
        message
    }
}

/// Every source of a run, with the rules payloads are checked against.
#[derive(Debug)]
pub struct Inputs {
    sources: Vec<Source>,
    rules: Rules,
    /// Per chunk, the payloads the check kept for sending (see [`KEEP_BUDGET`]).
    kept: Vec<Mutex<Option<Vec<Payload>>>>,
    kept_bytes: AtomicUsize,
}

impl Inputs {
    /// Expand paths into sources: files as given, folders walked, `-` spooled from stdin.
    /// Blocking (it reads directories and stdin).
    pub fn open(paths: &[PathBuf], rules: Rules) -> Result<Inputs, BadInputs> {
        let mut bad = BadInputs::default();
        let sources = sources::expand(paths, &mut bad);
        if bad.problems.is_empty() {
            let kept = (0..sources.len().div_ceil(CHUNK_SOURCES))
                .map(|_| Mutex::new(None))
                .collect();
            Ok(Inputs {
                sources,
                rules,
                kept,
                kept_bytes: AtomicUsize::new(0),
            })
        } else {
            Err(bad)
        }
    }

    /// How many chunks the sources fall into (see [`CHUNK_SOURCES`]).
    pub fn chunks(&self) -> usize {
        self.sources.len().div_ceil(CHUNK_SOURCES)
    }

    /// Read every payload and check it (and that its headers can be built) without sending,
    /// on up to `threads` threads, each taking every `threads`-th chunk.
    pub fn check(&self, plan: &HeaderPlan, threads: usize) -> Result<Inventory, BadInputs> {
        let threads = threads.clamp(1, self.chunks().max(1));
        let found = AtomicUsize::new(0);
        let parts: Vec<(Inventory, Vec<(usize, String)>)> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads)
                .map(|first| {
                    let found = &found;
                    scope.spawn(move || self.check_part(plan, first, threads, found))
                })
                .collect();
            handles
                .into_iter()
                .map(|handle| handle.join().unwrap_or_default())
                .collect()
        });
        let mut inventory = Inventory::default();
        let mut problems = Vec::new();
        for (part, part_problems) in parts {
            inventory.payloads += part.payloads;
            inventory.widths.label = inventory.widths.label.max(part.widths.label);
            inventory.widths.event = inventory.widths.event.max(part.widths.event);
            inventory.widths.id = inventory.widths.id.max(part.widths.id);
            problems.extend(part_problems);
        }
        // Input order: by chunk, then as found within it (the sort is stable).
        problems.sort_by_key(|(chunk, _)| *chunk);
        let mut bad = BadInputs::default();
        for (_, problem) in problems {
            if bad.push(problem).is_break() {
                break;
            }
        }
        if !bad.problems.is_empty() {
            return Err(bad);
        }
        if inventory.payloads == 0 {
            let _ = bad.push("no payloads found in the inputs".into());
            return Err(bad);
        }
        Ok(inventory)
    }

    fn check_part(
        &self,
        plan: &HeaderPlan,
        first: usize,
        step: usize,
        found: &AtomicUsize,
    ) -> (Inventory, Vec<(usize, String)>) {
        let mut inventory = Inventory::default();
        let mut problems = Vec::new();
        for chunk in (first..self.chunks()).step_by(step) {
            // Keep this chunk's payloads while the budget allows; give the room back if it does not.
            let mut keep: Option<(Vec<Payload>, usize)> = Some((Vec::new(), 0));
            let budget = &self.kept_bytes;
            let mut keep_one = |payload: &Payload| {
                if payload.origin.line.is_some()
                    && let Some((_, reserved)) = keep.take()
                {
                    budget.fetch_sub(reserved, Ordering::Relaxed);
                }
                if let Some((payloads, reserved)) = keep.as_mut() {
                    let size = kept_size(payload);
                    if budget.fetch_add(size, Ordering::Relaxed) + size <= KEEP_BUDGET {
                        *reserved += size;
                        payloads.push(payload.clone());
                    } else {
                        budget.fetch_sub(size + *reserved, Ordering::Relaxed);
                        keep = None;
                    }
                }
            };
            let mut problem = |text: String| {
                problems.push((chunk, text));
                if found.fetch_add(1, Ordering::Relaxed) + 1 >= MAX_PROBLEMS {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            };
            let flow = self.visit_chunk(chunk, &mut |item| match item {
                Ok(payload) => {
                    inventory.widths.fit(&payload);
                    keep_one(&payload);
                    let label = payload.origin.clone();
                    match delivery::check(plan, payload) {
                        Ok(()) => {
                            inventory.payloads += 1;
                            ControlFlow::Continue(())
                        }
                        Err(text) => problem(format!("{}: {text}", label.label())),
                    }
                }
                Err(text) => problem(text),
            });
            if flow.is_break() || found.load(Ordering::Relaxed) >= MAX_PROBLEMS {
                break;
            }
            if let Some((payloads, _)) = keep
                && let Ok(mut slot) = self.kept[chunk].lock()
            {
                *slot = Some(payloads);
            }
        }
        (inventory, problems)
    }

    /// Stream the payloads of one chunk to `each`, in input order, until it breaks. An input
    /// that fails now (it changed since it was checked) ends the stream with that problem.
    pub fn read_chunk(
        &self,
        chunk: usize,
        mut each: impl FnMut(Payload) -> ControlFlow<()>,
    ) -> Result<ControlFlow<()>, String> {
        let kept = self
            .kept
            .get(chunk)
            .and_then(|slot| slot.lock().ok()?.take());
        if let Some(payloads) = kept {
            for payload in payloads {
                if each(payload).is_break() {
                    return Ok(ControlFlow::Break(()));
                }
            }
            return Ok(ControlFlow::Continue(()));
        }
        let mut failure = None;
        let flow = self.visit_chunk(chunk, &mut |item| match item {
            Ok(payload) => each(payload),
            Err(problem) => {
                failure = Some(format!("{problem} (it changed since it was checked)"));
                ControlFlow::Break(())
            }
        });
        failure.map_or(Ok(flow), Err)
    }

    /// Stream every payload of every chunk, in input order (one thread; see [`read_chunk`]).
    ///
    /// [`read_chunk`]: Inputs::read_chunk
    pub fn read(&self, mut each: impl FnMut(Payload) -> ControlFlow<()>) -> Result<(), String> {
        for chunk in 0..self.chunks() {
            if self.read_chunk(chunk, &mut each)?.is_break() {
                break;
            }
        }
        Ok(())
    }

    fn visit_chunk(
        &self,
        chunk: usize,
        f: &mut dyn FnMut(Result<Payload, String>) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        let mut scratch = Scratch::default();
        let start = chunk * CHUNK_SOURCES;
        let end = (start + CHUNK_SOURCES).min(self.sources.len());
        for source in self.sources.get(start..end).unwrap_or_default() {
            let flow = match source.kind {
                Kind::Document => self.visit_document(source, &mut scratch, f),
                Kind::Lines => self.visit_lines(source, f),
            };
            if flow.is_break() {
                return flow;
            }
        }
        ControlFlow::Continue(())
    }

    fn visit_document(
        &self,
        source: &Source,
        scratch: &mut Scratch,
        f: &mut dyn FnMut(Result<Payload, String>) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        let origin = Origin {
            file: source.name(),
            line: None,
        };
        if let Err(err) = source.open().and_then(|mut r| read_all(&mut r, scratch)) {
            return f(Err(format!("{}: cannot read: {err}", origin.label())));
        }
        f(parse::payload(
            origin.clone(),
            Bytes::copy_from_slice(scratch.bytes()),
            self.rules,
        )
        .map_err(|e| format!("{}: {e}", origin.label())))
    }

    fn visit_lines(
        &self,
        source: &Source,
        f: &mut dyn FnMut(Result<Payload, String>) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        let name = source.name();
        let origin = |line| Origin {
            file: name.clone(),
            line,
        };
        let mut lines = match source.open() {
            Ok(reader) => Lines::new(reader),
            Err(err) => return f(Err(format!("{}: cannot read: {err}", origin(None).label()))),
        };
        let mut number = 0u64;
        loop {
            number += 1;
            let line = match lines.next_line() {
                Ok(Some(line)) => line,
                Ok(None) => return ControlFlow::Continue(()),
                Err(err) => {
                    let label = origin(Some(number)).label();
                    return f(Err(format!("{label}: cannot read: {err}")));
                }
            };
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let item = parse::payload(origin(Some(number)), line, self.rules)
                .map_err(|e| format!("{}: {e}", origin(Some(number)).label()));
            if f(item).is_break() {
                return ControlFlow::Break(());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    const RULES: Rules = Rules {
        allow_unknown: false,
    };

    fn plan() -> HeaderPlan {
        HeaderPlan {
            secret: None,
            tamper: false,
            legacy: false,
            custom: Vec::new(),
        }
    }

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }

    fn labels(inputs: &Inputs) -> Vec<String> {
        let mut out = Vec::new();
        inputs
            .read(|p| {
                out.push(p.origin.label());
                ControlFlow::Continue(())
            })
            .unwrap();
        out
    }

    const ONE: &str = r#"{"event":"post.failed","id":"evt_1"}"#;

    #[test]
    fn folders_walk_in_name_order_and_skip_others() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "b.json", ONE);
        write(root, "a/2.json", ONE);
        write(root, "a/10.json", ONE);
        write(root, "a/sub/x.jsonl", &format!("{ONE}\n\n{ONE}\r\n"));
        write(root, "README.md", "not a payload");
        write(root, ".hidden.json", "not even json");
        write(root, "a/.tmp.json.tmp", "partial");
        let inputs = Inputs::open(&[root.to_path_buf()], RULES).unwrap();
        let root = root.display();
        assert_eq!(
            labels(&inputs),
            [
                format!("{root}/a/10.json"),
                format!("{root}/a/2.json"),
                format!("{root}/a/sub/x.jsonl:1"),
                format!("{root}/a/sub/x.jsonl:3"),
                format!("{root}/b.json"),
            ]
        );
        let inventory = inputs.check(&plan(), 2).unwrap();
        assert_eq!(inventory.payloads, 5);
        assert_eq!(inventory.widths.event, "post.failed".len());
    }

    #[test]
    fn lines_are_sent_without_their_ending() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "x.ndjson", &format!("{ONE}\r\n{ONE}"));
        let inputs = Inputs::open(&[path], RULES).unwrap();
        let mut bodies = Vec::new();
        inputs
            .read(|p| {
                bodies.push(p.body);
                ControlFlow::Continue(())
            })
            .unwrap();
        assert_eq!(bodies, [ONE.as_bytes(), ONE.as_bytes()]);
    }

    #[test]
    fn problems_name_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let good = write(dir.path(), "good.json", ONE);
        let lines = write(
            dir.path(),
            "x.ndjson",
            &format!("{ONE}\n{{\"event\":\"post.failed\"}}\noops\n"),
        );
        let inputs = Inputs::open(&[good, lines.clone()], RULES).unwrap();
        let bad = inputs.check(&plan(), 2).unwrap_err();
        let name = lines.display();
        assert_eq!(
            bad.problems,
            [
                format!("{name}:2: no `id` field"),
                format!("{name}:3: invalid JSON: expected value at line 1 column 1"),
            ]
        );
        assert!(bad.message().starts_with("2 bad inputs, nothing was sent:"));
        let missing = Inputs::open(&[dir.path().join("nope.json")], RULES).unwrap_err();
        assert!(missing.message().contains("nope.json: cannot read:"));
        let empty = tempfile::tempdir().unwrap();
        let none = Inputs::open(&[empty.path().to_path_buf()], RULES).unwrap_err();
        assert!(none.message().contains("no .json, .ndjson or .jsonl files"));
    }

    #[test]
    fn the_check_stops_after_ten_problems() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "x.jsonl", &"nope\n".repeat(50));
        let bad = Inputs::open(&[path], RULES)
            .unwrap()
            .check(&plan(), 2)
            .unwrap_err();
        assert_eq!(bad.problems.len(), MAX_PROBLEMS);
        assert!(bad.message().ends_with("(stopped looking after 10)"));
    }
}
