//! Pure judgement of deliveries: what answer is expected, whether an attempt met it, and when the
//! next attempt is due (Zernio's retry schedule) or the next delivery may start (`--rate`).
//! Nothing here touches the network or the clock: attempts and times are passed in.

use std::time::Duration;

use crate::cli::{Expect, RetrySchedule};

/// What answer counts as a met expectation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expectation {
    /// Zernio's rule: any 2xx (within the timeout).
    Success,
    /// `--tamper` without `--expect`: the handler must refuse the forged signature with 401 or 403.
    Refused,
    /// `--expect CODE|Nxx`.
    Status(Expect),
}

impl Expectation {
    pub fn new(expect: Option<Expect>, tamper: bool) -> Self {
        match (expect, tamper) {
            (Some(expect), _) => Expectation::Status(expect),
            (None, true) => Expectation::Refused,
            (None, false) => Expectation::Success,
        }
    }

    pub fn matches(self, status: u16) -> bool {
        match self {
            Expectation::Success => (200..=299).contains(&status),
            Expectation::Refused => status == 401 || status == 403,
            Expectation::Status(expect) => expect.matches(status),
        }
    }

    /// `2xx`, `401 or 403`, `404`, `4xx`.
    pub fn describe(self) -> String {
        match self {
            Expectation::Success => "2xx".into(),
            Expectation::Refused => "401 or 403".into(),
            Expectation::Status(expect) => expect.to_string(),
        }
    }
}

/// Why an attempt got no (complete) answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// No complete answer within `--timeout`.
    Timeout(Duration),
    /// Connection refused, DNS failure, TLS error: the cause in one line.
    Connect(String),
    /// Anything else that broke the exchange (a reset connection, a malformed answer).
    Other(String),
}

impl Problem {
    /// A short machine label: timeout, connection or error.
    pub fn kind(&self) -> &'static str {
        match self {
            Problem::Timeout(_) => "timeout",
            Problem::Connect(_) => "connection",
            Problem::Other(_) => "error",
        }
    }

    pub fn explain(&self) -> String {
        match self {
            Problem::Timeout(limit) => format!(
                "no answer within {} (timed out)",
                humantime::format_duration(*limit)
            ),
            Problem::Connect(cause) | Problem::Other(cause) => cause.clone(),
        }
    }
}

/// What one attempt at a delivery got.
#[derive(Debug, Clone, PartialEq)]
pub struct Attempt {
    /// 1-based.
    pub number: u32,
    /// The answer's status, if one arrived (it may still be followed by a problem reading the body).
    pub status: Option<u16>,
    pub latency: Duration,
    pub problem: Option<Problem>,
    /// The start of the answer's body (lossy UTF-8, not sanitised).
    pub response: String,
}

/// Whether an attempt met the expectation, and if not, why, in one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judgement {
    pub met: bool,
    pub reason: String,
}

/// Judge one attempt: met only with a complete answer whose status the expectation accepts.
pub fn judge(expectation: Expectation, attempt: &Attempt) -> Judgement {
    if let Some(problem) = &attempt.problem {
        return Judgement {
            met: false,
            reason: problem.explain(),
        };
    }
    match attempt.status {
        Some(status) if expectation.matches(status) => Judgement {
            met: true,
            reason: "ok".into(),
        },
        Some(status) => Judgement {
            met: false,
            reason: format!("expected {}, got {status}", expectation.describe()),
        },
        None => Judgement {
            met: false,
            reason: "no answer".into(),
        },
    }
}

/// Everything one delivery went through: its attempts (the last one decided) and the verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub attempts: Vec<Attempt>,
    pub judgement: Judgement,
    pub max_attempts: u32,
}

impl Outcome {
    /// The attempt that decided the outcome.
    pub fn last(&self) -> Option<&Attempt> {
        self.attempts.last()
    }

    /// `ok`, or why not, with the attempt count when retries were allowed:
    /// `ok (attempt 3 of 7)`, `expected 2xx, got 500 (7 attempts)`.
    pub fn verdict(&self) -> String {
        let tries = self.attempts.len();
        match (self.max_attempts > 1, self.judgement.met) {
            (false, _) => self.judgement.reason.clone(),
            (true, true) => format!("ok (attempt {tries} of {})", self.max_attempts),
            (true, false) if tries == 1 => format!("{} (1 attempt)", self.judgement.reason),
            (true, false) => format!("{} ({tries} attempts)", self.judgement.reason),
        }
    }
}

/// When failed deliveries are tried again.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Schedule {
    attempts: u32,
    scale: f64,
}

/// Zernio's schedule: 7 attempts, the delay before attempt n being 10^(n-1) s, capped at 24 h.
const ZERNIO_ATTEMPTS: u32 = 7;
const ZERNIO_CAP_SECS: f64 = 24.0 * 60.0 * 60.0;

impl Schedule {
    /// One attempt, no retries.
    pub fn once() -> Self {
        Schedule {
            attempts: 1,
            scale: 1.0,
        }
    }

    pub fn new(retry: Option<RetrySchedule>, scale: f64) -> Self {
        match retry {
            None => Schedule::once(),
            Some(RetrySchedule::Zernio) => Schedule {
                attempts: ZERNIO_ATTEMPTS,
                scale,
            },
        }
    }

    pub fn max_attempts(self) -> u32 {
        self.attempts
    }

    /// The wait before attempt `n` (1-based; zero for the first), scaled.
    pub fn delay_before(self, n: u32) -> Duration {
        if n <= 1 {
            return Duration::ZERO;
        }
        let secs = 10f64.powi(n as i32 - 1).min(ZERNIO_CAP_SECS) * self.scale;
        Duration::try_from_secs_f64(secs).unwrap_or(Duration::MAX)
    }

    /// The sum of every delay: how long a delivery that always fails keeps trying.
    pub fn total(self) -> Duration {
        (2..=self.attempts).map(|n| self.delay_before(n)).sum()
    }
}

/// When delivery `k` (0-based) may start under `--rate`, counted from the start of the run.
pub fn pace(k: u64, rate: f64) -> Duration {
    Duration::try_from_secs_f64(k as f64 / rate).unwrap_or(Duration::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attempt(status: Option<u16>, problem: Option<Problem>) -> Attempt {
        Attempt {
            number: 1,
            status,
            latency: Duration::from_millis(3),
            problem,
            response: String::new(),
        }
    }

    #[test]
    fn zernio_schedule() {
        let schedule = Schedule::new(Some(RetrySchedule::Zernio), 1.0);
        assert_eq!(schedule.max_attempts(), 7);
        let delays: Vec<u64> = (1..=7)
            .map(|n| schedule.delay_before(n).as_secs())
            .collect();
        assert_eq!(delays, [0, 10, 100, 1000, 10_000, 86_400, 86_400]);
        // "about 51 h in all"
        assert_eq!(schedule.total().as_secs(), 183_910);
        assert_eq!(schedule.total().as_secs() / 3600, 51);
    }

    #[test]
    fn scaled_schedule() {
        let schedule = Schedule::new(Some(RetrySchedule::Zernio), 0.001);
        assert_eq!(schedule.delay_before(2), Duration::from_millis(10));
        assert_eq!(schedule.delay_before(7), Duration::from_millis(86_400));
        // "0.001 runs the whole schedule in about 3 minutes"
        assert_eq!(schedule.total().as_secs(), 183);
        let instant = Schedule::new(Some(RetrySchedule::Zernio), 0.0);
        assert_eq!(instant.total(), Duration::ZERO);
        assert_eq!(Schedule::new(None, 0.5).max_attempts(), 1);
    }

    #[test]
    fn expectations() {
        let success = Expectation::new(None, false);
        assert!(success.matches(200) && success.matches(204) && !success.matches(301));
        let refused = Expectation::new(None, true);
        assert_eq!(refused, Expectation::Refused);
        assert!(refused.matches(401) && refused.matches(403) && !refused.matches(400));
        assert_eq!(refused.describe(), "401 or 403");
        let explicit = Expectation::new(Some(Expect::Class(4)), true);
        assert!(explicit.matches(400));
        assert_eq!(explicit.describe(), "4xx");
        assert_eq!(
            Expectation::new(Some(Expect::Code(404)), false).describe(),
            "404"
        );
    }

    #[test]
    fn judging() {
        let success = Expectation::Success;
        assert_eq!(
            judge(success, &attempt(Some(200), None)),
            Judgement {
                met: true,
                reason: "ok".into()
            }
        );
        assert_eq!(
            judge(success, &attempt(Some(500), None)).reason,
            "expected 2xx, got 500"
        );
        let timeout = Problem::Timeout(Duration::from_secs(5));
        let judged = judge(success, &attempt(Some(200), Some(timeout.clone())));
        assert!(!judged.met, "a 2xx whose body did not arrive in time fails");
        assert_eq!(judged.reason, "no answer within 5s (timed out)");
        assert_eq!(timeout.kind(), "timeout");
        let refused = Problem::Connect("cannot connect: Connection refused".into());
        assert_eq!(
            judge(
                Expectation::Status(Expect::Class(5)),
                &attempt(None, Some(refused))
            )
            .reason,
            "cannot connect: Connection refused"
        );
    }

    #[test]
    fn verdicts_show_the_deciding_attempt() {
        let failed = Judgement {
            met: false,
            reason: "expected 2xx, got 500".into(),
        };
        let mut outcome = Outcome {
            attempts: vec![attempt(Some(500), None); 3],
            judgement: Judgement {
                met: true,
                reason: "ok".into(),
            },
            max_attempts: 7,
        };
        assert_eq!(outcome.verdict(), "ok (attempt 3 of 7)");
        outcome.judgement = failed.clone();
        assert_eq!(outcome.verdict(), "expected 2xx, got 500 (3 attempts)");
        outcome.max_attempts = 1;
        outcome.attempts.truncate(1);
        assert_eq!(outcome.verdict(), "expected 2xx, got 500");
    }

    #[test]
    fn pacing() {
        assert_eq!(pace(0, 50.0), Duration::ZERO);
        assert_eq!(pace(50, 50.0), Duration::from_secs(1));
        assert_eq!(pace(3, 2.0), Duration::from_millis(1500));
    }
}
