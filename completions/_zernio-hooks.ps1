
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'zernio-hooks' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'zernio-hooks'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'zernio-hooks' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, NO_COLOR unset, TERM not dumb), always or never')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Zernio API key, sent as a Bearer token')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the Zernio API (staging is another base URL). Default: https://zernio.com/api')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use ([profiles.NAME])')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML). Default: <config dir>/zernio-hooks/config.toml')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: one JSON object per line on stdout, no colour, bars or prompts')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: no banners, hints or progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: no banners, hints or progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: each API call (method, URL, status, timing), relay traffic')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: each API call (method, URL, status, timing), relay traffic')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required to delete without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required to delete without a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('listen', 'listen', [CompletionResultType]::ParameterValue, 'Receive deliveries: verify, explain, print, capture and forward them')
            [CompletionResult]::new('replay', 'replay', [CompletionResultType]::ParameterValue, 'Send saved payloads to an endpoint exactly as Zernio would, signed, and check the answers')
            [CompletionResult]::new('trigger', 'trigger', [CompletionResultType]::ParameterValue, 'Make a realistic payload of any event type; print it or send it')
            [CompletionResult]::new('events', 'events', [CompletionResultType]::ParameterValue, 'The catalogue of the 49 event types, from the embedded OpenAPI document')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Print the X-Zernio-Signature value for the exact bytes of a file or stdin')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check an X-Zernio-Signature value against a body; exit 3 (and say why) when it does not match')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the webhooks configured in Zernio')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a webhook in Zernio')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a webhook in Zernio; only the fields you give change')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a webhook in Zernio')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Ask Zernio to send a webhook.test delivery to a webhook, and report what happened')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Zernio''s delivery logs: filter, follow, and save payloads as replayable fixtures')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show the resolved settings (API URL, key, profile) and where each came from')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Remove temporary webhooks left behind by `listen --register` (after a kill -9, say)')
            [CompletionResult]::new('relay', 'relay', [CompletionResultType]::ParameterValue, 'Run the self-hostable relay: the public end of the tunnel')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'zernio-hooks;listen' {
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Address to listen on')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port to listen on; 0 picks a free one')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'The webhook secret (the same string configured in Zernio)')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read the webhook secret from a file (surrounding whitespace is trimmed)')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Status to answer accepted deliveries with (when not forwarding)')
            [CompletionResult]::new('--max-body', '--max-body', [CompletionResultType]::ParameterName, 'Largest body accepted; larger ones get 413 without being read')
            [CompletionResult]::new('--events', '--events', [CompletionResultType]::ParameterName, 'Print only these event types in full; others are acknowledged, captured and shown as one line')
            [CompletionResult]::new('--save', '--save', [CompletionResultType]::ParameterName, 'Write every request to this folder (one capture file each) before answering it')
            [CompletionResult]::new('--forward-to', '--forward-to', [CompletionResultType]::ParameterName, 'Send each accepted delivery on to your app at this URL; its answer goes back to the sender')
            [CompletionResult]::new('--forward-secret', '--forward-secret', [CompletionResultType]::ParameterName, 'Secret to re-sign forwarded deliveries with (default: the listen secret)')
            [CompletionResult]::new('--forward-timeout', '--forward-timeout', [CompletionResultType]::ParameterName, 'How long the app may take to answer a forwarded delivery before the sender gets 504')
            [CompletionResult]::new('--exit-after', '--exit-after', [CompletionResultType]::ParameterName, 'Exit 0 after this many accepted deliveries (of the --events types, if given)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'With --exit-after: exit 1 if the deliveries have not arrived within this time')
            [CompletionResult]::new('--relay', '--relay', [CompletionResultType]::ParameterName, 'Receive deliveries through a relay channel URL (a zernio-hooks relay, or smee-compatible)')
            [CompletionResult]::new('--relay-token', '--relay-token', [CompletionResultType]::ParameterName, 'Token for the relay (sent as a Bearer token)')
            [CompletionResult]::new('--tunnel', '--tunnel', [CompletionResultType]::ParameterName, 'Start an external tunnel program and use its public URL: cloudflared, ngrok or localhost.run')
            [CompletionResult]::new('--tunnel-cmd', '--tunnel-cmd', [CompletionResultType]::ParameterName, 'A custom tunnel command; `{port}` is replaced with the local port')
            [CompletionResult]::new('--tunnel-url-pattern', '--tunnel-url-pattern', [CompletionResultType]::ParameterName, 'Regex that finds the public URL in the tunnel command''s output (first capture group, or the match)')
            [CompletionResult]::new('--tunnel-timeout', '--tunnel-timeout', [CompletionResultType]::ParameterName, 'How long to wait for the tunnel program to print its URL')
            [CompletionResult]::new('--public-url', '--public-url', [CompletionResultType]::ParameterName, 'The public URL Zernio should deliver to (when you run your own proxy or tunnel)')
            [CompletionResult]::new('--register', '--register', [CompletionResultType]::ParameterName, 'Point a Zernio webhook at the public URL while listening: a temporary one (no argument), or an existing one by ID or name, restored on exit')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, NO_COLOR unset, TERM not dumb), always or never')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Zernio API key, sent as a Bearer token')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the Zernio API (staging is another base URL). Default: https://zernio.com/api')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use ([profiles.NAME])')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML). Default: <config dir>/zernio-hooks/config.toml')
            [CompletionResult]::new('--accept-invalid', '--accept-invalid', [CompletionResultType]::ParameterName, 'Answer 2xx even when the signature is missing or wrong (still flagged)')
            [CompletionResult]::new('--print-json', '--print-json', [CompletionResultType]::ParameterName, 'Add each delivery''s full JSON body to the output')
            [CompletionResult]::new('--headers', '--headers', [CompletionResultType]::ParameterName, 'Add each delivery''s headers to the output')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: one JSON object per line on stdout, no colour, bars or prompts')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: no banners, hints or progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: no banners, hints or progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: each API call (method, URL, status, timing), relay traffic')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: each API call (method, URL, status, timing), relay traffic')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required to delete without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required to delete without a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'zernio-hooks;replay' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The endpoint to send to')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'The webhook secret (the same string configured in Zernio)')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read the webhook secret from a file (surrounding whitespace is trimmed)')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Add a header to every delivery (Zernio''s customHeaders); repeatable')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Add a header to every delivery (Zernio''s customHeaders); repeatable')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long the endpoint may take: Zernio''s rule is a 2xx within 5 seconds')
            [CompletionResult]::new('--expect', '--expect', [CompletionResultType]::ParameterName, 'The answer each delivery must get: a status code, or a class such as 2xx or 4xx')
            [CompletionResult]::new('--repeat', '--repeat', [CompletionResultType]::ParameterName, 'Send each event this many times with the same event ID, as Zernio''s retries do')
            [CompletionResult]::new('--retry', '--retry', [CompletionResultType]::ParameterName, 'Retry failed deliveries on a schedule: `zernio` is Zernio''s (7 attempts, 10^(n-1) s apart)')
            [CompletionResult]::new('--retry-scale', '--retry-scale', [CompletionResultType]::ParameterName, 'Multiply the retry delays by this factor (0.001 runs Zernio''s whole schedule in about 3 minutes)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Deliveries in flight at once; results are still reported in input order')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Deliveries in flight at once; results are still reported in input order')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'Send at most this many deliveries per second (e.g. 50 or 50/s)')
            [CompletionResult]::new('--report', '--report', [CompletionResultType]::ParameterName, 'Write a JUnit XML report (one test case per delivery) to this file')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, NO_COLOR unset, TERM not dumb), always or never')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Zernio API key, sent as a Bearer token')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the Zernio API (staging is another base URL). Default: https://zernio.com/api')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use ([profiles.NAME])')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML). Default: <config dir>/zernio-hooks/config.toml')
            [CompletionResult]::new('--allow-unknown', '--allow-unknown', [CompletionResultType]::ParameterName, 'Accept event types that are not in the catalogue')
            [CompletionResult]::new('--legacy-headers', '--legacy-headers', [CompletionResultType]::ParameterName, 'Also send the legacy X-Late-Signature, X-Late-Event and X-Late-Event-Id headers')
            [CompletionResult]::new('--tamper', '--tamper', [CompletionResultType]::ParameterName, 'Send each delivery with a deliberately wrong signature (expects 401 or 403 unless --expect says otherwise)')
            [CompletionResult]::new('--fresh', '--fresh', [CompletionResultType]::ParameterName, 'Give each payload a new id and timestamp (re-serialised; the signature covers the new bytes)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the exact headers and signature each delivery would have; send nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: one JSON object per line on stdout, no colour, bars or prompts')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: no banners, hints or progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: no banners, hints or progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: each API call (method, URL, status, timing), relay traffic')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: each API call (method, URL, status, timing), relay traffic')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required to delete without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required to delete without a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'zernio-hooks;trigger' {
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Override a field by dotted path, e.g. post.content=Hello or post.platforms.0.status=failed')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Send the payload to this endpoint, exactly as `replay` would')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'The webhook secret (the same string configured in Zernio)')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read the webhook secret from a file (surrounding whitespace is trimmed)')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Add a header to every delivery (Zernio''s customHeaders); repeatable')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Add a header to every delivery (Zernio''s customHeaders); repeatable')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long the endpoint may take: Zernio''s rule is a 2xx within 5 seconds')
            [CompletionResult]::new('--expect', '--expect', [CompletionResultType]::ParameterName, 'The answer each delivery must get: a status code, or a class such as 2xx or 4xx')
            [CompletionResult]::new('--repeat', '--repeat', [CompletionResultType]::ParameterName, 'Send each event this many times with the same event ID, as Zernio''s retries do')
            [CompletionResult]::new('--retry', '--retry', [CompletionResultType]::ParameterName, 'Retry failed deliveries on a schedule: `zernio` is Zernio''s (7 attempts, 10^(n-1) s apart)')
            [CompletionResult]::new('--retry-scale', '--retry-scale', [CompletionResultType]::ParameterName, 'Multiply the retry delays by this factor (0.001 runs Zernio''s whole schedule in about 3 minutes)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Deliveries in flight at once; results are still reported in input order')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Deliveries in flight at once; results are still reported in input order')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'Send at most this many deliveries per second (e.g. 50 or 50/s)')
            [CompletionResult]::new('--report', '--report', [CompletionResultType]::ParameterName, 'Write a JUnit XML report (one test case per delivery) to this file')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, NO_COLOR unset, TERM not dumb), always or never')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Zernio API key, sent as a Bearer token')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the Zernio API (staging is another base URL). Default: https://zernio.com/api')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use ([profiles.NAME])')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML). Default: <config dir>/zernio-hooks/config.toml')
            [CompletionResult]::new('--compact', '--compact', [CompletionResultType]::ParameterName, 'Print the payload on one line')
            [CompletionResult]::new('--legacy-headers', '--legacy-headers', [CompletionResultType]::ParameterName, 'Also send the legacy X-Late-Signature, X-Late-Event and X-Late-Event-Id headers')
            [CompletionResult]::new('--tamper', '--tamper', [CompletionResultType]::ParameterName, 'Send each delivery with a deliberately wrong signature (expects 401 or 403 unless --expect says otherwise)')
            [CompletionResult]::new('--fresh', '--fresh', [CompletionResultType]::ParameterName, 'Give each payload a new id and timestamp (re-serialised; the signature covers the new bytes)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the exact headers and signature each delivery would have; send nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: one JSON object per line on stdout, no colour, bars or prompts')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: no banners, hints or progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: no banners, hints or progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: each API call (method, URL, status, timing), relay traffic')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: each API call (method, URL, status, timing), relay traffic')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required to delete without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required to delete without a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'zernio-hooks;events' {
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Show only these resource groups (publishing, messages, ...)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, NO_COLOR unset, TERM not dumb), always or never')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Zernio API key, sent as a Bearer token')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the Zernio API (staging is another base URL). Default: https://zernio.com/api')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use ([profiles.NAME])')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML). Default: <config dir>/zernio-hooks/config.toml')
            [CompletionResult]::new('--core', '--core', [CompletionResultType]::ParameterName, 'Show only the 12 core events')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: one JSON object per line on stdout, no colour, bars or prompts')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: no banners, hints or progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: no banners, hints or progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: each API call (method, URL, status, timing), relay traffic')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: each API call (method, URL, status, timing), relay traffic')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required to delete without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required to delete without a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'zernio-hooks;sign' {
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'The webhook secret (the same string configured in Zernio)')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read the webhook secret from a file (surrounding whitespace is trimmed)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, NO_COLOR unset, TERM not dumb), always or never')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Zernio API key, sent as a Bearer token')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the Zernio API (staging is another base URL). Default: https://zernio.com/api')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use ([profiles.NAME])')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML). Default: <config dir>/zernio-hooks/config.toml')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: one JSON object per line on stdout, no colour, bars or prompts')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: no banners, hints or progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: no banners, hints or progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: each API call (method, URL, status, timing), relay traffic')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: each API call (method, URL, status, timing), relay traffic')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required to delete without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required to delete without a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'zernio-hooks;verify' {
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'The webhook secret (the same string configured in Zernio)')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Read the webhook secret from a file (surrounding whitespace is trimmed)')
            [CompletionResult]::new('--signature', '--signature', [CompletionResultType]::ParameterName, 'The X-Zernio-Signature value to check')
            [CompletionResult]::new('--event-id', '--event-id', [CompletionResultType]::ParameterName, 'The X-Zernio-Event-Id header that came with the body, to tell a mixed-up delivery apart')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, NO_COLOR unset, TERM not dumb), always or never')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Zernio API key, sent as a Bearer token')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the Zernio API (staging is another base URL). Default: https://zernio.com/api')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use ([profiles.NAME])')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML). Default: <config dir>/zernio-hooks/config.toml')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: one JSON object per line on stdout, no colour, bars or prompts')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: no banners, hints or progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: no banners, hints or progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: each API call (method, URL, status, timing), relay traffic')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: each API call (method, URL, status, timing), relay traffic')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required to delete without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required to delete without a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'zernio-hooks;list' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, NO_COLOR unset, TERM not dumb), always or never')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Zernio API key, sent as a Bearer token')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the Zernio API (staging is another base URL). Default: https://zernio.com/api')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use ([profiles.NAME])')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML). Default: <config dir>/zernio-hooks/config.toml')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: one JSON object per line on stdout, no colour, bars or prompts')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: no banners, hints or progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: no banners, hints or progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: each API call (method, URL, status, timing), relay traffic')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: each API call (method, URL, status, timing), relay traffic')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required to delete without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required to delete without a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'zernio-hooks;create' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Webhook name (1-50 characters)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Endpoint URL Zernio delivers to')
            [CompletionResult]::new('--events', '--events', [CompletionResultType]::ParameterName, 'Events to subscribe to (comma-separated or repeated)')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'The signing secret')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'A custom header Zernio sends with each delivery; repeatable')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'A custom header Zernio sends with each delivery; repeatable')
            [CompletionResult]::new('--disable-group', '--disable-group', [CompletionResultType]::ParameterName, 'A resource group this webhook never receives (publishing, messages, ...); repeatable')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, NO_COLOR unset, TERM not dumb), always or never')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Zernio API key, sent as a Bearer token')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the Zernio API (staging is another base URL). Default: https://zernio.com/api')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use ([profiles.NAME])')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML). Default: <config dir>/zernio-hooks/config.toml')
            [CompletionResult]::new('--all-events', '--all-events', [CompletionResultType]::ParameterName, 'Subscribe to every event type')
            [CompletionResult]::new('--generate-secret', '--generate-secret', [CompletionResultType]::ParameterName, 'Generate a random secret (32 bytes, hex) and print it once')
            [CompletionResult]::new('--print-secret', '--print-secret', [CompletionResultType]::ParameterName, 'With --generate-secret: print only the secret on stdout, for scripts')
            [CompletionResult]::new('--inactive', '--inactive', [CompletionResultType]::ParameterName, 'Create the webhook disabled')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: one JSON object per line on stdout, no colour, bars or prompts')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: no banners, hints or progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: no banners, hints or progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: each API call (method, URL, status, timing), relay traffic')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: each API call (method, URL, status, timing), relay traffic')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required to delete without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required to delete without a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'zernio-hooks;update' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Webhook name (1-50 characters)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Endpoint URL Zernio delivers to')
            [CompletionResult]::new('--events', '--events', [CompletionResultType]::ParameterName, 'Events to subscribe to (comma-separated or repeated)')
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'The signing secret')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'A custom header Zernio sends with each delivery; repeatable')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'A custom header Zernio sends with each delivery; repeatable')
            [CompletionResult]::new('--disable-group', '--disable-group', [CompletionResultType]::ParameterName, 'A resource group this webhook never receives (publishing, messages, ...); repeatable')
            [CompletionResult]::new('--add-events', '--add-events', [CompletionResultType]::ParameterName, 'Add these events to the current subscription')
            [CompletionResult]::new('--remove-events', '--remove-events', [CompletionResultType]::ParameterName, 'Remove these events from the current subscription')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, NO_COLOR unset, TERM not dumb), always or never')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Zernio API key, sent as a Bearer token')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the Zernio API (staging is another base URL). Default: https://zernio.com/api')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use ([profiles.NAME])')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML). Default: <config dir>/zernio-hooks/config.toml')
            [CompletionResult]::new('--all-events', '--all-events', [CompletionResultType]::ParameterName, 'Subscribe to every event type')
            [CompletionResult]::new('--generate-secret', '--generate-secret', [CompletionResultType]::ParameterName, 'Generate a random secret (32 bytes, hex) and print it once')
            [CompletionResult]::new('--print-secret', '--print-secret', [CompletionResultType]::ParameterName, 'With --generate-secret: print only the secret on stdout, for scripts')
            [CompletionResult]::new('--enable', '--enable', [CompletionResultType]::ParameterName, 'Turn delivery on')
            [CompletionResult]::new('--disable', '--disable', [CompletionResultType]::ParameterName, 'Turn delivery off')
            [CompletionResult]::new('--clear-headers', '--clear-headers', [CompletionResultType]::ParameterName, 'Remove every custom header (combine with --header to replace them)')
            [CompletionResult]::new('--clear-disabled-groups', '--clear-disabled-groups', [CompletionResultType]::ParameterName, 'Receive every resource group again (clears disabledResourceGroups)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: one JSON object per line on stdout, no colour, bars or prompts')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: no banners, hints or progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: no banners, hints or progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: each API call (method, URL, status, timing), relay traffic')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: each API call (method, URL, status, timing), relay traffic')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required to delete without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required to delete without a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'zernio-hooks;delete' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, NO_COLOR unset, TERM not dumb), always or never')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Zernio API key, sent as a Bearer token')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the Zernio API (staging is another base URL). Default: https://zernio.com/api')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use ([profiles.NAME])')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML). Default: <config dir>/zernio-hooks/config.toml')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: one JSON object per line on stdout, no colour, bars or prompts')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: no banners, hints or progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: no banners, hints or progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: each API call (method, URL, status, timing), relay traffic')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: each API call (method, URL, status, timing), relay traffic')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required to delete without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required to delete without a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'zernio-hooks;test' {
            [CompletionResult]::new('--wait-timeout', '--wait-timeout', [CompletionResultType]::ParameterName, 'How long --wait looks for the logged delivery')
            [CompletionResult]::new('--wait-interval', '--wait-interval', [CompletionResultType]::ParameterName, 'How often --wait polls the logs')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, NO_COLOR unset, TERM not dumb), always or never')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Zernio API key, sent as a Bearer token')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the Zernio API (staging is another base URL). Default: https://zernio.com/api')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use ([profiles.NAME])')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML). Default: <config dir>/zernio-hooks/config.toml')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Then wait for the test delivery in the delivery logs and report its status')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: one JSON object per line on stdout, no colour, bars or prompts')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: no banners, hints or progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: no banners, hints or progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: each API call (method, URL, status, timing), relay traffic')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: each API call (method, URL, status, timing), relay traffic')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required to delete without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required to delete without a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'zernio-hooks;logs' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only deliveries with this outcome')
            [CompletionResult]::new('--event', '--event', [CompletionResultType]::ParameterName, 'Only this event type')
            [CompletionResult]::new('--webhook', '--webhook', [CompletionResultType]::ParameterName, 'Only this webhook (ID or name)')
            [CompletionResult]::new('--event-id', '--event-id', [CompletionResultType]::ParameterName, 'Only this event ID')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Entries per page (1-100)')
            [CompletionResult]::new('--skip', '--skip', [CompletionResultType]::ParameterName, 'Entries to skip (0-10000)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only entries newer than this (e.g. 30m, 2h, 7d)')
            [CompletionResult]::new('--interval', '--interval', [CompletionResultType]::ParameterName, 'How often --follow polls')
            [CompletionResult]::new('--save', '--save', [CompletionResultType]::ParameterName, 'Write each entry''s requestPayload into this folder as a payload file `replay` accepts')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, NO_COLOR unset, TERM not dumb), always or never')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Zernio API key, sent as a Bearer token')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the Zernio API (staging is another base URL). Default: https://zernio.com/api')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use ([profiles.NAME])')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML). Default: <config dir>/zernio-hooks/config.toml')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Follow pagination to the end (within the API''s skip bound of 10000)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Keep polling and print new entries as they appear, until Ctrl-C')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Keep polling and print new entries as they appear, until Ctrl-C')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Add the URL and error columns')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: one JSON object per line on stdout, no colour, bars or prompts')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: no banners, hints or progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: no banners, hints or progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: each API call (method, URL, status, timing), relay traffic')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: each API call (method, URL, status, timing), relay traffic')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required to delete without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required to delete without a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'zernio-hooks;config' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, NO_COLOR unset, TERM not dumb), always or never')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Zernio API key, sent as a Bearer token')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the Zernio API (staging is another base URL). Default: https://zernio.com/api')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use ([profiles.NAME])')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML). Default: <config dir>/zernio-hooks/config.toml')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: one JSON object per line on stdout, no colour, bars or prompts')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: no banners, hints or progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: no banners, hints or progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: each API call (method, URL, status, timing), relay traffic')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: each API call (method, URL, status, timing), relay traffic')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required to delete without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required to delete without a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'zernio-hooks;prune' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, NO_COLOR unset, TERM not dumb), always or never')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Zernio API key, sent as a Bearer token')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the Zernio API (staging is another base URL). Default: https://zernio.com/api')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use ([profiles.NAME])')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML). Default: <config dir>/zernio-hooks/config.toml')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be removed; remove nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: one JSON object per line on stdout, no colour, bars or prompts')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: no banners, hints or progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: no banners, hints or progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: each API call (method, URL, status, timing), relay traffic')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: each API call (method, URL, status, timing), relay traffic')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required to delete without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required to delete without a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'zernio-hooks;relay' {
            [CompletionResult]::new('--bind', '--bind', [CompletionResultType]::ParameterName, 'Address to listen on')
            [CompletionResult]::new('--public-url', '--public-url', [CompletionResultType]::ParameterName, 'The URL users see, when the relay runs behind a TLS proxy')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'Token required to subscribe to channels and to answer deliveries')
            [CompletionResult]::new('--max-body', '--max-body', [CompletionResultType]::ParameterName, 'Largest delivery body accepted')
            [CompletionResult]::new('--buffer', '--buffer', [CompletionResultType]::ParameterName, 'Deliveries kept per channel while no client is connected (0: answer 503 instead)')
            [CompletionResult]::new('--buffer-bytes', '--buffer-bytes', [CompletionResultType]::ParameterName, 'Most bytes buffered per channel')
            [CompletionResult]::new('--hold', '--hold', [CompletionResultType]::ParameterName, 'How long a delivery waits for the client''s answer (keep it under Zernio''s 5 s)')
            [CompletionResult]::new('--ingress-header', '--ingress-header', [CompletionResultType]::ParameterName, 'A header every delivery must carry (set it as a custom header on the Zernio webhook)')
            [CompletionResult]::new('--max-streams', '--max-streams', [CompletionResultType]::ParameterName, 'Most open event streams per channel')
            [CompletionResult]::new('--ping', '--ping', [CompletionResultType]::ParameterName, 'Interval between keep-alive pings on event streams')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, NO_COLOR unset, TERM not dumb), always or never')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Zernio API key, sent as a Bearer token')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the Zernio API (staging is another base URL). Default: https://zernio.com/api')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use ([profiles.NAME])')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML). Default: <config dir>/zernio-hooks/config.toml')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: one JSON object per line on stdout, no colour, bars or prompts')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: no banners, hints or progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: no banners, hints or progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: each API call (method, URL, status, timing), relay traffic')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: each API call (method, URL, status, timing), relay traffic')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required to delete without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required to delete without a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'zernio-hooks;completions' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour: auto (a terminal, NO_COLOR unset, TERM not dumb), always or never')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Zernio API key, sent as a Bearer token')
            [CompletionResult]::new('--api-url', '--api-url', [CompletionResultType]::ParameterName, 'Base URL of the Zernio API (staging is another base URL). Default: https://zernio.com/api')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile of the config file to use ([profiles.NAME])')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (TOML). Default: <config dir>/zernio-hooks/config.toml')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Machine-readable output: one JSON object per line on stdout, no colour, bars or prompts')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print less: no banners, hints or progress bars')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print less: no banners, hints or progress bars')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more: each API call (method, URL, status, timing), relay traffic')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more: each API call (method, URL, status, timing), relay traffic')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required to delete without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to confirmations (required to delete without a terminal)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'zernio-hooks;help' {
            [CompletionResult]::new('listen', 'listen', [CompletionResultType]::ParameterValue, 'Receive deliveries: verify, explain, print, capture and forward them')
            [CompletionResult]::new('replay', 'replay', [CompletionResultType]::ParameterValue, 'Send saved payloads to an endpoint exactly as Zernio would, signed, and check the answers')
            [CompletionResult]::new('trigger', 'trigger', [CompletionResultType]::ParameterValue, 'Make a realistic payload of any event type; print it or send it')
            [CompletionResult]::new('events', 'events', [CompletionResultType]::ParameterValue, 'The catalogue of the 49 event types, from the embedded OpenAPI document')
            [CompletionResult]::new('sign', 'sign', [CompletionResultType]::ParameterValue, 'Print the X-Zernio-Signature value for the exact bytes of a file or stdin')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check an X-Zernio-Signature value against a body; exit 3 (and say why) when it does not match')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the webhooks configured in Zernio')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a webhook in Zernio')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a webhook in Zernio; only the fields you give change')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a webhook in Zernio')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Ask Zernio to send a webhook.test delivery to a webhook, and report what happened')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Zernio''s delivery logs: filter, follow, and save payloads as replayable fixtures')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show the resolved settings (API URL, key, profile) and where each came from')
            [CompletionResult]::new('prune', 'prune', [CompletionResultType]::ParameterValue, 'Remove temporary webhooks left behind by `listen --register` (after a kill -9, say)')
            [CompletionResult]::new('relay', 'relay', [CompletionResultType]::ParameterValue, 'Run the self-hostable relay: the public end of the tunnel')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'zernio-hooks;help;listen' {
            break
        }
        'zernio-hooks;help;replay' {
            break
        }
        'zernio-hooks;help;trigger' {
            break
        }
        'zernio-hooks;help;events' {
            break
        }
        'zernio-hooks;help;sign' {
            break
        }
        'zernio-hooks;help;verify' {
            break
        }
        'zernio-hooks;help;list' {
            break
        }
        'zernio-hooks;help;create' {
            break
        }
        'zernio-hooks;help;update' {
            break
        }
        'zernio-hooks;help;delete' {
            break
        }
        'zernio-hooks;help;test' {
            break
        }
        'zernio-hooks;help;logs' {
            break
        }
        'zernio-hooks;help;config' {
            break
        }
        'zernio-hooks;help;prune' {
            break
        }
        'zernio-hooks;help;relay' {
            break
        }
        'zernio-hooks;help;completions' {
            break
        }
        'zernio-hooks;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
