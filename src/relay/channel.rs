//! Relay channels: who is subscribed, which deliveries still wait for an answer or a client, and
//! what a reconnecting subscriber must be sent again.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use serde_json::{Map, Value, json};
use tokio::sync::{mpsc, oneshot};

use crate::relay::{RELAY_NAME, RawAnswer, RawDelivery, sse};
use crate::server::forward::is_hop_by_hop;

/// Deliveries a smee-format subscriber can ask for again with `Last-Event-ID`.
const RECENT: usize = 256;
/// Frames queued for one subscriber before it counts as stuck and is dropped.
const SUBSCRIBER_QUEUE: usize = 1024;
/// Most channels one relay keeps at once.
pub const MAX_CHANNELS: usize = 100_000;

/// Per-channel limits from the relay's flags.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Deliveries kept while no client is connected (0: refuse them with 503).
    pub buffer: usize,
    /// Most bytes of buffered bodies.
    pub buffer_bytes: u64,
    /// Most open event streams.
    pub max_streams: usize,
}

/// What became of a delivery offered to a channel.
#[derive(Debug)]
pub enum Offer {
    /// A raw client has it; wait for its answer.
    Held {
        id: u64,
        answer: oneshot::Receiver<RawAnswer>,
    },
    /// Only smee-format clients are connected: sent, but no answer will come.
    Broadcast { id: u64, clients: usize },
    /// No client: kept for the next one. `dropped` are older deliveries evicted to make room.
    Buffered { id: u64, dropped: Vec<u64> },
    /// No client and no buffering (or the delivery is larger than the whole buffer).
    NoClient,
}

struct Subscriber {
    key: u64,
    raw: bool,
    tx: mpsc::Sender<Bytes>,
}

struct Pending {
    raw_frame: Bytes,
    smee_frame: Bytes,
    size: u64,
    buffered: bool,
    waiter: Option<oneshot::Sender<RawAnswer>>,
}

#[derive(Default)]
struct State {
    next_id: u64,
    next_key: u64,
    subscribers: Vec<Subscriber>,
    pending: BTreeMap<u64, Pending>,
    recent: VecDeque<(u64, Bytes)>,
    buffered_bytes: u64,
}

impl State {
    /// IDs of the deliveries kept for a client that was not there, oldest first.
    fn buffered_ids(&self) -> Vec<u64> {
        self.pending
            .iter()
            .filter(|(_, p)| p.buffered)
            .map(|(id, _)| *id)
            .collect()
    }
}

/// One channel.
pub struct Channel {
    pub id: String,
    state: Mutex<State>,
}

impl std::fmt::Debug for Channel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Channel")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

/// Why a subscription was refused.
#[derive(Debug, PartialEq, Eq)]
pub struct TooManyStreams(pub usize);

impl Channel {
    fn new(id: String) -> Self {
        Channel {
            id,
            state: Mutex::new(State {
                next_id: 1,
                ..State::default()
            }),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Offer a delivery; `build` makes it once its sequence number is known.
    pub fn offer(&self, limits: Limits, build: impl FnOnce(u64) -> RawDelivery) -> Offer {
        let mut state = self.lock();
        let id = state.next_id;
        state.next_id += 1;
        let delivery = build(id);
        let size = delivery.body.len() as u64;
        let raw_frame = sse::encode(
            Some("delivery"),
            Some(id),
            &serde_json::to_string(&delivery).unwrap_or_default(),
        );
        let smee_frame = sse::encode(None, Some(id), &smee_data(&delivery).to_string());

        let mut reached_raw = 0;
        let mut reached_smee = 0;
        state.subscribers.retain(|sub| {
            let frame = if sub.raw {
                raw_frame.clone()
            } else {
                smee_frame.clone()
            };
            let sent = sub.tx.try_send(frame).is_ok();
            if sent {
                if sub.raw {
                    reached_raw += 1;
                } else {
                    reached_smee += 1;
                }
            }
            sent
        });
        if reached_smee > 0 {
            push_recent(&mut state.recent, id, smee_frame.clone());
        }
        if reached_raw > 0 {
            let (tx, rx) = oneshot::channel();
            state.pending.insert(
                id,
                Pending {
                    raw_frame,
                    smee_frame,
                    size,
                    buffered: false,
                    waiter: Some(tx),
                },
            );
            return Offer::Held { id, answer: rx };
        }
        if reached_smee > 0 {
            return Offer::Broadcast {
                id,
                clients: reached_smee,
            };
        }
        if limits.buffer == 0 || size > limits.buffer_bytes {
            return Offer::NoClient;
        }
        let mut dropped = Vec::new();
        loop {
            let buffered = state.buffered_ids();
            let fits = buffered.len() < limits.buffer
                && state.buffered_bytes + size <= limits.buffer_bytes;
            if fits {
                break;
            }
            let Some(oldest) = buffered.first() else {
                break;
            };
            if let Some(old) = state.pending.remove(oldest) {
                state.buffered_bytes -= old.size;
                dropped.push(*oldest);
            }
        }
        state.buffered_bytes += size;
        state.pending.insert(
            id,
            Pending {
                raw_frame,
                smee_frame,
                size,
                buffered: true,
                waiter: None,
            },
        );
        Offer::Buffered { id, dropped }
    }

    /// Open an event stream. Raw clients get every unacknowledged delivery again; smee clients get
    /// what followed `last_event_id` and whatever was buffered for them.
    pub fn subscribe(
        &self,
        raw: bool,
        last_event_id: Option<u64>,
        max_streams: usize,
    ) -> Result<(u64, mpsc::Receiver<Bytes>), TooManyStreams> {
        let mut state = self.lock();
        state.subscribers.retain(|sub| !sub.tx.is_closed());
        if state.subscribers.len() >= max_streams {
            return Err(TooManyStreams(max_streams));
        }
        let backlog = state.pending.len() + state.recent.len();
        let (tx, rx) = mpsc::channel(SUBSCRIBER_QUEUE.max(backlog + 16));
        let ready = json!({"relay": RELAY_NAME, "channel": self.id, "format": if raw { "raw" } else { "smee" }});
        let _ = tx.try_send(sse::encode(Some("ready"), None, &ready.to_string()));
        if raw {
            for pending in state.pending.values() {
                let _ = tx.try_send(pending.raw_frame.clone());
            }
        } else {
            let after = last_event_id.unwrap_or(u64::MAX);
            if last_event_id.is_some() {
                for (_, frame) in state.recent.iter().filter(|(id, _)| *id > after) {
                    let _ = tx.try_send(frame.clone());
                }
            }
            // A smee client cannot acknowledge: buffered deliveries count as delivered once sent.
            for id in state.buffered_ids() {
                if let Some(pending) = state.pending.remove(&id) {
                    state.buffered_bytes -= pending.size;
                    let _ = tx.try_send(pending.smee_frame.clone());
                    push_recent(&mut state.recent, id, pending.smee_frame);
                }
            }
        }
        let key = state.next_key;
        state.next_key += 1;
        state.subscribers.push(Subscriber { key, raw, tx });
        Ok((key, rx))
    }

    /// A client's answer (also its acknowledgement). False when the delivery is unknown or gone.
    pub fn answer(&self, id: u64, answer: RawAnswer) -> bool {
        let mut state = self.lock();
        let Some(pending) = state.pending.remove(&id) else {
            return false;
        };
        if pending.buffered {
            state.buffered_bytes -= pending.size;
        }
        if let Some(waiter) = pending.waiter {
            let _ = waiter.send(answer);
        }
        true
    }

    /// The sender stopped waiting (hold expired): forget a held delivery; Zernio will retry it.
    pub fn expire(&self, id: u64) {
        let mut state = self.lock();
        if state.pending.get(&id).is_some_and(|p| !p.buffered) {
            state.pending.remove(&id);
        }
    }

    /// Open streams (closed ones are noticed lazily).
    pub fn streams(&self) -> usize {
        let mut state = self.lock();
        state.subscribers.retain(|sub| !sub.tx.is_closed());
        state.subscribers.len()
    }

    pub fn unsubscribe(&self, key: u64) {
        self.lock().subscribers.retain(|sub| sub.key != key);
    }

    fn is_idle(&self) -> bool {
        let mut state = self.lock();
        state.subscribers.retain(|sub| !sub.tx.is_closed());
        state.subscribers.is_empty() && state.pending.is_empty()
    }
}

fn push_recent(recent: &mut VecDeque<(u64, Bytes)>, id: u64, frame: Bytes) {
    if recent.len() >= RECENT {
        recent.pop_front();
    }
    recent.push_back((id, frame));
}

/// smee.io's message: the lower-cased request headers plus `body` (parsed JSON), `query` and
/// `timestamp` (ms). Headers smee-client would have to recompute (length, host, hop-by-hop) are left
/// out, since it re-serialises the body; repeated headers are joined with `, ` as Node does.
pub fn smee_data(delivery: &RawDelivery) -> Value {
    let mut data = Map::new();
    for (name, value) in &delivery.headers {
        if is_hop_by_hop(name, None) {
            continue;
        }
        match data.get_mut(name) {
            Some(Value::String(existing)) => {
                existing.push_str(", ");
                existing.push_str(value);
            }
            _ => {
                data.insert(name.clone(), Value::String(value.clone()));
            }
        }
    }
    let body = delivery.body_bytes().unwrap_or_default();
    let body = serde_json::from_slice::<Value>(&body)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&body).into_owned()));
    let mut query = Map::new();
    if let Some(q) = &delivery.query
        && let Ok(url) = reqwest::Url::parse(&format!("http://relay/?{q}"))
    {
        for (key, value) in url.query_pairs() {
            query.insert(key.into_owned(), Value::String(value.into_owned()));
        }
    }
    data.insert("body".into(), body);
    data.insert("query".into(), Value::Object(query));
    let millis = humantime::parse_rfc3339(&delivery.received_at)
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_millis() as u64);
    data.insert("timestamp".into(), json!(millis));
    Value::Object(data)
}

/// Every channel of a relay.
#[derive(Debug, Default)]
pub struct Hub {
    channels: Mutex<HashMap<String, Arc<Channel>>>,
}

impl Hub {
    /// The channel with this ID, created on first use (None when the relay is full).
    pub fn channel(&self, id: &str) -> Option<Arc<Channel>> {
        let mut channels = self.channels.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(channel) = channels.get(id) {
            return Some(channel.clone());
        }
        if channels.len() >= MAX_CHANNELS {
            channels.retain(|_, channel| !channel.is_idle());
            if channels.len() >= MAX_CHANNELS {
                return None;
            }
        }
        let channel = Arc::new(Channel::new(id.to_string()));
        channels.insert(id.to_string(), channel.clone());
        Some(channel)
    }

    /// An existing channel, without creating one.
    pub fn existing(&self, id: &str) -> Option<Arc<Channel>> {
        self.channels
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(id)
            .cloned()
    }

    /// Forget channels with no subscriber and nothing pending.
    pub fn sweep(&self) {
        self.channels
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .retain(|_, channel| !channel.is_idle());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn delivery(id: u64, body: &str) -> RawDelivery {
        RawDelivery {
            id,
            channel: "c".into(),
            method: "POST".into(),
            path: "/".into(),
            query: Some("a=1&b=two".into()),
            headers: vec![
                ("content-type".into(), "application/json".into()),
                ("content-length".into(), "9".into()),
                ("x-dup".into(), "1".into()),
                ("x-dup".into(), "2".into()),
            ],
            body: crate::relay::encode_b64(body.as_bytes()),
            received_at: "2026-11-29T18:00:00.000Z".into(),
            remote_addr: None,
        }
    }

    const LIMITS: Limits = Limits {
        buffer: 2,
        buffer_bytes: 1 << 20,
        max_streams: 2,
    };

    #[test]
    fn no_client_means_503_or_buffer() {
        let channel = Channel::new("c".into());
        let none = Limits {
            buffer: 0,
            ..LIMITS
        };
        assert!(matches!(
            channel.offer(none, |id| delivery(id, "{}")),
            Offer::NoClient
        ));
        assert!(matches!(
            channel.offer(LIMITS, |id| delivery(id, "{}")),
            Offer::Buffered { id: 2, .. }
        ));
        assert!(matches!(
            channel.offer(LIMITS, |id| delivery(id, "{}")),
            Offer::Buffered { id: 3, .. }
        ));
        match channel.offer(LIMITS, |id| delivery(id, "{}")) {
            Offer::Buffered { id: 4, dropped } => {
                assert_eq!(dropped, vec![2], "the oldest is dropped")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn raw_subscribers_get_unacknowledged_deliveries_again() {
        let channel = Channel::new("c".into());
        channel.offer(LIMITS, |id| delivery(id, "{\"n\":1}"));
        let (_, mut rx) = channel.subscribe(true, None, 2).unwrap();
        let ready = rx.try_recv().unwrap();
        assert!(String::from_utf8_lossy(&ready).contains("event: ready"));
        let buffered = String::from_utf8_lossy(&rx.try_recv().unwrap()).into_owned();
        assert!(
            buffered.contains("event: delivery") && buffered.contains("id: 1"),
            "{buffered}"
        );
        drop(rx);
        // Not acknowledged: a new raw subscriber gets it again, then answers it.
        let (_, mut rx) = channel.subscribe(true, Some(1), 2).unwrap();
        rx.try_recv().unwrap();
        assert!(String::from_utf8_lossy(&rx.try_recv().unwrap()).contains("id: 1"));
        let answer = RawAnswer {
            status: 200,
            headers: vec![],
            body: String::new(),
        };
        assert!(channel.answer(1, answer.clone()));
        assert!(!channel.answer(1, answer), "answered once");
        assert!(matches!(
            channel.offer(LIMITS, |id| delivery(id, "{}")),
            Offer::Held { id: 2, .. }
        ));
    }

    #[test]
    fn held_deliveries_get_the_answer() {
        let channel = Channel::new("c".into());
        let (_, _rx) = channel.subscribe(true, None, 2).unwrap();
        let Offer::Held { id, mut answer } = channel.offer(LIMITS, |id| delivery(id, "{}")) else {
            panic!()
        };
        channel.answer(
            id,
            RawAnswer {
                status: 418,
                headers: vec![],
                body: String::new(),
            },
        );
        assert_eq!(answer.try_recv().unwrap().status, 418);
    }

    #[test]
    fn smee_clients_resume_after_last_event_id_and_streams_are_limited() {
        let channel = Channel::new("c".into());
        let (_, rx) = channel.subscribe(false, None, 2).unwrap();
        for _ in 0..3 {
            assert!(matches!(
                channel.offer(LIMITS, |id| delivery(id, "{}")),
                Offer::Broadcast { clients: 1, .. }
            ));
        }
        drop(rx);
        let (_, mut rx) = channel.subscribe(false, Some(2), 2).unwrap();
        rx.try_recv().unwrap();
        let again = String::from_utf8_lossy(&rx.try_recv().unwrap()).into_owned();
        assert!(again.contains("id: 3"), "{again}");
        assert!(rx.try_recv().is_err(), "nothing before Last-Event-ID");
        let (_, _second) = channel.subscribe(false, None, 2).unwrap();
        assert_eq!(
            channel.subscribe(false, None, 2).unwrap_err(),
            TooManyStreams(2)
        );
    }

    #[test]
    fn smee_message_shape() {
        let data = smee_data(&delivery(1, "{\"id\":\"e1\"}"));
        assert_eq!(data["body"]["id"], "e1");
        assert_eq!(data["query"]["b"], "two");
        assert_eq!(data["x-dup"], "1, 2");
        assert_eq!(data["content-type"], "application/json");
        assert!(data.get("content-length").is_none());
        assert_eq!(data["timestamp"], 1_795_975_200_000u64);
    }
}
