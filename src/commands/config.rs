//! `zernio-hooks config`: the resolved API settings and where each came from, the key masked.

use std::io::Write;

use serde_json::{Value, json};

use crate::cli::ConfigArgs;
use crate::config::{FileState, KeySource, Origin, Resolved};
use crate::context::Context;
use crate::exit;
use crate::output::{self, pad};

pub fn run(_args: ConfigArgs, ctx: &Context) -> anyhow::Result<u8> {
    let resolved = ctx.resolve_config();
    for warning in &resolved.warnings {
        ctx.warn(warning);
    }
    // Run api_key_cmd if that is the source: "resolved" means the key it actually yields.
    let key = resolved.api_key.key();
    let profile_problem = resolved.check_profile().err();
    let mut out = std::io::stdout().lock();
    if ctx.json() {
        output::json_line(&mut out, &to_json(&resolved, &key))?;
    } else {
        out.write_all(render(&resolved, &key, ctx).as_bytes())?;
    }
    out.flush()?;
    if key.is_err() && !ctx.json() {
        ctx.info(format!(
            "{} {}",
            ctx.err().cyan("hint:"),
            crate::config::KEY_HINT
        ));
    }
    if let Some(problem) = profile_problem {
        return Err(problem.into());
    }
    Ok(exit::OK)
}

fn file_line(resolved: &Resolved) -> (String, &'static str, String) {
    let file = &resolved.file;
    let state = match &file.state {
        FileState::Missing => "not found",
        FileState::Broken(_) => "broken, ignored",
        FileState::Loaded { .. } => "loaded",
    };
    let origin = file
        .origin
        .as_ref()
        .map_or_else(|| "default location".to_string(), Origin::to_string);
    (file.path.display().to_string(), state, origin)
}

type KeyResult = Result<crate::config::Sourced<crate::secret::Secret>, crate::exit::Failure>;

fn render(resolved: &Resolved, key: &KeyResult, ctx: &Context) -> String {
    let paint = ctx.out();
    let (path, state, origin) = file_line(resolved);
    let mut rows = vec![("config file", format!("{path} ({state}; {origin})"))];
    rows.push((
        "profile",
        match &resolved.profile {
            Some(p) if p.found => format!("{} ({})", p.name, p.origin),
            Some(p) => format!("{} ({}; not in the config file)", p.name, p.origin),
            None => "(none)".to_string(),
        },
    ));
    rows.push((
        "api url",
        format!("{} ({})", resolved.api_url.value, resolved.api_url.origin),
    ));
    rows.push((
        "api key",
        match (key, &resolved.api_key) {
            (Ok(key), _) => format!("{} ({})", key.value.masked(), key.origin),
            (Err(_), KeySource::None) => "(not set)".to_string(),
            (Err(_), KeySource::Unavailable { origin, reason }) => {
                format!("(unavailable: {reason}; {origin})")
            }
            (Err(err), _) => format!("(unavailable: {})", err.message),
        },
    ));
    rows.push((
        "timeout",
        format!(
            "{} ({})",
            humantime::format_duration(resolved.timeout.value),
            resolved.timeout.origin
        ),
    ));
    let names = resolved.profile_names();
    if !names.is_empty() {
        rows.push(("profiles", names.join(", ")));
    }
    let mut text = String::new();
    for (label, value) in rows {
        text.push_str(&format!("{}  {value}\n", paint.bold(&pad(label, 11))));
    }
    text
}

fn sourced(value: Value, origin: &Origin) -> Value {
    json!({"value": value, "source": origin.kind(), "from": origin.to_string()})
}

fn to_json(resolved: &Resolved, key: &KeyResult) -> Value {
    let (path, state, origin) = file_line(resolved);
    let api_key = match key {
        Ok(key) => sourced(json!(key.value.masked()), &key.origin),
        Err(err) => json!({
            "value": Value::Null,
            "source": Value::Null,
            "error": match &resolved.api_key {
                KeySource::None => "not set".to_string(),
                KeySource::Unavailable { origin, reason } => format!("{reason} ({origin})"),
                _ => err.message.clone(),
            },
        }),
    };
    json!({
        "type": "config",
        "config_file": {
            "path": path,
            "state": state,
            "from": origin,
            "profiles": resolved.profile_names(),
        },
        "profile": resolved.profile.as_ref().map_or(Value::Null, |p| json!({
            "value": p.name, "source": p.origin.kind(), "from": p.origin.to_string(), "found": p.found,
        })),
        "api_url": sourced(json!(resolved.api_url.value), &resolved.api_url.origin),
        "api_key": api_key,
        "timeout": sourced(json!(resolved.timeout.value.as_secs_f64()), &resolved.timeout.origin),
    })
}
