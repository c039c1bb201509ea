//! One SSE subscriber: connects, waits for the `connected` event, then notes
//! the arrival time of every event until told to stop.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use tokio::sync::watch;

/// One event as the subscriber saw it.
#[derive(Debug, Clone)]
pub struct Received {
    pub name: String,
    pub id: Option<String>,
    pub at: Instant,
}

/// Counters the driver watches while subscribers run.
#[derive(Default)]
pub struct Progress {
    /// Subscribers that have their `connected` event.
    pub connected: AtomicUsize,
    /// Subscribers that failed to connect.
    pub failed: AtomicUsize,
    /// Subscribers whose stream ended before they were told to stop.
    pub dropped: AtomicUsize,
    /// `received[k]`: subscribers that have seen at least k + 1 change events.
    pub received: Vec<AtomicUsize>,
}

impl Progress {
    pub fn new(events: usize) -> Progress {
        Progress { received: (0..events).map(|_| AtomicUsize::new(0)).collect(), ..Default::default() }
    }

    /// Subscribers still listening.
    pub fn alive(&self) -> usize {
        self.connected.load(Ordering::SeqCst).saturating_sub(self.dropped.load(Ordering::SeqCst))
    }
}

/// What one subscriber saw, in order; `None` if it never connected.
pub type Log = Option<Vec<Received>>;

/// Subscribe and record until `stop` turns true. `permit` is released once
/// the stream is open, so the caller can bound how many connect at a time.
pub async fn subscribe(
    client: reqwest::Client,
    url: String,
    cookie: String,
    progress: Arc<Progress>,
    permit: tokio::sync::OwnedSemaphorePermit,
    connect_timeout: Duration,
    mut stop: watch::Receiver<bool>,
) -> Log {
    let opened = tokio::time::timeout(connect_timeout, async {
        let res = client
            .get(&url)
            .header(reqwest::header::COOKIE, &cookie)
            .header(reqwest::header::ACCEPT, "text/event-stream")
            .send()
            .await
            .ok()?;
        res.status().is_success().then_some(res)
    })
    .await
    .ok()
    .flatten();
    let Some(res) = opened else {
        progress.failed.fetch_add(1, Ordering::SeqCst);
        return None;
    };
    let mut body = res.bytes_stream();
    let mut parser = Parser::default();
    let mut log = Vec::new();
    let mut connected = false;
    let mut permit = Some(permit);
    let deadline = tokio::time::sleep(connect_timeout);
    tokio::pin!(deadline);
    loop {
        let chunk = tokio::select! {
            c = body.next() => c,
            _ = stop.changed() => break,
            _ = &mut deadline, if !connected => None,
        };
        let Some(Ok(chunk)) = chunk else {
            if connected {
                progress.dropped.fetch_add(1, Ordering::SeqCst);
            } else {
                progress.failed.fetch_add(1, Ordering::SeqCst);
                return None;
            }
            break;
        };
        // One timestamp per chunk: every event in it arrived at the same moment.
        let at = Instant::now();
        for (name, id) in parser.feed(&chunk) {
            if name == "connected" && !connected {
                connected = true;
                permit.take();
                progress.connected.fetch_add(1, Ordering::SeqCst);
                continue;
            }
            if let Some(slot) = progress.received.get(log.len()) {
                slot.fetch_add(1, Ordering::SeqCst);
            }
            log.push(Received { name, id, at });
        }
    }
    connected.then_some(log)
}

/// Splits an SSE byte stream into events: (event name, id). Keep-alive
/// comments and data lines are skipped; the name defaults to `message`.
#[derive(Default)]
pub struct Parser {
    buf: Vec<u8>,
}

impl Parser {
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<(String, Option<String>)> {
        self.buf.extend_from_slice(bytes);
        let mut out = Vec::new();
        while let Some(end) = find_blank_line(&self.buf) {
            let block: Vec<u8> = self.buf.drain(..end.1).take(end.0).collect();
            let text = String::from_utf8_lossy(&block);
            let mut name = None;
            let mut id = None;
            let mut any_field = false;
            for line in text.lines() {
                if line.starts_with(':') {
                    continue;
                }
                any_field = true;
                let (field, value) =
                    line.split_once(':').map(|(f, v)| (f, v.strip_prefix(' ').unwrap_or(v))).unwrap_or((line, ""));
                match field {
                    "event" => name = Some(value.to_string()),
                    "id" => id = Some(value.to_string()),
                    _ => {}
                }
            }
            if any_field {
                out.push((name.unwrap_or_else(|| "message".into()), id));
            }
        }
        out
    }
}

/// (end of the event's text, end of the blank line after it)
fn find_blank_line(buf: &[u8]) -> Option<(usize, usize)> {
    (0..buf.len()).find_map(|i| {
        if buf[i..].starts_with(b"\n\n") {
            Some((i, i + 2))
        } else if buf[i..].starts_with(b"\r\n\r\n") {
            Some((i, i + 4))
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_split_across_chunks_come_out_whole_and_comments_are_skipped() {
        let mut p = Parser::default();
        assert!(p.feed(b"event: connected\ndata: {}\n").is_empty());
        assert_eq!(
            p.feed(b"\n:\n\nevent: a.b\nid: 7\ndata: x\n\nev"),
            vec![("connected".into(), None), ("a.b".into(), Some("7".into()))]
        );
        assert_eq!(p.feed(b"ent: c\r\n\r\ndata: only\n\n"), vec![("c".into(), None), ("message".into(), None)]);
    }
}
