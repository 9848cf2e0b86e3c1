//! `--report FILE.xml`: a JUnit XML report that CI systems display, one test case per delivery.
//! A failure carries the status, latency and an excerpt of the answer; earlier failed attempts
//! of a retried delivery appear as flaky runs (it passed later) or reruns (it never did).
//! The file is created before anything is sent, so a bad path fails fast.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use quick_junit::{
    FlakyOrRerun, NonSuccessKind, Property, Report, TestCase, TestCaseStatus, TestRerun, TestSuite,
};

use crate::exit::Failure;
use crate::output::{millis, sanitize};
use crate::send::runner::Done;
use crate::send::verdict::Attempt;
use crate::send::{Settings, display_url};

/// How much of an answer's body a failure shows.
const EXCERPT_CHARS: usize = 500;

#[derive(Debug)]
pub struct Junit {
    path: PathBuf,
    file: File,
    suite: TestSuite,
    expected: String,
}

impl Junit {
    /// Create (or truncate) the report file now; it is written when the run ends.
    pub fn create(path: &Path, url: &reqwest::Url, settings: &Settings) -> anyhow::Result<Junit> {
        let file = File::create(path).map_err(|err| {
            Failure::usage(format!("--report: cannot create {}: {err}", path.display()))
        })?;
        let url = display_url(url);
        let mut suite = TestSuite::new(format!("zernio-hooks replay {url}"));
        let expected = settings.expectation.describe();
        suite.add_properties([
            Property::new("url", url),
            Property::new("expected", expected.clone()),
            Property::new(
                "timeout",
                humantime::format_duration(settings.timeout).to_string(),
            ),
            Property::new("max_attempts", settings.schedule.max_attempts().to_string()),
        ]);
        Ok(Junit {
            path: path.to_path_buf(),
            file,
            suite,
            expected,
        })
    }

    pub fn record(&mut self, label: &str, done: &Done) {
        self.suite
            .add_test_case(test_case(label, done, &self.expected));
    }

    pub fn write(mut self, elapsed: Duration) -> anyhow::Result<()> {
        self.suite.set_time(elapsed);
        let mut report = Report::new("zernio-hooks");
        report.set_time(elapsed);
        report.add_test_suite(self.suite);
        let mut out = BufWriter::new(self.file);
        report
            .serialize(&mut out)
            .map_err(anyhow::Error::from)
            .and_then(|()| out.flush().map_err(anyhow::Error::from))
            .map_err(|err| {
                anyhow::anyhow!("cannot write the report {}: {err:#}", self.path.display())
            })
    }
}

/// One delivery as a test case: classname the event type, name the input and event ID.
pub fn test_case(label: &str, done: &Done, expected: &str) -> TestCase {
    let outcome = &done.outcome;
    let (earlier, last) = match outcome.attempts.split_last() {
        Some((last, earlier)) => (earlier, Some(last)),
        None => (&[][..], None),
    };
    let reruns = earlier.iter().map(|attempt| rerun(attempt, expected));
    let status = if outcome.judgement.met {
        let mut status = TestCaseStatus::success();
        status.add_reruns(reruns);
        status
    } else {
        let kind = match last.and_then(|a| a.problem.as_ref()) {
            Some(_) => NonSuccessKind::Error,
            None => NonSuccessKind::Failure,
        };
        let mut status = TestCaseStatus::non_success(kind);
        status
            .set_message(outcome.verdict())
            .set_type(kind_of(last))
            .set_description(describe(last, expected, outcome.max_attempts))
            .set_rerun_kind(FlakyOrRerun::Rerun)
            .add_reruns(reruns);
        status
    };
    let delivery = &done.delivery;
    let mut case = TestCase::new(format!("{label} {}", delivery.id), status);
    case.set_classname(delivery.event.clone());
    if let Some(last) = last {
        case.set_time(last.latency);
    }
    case
}

fn rerun(attempt: &Attempt, expected: &str) -> TestRerun {
    let kind = if attempt.problem.is_some() {
        NonSuccessKind::Error
    } else {
        NonSuccessKind::Failure
    };
    let mut rerun = TestRerun::new(kind);
    rerun
        .set_time(attempt.latency)
        .set_type(kind_of(Some(attempt)))
        .set_message(format!(
            "attempt {}: {}",
            attempt.number,
            reason(attempt, expected)
        ))
        .set_description(describe(Some(attempt), expected, 0));
    rerun
}

fn reason(attempt: &Attempt, expected: &str) -> String {
    match (&attempt.problem, attempt.status) {
        (Some(problem), _) => problem.explain(),
        (None, Some(status)) => format!("expected {expected}, got {status}"),
        (None, None) => "no answer".into(),
    }
}

fn kind_of(attempt: Option<&Attempt>) -> &'static str {
    match attempt.and_then(|a| a.problem.as_ref()) {
        Some(problem) => problem.kind(),
        None => "status",
    }
}

/// The failure's text: status, latency, attempts and the start of the answer.
fn describe(attempt: Option<&Attempt>, expected: &str, max_attempts: u32) -> String {
    let Some(attempt) = attempt else {
        return String::new();
    };
    let status = attempt
        .status
        .map_or_else(|| "none".to_string(), |s| s.to_string());
    let mut text = format!(
        "status: {status} (expected {expected})\nlatency: {}\n",
        millis(attempt.latency.as_secs_f64() * 1000.0)
    );
    if max_attempts > 1 {
        text.push_str(&format!("attempts: {} of {max_attempts}\n", attempt.number));
    }
    if let Some(problem) = &attempt.problem {
        text.push_str(&format!("error: {}\n", problem.explain()));
    }
    let response = attempt.response.trim();
    if !response.is_empty() {
        text.push_str(&format!(
            "response: {}\n",
            sanitize::excerpt(&sanitize::block(response), EXCERPT_CHARS)
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use bytes::Bytes;

    use super::*;
    use crate::send::delivery::{Origin, Prepared};
    use crate::send::verdict::{Judgement, Outcome, Problem};

    fn attempt(number: u32, status: Option<u16>, problem: Option<Problem>) -> Attempt {
        Attempt {
            number,
            status,
            latency: Duration::from_millis(12),
            problem,
            response: "{\"error\":\"nope\"}".into(),
        }
    }

    fn done(attempts: Vec<Attempt>, met: bool, reason: &str, max: u32) -> Done {
        Done {
            index: 0,
            copy: 1,
            delivery: Arc::new(Prepared {
                origin: Origin {
                    file: Arc::from("a.json"),
                    line: None,
                },
                event: "post.failed".into(),
                id: "evt_1".into(),
                body: Bytes::new(),
                headers: Default::default(),
                signature: None,
            }),
            outcome: Outcome {
                attempts,
                judgement: Judgement {
                    met,
                    reason: reason.into(),
                },
                max_attempts: max,
            },
        }
    }

    fn xml(case: TestCase) -> String {
        let mut suite = TestSuite::new("s");
        suite.add_test_case(case);
        let mut report = Report::new("r");
        report.add_test_suite(suite);
        report.to_string().unwrap()
    }

    #[test]
    fn failures_carry_status_latency_and_excerpt() {
        let case = test_case(
            "a.json",
            &done(
                vec![attempt(1, Some(500), None)],
                false,
                "expected 2xx, got 500",
                1,
            ),
            "2xx",
        );
        let xml = xml(case);
        assert!(
            xml.contains(r#"<testcase name="a.json evt_1" classname="post.failed" time="0.012">"#),
            "{xml}"
        );
        assert!(
            xml.contains(r#"<failure message="expected 2xx, got 500" type="status">"#),
            "{xml}"
        );
        assert!(xml.contains("status: 500 (expected 2xx)"), "{xml}");
        assert!(xml.contains("latency: 12 ms"), "{xml}");
        assert!(
            xml.contains("response: {&quot;error&quot;:&quot;nope&quot;}"),
            "{xml}"
        );
    }

    #[test]
    fn retried_successes_are_flaky_and_errors_are_errors() {
        let flaky = test_case(
            "a.json",
            &done(
                vec![attempt(1, Some(503), None), attempt(2, Some(200), None)],
                true,
                "ok",
                7,
            ),
            "2xx",
        );
        let xml_text = xml(flaky);
        assert!(xml_text.contains("<flakyFailure"), "{xml_text}");
        assert!(
            xml_text.contains("attempt 1: expected 2xx, got 503"),
            "{xml_text}"
        );

        let refused = Problem::Connect("cannot connect: Connection refused".into());
        let down = test_case(
            "a.json",
            &done(
                vec![
                    attempt(1, None, Some(refused.clone())),
                    attempt(2, None, Some(refused)),
                ],
                false,
                "cannot connect: Connection refused",
                2,
            ),
            "2xx",
        );
        let xml_text = xml(down);
        assert!(
            xml_text.contains(r#"<error message="cannot connect: Connection refused (2 attempts)" type="connection">"#),
            "{xml_text}"
        );
        assert!(xml_text.contains("<rerunError"), "{xml_text}");
    }
}
