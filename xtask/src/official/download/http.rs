//! One GET with a timeout, a size limit on the body, and retries with exponential backoff on
//! connection errors, timeouts and 5xx replies (not on 4xx, nor on a body over the limit).

use std::io;
use std::thread;
use std::time::{Duration, Instant};

/// How requests are made.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Connecting, and the whole request with its body, must take no longer.
    pub timeout: Duration,
    /// How many times a request is tried in all (at least once).
    pub tries: u32,
    /// The wait before the second try; it doubles for each further try.
    pub backoff: Duration,
    /// The largest body accepted, in bytes.
    pub max_body: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { timeout: Duration::from_secs(30), tries: 3, backoff: Duration::from_millis(500), max_body: 64 << 20 }
    }
}

/// A client for a run.
pub struct Client {
    agent: ureq::Agent,
    limits: Limits,
}

/// Why one try failed, and whether another may succeed.
enum Failure {
    Transient(String),
    Final(String),
}

impl Client {
    pub fn new(limits: Limits) -> Client {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_connect(Some(limits.timeout))
            .timeout_global(Some(limits.timeout))
            .user_agent(concat!("hms-xtask/", env!("CARGO_PKG_VERSION")))
            .build();
        Client { agent: config.into(), limits }
    }

    /// The body of `url`. Each failed try is told to `note` (what went wrong, and the wait
    /// before the next try); the error names the URL and what went wrong the last time.
    pub fn get(&self, url: &str, note: &mut dyn FnMut(&str)) -> Result<Vec<u8>, String> {
        let tries = self.limits.tries.max(1);
        let mut wait = self.limits.backoff;
        for attempt in 1..=tries {
            match self.try_once(url) {
                Ok(body) => return Ok(body),
                Err(Failure::Final(why)) => return Err(format!("{url}: {why}")),
                Err(Failure::Transient(why)) if attempt == tries => {
                    let after = if tries == 1 { String::new() } else { format!(" (after {tries} tries)") };
                    return Err(format!("{url}: {why}{after}"));
                }
                Err(Failure::Transient(why)) => {
                    note(&format!("{why}; try {} of {tries} in {}", attempt + 1, seconds(wait)));
                    thread::sleep(wait);
                    wait = wait.saturating_mul(2);
                }
            }
        }
        Err(format!("{url}: not tried"))
    }

    fn try_once(&self, url: &str) -> Result<Vec<u8>, Failure> {
        let started = Instant::now();
        let mut response = self.agent.get(url).call().map_err(|e| self.failure(e, started, None))?;
        let status = response.status().as_u16();
        if status >= 500 {
            return Err(Failure::Transient(format!("HTTP status {status}")));
        }
        if !(200..300).contains(&status) {
            return Err(Failure::Final(format!("HTTP status {status}")));
        }
        let expected = response.body().content_length();
        let body = response
            .body_mut()
            .with_config()
            .limit(self.limits.max_body)
            .read_to_vec()
            .map_err(|e| self.failure(e, started, expected))?;
        match expected {
            Some(expected) if (body.len() as u64) < expected => {
                Err(Failure::Transient(format!("truncated body: {} of {expected} bytes", body.len())))
            }
            _ => Ok(body),
        }
    }

    /// What `error` means, `expected` the body's Content-Length if it had one.
    fn failure(&self, error: ureq::Error, started: Instant, expected: Option<u64>) -> Failure {
        use ureq::Error as E;
        let of = expected.map_or(String::new(), |n| format!(" of its {n} bytes"));
        match error {
            E::Timeout(_) => Failure::Transient(format!("timed out after {}", seconds(started.elapsed()))),
            E::BodyExceedsLimit(limit) => Failure::Final(format!("body larger than the limit of {limit} bytes")),
            E::Io(e) if e.kind() == io::ErrorKind::UnexpectedEof => {
                Failure::Transient(format!("truncated body: the connection closed before the end{of} ({e})"))
            }
            E::Io(e) if e.kind() == io::ErrorKind::TimedOut || e.kind() == io::ErrorKind::WouldBlock => {
                Failure::Transient(format!("timed out after {}", seconds(started.elapsed())))
            }
            E::Io(e) => Failure::Transient(format!("connection error: {e}")),
            e @ (E::ConnectionFailed | E::HostNotFound | E::Protocol(_)) => {
                Failure::Transient(format!("connection error: {e}"))
            }
            e => Failure::Final(e.to_string()),
        }
    }
}

/// `0.5 s`.
pub fn seconds(duration: Duration) -> String {
    format!("{:.1} s", duration.as_secs_f64())
}
