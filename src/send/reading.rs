//! Reading bytes for `replay`: a whole small document into a reused buffer with as few system
//! calls as possible, and NDJSON lines cut out of a large shared buffer without copying.

use std::io::Read;

use bytes::{Bytes, BytesMut};

/// A reused read buffer: `data` stays initialised (it only grows), `len` bytes of it are the
/// current document, so reading a file costs no allocation or zeroing.
#[derive(Debug, Default)]
pub(super) struct Scratch {
    data: Vec<u8>,
    len: usize,
}

impl Scratch {
    pub(super) fn bytes(&self) -> &[u8] {
        &self.data[..self.len]
    }
}

/// Read a whole (small) document into the scratch buffer: read until the end, no more. (A
/// `File`'s own `read_to_end` asks for its size and position first, two system calls per file.)
pub(super) fn read_all(reader: &mut impl Read, scratch: &mut Scratch) -> std::io::Result<()> {
    scratch.len = 0;
    loop {
        if scratch.len == scratch.data.len() {
            let grown = (scratch.data.len() * 2).max(16 * 1024);
            scratch.data.resize(grown, 0);
        }
        match reader.read(&mut scratch.data[scratch.len..]) {
            Ok(0) => return Ok(()),
            Ok(read) => scratch.len += read,
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => {}
            Err(err) => return Err(err),
        }
    }
}

/// Lines of a stream, each without its `\n` or `\r\n`, cut out of a large shared buffer so
/// neither reading nor splitting copies a payload.
pub(super) struct Lines<R> {
    reader: R,
    buffer: BytesMut,
    /// Bytes of `buffer` already searched for a newline.
    searched: usize,
    done: bool,
}

impl<R: Read> Lines<R> {
    const CHUNK: usize = 256 * 1024;

    pub(super) fn new(reader: R) -> Self {
        Lines {
            reader,
            buffer: BytesMut::new(),
            searched: 0,
            done: false,
        }
    }

    pub(super) fn next_line(&mut self) -> std::io::Result<Option<Bytes>> {
        loop {
            if let Some(at) = self.buffer[self.searched..]
                .iter()
                .position(|&b| b == b'\n')
            {
                let mut line = self.buffer.split_to(self.searched + at + 1).freeze();
                self.searched = 0;
                line.truncate(line.len() - 1);
                if line.last() == Some(&b'\r') {
                    line.truncate(line.len() - 1);
                }
                return Ok(Some(line));
            }
            self.searched = self.buffer.len();
            if self.done {
                self.searched = 0;
                return Ok((!self.buffer.is_empty()).then(|| self.buffer.split().freeze()));
            }
            let filled = self.buffer.len();
            self.buffer.resize(filled + Self::CHUNK, 0);
            let read = loop {
                match self.reader.read(&mut self.buffer[filled..]) {
                    Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
                    other => break other,
                }
            };
            let read = read.inspect_err(|_| self.buffer.truncate(filled))?;
            self.buffer.truncate(filled + read);
            self.done = read == 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_split_across_reads_and_endings() {
        // A reader that hands out 3 bytes at a time, so lines straddle reads.
        struct Trickle<'a>(&'a [u8]);
        impl Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                let n = self.0.len().min(3).min(buf.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut lines = Lines::new(Trickle(b"first\r\nsecond line\n\nlast"));
        let mut seen = Vec::new();
        while let Some(line) = lines.next_line().unwrap() {
            seen.push(String::from_utf8(line.to_vec()).unwrap());
        }
        assert_eq!(seen, ["first", "second line", "", "last"]);

        let long = vec![b'x'; 40_000];
        let mut scratch = Scratch::default();
        read_all(&mut Trickle(b"stale and longer"), &mut scratch).unwrap();
        read_all(&mut Trickle(&long), &mut scratch).unwrap();
        assert_eq!(scratch.bytes(), long, "a whole document, across reads");
        read_all(&mut Trickle(b"short"), &mut scratch).unwrap();
        assert_eq!(scratch.bytes(), b"short", "nothing left of the one before");
    }
}
