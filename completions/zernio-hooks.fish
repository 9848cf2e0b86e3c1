# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_zernio_hooks_global_optspecs
    string join \n color= json q/quiet v/verbose api-key= api-url= profile= config= y/yes h/help V/version
end

function __fish_zernio_hooks_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_zernio_hooks_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_zernio_hooks_using_subcommand
    set -l cmd (__fish_zernio_hooks_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c zernio-hooks -n "__fish_zernio_hooks_needs_command" -l color -d 'When to use colour: auto (a terminal, NO_COLOR unset, TERM not dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c zernio-hooks -n "__fish_zernio_hooks_needs_command" -l api-key -d 'Zernio API key, sent as a Bearer token' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_needs_command" -l api-url -d 'Base URL of the Zernio API (staging is another base URL). Default: https://zernio.com/api' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_needs_command" -l profile -d 'Profile of the config file to use ([profiles.NAME])' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_needs_command" -l config -d 'Config file (TOML). Default: <config dir>/zernio-hooks/config.toml' -r -F
complete -c zernio-hooks -n "__fish_zernio_hooks_needs_command" -l json -d 'Machine-readable output: one JSON object per line on stdout, no colour, bars or prompts'
complete -c zernio-hooks -n "__fish_zernio_hooks_needs_command" -s q -l quiet -d 'Print less: no banners, hints or progress bars'
complete -c zernio-hooks -n "__fish_zernio_hooks_needs_command" -s v -l verbose -d 'Print more: each API call (method, URL, status, timing), relay traffic'
complete -c zernio-hooks -n "__fish_zernio_hooks_needs_command" -s y -l yes -d 'Answer yes to confirmations (required to delete without a terminal)'
complete -c zernio-hooks -n "__fish_zernio_hooks_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c zernio-hooks -n "__fish_zernio_hooks_needs_command" -s V -l version -d 'Print version'
complete -c zernio-hooks -n "__fish_zernio_hooks_needs_command" -f -a "listen" -d 'Receive deliveries: verify, explain, print, capture and forward them'
complete -c zernio-hooks -n "__fish_zernio_hooks_needs_command" -f -a "replay" -d 'Send saved payloads to an endpoint exactly as Zernio would, signed, and check the answers'
complete -c zernio-hooks -n "__fish_zernio_hooks_needs_command" -f -a "trigger" -d 'Make a realistic payload of any event type; print it or send it'
complete -c zernio-hooks -n "__fish_zernio_hooks_needs_command" -f -a "events" -d 'The catalogue of the 49 event types, from the embedded OpenAPI document'
complete -c zernio-hooks -n "__fish_zernio_hooks_needs_command" -f -a "sign" -d 'Print the X-Zernio-Signature value for the exact bytes of a file or stdin'
complete -c zernio-hooks -n "__fish_zernio_hooks_needs_command" -f -a "verify" -d 'Check an X-Zernio-Signature value against a body; exit 3 (and say why) when it does not match'
complete -c zernio-hooks -n "__fish_zernio_hooks_needs_command" -f -a "list" -d 'List the webhooks configured in Zernio'
complete -c zernio-hooks -n "__fish_zernio_hooks_needs_command" -f -a "create" -d 'Create a webhook in Zernio'
complete -c zernio-hooks -n "__fish_zernio_hooks_needs_command" -f -a "update" -d 'Change a webhook in Zernio; only the fields you give change'
complete -c zernio-hooks -n "__fish_zernio_hooks_needs_command" -f -a "delete" -d 'Delete a webhook in Zernio'
complete -c zernio-hooks -n "__fish_zernio_hooks_needs_command" -f -a "test" -d 'Ask Zernio to send a webhook.test delivery to a webhook, and report what happened'
complete -c zernio-hooks -n "__fish_zernio_hooks_needs_command" -f -a "logs" -d 'Zernio\'s delivery logs: filter, follow, and save payloads as replayable fixtures'
complete -c zernio-hooks -n "__fish_zernio_hooks_needs_command" -f -a "config" -d 'Show the resolved settings (API URL, key, profile) and where each came from'
complete -c zernio-hooks -n "__fish_zernio_hooks_needs_command" -f -a "prune" -d 'Remove temporary webhooks left behind by `listen --register` (after a kill -9, say)'
complete -c zernio-hooks -n "__fish_zernio_hooks_needs_command" -f -a "relay" -d 'Run the self-hostable relay: the public end of the tunnel'
complete -c zernio-hooks -n "__fish_zernio_hooks_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c zernio-hooks -n "__fish_zernio_hooks_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand listen" -l host -d 'Address to listen on' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand listen" -l port -d 'Port to listen on; 0 picks a free one' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand listen" -l secret -d 'The webhook secret (the same string configured in Zernio)' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand listen" -l secret-file -d 'Read the webhook secret from a file (surrounding whitespace is trimmed)' -r -F
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand listen" -l status -d 'Status to answer accepted deliveries with (when not forwarding)' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand listen" -l max-body -d 'Largest body accepted; larger ones get 413 without being read' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand listen" -l events -d 'Print only these event types in full; others are acknowledged, captured and shown as one line' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand listen" -l save -d 'Write every request to this folder (one capture file each) before answering it' -r -F
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand listen" -l forward-to -d 'Send each accepted delivery on to your app at this URL; its answer goes back to the sender' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand listen" -l forward-secret -d 'Secret to re-sign forwarded deliveries with (default: the listen secret)' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand listen" -l forward-timeout -d 'How long the app may take to answer a forwarded delivery before the sender gets 504' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand listen" -l exit-after -d 'Exit 0 after this many accepted deliveries (of the --events types, if given)' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand listen" -l timeout -d 'With --exit-after: exit 1 if the deliveries have not arrived within this time' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand listen" -l relay -d 'Receive deliveries through a relay channel URL (a zernio-hooks relay, or smee-compatible)' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand listen" -l relay-token -d 'Token for the relay (sent as a Bearer token)' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand listen" -l tunnel -d 'Start an external tunnel program and use its public URL: cloudflared, ngrok or localhost.run' -r -f -a "cloudflared\t''
ngrok\t''
localhost.run\t''"
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand listen" -l tunnel-cmd -d 'A custom tunnel command; `{port}` is replaced with the local port' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand listen" -l tunnel-url-pattern -d 'Regex that finds the public URL in the tunnel command\'s output (first capture group, or the match)' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand listen" -l tunnel-timeout -d 'How long to wait for the tunnel program to print its URL' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand listen" -l public-url -d 'The public URL Zernio should deliver to (when you run your own proxy or tunnel)' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand listen" -l register -d 'Point a Zernio webhook at the public URL while listening: a temporary one (no argument), or an existing one by ID or name, restored on exit' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand listen" -l color -d 'When to use colour: auto (a terminal, NO_COLOR unset, TERM not dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand listen" -l api-key -d 'Zernio API key, sent as a Bearer token' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand listen" -l api-url -d 'Base URL of the Zernio API (staging is another base URL). Default: https://zernio.com/api' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand listen" -l profile -d 'Profile of the config file to use ([profiles.NAME])' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand listen" -l config -d 'Config file (TOML). Default: <config dir>/zernio-hooks/config.toml' -r -F
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand listen" -l accept-invalid -d 'Answer 2xx even when the signature is missing or wrong (still flagged)'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand listen" -l print-json -d 'Add each delivery\'s full JSON body to the output'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand listen" -l headers -d 'Add each delivery\'s headers to the output'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand listen" -l json -d 'Machine-readable output: one JSON object per line on stdout, no colour, bars or prompts'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand listen" -s q -l quiet -d 'Print less: no banners, hints or progress bars'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand listen" -s v -l verbose -d 'Print more: each API call (method, URL, status, timing), relay traffic'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand listen" -s y -l yes -d 'Answer yes to confirmations (required to delete without a terminal)'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand listen" -s h -l help -d 'Print help'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand listen" -s V -l version -d 'Print version'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand replay" -l to -d 'The endpoint to send to' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand replay" -l secret -d 'The webhook secret (the same string configured in Zernio)' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand replay" -l secret-file -d 'Read the webhook secret from a file (surrounding whitespace is trimmed)' -r -F
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand replay" -s H -l header -d 'Add a header to every delivery (Zernio\'s customHeaders); repeatable' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand replay" -l timeout -d 'How long the endpoint may take: Zernio\'s rule is a 2xx within 5 seconds' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand replay" -l expect -d 'The answer each delivery must get: a status code, or a class such as 2xx or 4xx' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand replay" -l repeat -d 'Send each event this many times with the same event ID, as Zernio\'s retries do' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand replay" -l retry -d 'Retry failed deliveries on a schedule: `zernio` is Zernio\'s (7 attempts, 10^(n-1) s apart)' -r -f -a "zernio\t''"
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand replay" -l retry-scale -d 'Multiply the retry delays by this factor (0.001 runs Zernio\'s whole schedule in about 3 minutes)' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand replay" -s c -l concurrency -d 'Deliveries in flight at once; results are still reported in input order' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand replay" -l rate -d 'Send at most this many deliveries per second (e.g. 50 or 50/s)' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand replay" -l report -d 'Write a JUnit XML report (one test case per delivery) to this file' -r -F
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand replay" -l color -d 'When to use colour: auto (a terminal, NO_COLOR unset, TERM not dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand replay" -l api-key -d 'Zernio API key, sent as a Bearer token' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand replay" -l api-url -d 'Base URL of the Zernio API (staging is another base URL). Default: https://zernio.com/api' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand replay" -l profile -d 'Profile of the config file to use ([profiles.NAME])' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand replay" -l config -d 'Config file (TOML). Default: <config dir>/zernio-hooks/config.toml' -r -F
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand replay" -l allow-unknown -d 'Accept event types that are not in the catalogue'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand replay" -l legacy-headers -d 'Also send the legacy X-Late-Signature, X-Late-Event and X-Late-Event-Id headers'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand replay" -l tamper -d 'Send each delivery with a deliberately wrong signature (expects 401 or 403 unless --expect says otherwise)'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand replay" -l fresh -d 'Give each payload a new id and timestamp (re-serialised; the signature covers the new bytes)'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand replay" -l dry-run -d 'Print the exact headers and signature each delivery would have; send nothing'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand replay" -l json -d 'Machine-readable output: one JSON object per line on stdout, no colour, bars or prompts'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand replay" -s q -l quiet -d 'Print less: no banners, hints or progress bars'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand replay" -s v -l verbose -d 'Print more: each API call (method, URL, status, timing), relay traffic'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand replay" -s y -l yes -d 'Answer yes to confirmations (required to delete without a terminal)'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand replay" -s h -l help -d 'Print help'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand replay" -s V -l version -d 'Print version'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand trigger" -l set -d 'Override a field by dotted path, e.g. post.content=Hello or post.platforms.0.status=failed' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand trigger" -l to -d 'Send the payload to this endpoint, exactly as `replay` would' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand trigger" -l secret -d 'The webhook secret (the same string configured in Zernio)' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand trigger" -l secret-file -d 'Read the webhook secret from a file (surrounding whitespace is trimmed)' -r -F
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand trigger" -s H -l header -d 'Add a header to every delivery (Zernio\'s customHeaders); repeatable' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand trigger" -l timeout -d 'How long the endpoint may take: Zernio\'s rule is a 2xx within 5 seconds' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand trigger" -l expect -d 'The answer each delivery must get: a status code, or a class such as 2xx or 4xx' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand trigger" -l repeat -d 'Send each event this many times with the same event ID, as Zernio\'s retries do' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand trigger" -l retry -d 'Retry failed deliveries on a schedule: `zernio` is Zernio\'s (7 attempts, 10^(n-1) s apart)' -r -f -a "zernio\t''"
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand trigger" -l retry-scale -d 'Multiply the retry delays by this factor (0.001 runs Zernio\'s whole schedule in about 3 minutes)' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand trigger" -s c -l concurrency -d 'Deliveries in flight at once; results are still reported in input order' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand trigger" -l rate -d 'Send at most this many deliveries per second (e.g. 50 or 50/s)' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand trigger" -l report -d 'Write a JUnit XML report (one test case per delivery) to this file' -r -F
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand trigger" -l color -d 'When to use colour: auto (a terminal, NO_COLOR unset, TERM not dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand trigger" -l api-key -d 'Zernio API key, sent as a Bearer token' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand trigger" -l api-url -d 'Base URL of the Zernio API (staging is another base URL). Default: https://zernio.com/api' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand trigger" -l profile -d 'Profile of the config file to use ([profiles.NAME])' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand trigger" -l config -d 'Config file (TOML). Default: <config dir>/zernio-hooks/config.toml' -r -F
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand trigger" -l compact -d 'Print the payload on one line'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand trigger" -l legacy-headers -d 'Also send the legacy X-Late-Signature, X-Late-Event and X-Late-Event-Id headers'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand trigger" -l tamper -d 'Send each delivery with a deliberately wrong signature (expects 401 or 403 unless --expect says otherwise)'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand trigger" -l fresh -d 'Give each payload a new id and timestamp (re-serialised; the signature covers the new bytes)'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand trigger" -l dry-run -d 'Print the exact headers and signature each delivery would have; send nothing'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand trigger" -l json -d 'Machine-readable output: one JSON object per line on stdout, no colour, bars or prompts'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand trigger" -s q -l quiet -d 'Print less: no banners, hints or progress bars'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand trigger" -s v -l verbose -d 'Print more: each API call (method, URL, status, timing), relay traffic'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand trigger" -s y -l yes -d 'Answer yes to confirmations (required to delete without a terminal)'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand trigger" -s h -l help -d 'Print help'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand trigger" -s V -l version -d 'Print version'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand events" -l group -d 'Show only these resource groups (publishing, messages, ...)' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand events" -l color -d 'When to use colour: auto (a terminal, NO_COLOR unset, TERM not dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand events" -l api-key -d 'Zernio API key, sent as a Bearer token' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand events" -l api-url -d 'Base URL of the Zernio API (staging is another base URL). Default: https://zernio.com/api' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand events" -l profile -d 'Profile of the config file to use ([profiles.NAME])' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand events" -l config -d 'Config file (TOML). Default: <config dir>/zernio-hooks/config.toml' -r -F
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand events" -l core -d 'Show only the 12 core events'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand events" -l json -d 'Machine-readable output: one JSON object per line on stdout, no colour, bars or prompts'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand events" -s q -l quiet -d 'Print less: no banners, hints or progress bars'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand events" -s v -l verbose -d 'Print more: each API call (method, URL, status, timing), relay traffic'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand events" -s y -l yes -d 'Answer yes to confirmations (required to delete without a terminal)'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand events" -s h -l help -d 'Print help'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand events" -s V -l version -d 'Print version'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand sign" -l secret -d 'The webhook secret (the same string configured in Zernio)' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand sign" -l secret-file -d 'Read the webhook secret from a file (surrounding whitespace is trimmed)' -r -F
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand sign" -l color -d 'When to use colour: auto (a terminal, NO_COLOR unset, TERM not dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand sign" -l api-key -d 'Zernio API key, sent as a Bearer token' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand sign" -l api-url -d 'Base URL of the Zernio API (staging is another base URL). Default: https://zernio.com/api' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand sign" -l profile -d 'Profile of the config file to use ([profiles.NAME])' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand sign" -l config -d 'Config file (TOML). Default: <config dir>/zernio-hooks/config.toml' -r -F
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand sign" -l json -d 'Machine-readable output: one JSON object per line on stdout, no colour, bars or prompts'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand sign" -s q -l quiet -d 'Print less: no banners, hints or progress bars'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand sign" -s v -l verbose -d 'Print more: each API call (method, URL, status, timing), relay traffic'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand sign" -s y -l yes -d 'Answer yes to confirmations (required to delete without a terminal)'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand sign" -s h -l help -d 'Print help'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand sign" -s V -l version -d 'Print version'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand verify" -l secret -d 'The webhook secret (the same string configured in Zernio)' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand verify" -l secret-file -d 'Read the webhook secret from a file (surrounding whitespace is trimmed)' -r -F
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand verify" -l signature -d 'The X-Zernio-Signature value to check' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand verify" -l event-id -d 'The X-Zernio-Event-Id header that came with the body, to tell a mixed-up delivery apart' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand verify" -l color -d 'When to use colour: auto (a terminal, NO_COLOR unset, TERM not dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand verify" -l api-key -d 'Zernio API key, sent as a Bearer token' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand verify" -l api-url -d 'Base URL of the Zernio API (staging is another base URL). Default: https://zernio.com/api' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand verify" -l profile -d 'Profile of the config file to use ([profiles.NAME])' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand verify" -l config -d 'Config file (TOML). Default: <config dir>/zernio-hooks/config.toml' -r -F
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand verify" -l json -d 'Machine-readable output: one JSON object per line on stdout, no colour, bars or prompts'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand verify" -s q -l quiet -d 'Print less: no banners, hints or progress bars'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand verify" -s v -l verbose -d 'Print more: each API call (method, URL, status, timing), relay traffic'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand verify" -s y -l yes -d 'Answer yes to confirmations (required to delete without a terminal)'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand verify" -s h -l help -d 'Print help'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand verify" -s V -l version -d 'Print version'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand list" -l color -d 'When to use colour: auto (a terminal, NO_COLOR unset, TERM not dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand list" -l api-key -d 'Zernio API key, sent as a Bearer token' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand list" -l api-url -d 'Base URL of the Zernio API (staging is another base URL). Default: https://zernio.com/api' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand list" -l profile -d 'Profile of the config file to use ([profiles.NAME])' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand list" -l config -d 'Config file (TOML). Default: <config dir>/zernio-hooks/config.toml' -r -F
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand list" -l json -d 'Machine-readable output: one JSON object per line on stdout, no colour, bars or prompts'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand list" -s q -l quiet -d 'Print less: no banners, hints or progress bars'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand list" -s v -l verbose -d 'Print more: each API call (method, URL, status, timing), relay traffic'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand list" -s y -l yes -d 'Answer yes to confirmations (required to delete without a terminal)'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand list" -s h -l help -d 'Print help'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand list" -s V -l version -d 'Print version'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand create" -l name -d 'Webhook name (1-50 characters)' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand create" -l url -d 'Endpoint URL Zernio delivers to' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand create" -l events -d 'Events to subscribe to (comma-separated or repeated)' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand create" -l secret -d 'The signing secret' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand create" -s H -l header -d 'A custom header Zernio sends with each delivery; repeatable' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand create" -l disable-group -d 'A resource group this webhook never receives (publishing, messages, ...); repeatable' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand create" -l color -d 'When to use colour: auto (a terminal, NO_COLOR unset, TERM not dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand create" -l api-key -d 'Zernio API key, sent as a Bearer token' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand create" -l api-url -d 'Base URL of the Zernio API (staging is another base URL). Default: https://zernio.com/api' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand create" -l profile -d 'Profile of the config file to use ([profiles.NAME])' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand create" -l config -d 'Config file (TOML). Default: <config dir>/zernio-hooks/config.toml' -r -F
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand create" -l all-events -d 'Subscribe to every event type'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand create" -l generate-secret -d 'Generate a random secret (32 bytes, hex) and print it once'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand create" -l print-secret -d 'With --generate-secret: print only the secret on stdout, for scripts'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand create" -l inactive -d 'Create the webhook disabled'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand create" -l json -d 'Machine-readable output: one JSON object per line on stdout, no colour, bars or prompts'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand create" -s q -l quiet -d 'Print less: no banners, hints or progress bars'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand create" -s v -l verbose -d 'Print more: each API call (method, URL, status, timing), relay traffic'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand create" -s y -l yes -d 'Answer yes to confirmations (required to delete without a terminal)'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand create" -s V -l version -d 'Print version'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand update" -l name -d 'Webhook name (1-50 characters)' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand update" -l url -d 'Endpoint URL Zernio delivers to' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand update" -l events -d 'Events to subscribe to (comma-separated or repeated)' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand update" -l secret -d 'The signing secret' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand update" -s H -l header -d 'A custom header Zernio sends with each delivery; repeatable' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand update" -l disable-group -d 'A resource group this webhook never receives (publishing, messages, ...); repeatable' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand update" -l add-events -d 'Add these events to the current subscription' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand update" -l remove-events -d 'Remove these events from the current subscription' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand update" -l color -d 'When to use colour: auto (a terminal, NO_COLOR unset, TERM not dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand update" -l api-key -d 'Zernio API key, sent as a Bearer token' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand update" -l api-url -d 'Base URL of the Zernio API (staging is another base URL). Default: https://zernio.com/api' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand update" -l profile -d 'Profile of the config file to use ([profiles.NAME])' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand update" -l config -d 'Config file (TOML). Default: <config dir>/zernio-hooks/config.toml' -r -F
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand update" -l all-events -d 'Subscribe to every event type'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand update" -l generate-secret -d 'Generate a random secret (32 bytes, hex) and print it once'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand update" -l print-secret -d 'With --generate-secret: print only the secret on stdout, for scripts'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand update" -l enable -d 'Turn delivery on'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand update" -l disable -d 'Turn delivery off'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand update" -l clear-headers -d 'Remove every custom header (combine with --header to replace them)'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand update" -l clear-disabled-groups -d 'Receive every resource group again (clears disabledResourceGroups)'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand update" -l json -d 'Machine-readable output: one JSON object per line on stdout, no colour, bars or prompts'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand update" -s q -l quiet -d 'Print less: no banners, hints or progress bars'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand update" -s v -l verbose -d 'Print more: each API call (method, URL, status, timing), relay traffic'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand update" -s y -l yes -d 'Answer yes to confirmations (required to delete without a terminal)'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand update" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand update" -s V -l version -d 'Print version'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand delete" -l color -d 'When to use colour: auto (a terminal, NO_COLOR unset, TERM not dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand delete" -l api-key -d 'Zernio API key, sent as a Bearer token' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand delete" -l api-url -d 'Base URL of the Zernio API (staging is another base URL). Default: https://zernio.com/api' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand delete" -l profile -d 'Profile of the config file to use ([profiles.NAME])' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand delete" -l config -d 'Config file (TOML). Default: <config dir>/zernio-hooks/config.toml' -r -F
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand delete" -l json -d 'Machine-readable output: one JSON object per line on stdout, no colour, bars or prompts'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand delete" -s q -l quiet -d 'Print less: no banners, hints or progress bars'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand delete" -s v -l verbose -d 'Print more: each API call (method, URL, status, timing), relay traffic'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand delete" -s y -l yes -d 'Answer yes to confirmations (required to delete without a terminal)'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand delete" -s h -l help -d 'Print help'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand delete" -s V -l version -d 'Print version'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand test" -l wait-timeout -d 'How long --wait looks for the logged delivery' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand test" -l wait-interval -d 'How often --wait polls the logs' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand test" -l color -d 'When to use colour: auto (a terminal, NO_COLOR unset, TERM not dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand test" -l api-key -d 'Zernio API key, sent as a Bearer token' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand test" -l api-url -d 'Base URL of the Zernio API (staging is another base URL). Default: https://zernio.com/api' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand test" -l profile -d 'Profile of the config file to use ([profiles.NAME])' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand test" -l config -d 'Config file (TOML). Default: <config dir>/zernio-hooks/config.toml' -r -F
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand test" -l wait -d 'Then wait for the test delivery in the delivery logs and report its status'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand test" -l json -d 'Machine-readable output: one JSON object per line on stdout, no colour, bars or prompts'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand test" -s q -l quiet -d 'Print less: no banners, hints or progress bars'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand test" -s v -l verbose -d 'Print more: each API call (method, URL, status, timing), relay traffic'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand test" -s y -l yes -d 'Answer yes to confirmations (required to delete without a terminal)'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand test" -s h -l help -d 'Print help'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand test" -s V -l version -d 'Print version'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand logs" -l status -d 'Only deliveries with this outcome' -r -f -a "success\t''
failed\t''"
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand logs" -l event -d 'Only this event type' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand logs" -l webhook -d 'Only this webhook (ID or name)' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand logs" -l event-id -d 'Only this event ID' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand logs" -l limit -d 'Entries per page (1-100)' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand logs" -l skip -d 'Entries to skip (0-10000)' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand logs" -l since -d 'Only entries newer than this (e.g. 30m, 2h, 7d)' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand logs" -l interval -d 'How often --follow polls' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand logs" -l save -d 'Write each entry\'s requestPayload into this folder as a payload file `replay` accepts' -r -F
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand logs" -l color -d 'When to use colour: auto (a terminal, NO_COLOR unset, TERM not dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand logs" -l api-key -d 'Zernio API key, sent as a Bearer token' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand logs" -l api-url -d 'Base URL of the Zernio API (staging is another base URL). Default: https://zernio.com/api' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand logs" -l profile -d 'Profile of the config file to use ([profiles.NAME])' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand logs" -l config -d 'Config file (TOML). Default: <config dir>/zernio-hooks/config.toml' -r -F
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand logs" -l all -d 'Follow pagination to the end (within the API\'s skip bound of 10000)'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand logs" -s f -l follow -d 'Keep polling and print new entries as they appear, until Ctrl-C'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand logs" -l wide -d 'Add the URL and error columns'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand logs" -l json -d 'Machine-readable output: one JSON object per line on stdout, no colour, bars or prompts'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand logs" -s q -l quiet -d 'Print less: no banners, hints or progress bars'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand logs" -s v -l verbose -d 'Print more: each API call (method, URL, status, timing), relay traffic'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand logs" -s y -l yes -d 'Answer yes to confirmations (required to delete without a terminal)'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand logs" -s h -l help -d 'Print help'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand logs" -s V -l version -d 'Print version'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand config" -l color -d 'When to use colour: auto (a terminal, NO_COLOR unset, TERM not dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand config" -l api-key -d 'Zernio API key, sent as a Bearer token' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand config" -l api-url -d 'Base URL of the Zernio API (staging is another base URL). Default: https://zernio.com/api' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand config" -l profile -d 'Profile of the config file to use ([profiles.NAME])' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand config" -l config -d 'Config file (TOML). Default: <config dir>/zernio-hooks/config.toml' -r -F
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand config" -l json -d 'Machine-readable output: one JSON object per line on stdout, no colour, bars or prompts'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand config" -s q -l quiet -d 'Print less: no banners, hints or progress bars'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand config" -s v -l verbose -d 'Print more: each API call (method, URL, status, timing), relay traffic'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand config" -s y -l yes -d 'Answer yes to confirmations (required to delete without a terminal)'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand config" -s h -l help -d 'Print help'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand config" -s V -l version -d 'Print version'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand prune" -l color -d 'When to use colour: auto (a terminal, NO_COLOR unset, TERM not dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand prune" -l api-key -d 'Zernio API key, sent as a Bearer token' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand prune" -l api-url -d 'Base URL of the Zernio API (staging is another base URL). Default: https://zernio.com/api' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand prune" -l profile -d 'Profile of the config file to use ([profiles.NAME])' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand prune" -l config -d 'Config file (TOML). Default: <config dir>/zernio-hooks/config.toml' -r -F
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand prune" -l dry-run -d 'Show what would be removed; remove nothing'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand prune" -l json -d 'Machine-readable output: one JSON object per line on stdout, no colour, bars or prompts'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand prune" -s q -l quiet -d 'Print less: no banners, hints or progress bars'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand prune" -s v -l verbose -d 'Print more: each API call (method, URL, status, timing), relay traffic'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand prune" -s y -l yes -d 'Answer yes to confirmations (required to delete without a terminal)'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand prune" -s h -l help -d 'Print help'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand prune" -s V -l version -d 'Print version'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand relay" -l bind -d 'Address to listen on' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand relay" -l public-url -d 'The URL users see, when the relay runs behind a TLS proxy' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand relay" -l token -d 'Token required to subscribe to channels and to answer deliveries' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand relay" -l max-body -d 'Largest delivery body accepted' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand relay" -l buffer -d 'Deliveries kept per channel while no client is connected (0: answer 503 instead)' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand relay" -l buffer-bytes -d 'Most bytes buffered per channel' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand relay" -l hold -d 'How long a delivery waits for the client\'s answer (keep it under Zernio\'s 5 s)' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand relay" -l ingress-header -d 'A header every delivery must carry (set it as a custom header on the Zernio webhook)' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand relay" -l max-streams -d 'Most open event streams per channel' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand relay" -l ping -d 'Interval between keep-alive pings on event streams' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand relay" -l color -d 'When to use colour: auto (a terminal, NO_COLOR unset, TERM not dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand relay" -l api-key -d 'Zernio API key, sent as a Bearer token' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand relay" -l api-url -d 'Base URL of the Zernio API (staging is another base URL). Default: https://zernio.com/api' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand relay" -l profile -d 'Profile of the config file to use ([profiles.NAME])' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand relay" -l config -d 'Config file (TOML). Default: <config dir>/zernio-hooks/config.toml' -r -F
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand relay" -l json -d 'Machine-readable output: one JSON object per line on stdout, no colour, bars or prompts'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand relay" -s q -l quiet -d 'Print less: no banners, hints or progress bars'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand relay" -s v -l verbose -d 'Print more: each API call (method, URL, status, timing), relay traffic'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand relay" -s y -l yes -d 'Answer yes to confirmations (required to delete without a terminal)'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand relay" -s h -l help -d 'Print help'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand relay" -s V -l version -d 'Print version'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand completions" -l color -d 'When to use colour: auto (a terminal, NO_COLOR unset, TERM not dumb), always or never' -r -f -a "auto\t''
always\t''
never\t''"
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand completions" -l api-key -d 'Zernio API key, sent as a Bearer token' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand completions" -l api-url -d 'Base URL of the Zernio API (staging is another base URL). Default: https://zernio.com/api' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand completions" -l profile -d 'Profile of the config file to use ([profiles.NAME])' -r
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand completions" -l config -d 'Config file (TOML). Default: <config dir>/zernio-hooks/config.toml' -r -F
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand completions" -l json -d 'Machine-readable output: one JSON object per line on stdout, no colour, bars or prompts'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand completions" -s q -l quiet -d 'Print less: no banners, hints or progress bars'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand completions" -s v -l verbose -d 'Print more: each API call (method, URL, status, timing), relay traffic'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand completions" -s y -l yes -d 'Answer yes to confirmations (required to delete without a terminal)'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand completions" -s h -l help -d 'Print help'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand completions" -s V -l version -d 'Print version'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand help; and not __fish_seen_subcommand_from listen replay trigger events sign verify list create update delete test logs config prune relay completions help" -f -a "listen" -d 'Receive deliveries: verify, explain, print, capture and forward them'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand help; and not __fish_seen_subcommand_from listen replay trigger events sign verify list create update delete test logs config prune relay completions help" -f -a "replay" -d 'Send saved payloads to an endpoint exactly as Zernio would, signed, and check the answers'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand help; and not __fish_seen_subcommand_from listen replay trigger events sign verify list create update delete test logs config prune relay completions help" -f -a "trigger" -d 'Make a realistic payload of any event type; print it or send it'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand help; and not __fish_seen_subcommand_from listen replay trigger events sign verify list create update delete test logs config prune relay completions help" -f -a "events" -d 'The catalogue of the 49 event types, from the embedded OpenAPI document'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand help; and not __fish_seen_subcommand_from listen replay trigger events sign verify list create update delete test logs config prune relay completions help" -f -a "sign" -d 'Print the X-Zernio-Signature value for the exact bytes of a file or stdin'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand help; and not __fish_seen_subcommand_from listen replay trigger events sign verify list create update delete test logs config prune relay completions help" -f -a "verify" -d 'Check an X-Zernio-Signature value against a body; exit 3 (and say why) when it does not match'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand help; and not __fish_seen_subcommand_from listen replay trigger events sign verify list create update delete test logs config prune relay completions help" -f -a "list" -d 'List the webhooks configured in Zernio'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand help; and not __fish_seen_subcommand_from listen replay trigger events sign verify list create update delete test logs config prune relay completions help" -f -a "create" -d 'Create a webhook in Zernio'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand help; and not __fish_seen_subcommand_from listen replay trigger events sign verify list create update delete test logs config prune relay completions help" -f -a "update" -d 'Change a webhook in Zernio; only the fields you give change'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand help; and not __fish_seen_subcommand_from listen replay trigger events sign verify list create update delete test logs config prune relay completions help" -f -a "delete" -d 'Delete a webhook in Zernio'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand help; and not __fish_seen_subcommand_from listen replay trigger events sign verify list create update delete test logs config prune relay completions help" -f -a "test" -d 'Ask Zernio to send a webhook.test delivery to a webhook, and report what happened'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand help; and not __fish_seen_subcommand_from listen replay trigger events sign verify list create update delete test logs config prune relay completions help" -f -a "logs" -d 'Zernio\'s delivery logs: filter, follow, and save payloads as replayable fixtures'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand help; and not __fish_seen_subcommand_from listen replay trigger events sign verify list create update delete test logs config prune relay completions help" -f -a "config" -d 'Show the resolved settings (API URL, key, profile) and where each came from'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand help; and not __fish_seen_subcommand_from listen replay trigger events sign verify list create update delete test logs config prune relay completions help" -f -a "prune" -d 'Remove temporary webhooks left behind by `listen --register` (after a kill -9, say)'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand help; and not __fish_seen_subcommand_from listen replay trigger events sign verify list create update delete test logs config prune relay completions help" -f -a "relay" -d 'Run the self-hostable relay: the public end of the tunnel'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand help; and not __fish_seen_subcommand_from listen replay trigger events sign verify list create update delete test logs config prune relay completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c zernio-hooks -n "__fish_zernio_hooks_using_subcommand help; and not __fish_seen_subcommand_from listen replay trigger events sign verify list create update delete test logs config prune relay completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
