//! Turning `replay`'s paths into sources: files as given (NDJSON by extension), folders walked
//! recursively in name order, and `-` copied from stdin to a private spool file (unlinked at once
//! on Unix) so it can be read twice, once to check and once to send.

use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::io::{self, BufReader, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::send::input::BadInputs;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// One JSON document: a capture or a payload, sent byte for byte.
    Document,
    /// One payload per line (NDJSON), each sent without its line ending.
    Lines,
}

/// Where a source is. A folder's files share the folder's path, so a long list costs little
/// more than the file names.
#[derive(Debug)]
enum Location {
    Path(PathBuf),
    Entry { dir: Arc<Path>, name: Box<OsStr> },
    Spool(Spool),
}

#[derive(Debug)]
pub(super) struct Source {
    location: Location,
    pub(super) kind: Kind,
}

/// Expand paths into sources, noting every path that cannot be used.
pub(super) fn expand(paths: &[PathBuf], bad: &mut BadInputs) -> Vec<Source> {
    let mut sources = Vec::new();
    let mut stdin_seen = false;
    for path in paths {
        if path == Path::new("-") {
            if stdin_seen {
                let _ = bad.push("`-` (stdin) is given more than once".into());
                continue;
            }
            stdin_seen = true;
            match stdin_source() {
                Ok(source) => sources.push(source),
                Err(err) => {
                    let _ = bad.push(format!("stdin: cannot read: {err}"));
                }
            }
            continue;
        }
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let before = sources.len();
                walk(path, &mut sources, bad);
                if sources.len() == before && bad.problems.is_empty() {
                    let _ = bad.push(format!(
                        "{}: no .json, .ndjson or .jsonl files in this folder",
                        path.display()
                    ));
                }
            }
            Ok(_) => sources.push(file_source(path.clone())),
            Err(err) => {
                let _ = bad.push(format!("{}: cannot read: {err}", path.display()));
            }
        }
    }
    sources
}

impl Source {
    /// The source as shown: the path as given or found, `-` for stdin.
    pub(super) fn name(&self) -> Arc<str> {
        match &self.location {
            Location::Path(path) => Arc::from(path.display().to_string()),
            Location::Entry { dir, name } => Arc::from(dir.join(&**name).display().to_string()),
            Location::Spool(_) => Arc::from("-"),
        }
    }

    pub(super) fn open(&self) -> io::Result<Box<dyn Read + '_>> {
        match &self.location {
            Location::Path(path) => Ok(Box::new(File::open(path)?)),
            Location::Entry { dir, name } => Ok(Box::new(File::open(dir.join(&**name))?)),
            Location::Spool(spool) => {
                let mut file = spool.file.try_clone()?;
                file.rewind()?;
                Ok(Box::new(file))
            }
        }
    }
}

/// A file named on the command line: NDJSON by its extension, otherwise one document.
fn file_source(path: PathBuf) -> Source {
    Source {
        kind: kind_of(&path),
        location: Location::Path(path),
    }
}

fn kind_of(path: &Path) -> Kind {
    if is_ndjson(path) {
        Kind::Lines
    } else {
        Kind::Document
    }
}

fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

fn is_ndjson(path: &Path) -> bool {
    matches!(extension(path).as_str(), "ndjson" | "jsonl")
}

/// Walk a folder in name order, recursively: `.json`, `.ndjson` and `.jsonl` files, hidden entries
/// skipped, symlinks to files followed, symlinks to folders not (no loops).
fn walk(dir: &Path, sources: &mut Vec<Source>, bad: &mut BadInputs) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            let _ = bad.push(format!("{}: cannot read: {err}", dir.display()));
            return;
        }
    };
    let mut listed: Vec<(OsString, std::fs::FileType)> = Vec::new();
    for entry in entries {
        match entry.and_then(|e| Ok((e.file_name(), e.file_type()?))) {
            Ok(found) => listed.push(found),
            Err(err) => {
                let _ = bad.push(format!("{}: cannot read: {err}", dir.display()));
                return;
            }
        }
    }
    listed.sort_by(|a, b| a.0.cmp(&b.0));
    let shared: Arc<Path> = Arc::from(dir);
    for (name, kind) in listed {
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let path = dir.join(&name);
        if kind.is_dir() {
            walk(&path, sources, bad);
            continue;
        }
        let is_file = if kind.is_symlink() {
            std::fs::metadata(&path).is_ok_and(|m| m.is_file())
        } else {
            kind.is_file()
        };
        if is_file && matches!(extension(&path).as_str(), "json" | "ndjson" | "jsonl") {
            sources.push(Source {
                kind: kind_of(&path),
                location: Location::Entry {
                    dir: shared.clone(),
                    name: name.into_boxed_os_str(),
                },
            });
        }
    }
}

/// Stdin, copied to a spool file so it can be read twice; one JSON document when it holds
/// exactly one value (sent byte for byte, like `sign -`), otherwise NDJSON.
fn stdin_source() -> io::Result<Source> {
    let spool = Spool::create()?;
    {
        let mut writer = io::BufWriter::new(&spool.file);
        io::copy(&mut io::stdin().lock(), &mut writer)?;
        writer.flush()?;
    }
    let mut file = spool.file.try_clone()?;
    file.rewind()?;
    let mut values = serde_json::Deserializer::from_reader(BufReader::new(file))
        .into_iter::<serde::de::IgnoredAny>();
    let kind = match (values.next(), values.next()) {
        (Some(Ok(_)), Some(_)) => Kind::Lines,
        _ => Kind::Document,
    };
    Ok(Source {
        location: Location::Spool(spool),
        kind,
    })
}

/// A private temporary file; on Unix it is unlinked at once, so it vanishes with the process.
#[derive(Debug)]
struct Spool {
    file: File,
    path: Option<PathBuf>,
}

impl Spool {
    fn create() -> io::Result<Spool> {
        let dir = std::env::temp_dir();
        loop {
            let mut random = [0u8; 8];
            let _ = getrandom::fill(&mut random);
            let path = dir.join(format!(
                "zernio-hooks-stdin-{}-{}.spool",
                std::process::id(),
                hex::encode(random)
            ));
            let mut options = std::fs::OpenOptions::new();
            options.read(true).write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            match options.open(&path) {
                Ok(file) => {
                    let keep = if cfg!(unix) {
                        std::fs::remove_file(&path).err().map(|_| path)
                    } else {
                        Some(path)
                    };
                    return Ok(Spool { file, path: keep });
                }
                Err(err) if err.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(err) => return Err(err),
            }
        }
    }
}

impl Drop for Spool {
    fn drop(&mut self) {
        if let Some(path) = &self.path {
            let _ = std::fs::remove_file(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spools_are_private_and_rereadable() {
        let spool = Spool::create().unwrap();
        (&spool.file).write_all(b"hello").unwrap();
        let source = Source {
            location: Location::Spool(spool),
            kind: Kind::Document,
        };
        for _ in 0..2 {
            let mut text = String::new();
            source.open().unwrap().read_to_string(&mut text).unwrap();
            assert_eq!(text, "hello");
        }
    }
}
