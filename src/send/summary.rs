//! The end of a run: counts kept flat in the number of deliveries, shown to people as a summary
//! or to scripts as the JSON Lines `summary`. Pure: the caller passes the elapsed time.

use std::time::Duration;

use serde_json::{Value, json};

use crate::output::{Paint, millis, sanitize};
use crate::send::verdict::Outcome;

/// What the run was asked to do, as shown in the summary.
#[derive(Debug, Clone)]
pub struct Run {
    /// The endpoint, password masked.
    pub url: String,
    /// `2xx`, `401 or 403`, ...
    pub expected: String,
    pub timeout: Duration,
}

/// Counts over a run.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    pub planned: u64,
    pub done: u64,
    pub ok: u64,
    pub failed: u64,
    pub attempts: u64,
    pub latency_total: Duration,
    pub latency_max: Duration,
}

impl Stats {
    pub fn new(planned: u64) -> Self {
        Stats {
            planned,
            ..Stats::default()
        }
    }

    /// Count one finished delivery; its latency is that of the attempt that decided it.
    pub fn record(&mut self, outcome: &Outcome) {
        self.done += 1;
        self.attempts += outcome.attempts.len() as u64;
        if outcome.judgement.met {
            self.ok += 1;
        } else {
            self.failed += 1;
        }
        if let Some(last) = outcome.last() {
            self.latency_total += last.latency;
            self.latency_max = self.latency_max.max(last.latency);
        }
    }

    fn average(&self) -> Duration {
        match u32::try_from(self.done) {
            Ok(0) => Duration::ZERO,
            Ok(done) => self.latency_total / done,
            Err(_) => Duration::from_secs_f64(self.latency_total.as_secs_f64() / self.done as f64),
        }
    }

    pub fn to_json(&self, run: &Run, elapsed: Duration, interrupted: bool) -> Value {
        json!({
            "type": "summary",
            "url": run.url,
            "deliveries": self.done,
            "planned": self.planned,
            "ok": self.ok,
            "failed": self.failed,
            "attempts": self.attempts,
            "expected": run.expected,
            "timeout_ms": run.timeout.as_millis() as u64,
            "elapsed_ms": round(elapsed.as_secs_f64() * 1000.0),
            "per_second": round(per_second(self.done, elapsed)),
            "latency_ms": {
                "avg": round(self.average().as_secs_f64() * 1000.0),
                "max": round(self.latency_max.as_secs_f64() * 1000.0),
            },
            "interrupted": interrupted,
        })
    }

    /// The summary for people (starts with a blank line, ends with a newline).
    pub fn render(&self, run: &Run, paint: Paint, elapsed: Duration, interrupted: bool) -> String {
        let failed = format!("{} did not", self.failed);
        let failed = if self.failed > 0 {
            paint.red(&failed)
        } else {
            failed
        };
        let mut text = format!(
            "\n{} {} to {}: {} met the expectation ({} within {}), {failed}\n",
            paint.bold("Summary:"),
            plural(self.done, "delivery", "deliveries"),
            sanitize::line(&run.url),
            paint.green(&self.ok.to_string()),
            run.expected,
            humantime::format_duration(run.timeout),
        );
        text.push_str(&format!(
            "  {} in {} ({:.1} deliveries/s); latency avg {}, max {}\n",
            plural(self.attempts, "attempt", "attempts"),
            millis(elapsed.as_secs_f64() * 1000.0),
            per_second(self.done, elapsed),
            millis(self.average().as_secs_f64() * 1000.0),
            millis(self.latency_max.as_secs_f64() * 1000.0),
        ));
        if interrupted {
            let message = format!(
                "interrupted: {} of {} deliveries were not completed",
                self.planned - self.done,
                self.planned
            );
            text.push_str(&format!("  {}\n", paint.yellow(&message)));
        }
        text
    }
}

/// `1 delivery`, `2 deliveries`.
pub fn plural(count: u64, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

fn per_second(count: u64, elapsed: Duration) -> f64 {
    let secs = elapsed.as_secs_f64();
    if secs > 0.0 { count as f64 / secs } else { 0.0 }
}

/// Milliseconds and rates in JSON: three decimals are plenty.
pub fn round(value: f64) -> f64 {
    (value * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::send::verdict::{Attempt, Judgement};

    fn outcome(met: bool, attempts: u32, latency_ms: u64) -> Outcome {
        let attempt = |number| Attempt {
            number,
            status: Some(if met { 200 } else { 500 }),
            latency: Duration::from_millis(latency_ms),
            problem: None,
            response: String::new(),
        };
        Outcome {
            attempts: (1..=attempts).map(attempt).collect(),
            judgement: Judgement {
                met,
                reason: String::new(),
            },
            max_attempts: attempts,
        }
    }

    fn run() -> Run {
        Run {
            url: "http://127.0.0.1:3000/hook".into(),
            expected: "2xx".into(),
            timeout: Duration::from_secs(5),
        }
    }

    #[test]
    fn renders_exact_text() {
        let mut stats = Stats::new(3);
        stats.record(&outcome(true, 1, 10));
        stats.record(&outcome(false, 2, 30));
        let text = stats.render(&run(), Paint { on: false }, Duration::from_secs(2), true);
        assert_eq!(
            text,
            "\nSummary: 2 deliveries to http://127.0.0.1:3000/hook: 1 met the expectation (2xx within 5s), 1 did not\n  \
             3 attempts in 2.00 s (1.0 deliveries/s); latency avg 20 ms, max 30 ms\n  \
             interrupted: 1 of 3 deliveries were not completed\n"
        );
        let one = {
            let mut stats = Stats::new(1);
            stats.record(&outcome(true, 1, 1));
            stats
        };
        assert!(
            one.render(&run(), Paint { on: false }, Duration::from_millis(4), false)
                .starts_with("\nSummary: 1 delivery to ")
        );
    }

    #[test]
    fn json_counts() {
        let mut stats = Stats::new(2);
        stats.record(&outcome(true, 3, 4));
        let value = stats.to_json(&run(), Duration::from_millis(1500), false);
        assert_eq!(value["deliveries"], 1);
        assert_eq!(value["planned"], 2);
        assert_eq!(value["attempts"], 3);
        assert_eq!(value["per_second"], 0.667);
        assert_eq!(value["latency_ms"]["avg"], 4.0);
        assert_eq!(
            Stats::new(0).to_json(&run(), Duration::ZERO, false)["per_second"],
            0.0
        );
    }
}
