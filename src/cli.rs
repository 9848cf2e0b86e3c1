//! Every clap type and value parser of the command line, and nothing else.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{ArgMatches, Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

/// Receive, verify, replay and tunnel Zernio webhook deliveries.
///
/// Run `zernio-hooks listen` to see every Zernio delivery arrive, verified and readable, while your app
/// receives it too; `zernio-hooks replay` to send saved payloads to your app in CI exactly as Zernio
/// would; and `list`, `create`, `update`, `delete`, `test`, `logs` to drive Zernio's webhook settings.
#[derive(Debug, Parser)]
#[command(
    name = "zernio-hooks",
    version,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten, next_help_heading = "Global options")]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Flags every command understands.
#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// When to use colour: auto (a terminal, NO_COLOR unset, TERM not dumb), always or never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true, env = "ZERNIO_HOOKS_COLOR")]
    pub color: ColorChoice,
    /// Machine-readable output: one JSON object per line on stdout, no colour, bars or prompts.
    #[arg(long, global = true)]
    pub json: bool,
    /// Print less: no banners, hints or progress bars.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Print more: each API call (method, URL, status, timing), relay traffic.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Zernio API key, sent as a Bearer token.
    #[arg(
        long,
        global = true,
        env = "ZERNIO_API_KEY",
        hide_env_values = true,
        value_name = "KEY"
    )]
    pub api_key: Option<String>,
    /// Base URL of the Zernio API (staging is another base URL). Default: https://zernio.com/api
    #[arg(long, global = true, env = "ZERNIO_API_URL", value_name = "URL")]
    pub api_url: Option<String>,
    /// Profile of the config file to use ([profiles.NAME]).
    #[arg(long, global = true, env = "ZERNIO_PROFILE", value_name = "NAME")]
    pub profile: Option<String>,
    /// Config file (TOML). Default: <config dir>/zernio-hooks/config.toml
    #[arg(long, global = true, env = "ZERNIO_HOOKS_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Answer yes to confirmations (required to delete without a terminal).
    #[arg(short = 'y', long, global = true)]
    pub yes: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Receive deliveries: verify, explain, print, capture and forward them.
    Listen(Box<ListenArgs>),
    /// Send saved payloads to an endpoint exactly as Zernio would, signed, and check the answers.
    Replay(Box<ReplayArgs>),
    /// Make a realistic payload of any event type; print it or send it.
    Trigger(Box<TriggerArgs>),
    /// The catalogue of the 49 event types, from the embedded OpenAPI document.
    Events(EventsArgs),
    /// Print the X-Zernio-Signature value for the exact bytes of a file or stdin.
    Sign(SignArgs),
    /// Check an X-Zernio-Signature value against a body; exit 3 (and say why) when it does not match.
    Verify(VerifyArgs),
    /// List the webhooks configured in Zernio.
    List(ListArgs),
    /// Create a webhook in Zernio.
    Create(Box<CreateArgs>),
    /// Change a webhook in Zernio; only the fields you give change.
    Update(Box<UpdateArgs>),
    /// Delete a webhook in Zernio.
    Delete(DeleteArgs),
    /// Ask Zernio to send a webhook.test delivery to a webhook, and report what happened.
    Test(TestArgs),
    /// Zernio's delivery logs: filter, follow, and save payloads as replayable fixtures.
    Logs(Box<LogsArgs>),
    /// Show the resolved settings (API URL, key, profile) and where each came from.
    Config(ConfigArgs),
    /// Remove temporary webhooks left behind by `listen --register` (after a kill -9, say).
    Prune(PruneArgs),
    /// Run the self-hostable relay: the public end of the tunnel.
    Relay(Box<RelayArgs>),
    /// Print a shell completion script.
    Completions(CompletionsArgs),
}

/// Where a webhook secret comes from.
#[derive(Debug, Clone, Args)]
pub struct SecretArgs {
    /// The webhook secret (the same string configured in Zernio).
    #[arg(
        long,
        env = "ZERNIO_WEBHOOK_SECRET",
        hide_env_values = true,
        value_name = "SECRET"
    )]
    pub secret: Option<String>,
    /// Read the webhook secret from a file (surrounding whitespace is trimmed).
    #[arg(long, value_name = "FILE", conflicts_with = "secret")]
    pub secret_file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct EventsArgs {
    /// Show only these resource groups (publishing, messages, ...).
    #[arg(long, value_delimiter = ',', value_name = "GROUP")]
    pub group: Vec<String>,
    /// Show only the 12 core events.
    #[arg(long)]
    pub core: bool,
}

#[derive(Debug, Args)]
pub struct SignArgs {
    #[command(flatten)]
    pub secret: SecretArgs,
    /// The body to sign, byte for byte; `-` or nothing reads stdin.
    #[arg(value_name = "FILE|-")]
    pub file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    #[command(flatten)]
    pub secret: SecretArgs,
    /// The X-Zernio-Signature value to check.
    #[arg(long, value_name = "SIG")]
    pub signature: String,
    /// The X-Zernio-Event-Id header that came with the body, to tell a mixed-up delivery apart.
    #[arg(long, value_name = "ID")]
    pub event_id: Option<String>,
    /// The body, byte for byte as received; `-` or nothing reads stdin.
    #[arg(value_name = "FILE|-")]
    pub file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ListenArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1", env = "ZERNIO_HOOKS_HOST")]
    pub host: String,
    /// Port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = 8787, env = "ZERNIO_HOOKS_PORT")]
    pub port: u16,
    #[command(flatten)]
    pub secret: SecretArgs,
    /// Status to answer accepted deliveries with (when not forwarding).
    #[arg(long, default_value_t = 200, value_parser = parse_status)]
    pub status: u16,
    /// Answer 2xx even when the signature is missing or wrong (still flagged).
    #[arg(long)]
    pub accept_invalid: bool,
    /// Largest body accepted; larger ones get 413 without being read.
    #[arg(long, default_value = "5MiB", value_parser = parse_size, value_name = "SIZE")]
    pub max_body: u64,
    /// Print only these event types in full; others are acknowledged, captured and shown as one line.
    #[arg(long, value_delimiter = ',', value_name = "EVENT")]
    pub events: Vec<String>,
    /// Add each delivery's full JSON body to the output.
    #[arg(long)]
    pub print_json: bool,
    /// Add each delivery's headers to the output.
    #[arg(long)]
    pub headers: bool,
    /// Write every request to this folder (one capture file each) before answering it.
    #[arg(long, value_name = "DIR", env = "ZERNIO_HOOKS_SAVE")]
    pub save: Option<PathBuf>,
    /// Send each accepted delivery on to your app at this URL; its answer goes back to the sender.
    #[arg(long, value_name = "URL", value_parser = parse_http_url, env = "ZERNIO_HOOKS_FORWARD_TO")]
    pub forward_to: Option<reqwest::Url>,
    /// Secret to re-sign forwarded deliveries with (default: the listen secret).
    #[arg(
        long,
        env = "ZERNIO_FORWARD_SECRET",
        hide_env_values = true,
        value_name = "SECRET"
    )]
    pub forward_secret: Option<String>,
    /// How long the app may take to answer a forwarded delivery before the sender gets 504.
    #[arg(long, default_value = "5s", value_parser = parse_duration, value_name = "DURATION")]
    pub forward_timeout: Duration,
    /// Exit 0 after this many accepted deliveries (of the --events types, if given).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub exit_after: Option<u64>,
    /// With --exit-after: exit 1 if the deliveries have not arrived within this time.
    #[arg(long, value_parser = parse_duration, value_name = "DURATION", requires = "exit_after")]
    pub timeout: Option<Duration>,
    /// Receive deliveries through a relay channel URL (a zernio-hooks relay, or smee-compatible).
    #[arg(long, value_name = "URL", value_parser = parse_http_url, env = "ZERNIO_RELAY_URL")]
    pub relay: Option<reqwest::Url>,
    /// Token for the relay (sent as a Bearer token).
    #[arg(
        long,
        env = "ZERNIO_RELAY_TOKEN",
        hide_env_values = true,
        value_name = "TOKEN"
    )]
    pub relay_token: Option<String>,
    /// Start an external tunnel program and use its public URL: cloudflared, ngrok or localhost.run.
    #[arg(long, value_enum, value_name = "PROVIDER", conflicts_with = "relay")]
    pub tunnel: Option<TunnelProvider>,
    /// A custom tunnel command; `{port}` is replaced with the local port.
    #[arg(long, value_name = "CMD", conflicts_with_all = ["relay", "tunnel"])]
    pub tunnel_cmd: Option<String>,
    /// Regex that finds the public URL in the tunnel command's output (first capture group, or the match).
    #[arg(long, value_name = "REGEX", requires = "tunnel_cmd")]
    pub tunnel_url_pattern: Option<String>,
    /// How long to wait for the tunnel program to print its URL.
    #[arg(long, default_value = "30s", value_parser = parse_duration, value_name = "DURATION")]
    pub tunnel_timeout: Duration,
    /// The public URL Zernio should deliver to (when you run your own proxy or tunnel).
    #[arg(long, value_name = "URL", value_parser = parse_http_url)]
    pub public_url: Option<reqwest::Url>,
    /// Point a Zernio webhook at the public URL while listening: a temporary one (no argument), or
    /// an existing one by ID or name, restored on exit.
    #[arg(long, value_name = "ID|NAME", num_args = 0..=1, default_missing_value = "")]
    pub register: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TunnelProvider {
    Cloudflared,
    Ngrok,
    #[value(name = "localhost.run")]
    LocalhostRun,
}

/// How deliveries are sent: shared by `replay` and `trigger --to`.
#[derive(Debug, Clone, Args)]
pub struct SendArgs {
    #[command(flatten)]
    pub secret: SecretArgs,
    /// Add a header to every delivery (Zernio's customHeaders); repeatable.
    #[arg(long = "header", short = 'H', value_name = "NAME:VALUE", value_parser = parse_header)]
    pub headers: Vec<(String, String)>,
    /// Also send the legacy X-Late-Signature, X-Late-Event and X-Late-Event-Id headers.
    #[arg(long)]
    pub legacy_headers: bool,
    /// How long the endpoint may take: Zernio's rule is a 2xx within 5 seconds.
    #[arg(long, default_value = "5s", value_parser = parse_duration, value_name = "DURATION")]
    pub timeout: Duration,
    /// The answer each delivery must get: a status code, or a class such as 2xx or 4xx.
    #[arg(long, value_parser = parse_expect, value_name = "CODE|2xx|4xx")]
    pub expect: Option<Expect>,
    /// Send each delivery with a deliberately wrong signature (expects 401 or 403 unless --expect says otherwise).
    #[arg(long)]
    pub tamper: bool,
    /// Send each event this many times with the same event ID, as Zernio's retries do.
    #[arg(long, default_value_t = 1, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub repeat: u32,
    /// Give each payload a new id and timestamp (re-serialised; the signature covers the new bytes).
    #[arg(long)]
    pub fresh: bool,
    /// Retry failed deliveries on a schedule: `zernio` is Zernio's (7 attempts, 10^(n-1) s apart).
    #[arg(long, value_enum, value_name = "SCHEDULE")]
    pub retry: Option<RetrySchedule>,
    /// Multiply the retry delays by this factor (0.001 runs Zernio's whole schedule in about 3 minutes).
    #[arg(long, default_value_t = 1.0, value_parser = parse_scale, value_name = "FACTOR")]
    pub retry_scale: f64,
    /// Deliveries in flight at once; results are still reported in input order.
    #[arg(long, short = 'c', default_value_t = 1, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1024))]
    pub concurrency: u32,
    /// Send at most this many deliveries per second (e.g. 50 or 50/s).
    #[arg(long, value_parser = parse_rate, value_name = "N/s")]
    pub rate: Option<f64>,
    /// Print the exact headers and signature each delivery would have; send nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Write a JUnit XML report (one test case per delivery) to this file.
    #[arg(long, value_name = "FILE.xml")]
    pub report: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RetrySchedule {
    Zernio,
}

/// What answer counts as success.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    Code(u16),
    Class(u16),
}

impl Expect {
    pub fn matches(self, status: u16) -> bool {
        match self {
            Expect::Code(code) => status == code,
            Expect::Class(class) => status / 100 == class,
        }
    }
}

impl std::fmt::Display for Expect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Expect::Code(code) => write!(f, "{code}"),
            Expect::Class(class) => write!(f, "{class}xx"),
        }
    }
}

#[derive(Debug, Args)]
pub struct ReplayArgs {
    /// Capture files, JSON payload files, .ndjson/.jsonl files, folders (walked in name order), or `-`.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The endpoint to send to.
    #[arg(long, value_name = "URL", value_parser = parse_http_url, required_unless_present = "dry_run", env = "ZERNIO_REPLAY_TO")]
    pub to: Option<reqwest::Url>,
    /// Accept event types that are not in the catalogue.
    #[arg(long)]
    pub allow_unknown: bool,
    #[command(flatten)]
    pub send: SendArgs,
}

#[derive(Debug, Args)]
pub struct TriggerArgs {
    /// The event type (see `zernio-hooks events`).
    #[arg(value_name = "EVENT")]
    pub event: String,
    /// Override a field by dotted path, e.g. post.content=Hello or post.platforms.0.status=failed.
    #[arg(long = "set", value_name = "PATH=VALUE", value_parser = parse_assignment)]
    pub set: Vec<(String, String)>,
    /// Print the payload on one line.
    #[arg(long)]
    pub compact: bool,
    /// Send the payload to this endpoint, exactly as `replay` would.
    #[arg(long, value_name = "URL", value_parser = parse_http_url)]
    pub to: Option<reqwest::Url>,
    #[command(flatten)]
    pub send: SendArgs,
}

#[derive(Debug, Args)]
pub struct ListArgs {}

/// Fields shared by `create` and `update`.
#[derive(Debug, Args)]
pub struct WebhookFields {
    /// Webhook name (1-50 characters).
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Endpoint URL Zernio delivers to.
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// Events to subscribe to (comma-separated or repeated).
    #[arg(long, value_delimiter = ',', value_name = "EVENT")]
    pub events: Vec<String>,
    /// Subscribe to every event type.
    #[arg(long, conflicts_with = "events")]
    pub all_events: bool,
    /// The signing secret.
    ///
    /// Only this flag sets it: ZERNIO_WEBHOOK_SECRET (the secret `listen` checks with) is not read,
    /// so an update never changes a secret by accident.
    #[arg(long, value_name = "SECRET")]
    pub secret: Option<String>,
    /// Generate a random secret (32 bytes, hex) and print it once.
    #[arg(long, conflicts_with = "secret")]
    pub generate_secret: bool,
    /// With --generate-secret: print only the secret on stdout, for scripts.
    #[arg(long, requires = "generate_secret")]
    pub print_secret: bool,
    /// A custom header Zernio sends with each delivery; repeatable.
    #[arg(long = "header", short = 'H', value_name = "NAME:VALUE", value_parser = parse_header)]
    pub headers: Vec<(String, String)>,
    /// A resource group this webhook never receives (publishing, messages, ...); repeatable.
    #[arg(long, value_delimiter = ',', value_name = "GROUP")]
    pub disable_group: Vec<String>,
}

#[derive(Debug, Args)]
pub struct CreateArgs {
    #[command(flatten)]
    pub fields: WebhookFields,
    /// Create the webhook disabled.
    #[arg(long)]
    pub inactive: bool,
}

#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// The webhook's ID or name.
    #[arg(value_name = "ID|NAME")]
    pub webhook: String,
    #[command(flatten)]
    pub fields: WebhookFields,
    /// Add these events to the current subscription.
    #[arg(long, value_delimiter = ',', value_name = "EVENT", conflicts_with_all = ["events", "all_events"])]
    pub add_events: Vec<String>,
    /// Remove these events from the current subscription.
    #[arg(long, value_delimiter = ',', value_name = "EVENT", conflicts_with_all = ["events", "all_events"])]
    pub remove_events: Vec<String>,
    /// Turn delivery on.
    #[arg(long, conflicts_with = "disable")]
    pub enable: bool,
    /// Turn delivery off.
    #[arg(long)]
    pub disable: bool,
    /// Remove every custom header (combine with --header to replace them).
    #[arg(long)]
    pub clear_headers: bool,
    /// Receive every resource group again (clears disabledResourceGroups).
    #[arg(long, conflicts_with = "disable_group")]
    pub clear_disabled_groups: bool,
}

#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// The webhook's ID or name.
    #[arg(value_name = "ID|NAME")]
    pub webhook: String,
}

#[derive(Debug, Args)]
pub struct TestArgs {
    /// The webhook's ID or name (on a terminal, leave it out to pick from a list).
    #[arg(value_name = "ID|NAME")]
    pub webhook: Option<String>,
    /// Then wait for the test delivery in the delivery logs and report its status.
    #[arg(long)]
    pub wait: bool,
    /// How long --wait looks for the logged delivery.
    #[arg(long, default_value = "30s", value_parser = parse_duration, value_name = "DURATION")]
    pub wait_timeout: Duration,
    /// How often --wait polls the logs.
    #[arg(long, default_value = "1s", value_parser = parse_duration, value_name = "DURATION", hide = true)]
    pub wait_interval: Duration,
}

#[derive(Debug, Args)]
pub struct LogsArgs {
    /// Only deliveries with this outcome.
    #[arg(long, value_enum)]
    pub status: Option<LogStatus>,
    /// Only this event type.
    #[arg(long, value_name = "EVENT")]
    pub event: Option<String>,
    /// Only this webhook (ID or name).
    #[arg(long, value_name = "ID|NAME")]
    pub webhook: Option<String>,
    /// Only this event ID.
    #[arg(long, value_name = "ID")]
    pub event_id: Option<String>,
    /// Entries per page (1-100).
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u32).range(1..=100))]
    pub limit: u32,
    /// Entries to skip (0-10000).
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u32).range(0..=10000))]
    pub skip: u32,
    /// Follow pagination to the end (within the API's skip bound of 10000).
    #[arg(long, conflicts_with = "follow")]
    pub all: bool,
    /// Only entries newer than this (e.g. 30m, 2h, 7d).
    #[arg(long, value_parser = parse_duration, value_name = "DURATION")]
    pub since: Option<Duration>,
    /// Keep polling and print new entries as they appear, until Ctrl-C.
    #[arg(long, short = 'f')]
    pub follow: bool,
    /// How often --follow polls.
    #[arg(long, default_value = "5s", value_parser = parse_duration, value_name = "DURATION")]
    pub interval: Duration,
    /// Add the URL and error columns.
    #[arg(long)]
    pub wide: bool,
    /// Write each entry's requestPayload into this folder as a payload file `replay` accepts.
    #[arg(long, value_name = "DIR")]
    pub save: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogStatus {
    Success,
    Failed,
}

impl LogStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            LogStatus::Success => "success",
            LogStatus::Failed => "failed",
        }
    }
}

#[derive(Debug, Args)]
pub struct ConfigArgs {}

#[derive(Debug, Args)]
pub struct PruneArgs {
    /// Show what would be removed; remove nothing.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct RelayArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8788", env = "ZERNIO_RELAY_BIND")]
    pub bind: SocketAddr,
    /// The URL users see, when the relay runs behind a TLS proxy.
    #[arg(long, value_name = "URL", value_parser = parse_http_url, env = "ZERNIO_RELAY_PUBLIC_URL")]
    pub public_url: Option<reqwest::Url>,
    /// Token required to subscribe to channels and to answer deliveries.
    #[arg(
        long,
        env = "ZERNIO_RELAY_TOKEN",
        hide_env_values = true,
        value_name = "TOKEN"
    )]
    pub token: Option<String>,
    /// Largest delivery body accepted.
    #[arg(long, default_value = "5MiB", value_parser = parse_size, value_name = "SIZE")]
    pub max_body: u64,
    /// Deliveries kept per channel while no client is connected (0: answer 503 instead).
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub buffer: usize,
    /// Most bytes buffered per channel.
    #[arg(long, default_value = "64MiB", value_parser = parse_size, value_name = "SIZE")]
    pub buffer_bytes: u64,
    /// How long a delivery waits for the client's answer (keep it under Zernio's 5 s).
    #[arg(long, default_value = "4.5s", value_parser = parse_duration, value_name = "DURATION")]
    pub hold: Duration,
    /// A header every delivery must carry (set it as a custom header on the Zernio webhook).
    #[arg(long, value_name = "NAME:VALUE", value_parser = parse_header)]
    pub ingress_header: Option<(String, String)>,
    /// Most open event streams per channel.
    #[arg(long, default_value_t = 8, value_name = "N")]
    pub max_streams: usize,
    /// Interval between keep-alive pings on event streams.
    #[arg(long, default_value = "30s", value_parser = parse_duration, value_name = "DURATION")]
    pub ping: Duration,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to print the completion script for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Parse the process arguments, keeping the raw matches (they tell where each value came from).
pub fn parse() -> (Cli, ArgMatches) {
    let matches = Cli::command().get_matches();
    match Cli::from_arg_matches(&matches) {
        Ok(cli) => (cli, matches),
        Err(err) => err.exit(),
    }
}

/// A clap usage error (exit code 2), for checks that span several flags.
pub fn usage_error(message: impl std::fmt::Display) -> clap::Error {
    Cli::command().error(clap::error::ErrorKind::ArgumentConflict, message)
}

pub fn parse_duration(value: &str) -> Result<Duration, String> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<f64>() {
        return duration_from_secs(secs);
    }
    // Accept fractional units such as 4.5s or 0.5m, which humantime does not.
    let split = value
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(value.len());
    let (number, unit) = value.split_at(split);
    if number.contains('.') {
        let secs_per_unit = match unit {
            "ms" => 0.001,
            "s" | "sec" | "secs" => 1.0,
            "m" | "min" | "mins" => 60.0,
            "h" | "hr" | "hrs" => 3600.0,
            "d" => 86400.0,
            _ => {
                return Err(format!(
                    "`{value}` is not a duration (try 500ms, 5s, 2m, 1h)"
                ));
            }
        };
        let number: f64 = number
            .parse()
            .map_err(|_| format!("`{value}` is not a duration (try 500ms, 5s, 2m, 1h)"))?;
        return duration_from_secs(number * secs_per_unit);
    }
    humantime::parse_duration(value)
        .map_err(|err| format!("`{value}` is not a duration ({err}; try 500ms, 5s, 2m, 1h)"))
}

fn duration_from_secs(secs: f64) -> Result<Duration, String> {
    Duration::try_from_secs_f64(secs).map_err(|_| format!("`{secs}` is not a valid duration"))
}

/// Sizes such as 5MiB, 512KiB, 1MB, 1024 (bytes).
pub fn parse_size(value: &str) -> Result<u64, String> {
    let trimmed = value.trim();
    let split = trimmed
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(trimmed.len());
    let (number, unit) = trimmed.split_at(split);
    let number: u64 = number
        .parse()
        .map_err(|_| format!("`{value}` is not a size (try 5MiB, 512KiB or a number of bytes)"))?;
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" => 1000,
        "kib" => 1024,
        "m" | "mb" => 1000 * 1000,
        "mib" => 1024 * 1024,
        "g" | "gb" => 1000 * 1000 * 1000,
        "gib" => 1024 * 1024 * 1024,
        _ => {
            return Err(format!(
                "`{value}` has an unknown unit (use B, KiB, MiB, GiB, KB, MB, GB)"
            ));
        }
    };
    number
        .checked_mul(factor)
        .filter(|&size| size > 0)
        .ok_or_else(|| format!("`{value}` is out of range"))
}

pub fn parse_status(value: &str) -> Result<u16, String> {
    match value.parse::<u16>() {
        Ok(code) if (200..=599).contains(&code) => Ok(code),
        _ => Err(format!(
            "`{value}` is not an HTTP status between 200 and 599"
        )),
    }
}

/// An http(s) URL with a host.
pub fn parse_http_url(value: &str) -> Result<reqwest::Url, String> {
    let url = reqwest::Url::parse(value.trim())
        .map_err(|err| format!("`{value}` is not a URL: {err}"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!("`{value}` is not an http:// or https:// URL"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(format!("`{value}` has no host"));
    }
    Ok(url)
}

/// `NAME:VALUE`, with a valid header name and value.
pub fn parse_header(value: &str) -> Result<(String, String), String> {
    let (name, val) = value
        .split_once(':')
        .ok_or_else(|| format!("`{value}` is not NAME:VALUE"))?;
    let name = name.trim();
    let val = val.trim();
    hyper::header::HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| format!("`{name}` is not a valid header name"))?;
    hyper::header::HeaderValue::from_str(val).map_err(|_| {
        format!("the value of header `{name}` has characters a header cannot carry")
    })?;
    Ok((name.to_string(), val.to_string()))
}

pub fn parse_expect(value: &str) -> Result<Expect, String> {
    let lower = value.trim().to_ascii_lowercase();
    if let Some(class) = lower.strip_suffix("xx") {
        if let Ok(class @ 1..=5) = class.parse::<u16>() {
            return Ok(Expect::Class(class));
        }
    } else if let Ok(code @ 100..=599) = lower.parse::<u16>() {
        return Ok(Expect::Code(code));
    }
    Err(format!(
        "`{value}` is not a status code (100-599) or a class such as 2xx"
    ))
}

pub fn parse_scale(value: &str) -> Result<f64, String> {
    match value.parse::<f64>() {
        Ok(scale) if scale.is_finite() && scale >= 0.0 => Ok(scale),
        _ => Err(format!("`{value}` is not a non-negative number")),
    }
}

pub fn parse_rate(value: &str) -> Result<f64, String> {
    let number = value.trim().trim_end_matches("/s");
    match number.parse::<f64>() {
        Ok(rate) if rate.is_finite() && rate > 0.0 => Ok(rate),
        _ => Err(format!("`{value}` is not a rate (try 50 or 50/s)")),
    }
}

pub fn parse_assignment(value: &str) -> Result<(String, String), String> {
    match value.split_once('=') {
        Some((path, val)) if !path.trim().is_empty() => {
            Ok((path.trim().to_string(), val.to_string()))
        }
        _ => Err(format!("`{value}` is not PATH=VALUE")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("5s"), Ok(Duration::from_secs(5)));
        assert_eq!(parse_duration("4.5s"), Ok(Duration::from_millis(4500)));
        assert_eq!(parse_duration("250ms"), Ok(Duration::from_millis(250)));
        assert_eq!(parse_duration("2"), Ok(Duration::from_secs(2)));
        assert_eq!(parse_duration("1h 30m"), Ok(Duration::from_secs(5400)));
        assert!(parse_duration("soon").is_err());
        assert!(parse_duration("-1").is_err());
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("5MiB"), Ok(5 * 1024 * 1024));
        assert_eq!(parse_size("1kb"), Ok(1000));
        assert_eq!(parse_size("1024"), Ok(1024));
        assert!(parse_size("0").is_err());
        assert!(parse_size("5 parsecs").is_err());
    }

    #[test]
    fn expectations() {
        assert_eq!(parse_expect("2xx"), Ok(Expect::Class(2)));
        assert_eq!(parse_expect("401"), Ok(Expect::Code(401)));
        assert!(parse_expect("9xx").is_err());
        assert!(parse_expect("abc").is_err());
        assert!(Expect::Class(4).matches(403));
        assert!(!Expect::Code(401).matches(403));
    }

    #[test]
    fn headers_and_urls() {
        assert_eq!(
            parse_header("X-Env: staging"),
            Ok(("X-Env".into(), "staging".into()))
        );
        assert!(parse_header("no colon").is_err());
        assert!(parse_header("bad name:1").is_err());
        assert!(parse_http_url("ftp://example.com").is_err());
        assert!(parse_http_url("not a url").is_err());
        assert!(parse_http_url(" http://127.0.0.1:3000/hook ").is_ok());
    }
}
