//! `replay`'s inputs, streamed twice: once to check every payload before anything is sent, once
//! to send. A file is never held in memory whole unless it is one JSON document; NDJSON is read a
//! line at a time. Turning paths into sources (folders, stdin) is [`sources`](super::sources).

use std::io::{BufRead, BufReader, Read};
use std::ops::ControlFlow;
use std::path::PathBuf;

use bytes::Bytes;

use crate::send::delivery::{self, HeaderPlan, Origin, Payload};
use crate::send::parse::{self, Rules};
use crate::send::sources::{self, Kind, Source};

/// How many bad inputs are listed before the check stops looking.
const MAX_PROBLEMS: usize = 10;

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
}

impl Inputs {
    /// Expand paths into sources: files as given, folders walked, `-` spooled from stdin.
    /// Blocking (it reads directories and stdin).
    pub fn open(paths: &[PathBuf], rules: Rules) -> Result<Inputs, BadInputs> {
        let mut bad = BadInputs::default();
        let sources = sources::expand(paths, &mut bad);
        if bad.problems.is_empty() {
            Ok(Inputs { sources, rules })
        } else {
            Err(bad)
        }
    }

    /// Read every payload and check it (and that its headers can be built) without sending.
    pub fn check(&self, plan: &HeaderPlan) -> Result<Inventory, BadInputs> {
        let mut bad = BadInputs::default();
        let mut inventory = Inventory::default();
        self.visit(&mut |item| match item {
            Ok(payload) => {
                let label = payload.origin.label();
                inventory.widths.fit(&payload);
                match delivery::prepare(plan, payload) {
                    Ok(_) => {
                        inventory.payloads += 1;
                        ControlFlow::Continue(())
                    }
                    Err(problem) => bad.push(format!("{label}: {problem}")),
                }
            }
            Err(problem) => bad.push(problem),
        });
        if !bad.problems.is_empty() {
            return Err(bad);
        }
        if inventory.payloads == 0 {
            let _ = bad.push("no payloads found in the inputs".into());
            return Err(bad);
        }
        Ok(inventory)
    }

    /// Stream every payload to `each`, in input order, until it breaks. An input that fails now
    /// (it changed since it was checked) ends the stream with that problem.
    pub fn read(&self, mut each: impl FnMut(Payload) -> ControlFlow<()>) -> Result<(), String> {
        let mut failure = None;
        self.visit(&mut |item| match item {
            Ok(payload) => each(payload),
            Err(problem) => {
                failure = Some(format!("{problem} (it changed since it was checked)"));
                ControlFlow::Break(())
            }
        });
        failure.map_or(Ok(()), Err)
    }

    fn visit(&self, f: &mut dyn FnMut(Result<Payload, String>) -> ControlFlow<()>) {
        for source in &self.sources {
            let flow = match source.kind {
                Kind::Document => self.visit_document(source, f),
                Kind::Lines => self.visit_lines(source, f),
            };
            if flow.is_break() {
                return;
            }
        }
    }

    fn visit_document(
        &self,
        source: &Source,
        f: &mut dyn FnMut(Result<Payload, String>) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        let origin = Origin {
            file: source.name.clone(),
            line: None,
        };
        let label = origin.label();
        let mut bytes = Vec::new();
        if let Err(err) = source.open().and_then(|mut r| r.read_to_end(&mut bytes)) {
            return f(Err(format!("{label}: cannot read: {err}")));
        }
        f(parse::payload(origin, Bytes::from(bytes), self.rules)
            .map_err(|e| format!("{label}: {e}")))
    }

    fn visit_lines(
        &self,
        source: &Source,
        f: &mut dyn FnMut(Result<Payload, String>) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        let mut reader = match source.open() {
            Ok(reader) => BufReader::with_capacity(256 * 1024, reader),
            Err(err) => {
                let label = Origin {
                    file: source.name.clone(),
                    line: None,
                }
                .label();
                return f(Err(format!("{label}: cannot read: {err}")));
            }
        };
        let mut line = Vec::with_capacity(4096);
        let mut number = 0u64;
        loop {
            line.clear();
            number += 1;
            let origin = Origin {
                file: source.name.clone(),
                line: Some(number),
            };
            match reader.read_until(b'\n', &mut line) {
                Ok(0) => return ControlFlow::Continue(()),
                Ok(_) => {}
                Err(err) => {
                    return f(Err(format!("{}: cannot read: {err}", origin.label())));
                }
            }
            let end = line
                .strip_suffix(b"\n")
                .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
                .unwrap_or(&line);
            if end.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let label = origin.label();
            let item = parse::payload(origin, Bytes::copy_from_slice(end), self.rules)
                .map_err(|e| format!("{label}: {e}"));
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
        let inventory = inputs.check(&plan()).unwrap();
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
        let bad = inputs.check(&plan()).unwrap_err();
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
            .check(&plan())
            .unwrap_err();
        assert_eq!(bad.problems.len(), MAX_PROBLEMS);
        assert!(bad.message().ends_with("(stopped looking after 10)"));
    }
}
