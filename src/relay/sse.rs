//! Server-Sent Events framing: encode events, and parse a byte stream back into events.
//!
//! The framing is a small line protocol (`event:`, `id:`, `data:`, blank line); the parser is
//! incremental so it can be fed network chunks as they arrive. Hand-written rather than a crate:
//! it is a few dozen lines, and the SSE crates bring a parser-combinator stack and a stream
//! abstraction we do not otherwise need.

use bytes::Bytes;

/// Encode one event. `data` may contain newlines; each line becomes its own `data:` field.
pub fn encode(event: Option<&str>, id: Option<u64>, data: &str) -> Bytes {
    let mut out = String::with_capacity(data.len() + 32);
    if let Some(event) = event {
        out.push_str("event: ");
        out.push_str(event);
        out.push('\n');
    }
    if let Some(id) = id {
        out.push_str(&format!("id: {id}\n"));
    }
    for line in data.split('\n') {
        out.push_str("data: ");
        out.push_str(line);
        out.push('\n');
    }
    out.push('\n');
    Bytes::from(out)
}

/// One parsed event.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Event {
    /// The `event:` field, or `message` when absent.
    pub event: String,
    pub id: Option<String>,
    pub data: String,
}

/// An incremental parser: feed it bytes, get complete events.
#[derive(Debug, Default)]
pub struct Parser {
    buffer: Vec<u8>,
    current: Event,
    has_data: bool,
    /// Most bytes one event may take (a guard against a stream that never ends an event).
    limit: usize,
}

impl Parser {
    pub fn new(limit: usize) -> Self {
        Parser {
            limit,
            ..Parser::default()
        }
    }

    /// Feed a chunk; returns the events it completed. Errors when one event exceeds the limit.
    pub fn push(&mut self, chunk: &[u8]) -> Result<Vec<Event>, String> {
        self.buffer.extend_from_slice(chunk);
        let mut events = Vec::new();
        let mut start = 0;
        while let Some(offset) = self.buffer[start..].iter().position(|&b| b == b'\n') {
            let end = start + offset;
            let mut line = &self.buffer[start..end];
            if line.last() == Some(&b'\r') {
                line = &line[..line.len() - 1];
            }
            let line = String::from_utf8_lossy(line).into_owned();
            start = end + 1;
            if line.is_empty() {
                if self.has_data || !self.current.event.is_empty() {
                    let mut event = std::mem::take(&mut self.current);
                    if event.event.is_empty() {
                        event.event = "message".into();
                    }
                    events.push(event);
                }
                self.has_data = false;
                continue;
            }
            if line.starts_with(':') {
                continue;
            }
            let (field, value) = match line.split_once(':') {
                Some((field, value)) => (
                    field.to_string(),
                    value.strip_prefix(' ').unwrap_or(value).to_string(),
                ),
                None => (line.clone(), String::new()),
            };
            match field.as_str() {
                "event" => self.current.event = value,
                "id" => self.current.id = Some(value),
                "data" => {
                    if self.has_data {
                        self.current.data.push('\n');
                    }
                    self.current.data.push_str(&value);
                    self.has_data = true;
                }
                _ => {}
            }
        }
        self.buffer.drain(..start);
        if self.limit > 0 && self.buffer.len() + self.current.data.len() > self.limit {
            return Err(format!(
                "an event stream message exceeded {} bytes",
                self.limit
            ));
        }
        Ok(events)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_and_parses_across_chunk_boundaries() {
        let mut wire = Vec::new();
        wire.extend_from_slice(&encode(Some("ready"), None, "{}"));
        wire.extend_from_slice(b": a comment\n\n");
        wire.extend_from_slice(&encode(None, Some(7), "line one\nline two"));
        wire.extend_from_slice(&encode(Some("delivery"), Some(8), "{\"a\":1}"));
        let mut parser = Parser::new(1 << 20);
        let mut events = Vec::new();
        for chunk in wire.chunks(5) {
            events.extend(parser.push(chunk).unwrap());
        }
        assert_eq!(events.len(), 3);
        assert_eq!(
            events[0],
            Event {
                event: "ready".into(),
                id: None,
                data: "{}".into()
            }
        );
        assert_eq!(
            events[1],
            Event {
                event: "message".into(),
                id: Some("7".into()),
                data: "line one\nline two".into()
            }
        );
        assert_eq!(events[2].event, "delivery");
        assert_eq!(events[2].id.as_deref(), Some("8"));
    }

    #[test]
    fn crlf_and_limits() {
        let mut parser = Parser::new(16);
        assert_eq!(parser.push(b"data: hi\r\n\r\n").unwrap()[0].data, "hi");
        assert!(parser.push(&[b'x'; 64]).is_err());
    }
}
