//! Make untrusted text (webhook bodies and headers) safe for a terminal.
//!
//! Control characters, bidirectional overrides and zero-width characters are escaped so a payload
//! cannot move the cursor, recolour the terminal, hide text or reorder what the reader sees.
//! Pipes and JSON output get the bytes unchanged; only text bound for a person passes through here.

use std::borrow::Cow;

/// Escape everything unsafe, newlines included (for one-line fields).
pub fn line(text: &str) -> Cow<'_, str> {
    escape(text, false)
}

/// Escape everything unsafe but keep newlines (for multi-line blocks such as pretty JSON).
pub fn block(text: &str) -> Cow<'_, str> {
    escape(text, true)
}

fn escape(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    if !text.chars().any(|c| is_unsafe(c, keep_newlines)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if !is_unsafe(c, keep_newlines) {
            out.push(c);
            continue;
        }
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            _ => out.push_str(&format!("\\u{{{:04x}}}", c as u32)),
        }
    }
    Cow::Owned(out)
}

fn is_unsafe(c: char, keep_newlines: bool) -> bool {
    if c == '\n' {
        return !keep_newlines;
    }
    c.is_control() || is_bidi(c) || is_invisible(c)
}

fn is_bidi(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00ad}' | '\u{200b}'..='\u{200d}' | '\u{2060}'..='\u{2064}' | '\u{feff}')
}

/// Cut text to at most `max` characters, marking the cut with `…`.
pub fn excerpt(text: &str, max: usize) -> Cow<'_, str> {
    if text.chars().count() <= max {
        return Cow::Borrowed(text);
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    Cow::Owned(format!("{cut}…"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(line("héllo wörld 👋"), Cow::Borrowed(_)));
    }

    #[test]
    fn escapes_terminal_tricks() {
        assert_eq!(line("a\x1b[31mred"), "a\\u{001b}[31mred");
        assert_eq!(line("x\u{202e}gnp.exe"), "x\\u{202e}gnp.exe");
        assert_eq!(line("zero\u{200b}width"), "zero\\u{200b}width");
        assert_eq!(line("two\nlines\t"), "two\\nlines\\t");
        assert_eq!(line("bell\x07\u{9b}"), "bell\\u{0007}\\u{009b}");
        assert_eq!(block("two\nlines\x1b"), "two\nlines\\u{001b}");
    }

    #[test]
    fn excerpts() {
        assert_eq!(excerpt("hello", 10), "hello");
        assert_eq!(excerpt("hello world", 6), "hello…");
    }
}
